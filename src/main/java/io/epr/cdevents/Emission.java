package io.epr.cdevents;

import java.time.Instant;
import java.util.List;

/** What a matching rule makes of an event: nothing when the event does not provide what it needs. */
sealed interface Emission permits GeneratedEvent, Passthrough, TestResults {
  List<CdEvent> emit(EventFacts facts);

  /**
   * Why the event must be refused before it is stored (a time far in the future, an invalid CDEvent), one line per
   * problem; none by default.
   */
  default List<String> problems(EventFacts facts, Instant now) {
    return List.of();
  }
}
