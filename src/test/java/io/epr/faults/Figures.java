package io.epr.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one fault run did and what became of it: requests sent, acknowledged (200 with an id) and failed (by kind),
 * events stored, records delivered to each destination, and everything that breaks the promise (lost, half-stored,
 * unexplained). A test fails when {@link #problems} is not empty; the bench prints a row per run.
 */
final class Figures {
  final String fault;
  long sent;
  long acknowledged;
  /** Failed requests by what they got: "HTTP 503: <message>", "connection closed in flight", … */
  final Map<String, Long> failures = new TreeMap<>();
  /** Acknowledged events found in the database. */
  long stored;
  /** Requests that got an error but whose event was stored, complete (the client cannot tell; a retry adds one). */
  long storedUnacknowledged;
  /** Failed requests acknowledged when sent again with their Idempotency-Key (each stored once, whatever came first). */
  long acknowledgedWhenSentAgain;
  /** Events stored without their CDEvent, or not delivered to every destination, or records of events not stored. */
  long halfStored;
  /** Events, by destination, that arrived: EPR messages on Kafka, CDEvents on Kafka, CDEvents at the collector. */
  long onKafka;
  long cdeventsOnKafka;
  long atCollector;
  /** Arrivals beyond the first of one record id (at-least-once allows them); under another id there must be none. */
  long copies;
  long lost;
  /** Seconds from the reconciliation's start until everything stored had arrived everywhere. */
  double drainSeconds;
  /** Why the run could not be made here (null when it was). */
  String skipped;
  final List<String> notes = new ArrayList<>();
  final List<String> problems = new ArrayList<>();

  Figures(String fault) {
    this.fault = fault;
  }

  long failed() {
    return failures.values().stream().mapToLong(Long::longValue).sum();
  }

  void failed(String kind) {
    failures.merge(kind, 1L, Long::sum);
  }

  void note(String format, Object... args) {
    notes.add(String.format(format, args));
  }

  void problem(String format, Object... args) {
    problems.add(String.format(format, args));
  }

  /** The whole account, as the test output and the bench print it. */
  String report() {
    StringBuilder b = new StringBuilder();
    b.append("== ").append(fault).append('\n');
    if (skipped != null) {
      return b.append("  skipped: ").append(skipped).append('\n').toString();
    }
    b.append(String.format("  requests: %d sent, %d acknowledged, %d failed%n", sent, acknowledged, failed()));
    failures.forEach((kind, n) -> b.append(String.format("    %d × %s%n", n, kind)));
    b.append(String.format("  stored: %d of %d acknowledged; %d of the failed stored complete, %d acknowledged when "
        + "sent again, %d absent; half-stored: %d%n", stored, acknowledged, storedUnacknowledged,
        acknowledgedWhenSentAgain, failed() - storedUnacknowledged - acknowledgedWhenSentAgain, halfStored));
    b.append(String.format("  delivered (events): EPR messages on Kafka %d, CDEvents on Kafka %d, CDEvents at the "
        + "collector %d; %d extra copies under the same record id; all there %.1f s after the check began%n", onKafka,
        cdeventsOnKafka, atCollector, copies, drainSeconds));
    b.append(String.format("  lost: %d%n", lost));
    notes.forEach(n -> b.append("  ").append(n).append('\n'));
    b.append(problems.isEmpty() ? "  problems: none\n" : "  PROBLEMS:\n    " + String.join("\n    ", problems) + '\n');
    return b.toString();
  }

  /** The figures for the README's table. */
  String summary() {
    return String.format("sent %d, acknowledged %d, failed %d (%d of them stored complete), stored %d, delivered "
        + "%d / %d / %d (Kafka / CDEvents on Kafka / collector), half-stored %d, lost %d", sent, acknowledged, failed(),
        storedUnacknowledged, stored + storedUnacknowledged, onKafka, cdeventsOnKafka, atCollector, halfStored, lost);
  }
}
