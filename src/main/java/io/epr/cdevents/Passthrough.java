package io.epr.cdevents;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.Instant;
import java.util.List;

/**
 * Forwards a payload that already is a CDEvent, byte for byte as it was stored. A CDEvent here is an object with an
 * object {@code context} whose {@code type} starts with {@code dev.cdevents.} and an object {@code subject} with a
 * string {@code id}; the context's {@code id}, {@code source} (a URI reference) and {@code timestamp} (RFC 3339) must
 * be there too, since the CloudEvent that carries it needs them. A payload of spec 0.5 (a {@code context} with
 * {@code specversion}, or without the {@code version} key of specs 0.3 and 0.4, which the workshop posts and CDViz
 * still takes) must be a valid v0.5.1 CDEvent, or the event is refused: the collector would refuse it.
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

  @Override
  public List<String> problems(EventFacts facts, Instant now) {
    JsonNode context = facts.payload().path("context");
    if (!context.isObject() || context.has("version") && !context.has("specversion")) {
      return List.of();
    }
    List<String> violations = CdeventSpec.violations(facts.payload());
    if (!violations.isEmpty()) {
      return List.of("the payload is not a valid CDEvent of spec " + CdeventSpec.RELEASE + " (a receiver of type "
          + facts.receiver().type() + " forwards it to CDViz as it is):\n" + String.join("\n", violations));
    }
    return EventTime.parse(context.path("timestamp").asText()).flatMap(time -> EventTime.tooFarAhead(
        "context.timestamp", time, now)).stream().toList();
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
