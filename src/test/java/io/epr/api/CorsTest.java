package io.epr.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.epr.api.rest.StoreSnapshot;
import io.epr.support.Bodies;
import io.epr.support.EprTestServer;
import io.epr.support.Http;
import io.epr.support.Http.Response;
import io.epr.support.TestBroker;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Which web pages may call the API (EPR_CORS_ORIGINS), over real sockets: an allowed origin gets CORS's headers and
 * its requests work; a foreign origin gets none, and its writes, which a browser sends without asking first when they
 * are text/plain, are refused with nothing stored; the server's own pages (GraphiQL) and clients without Origin (curl,
 * the CLIs) work as before. The service here allows https://console.example.com and has EPR_PUBLIC_URL
 * https://epr.example.com.
 */
class CorsTest {
  private static final String ALLOWED = "https://console.example.com";
  private static final String FOREIGN = "https://evil.example";
  private static final String EVENTS = "/api/v1/events";
  private static final String GRAPHQL = "/api/v1/graphql/query";
  private static EprTestServer server;
  private static Http http;
  private static String receiverId;

  @BeforeAll
  static void start() {
    server = new EprTestServer(TestBroker.sharedBootstrap(), Map.of("EPR_CORS_ORIGINS", ALLOWED + ", https://b.example",
        "EPR_PUBLIC_URL", "https://epr.example.com/"));
    http = server.http;
    receiverId = http.post("/api/v1/receivers", Bodies.receiver("cors", "cors.test")).id();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void anAllowedOriginGetsCorsHeadersAndItsRequestsWork() {
    Response preflight = http.request("OPTIONS", EVENTS, Map.of("Origin", ALLOWED, "Access-Control-Request-Method",
        "POST", "Access-Control-Request-Headers", "authorization,content-type"));
    Response post = post(EVENTS, Map.of("Origin", ALLOWED, "Content-Type", "application/json"), event("allowed"));
    Response get = http.request("GET", EVENTS + "/" + post.id(), Map.of("Origin", ALLOWED));

    assertEquals(204, preflight.status(), preflight.body());
    assertEquals(ALLOWED, header(preflight, "Access-Control-Allow-Origin"));
    assertEquals("true", header(preflight, "Access-Control-Allow-Credentials"));
    assertEquals("GET,HEAD,POST,PUT,PATCH,DELETE,OPTIONS", header(preflight, "Access-Control-Allow-Methods"));
    assertEquals("authorization,content-type", header(preflight, "Access-Control-Allow-Headers"));
    assertEquals("300", header(preflight, "Access-Control-Max-Age"));
    for (Response r : List.of(post, get)) {
      assertEquals(200, r.status(), r.body());
      assertEquals(ALLOWED, header(r, "Access-Control-Allow-Origin"));
      assertEquals("true", header(r, "Access-Control-Allow-Credentials"));
      assertEquals("X-Total-Count,X-Last-Page", header(r, "Access-Control-Expose-Headers"));
      assertEquals("Origin", header(r, "Vary"));
    }
    assertEquals("https://b.example", header(http.request("GET", EVENTS + "/" + post.id(),
        Map.of("Origin", "https://b.example")), "Access-Control-Allow-Origin"));
  }

  /** A browser sends these without a preflight: the server must refuse them itself. */
  @Test
  void aForeignOriginsSimpleWritesAreRefusedAndNothingIsStored() {
    String mutation = "{\"query\":\"mutation { create_event_receiver(event_receiver: {name: \\\"x\\\", type: \\\"t\\\", "
        + "version: \\\"1\\\", description: \\\"d\\\", schema: \\\"{}\\\"}) }\"}";
    List<Response> refused = unchanged(() -> List.of(
        post(EVENTS, Map.of("Origin", FOREIGN, "Content-Type", "text/plain"), event("foreign")),
        post(GRAPHQL, Map.of("Origin", FOREIGN, "Content-Type", "text/plain;charset=UTF-8"), mutation),
        post("/api/v1/groups", Map.of("Origin", FOREIGN, "Content-Type", "application/x-www-form-urlencoded"), "{}"),
        post(EVENTS, Map.of("Origin", "null", "Content-Type", "text/plain"), event("sandboxed")),
        post(EVENTS, Map.of("Origin", "http://console.example.com", "Content-Type", "text/plain"), event("http"))));

    for (Response r : refused) {
      assertEquals(403, r.status(), r.body());
      assertTrue(r.error().startsWith("cross-origin request refused: web pages of "), r.error());
      assertTrue(r.error().endsWith(" may not change anything here; to allow them, add their origin to "
          + "EPR_CORS_ORIGINS"), r.error());
      assertNoCorsHeaders(r);
    }
    assertEquals("cross-origin request refused: web pages of https://evil.example may not change anything here; to "
        + "allow them, add their origin to EPR_CORS_ORIGINS", refused.get(0).error());
  }

  @Test
  void aForeignOriginsReadsGetNoCorsHeadersAndItsPreflightsNoAllowance() {
    String id = http.post(EVENTS, event("read")).id();

    Response get = http.request("GET", EVENTS + "/" + id, Map.of("Origin", FOREIGN));
    Response preflight = unchanged(() -> http.request("OPTIONS", EVENTS, Map.of("Origin", FOREIGN,
        "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type")));

    assertEquals(200, get.status(), get.body());
    assertNoCorsHeaders(get);
    assertEquals(403, preflight.status(), preflight.body());
    assertNoCorsHeaders(preflight);
  }

  /** GraphiQL's POSTs carry the page's origin: the server's own, by its Host or by EPR_PUBLIC_URL. */
  @Test
  void theServersOwnOriginWritesAsGraphiqlDoes() {
    String mutation = "{\"query\":\"mutation { create_event(event: {name: \\\"graphiql\\\", version: \\\"1\\\", "
        + "release: \\\"r\\\", platform_id: \\\"p\\\", package: \\\"k\\\", description: \\\"d\\\", payload: \\\"{}\\\", "
        + "success: true, event_receiver_id: \\\"" + receiverId + "\\\"}) }\"}";
    Response byHost = post(GRAPHQL, Map.of("Origin", "http://127.0.0.1:" + server.port, "Content-Type",
        "application/json"), mutation);
    Response byPublicUrl = post(EVENTS, Map.of("Origin", "https://epr.example.com", "Content-Type", "text/plain"),
        event("public-url"));

    assertEquals(200, byHost.status(), byHost.body());
    assertFalse(byHost.json().has("errors"), byHost.body());
    assertEquals(26, byHost.json().at("/data/create_event").asText().length(), byHost.body());
    assertEquals(200, byPublicUrl.status(), byPublicUrl.body());
    assertNoCorsHeaders(byHost);
  }

  @Test
  void requestsWithoutOriginWorkAsBefore() {
    Response post = post(EVENTS, Map.of("Content-Type", "application/x-www-form-urlencoded"), event("curl"));

    assertEquals(200, post.status(), post.body());
    assertEquals(200, http.get(EVENTS + "/" + post.id()).status());
    assertNoCorsHeaders(post);
  }

  /** With *, any page may call, without credentials; the server's own origin needs nothing all the same. */
  @Test
  void aStarAllowsAnyOriginWithoutCredentials() {
    try (EprTestServer any = new EprTestServer(TestBroker.sharedBootstrap(), Map.of("EPR_CORS_ORIGINS", "*"))) {
      String rid = any.http.post("/api/v1/receivers", Bodies.receiver("cors", "cors.test")).id();
      Response post = any.http.send("POST", EVENTS, Map.of("Origin", FOREIGN, "Content-Type", "text/plain"),
          event("star", rid).getBytes(StandardCharsets.UTF_8), false);
      Response preflight = any.http.request("OPTIONS", EVENTS, Map.of("Origin", FOREIGN,
          "Access-Control-Request-Method", "PATCH"));

      assertEquals(200, post.status(), post.body());
      assertEquals("*", header(post, "Access-Control-Allow-Origin"));
      assertEquals(204, preflight.status());
      assertEquals("*", header(preflight, "Access-Control-Allow-Origin"));
      assertEquals("", header(preflight, "Access-Control-Allow-Credentials"));
    }
  }

  private static Response post(String path, Map<String, String> headers, String body) {
    return http.send("POST", path, headers, body.getBytes(StandardCharsets.UTF_8), false);
  }

  private static String event(String name) {
    return event(name, receiverId);
  }

  private static String event(String name, String receiver) {
    return Bodies.event(receiver, name, "r").toString();
  }

  private static String header(Response r, String name) {
    return r.headers().firstValue(name).orElse("");
  }

  private static void assertNoCorsHeaders(Response r) {
    List<String> cors = r.headers().map().keySet().stream()
        .filter(name -> name.toLowerCase().startsWith("access-control-")).toList();
    assertEquals(List.of(), cors, r.headers().toString());
  }

  private static <T> T unchanged(Supplier<T> requests) {
    StoreSnapshot before = StoreSnapshot.take(server);
    T answers = requests.get();
    before.assertUnchanged();
    return answers;
  }
}
