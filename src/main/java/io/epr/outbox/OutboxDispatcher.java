package io.epr.outbox;

import io.epr.metrics.EprMetrics;
import io.epr.store.OutboxStore;
import io.epr.store.OutboxStore.Claimed;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
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
  private static final int LEASE_SECONDS = 60;
  private static final double MAX_BACKOFF_SECONDS = 10;

  private final OutboxStore store;
  private final PgConnectOptions pg;
  private final List<Sink> sinks;
  private final List<SinkLoop> loops = new ArrayList<>();
  private final EprMetrics metrics;
  private PgSubscriber subscriber;
  private volatile String lastError;

  public OutboxDispatcher(OutboxStore store, PgConnectOptions pg, List<Sink> sinks, EprMetrics metrics) {
    this.store = store;
    this.pg = pg;
    this.sinks = List.copyOf(sinks);
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

  /** The last delivery error, for /healthz/status; null after a clean round. */
  public String lastError() {
    return lastError;
  }

  private void dispatch() {
    loops.forEach(SinkLoop::wake);
  }

  /**
   * One sink's claim-deliver-settle rounds. A round is claimed and delivered one at a time, and a wake-up during a
   * round starts another after it; a delivered round is settled (deleted, rescheduled) while the next is claimed,
   * since its records stay leased until then. Each sink has its own loop, so a slow collector never delays Kafka.
   */
  private final class SinkLoop {
    private static final int MAX_SETTLING = 4;
    private final Sink sink;
    private boolean running;
    private boolean again;
    private int settling;

    SinkLoop(Sink sink) {
      this.sink = sink;
    }

    void wake() {
      if (running || settling >= MAX_SETTLING) {
        again = true;
        return;
      }
      running = true;
      again = false;
      round().onComplete(result -> {
        running = false;
        if (result.failed()) {
          LOG.warn("outbox dispatch to {} failed: {}", sink.name(), result.cause().getMessage());
        } else if (result.result() == BATCH || again) {
          wake();
        }
      });
    }

    /** The number of records claimed; completes once they are delivered, before they are settled. */
    private Future<Integer> round() {
      return store.claim(sink.name(), BATCH, LEASE_SECONDS).compose(claimed -> {
        if (claimed.isEmpty()) {
          return Future.succeededFuture(0);
        }
        return sink.deliver(claimed.stream().map(Claimed::record).toList()).map(outcomes -> {
          settling++;
          settle(sink, claimed, outcomes).onComplete(settled -> vertx.runOnContext(v -> {
            settling--;
            if (settled.failed()) {
              LOG.warn("settling {} deliveries failed, they are delivered again when their lease ends: {}",
                  sink.name(), settled.cause().getMessage());
            }
            if (again) {
              wake();
            }
          }));
          return claimed.size();
        });
      });
    }
  }

  /** Deletes what was delivered, reschedules what may succeed later, and moves what never will to the dead letters. */
  private Future<Void> settle(Sink sink, List<Claimed> batch, List<Sink.Outcome> outcomes) {
    String sinkName = sink.name();
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
    if (error != null && lastError == null) {
      LOG.warn("{} delivery failing, records wait in the outbox and are retried: {}", sinkName, error);
    } else if (error == null && lastError != null) {
      LOG.info("{} delivery recovered", sinkName);
    }
    lastError = error;
    metrics.delivered(sinkName).increment(delivered.size());
    List<Future<Void>> updates = new ArrayList<>();
    updates.add(store.delivered(delivered));
    String retryError = error;
    retryByAttempts.forEach((attempts, ids) -> {
      metrics.retried(sinkName).increment(ids.size());
      updates.add(store.retryLater(ids, backoffSeconds(attempts), retryError));
    });
    dead.forEach((reason, ids) -> updates.add(deadLetter(sinkName, ids, reason, null)));
    exhausted.forEach((lastError, ids) -> updates.add(
        deadLetter(sinkName, ids, "gave up after " + sink.maxAttempts() + " attempts", lastError)));
    return Future.all(updates).mapEmpty();
  }

  private Future<Void> deadLetter(String sinkName, List<Long> ids, String reason, String lastError) {
    LOG.error("{} record(s) for {} moved to the dead letters: {}{}", ids.size(), sinkName, reason,
        lastError == null ? "" : " (last error: " + lastError + ")");
    metrics.deadLettered(sinkName).increment(ids.size());
    return store.deadLetter(ids, reason, lastError);
  }

  /** 0.5 s doubling per attempt up to 10 s, with ±20 % jitter so instances do not retry in step. */
  static double backoffSeconds(int attempts) {
    double base = Math.min(MAX_BACKOFF_SECONDS, 0.5 * Math.pow(2, Math.max(0, attempts - 1)));
    return base * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble());
  }
}
