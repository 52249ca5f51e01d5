package io.epr.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded PostgreSQL (zonky) whose data directory survives restarts. Commits are durable: fsync and
 * synchronous_commit are on (zonky, made for tests, turns both off). Its postmaster is a process of its own, which
 * outlives a server killed with SIGKILL; the next start stops that leftover first.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
  private static final long LEFTOVER_STOP_SECONDS = 30;

  private final EmbeddedPostgres postgres;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /** Runs initdb only if dataDir holds no cluster yet; listens on port (see {@link #freePort}). */
  public static EmbeddedPostgresServer start(Path dataDir, int port) {
    Path dir = dataDir.toAbsolutePath();
    stopLeftover(dir);
    try {
      return new EmbeddedPostgresServer(EmbeddedPostgres.builder()
          .setDataDirectory(dir)
          .setCleanDataDirectory(false)
          .setPort(port)
          .setServerConfig("fsync", "on")
          .setServerConfig("synchronous_commit", "on")
          .start());
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("cannot start embedded PostgreSQL in " + dataDir + ": " + e.getMessage(), e);
    }
  }

  /** Whether dir holds a database cluster already; if not, {@link #start} runs initdb, which takes seconds. */
  public static boolean isInitialised(Path dir) {
    return Files.exists(dir.resolve("PG_VERSION"));
  }

  /**
   * Where zonky will extract the PostgreSQL binaries (seconds of work, once per machine), or empty when some are
   * there already.
   */
  public static Optional<Path> binaries() {
    Path dir = Path.of(System.getProperty("ot.epg.working-dir",
        Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg").toString()));
    try (var extracted = Files.list(dir)) {
      return extracted.anyMatch(p -> p.getFileName().toString().startsWith("PG-")) ? Optional.empty() : Optional.of(dir);
    } catch (IOException noneYet) {
      return Optional.of(dir);
    }
  }

  /**
   * The postmaster a killed server left running on {@code dir} (its pid file names it) would keep a new one from
   * starting. It is asked to shut down (SIGTERM: its clients died with that server) and waited for.
   */
  private static void stopLeftover(Path dir) {
    Path pidFile = dir.resolve("postmaster.pid");
    Optional<ProcessHandle> leftover;
    try {
      long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
      leftover = ProcessHandle.of(pid).filter(p -> p.info().commandLine()
          .filter(line -> line.contains("postgres") && line.contains(dir.toString())).isPresent());
    } catch (IOException | RuntimeException noPidFile) {
      return; // none, or one PostgreSQL judges itself
    }
    if (leftover.isEmpty()) {
      return; // a stale pid file, which PostgreSQL replaces
    }
    long pid = leftover.get().pid();
    LOG.warn("PostgreSQL (pid {}) still runs on {}, left by a server that was killed: stopping it", pid, dir);
    leftover.get().destroy();
    try {
      leftover.get().onExit().get(LEFTOVER_STOP_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException | ExecutionException e) {
      throw new IllegalStateException("PostgreSQL (pid " + pid + ") left running on " + dir + " by a server that was "
          + "killed did not stop within " + LEFTOVER_STOP_SECONDS + " s (are clients connected?): stop it, kill -INT "
          + pid, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for PostgreSQL (pid " + pid + ") to stop", e);
    }
  }

  public String url() {
    return url(postgres.getPort());
  }

  /** The URL of the embedded PostgreSQL on port, known before it has started. */
  public static String url(int port) {
    return "postgres://postgres@localhost:" + port + "/postgres";
  }

  /** A port free now, for {@link #start}: chosen up front, so the server is built while PostgreSQL starts. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
