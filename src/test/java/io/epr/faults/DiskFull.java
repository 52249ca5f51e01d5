package io.epr.faults;

import io.epr.bench.LoadGenerator.Run;
import io.epr.support.TestBroker;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * PostgreSQL's disk running full under load: its data directory on a small tmpfs, filled with a ballast file until
 * 256 KB are left, then the ballast removed (space freed). Writes get a 503 that says so meanwhile, nothing is
 * half-stored, and the service takes events again once there is space. Needs to mount a tmpfs (root); without it the
 * run says why it was skipped.
 */
final class DiskFull {
  static final String DISK_FULL = "HTTP 503 \"service unavailable: the database is out of disk space, try again once "
      + "space is freed\"";

  private DiskFull() {}

  static Figures run(double rate, double full, double after) throws Exception {
    Figures f = new Figures(String.format("PostgreSQL's disk full (tmpfs, ballast leaving 256 KB) for %.0f s under "
        + "%.0f events/s, then space freed", full, rate));
    Path mount = TestBroker.tempDir("faults-disk");
    String refused = run("mount", "-t", "tmpfs", "-o", "size=192m", "tmpfs", mount.toString());
    if (refused != null) {
      f.skipped = "cannot mount a tmpfs for PostgreSQL's data (" + refused.strip() + ")";
      Files.delete(mount);
      return f;
    }
    Path ballast = mount.resolve("ballast");
    try (OwnPostgres pg = OwnPostgres.start(mount.resolve("pg"), TestBroker.freePort());
        FaultRig rig = new FaultRig("disk-full", pg.url(), pg::connect, TestBroker.sharedBootstrap(), Map.of())) {
      rig.start();
      rig.openLoop(rate, 2).get();
      recycleWal(pg);
      long left = fill(mount, ballast, 256 * 1024);
      try (var wal = Files.list(mount.resolve("pg").resolve("pg_wal"))) {
        f.note("ballast of %d MB left %.1f MB free; %d WAL segments", Files.size(ballast) / 1024 / 1024,
            left / 1024.0 / 1024, wal.filter(p -> p.getFileName().toString().matches("[0-9A-F]{24}")).count());
      }
      Run whileFull = rig.openLoop(rate, full).get();
      int readiness = rig.status("/healthz/readiness");
      Files.delete(ballast);
      f.note("while full: %d of %d posts failed; readiness %d", whileFull.failed(),
          whileFull.ok() + whileFull.failed(), readiness);
      if (rig.status("/healthz/readiness") != 200) {
        f.note("PostgreSQL did not survive the full disk; started again after the space was freed");
        pg.stop();
        pg.start();
      }
      rig.openLoop(rate, after).get();
      f.note("all answers: %s", Ledger.latency(rig.runs(), 0, Long.MAX_VALUE));
      rig.reconcile(f, Duration.ofSeconds(90));
      f.failures.keySet().stream().filter(kind -> !kind.equals(DISK_FULL))
          .forEach(kind -> f.problem("a request got %s", kind));
    } finally {
      run("umount", "-l", mount.toString());
      Files.deleteIfExists(mount);
    }
    return f;
  }

  /**
   * Leaves recycled WAL segments ahead, so that while the disk is full it is the tables that cannot grow (an ERROR,
   * SQLSTATE 53100), not the WAL (a PANIC, and PostgreSQL restarting itself).
   */
  private static void recycleWal(OwnPostgres pg) throws java.sql.SQLException {
    for (int i = 0; i < 3; i++) {
      pg.execute("SELECT txid_current()", "SELECT pg_switch_wal()");
    }
    pg.execute("CHECKPOINT");
  }

  /** Writes {@code ballast} until {@code leave} bytes are free on the file system of {@code dir}; what is left. */
  private static long fill(Path dir, Path ballast, long leave) throws IOException {
    byte[] block = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(ballast)) {
      while (Files.getFileStore(dir).getUsableSpace() > leave + block.length) {
        out.write(block);
      }
    }
    return Files.getFileStore(dir).getUsableSpace();
  }

  /** Runs a command; null when it succeeded, else what it printed. */
  private static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    return p.waitFor() == 0 ? null : out + " (exit " + p.exitValue() + ")";
  }
}
