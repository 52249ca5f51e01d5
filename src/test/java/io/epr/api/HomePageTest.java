package io.epr.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.epr.support.EprTestServer;
import io.epr.support.Http.Response;
import io.epr.support.TestBroker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** GET / answers a page that says what the server is and links to what it serves; it stays open like health. */
class HomePageTest {
  private static final Pattern LINK = Pattern.compile("href=\"([^\"]+)\"");

  @Test
  void theRootIsAPageWhoseLinksAllAnswer() {
    try (EprTestServer server = new EprTestServer()) {
      Response home = server.http.get("/");
      assertEquals(200, home.status(), home.body());
      assertEquals("text/html; charset=utf-8", home.headers().firstValue("Content-Type").orElse(""));
      assertTrue(home.body().contains("Event Provenance Registry"), home.body());

      List<String> local = new ArrayList<>();
      Matcher link = LINK.matcher(home.body());
      while (link.find()) {
        String target = link.group(1);
        if (target.startsWith("https://")) {
          continue;
        }
        local.add(target);
        Response answer = server.http.get(target);
        assertEquals(200, answer.status(), target + " answered " + answer.status() + ": " + answer.body());
      }
      assertTrue(local.containsAll(List.of("/api/v1/graphql", "/healthz/status", "/metrics")), local.toString());
    }
  }

  @Test
  void theRootAndGraphiqlNeedNoTokenWhenAccessControlIsOn() {
    try (EprTestServer server = new EprTestServer(TestBroker.sharedBootstrap(),
        Map.of("EPR_API_TOKENS", "read:read-" + UUID.randomUUID()))) {
      assertEquals(200, server.http.get("/").status());
      assertEquals(200, server.http.get("/api/v1/graphql").status());
      assertEquals(401, server.http.get("/api/v1/dead-letters").status(), "the API itself still needs a token");
    }
  }
}
