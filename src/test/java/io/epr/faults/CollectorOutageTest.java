package io.epr.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The CDViz collector failing under load (issue 7, item 3): the CI length; {@code bench/faults} has it answer 500
 * for a full minute.
 */
class CollectorOutageTest {

  @Test
  void serverErrorsAreRetriedUntilTheCollectorRecoversAndNoneIsLost() throws Exception {
    Figures f = CollectorFailing.serverErrors(50, 2, 10, 2);
    System.out.print(f.report());
    assertTrue(f.problems.isEmpty(), f.report());
    assertEquals(0, f.failed());
  }

  @Test
  void refusedCdeventsBecomeDeadLettersWithTheReasonAndAreDeliveredWhenRetried() throws Exception {
    Figures f = CollectorFailing.refusals(20, 5);
    System.out.print(f.report());
    assertTrue(f.problems.isEmpty(), f.report());
    assertEquals(0, f.failed());
  }
}
