package io.epr.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.epr.embedded.EmbeddedKafkaBroker;
import io.epr.support.Bodies;
import io.epr.support.EprTestServer;
import io.epr.support.TestBroker;
import io.epr.support.TopicReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The transactional outbox against a broker that goes away: nothing a client was told is stored is lost. */
class OutboxDeliveryTest {
  @Test
  void brokerStoppedAndRestartedWhileEventsArePosted() throws Exception {
    int port = TestBroker.freePort();
    Path dir = TestBroker.tempDir("epr-outbox-kafka");
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start("127.0.0.1", port, dir);
    try (EprTestServer server = new EprTestServer(broker.bootstrapServers(), Map.of())) {
      String rid = server.http.post("/api/v1/receivers", Bodies.receiver("n", "outbox.test")).id();
      List<String> ids = new ArrayList<>();
      ids.add(postEvent(server, rid, 0));
      try (TopicReader topic = server.reader()) {
        topic.await(m -> m.path("id").asText().equals(ids.get(0)), 1, Duration.ofSeconds(15));
      }

      broker.close();
      for (int i = 1; i <= 30; i++) {
        ids.add(postEvent(server, rid, i));
      }
      assertEquals(200, server.http.get("/healthz/readiness").status(), "ingest goes on without the broker");
      JsonNode status = server.http.get("/healthz/status").json();
      assertTrue(status.at("/outbox/pending").asLong() > 0, status.toString());
      assertEquals(31, count(server, "SELECT count(*) FROM events"));

      broker = EmbeddedKafkaBroker.start("127.0.0.1", port, dir);
      try (TopicReader topic = server.reader()) {
        Set<String> wanted = new HashSet<>(ids);
        List<ConsumerRecord<String, String>> records =
            topic.await(m -> wanted.contains(m.path("id").asText()), ids.size(), Duration.ofSeconds(60));
        Set<String> arrived = new HashSet<>();
        Set<String> recordIds = new HashSet<>();
        for (ConsumerRecord<String, String> r : records) {
          arrived.add(TopicReader.json(r).get("id").asText());
          recordIds.add(new String(r.headers().lastHeader(KafkaSink.RECORD_ID_HEADER).value(), StandardCharsets.UTF_8));
        }
        assertEquals(wanted, arrived, "every event's message arrives");
        assertEquals(arrived.size(), recordIds.size(), "a duplicate would carry the same record id");
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (count(server, "SELECT count(*) FROM epr_outbox") > 0 && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertEquals(0, count(server, "SELECT count(*) FROM epr_outbox"), "the backlog drained");
      assertEquals(0, count(server, "SELECT count(*) FROM epr_dead_letters"));
    } finally {
      broker.close();
    }
  }

  /** A record the broker can never take is moved to the dead letters with the reason, and counted. */
  @Test
  void undeliverableRecordsBecomeDeadLetters() throws Exception {
    try (EprTestServer server = new EprTestServer(TestBroker.sharedBootstrap(), Map.of("EPR_TOPIC", "not a valid topic!"))) {
      server.http.post("/api/v1/receivers", Bodies.receiver("n", "outbox.test")).id();
      // three "receiver created" messages: the built-in SBOM and test-report receivers' (made at start-up) and this one's
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (count(server, "SELECT count(*) FROM epr_dead_letters") < 3 && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      try (Connection c = server.db.connect(); Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("SELECT reason, topic, attempts FROM epr_dead_letters")) {
        for (int i = 0; i < 3; i++) {
          assertTrue(rs.next(), "three dead letters; outbox: " + lastErrors(server));
          assertTrue(rs.getString("reason").contains("InvalidTopicException"), rs.getString("reason"));
          assertEquals("not a valid topic!", rs.getString("topic"));
        }
      }
      assertEquals(0, count(server, "SELECT count(*) FROM epr_outbox"));
      assertEquals(1, count(server, "SELECT count(*) FROM event_receivers WHERE type = 'outbox.test'"),
          "the receiver itself is stored");
      String metrics = "";
      deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!metrics.contains("epr_outbox_dead{sink=\"kafka\"} 3.0") && System.nanoTime() < deadline) {
        Thread.sleep(200);
        metrics = server.http.get("/metrics").body();
      }
      assertTrue(metrics.contains("epr_outbox_dead{sink=\"kafka\"} 3.0"), metrics);
      assertTrue(metrics.contains("epr_outbox_dead_lettered_total{sink=\"kafka\"} 3.0"));
    }
  }

  private static String postEvent(EprTestServer server, String rid, int i) {
    ObjectNode event = Bodies.event(rid, "svc", String.valueOf(i));
    event.putObject("payload").put("i", i);
    return server.http.post("/api/v1/events", event).id();
  }

  private static String lastErrors(EprTestServer server) throws Exception {
    try (Connection c = server.db.connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT string_agg(attempts || ' ' || coalesce(last_error, '-'), '; ') FROM epr_outbox")) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static long count(EprTestServer server, String sql) throws Exception {
    try (Connection c = server.db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
