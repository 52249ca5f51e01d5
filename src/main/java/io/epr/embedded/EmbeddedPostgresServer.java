package io.epr.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
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

  /** Runs initdb only if dataDir holds no cluster yet; picks a free port. */
  public static EmbeddedPostgresServer start(Path dataDir) {
    Path dir = dataDir.toAbsolutePath();
    stopLeftover(dir);
    try {
      return new EmbeddedPostgresServer(EmbeddedPostgres.builder()
          .setDataDirectory(dir)
          .setCleanDataDirectory(false)
          .setServerConfig("fsync", "on")
          .setServerConfig("synchronous_commit", "on")
          .start());
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("cannot start embedded PostgreSQL in " + dataDir + ": " + e.getMessage(), e);
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
    return "postgres://postgres@localhost:" + postgres.getPort() + "/postgres";
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
