package io.epr.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh database on the real PostgreSQL (127.0.0.1:5432 unless EPR_TEST_DB names another server) for one test
 * class, dropped afterwards.
 */
public final class TestDatabase implements AutoCloseable {
  private static final String SERVER = System.getenv().getOrDefault("EPR_TEST_DB", "postgres://postgres@127.0.0.1:5432/postgres");
  private final String name = "epr_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);

  public TestDatabase() {
    execute("CREATE DATABASE " + name);
  }

  /** The EPR_DB URL of this database. */
  public String url() {
    return SERVER.substring(0, SERVER.lastIndexOf('/') + 1) + name;
  }

  /** A JDBC connection to this database, to look at what the service stored. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbc(url()), "postgres", "");
  }

  /** A JDBC connection to the server's own database: another database than any test's, on the same cluster. */
  public static Connection connectToServer() throws SQLException {
    return DriverManager.getConnection(jdbc(SERVER), "postgres", "");
  }

  @Override
  public void close() {
    execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  private static void execute(String sql) {
    try (Connection c = connectToServer(); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("no PostgreSQL at " + SERVER + " for the tests (" + e.getMessage()
          + "): start it (pg_ctlcluster 15 main start) or set EPR_TEST_DB", e);
    }
  }

  private static String jdbc(String url) {
    String rest = url.substring(url.indexOf("://") + 3);
    if (rest.contains("@")) {
      rest = rest.substring(rest.indexOf('@') + 1);
    }
    return "jdbc:postgresql://" + rest;
  }
}
