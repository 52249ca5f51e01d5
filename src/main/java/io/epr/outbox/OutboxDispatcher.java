package io.epr.outbox;

import io.epr.metrics.EprMetrics;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.Pool;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delivers the log: woken by NOTIFY when an ingest commits (and every second for due retries, lease renewal and as a
 * safety net), each of its sinks reads the records after its position and delivers them, one instance per sink at a
 * time (a lease on the sink's position row, taken over by another instance once it runs out). Every ten seconds it
 * prunes what every sink has passed. Any number of instances can run against one database.
 */
public final class OutboxDispatcher extends VerticleBase {
  static final int BATCH = 500;
  private static final double MAX_BACKOFF_SECONDS = 10;
  private static final long PRUNE_EVERY_MS = 10_000;

  private final SinkStore store;
  private final LogPruner pruner;
  private final Backlog backlog;
  private final PgConnectOptions pg;
  private final List<Sink> sinks;
  private final List<SinkLoop> loops = new ArrayList<>();
  private final int leaseSeconds;
  private final EprMetrics metrics;
  private final String owner;
  private PgSubscriber subscriber;

  /**
   * @param owner this instance, as the sinks' leases name it ({@link #instanceOn})
   * @param leaseSeconds how long a sink is this instance's once it took it: if it dies, another instance delivers to
   *     that sink once the lease ran out (renewed every half lease while this one delivers)
   */
  public OutboxDispatcher(Pool pool, Backlog backlog, PgConnectOptions pg, List<Sink> sinks, String owner,
      int leaseSeconds, EprMetrics metrics) {
    this.store = new SinkStore(pool);
    this.pruner = new LogPruner(pool);
    this.owner = owner;
    this.backlog = backlog;
    this.pg = pg;
    this.sinks = List.copyOf(sinks);
    this.leaseSeconds = leaseSeconds;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    sinks.forEach(s -> loops.add(new SinkLoop(vertx, s, store, owner, leaseSeconds, metrics)));
    subscriber = PgSubscriber.subscriber(vertx, pg).reconnectPolicy(retries -> 1000L);
    subscriber.channel(OutboxLog.CHANNEL).handler(payload ->
        loops.forEach(OutboxSql.RETRIES_PAYLOAD.equals(payload) ? SinkLoop::retriesWaiting : SinkLoop::wake));
    vertx.setPeriodic(1000, id -> loops.forEach(SinkLoop::tick));
    vertx.setPeriodic(1, 5000, id -> backlog.counts().onSuccess(this::gauge));
    // a prune that fails (the database away) is tried again at the next one
    vertx.setPeriodic(PRUNE_EVERY_MS, id -> pruner.prune());
    return subscriber.connect().onComplete(done -> loops.forEach(SinkLoop::wake));
  }

  @Override
  public Future<?> stop() {
    // best effort: an instance that cannot release a lease lets it run out
    Future<?> released = Future.join(loops.stream().map(SinkLoop::release).toList()).otherwiseEmpty();
    return released.compose(done -> {
      sinks.forEach(Sink::close);
      return subscriber == null ? Future.succeededFuture() : subscriber.close();
    });
  }

  /** What each sink has done since this instance started, for /healthz/status. */
  public List<SinkReport> reports() {
    return loops.stream().map(l -> new SinkReport(l.sink().name(), (long) metrics.delivered(l.sink().name()).count(),
        (long) metrics.retried(l.sink().name()).count(), (long) metrics.deadLettered(l.sink().name()).count(),
        l.lastError())).toList();
  }

  /** This instance's sinks are always reported, those only the database knows (another instance's) when it has them. */
  private void gauge(Map<String, Backlog.Counts> bySink) {
    TreeSet<String> names = new TreeSet<>(bySink.keySet());
    sinks.forEach(s -> names.add(s.name()));
    for (String name : names) {
      Backlog.Counts c = bySink.getOrDefault(name, Backlog.Counts.NONE);
      metrics.outboxBacklog(name, c.pending(), c.dead(), c.lagSeconds());
    }
  }

  /**
   * An instance as the sinks' leases name it: its host and listen port. No two running instances share both, and an
   * instance restarted in its place (killed, then started again) is the same owner, so it takes its sinks back at
   * once instead of waiting for its own lease to run out. (Should two instances share a name anyway, both would
   * deliver: records could arrive twice, none would be lost, as the position only moves from where it was read.)
   */
  public static String instanceOn(int port) {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "unknown-host";
    }
    return host + ":" + port;
  }

  /** 0.5 s doubling per attempt up to 10 s, with ±20 % jitter so instances do not retry in step. */
  static double backoffSeconds(int attempts) {
    double base = Math.min(MAX_BACKOFF_SECONDS, 0.5 * Math.pow(2, Math.max(0, attempts - 1)));
    return base * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble());
  }
}
