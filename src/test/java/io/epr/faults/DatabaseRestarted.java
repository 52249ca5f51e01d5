package io.epr.faults;

import io.epr.bench.LoadGenerator.Run;
import io.epr.support.TestBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * PostgreSQL stopped (fast shutdown, as a service manager restarts it) or crashing (immediate shutdown) under steady
 * load, and started again a few seconds later on the same port: requests meanwhile get a 503 that says why, readiness
 * follows the database, and the service recovers by itself, with nothing half-stored and everything acknowledged
 * delivered.
 */
final class DatabaseRestarted {
  static final String UNREACHABLE =
      "HTTP 503 \"service unavailable: the database is not reachable, try again shortly\"";

  private DatabaseRestarted() {}

  /**
   * @param crash SIGQUIT (an immediate shutdown: a crash, recovered from the WAL at the next start) instead of a fast
   *     shutdown
   */
  static Figures run(double rate, double before, double downtime, double after, int leaseSeconds, boolean crash)
      throws Exception {
    Figures f = new Figures(String.format("PostgreSQL down for %.0f s (%s, then started again) under %.0f events/s",
        downtime, crash ? "crashed: immediate shutdown" : "fast shutdown", rate));
    Path dir = TestBroker.tempDir("faults-postgres");
    try (OwnPostgres pg = OwnPostgres.start(dir, TestBroker.freePort());
        FaultRig rig = new FaultRig("database-restart", pg.url(), pg::connect, TestBroker.sharedBootstrap(),
            Map.of("EPR_OUTBOX_LEASE", String.valueOf(leaseSeconds)))) {
      rig.start();
      long loadStarted = System.nanoTime();
      CompletableFuture<Run> load = rig.openLoop(rate, before + downtime + after);
      BrokerStopped.sleepUntil(loadStarted, before);
      long stopping = System.nanoTime();
      if (crash) {
        pg.crash();
      } else {
        pg.stop();
      }
      Map<Integer, Integer> readiness = new TreeMap<>();
      while (System.nanoTime() < stopping + (long) (downtime * 1e9)) {
        readiness.merge(rig.status("/healthz/readiness"), 1, Integer::sum);
        Thread.sleep(200);
      }
      pg.start();
      long started = System.nanoTime();
      int ready = rig.status("/healthz/readiness");
      while (ready != 200 && System.nanoTime() < started + 60_000_000_000L) {
        Thread.sleep(100);
        ready = rig.status("/healthz/readiness");
      }
      double recovered = (System.nanoTime() - started) / 1e9;
      load.get();
      f.note("readiness while PostgreSQL was down (status: times): %s; 200 again %.1f s after it was back",
          readiness, recovered);
      f.note("answers while it was down: %s", Ledger.latency(rig.runs(), stopping, started));
      f.note("all answers: %s", Ledger.latency(rig.runs(), 0, Long.MAX_VALUE));
      rig.reconcile(f, Duration.ofSeconds(leaseSeconds + 60L));
      if (!readiness.containsKey(503) || readiness.keySet().stream().anyMatch(s -> s != 503 && s != 200)) {
        f.problem("readiness while the database was down: %s", readiness);
      }
      if (ready != 200) {
        f.problem("readiness not 200 a minute after the database was back");
      }
      f.failures.keySet().stream().filter(kind -> !kind.equals(UNREACHABLE))
          .forEach(kind -> f.problem("a request got %s", kind));
    } finally {
      FaultRig.deleteTree(dir);
    }
    return f;
  }
}
