package io.epr.faults;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** PostgreSQL (one of the test's own) read-only for a while under load (issue 7, item 3). */
class ReadOnlyDatabaseTest {

  @Test
  void writesGetAClear503ReadsGoOnAndNothingIsHalfStored() throws Exception {
    Figures f = DatabaseReadOnly.run(30, 2, 4, 3);
    System.out.print(f.report());
    assertTrue(f.problems.isEmpty(), f.report());
    assertTrue(f.failures.containsKey(DatabaseReadOnly.READ_ONLY), "writes met the read-only database: " + f.summary());
  }
}
