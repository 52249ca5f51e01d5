package io.epr.faults;

import io.epr.bench.LoadGenerator.Run;
import io.epr.embedded.EmbeddedKafkaBroker;
import io.epr.support.TestBroker;
import io.epr.support.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The Kafka broker stopped for a while under steady load, then started again on the same port and data: no request
 * fails or waits for it, the records wait in the outbox, and the backlog drains once the broker is back.
 */
final class BrokerStopped {
  /** The service is measured warm: the JIT has compiled the ingest path. */
  private static final long WARM_UP_NANOS = 5_000_000_000L;

  private BrokerStopped() {}

  static Figures run(double rate, double before, double outage, double after) throws Exception {
    Figures f = new Figures(String.format("Kafka broker stopped for %.0f s under %.0f events/s (open loop)", outage,
        rate));
    int port = TestBroker.freePort();
    Path dir = TestBroker.tempDir("faults-kafka");
    EmbeddedKafkaBroker[] broker = {EmbeddedKafkaBroker.start("127.0.0.1", port, dir)};
    try (TestDatabase db = new TestDatabase();
        FaultRig rig = new FaultRig("broker-stop", db.url(), db::connect, broker[0].bootstrapServers(), Map.of())) {
      rig.start();
      long warm = System.nanoTime() + WARM_UP_NANOS;
      Run warmUp = rig.closedLoop(4, () -> System.nanoTime() < warm).get();
      f.note("warm-up: %d events from 4 clients in %.0f s, before the measured load", warmUp.ok(),
          WARM_UP_NANOS / 1e9);
      long loadStarted = System.nanoTime();
      CompletableFuture<Run> load = rig.openLoop(rate, before + outage + after);
      sleepUntil(loadStarted, before);
      long stopping = System.nanoTime();
      broker[0].close();
      long stopped = System.nanoTime();
      sleepUntil(stopping, outage);
      String pending = rig.get("/healthz/status").body();
      long starting = System.nanoTime();
      broker[0] = EmbeddedKafkaBroker.start("127.0.0.1", port, dir);
      long started = System.nanoTime();
      load.get();
      f.note("broker stopping took %.1f s, starting again %.1f s; /healthz/status at the end of the outage: %s",
          (stopped - stopping) / 1e9, (started - starting) / 1e9, outboxOf(pending));
      List<Run> runs = rig.runs();
      f.note("answers before the outage: %s", Ledger.latency(runs, loadStarted, stopping));
      f.note("answers while the broker was down: %s", Ledger.latency(runs, stopping, started));
      f.note("answers after it was back: %s", Ledger.latency(runs, started, Long.MAX_VALUE));
      f.note("all answers after the warm-up: %s", Ledger.latency(runs, loadStarted, Long.MAX_VALUE));
      rig.reconcile(f, Duration.ofSeconds(120));
      f.note("the last EPR message reached Kafka %.1f s after the broker was back",
          FaultRig.secondsAfter(rig.topics.eprMessages, started));
      f.failures.forEach((kind, n) -> f.problem("%d requests failed while the broker was away: %s", n, kind));
    } finally {
      broker[0].close();
      FaultRig.deleteTree(dir);
    }
    return f;
  }

  private static String outboxOf(String status) {
    int at = status.indexOf("\"outbox\"");
    return at < 0 ? status : status.substring(at).strip();
  }

  static void sleepUntil(long fromNanos, double seconds) throws InterruptedException {
    long wait = fromNanos + (long) (seconds * 1e9) - System.nanoTime();
    if (wait > 0) {
      Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }
  }
}
