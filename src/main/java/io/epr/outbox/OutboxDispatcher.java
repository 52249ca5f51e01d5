package io.epr.outbox;

import io.epr.metrics.EprMetrics;
import io.epr.store.OutboxStore;
import io.epr.store.OutboxStore.Claimed;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox: woken by NOTIFY when an ingest commits (and every second for due retries), it claims for each
 * of its sinks a batch of that sink's due records with SKIP LOCKED, hands them to the sink, deletes what was delivered, reschedules what failed with
 * exponential backoff and jitter, and moves what can never be delivered to the dead letters.
 * Any number of instances can run against one database.
 */
public final class OutboxDispatcher extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxDispatcher.class);
  static final int BATCH = 500;
  private static final double MAX_BACKOFF_SECONDS = 10;

  private final OutboxStore store;
  private final PgConnectOptions pg;
  private final List<Sink> sinks;
  private final int leaseSeconds;
  private final List<SinkLoop> loops = new ArrayList<>();
  private final EprMetrics metrics;
  private PgSubscriber subscriber;

  /**
   * @param leaseSeconds how long the records of one claim are this instance's: if it dies while delivering them,
   *     any instance takes them once the lease ran out
   */
  public OutboxDispatcher(OutboxStore store, PgConnectOptions pg, List<Sink> sinks, int leaseSeconds,
      EprMetrics metrics) {
    this.store = store;
    this.pg = pg;
    this.sinks = List.copyOf(sinks);
    this.leaseSeconds = leaseSeconds;
    sinks.forEach(s -> loops.add(new SinkLoop(s)));
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    subscriber = PgSubscriber.subscriber(vertx, pg).reconnectPolicy(retries -> 1000L);
    subscriber.channel(OutboxStore.CHANNEL).handler(payload -> dispatch());
    vertx.setPeriodic(1000, id -> dispatch());
    vertx.setPeriodic(1, 5000, id -> store.counts().onSuccess(metrics::outboxBacklog));
    return subscriber.connect().onComplete(done -> dispatch());
  }

  @Override
  public Future<?> stop() {
    sinks.forEach(Sink::close);
    return subscriber == null ? Future.succeededFuture() : subscriber.close();
  }

  /** What each sink has done since this instance started, for /healthz/status. */
  public List<SinkReport> reports() {
    return loops.stream().map(l -> new SinkReport(l.sink.name(), (long) metrics.delivered(l.sink.name()).count(),
        (long) metrics.retried(l.sink.name()).count(), (long) metrics.deadLettered(l.sink.name()).count(),
        l.lastError)).toList();
  }

  private void dispatch() {
    loops.forEach(SinkLoop::wake);
  }

  /**
   * One sink's claim-deliver-settle rounds, one at a time; a wake-up during a round starts another after it. Each sink
   * has its own, so a slow collector never delays Kafka. A settlement the database did not take (it went away or
   * read-only after the delivery) is tried again before the next claim, so those records are neither left leased nor
   * sent twice.
   */
  private final class SinkLoop {
    private final Sink sink;
    private boolean running;
    private boolean again;
    private Supplier<Future<Void>> unsettled;
    /** Why the last round failed (the database), reported once until a round succeeds. */
    private String roundError;
    /** The sink's last retriable delivery error, null after a round without one: says when delivery recovers. */
    private String deliveryError;
    /** The sink's last error of any kind (to retry or dead), kept after recovery. Read by /healthz/status. */
    private volatile SinkReport.LastError lastError;

    SinkLoop(Sink sink) {
      this.sink = sink;
    }

    void wake() {
      if (running) {
        again = true;
        return;
      }
      running = true;
      again = false;
      round().onComplete(result -> {
        running = false;
        if (result.failed()) {
          String error = Objects.toString(result.cause().getMessage(), result.cause().toString());
          if (!error.equals(roundError)) {
            LOG.warn("outbox dispatch to {} failing, tried again every second: {}", sink.name(), error);
          }
          roundError = error;
          return;
        }
        if (roundError != null) {
          LOG.info("outbox dispatch to {} works again", sink.name());
          roundError = null;
        }
        if (result.result() == BATCH || again) {
          wake();
        }
      });
    }

    /** The number of records claimed. */
    private Future<Integer> round() {
      Future<Void> settled = unsettled == null ? Future.succeededFuture() : settle(unsettled);
      return settled.compose(done -> store.claim(sink.name(), BATCH, leaseSeconds)).compose(claimed ->
          claimed.isEmpty() ? Future.succeededFuture(0) : deliver(claimed).map(claimed.size()));
    }

    private Future<Void> settle(Supplier<Future<Void>> settlement) {
      unsettled = settlement;
      return settlement.get().onSuccess(done -> unsettled = null);
    }

    private Future<Void> deliver(List<Claimed> batch) {
      String sinkName = sink.name();
      return sink.deliver(batch.stream().map(Claimed::record).toList()).compose(outcomes -> {
        List<Long> delivered = new ArrayList<>();
        Map<String, List<Long>> dead = new HashMap<>();
        Map<String, List<Long>> exhausted = new HashMap<>();
        Map<Integer, List<Long>> retryByAttempts = new HashMap<>();
        String error = null;
        for (int i = 0; i < batch.size(); i++) {
          Claimed c = batch.get(i);
          Sink.Outcome o = outcomes.get(i);
          switch (o.kind()) {
            case DELIVERED -> delivered.add(c.id());
            case DEAD -> dead.computeIfAbsent(o.error(), e -> new ArrayList<>()).add(c.id());
            case RETRY -> {
              error = o.error();
              if (c.attempts() >= sink.maxAttempts()) {
                exhausted.computeIfAbsent(o.error(), e -> new ArrayList<>()).add(c.id());
              } else {
                retryByAttempts.computeIfAbsent(c.attempts(), a -> new ArrayList<>()).add(c.id());
              }
            }
          }
        }
        if (error != null && deliveryError == null) {
          LOG.warn("{} delivery failing, records wait in the outbox and are retried: {}", sinkName, error);
        } else if (error == null && deliveryError != null) {
          LOG.info("{} delivery recovered", sinkName);
        }
        deliveryError = error;
        String lastSeen = error != null ? error : dead.keySet().stream().findFirst().orElse(null);
        if (lastSeen != null) {
          lastError = new SinkReport.LastError(lastSeen, OffsetDateTime.now());
        }
        metrics.delivered(sinkName).increment(delivered.size());
        retryByAttempts.values().forEach(ids -> metrics.retried(sinkName).increment(ids.size()));
        dead.forEach((reason, ids) -> deadLettered(ids, reason, null));
        String gaveUp = "gave up after " + sink.maxAttempts() + " attempts";
        exhausted.forEach((lastError, ids) -> deadLettered(ids, gaveUp, lastError));
        String retryError = error;
        return settle(() -> {
          List<Future<Void>> updates = new ArrayList<>();
          updates.add(store.delivered(delivered));
          retryByAttempts.forEach((attempts, ids) ->
              updates.add(store.retryLater(ids, backoffSeconds(attempts), retryError)));
          dead.forEach((reason, ids) -> updates.add(store.deadLetter(ids, reason, null)));
          exhausted.forEach((lastError, ids) -> updates.add(store.deadLetter(ids, gaveUp, lastError)));
          return Future.all(updates).mapEmpty();
        });
      });
    }

    private void deadLettered(List<Long> ids, String reason, String lastError) {
      LOG.error("{} record(s) for {} moved to the dead letters: {}{}", ids.size(), sink.name(), reason,
          lastError == null ? "" : " (last error: " + lastError + ")");
      metrics.deadLettered(sink.name()).increment(ids.size());
    }
  }

  /** 0.5 s doubling per attempt up to 10 s, with ±20 % jitter so instances do not retry in step. */
  static double backoffSeconds(int attempts) {
    double base = Math.min(MAX_BACKOFF_SECONDS, 0.5 * Math.pow(2, Math.max(0, attempts - 1)));
    return base * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble());
  }
}
