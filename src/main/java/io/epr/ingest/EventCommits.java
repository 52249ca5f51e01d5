package io.epr.ingest;

import io.epr.model.Cancellation;
import io.epr.model.Event;
import io.epr.model.EventReceiver;
import io.epr.model.EventReceiverGroup;
import io.epr.model.IdempotencyKey;
import io.epr.model.Nvrpp;
import io.epr.model.TestReport;
import io.epr.outbox.OutboxLog;
import io.epr.outbox.OutboxRecord;
import io.epr.store.CommitGate;
import io.epr.store.IdempotencyStore;
import io.epr.store.RegistryStore;
import io.epr.wire.EprMessages;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Group commit of validated events (with their messages and CDEvents): events that arrive while earlier transactions
 * are still committing wait and share the next transaction, so under load many events cost one commit. Alone, an
 * event commits at once. Each event keeps its own semantics: inside the transaction the events are stored and gated
 * one after the other, under advisory locks on their NVRPPs (which order concurrent events of one NVRPP across
 * instances; within this instance an event waits in the queue while its NVRPP is in a transaction in flight). If a
 * shared transaction fails, each of its events is retried on its own, in arrival order, so one bad event fails only
 * its own request;
 * an event whose client was answered by its timeout is left out, and rolls back a transaction it is in
 * ({@link CommitGate}).
 */
final class EventCommits {
  private static final int MAX_BATCH = 64;
  private static final int MAX_IN_FLIGHT = 4;

  record Committed(Event event, int groupsCompleted) {}

  /** More rows an event brings (an SBOM and its components), written in the event's transaction. */
  interface Attachment {
    Future<Void> store(SqlConnection tx, Event event);

    /** The test report the event records, for its CDEvents; null when it records none. */
    default TestReport testReport() {
      return null;
    }
  }

  private record Pending(Event draft, EventReceiver receiver, Attachment attachment, Caller caller,
      Promise<Committed> done) {}

  private final Context context;
  private final RegistryStore registry;
  private final OutboxLog outbox;
  private final IdempotencyStore keys;
  private final Function<String, OutboxRecord> kafka;
  private final CdeventEmission cdevents;
  private final CommitNotices notices;
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  /** NVRPPs of the events in transactions still committing, with how many events each. */
  private final Map<Nvrpp, Integer> committing = new HashMap<>();
  private int inFlight;

  EventCommits(Vertx vertx, RegistryStore registry, OutboxLog outbox, IdempotencyStore keys,
      Function<String, OutboxRecord> kafka, CdeventEmission cdevents, CommitNotices notices) {
    this.context = vertx.getOrCreateContext();
    this.registry = registry;
    this.outbox = outbox;
    this.keys = keys;
    this.kafka = kafka;
    this.cdevents = cdevents;
    this.notices = notices;
  }

  /**
   * Stores the event, its message, its groups' completions, its CDEvents, its attachment (may be null) and the
   * caller's Idempotency-Key; completes once they are committed and the live streams were told of it.
   */
  Future<Committed> commit(Event draft, EventReceiver receiver, Attachment attachment, Caller caller) {
    Promise<Committed> done = Promise.promise();
    context.runOnContext(v -> {
      queue.add(new Pending(draft, receiver, attachment, caller, done));
      drain();
    });
    return done.future();
  }

  /** Runs on the batching context only. */
  private void drain() {
    while (inFlight < MAX_IN_FLIGHT && !queue.isEmpty()) {
      List<Pending> batch = takeBatch();
      if (batch.isEmpty()) {
        return; // every waiting event's NVRPP is in a transaction still committing
      }
      inFlight++;
      Future<List<Committed>> stored = store(batch);
      Future<?> settled = stored.transform(result -> {
        if (result.succeeded()) {
          for (int i = 0; i < batch.size(); i++) {
            batch.get(i).done().complete(result.result().get(i));
          }
          return Future.succeededFuture();
        }
        if (batch.size() == 1) {
          batch.get(0).done().fail(result.cause());
          return Future.succeededFuture();
        }
        // one after the other, in arrival order: an event's CDEvents continue those of the events before it
        Future<Void> retried = Future.succeededFuture();
        for (Pending p : batch) {
          retried = retried.transform(previous -> store(List.of(p)).map(one -> one.get(0)).onComplete(p.done())
              .<Void>mapEmpty().otherwiseEmpty());
        }
        return retried;
      });
      settled.onComplete(done -> context.runOnContext(v -> {
        batch.forEach(p -> committing.computeIfPresent(p.draft().nvrpp(), (n, count) -> count == 1 ? null : count - 1));
        inFlight--;
        drain();
      }));
    }
  }

  /**
   * Up to {@link #MAX_BATCH} waiting events in arrival order, leaving for a later batch those whose NVRPP a
   * transaction in flight holds: they would wait for its lock and hold up every event of their batch.
   */
  private List<Pending> takeBatch() {
    List<Pending> batch = new ArrayList<>(Math.min(queue.size(), MAX_BATCH));
    for (Iterator<Pending> waiting = queue.iterator(); waiting.hasNext() && batch.size() < MAX_BATCH; ) {
      Pending p = waiting.next();
      if (p.caller().cancellation().cancelled()) {
        waiting.remove();
        p.done().fail(p.caller().cancellation().failure());
      } else if (!committing.containsKey(p.draft().nvrpp())) {
        batch.add(p);
        waiting.remove();
      }
    }
    batch.forEach(p -> committing.merge(p.draft().nvrpp(), 1, Integer::sum));
    return batch;
  }

  /**
   * One transaction: lock the NVRPPs, then per event (pipelined, in order) insert it and find the groups it
   * completes, then write all their messages and CDEvents to the outbox's log, then record the CDEvents with their
   * log positions.
   */
  private Future<List<Committed>> store(List<Pending> batch) {
    List<Nvrpp> nvrpps = batch.stream().map(p -> p.draft().nvrpp()).toList();
    List<Cancellation> clients = batch.stream().map(p -> p.caller().cancellation()).toList();
    return CommitGate.transaction(registry.pool(), clients, tx -> {
      Future<Void> locked = registry.lockNvrpps(tx, nvrpps);
      List<Future<Event>> events = new ArrayList<>(batch.size());
      List<Future<List<EventReceiverGroup>>> groups = new ArrayList<>(batch.size());
      for (Pending p : batch) {
        events.add(registry.insertEvent(tx, p.draft()));
        groups.add(registry.completedGroups(tx, p.receiver().id(), p.draft().nvrpp()));
      }
      List<Future<?>> all = new ArrayList<>(events);
      all.addAll(groups);
      all.add(locked);
      return Future.all(all).compose(stored -> {
        List<OutboxRecord> records = new ArrayList<>();
        List<Committed> committed = new ArrayList<>(batch.size());
        List<Event> storedEvents = new ArrayList<>(batch.size());
        List<EventReceiver> receivers = new ArrayList<>(batch.size());
        List<TestReport> testReports = new ArrayList<>(batch.size());
        List<String> completedGroupIds = new ArrayList<>();
        List<Event> completingEvents = new ArrayList<>();
        List<Future<?>> more = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
          Event event = events.get(i).result();
          EventReceiver receiver = batch.get(i).receiver();
          records.add(kafka.apply(EprMessages.eventCreated(event, receiver)));
          for (EventReceiverGroup g : groups.get(i).result()) {
            records.add(kafka.apply(EprMessages.groupCompleted(g, event, receiver)));
            completedGroupIds.add(g.id());
            completingEvents.add(event);
          }
          committed.add(new Committed(event, groups.get(i).result().size()));
          storedEvents.add(event);
          receivers.add(receiver);
          Attachment attachment = batch.get(i).attachment();
          testReports.add(attachment == null ? null : attachment.testReport());
          if (attachment != null) {
            more.add(attachment.store(tx, event));
          }
          IdempotencyKey key = batch.get(i).caller().idempotencyKey();
          if (key != null) {
            more.add(keys.remember(tx, key, event.id()));
          }
        }
        more.add(registry.recordCompletions(tx, completedGroupIds, completingEvents));
        Future<CdeventEmission.Translated> translated = cdevents.translate(tx, storedEvents, receivers, testReports);
        more.add(translated);
        return allSent(more).compose(done -> {
          int messages = records.size();
          records.addAll(translated.result().records());
          return outbox.append(tx, records).compose(positions ->
              cdevents.record(tx, translated.result(), positions.subList(messages, positions.size())));
        }).map(committed);
      });
    }).compose(committed -> notices.committed(committed.stream().map(Committed::event).toList()).map(committed));
  }

  /**
   * Done when every part is, so that no chunked insert is still sending statements when a failure rolls the
   * transaction back; failed with the part's own failure, not with a later statement's "transaction is aborted".
   */
  private static Future<Void> allSent(List<Future<?>> parts) {
    return Future.join(parts).transform(done -> done.succeeded() ? Future.succeededFuture()
        : Future.failedFuture(parts.stream().filter(Future::failed).map(Future::cause)
            .filter(e -> !(e instanceof PgException pg && "25P02".equals(pg.getSqlState()))).findFirst()
            .orElse(done.cause())));
  }
}
