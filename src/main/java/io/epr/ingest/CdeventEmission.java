package io.epr.ingest;

import io.epr.cdevents.CdEvent;
import io.epr.cdevents.CdeventTranslator;
import io.epr.cdevents.NvrppHistory;
import io.epr.model.Event;
import io.epr.model.EventReceiver;
import io.epr.model.Nvrpp;
import io.epr.model.TestReport;
import io.epr.outbox.CdeventRecords;
import io.epr.outbox.OutboxRecord;
import io.epr.store.CdeventStore;
import io.epr.store.CdeventStore.Emitted;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.SqlConnection;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The CDEvents of events being stored, inside their transaction: translated by the rules into outbox records, then
 * recorded in epr_cdevents with the log positions of those records. Each continues what the earlier CDEvents of its
 * NVRPP established (its artifact identity, its run, its incident), those emitted earlier in the same transaction
 * included.
 */
final class CdeventEmission {
  private final Vertx vertx;
  private final CdeventTranslator translator;
  private final CdeventStore store;
  private final CdeventRecords records;

  CdeventEmission(Vertx vertx, CdeventTranslator translator, CdeventStore store, CdeventRecords records) {
    this.vertx = vertx;
    this.translator = translator;
    this.store = store;
    this.records = records;
  }

  /** The CDEvents translated, and their outbox records: one each, in the same order. */
  record Translated(List<Emitted> emitted, List<OutboxRecord> records) {}

  /**
   * {@code events} in the order they were stored, each with its receiver and the test report it records (or null).
   * A test report can make a hundred thousand CDEvents: those of a batch with one are made on a worker.
   */
  Future<Translated> translate(SqlConnection tx, List<Event> events, List<EventReceiver> receivers,
      List<TestReport> testReports) {
    List<Nvrpp> nvrpps = events.stream().map(Event::nvrpp).toList();
    boolean large = testReports.stream().anyMatch(Objects::nonNull);
    return store.historyOf(tx, nvrpps)
        .compose(histories -> large ? vertx.executeBlocking(() -> translate(events, receivers, testReports, histories),
            false) : Future.succeededFuture(translate(events, receivers, testReports, histories)));
  }

  /** Records the translated CDEvents, their records having been appended to the log at {@code logPositions}. */
  Future<Void> record(SqlConnection tx, Translated translated, List<Long> logPositions) {
    return store.insert(tx, translated.emitted(), logPositions);
  }

  private Translated translate(List<Event> events, List<EventReceiver> receivers, List<TestReport> testReports,
      Map<String, NvrppHistory> histories) {
    List<Emitted> emitted = new ArrayList<>();
    List<OutboxRecord> records = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      Event event = events.get(i);
      NvrppHistory history = histories.computeIfAbsent(event.nvrpp().canonical(), k -> NvrppHistory.empty());
      for (CdEvent cd : translator.translate(event, receivers.get(i), history, testReports.get(i))) {
        history.emitted(cd.type(), cd.subjectId());
        OutboxRecord record = this.records.of(cd, event.nvrpp());
        emitted.add(new Emitted(cd.id(), event.id(), cd.type(), cd.subjectId(), event.nvrpp(),
            happenedAt(cd.timestamp()), record.sinks()));
        records.add(record);
      }
    }
    return new Translated(emitted, records);
  }

  /**
   * A CDEvent's timestamp as a time; null where a passed-through CDEvent's own is none Java reads (readers then take
   * the event's time).
   */
  private static OffsetDateTime happenedAt(String timestamp) {
    if (timestamp == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(timestamp);
    } catch (DateTimeParseException unreadable) {
      return null;
    }
  }
}
