package io.epr.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.epr.support.EprTestServer;
import io.epr.support.Http.Response;
import io.epr.support.TestBroker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console's files over HTTP: the page at / links to what the server serves, every file of the console folder is
 * served from memory with its type and an ETag (304 when the browser has it), nothing else under /console is, the
 * modules import only files that are served, the whole stays small, and no token is needed for the files.
 */
class ConsoleTest {
  private static final Path FOLDER = Path.of("src/main/resources/web/console");
  /** What a first visit downloads at most, uncompressed: the console is meant to stay small. */
  private static final long PAGE_WEIGHT_BUDGET = 96 * 1024;
  private static final Pattern LINK = Pattern.compile("(?:href|src)=\"([^\"#]+)\"");
  private static final Pattern IMPORT = Pattern.compile("from '\\./([^']+)'");
  private static EprTestServer server;

  @BeforeAll
  static void start() {
    server = new EprTestServer();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void theRootIsTheConsoleWhoseLinksAllAnswer() {
    Response page = server.http.get("/");
    assertEquals(200, page.status(), page.body());
    assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElse(""));
    assertTrue(page.body().contains("<title>Event Provenance Registry</title>"), page.body());
    String policy = page.headers().firstValue("Content-Security-Policy").orElse("");
    assertTrue(policy.contains("default-src 'self'") && policy.contains("connect-src 'self'"), policy);

    List<String> local = new ArrayList<>();
    Matcher link = LINK.matcher(page.body());
    while (link.find()) {
      String target = link.group(1);
      if (target.startsWith("https://")) {
        continue;
      }
      local.add(target);
      Response answer = server.http.get(target);
      assertEquals(200, answer.status(), target + " answered " + answer.status() + ": " + answer.body());
    }
    assertTrue(local.containsAll(List.of("/console/console.css", "/console/app.js", "/api/v1/graphql",
        "/healthz/liveness", "/healthz/readiness", "/healthz/status", "/metrics")), local.toString());
  }

  @Test
  void everyFileOfTheFolderIsServedWithItsTypeAndAnEtag() throws IOException, InterruptedException {
    assertEquals(onDisk(), new TreeSet<>(Console.FILES), "Console.FILES lists the files of " + FOLDER);
    HttpClient client = HttpClient.newHttpClient();
    long total = 0;
    for (String name : Console.FILES) {
      String path = "/console/" + name;
      HttpResponse<byte[]> file = client.send(HttpRequest.newBuilder(URI.create(server.url(path))).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertEquals(200, file.statusCode(), path);
      assertArrayEquals(Files.readAllBytes(FOLDER.resolve(name)), file.body(), path);
      String type = file.headers().firstValue("Content-Type").orElse("");
      String expected = name.endsWith(".js") ? "text/javascript" : name.endsWith(".css") ? "text/css" : "text/html";
      assertEquals(expected + "; charset=utf-8", type, path);
      assertEquals("no-cache", file.headers().firstValue("Cache-Control").orElse(""), path);
      String etag = file.headers().firstValue("ETag").orElseThrow(() -> new AssertionError(path + " has no ETag"));
      HttpResponse<byte[]> again = client.send(HttpRequest.newBuilder(URI.create(server.url(path)))
          .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofByteArray());
      assertEquals(304, again.statusCode(), path + " revalidated");
      assertEquals(0, again.body().length, path);
      total += file.body().length;
    }
    assertTrue(total <= PAGE_WEIGHT_BUDGET, "the console's files weigh " + total + " bytes; the budget is "
        + PAGE_WEIGHT_BUDGET);
    for (String path : List.of("/console/nothing.js", "/console/../pom.xml", "/console/%2e%2e%2fpom.xml",
        "/console/index.html/x", "/console")) {
      assertEquals(404, server.http.get(path).status(), path);
    }
  }

  /** A module that imports a file the server does not serve would fail in the browser with a 404. */
  @Test
  void theModulesImportOnlyServedFiles() throws IOException {
    for (String name : Console.FILES.stream().filter(file -> file.endsWith(".js")).toList()) {
      Matcher imported = IMPORT.matcher(Files.readString(FOLDER.resolve(name)));
      while (imported.find()) {
        assertTrue(Console.FILES.contains(imported.group(1)), name + " imports " + imported.group(1));
      }
    }
  }

  @Test
  void theConsoleNeedsNoTokenButItsDataDoes() {
    try (EprTestServer guarded = new EprTestServer(TestBroker.sharedBootstrap(),
        Map.of("EPR_API_TOKENS", "read:read-" + UUID.randomUUID()))) {
      assertEquals(200, guarded.http.get("/").status());
      assertEquals(200, guarded.http.get("/console/app.js").status());
      assertEquals(200, guarded.http.get("/api/v1/graphql").status());
      assertEquals(401, guarded.http.get("/api/v1/whoami").status(), "what the console shows needs a token");
    }
  }

  private static Set<String> onDisk() throws IOException {
    try (Stream<Path> files = Files.list(FOLDER)) {
      return files.map(file -> file.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
    }
  }
}
