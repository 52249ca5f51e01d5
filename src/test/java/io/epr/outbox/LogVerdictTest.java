package io.epr.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.epr.outbox.Sink.Outcome;
import io.epr.outbox.SinkStore.Failure;
import io.epr.outbox.SinkStore.LogEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Where a sink's position goes after a batch: past record-level failures (copied to the retries or the dead letters),
 * never past a sink-level failure (held in place, in order).
 */
class LogVerdictTest {
  private static final Outcome OK = Outcome.DELIVERED;
  private static final Outcome DOWN = Outcome.retry("connection refused");
  private static final Outcome REFUSED = Outcome.dead("HTTP 400");

  @Test
  void aDeliveredBatchMovesThePositionToItsLastRecordOtherSinksRecordsIncluded() {
    List<LogEntry> batch = entries("m", "o", "m", "o");
    LogVerdict v = LogVerdict.judge(batch, List.of(OK, OK), Map.of(), 30);
    assertEquals(at(4), v.advanceTo());
    assertEquals(2, v.delivered());
    assertTrue(v.failures().isEmpty());
    assertTrue(!v.holding());
  }

  @Test
  void aRecordThatFailsWhileLaterOnesGoThroughIsCopiedToTheRetriesAndThePositionMovesOn() {
    LogVerdict v = LogVerdict.judge(entries("m", "m", "m"), List.of(OK, DOWN, OK), Map.of(), 30);
    assertEquals(at(3), v.advanceTo());
    assertEquals(1, v.failures().size());
    Failure retry = v.failures().get(0);
    assertEquals(at(2), retry.at());
    assertNull(retry.reason(), "a retry, not a dead letter");
    assertEquals(1, retry.attempts());
    assertEquals("connection refused", retry.lastError());
    assertTrue(retry.delaySeconds() > 0);
  }

  @Test
  void aSinkDownHoldsTheBatchInPlaceInsteadOfCopyingItToTheRetries() {
    LogVerdict v = LogVerdict.judge(entries("m", "o", "m", "m"), List.of(OK, DOWN, DOWN), Map.of(), 30);
    assertEquals(at(2), v.advanceTo(), "past the delivered record and the other sink's, not past the failures");
    assertTrue(v.failures().isEmpty());
    assertEquals(Map.of(at(3), 1, at(4), 1), v.held());
    assertEquals(1, v.holdAttempts());

    LogVerdict again = LogVerdict.judge(entries(3, "m", "m"), List.of(DOWN, DOWN), v.held(), 30);
    assertNull(again.advanceTo(), "the first record is held: the position stays");
    assertEquals(Map.of(at(3), 2, at(4), 2), again.held(), "each retry in place counts");
  }

  @Test
  void aHeldRecordOutOfAttemptsBecomesADeadLetterAndThePositionMovesPastIt() {
    LogVerdict v = LogVerdict.judge(entries("m", "m"), List.of(DOWN, DOWN), Map.of(at(1), 2, at(2), 1), 3);
    assertEquals(at(1), v.advanceTo());
    assertEquals(List.of(new Failure(at(1), 3, "gave up after 3 attempts", "connection refused", 0)), v.failures());
    assertEquals(Map.of(at(2), 2), v.held());
  }

  @Test
  void refusedRecordsAreDeadLettersAtOnce() {
    LogVerdict v = LogVerdict.judge(entries("m", "m"), List.of(REFUSED, OK), Map.of(), 30);
    assertEquals(at(2), v.advanceTo());
    assertEquals(List.of(new Failure(at(1), 1, "HTTP 400", null, 0)), v.failures());
  }

  private static LogPosition at(long position) {
    return new LogPosition(7, position);
  }

  private static List<LogEntry> entries(String... kinds) {
    return entries(1, kinds);
  }

  /** Log entries from position {@code first} on: "m" a record the sink takes, "o" another sink's. */
  private static List<LogEntry> entries(long first, String... kinds) {
    List<LogEntry> out = new ArrayList<>();
    for (int i = 0; i < kinds.length; i++) {
      long p = first + i;
      OutboxRecord record = kinds[i].equals("m") ? new OutboxRecord("r" + p, List.of("s"), "t", null, null, "{}") : null;
      out.add(new LogEntry(at(p), record));
    }
    return out;
  }
}
