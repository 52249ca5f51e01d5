package io.epr.model;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A JUnit XML test report as read from a build: its suites and their cases, with outcome and duration. One type serves
 * the index (store), the answers (GraphQL, REST) and the CDEvents (testsuiterun / testcaserun).
 */
public record TestReport(List<Suite> suites) {

  public enum Outcome {
    SUCCESS, FAILURE, ERROR, SKIPPED;

    /** As stored and answered: lower case. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * One {@code <testsuite>}.
   *
   * @param durationSeconds the suite's {@code time}, null when absent
   * @param timestamp when the suite started (its {@code timestamp}, read in UTC when it has no offset), null when absent
   */
  public record Suite(String name, Double durationSeconds, OffsetDateTime timestamp, List<Case> cases) {

    /** How many of its cases had {@code outcome}. */
    public int count(Outcome outcome) {
      return (int) cases.stream().filter(c -> c.outcome() == outcome).count();
    }

    /** Its {@code time}, else the sum of its cases' times. */
    public double seconds() {
      return durationSeconds != null ? durationSeconds
          : cases.stream().mapToDouble(c -> c.durationSeconds() == null ? 0 : c.durationSeconds()).sum();
    }

    /** failure when a case failed, error when one erred (and none failed), skipped when all were, else success. */
    public Outcome outcome() {
      if (cases.stream().anyMatch(c -> c.outcome() == Outcome.FAILURE)) {
        return Outcome.FAILURE;
      }
      if (cases.stream().anyMatch(c -> c.outcome() == Outcome.ERROR)) {
        return Outcome.ERROR;
      }
      return !cases.isEmpty() && cases.stream().allMatch(c -> c.outcome() == Outcome.SKIPPED) ? Outcome.SKIPPED
          : Outcome.SUCCESS;
    }
  }

  /**
   * One {@code <testcase>}.
   *
   * @param classname may be null
   * @param durationSeconds null when absent
   * @param message the failure, error or skip message (or its type when it has none), null when none
   */
  public record Case(String name, String classname, Outcome outcome, Double durationSeconds, String message) {}

  public int caseCount() {
    return suites.stream().mapToInt(s -> s.cases().size()).sum();
  }

  /** How many of all its cases had {@code outcome}. */
  public int count(Outcome outcome) {
    return suites.stream().mapToInt(s -> s.count(outcome)).sum();
  }

  /** The sum of its suites' {@link Suite#seconds()}. */
  public double seconds() {
    return suites.stream().mapToDouble(Suite::seconds).sum();
  }
}
