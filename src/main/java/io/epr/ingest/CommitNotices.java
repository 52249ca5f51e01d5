package io.epr.ingest;

import io.epr.model.Event;
import io.epr.outbox.OutboxLog;
import io.epr.store.RegistryStore;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;

/**
 * Tells every instance what its commits wrote: the outbox's dispatchers that the log grew, the live streams which
 * events were stored. Sent after the commit, not inside it. PostgreSQL queues notifications in commit order by
 * holding one lock, for the whole cluster, from a notifying transaction's commit until its flush to disk is done: with
 * the NOTIFY inside, ingest transactions reached the disk one after the other and never shared a flush, and each
 * answer waited for the flushes of the commits before it. Here the notices of every commit since the last sending
 * go together, in a transaction of their own that does not wait for the disk. A notice lost in a crash costs the
 * dispatchers their next tick (a second) and a live stream that event (search has it).
 */
final class CommitNotices {
  /** For the notices' own transaction only: a notification needs no flush to disk. */
  private static final String NOT_DURABLE = "SET LOCAL synchronous_commit TO off";

  private final Context context;
  private final Pool pool;
  private final OutboxLog log;
  private final RegistryStore registry;
  private final List<String> eventIds = new ArrayList<>();
  private boolean logGrew;
  private boolean sending;

  CommitNotices(Vertx vertx, Pool pool, OutboxLog log, RegistryStore registry) {
    this.context = vertx.getOrCreateContext();
    this.pool = pool;
    this.log = log;
    this.registry = registry;
  }

  /** After a transaction that wrote to the log committed; {@code events}, in order, are the events it stored. */
  void committed(List<Event> events) {
    context.runOnContext(v -> {
      logGrew = true;
      events.forEach(e -> eventIds.add(e.id()));
      send();
    });
  }

  /** Runs on the notices' context: one sending at a time, the next takes what came meanwhile. */
  private void send() {
    if (sending || !logGrew) {
      return;
    }
    sending = true;
    logGrew = false;
    List<String> ids = List.copyOf(eventIds);
    eventIds.clear();
    pool.withTransaction(conn -> conn.query(NOT_DURABLE).execute()
            .compose(set -> log.wake(conn))
            .compose(woken -> ids.isEmpty() ? Future.succeededFuture() : registry.notifyEvents(conn, ids)))
        .onComplete(done -> context.runOnContext(v -> {
          sending = false;
          send();
        }));
  }
}
