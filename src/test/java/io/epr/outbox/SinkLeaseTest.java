package io.epr.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.epr.bench.Bench;
import io.epr.bench.ServerProcess;
import io.epr.support.Bodies;
import io.epr.support.Http;
import io.epr.support.TestBroker;
import io.epr.support.TestDatabase;
import io.epr.support.TopicReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Two instances of the service (processes of their own) on one database and broker: one delivers to a sink at a
 * time while the other idles, and when the one delivering is killed (SIGKILL: its lease is not given back) the other
 * takes the sink over once the lease ran out, nothing lost.
 */
class SinkLeaseTest {
  private static final int LEASE_SECONDS = 10;

  @Test
  void oneInstanceDeliversToASinkAtATimeAndAnotherTakesOverWhenItIsKilled() throws Exception {
    String topic = "epr.test.lease." + UUID.randomUUID();
    Path logs = Path.of("target", "outbox-lease");
    Files.createDirectories(logs);
    try (TestDatabase db = new TestDatabase()) {
      Map<String, String> env = Map.of("EPR_DB", db.url(), "EPR_BROKERS", TestBroker.sharedBootstrap(),
          "EPR_TOPIC", topic, "EPR_CDEVENTS_TOPIC", topic + ".cdevents",
          "EPR_OUTBOX_LEASE", String.valueOf(LEASE_SECONDS));
      try (ServerProcess a = ServerProcess.fromClasspath(Bench.SERVER_FLAGS, env, TestBroker.freePort(),
              logs.resolve("a.log"));
          ServerProcess b = ServerProcess.fromClasspath(Bench.SERVER_FLAGS, env, TestBroker.freePort(),
              logs.resolve("b.log"));
          TopicReader reader = new TopicReader(TestBroker.sharedBootstrap(), topic)) {
        List<ServerProcess> instances = List.of(a, b);
        List<Http> https = List.of(new Http(a.baseUrl()), new Http(b.baseUrl()));
        long[] before = {delivered(https.get(0)), delivered(https.get(1))};
        String receiver = https.get(0).post("/api/v1/receivers", Bodies.receiver("n", "lease.test")).id();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
          ids.add(https.get(i % 2).post("/api/v1/events", Bodies.event(receiver, "svc", "burst-" + i)).id());
        }
        awaitOnce(reader, ids);
        // counted once the broker acknowledged them, which consumers may see first
        awaitDelivered(https, before[0] + before[1] + ids.size() + 1);
        long[] burst = {delivered(https.get(0)) - before[0], delivered(https.get(1)) - before[1]};
        assertTrue(burst[0] == 0 || burst[1] == 0, "one instance delivered the burst, the other idled: a delivered "
            + burst[0] + ", b " + burst[1]);
        assertEquals(ids.size() + 1, burst[0] + burst[1], "each event's message and the receiver's, once");

        int ownerPort = ownerPort(db);
        int dead = a.port == ownerPort ? 0 : 1;
        assertEquals(ownerPort, instances.get(dead).port, "the lease names the instance that delivers");
        ServerProcess survivor = instances.get(1 - dead);
        Http survivorHttp = https.get(1 - dead);
        instances.get(dead).kill();
        long survivorBefore = delivered(survivorHttp);
        List<String> after = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
          after.add(survivorHttp.post("/api/v1/events", Bodies.event(receiver, "svc", "after-" + i)).id());
        }
        long killed = System.nanoTime();
        awaitOnce(reader, after);
        System.out.printf("the survivor delivered the 20 events posted after the kill %.1f s later (lease %d s)%n",
            (System.nanoTime() - killed) / 1e9, LEASE_SECONDS);
        assertEquals(survivor.port, ownerPort(db), "the survivor took the lease over");
        awaitDelivered(survivorHttp, survivorBefore + after.size());
      }
    }
  }

  /** Waits until each event's message arrived, and checks that each arrived once, under one record id. */
  private static void awaitOnce(TopicReader reader, List<String> ids) {
    Set<String> wanted = new HashSet<>(ids);
    List<ConsumerRecord<String, String>> records =
        reader.await(m -> wanted.contains(m.path("id").asText()), ids.size(), Duration.ofSeconds(90));
    Set<String> recordIds = new HashSet<>();
    Set<String> arrived = new HashSet<>();
    for (ConsumerRecord<String, String> r : records) {
      arrived.add(TopicReader.json(r).get("id").asText());
      recordIds.add(new String(r.headers().lastHeader(KafkaSink.RECORD_ID_HEADER).value(), StandardCharsets.UTF_8));
    }
    assertEquals(wanted, arrived, "every event's message arrived");
    assertEquals(ids.size(), records.size(), "none twice");
    assertEquals(ids.size(), recordIds.size());
  }

  /** Waits until the instances together counted {@code total} records delivered. */
  private static void awaitDelivered(List<Http> instances, long total) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (instances.stream().mapToLong(SinkLeaseTest::delivered).sum() < total) {
      assertTrue(System.nanoTime() < deadline, "the instances never counted " + total + " records delivered");
      Thread.sleep(100);
    }
  }

  private static void awaitDelivered(Http instance, long total) throws InterruptedException {
    awaitDelivered(List.of(instance), total);
  }

  /** Records this instance delivered to Kafka since it started (/healthz/status). */
  private static long delivered(Http http) {
    return http.get("/healthz/status").json().at("/outbox/by_sink/kafka/delivered").asLong();
  }

  /** The port of the instance named as holding the Kafka sink's lease (owner: host:port). */
  private static int ownerPort(TestDatabase db) throws Exception {
    try (Connection c = db.connect(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT owner FROM epr_sink_positions WHERE sink = 'kafka'")) {
      assertTrue(r.next());
      String owner = r.getString(1);
      return Integer.parseInt(owner.substring(owner.lastIndexOf(':') + 1));
    }
  }
}
