package io.epr.faults;

import io.epr.bench.LoadGenerator.Run;
import io.epr.support.TestBroker;
import io.epr.support.TestDatabase;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The service killed with SIGKILL while clients post events, then started again on the same database: what it
 * acknowledged is stored and delivered (the new instance's dispatcher takes the records the dead one had claimed once
 * their lease runs out); a request that was in flight is stored complete or not at all, and sent again with its
 * Idempotency-Key it is stored once: answered with the id stored before the kill when it had been committed.
 */
final class ServerKilled {
  private ServerKilled() {}

  static Figures run(int clients, double secondsBeforeKill, int leaseSeconds) throws Exception {
    Figures f = new Figures(String.format("server killed with SIGKILL under %d clients, restarted on the same "
        + "database (EPR_OUTBOX_LEASE=%d)", clients, leaseSeconds));
    try (TestDatabase db = new TestDatabase();
        FaultRig rig = new FaultRig("server-kill", db.url(), db::connect, TestBroker.sharedBootstrap(),
            Map.of("EPR_OUTBOX_LEASE", String.valueOf(leaseSeconds)))) {
      rig.start();
      AtomicBoolean killed = new AtomicBoolean();
      CompletableFuture<Run> load = rig.closedLoop(clients, () -> !killed.get());
      Thread.sleep((long) (secondsBeforeKill * 1000));
      rig.kill();
      killed.set(true);
      Run beforeKill = load.get(60, TimeUnit.SECONDS);
      double ready = rig.start();
      f.note("killed after %.1f s of load (%d acknowledged by then); started again, ready after %.1f s",
          secondsBeforeKill, beforeKill.ok(), ready);
      Run retried = rig.retryFailures(beforeKill, clients).get(60, TimeUnit.SECONDS);
      f.note("the %d requests that failed were sent again with their Idempotency-Keys: %d answered (%d with the id "
          + "stored before the kill), %d failed again", beforeKill.failed(), retried.ok(), retried.replayed(),
          retried.failed());
      long until = System.nanoTime() + 2_000_000_000L;
      Run afterRestart = rig.closedLoop(clients, () -> System.nanoTime() < until).get(60, TimeUnit.SECONDS);
      f.note("the restarted service then took %d events in 2 s (%d failed)", afterRestart.ok(),
          afterRestart.failed());
      rig.reconcile(f, Duration.ofSeconds(leaseSeconds + 60L));
      f.failures.keySet().stream().filter(kind -> kind.startsWith("HTTP"))
          .forEach(kind -> f.problem("a request was answered %s", kind));
    }
    return f;
  }
}
