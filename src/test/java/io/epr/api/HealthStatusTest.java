package io.epr.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.epr.support.Bodies;
import io.epr.support.EprTestServer;
import io.epr.support.TestBroker;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * /healthz/status tells what deliveries did (issue 13, item 10): it showed {@code by_sink: {}} after Kafka deliveries
 * and {@code last_delivery_error: null} right after a dead letter.
 */
class HealthStatusTest {
  @Test
  void perSinkFiguresShowTheDeliveries() throws InterruptedException {
    try (EprTestServer server = new EprTestServer()) {
      String rid = server.http.post("/api/v1/receivers", Bodies.receiver("n", "status.test")).id();
      for (int i = 0; i < 4; i++) {
        server.http.post("/api/v1/events", Bodies.event(rid, "svc", String.valueOf(i))).id();
      }
      // the two built-in receivers made at start-up, this receiver and the four events: seven EPR messages
      JsonNode kafka = awaitStatus(server, s -> s.at("/outbox/by_sink/kafka/delivered").asLong() >= 7)
          .at("/outbox/by_sink/kafka");
      assertEquals(7, kafka.get("delivered").asLong(), kafka.toString());
      assertEquals(0, kafka.get("dead_lettered").asLong(), kafka.toString());
      assertTrue(kafka.get("last_error").isNull(), kafka.toString());
      JsonNode status = server.http.get("/healthz/status").json();
      assertTrue(status.at("/outbox/last_delivery_error").isNull(), status.toString());
    }
  }

  @Test
  void aDeadLetterIsTheLastDeliveryError() throws InterruptedException {
    OffsetDateTime before = OffsetDateTime.now();
    try (EprTestServer server = new EprTestServer(TestBroker.sharedBootstrap(), Map.of("EPR_TOPIC", "not a valid topic!"))) {
      server.http.post("/api/v1/receivers", Bodies.receiver("n", "status.test")).id();
      JsonNode status = awaitStatus(server, s -> s.at("/outbox/by_sink/kafka/dead_lettered").asLong() >= 3
          && s.at("/outbox/dead_letters").asLong() >= 3);
      String error = status.at("/outbox/last_delivery_error").asText();
      assertTrue(error.startsWith("kafka: ") && error.contains("InvalidTopicException"), status.toString());
      assertEquals(error, "kafka: " + status.at("/outbox/by_sink/kafka/last_error").asText());
      OffsetDateTime at = OffsetDateTime.parse(status.at("/outbox/last_delivery_error_at").asText());
      assertTrue(!at.isBefore(before.minusSeconds(1)), status.toString());
      assertEquals(3, status.at("/outbox/by_sink/kafka/dead_letters").asLong(), status.toString());
      assertEquals(0, status.at("/outbox/by_sink/kafka/delivered").asLong(), status.toString());
    }
  }

  /** The status once it satisfies {@code ready}; deliveries happen after the requests are answered. */
  private static JsonNode awaitStatus(EprTestServer server, Predicate<JsonNode> ready) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    JsonNode status = server.http.get("/healthz/status").json();
    while (!ready.test(status) && System.nanoTime() < deadline) {
      Thread.sleep(100);
      status = server.http.get("/healthz/status").json();
    }
    assertTrue(ready.test(status), "status never got there: " + status);
    return status;
  }
}
