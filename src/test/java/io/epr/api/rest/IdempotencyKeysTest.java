package io.epr.api.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.epr.support.Bodies;
import io.epr.support.Http;
import io.epr.support.Http.Response;
import io.epr.support.RawHttp;
import io.epr.support.SbomGenerator;
import io.epr.support.ServerTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Idempotency-Key header on every REST create (events, receivers, groups, SBOMs), over a real socket: a retry
 * with the same key and request gets the first answer and stores nothing new, whatever the timing; the same key with
 * another request is a 422 that stores nothing; a malformed key is a 400.
 */
class IdempotencyKeysTest extends ServerTest {
  private static String receiverId;

  @BeforeAll
  static void receiver() {
    receiverId = http.post("/api/v1/receivers", receiver("fixture")).id();
  }

  @Test
  void anEventSentAgainWithItsKeyIsStoredOnceAndAnsweredWithTheFirstId() {
    String key = UUID.randomUUID().toString();
    String body = event("once");
    Response first = post("/api/v1/events", key, body);
    StoreSnapshot afterFirst = StoreSnapshot.take(server);
    Response again = post("/api/v1/events", key, body);
    afterFirst.assertUnchanged();

    assertEquals(first.id(), again.id());
    assertTrue(first.headers().firstValue("Idempotent-Replayed").isEmpty(), "the first answer is no replay");
    assertEquals("true", again.headers().firstValue("Idempotent-Replayed").orElse(null));
    assertEquals(1, eventsNamed("once"));
  }

  @Test
  void receiversGroupsAndSbomsAreCreatedOncePerKeyToo() {
    Map<String, String> creates = Map.of(
        "/api/v1/receivers", receiver("keyed"),
        "/api/v1/groups", Bodies.group("keyed", receiverId).toString());
    for (Map.Entry<String, String> create : creates.entrySet()) {
      String key = UUID.randomUUID().toString();
      String id = post(create.getKey(), key, create.getValue()).id();
      StoreSnapshot stored = StoreSnapshot.take(server);
      assertEquals(id, post(create.getKey(), key, create.getValue()).id(), create.getKey());
      stored.assertUnchanged();
    }

    String key = UUID.randomUUID().toString();
    byte[] sbom = SbomGenerator.json("1.6", 3, null);
    String sboms = "/api/v1/sboms?name=keyed&version=1&release=r1&platform_id=linux&package=maven";
    String id = http.send("POST", sboms, Map.of("Idempotency-Key", key), sbom, false).id();
    StoreSnapshot stored = StoreSnapshot.take(server);
    Response again = http.send("POST", sboms, Map.of("Idempotency-Key", key), sbom, false);
    stored.assertUnchanged();
    assertEquals(id, again.id());
    assertEquals("true", again.headers().firstValue("Idempotent-Replayed").orElse(null));
  }

  @Test
  void theSameKeyWithAnotherRequestIs422AndStoresNothing() {
    String key = UUID.randomUUID().toString();
    post("/api/v1/events", key, event("first-body"));
    long events = StoreSnapshot.count(server, "events");

    List<Response> refused = List.of(
        post("/api/v1/events", key, event("another-body")),
        http.send("POST", "/api/v1/sboms?name=a&version=1&release=r1&platform_id=linux&package=maven",
            Map.of("Idempotency-Key", key), SbomGenerator.json("1.6", 1, null), false),
        http.send("POST", "/api/v1/sboms?name=b&version=1&release=r1&platform_id=linux&package=maven",
            Map.of("Idempotency-Key", key), SbomGenerator.json("1.6", 1, null), false));

    assertEquals(422, refused.get(0).status(), refused.get(0).body());
    assertEquals("invalid input: Idempotency-Key '" + key + "' was used for a different POST /api/v1/events request "
        + "in the last 24 hours; a retry must send the same request (method, URL and body) again, and a new request "
        + "needs a new key", refused.get(0).error());
    assertEquals("", refused.get(0).json().get("data").asText());
    // a key is one endpoint's: the first SBOM takes it there, the second (another NVRPP in the URL) is refused
    assertEquals(200, refused.get(1).status(), refused.get(1).body());
    assertEquals(422, refused.get(2).status(), refused.get(2).body());
    assertEquals(1, eventsNamed("first-body"));
    assertEquals(0, eventsNamed("another-body"));
    assertEquals(events + 1, StoreSnapshot.count(server, "events"), "only the first SBOM is stored");
  }

  @Test
  void aKeyIsFreeAgainWhenItsRequestWasRefused() {
    String key = UUID.randomUUID().toString();
    Response invalid = post("/api/v1/events", key, event("refused-first").replace("\"name\":", "\"name\":1,\"x\":"));
    assertEquals(400, invalid.status(), invalid.body());
    Response valid = post("/api/v1/events", key, event("refused-first"));
    assertEquals(200, valid.status(), valid.body());
    assertTrue(valid.headers().firstValue("Idempotent-Replayed").isEmpty());
    assertEquals(1, eventsNamed("refused-first"));
  }

  @Test
  void concurrentRetriesWithOneKeyAllGetTheOneStoredId() throws Exception {
    String key = UUID.randomUUID().toString();
    String body = event("concurrent");
    ExecutorService clients = Executors.newFixedThreadPool(16);
    try {
      List<Future<Response>> answers = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        answers.add(clients.submit(() -> post("/api/v1/events", key, body)));
      }
      Set<String> ids = new TreeSet<>();
      int replayed = 0;
      for (Future<Response> answer : answers) {
        ids.add(answer.get().id());
        replayed += answer.get().headers().firstValue("Idempotent-Replayed").isPresent() ? 1 : 0;
      }
      assertEquals(1, ids.size(), ids.toString());
      assertEquals(31, replayed);
      assertEquals(1, eventsNamed("concurrent"));
    } finally {
      clients.shutdownNow();
    }
  }

  @Test
  void withoutAKeyEveryRequestIsANewCreate() {
    String body = event("unkeyed");
    assertNotEquals(http.post("/api/v1/events", body).id(), http.post("/api/v1/events", body).id());
    assertEquals(2, eventsNamed("unkeyed"));
  }

  @Test
  void malformedKeysAre400AndStoreNothing() {
    StoreSnapshot before = StoreSnapshot.take(server);
    RawHttp raw = new RawHttp(server.port);
    String body = event("malformed-key");
    for (String key : List.of("", "x".repeat(256), "two words", "clé", "tab\there")) {
      byte[] request = ("POST /api/v1/events HTTP/1.1\r\nHost: x\r\nConnection: close\r\nIdempotency-Key: " + key
          + "\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body)
          .getBytes(StandardCharsets.UTF_8);
      RawHttp.Response answer = raw.exchange(request, 10_000);
      assertEquals(400, answer.status(), key + ": " + answer.body());
      String error = Http.parse(answer.body()).get("errors").get(0).asText();
      assertTrue(error.startsWith("invalid input: Idempotency-Key "), error);
      assertTrue(error.endsWith("(a random UUID makes a good key)"), error);
    }
    before.assertUnchanged();
    assertFalse(eventsNamed("malformed-key") > 0);
  }

  private static Response post(String path, String key, String body) {
    return http.send("POST", path, Map.of("Idempotency-Key", key, "Content-Type", "application/json"),
        body.getBytes(StandardCharsets.UTF_8), false);
  }

  private static long eventsNamed(String name) {
    return http.graphql("query($n: String!) { events(event: {name: $n}) { id } }",
        Http.JSON.createObjectNode().put("n", name)).get("data").get("events").size();
  }

  private static String receiver(String name) {
    return Bodies.receiver(name, "idempotency.test").toString();
  }

  private static String event(String name) {
    return Bodies.event(receiverId, name, "r1").toString();
  }
}
