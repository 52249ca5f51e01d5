package io.epr.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Remote {@code $ref}s outside the catalog are fetched over HTTP once, when a schema is compiled. */
class RemoteRefTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
  private final CountDownLatch releaseSlowResponses = new CountDownLatch(1);
  private final ExecutorService serverThreads = Executors.newCachedThreadPool();
  private HttpServer server;
  private String base;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(serverThreads);
    server.createContext("/", this::serve);
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stopServer() {
    releaseSlowResponses.countDown();
    server.stop(0);
    serverThreads.shutdownNow();
  }

  private void serve(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
    if (path.equals("/moved.json")) {
      exchange.getResponseHeaders().add("Location", "/defs.json");
      exchange.sendResponseHeaders(302, -1);
      exchange.close();
      return;
    }
    String body = switch (path) {
      case "/defs.json" -> "{\"definitions\":{\"version\":{\"type\":\"string\",\"pattern\":\"^\\\\d+\\\\.\\\\d+\\\\.\\\\d+$\"}}}";
      case "/chained.json" -> "{\"properties\":{\"v\":{\"$ref\":\"defs.json#/definitions/version\"}}}";
      case "/broken.json" -> "{\"properties\":{\"v\":{\"$ref\":\"http://127.0.0.1:1/gone.json\"}}}";
      case "/slow.json" -> {
        awaitRelease();
        yield "{}";
      }
      default -> null;
    };
    if (body == null) {
      exchange.sendResponseHeaders(404, -1);
    } else {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, bytes.length);
      exchange.getResponseBody().write(bytes);
    }
    exchange.close();
  }

  private void awaitRelease() {
    try {
      releaseSlowResponses.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void remoteRefIsFetchedOnceAndUsed() throws Exception {
    ReceiverSchemas schemas = new ReceiverSchemas(Duration.ofSeconds(2), RemoteRefs.ANY);
    JsonNode schema = JSON.readTree("{\"properties\":{\"version\":{\"$ref\":\"" + base + "/defs.json#/definitions/version\"}}}");

    CompiledSchema first = schemas.compile(schema);
    assertEquals(1, requests.get("/defs.json").get());
    CompiledSchema second = schemas.compile(schema.deepCopy());
    assertEquals(1, requests.get("/defs.json").get());

    for (CompiledSchema compiled : List.of(first, second)) {
      assertEquals(List.of(), compiled.validate(JSON.readTree("{\"version\":\"1.0.0\"}")));
      assertEquals(List.of("version: Does not match pattern '^\\d+\\.\\d+\\.\\d+$'"),
          compiled.validate(JSON.readTree("{\"version\":\"one\"}")));
    }
  }

  @Test
  void refsInsideFetchedDocumentsAreResolvedAtCompileTimeToo() throws Exception {
    ReceiverSchemas schemas = new ReceiverSchemas(Duration.ofSeconds(2), RemoteRefs.ANY);

    CompiledSchema chained = schemas.compile(JSON.readTree("{\"$ref\":\"" + base + "/chained.json\"}"));
    assertEquals(1, requests.get("/defs.json").get());
    assertEquals(List.of("v: Does not match pattern '^\\d+\\.\\d+\\.\\d+$'"), chained.validate(JSON.readTree("{\"v\":\"x\"}")));

    InvalidSchemaException broken = assertThrows(InvalidSchemaException.class,
        () -> schemas.compile(JSON.readTree("{\"$ref\":\"" + base + "/broken.json\"}")));
    assertTrue(broken.getMessage().contains("http://127.0.0.1:1/gone.json"), broken.getMessage());
  }

  @Test
  void unreachableRefIsReportedWithItsUrl() {
    ReceiverSchemas schemas = new ReceiverSchemas(Duration.ofSeconds(2), RemoteRefs.ANY);

    InvalidSchemaException e = assertThrows(InvalidSchemaException.class,
        () -> schemas.compile(JSON.readTree("{\"$ref\":\"http://127.0.0.1:1/x.json\"}")));
    assertTrue(e.getMessage().contains("http://127.0.0.1:1/x.json"), e.getMessage());

    InvalidSchemaException missing = assertThrows(InvalidSchemaException.class,
        () -> schemas.compile(JSON.readTree("{\"$ref\":\"" + base + "/missing.json\"}")));
    assertTrue(missing.getMessage().contains(base + "/missing.json") && missing.getMessage().contains("404"),
        missing.getMessage());
  }

  @Test
  void aServerThatDoesNotAnswerFailsAfterTheTimeout() {
    ReceiverSchemas schemas = new ReceiverSchemas(Duration.ofMillis(300), RemoteRefs.ANY);
    long start = System.nanoTime();

    InvalidSchemaException e = assertThrows(InvalidSchemaException.class,
        () -> schemas.compile(JSON.readTree("{\"$ref\":\"" + base + "/slow.json\"}")));
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    assertTrue(e.getMessage().contains(base + "/slow.json"), e.getMessage());
    assertTrue(elapsed.compareTo(Duration.ofSeconds(2)) < 0, "took " + elapsed);
    assertEquals(1, requests.get("/slow.json").get());
  }

  @Test
  void redirectsAreFollowed() throws Exception {
    ReceiverSchemas schemas = new ReceiverSchemas(Duration.ofSeconds(2), RemoteRefs.ANY);

    CompiledSchema moved = schemas.compile(JSON.readTree("{\"$ref\":\"" + base + "/moved.json#/definitions/version\"}"));
    assertEquals(1, requests.get("/moved.json").get());
    assertEquals(1, requests.get("/defs.json").get());
    assertEquals(List.of("(root): Does not match pattern '^\\d+\\.\\d+\\.\\d+$'"), moved.validate(JSON.readTree("\"x\"")));
  }

  @Test
  void byDefaultInternalAddressesAreNotFetched() {
    ReceiverSchemas schemas = new ReceiverSchemas(Duration.ofSeconds(2), RemoteRefs.PUBLIC);

    for (String ref : List.of(base + "/defs.json", "http://localhost:" + server.getAddress().getPort() + "/defs.json",
        "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/x.json", "http://[::1]:1/x.json")) {
      InvalidSchemaException e = assertThrows(InvalidSchemaException.class,
          () -> schemas.compile(JSON.createObjectNode().put("$ref", ref)));
      assertTrue(e.getMessage().contains("internal address") && e.getMessage().contains("EPR_SCHEMA_REFS=any"),
          e.getMessage());
    }
    assertEquals(null, requests.get("/defs.json"), "nothing was requested");
  }

  @Test
  void offRefusesEveryRemoteRefButTheBundledSchemasStillResolve() throws Exception {
    ReceiverSchemas schemas = new ReceiverSchemas(Duration.ofSeconds(2), RemoteRefs.OFF);

    InvalidSchemaException e = assertThrows(InvalidSchemaException.class,
        () -> schemas.compile(JSON.readTree("{\"$ref\":\"" + base + "/defs.json\"}")));
    assertTrue(e.getMessage().contains("EPR_SCHEMA_REFS=off"), e.getMessage());
    assertEquals(null, requests.get("/defs.json"));
    schemas.compile(JSON.readTree("{\"$ref\":\"http://cyclonedx.org/schema/bom-1.6.schema.json\"}"));
  }

  @Test
  void publicMeansNoLoopbackPrivateLinkLocalOrUniqueLocalAddress() throws Exception {
    for (String internal : List.of("127.0.0.1", "0.0.0.0", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
        "100.64.0.1", "224.0.0.1", "::1", "fe80::1", "fc00::1", "fd12:3456::1")) {
      assertTrue(!RemoteRefs.isPublic(InetAddress.getByName(internal)), internal);
    }
    for (String external : List.of("8.8.8.8", "1.1.1.1", "151.101.1.69", "2001:4860:4860::8888")) {
      assertTrue(RemoteRefs.isPublic(InetAddress.getByName(external)), external);
    }
  }

  @Test
  void onlyHttpRefsAreLoaded() {
    ReceiverSchemas schemas = new ReceiverSchemas(Duration.ofSeconds(1), RemoteRefs.ANY);

    for (String ref : List.of("file:///etc/hostname", "classpath:bom-1.6.schema.json")) {
      InvalidSchemaException e = assertThrows(InvalidSchemaException.class,
          () -> schemas.compile(JSON.createObjectNode().put("$ref", ref)));
      assertTrue(e.getMessage().contains(ref), e.getMessage());
    }
  }
}
