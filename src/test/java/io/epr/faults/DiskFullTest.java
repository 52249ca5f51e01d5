package io.epr.faults;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * PostgreSQL (one of the test's own, on a tmpfs) out of disk space under load (issue 7, item 3). Needs root to mount
 * the tmpfs, as CI and the sessions here run; elsewhere it fails saying so rather than skipping.
 */
class DiskFullTest {

  @Test
  void writesGetAClear503AndWorkAgainOnceSpaceIsFreed() throws Exception {
    Figures f = DiskFull.run(30, 5, 3);
    System.out.print(f.report());
    assertNull(f.skipped, "the disk-full run needs to mount a tmpfs (run the tests as root)");
    assertTrue(f.problems.isEmpty(), f.report());
    assertTrue(f.failed() > 0, "writes met the full disk: " + f.summary());
  }
}
