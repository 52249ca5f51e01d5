package io.epr.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.epr.bench.ServerProcess;
import io.epr.support.Bodies;
import io.epr.support.EprTestServer;
import io.epr.support.Http;
import io.epr.support.TestBroker;
import io.epr.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * EPR_API_TOKENS_FILE changed under a running server: a new token works and a removed one is refused within seconds,
 * whether the file is replaced by rename (as editors do) or rewritten in place; a malformed file keeps the tokens in
 * force; a file left with no token lets no one in; SIGHUP reloads it (the server as its own process, so the signal
 * goes to it alone). The log says how many tokens each role has, and never shows a token or its hash.
 */
class TokenFileReloadTest {
  private static final String READ = "read-" + UUID.randomUUID();
  private static final String READ_TOO = "read-too-" + UUID.randomUUID();
  private static final String WRITE = "write-" + UUID.randomUUID();
  private static final String WRITE_LATER = "write-later-" + UUID.randomUUID();
  private static final String ADMIN = "admin-" + UUID.randomUUID();
  private static final List<String> SECRETS = List.of(READ, READ_TOO, WRITE, WRITE_LATER, ADMIN);

  @TempDir
  Path dir;

  @Test
  void aRewrittenFileTakesEffectWithoutARestart() throws Exception {
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(logs);
    Path file = dir.resolve("tokens");
    Files.writeString(file, "# CI\nread:" + hash(READ) + "\nwrite:" + hash(WRITE) + "\n");
    try (EprTestServer server = new EprTestServer(TestBroker.sharedBootstrap(),
        Map.of("EPR_API_TOKENS_FILE", file.toString()))) {
      Http http = server.http;
      assertEquals(200, http.withToken(READ).get("/api/v1/dead-letters").status());
      assertEquals(200, http.withToken(WRITE).post("/api/v1/receivers", Bodies.receiver("r", "t")).status());

      replaceByRename(file, "read:" + hash(READ) + "\nread:" + hash(READ_TOO) + "\nadmin:" + hash(ADMIN) + "\n");
      double seconds = within(() -> http.withToken(READ_TOO).get("/api/v1/dead-letters").status() == 200,
          "the token added to the file is let in");
      System.out.printf("a token added to the file was let in after %.1f s%n", seconds);
      assertTrue(seconds < 5, "let in after " + seconds + " s");
      assertEquals(401, http.withToken(WRITE).post("/api/v1/receivers", Bodies.receiver("r", "t")).status(), "removed");
      assertEquals(200, http.withToken(ADMIN).send("POST", "/api/v1/dead-letters/retry", null).status());
      assertEquals(200, http.withToken(READ).get("/api/v1/dead-letters").status(), "kept");
      awaitLog(logs, "EPR_API_TOKENS_FILE reloaded as the file changed: read 1 -> 2, write 1 -> 0, admin 0 -> 1 "
          + "(2 added, 1 removed)");

      Files.writeString(file, "read:" + hash(READ) + "\nwrite:" + WRITE_LATER + "\n"); // a token, not its hash
      awaitLog(logs, "EPR_API_TOKENS_FILE not reloaded as the file changed: EPR_API_TOKENS_FILE " + file
          + " line 2 (write:…) is not a SHA-256 hash (64 hex digits): write the token's hash, from `epr token-hash "
          + "TOKEN` or `printf %s TOKEN | sha256sum`, not the token; the tokens in force are kept (read 2, write 0, "
          + "admin 1)");
      assertEquals(200, http.withToken(READ_TOO).get("/api/v1/dead-letters").status(), "the old tokens are kept");
      assertEquals(200, http.withToken(ADMIN).get("/api/v1/dead-letters").status());
      assertEquals(401, http.withToken(WRITE_LATER).get("/api/v1/dead-letters").status());

      replaceByRename(file, "# every token revoked\n");
      within(() -> http.withToken(READ).get("/api/v1/dead-letters").status() == 401, "no token is valid");
      for (String token : List.of(READ_TOO, ADMIN)) {
        assertEquals(401, http.withToken(token).get("/api/v1/dead-letters").status());
      }
      assertEquals(401, http.get("/api/v1/dead-letters").status(), "access control stays on");
      awaitLog(logs, "EPR_API_TOKENS_FILE reloaded as the file changed: read 2 -> 0, write 0, admin 1 -> 0 "
          + "(0 added, 3 removed); no token is valid now, so every request to /api and /metrics is refused (401) "
          + "until role:sha256hex lines are added");
    } finally {
      root.detachAppender(logs);
    }
    assertNoSecret(logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
  }

  @Test
  void sighupReloadsTheFile() throws Exception {
    Path file = dir.resolve("tokens");
    Files.writeString(file, "read:" + hash(READ) + "\nwrite:" + hash(WRITE) + "\n");
    Path log = dir.resolve("server.log");
    try (TestDatabase db = new TestDatabase();
        ServerProcess server = ServerProcess.fromClasspath(List.of(), Map.of("EPR_DB", db.url(),
            "EPR_BROKERS", TestBroker.sharedBootstrap(), "EPR_TOPIC", "epr.test." + UUID.randomUUID(),
            "EPR_API_TOKENS_FILE", file.toString()), TestBroker.freePort(), log)) {
      Http http = new Http(server.baseUrl());
      assertEquals(200, http.withToken(READ).get("/api/v1/dead-letters").status());
      Process hup = new ProcessBuilder("kill", "-HUP", String.valueOf(server.pid())).inheritIO().start();
      assertEquals(0, hup.waitFor());
      within(() -> read(log).contains("EPR_API_TOKENS_FILE reloaded on SIGHUP: read 1, write 1, admin 0 "
          + "(0 added, 0 removed)"), "the reload on SIGHUP is logged");
      assertEquals(200, http.withToken(READ).get("/api/v1/dead-letters").status(), "the server goes on after SIGHUP");
      assertEquals(200, http.get("/healthz/liveness").status());
    }
    assertNoSecret(read(log).lines().toList());
  }

  private static String hash(String token) {
    return ApiTokens.sha256Hex(token);
  }

  /** As editors and configuration tools write: a new file renamed over the old one. */
  private static void replaceByRename(Path file, String content) throws IOException {
    Path next = file.resolveSibling(file.getFileName() + ".new");
    Files.writeString(next, content);
    Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Waits (up to 20 s) until {@code done}; how long it took, in seconds. */
  private static double within(BooleanSupplier done, String what) throws InterruptedException {
    return within(done, () -> what);
  }

  private static double within(BooleanSupplier done, Supplier<String> what) throws InterruptedException {
    long start = System.nanoTime();
    while (!done.getAsBoolean()) {
      assertTrue(System.nanoTime() - start < 20_000_000_000L, () -> "not within 20 s: " + what.get());
      Thread.sleep(50);
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private static void awaitLog(ListAppender<ILoggingEvent> logs, String line) throws InterruptedException {
    Supplier<List<String>> lines = () -> {
      synchronized (logs) {
        return logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
      }
    };
    within(() -> lines.get().contains(line), () -> "the log line " + line + "\nin " + String.join("\n", lines.get()));
  }

  private static void assertNoSecret(List<String> lines) {
    for (String secret : SECRETS) {
      for (String shown : List.of(secret, hash(secret))) {
        assertTrue(lines.stream().noneMatch(l -> l.contains(shown)), "a token or its hash was logged");
      }
    }
  }

  private static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
