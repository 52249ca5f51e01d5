package io.epr.faults;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** PostgreSQL (one of the test's own) restarted, and crashing, under load (issue 7, item 3). */
class DatabaseRestartTest {

  @Test
  void requestsGetA503MeanwhileAndTheServiceRecoversByItselfWithNothingHalfStored() throws Exception {
    Figures f = DatabaseRestarted.run(50, 3, 5, 4, 5, false);
    System.out.print(f.report());
    assertTrue(f.problems.isEmpty(), f.report());
    assertTrue(f.failures.containsKey(DatabaseRestarted.UNREACHABLE), "requests met the outage: " + f.summary());
  }

  /** Acknowledged means committed to the WAL: crash recovery brings back every acknowledged event. */
  @Test
  void afterACrashEveryAcknowledgedEventIsRecoveredAndDelivered() throws Exception {
    Figures f = DatabaseRestarted.run(50, 3, 3, 4, 5, true);
    System.out.print(f.report());
    assertTrue(f.problems.isEmpty(), f.report());
    assertTrue(f.failures.containsKey(DatabaseRestarted.UNREACHABLE), "requests met the crash: " + f.summary());
  }
}
