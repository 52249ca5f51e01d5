package io.epr.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.epr.support.Bodies;
import io.epr.support.EprTestServer;
import io.epr.support.StandInCollector;
import io.epr.support.TestBroker;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The service's CDViz settings, end to end: token and signature accepted, retries that run out. */
class CdvizForwardingTest {
  @Test
  void tokenAndSignatureAreWhatTheCollectorRequires() {
    try (StandInCollector collector = new StandInCollector().requireBearer("s3cret-token").requireSignature("hmac-key").start();
         EprTestServer server = new EprTestServer(TestBroker.sharedBootstrap(), Map.of("EPR_CDVIZ_URL", collector.url(),
             "EPR_CDVIZ_TOKEN", "s3cret-token", "EPR_CDVIZ_SECRET", "hmac-key"))) {
      String rid = server.http.post("/api/v1/receivers", Bodies.receiver("r", "ci.pipelinerun.started")).id();
      post(server, rid, "signed");
      await(() -> collector.stored().size() == 1, "the collector accepted the signed CDEvent");
      StandInCollector.Request request = collector.requests().get(0);
      assertEquals(201, request.status());
      assertEquals("Bearer s3cret-token", request.header("Authorization"));
      assertTrue(request.header("X-Signature-256").startsWith("sha256="));
    }
  }

  @Test
  void retriesThatRunOutLeaveADeadLetterWithTheLastError() {
    try (StandInCollector collector = new StandInCollector().start();
         EprTestServer server = new EprTestServer(TestBroker.sharedBootstrap(), Map.of("EPR_CDVIZ_URL", collector.url(),
             "EPR_CDVIZ_MAX_ATTEMPTS", "3"))) {
      collector.respondWith(503);
      String rid = server.http.post("/api/v1/receivers", Bodies.receiver("r", "ci.pipelinerun.started")).id();
      post(server, rid, "exhausted");
      await(() -> server.http.get("/api/v1/dead-letters").json().get("data").size() == 1, "a dead letter");
      JsonNode letter = server.http.get("/api/v1/dead-letters").json().at("/data/0");
      assertEquals("cdviz", letter.get("target").asText());
      assertEquals("gave up after 3 attempts", letter.get("reason").asText());
      assertTrue(letter.get("last_error").asText().startsWith("HTTP 503"), letter.toString());
      assertEquals(3, letter.get("attempts").asInt());
      assertEquals(3, collector.requests().size());

      collector.reset();
      assertEquals("{\"data\":1}\n", server.http.post("/api/v1/dead-letters/retry", "").body());
      await(() -> collector.stored().size() == 1, "delivered after the retry");
      assertTrue(server.http.get("/metrics").body().contains("epr_outbox_dead_lettered_total{sink=\"cdviz\"} 1.0"));
    }
  }

  private static void post(EprTestServer server, String rid, String release) {
    ObjectNode event = Bodies.event(rid, "svc", release);
    event.putObject("payload").put("pipeline_name", "p");
    server.http.post("/api/v1/events", event).id();
  }

  private static void await(java.util.function.BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for: " + what);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
