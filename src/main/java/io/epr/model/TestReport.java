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
}
