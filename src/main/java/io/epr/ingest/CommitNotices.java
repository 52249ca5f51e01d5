package io.epr.ingest;

import io.epr.model.Event;
import io.epr.outbox.OutboxLog;
import io.epr.store.RegistryStore;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells every instance what its commits wrote: the outbox's dispatchers that the log grew, the live streams which
 * events were stored. Sent after the commit, not inside it. PostgreSQL queues notifications in commit order by
 * holding one lock, for the whole cluster, from a notifying transaction's commit until its flush to disk is done: with
 * the NOTIFY inside, ingest transactions reached the disk one after the other and never shared a flush. Here the
 * notices of every commit since the last sending go together, in one statement whose commit does not wait for the
 * disk, and a client is answered once its notices are sent: an event posted after that answer, to any instance, is
 * streamed after it. A sending that fails holds nobody up (what they stored is stored): its notices go again a second
 * later, with the next ones; meanwhile the dispatchers find the records at their next tick.
 */
final class CommitNotices {
  private static final Logger LOG = LoggerFactory.getLogger(CommitNotices.class);
  private static final long RETRY_MS = 1000;

  private final Vertx vertx;
  private final Context context;
  private final RegistryStore registry;
  private final List<String> eventIds = new ArrayList<>();
  private final List<Promise<Void>> waiting = new ArrayList<>();
  private boolean logGrew;
  private boolean sending;
  private String failing;

  CommitNotices(Vertx vertx, RegistryStore registry) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.registry = registry;
  }

  /**
   * After a transaction that wrote to the log committed; {@code events}, in order, are the events it stored. Completes
   * once its notices were sent, or once a sending failed (they go again later); never fails.
   */
  Future<Void> committed(List<Event> events) {
    Promise<Void> sent = Promise.promise();
    context.runOnContext(v -> {
      logGrew = true;
      events.forEach(e -> eventIds.add(e.id()));
      waiting.add(sent);
      send();
    });
    return sent.future();
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
    List<Promise<Void>> answered = List.copyOf(waiting);
    waiting.clear();
    registry.notifyCommitted(OutboxLog.CHANNEL, ids).onComplete(done -> context.runOnContext(v -> {
      sending = false;
      answered.forEach(Promise::tryComplete);
      if (done.failed()) {
        String error = Objects.toString(done.cause().getMessage(), done.cause().toString());
        if (failing == null) {
          LOG.warn("notices of committed events not sent, sent again every second: {}", error);
        }
        failing = error;
        eventIds.addAll(0, ids);
        logGrew = true;
        vertx.setTimer(RETRY_MS, id -> send());
        return;
      }
      if (failing != null) {
        LOG.info("notices of committed events sent again");
        failing = null;
      }
      send();
    }));
  }
}
