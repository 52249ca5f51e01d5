package io.epr.faults;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server of a fault test's own (zonky's binaries), on a fixed port and data directory, so it can be
 * stopped or crash and start again where the service expects it, be made read-only or get a full disk, without
 * touching the PostgreSQL that other tests share. Commits are synchronous, as in production (zonky's default is not).
 */
final class OwnPostgres implements AutoCloseable {
  private final Path dataDir;
  private final int port;
  private EmbeddedPostgres postgres;

  private OwnPostgres(Path dataDir, int port) {
    this.dataDir = dataDir;
    this.port = port;
  }

  /** Runs initdb in {@code dataDir} unless it holds a cluster, and starts the server on {@code port}. */
  static OwnPostgres start(Path dataDir, int port) {
    OwnPostgres own = new OwnPostgres(dataDir, port);
    own.start();
    return own;
  }

  synchronized void start() {
    try {
      postgres = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).setPort(port)
          .setServerConfig("synchronous_commit", "on").setServerConfig("max_connections", "100").start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start PostgreSQL in " + dataDir + " on port " + port, e);
    }
  }

  /** A fast shutdown (pg_ctl stop -m fast, as a service manager restarting it): sessions are terminated. */
  synchronized void stop() {
    if (postgres != null) {
      try {
        postgres.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      postgres = null;
    }
  }

  /**
   * A crash: the postmaster gets SIGQUIT (pg_ctl stop -m immediate), every session ends at once and the next start
   * runs crash recovery from the WAL.
   */
  synchronized void crash() throws IOException, InterruptedException {
    long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).strip());
    ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
    new ProcessBuilder("kill", "-QUIT", String.valueOf(pid)).inheritIO().start().waitFor();
    postmaster.onExit().join();
    // closing releases zonky's lock on the data directory; its pg_ctl stop finds nothing to stop, which it would log
    Logger zonky = (Logger) LoggerFactory.getLogger(EmbeddedPostgres.class);
    Level level = zonky.getLevel();
    zonky.setLevel(Level.OFF);
    try {
      postgres.close();
    } finally {
      zonky.setLevel(level);
      postgres = null;
    }
  }

  /** The service's EPR_DB. */
  String url() {
    return "postgres://postgres@127.0.0.1:" + port + "/postgres";
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
  }

  /** Runs statements as the superuser, e.g. ALTER SYSTEM. */
  void execute(String... sql) throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      for (String statement : sql) {
        s.execute(statement);
      }
    }
  }

  @Override
  public void close() {
    stop();
  }
}
