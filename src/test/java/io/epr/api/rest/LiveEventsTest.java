package io.epr.api.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.epr.store.RegistryStore;
import io.epr.support.BlockedEventLoops;
import io.epr.support.Bodies;
import io.epr.support.EprTestServer;
import io.epr.support.Http;
import io.epr.support.LiveStream;
import io.epr.support.LiveStream.Sse;
import io.epr.support.TestBroker;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * GET /api/v1/events/live: the events committed from now on, by any instance of the service, as server-sent events,
 * fed by PostgreSQL's NOTIFY on commit through one listening connection per instance.
 */
class LiveEventsTest {
  private static final Pattern STREAMS = Pattern.compile("(?m)^epr_live_streams (\\S+)$");
  private static EprTestServer a;
  private static EprTestServer b;
  private static String receiver;

  @BeforeAll
  static void start() {
    // a slow reader's window (SlowReaders) long enough for the overflow test to fill the buffers first
    a = new EprTestServer(TestBroker.sharedBootstrap(), Map.of("EPR_IDLE_TIMEOUT", "600"));
    b = EprTestServer.besides(a);
    receiver = a.http.post("/api/v1/receivers", Bodies.receiver("live", "live.test")).id();
  }

  @AfterAll
  static void stop() {
    BlockedEventLoops.assertNone(a.http);
    BlockedEventLoops.assertNone(b.http);
    b.close();
    a.close();
  }

  @Test
  void anEventArrivesAsRestRendersItWithItsReceiver() {
    try (LiveStream stream = LiveStream.open(a.port, null)) {
      assertEquals("text/event-stream; charset=utf-8", stream.header("content-type"));
      assertNull(stream.header("content-encoding"), "not compressed, though the client accepts gzip");
      String id = a.http.post("/api/v1/events", Bodies.event(receiver, "live-app", "1")
          .set("payload", Http.parse("{\"url\": \"https://ci.example.com/1\", \"n\": 1.50}"))).id();
      Sse sse = stream.next();
      assertEquals("event", sse.event());
      JsonNode rest = a.http.get("/api/v1/events/" + id).json().at("/data/0");
      assertEquals(rest, Http.parse(sse.data()));
      assertEquals("live.test", Http.parse(sse.data()).at("/EventReceiver/type").asText());
    }
  }

  @Test
  void anEventOfARolledBackTransactionNeverArrives() throws Exception {
    try (Connection c = a.db.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
          + "RAISE EXCEPTION 'refused by the test'; END $$");
      // the outbox's log is written in the event's transaction, after the event: refusing it rolls the event back
      s.execute("CREATE TRIGGER refuse_marked BEFORE INSERT ON epr_log FOR EACH ROW "
          + "WHEN (NEW.payload LIKE '%refused-by-trigger%') EXECUTE FUNCTION refuse()");
    }
    try (LiveStream stream = LiveStream.open(a.port, null); Connection listening = a.db.connect()) {
      try (Statement s = listening.createStatement()) {
        s.execute("LISTEN " + RegistryStore.EVENTS_CHANNEL);
      }
      assertEquals(500, a.http.post("/api/v1/events", Bodies.event(receiver, "refused-by-trigger", "1")).status());
      assertEquals(0, StoreSnapshot.count(a, "events WHERE name = 'refused-by-trigger'"), "rolled back");
      String committed = a.http.post("/api/v1/events", Bodies.event(receiver, "committed-after", "1")).id();
      // the channel itself: the refused event's id was never sent, the committed one's was (before its answer)
      List<String> notified = new ArrayList<>();
      for (PGNotification n : listening.unwrap(PGConnection.class).getNotifications(10_000)) {
        notified.add(n.getParameter());
      }
      assertEquals(List.of(committed), notified);
      assertEquals(committed, Http.parse(stream.next().data()).get("id").asText());
    } finally {
      try (Connection c = a.db.connect(); Statement s = c.createStatement()) {
        s.execute("DROP TRIGGER refuse_marked ON epr_log");
        s.execute("DROP FUNCTION refuse()");
      }
    }
  }

  @Test
  void everyInstanceStreamsTheEventsOfEveryOther() {
    try (LiveStream onA = LiveStream.open(a.port, null); LiveStream onB = LiveStream.open(b.port, null)) {
      String toA = a.http.post("/api/v1/events", Bodies.event(receiver, "to-a", "1")).id();
      String toB = b.http.post("/api/v1/events", Bodies.event(receiver, "to-b", "1")).id();
      assertEquals(List.of(toA, toB), ids(onA, 2));
      assertEquals(List.of(toA, toB), ids(onB, 2));
    }
  }

  /** Events of concurrent requests, committed together or in transactions of their own, each arrive once. */
  @Test
  void eachEventOfABurstArrivesOnce() throws Exception {
    try (LiveStream stream = LiveStream.open(a.port, null)) {
      List<CompletableFuture<String>> posts = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        String release = String.valueOf(i);
        posts.add(CompletableFuture.supplyAsync(() ->
            a.http.post("/api/v1/events", Bodies.event(receiver, "burst", release)).id()));
      }
      List<String> posted = new ArrayList<>();
      for (CompletableFuture<String> post : posts) {
        posted.add(post.get());
      }
      List<String> arrived = ids(stream, posted.size());
      Collections.sort(posted);
      Collections.sort(arrived);
      assertEquals(posted, arrived);
    }
  }

  @Test
  void aClosedStreamUnsubscribes() throws Exception {
    int before = openStreams();
    LiveStream first = LiveStream.open(a.port, null);
    try (LiveStream second = LiveStream.open(a.port, null)) {
      assertEquals(before + 2, openStreams());
      first.close();
      waitFor(() -> openStreams() == before + 1, "the closed stream to unsubscribe");
      String id = a.http.post("/api/v1/events", Bodies.event(receiver, "after-close", "1")).id();
      assertEquals(id, Http.parse(second.next().data()).get("id").asText(), "the open stream still gets events");
    }
    waitFor(() -> openStreams() == before, "both streams to unsubscribe");
  }

  /**
   * A client that stops reading: its events wait in the server up to a bound, then its stream ends with an overflow
   * event (after the events it had been sent, in order) and the connection is closed.
   */
  @Test
  void aClientThatStopsReadingIsCutOffWithAnOverflow() {
    String big = "x".repeat(64 * 1024);
    List<String> posted = new ArrayList<>();
    try (LiveStream slow = LiveStream.open(a.port, null, 4096)) {
      for (int i = 0; i < 160; i++) { // 10 MiB: more than the sockets' buffers and the server's bound
        posted.add(a.http.post("/api/v1/events", Bodies.event(receiver, "flood", String.valueOf(i))
            .set("payload", Http.JSON.createObjectNode().put("log", big))).id());
      }
      List<String> arrived = new ArrayList<>();
      Sse sse;
      while ((sse = slow.next()) != null && sse.event().equals("event")) {
        arrived.add(Http.parse(sse.data()).get("id").asText());
      }
      assertNotEquals(null, sse, "the stream ends with an overflow event");
      assertEquals("overflow", sse.event());
      assertTrue(sse.data().contains("the client read too slowly"), sse.data());
      assertNull(slow.next(), "and then the connection is closed");
      assertFalse(arrived.isEmpty());
      assertTrue(arrived.size() < posted.size(), arrived.size() + " of " + posted.size());
      assertEquals(posted.subList(0, arrived.size()), arrived, "the events sent before, in order");
    }
  }

  private static List<String> ids(LiveStream stream, int count) {
    List<String> ids = new ArrayList<>();
    while (ids.size() < count) {
      Sse sse = stream.next();
      assertEquals("event", sse.event(), sse.data());
      ids.add(Http.parse(sse.data()).get("id").asText());
    }
    return ids;
  }

  private static int openStreams() {
    Matcher m = STREAMS.matcher(a.http.get("/metrics").body());
    assertTrue(m.find(), "epr_live_streams in /metrics");
    return (int) Double.parseDouble(m.group(1));
  }

  private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
    for (int i = 0; i < 600 && !condition.getAsBoolean(); i++) {
      Thread.sleep(100);
    }
    assertTrue(condition.getAsBoolean(), "waited a minute for " + what);
  }
}
