package io.epr.cdevents;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Forwards a payload that already is a CDEvent, byte for byte as it was stored. A CDEvent here is an object with an
 * object {@code context} whose {@code type} starts with {@code dev.cdevents.} and an object {@code subject} with a
 * string {@code id}; the context's {@code id}, {@code source} (a URI reference) and {@code timestamp} (RFC 3339) must
 * be there too, since the CloudEvent that carries it needs them.
 */
final class Passthrough implements Emission {

  @Override
  public List<CdEvent> emit(EventFacts facts) {
    JsonNode context = facts.payload().path("context");
    String type = text(context, "type");
    String id = text(context, "id");
    String source = text(context, "source");
    String timestamp = text(context, "timestamp");
    String subjectId = text(facts.payload().path("subject"), "id");
    if (type == null || !type.startsWith("dev.cdevents.") || id == null || subjectId == null || source == null
        || !ValueConstraint.URI_REFERENCE.accepts(source) || timestamp == null || !isRfc3339(timestamp)) {
      return List.of();
    }
    return List.of(new CdEvent(id, type, subjectId, source, timestamp, facts.event().payload()));
  }

  /** The field's text when it is a non-blank string, else null. */
  private static String text(JsonNode object, String field) {
    JsonNode value = object.path(field);
    return value.isTextual() && !value.textValue().isBlank() ? value.textValue() : null;
  }

  private static boolean isRfc3339(String timestamp) {
    try {
      OffsetDateTime.parse(timestamp);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
