package io.epr.api.rest;

import io.epr.json.EprJson;
import io.epr.metrics.EprMetrics;
import io.epr.model.Event;
import io.epr.model.EventReceiver;
import io.epr.store.RegistryStore;
import io.epr.wire.Entities;
import io.epr.wire.JsonFields;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events committed by any instance, as they commit, for this instance's live streams ({@link LiveEventsApi}):
 * one connection LISTENs on {@link RegistryStore#EVENTS_CHANNEL}, whose notifications (an event's id) the ingest
 * sends once the event's transaction has committed. While a stream is open the notified
 * events are read, a batch per query with one query at a time, rendered as REST renders them (with their
 * EventReceiver) and published on the event bus to every open stream; no stream reads the database itself. While the
 * connection is lost (the database restarts) notifications are missed: streams carry what commits once it is back.
 */
public final class LiveEvents extends VerticleBase {
  /** Where each event's JSON is published, in the order the notifications came. */
  static final String ADDRESS = "epr.events.live";
  private static final Logger LOG = LoggerFactory.getLogger(LiveEvents.class);
  /** Events read per query: they are in memory together, payloads and all. */
  private static final int BATCH = 100;

  private final PgConnectOptions pg;
  private final RegistryStore registry;
  private final AtomicInteger streams = new AtomicInteger();
  private final ArrayDeque<String> notified = new ArrayDeque<>();
  private boolean reading;
  private PgSubscriber subscriber;

  public LiveEvents(PgConnectOptions pg, RegistryStore registry, EprMetrics metrics) {
    this.pg = pg;
    this.registry = registry;
    metrics.liveStreams(streams);
  }

  @Override
  public Future<?> start() {
    subscriber = PgSubscriber.subscriber(vertx, pg).reconnectPolicy(retries -> 1000L);
    subscriber.channel(RegistryStore.EVENTS_CHANNEL).handler(this::notified);
    return subscriber.connect();
  }

  @Override
  public Future<?> stop() {
    return subscriber == null ? Future.succeededFuture() : subscriber.close();
  }

  /** A stream opened: from now on the committed events are read and published. Any thread. */
  void opened() {
    streams.incrementAndGet();
  }

  /** A stream closed. Any thread. */
  void closed() {
    streams.decrementAndGet();
  }

  /** On this verticle's context. */
  private void notified(String eventId) {
    if (streams.get() == 0) {
      return;
    }
    notified.add(eventId);
    if (!reading) {
      read();
    }
  }

  /** Reads the next batch of notified events and publishes them in the order notified; then the next batch. */
  private void read() {
    reading = true;
    List<String> ids = new ArrayList<>(Math.min(notified.size(), BATCH));
    while (!notified.isEmpty() && ids.size() < BATCH) {
      ids.add(notified.poll());
    }
    registry.events(ids).compose(events -> {
      Map<String, Event> byId = new HashMap<>();
      events.forEach(e -> byId.put(e.id(), e));
      List<Event> ordered = ids.stream().map(byId::get).filter(Objects::nonNull).toList();
      List<Future<EventReceiver>> receivers = ordered.stream().map(e -> registry.receiver(e.receiverId())).toList();
      return Future.all(receivers).map(found -> {
        for (int i = 0; i < ordered.size(); i++) {
          Event event = ordered.get(i);
          EventReceiver receiver = found.resultAt(i);
          vertx.eventBus().publish(ADDRESS, EprJson.write(g -> JsonFields.write(g, event, Entities.eventWith(receiver))));
        }
        return ordered.size();
      });
    }).onComplete(done -> {
      if (done.failed()) {
        LOG.warn("live streams miss {} events that could not be read: {}", ids.size(), done.cause().toString());
      }
      reading = false;
      if (!notified.isEmpty()) {
        read();
      }
    });
  }
}
