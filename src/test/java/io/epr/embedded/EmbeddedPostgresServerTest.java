package io.epr.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddedPostgresServerTest {

  @TempDir
  Path dataDir;

  @Test
  void keepsDataAcrossRestart() throws Exception {
    try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, EmbeddedPostgresServer.freePort());
         Connection connection = connect(server.url());
         Statement statement = connection.createStatement()) {
      assertTrue(server.url().matches("postgres://postgres@localhost:\\d+/postgres"), server.url());
      statement.execute("CREATE TABLE kept (name text)");
      statement.execute("INSERT INTO kept VALUES ('survivor')");
    }

    try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, EmbeddedPostgresServer.freePort());
         Connection connection = connect(server.url());
         Statement statement = connection.createStatement();
         ResultSet rows = statement.executeQuery("SELECT name FROM kept")) {
      assertTrue(rows.next());
      assertEquals("survivor", rows.getString(1));
    }
  }

  private static Connection connect(String url) throws SQLException {
    URI uri = URI.create(url);
    return DriverManager.getConnection(
        "jdbc:postgresql://" + uri.getHost() + ":" + uri.getPort() + uri.getPath(), uri.getUserInfo(), "");
  }
}
