package io.epr.faults;

import com.fasterxml.jackson.databind.JsonNode;
import io.epr.bench.Deliveries;
import io.epr.bench.Deliveries.Arrival;
import io.epr.bench.IngestBench;
import io.epr.bench.LoadGenerator.Ack;
import io.epr.bench.LoadGenerator.Failure;
import io.epr.bench.LoadGenerator.Run;
import io.epr.support.Http;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the clients were told against what the database holds and what reached Kafka and the collector. Every
 * acknowledged event must be stored and delivered everywhere (lost otherwise); a request that failed may have been
 * stored, then complete; a stored event needs its CDEvent row and its three deliveries, and nothing may arrive for an
 * event that is not stored (half-stored otherwise); copies are allowed only under the same record id.
 */
final class Ledger {
  private final String[] receivers;
  private final List<Run> runs;
  private final FaultRig.Database database;
  private final Deliveries kafka;
  private final Deliveries cdeventsKafka;
  private final Deliveries collector;

  private record Stored(String id, long sequence, long cdevents) {}

  Ledger(String[] receivers, List<Run> runs, FaultRig.Database database, Deliveries.TopicDeliveries topics,
      Deliveries.Collector collector) {
    this.receivers = receivers;
    this.runs = runs;
    this.database = database;
    this.kafka = topics.eprMessages;
    this.cdeventsKafka = topics.cdevents;
    this.collector = collector.cdevents;
  }

  void reconcile(Figures f, Duration wait) throws Exception {
    Set<String> acknowledged = new HashSet<>();
    Set<Long> acknowledgedRequests = new HashSet<>();
    Map<Long, Failure> failed = new HashMap<>();
    for (Run run : runs) {
      run.acks().forEach(a -> acknowledged.add(a.id()));
      run.acks().forEach(a -> acknowledgedRequests.add(a.sequence()));
      run.failures().forEach(x -> failed.put(x.sequence(), x));
      run.failures().forEach(x -> f.failed(kind(x)));
      f.sent += run.ok() + run.failed();
      f.acknowledged += run.ok();
    }
    f.acknowledgedWhenSentAgain = failed.keySet().stream().filter(acknowledgedRequests::contains).count();

    long started = System.nanoTime();
    long deadline = started + wait.toNanos();
    List<Stored> stored = stored();
    while (System.nanoTime() < deadline && (outboxRecords() > 0 || !everywhere(stored))) {
      Thread.sleep(200);
      stored = stored();
    }
    f.drainSeconds = (System.nanoTime() - started) / 1e9;

    Set<String> storedIds = new HashSet<>();
    long unexplained = 0;
    for (Stored s : stored) {
      storedIds.add(s.id());
      boolean wasAcknowledged = acknowledged.contains(s.id());
      if (wasAcknowledged) {
        f.stored++;
      } else if (failed.containsKey(s.sequence())) {
        f.storedUnacknowledged++;
      } else {
        unexplained++;
      }
      boolean complete = s.cdevents() == 1 && everywhere(List.of(s));
      if (!complete && wasAcknowledged) {
        f.lost++;
      } else if (!complete) {
        f.halfStored++;
      }
      f.copies += copies(kafka.of(s.id())) + copies(cdeventsKafka.of(s.id())) + copies(collector.of(s.id()));
      if (otherIds(kafka.of(s.id())) + otherIds(cdeventsKafka.of(s.id())) + otherIds(collector.of(s.id())) > 0) {
        f.problem("event %s arrived under more than one record id", s.id());
      }
    }
    f.onKafka = stored.stream().filter(s -> kafka.of(s.id()) != null).count();
    f.cdeventsOnKafka = stored.stream().filter(s -> cdeventsKafka.of(s.id()) != null).count();
    f.atCollector = stored.stream().filter(s -> collector.of(s.id()) != null).count();

    Set<String> notStored = new HashSet<>(acknowledged);
    notStored.removeAll(storedIds);
    f.lost += notStored.size();
    Set<String> phantoms = new HashSet<>(cdeventsKafka.events());
    phantoms.addAll(collector.events());
    phantoms.addAll(kafka.events());
    phantoms.removeAll(storedIds);
    phantoms.removeAll(receiverIds());
    f.halfStored += phantoms.size();

    if (f.lost > 0) {
      f.problem("%d acknowledged events lost (%d not stored at all)", f.lost, notStored.size());
    }
    if (f.halfStored > 0) {
      f.problem("%d half-stored (%d records of events that are not stored)", f.halfStored, phantoms.size());
    }
    if (unexplained > 0) {
      f.problem("%d stored events match no request sent", unexplained);
    }
    long storedTwice = stored.size() - stored.stream().map(Stored::sequence).distinct().count();
    if (storedTwice > 0) {
      f.problem("%d requests were stored more than once (sent again with their Idempotency-Key)", storedTwice);
    }
    long left = outboxRecords();
    long dead = count("SELECT count(*) FROM epr_dead_letters");
    if (left > 0 || dead > 0) {
      f.problem("%d records still in the outbox and %d dead letters after %.0f s", left, dead, f.drainSeconds);
    }
  }

  /** What a failed request got, in few words: the status and EPR's error message, or what became of the connection. */
  static String kind(Failure failure) {
    if (failure.status() > 0) {
      String body = failure.why().substring(failure.why().indexOf(": ") + 2);
      try {
        JsonNode answer = Http.parse(body);
        return "HTTP " + failure.status() + " \"" + answer.get("errors").get(0).asText() + "\"";
      } catch (RuntimeException notEnvelope) {
        return "HTTP " + failure.status() + " not in EPR's envelope: " + body;
      }
    }
    String why = failure.why();
    if (why.contains("Connection refused")) {
      return "connection refused (the request never reached the service)";
    }
    if (why.contains("closed") || why.contains("reset")) {
      return "connection closed while the request was in flight";
    }
    return why;
  }

  private boolean everywhere(List<Stored> events) {
    List<String> ids = events.stream().map(Stored::id).toList();
    return kafka.containsAll(ids) && cdeventsKafka.containsAll(ids) && collector.containsAll(ids);
  }

  private static long copies(Arrival a) {
    return a == null ? 0 : a.copies() - a.recordIds().size();
  }

  private static long otherIds(Arrival a) {
    return a == null ? 0 : a.recordIds().size() - 1;
  }

  /** The load's events in the database, with the request number each came from and how many CDEvent rows it has. */
  private List<Stored> stored() throws Exception {
    List<Stored> out = new ArrayList<>();
    try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement("SELECT e.id, "
        + "e.event_receiver_id, e.release, (SELECT count(*) FROM epr_cdevents d WHERE d.event_id = e.id) AS cdevents "
        + "FROM events e WHERE e.event_receiver_id = ANY(?)")) {
      Array ids = c.createArrayOf("varchar", receivers);
      s.setArray(1, ids);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          int stage = List.of(receivers).indexOf(r.getString(2));
          out.add(new Stored(r.getString(1), IngestBench.sequenceOf(stage, r.getString(3)), r.getLong(4)));
        }
      }
    }
    return out;
  }

  private Set<String> receiverIds() throws Exception {
    Set<String> ids = new HashSet<>();
    try (Connection c = database.connect(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT id FROM event_receivers")) {
      while (r.next()) {
        ids.add(r.getString(1));
      }
    }
    return ids;
  }

  private long outboxRecords() throws Exception {
    return count("SELECT count(*) FROM epr_outbox");
  }

  private long count(String sql) throws Exception {
    try (Connection c = database.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  /** p50, p99 and the slowest of the answers to the requests sent between {@code from} and {@code to} (nanos). */
  static String latency(List<Run> runs, long from, long to) {
    List<Double> ms = new ArrayList<>();
    for (Run run : runs) {
      for (Ack a : run.acks()) {
        if (a.sentNanos() >= from && a.sentNanos() < to) {
          ms.add(a.millis());
        }
      }
    }
    if (ms.isEmpty()) {
      return "no answers";
    }
    ms.sort(null);
    return String.format("p50 %.1f ms, p99 %.1f ms, max %.1f ms over %d answers", ms.get((ms.size() - 1) / 2),
        ms.get(Math.min(ms.size() - 1, (int) Math.ceil(0.99 * ms.size()) - 1)), ms.get(ms.size() - 1), ms.size());
  }
}
