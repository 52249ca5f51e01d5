package io.epr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import io.epr.config.EprConfig;
import io.epr.support.Bodies;
import io.epr.support.Http;
import io.epr.support.TestBroker;
import io.epr.support.TopicReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * With EPR_DB and EPR_BROKERS unset the service starts its embedded PostgreSQL and an in-process broker (on a port
 * free now, EPR_EMBEDDED_KAFKA_PORT, not the default 19092 another broker may hold), keeping their data under the
 * data directory across restarts. A first start says that it initialises them (once); a restart reuses them.
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
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    Logger serverLog = (Logger) LoggerFactory.getLogger(EprServer.class);
    serverLog.addAppender(log);
    List<String> firstStart;
    List<String> restart;
    try (EprServer server = EprServer.start(config)) {
      rid = http.post("/api/v1/receivers", Bodies.receiver("n", "embedded.test")).id();
      try (TopicReader topic = new TopicReader(brokers, "epr.dev.events")) {
        topic.await(m -> m.path("id").asText().equals(rid), 1, Duration.ofSeconds(20));
      }
    }
    firstStart = lines(log);
    synchronized (log) {
      log.list.clear();
    }
    try (EprServer server = EprServer.start(config)) {
      assertEquals(200, http.get("/api/v1/receivers/" + rid).status(), "the receiver survived the restart");
      try (TopicReader topic = new TopicReader(brokers, "epr.dev.events")) {
        assertEquals(1, topic.await(m -> m.path("id").asText().equals(rid), 1, Duration.ofSeconds(20)).size(),
            "so did its message");
      }
    } finally {
      restart = lines(log);
      serverLog.detachAppender(log);
    }
    Path postgres = data.resolve("postgres").toAbsolutePath();
    Path kafka = data.resolve("kafka").toAbsolutePath();
    assertSaid(firstStart, "embedded PostgreSQL's first start, ");
    // on a machine where the binaries were never extracted, the same line says so before "initialising"
    assertSaid(firstStart, "initialising the database in " + postgres + " (once");
    assertSaid(firstStart, "the in-process Kafka broker's first start, formatting its storage in " + kafka + " (once)");
    assertSaid(firstStart, "embedded PostgreSQL ready at postgres://postgres@localhost:");
    assertSaid(firstStart, "in-process Kafka broker ready at " + brokers + " in ");
    assertSaid(restart, "EPR_DB unset: starting embedded PostgreSQL (data in " + postgres + ")");
    assertSaid(restart, "EPR_BROKERS unset: starting in-process Kafka broker (data in " + kafka + ")");
    assertSaid(restart, "embedded PostgreSQL ready at postgres://postgres@localhost:");
    assertSaid(restart, "in-process Kafka broker ready at " + brokers + " in ");
    assertTrue(restart.stream().noneMatch(l -> l.contains("first start")), "a restart reuses the data: " + restart);
  }

  private static List<String> lines(ListAppender<ILoggingEvent> log) {
    synchronized (log) {
      return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
  }

  private static void assertSaid(List<String> lines, String part) {
    assertTrue(lines.stream().anyMatch(l -> l.contains(part)), "a line with \"" + part + "\" in\n" + String.join("\n", lines));
  }
}
