package io.epr.watcher;

import static io.epr.watcher.Scenario.EVENT;
import static io.epr.watcher.Scenario.RECEIVER;
import static io.epr.watcher.Scenario.await;
import static io.epr.watcher.Scenario.settle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.epr.model.Nvrpp;
import io.epr.support.EprTestServer;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The watcher SDK against the real service and broker: matching, skipping what is not EPR's, retries, commits. */
class WatcherTest {

  @Test
  void handsTheMatchingMessageToTheHandlerAndSkipsRecordsThatAreNotEprMessages() throws Exception {
    try (EprTestServer server = new EprTestServer()) {
      produce(server, "free text from the workshop", "{\"hello\":\"world\"}", "[1,2,3]", "{\"type\":\"foo.bar\"}");
      String rid = server.http.post("/api/v1/receivers", RECEIVER).id();
      String eid = server.http.post("/api/v1/events", EVENT.formatted("7.0.1", rid)).id();
      List<Message> handled = new CopyOnWriteArrayList<>();
      try (Watcher watcher = fooBarWatcher(server, group(), handled::add).start()) {
        await("the event message", () -> !handled.isEmpty());
        settle();
      }
      assertEquals(1, handled.size(), "messages handled: " + handled);
      Message m = handled.get(0);
      assertEquals(eid, m.id());
      assertTrue(m.success());
      assertEquals("1.0", m.specversion());
      assertEquals("epr", m.source());
      assertEquals("v1", m.apiVersion());
      assertEquals(new Nvrpp("magnificent", "7.0.1", "2023.11.16", "linux", "docker"), m.nvrpp());
      assertEquals(rid, m.data().at("/events/0/EventReceiver/id").asText());
      assertEquals("joe", m.data().at("/events/0/payload/name").asText());
    }
  }

  @Test
  void retriesAFailingHandler() throws Exception {
    try (EprTestServer server = new EprTestServer()) {
      String rid = server.http.post("/api/v1/receivers", RECEIVER).id();
      String eid = server.http.post("/api/v1/events", EVENT.formatted("7.0.1", rid)).id();
      AtomicInteger calls = new AtomicInteger();
      List<Message> handled = new CopyOnWriteArrayList<>();
      MessageHandler flaky = m -> {
        if (calls.incrementAndGet() <= 2) {
          throw new IllegalStateException("webhook down");
        }
        handled.add(m);
      };
      try (Watcher watcher = fooBarWatcher(server, group(), flaky).start()) {
        await("the third attempt", () -> !handled.isEmpty());
        settle();
      }
      assertEquals(3, calls.get());
      assertEquals(List.of(eid), handled.stream().map(Message::id).toList());
    }
  }

  @Test
  void aNewWatcherInTheSameGroupGetsOnlyWhatWasNotHandled() throws Exception {
    try (EprTestServer server = new EprTestServer()) {
      String group = group();
      String rid = server.http.post("/api/v1/receivers", RECEIVER).id();
      String first = server.http.post("/api/v1/events", EVENT.formatted("7.0.1", rid)).id();
      List<Message> before = new CopyOnWriteArrayList<>();
      try (Watcher watcher = fooBarWatcher(server, group, before::add).start()) {
        await("the first event", () -> !before.isEmpty());
      }
      String second = server.http.post("/api/v1/events", EVENT.formatted("7.0.2", rid)).id();
      List<Message> after = new CopyOnWriteArrayList<>();
      try (Watcher watcher = fooBarWatcher(server, group, after::add).start()) {
        await("the second event", () -> !after.isEmpty());
        settle();
      }
      assertEquals(List.of(first), before.stream().map(Message::id).toList());
      assertEquals(List.of(second), after.stream().map(Message::id).toList());
    }
  }

  private static Watcher fooBarWatcher(EprTestServer server, String group, MessageHandler handler) {
    return Watcher.builder()
        .brokers(server.brokers)
        .topics(server.topic)
        .group(group)
        .from(StartFrom.EARLIEST)
        .matcher(m -> m.type().equals("foo.bar"))
        .handler(handler)
        .retries(3, Duration.ofMillis(50))
        .build();
  }

  private static String group() {
    return "watcher-test-" + UUID.randomUUID();
  }

  private static void produce(EprTestServer server, String... values) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, server.brokers);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
      for (String value : values) {
        producer.send(new ProducerRecord<>(server.topic, value)).get();
      }
    }
  }
}
