package io.epr.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.epr.support.Bodies;
import io.epr.support.EprTestServer;
import io.epr.support.Http.Response;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The database refusing the service's connections: readiness says so, requests get a 503 that says why, and the
 * service recovers by itself when the database is back.
 */
class DatabaseOutageTest {

  @Test
  void readinessAndRequestsFollowTheDatabase() throws Exception {
    try (EprTestServer server = new EprTestServer()) {
      String rid = server.http.post("/api/v1/receivers", Bodies.receiver("n", "outage.test")).id();
      String database = server.db.url().substring(server.db.url().lastIndexOf('/') + 1);

      admin("ALTER DATABASE " + database + " ALLOW_CONNECTIONS false");
      admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
      try {
        assertEquals(503, server.http.get("/healthz/readiness").status());
        assertEquals("\"{\\\"ready\\\":false}\"\n", server.http.get("/healthz/readiness").body());
        Response post = server.http.post("/api/v1/events", Bodies.event(rid, "a", "r"));
        assertEquals(503, post.status(), post.body());
        assertTrue(post.error().contains("database is not reachable"), post.body());
        assertEquals(200, server.http.get("/healthz/liveness").status(), "the process itself is alive");
      } finally {
        admin("ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
      }

      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (server.http.get("/healthz/readiness").status() != 200 && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      assertEquals(200, server.http.get("/healthz/readiness").status(), "recovered without a restart");
      assertEquals(200, server.http.get("/api/v1/receivers/" + rid).status());
    }
  }

  private static void admin(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
         Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
