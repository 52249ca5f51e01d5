package io.epr.outbox;

import io.epr.metrics.EprMetrics;
import io.epr.outbox.SinkStore.Failure;
import io.epr.outbox.SinkStore.LogBatch;
import io.epr.outbox.SinkStore.LogEntry;
import io.epr.outbox.SinkStore.Retry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sink's delivery rounds, one at a time on the dispatcher's context; a wake-up during a round starts another after
 * it. A round reads the records after the sink's position (and its retries when due), makes sure this instance holds
 * the sink's lease (one instance delivers to a sink at a time), delivers them, then moves the position once for the
 * whole batch. A settlement the database did not take (it went away or read-only after the delivery) is tried again
 * before anything else is delivered, so nothing is sent twice for that. Each sink has its own loop, so a slow
 * collector never delays Kafka.
 */
final class SinkLoop {
  private static final Logger LOG = LoggerFactory.getLogger(SinkLoop.class);

  private final Vertx vertx;
  private final Sink sink;
  private final SinkStore store;
  private final String owner;
  private final int leaseSeconds;
  private final long leaseNanos;
  private final EprMetrics metrics;
  private boolean registered;
  private boolean running;
  private boolean again;
  /** No round starts before this (System.nanoTime): a held batch's backoff, or another instance's lease. */
  private long notBefore;
  private long wakeTimer = -1;
  /** Until when this instance surely holds the lease (System.nanoTime, measured from before it was taken); 0: not. */
  private long leaseUntil;
  private boolean renewing;
  private boolean retriesDue = true;
  /** The attempts of the records the last batch held in place. */
  private Map<LogPosition, Integer> held = Map.of();
  private final List<Supplier<Future<?>>> unsettled = new ArrayList<>();
  /** Why the last round failed (the database), reported once until a round succeeds. */
  private String roundError;
  /** Who else held the lease when this instance last found it taken, reported once. */
  private String otherOwner;
  /** The sink's last retriable delivery error, null after a round without one: says when delivery recovers. */
  private String deliveryError;
  /** The sink's last error of any kind (to retry or dead), kept after recovery. Read by /healthz/status. */
  private volatile SinkReport.LastError lastError;

  SinkLoop(Vertx vertx, Sink sink, SinkStore store, String owner, int leaseSeconds, EprMetrics metrics) {
    this.vertx = vertx;
    this.sink = sink;
    this.store = store;
    this.owner = owner;
    this.leaseSeconds = leaseSeconds;
    this.leaseNanos = leaseSeconds * 1_000_000_000L;
    this.metrics = metrics;
  }

  Sink sink() {
    return sink;
  }

  SinkReport.LastError lastError() {
    return lastError;
  }

  /** New records may be in the log. */
  void wake() {
    if (running) {
      again = true;
      return;
    }
    long wait = notBefore - System.nanoTime();
    if (wait > 0) {
      if (wakeTimer < 0) {
        wakeTimer = vertx.setTimer(Math.max(1, wait / 1_000_000), id -> {
          wakeTimer = -1;
          wake();
        });
      }
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
      if (result.result() || again) {
        wake();
      }
    });
  }

  /** Retries were put back: read them in the next round. */
  void retriesWaiting() {
    retriesDue = true;
    wake();
  }

  /** Every second: due retries, the lease renewed while a round is in flight, and a safety net for missed NOTIFYs. */
  void tick() {
    retriesDue = true;
    if (running && leaseUntil != 0 && !renewing && System.nanoTime() > leaseUntil - leaseNanos / 2) {
      renewing = true;
      takeLease().onComplete(done -> renewing = false);
    }
    wake();
  }

  /** Gives the lease up when no round is in flight, so another instance takes over at once. */
  Future<Void> release() {
    if (running || leaseUntil == 0) {
      return Future.succeededFuture();
    }
    leaseUntil = 0;
    return store.release(sink.name(), owner);
  }

  private record Work(LogBatch log, List<Retry> retries) {
    boolean isEmpty() {
      return log.entries().isEmpty() && retries.isEmpty();
    }
  }

  /** Whether to go on at once: the log had a full batch more. */
  private Future<Boolean> round() {
    return register().compose(done -> settle()).compose(done -> read())
        .compose(work -> work.isEmpty() ? Future.succeededFuture(work) : leased(work))
        .compose(work -> work.isEmpty() ? Future.succeededFuture(false) : deliver(work));
  }

  /** The sink's position row, made the first time (in a round: the database may be read-only when the loop starts). */
  private Future<Void> register() {
    return registered ? Future.succeededFuture() : store.register(sink.name()).onSuccess(done -> registered = true);
  }

  private Future<Work> read() {
    boolean withRetries = retriesDue;
    retriesDue = false;
    Future<LogBatch> log = store.read(sink.name(), OutboxDispatcher.BATCH);
    Future<List<Retry>> retries = withRetries ? store.dueRetries(sink.name(), OutboxDispatcher.BATCH)
        : Future.succeededFuture(List.of());
    return Future.all(log, retries).map(done -> {
      retriesDue |= retries.result().size() == OutboxDispatcher.BATCH;
      return new Work(log.result(), retries.result());
    }).onFailure(e -> retriesDue |= withRetries);
  }

  /**
   * The work to deliver once this instance holds the lease (read again if the position moved while it was taken);
   * empty when another instance holds it, and no round starts until that lease would run out.
   */
  private Future<Work> leased(Work work) {
    if (System.nanoTime() < leaseUntil - leaseNanos / 2) {
      return Future.succeededFuture(work);
    }
    return takeLease().compose(lease -> {
      if (lease == null || !lease.held()) {
        if (lease != null) {
          notBefore = System.nanoTime() + (long) (Math.max(0.05, lease.waitSeconds()) * 1e9);
          if (!Objects.equals(lease.owner(), otherOwner)) {
            LOG.info("{} is delivered by {}; this instance ({}) waits for its lease", sink.name(), lease.owner(), owner);
            otherOwner = lease.owner();
          }
        }
        retriesDue |= !work.retries().isEmpty();
        return Future.succeededFuture(new Work(LogBatch.EMPTY, List.of()));
      }
      otherOwner = null;
      return lease.at().equals(work.log().from()) || work.log().entries().isEmpty() ? Future.succeededFuture(work)
          : store.read(sink.name(), OutboxDispatcher.BATCH).map(log -> new Work(log, work.retries()));
    });
  }

  private Future<SinkStore.Lease> takeLease() {
    long asked = System.nanoTime();
    return store.lease(sink.name(), owner, leaseSeconds).onSuccess(lease -> {
      leaseUntil = lease != null && lease.held() ? asked + leaseNanos : 0;
    });
  }

  private Future<Boolean> deliver(Work work) {
    List<LogEntry> entries = work.log().entries();
    List<OutboxRecord> records = new ArrayList<>(work.retries().size() + entries.size());
    work.retries().forEach(r -> records.add(r.record()));
    entries.stream().filter(e -> e.record() != null).forEach(e -> records.add(e.record()));
    Future<List<Sink.Outcome>> delivered = records.isEmpty() ? Future.succeededFuture(List.of())
        : sink.deliver(records);
    return delivered.compose(outcomes -> {
      int r = work.retries().size();
      RetryVerdict retries = RetryVerdict.judge(work.retries(), outcomes.subList(0, r), sink.maxAttempts());
      LogVerdict log = LogVerdict.judge(entries, outcomes.subList(r, outcomes.size()), held, sink.maxAttempts());
      held = log.held();
      if (log.holding()) {
        notBefore = System.nanoTime() + (long) (OutboxDispatcher.backoffSeconds(log.holdAttempts()) * 1e9);
      }
      report(log, retries);
      if (log.advanceTo() != null) {
        LogPosition from = work.log().from();
        unsettled.add(() -> store.advance(sink.name(), owner, leaseSeconds, from, log.advanceTo(), log.failures(),
            sink.deadLetterTopic()).onSuccess(this::moved));
      }
      if (!retries.settled().isEmpty()) {
        unsettled.add(() -> store.settleRetries(retries.settled()));
      }
      boolean full = entries.size() == OutboxDispatcher.BATCH && !log.holding();
      return settle().map(full);
    });
  }

  /** After a batch: the position did not move when another instance took the lease (or moved it) meanwhile. */
  private void moved(boolean moved) {
    if (!moved) {
      leaseUntil = 0;
      LOG.info("{}: the lease was lost during a delivery; whoever holds it now delivers that batch again", sink.name());
    }
  }

  /** Runs the settlements not yet taken; fails (and keeps those that failed) if any did. */
  private Future<Void> settle() {
    if (unsettled.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Supplier<Future<?>>> steps = List.copyOf(unsettled);
    List<Future<?>> runs = steps.stream().<Future<?>>map(Supplier::get).toList();
    return Future.join(runs).transform(done -> {
      for (int i = 0; i < steps.size(); i++) {
        if (runs.get(i).succeeded()) {
          unsettled.remove(steps.get(i));
        }
      }
      return done.succeeded() ? Future.succeededFuture() : Future.failedFuture(done.cause());
    });
  }

  private void report(LogVerdict log, RetryVerdict retries) {
    String name = sink.name();
    metrics.delivered(name).increment(log.delivered() + retries.delivered());
    metrics.retried(name).increment(log.retried() + retries.retried());
    String error = log.retryError() != null ? log.retryError() : retries.retryError();
    if (error != null && deliveryError == null) {
      LOG.warn("{} delivery failing, records wait in the outbox and are retried: {}", name, error);
    } else if (error == null && deliveryError != null) {
      LOG.info("{} delivery recovered", name);
    }
    deliveryError = error;
    List<Failure> dead = new ArrayList<>();
    log.failures().stream().filter(f -> f.reason() != null).forEach(dead::add);
    retries.settled().stream().filter(s -> s.outcome().equals("dead"))
        .forEach(s -> dead.add(new Failure(null, s.attempts(), s.reason(), s.lastError(), 0)));
    dead.stream().collect(Collectors.groupingBy(f -> f.reason() + (f.lastError() == null ? ""
        : " (last error: " + f.lastError() + ")"), Collectors.counting())).forEach((why, count) -> LOG.error(
            "{} record(s) for {} moved to the dead letters: {}", count, name, why));
    metrics.deadLettered(name).increment(dead.size());
    String lastSeen = error != null ? error : dead.stream().map(Failure::reason).findFirst().orElse(null);
    if (lastSeen != null) {
      lastError = new SinkReport.LastError(lastSeen, OffsetDateTime.now());
    }
  }
}
