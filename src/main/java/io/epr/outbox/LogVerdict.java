package io.epr.outbox;

import io.epr.outbox.SinkStore.Failure;
import io.epr.outbox.SinkStore.LogEntry;
import io.epr.outbox.Sink.Outcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a delivered batch of the log means for the sink's position. A record-level failure (a record refused, or
 * failing while records after it went through: a topic that cannot take it while another can) must not block the
 * log: the position moves past it and it is copied to the retries or the dead letters. A sink-level failure (the sink
 * down: every record from some point on failing) must not spray the log into the retries: the position stops before
 * that trailing run and it is tried again in place, with backoff, in log order, so one key's records keep their order
 * through an outage. A held record that ran out of attempts becomes a dead letter once nothing before it is held.
 */
record LogVerdict(LogPosition advanceTo, List<Failure> failures, Map<LogPosition, Integer> held, int holdAttempts,
    int delivered, int retried, String retryError) {

  /**
   * @param outcomes one per entry the sink takes (a record), in order
   * @param tried the attempts of the records held by the last verdict
   */
  static LogVerdict judge(List<LogEntry> entries, List<Outcome> outcomes, Map<LogPosition, Integer> tried,
      int maxAttempts) {
    List<LogEntry> mine = entries.stream().filter(e -> e.record() != null).toList();
    int[] attempts = new int[mine.size()];
    for (int i = 0; i < mine.size(); i++) {
      attempts[i] = tried.getOrDefault(mine.get(i).at(), 0) + 1;
    }
    int holdFrom = holdFrom(outcomes, attempts, maxAttempts);
    List<Failure> failures = new ArrayList<>();
    int delivered = 0;
    int retried = 0;
    String retryError = null;
    for (int i = 0; i < mine.size(); i++) {
      Outcome o = outcomes.get(i);
      if (o.kind() == Outcome.Kind.RETRY) {
        retryError = retryError == null ? o.error() : retryError;
      }
      if (i >= holdFrom) {
        retried += o.kind() == Outcome.Kind.RETRY ? 1 : 0;
        continue;
      }
      LogPosition at = mine.get(i).at();
      switch (o.kind()) {
        case DELIVERED -> delivered++;
        case DEAD -> failures.add(new Failure(at, attempts[i], o.error(), null, 0));
        case RETRY -> {
          if (attempts[i] >= maxAttempts) {
            failures.add(new Failure(at, attempts[i], gaveUp(maxAttempts), o.error(), 0));
          } else {
            retried++;
            failures.add(new Failure(at, attempts[i], null, o.error(), OutboxDispatcher.backoffSeconds(attempts[i])));
          }
        }
      }
    }
    Map<LogPosition, Integer> held = new HashMap<>();
    for (int i = holdFrom; i < mine.size(); i++) {
      held.put(mine.get(i).at(), attempts[i]);
    }
    LogPosition advanceTo;
    if (holdFrom == mine.size()) {
      advanceTo = entries.isEmpty() ? null : entries.get(entries.size() - 1).at();
    } else {
      int firstHeld = entries.indexOf(mine.get(holdFrom));
      advanceTo = firstHeld == 0 ? null : entries.get(firstHeld - 1).at();
    }
    return new LogVerdict(advanceTo, failures, held, holdFrom == mine.size() ? 0 : attempts[holdFrom], delivered,
        retried, retryError);
  }

  static String gaveUp(int maxAttempts) {
    return "gave up after " + maxAttempts + " attempts";
  }

  boolean holding() {
    return holdAttempts > 0;
  }

  /**
   * The index of the first record (of those the sink takes) that stays where it is: the start of the trailing run of
   * retriable failures, past those out of attempts; their number when none stays.
   */
  private static int holdFrom(List<Outcome> outcomes, int[] attempts, int maxAttempts) {
    int from = outcomes.size();
    while (from > 0 && outcomes.get(from - 1).kind() == Outcome.Kind.RETRY) {
      from--;
    }
    while (from < outcomes.size() && attempts[from] >= maxAttempts) {
      from++;
    }
    return from;
  }
}
