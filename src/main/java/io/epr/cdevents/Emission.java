package io.epr.cdevents;

import java.util.Optional;

/** What a matching rule makes of an event: nothing when the event does not provide what it needs. */
sealed interface Emission permits GeneratedEvent, Passthrough {
  Optional<CdEvent> emit(EventFacts facts);
}
