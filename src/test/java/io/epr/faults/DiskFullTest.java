package io.epr.faults;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/** PostgreSQL (one of the test's own, on a tmpfs) out of disk space under load (issue 7, item 3). Needs root. */
class DiskFullTest {

  @Test
  void writesGetAClear503AndWorkAgainOnceSpaceIsFreed() throws Exception {
    Figures f = DiskFull.run(30, 5, 3);
    System.out.print(f.report());
    assumeTrue(f.skipped == null, f.skipped);
    assertTrue(f.problems.isEmpty(), f.report());
    assertTrue(f.failed() > 0, "writes met the full disk: " + f.summary());
  }
}
