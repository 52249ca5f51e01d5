package io.epr.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.epr.api.rest.StoreSnapshot;
import io.epr.support.Bodies;
import io.epr.support.EprTestServer;
import io.epr.support.Http.Response;
import io.epr.support.TestBroker;
import io.epr.support.TopicReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An answer that does not lie: a request answered by its timeout (EPR_REQUEST_TIMEOUT, 1 s here) changes nothing
 * afterwards, whatever held it up; a commit already under way when the time runs out is awaited and its outcome sent;
 * a commit slower than the grace after that gets a 503 that says it may have been stored, and the Idempotency-Key
 * then tells which. The database is held up for real: a table lock taken over JDBC, or a deferred trigger that makes
 * COMMIT itself slow.
 */
class TimedOutRequestsTest {
  private static final String STOPPED = "service unavailable: no answer within 1 s (EPR_REQUEST_TIMEOUT); the request "
      + "was stopped before it changed anything, so it can be sent again";
  private static EprTestServer server;
  private static String receiverId;
  private static String groupId;

  @BeforeAll
  static void start() {
    server = new EprTestServer(TestBroker.sharedBootstrap(), Map.of("EPR_REQUEST_TIMEOUT", "1"));
    receiverId = server.http.post("/api/v1/receivers", Bodies.receiver("r", "timeout.test")).id();
    groupId = server.http.post("/api/v1/groups", Bodies.group("g", receiverId)).id();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void createsHeldUpPastTheirTimeoutAreNeverStoredAfterwards() throws Exception {
    StoreSnapshot before = StoreSnapshot.take(server);
    Response event;
    Response receiver;
    Response group;
    Response disable;
    Response graphql;
    try (Connection lock = server.db.connect(); Statement s = lock.createStatement()) {
      lock.setAutoCommit(false);
      s.execute("LOCK TABLE events, event_receivers, event_receiver_groups IN EXCLUSIVE MODE");
      event = server.http.post("/api/v1/events", event("held-up"));
      receiver = server.http.post("/api/v1/receivers", Bodies.receiver("held-up", "t"));
      group = server.http.post("/api/v1/groups", Bodies.group("held-up", receiverId));
      disable = server.http.patch("/api/v1/groups/" + groupId, "{\"enabled\":false}");
      graphql = server.http.post("/api/v1/graphql/query", "{\"query\":\"mutation { create_event(event: {name: "
          + "\\\"held-up-gql\\\", version: \\\"1\\\", release: \\\"r1\\\", platform_id: \\\"linux\\\", package: "
          + "\\\"oci\\\", description: \\\"d\\\", payload: \\\"{}\\\", success: true, event_receiver_id: \\\""
          + receiverId + "\\\"}) }\"}");
      lock.rollback(); // the held-up work goes on now
    }
    for (Response answer : new Response[] {event, receiver, group, disable, graphql}) {
      assertEquals(503, answer.status(), answer.body());
      assertEquals(STOPPED, answer.error());
    }
    assertNothingStored(before, "held-up");
  }

  @Test
  void aCreateSentAgainWithItsKeyAfterA503IsStoredOnce() throws Exception {
    String key = UUID.randomUUID().toString();
    Response timedOut;
    try (Connection lock = server.db.connect(); Statement s = lock.createStatement()) {
      lock.setAutoCommit(false);
      s.execute("LOCK TABLE events IN EXCLUSIVE MODE");
      timedOut = postWithKey(key, event("retried"));
      lock.rollback();
    }
    assertEquals(503, timedOut.status(), timedOut.body());
    Thread.sleep(1000);
    Response retried = postWithKey(key, event("retried"));
    Response again = postWithKey(key, event("retried"));
    assertEquals(retried.id(), again.id());
    assertEquals(1, events("retried"));
  }

  @Test
  void aCommitUnderWayWhenTheTimeRunsOutIsAwaitedAndItsOutcomeAnswered() throws Exception {
    slowCommits(3);
    try {
      long start = System.nanoTime();
      Response answer = server.http.post("/api/v1/events", event("slow-commit"));
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertEquals(200, answer.status(), "the event was committed, so the answer is its id: " + answer.body());
      assertTrue(ms >= 2900, "answered after the commit, " + ms + " ms");
      assertEquals(1, events("slow-commit"));
    } finally {
      slowCommits(0);
    }
  }

  @Test
  void aCommitSlowerThanTheGraceIsA503ThatSaysSoAndTheKeyFindsTheEvent() throws Exception {
    slowCommits(13);
    String key = UUID.randomUUID().toString();
    Response answer;
    try {
      answer = postWithKey(key, event("slower-than-grace"));
    } finally {
      slowCommits(0);
    }
    assertEquals(503, answer.status(), answer.body());
    assertEquals("service unavailable: no answer within 1 s (EPR_REQUEST_TIMEOUT), and its commit, under way then, "
        + "had not finished 10 s later: it may have been stored; send it again with the same Idempotency-Key to find "
        + "out (it answers with what was stored), or look it up", answer.error());
    Thread.sleep(3000); // the commit ends 13 s after it began
    Response retried = postWithKey(key, event("slower-than-grace"));
    assertEquals("true", retried.headers().firstValue("Idempotent-Replayed").orElse(null), retried.body());
    assertEquals(1, events("slower-than-grace"));
    assertEquals(retried.id(), server.http.graphql("{ events(event: {name: \"slower-than-grace\"}) { id } }", null)
        .get("data").get("events").get(0).get("id").asText());
  }

  @Test
  void aClientThatHangsUpBeforeItsAnswerCancelsItsCreate() throws Exception {
    StoreSnapshot before = StoreSnapshot.take(server);
    try (Connection lock = server.db.connect(); Statement s = lock.createStatement()) {
      lock.setAutoCommit(false);
      s.execute("LOCK TABLE events IN EXCLUSIVE MODE");
      byte[] body = event("hung-up").getBytes(StandardCharsets.UTF_8);
      try (Socket socket = new Socket("127.0.0.1", server.port)) {
        OutputStream out = socket.getOutputStream();
        out.write(("POST /api/v1/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
            + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
        awaitInsertWaitingForTheLock();
      }
      Thread.sleep(300);
      lock.rollback();
    }
    assertNothingStored(before, "hung-up");
  }

  /**
   * Nothing of the requests answered 503 reached the store or Kafka, 2 s after what held them up let go (time for
   * their work to commit and be delivered, if it would).
   */
  private static void assertNothingStored(StoreSnapshot before, String name) {
    try (TopicReader topic = server.reader()) {
      List<?> found = topic.settle(message -> message.toString().contains("\"" + name), Duration.ofSeconds(2));
      assertEquals(List.of(), found, "messages of requests answered 503");
    }
    before.assertSameRows();
  }

  /** Until the service's INSERT of an event waits for the test's lock: the request is at work when the client goes. */
  private static void awaitInsertWaitingForTheLock() throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    try (Connection c = server.db.connect(); Statement s = c.createStatement()) {
      while (true) {
        try (var r = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            + "AND wait_event_type = 'Lock' AND query LIKE 'INSERT INTO events%'")) {
          r.next();
          if (r.getInt(1) > 0) {
            return;
          }
        }
        assertTrue(System.nanoTime() < deadline, "the event's INSERT never waited for the lock");
        Thread.sleep(20);
      }
    }
  }

  /** Every commit that inserted an event takes {@code seconds} (0: as usual), by a deferred trigger. */
  private static void slowCommits(int seconds) throws SQLException {
    try (Connection c = server.db.connect(); Statement s = c.createStatement()) {
      s.execute("DROP TRIGGER IF EXISTS slow_commit ON events");
      if (seconds > 0) {
        s.execute("CREATE OR REPLACE FUNCTION slow_commit() RETURNS trigger LANGUAGE plpgsql AS "
            + "$$ BEGIN PERFORM pg_sleep(" + seconds + "); RETURN NULL; END $$");
        s.execute("CREATE CONSTRAINT TRIGGER slow_commit AFTER INSERT ON events DEFERRABLE INITIALLY DEFERRED "
            + "FOR EACH ROW EXECUTE FUNCTION slow_commit()");
      }
    }
  }

  private static Response postWithKey(String key, String body) {
    return server.http.send("POST", "/api/v1/events", Map.of("Idempotency-Key", key),
        body.getBytes(StandardCharsets.UTF_8), false);
  }

  private static long events(String name) {
    return server.http.graphql("{ events(event: {name: \"" + name + "\"}) { id } }", null)
        .get("data").get("events").size();
  }

  private static String event(String name) {
    return Bodies.event(receiverId, name, "r1").toString();
  }
}
