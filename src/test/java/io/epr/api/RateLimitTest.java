package io.epr.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.epr.api.rest.StoreSnapshot;
import io.epr.support.Bodies;
import io.epr.support.EprTestServer;
import io.epr.support.Http;
import io.epr.support.Http.Response;
import io.epr.support.TestBroker;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * EPR_RATE_LIMIT and EPR_RATE_BURST against the running service: a caller that spent its budget gets 429 with
 * Retry-After, in EPR's envelope, and nothing it sent is stored, while other callers, health checks and CORS
 * preflights go on; per token with tokens on (per address for requests without a valid token), per address with
 * tokens off; and however many addresses call, the callers tracked stay bounded.
 */
class RateLimitTest {
  private static final String READ = "read-" + UUID.randomUUID();
  private static final String WRITE = "write-" + UUID.randomUUID();
  /** Half a request a second: a spent budget stays spent for two seconds, however slow the machine. */
  private static final Map<String, String> LIMITS = Map.of("EPR_RATE_LIMIT", "0.5", "EPR_RATE_BURST", "3");
  private static final String BUDGET = " may make 0.5 requests a second, 3 at once (EPR_RATE_LIMIT, EPR_RATE_BURST);"
      + " retry in ";

  @Test
  void aTokenThatSpentItsBudgetGets429WhileOtherTokensAndHealthChecksGoOn() throws InterruptedException {
    Map<String, String> settings = new java.util.HashMap<>(LIMITS);
    settings.put("EPR_API_TOKENS", "read:" + READ + ",write:" + WRITE);
    settings.put("EPR_CORS_ORIGINS", "https://ui.example.com");
    try (EprTestServer server = new EprTestServer(TestBroker.sharedBootstrap(), settings)) {
      Http read = server.http.withToken(READ);
      Http write = server.http.withToken(WRITE);
      List<Integer> statuses = new ArrayList<>();
      Response refused = null;
      for (int i = 0; i < 10 && refused == null; i++) {
        Response r = read.get("/api/v1/dead-letters");
        statuses.add(r.status());
        refused = r.status() == 429 ? r : null;
      }
      assertEquals(List.of(200, 200, 200, 429), statuses, "a budget of 3 at once");
      assertRefused(refused, "too many requests: this token" + BUDGET);

      assertEquals(200, write.get("/api/v1/dead-letters").status(), "another token has its own budget");
      for (int i = 0; i < 10; i++) {
        for (String path : List.of("/healthz/liveness", "/healthz/readiness", "/healthz/status")) {
          assertEquals(200, read.get(path).status(), path + " is never limited");
        }
        Response preflight = server.http.request("OPTIONS", "/api/v1/events", Map.of("Origin",
            "https://ui.example.com", "Access-Control-Request-Method", "POST"));
        assertEquals(2, preflight.status() / 100, "CORS preflights are never limited: " + preflight);
      }

      while (write.get("/api/v1/dead-letters").status() != 429) {
        assertTrue(statuses.add(200) && statuses.size() < 20, "the write token's budget is never spent");
      }
      StoreSnapshot before = StoreSnapshot.take(server);
      Response post = write.post("/api/v1/receivers", Bodies.receiver("r", "t"));
      assertRefused(post, "too many requests: this token" + BUDGET);
      before.assertUnchanged();

      List<Integer> guesses = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        guesses.add(server.http.withToken("guess-" + i).get("/api/v1/dead-letters").status());
      }
      assertEquals(List.of(401, 401, 401, 429), guesses, "tokens are guessed at the address's pace");
      assertRefused(server.http.withToken("guess").get("/api/v1/dead-letters"),
          "too many requests: this address (127.0.0.1)" + BUDGET);
      assertRefused(server.http.get("/metrics"), "too many requests: this address (127.0.0.1)" + BUDGET);

      Thread.sleep(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow()) * 1000);
      assertEquals(200, read.get("/api/v1/dead-letters").status(), "after Retry-After seconds the token may go on");
    }
  }

  @Test
  void withTokensOffEachAddressHasItsOwnBudget() throws IOException {
    try (EprTestServer server = new EprTestServer(TestBroker.sharedBootstrap(), LIMITS)) {
      List<Integer> statuses = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        statuses.add(server.http.get("/api/v1/dead-letters").status());
      }
      assertEquals(List.of(200, 200, 200, 429), statuses);
      assertRefused(server.http.get("/api/v1/dead-letters"), "too many requests: this address (127.0.0.1)" + BUDGET);
      assertEquals(200, statusFrom("127.0.0.2", server.port, "/api/v1/dead-letters"), "another address");
      assertEquals(200, server.http.get("/healthz/readiness").status());
    }
  }

  @Test
  void howeverManyAddressesTheTrackedOnesStayBoundedAndTokenHoldersKeepTheirBudgets() throws InterruptedException {
    RateLimits limits = new RateLimits(1000, 1);
    int waited = 0;
    for (int i = 0; i < 3 * RateLimits.MAX_CALLERS; i++) {
      waited += limits.secondsToWaitForAddress("10.0." + i) == 0 ? 0 : 1;
      assertTrue(limits.callers() <= RateLimits.MAX_CALLERS, "tracked " + limits.callers());
    }
    assertTrue(waited > 0, "addresses beyond the bound share one budget, and spend it");
    assertEquals(0, limits.secondsToWaitForToken("holder"), "a token holder is not pushed into the shared budget");
    Thread.sleep(1100); // at 1000 a second every bucket is full again, so the next request sweeps them all
    limits.secondsToWaitForAddress("10.1.0.1");
    assertEquals(1, limits.callers(), "idle callers are forgotten");
  }

  /** A 429 in EPR's envelope saying {@code message}, then the seconds of its Retry-After (1 or 2). */
  private static void assertRefused(Response r, String message) {
    assertEquals(429, r.status(), r.body());
    assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
    assertTrue(r.json().get("data").isNull());
    long retryAfter = Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow());
    assertTrue(retryAfter >= 1 && retryAfter <= 2, "Retry-After " + retryAfter);
    assertEquals(message + retryAfter + " s", r.error());
  }

  /** The status of a GET sent from another loopback address (every 127/8 address is this machine's). */
  private static int statusFrom(String address, int port, String path) throws IOException {
    try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(address), 0)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      String statusLine = new String(in.readNBytes(12), StandardCharsets.ISO_8859_1);
      return Integer.parseInt(statusLine.substring(9, 12));
    }
  }
}
