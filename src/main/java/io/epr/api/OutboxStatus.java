package io.epr.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.epr.model.Times;
import io.epr.outbox.Backlog;
import io.epr.outbox.SinkReport;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code outbox} part of /healthz/status. Every sink this instance delivers to is listed, with what it delivered,
 * retried and dead-lettered since start and its last error, next to what waits in the database now: records still to
 * deliver, dead letters, and its lag (the age in seconds of the oldest record it has not taken from the log; it grows
 * while the sink is down, or while a long transaction holds back what may be read).
 */
final class OutboxStatus {
  private OutboxStatus() {}

  /** {@code stored} is null when the database did not answer. */
  static void write(JsonGenerator g, String brokers, List<SinkReport> reports, Map<String, Backlog.Counts> stored)
      throws IOException {
    g.writeObjectFieldStart("outbox");
    g.writeStringField("brokers", brokers);
    if (stored != null) {
      g.writeNumberField("pending", stored.values().stream().mapToLong(Backlog.Counts::pending).sum());
      g.writeNumberField("dead_letters", stored.values().stream().mapToLong(Backlog.Counts::dead).sum());
    }
    g.writeObjectFieldStart("by_sink");
    TreeSet<String> names = new TreeSet<>(stored == null ? Set.of() : stored.keySet());
    reports.forEach(r -> names.add(r.sink()));
    for (String name : names) {
      g.writeObjectFieldStart(name);
      if (stored != null) {
        Backlog.Counts c = stored.getOrDefault(name, Backlog.Counts.NONE);
        g.writeNumberField("pending", c.pending());
        g.writeNumberField("dead_letters", c.dead());
        g.writeNumberField("lag", Math.round(c.lagSeconds() * 1000) / 1000.0);
      }
      Optional<SinkReport> report = reports.stream().filter(r -> r.sink().equals(name)).findFirst();
      if (report.isPresent()) {
        g.writeNumberField("delivered", report.get().delivered());
        g.writeNumberField("retried", report.get().retried());
        g.writeNumberField("dead_lettered", report.get().deadLettered());
        writeError(g, "last_error", report.get().lastError(), "");
      }
      g.writeEndObject();
    }
    g.writeEndObject();
    Optional<SinkReport> latest = reports.stream().filter(r -> r.lastError() != null)
        .max(Comparator.comparing(r -> r.lastError().at()));
    writeError(g, "last_delivery_error", latest.map(SinkReport::lastError).orElse(null),
        latest.map(r -> r.sink() + ": ").orElse(""));
    g.writeEndObject();
  }

  /** {@code field} (the message after {@code prefix}) and {@code field_at}, both null when there was no error. */
  private static void writeError(JsonGenerator g, String field, SinkReport.LastError error, String prefix)
      throws IOException {
    g.writeStringField(field, error == null ? null : prefix + error.message());
    g.writeStringField(field + "_at", error == null ? null : Times.format(error.at()));
  }
}
