package io.epr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.epr.config.EprConfig;
import io.epr.support.Http;
import io.epr.support.TestBroker;
import io.epr.support.TopicReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With EPR_DB and EPR_BROKERS unset the service starts its embedded PostgreSQL and an in-process broker (on a port
 * free now, EPR_EMBEDDED_KAFKA_PORT, not the default 19092 another broker may hold), keeping their data under the
 * data directory across restarts.
 */
class EmbeddedDefaultsTest {

  @Test
  void startsItsOwnDatabaseAndBrokerAndKeepsTheirData(@TempDir Path data) {
    int port = TestBroker.freePort();
    int kafkaPort = TestBroker.freePort();
    String brokers = "127.0.0.1:" + kafkaPort;
    EprConfig config = EprConfig.from(List.of("--data-dir", data.toString()), Map.of("EPR_HOST", "127.0.0.1",
        "EPR_PORT", String.valueOf(port), "EPR_EMBEDDED_KAFKA_PORT", String.valueOf(kafkaPort)));
    Http http = new Http("http://127.0.0.1:" + port);
    String rid;
    try (EprServer server = EprServer.start(config)) {
      rid = http.post("/api/v1/receivers", "{\"name\":\"n\",\"type\":\"embedded.test\",\"version\":\"1\","
          + "\"description\":\"d\",\"schema\":{}}").id();
      try (TopicReader topic = new TopicReader(brokers, "epr.dev.events")) {
        topic.await(m -> m.path("id").asText().equals(rid), 1, Duration.ofSeconds(20));
      }
    }
    try (EprServer server = EprServer.start(config)) {
      assertEquals(200, http.get("/api/v1/receivers/" + rid).status(), "the receiver survived the restart");
      try (TopicReader topic = new TopicReader(brokers, "epr.dev.events")) {
        assertEquals(1, topic.await(m -> m.path("id").asText().equals(rid), 1, Duration.ofSeconds(20)).size(),
            "so did its message");
      }
    }
  }
}
