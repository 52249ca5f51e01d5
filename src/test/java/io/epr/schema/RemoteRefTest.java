package io.epr.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
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
    ReceiverSchemas schemas = new ReceiverSchemas(Duration.ofSeconds(2));
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
    ReceiverSchemas schemas = new ReceiverSchemas(Duration.ofSeconds(2));

    CompiledSchema chained = schemas.compile(JSON.readTree("{\"$ref\":\"" + base + "/chained.json\"}"));
    assertEquals(1, requests.get("/defs.json").get());
    assertEquals(List.of("v: Does not match pattern '^\\d+\\.\\d+\\.\\d+$'"), chained.validate(JSON.readTree("{\"v\":\"x\"}")));

    InvalidSchemaException broken = assertThrows(InvalidSchemaException.class,
        () -> schemas.compile(JSON.readTree("{\"$ref\":\"" + base + "/broken.json\"}")));
    assertTrue(broken.getMessage().contains("http://127.0.0.1:1/gone.json"), broken.getMessage());
  }

  @Test
  void unreachableRefIsReportedWithItsUrl() {
    ReceiverSchemas schemas = new ReceiverSchemas(Duration.ofSeconds(2));

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
    ReceiverSchemas schemas = new ReceiverSchemas(Duration.ofMillis(300));
    long start = System.nanoTime();

    InvalidSchemaException e = assertThrows(InvalidSchemaException.class,
        () -> schemas.compile(JSON.readTree("{\"$ref\":\"" + base + "/slow.json\"}")));
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    assertTrue(e.getMessage().contains(base + "/slow.json"), e.getMessage());
    assertTrue(elapsed.compareTo(Duration.ofSeconds(2)) < 0, "took " + elapsed);
    assertEquals(1, requests.get("/slow.json").get());
  }

  @Test
  void onlyHttpRefsAreLoaded() {
    ReceiverSchemas schemas = new ReceiverSchemas(Duration.ofSeconds(1));

    for (String ref : List.of("file:///etc/hostname", "classpath:bom-1.6.schema.json")) {
      InvalidSchemaException e = assertThrows(InvalidSchemaException.class,
          () -> schemas.compile(JSON.createObjectNode().put("$ref", ref)));
      assertTrue(e.getMessage().contains(ref), e.getMessage());
    }
  }
}
