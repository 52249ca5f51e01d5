package io.epr.api.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.epr.bench.ServerProcess;
import io.epr.support.BlockedEventLoops;
import io.epr.support.EprTestServer;
import io.epr.support.Http;
import io.epr.support.Http.Response;
import io.epr.support.TestBroker;
import io.epr.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GraphiQL at /api/v1/graphql: its first load after a start leaves the event loops free for the API, and it opens on
 * EPR's own queries, which run.
 */
class GraphiQLTest {
  private static final Pattern CONFIG = Pattern.compile("window\\.VERTX_GRAPHIQL_CONFIG=(\\{.*?})</script>");
  private static final Pattern FILES = Pattern.compile("(?:src|href)=\"\\./(static/[^\"]+)\"");

  @TempDir
  Path dir;

  /**
   * The packaged server froze an event loop for 10 s on the first load: Vert.x's GraphiQL handler read its page with
   * readFileBlocking on the loop, which extracted the jar's whole io/ folder into Vert.x's file cache. Here a fresh
   * server, with a file cache of this test's own, loads GraphiQL while API requests run on the same loops: all are
   * answered, no loop is reported blocked, and nothing was extracted from the class path on the way.
   */
  @Test
  void theFirstLoadLeavesTheEventLoopsToTheApi() throws Exception {
    Path cache = Files.createDirectory(dir.resolve("vertx-cache"));
    try (TestDatabase db = new TestDatabase();
        ServerProcess server = ServerProcess.fromClasspath(List.of("-Dvertx.cacheDirBase=" + cache.resolve("base")),
            Map.of("EPR_DB", db.url(), "EPR_BROKERS", TestBroker.sharedBootstrap(),
                "EPR_TOPIC", "epr.test." + UUID.randomUUID()), TestBroker.freePort(), dir.resolve("server.log"))) {
      Http http = new Http(server.baseUrl());
      AtomicBoolean loading = new AtomicBoolean(true);
      List<CompletableFuture<Integer>> api = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        api.add(CompletableFuture.supplyAsync(() -> apiRequestsWhile(http, loading)));
      }
      Response page;
      List<Response> files = new ArrayList<>();
      try {
        page = http.get("/api/v1/graphql");
        Matcher file = FILES.matcher(page.body());
        while (file.find()) {
          files.add(http.get("/api/v1/" + file.group(1)));
        }
      } finally {
        loading.set(false);
      }

      assertGraphiql(page);
      assertEquals(2, files.size(), "the page loads its script and style sheet: " + page.body());
      for (Response file : files) {
        assertEquals(200, file.status(), file.body());
        assertTrue(file.body().length() > 100_000, "GraphiQL's bundle, not an empty answer");
      }
      for (CompletableFuture<Integer> requests : api) {
        assertTrue(requests.join() > 0, "each API client had its requests answered");
      }
      BlockedEventLoops.assertNone(http);
      try (Stream<Path> extracted = Files.walk(cache)) {
        assertEquals(List.of(), extracted.filter(Files::isRegularFile).map(cache::relativize).limit(5).toList(),
            "files extracted from the class path into Vert.x's file cache (on an event loop)");
      }
    }
  }

  /** The page opens on a provenance query and a components-by-purl query, both of which run. */
  @Test
  void itOpensOnEprQueriesThatRun() throws IOException {
    try (EprTestServer server = new EprTestServer()) {
      Response page = server.http.get("/api/v1/graphql/");
      assertGraphiql(page);
      Matcher config = CONFIG.matcher(page.body());
      assertTrue(config.find(), page.body());
      String query = Http.parse(config.group(1)).at("/parameters/query").asText();

      assertTrue(query.startsWith("# "), "a comment saying what to change: " + query);
      assertTrue(query.contains("provenance(name: "), query);
      assertTrue(query.contains("components(purl: "), query);
      for (String operation : List.of("Provenance", "BuildsContaining")) {
        JsonNode answer = server.http.post("/api/v1/graphql/query", Http.JSON.createObjectNode()
            .put("query", query).put("operationName", operation)).json();
        assertFalse(answer.has("errors"), operation + ": " + answer);
        assertTrue(answer.path("data").size() == 1, operation + ": " + answer);
      }
    }
  }

  private static void assertGraphiql(Response page) {
    assertEquals(200, page.status(), page.body());
    assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), page.headers().toString());
    assertTrue(page.body().contains("\"graphQLUri\":\"/api/v1/graphql/query\""), page.body());
  }

  /** GET requests to the REST and GraphQL APIs, one after another until the loading is over; how many were made. */
  private static int apiRequestsWhile(Http http, AtomicBoolean loading) {
    int made = 0;
    do {
      Response rest = http.get("/api/v1/dead-letters");
      assertEquals(200, rest.status(), rest.body());
      JsonNode graphql = http.graphql("{ dead_letters(first: 1) { id } }", null);
      assertFalse(graphql.has("errors"), graphql.toString());
      made++;
    } while (loading.get());
    return made;
  }
}
