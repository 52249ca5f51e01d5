package io.epr.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

/**
 * The collector's terminal step for one parsed webhook body (cdviz.md §1.1, §7.1 steps 6–8): fill in a missing
 * timestamp, source and id, check the event, then sanitize its id.
 *
 * <p>The check is stricter than the collector's Rust SDK: a {@code dev.cdevents.*} event must validate against the
 * official schema of its spec release (0.5.1 for a {@code specversion} context, 0.4.1 for {@code version} 0.4.0 or
 * 0.4.1), so extra subject keys, {@code subject.type} in a 0.5 event, an older type in a 0.5 context and spec 0.3
 * events are refused here although the collector takes them. Whatever passes is certainly accepted by the collector.
 * Custom types (not {@code dev.cdevents.}) only need six dots, an id and an RFC 3339 timestamp.
 */
final class CdeventIntake {
  private static final Set<String> SPEC_0_4 = Set.of("0.4.0", "0.4.1");

  private final String defaultSource;

  /** The accepted event, or why it is not a valid CDEvent. */
  record Result(ObjectNode event, List<String> violations) {
    static Result rejected(String violation) {
      return new Result(null, List.of(violation));
    }
  }

  /** @param sourceName the collector's name for the source, used in the default {@code context.source} */
  CdeventIntake(String sourceName) {
    this.defaultSource = "http://cdviz-collector.example.com/?source=" + sourceName;
  }

  Result accept(JsonNode body) {
    if (!(body instanceof ObjectNode received) || !(received.get("context") instanceof ObjectNode)) {
      return Result.rejected("not a CDEvent: no context object");
    }
    ObjectNode event = received.deepCopy();
    ObjectNode context = (ObjectNode) event.get("context");
    fillDefaults(event, context);
    List<String> violations = check(event, context);
    if (!violations.isEmpty()) {
      return new Result(null, violations);
    }
    context.put("id", sanitized(context.get("id").asText()));
    return new Result(event, List.of());
  }

  private void fillDefaults(ObjectNode event, ObjectNode context) {
    if (isEmpty(context.get("timestamp"))) {
      context.put("timestamp", Instant.now().toString());
    }
    JsonNode source = context.get("source");
    if (source == null || (source.isTextual() && source.asText().isEmpty())) {
      context.put("source", defaultSource);
    }
    JsonNode id = context.get("id");
    if (isEmpty(id) || id.asText().equals("0")) {
      context.put("id", ContentId.of(event));
    }
  }

  private static List<String> check(ObjectNode event, ObjectNode context) {
    String type = context.path("type").asText("");
    if (!type.startsWith("dev.cdevents.")) {
      return checkCustom(context, type);
    }
    String release;
    if (context.has("specversion")) {
      release = "0.5.1";
    } else if (SPEC_0_4.contains(context.path("version").asText())) {
      release = "0.4.1";
    } else {
      return List.of("context: specversion is required (spec 0.3 events are not checked by the stand-in)");
    }
    return CdeventSchemas.release(release).validate(event);
  }

  private static List<String> checkCustom(ObjectNode context, String type) {
    if (type.chars().filter(c -> c == '.').count() != 6) {
      return List.of("context.type: a custom type needs six dots: " + type);
    }
    if (!context.path("id").isTextual()) {
      return List.of("context.id: a string is required");
    }
    try {
      OffsetDateTime.parse(context.path("timestamp").asText());
      return List.of();
    } catch (DateTimeParseException e) {
      return List.of("context.timestamp: not RFC 3339: " + e.getMessage());
    }
  }

  /** As the collector keys and names files by it: every character but [A-Za-z0-9] becomes "_". */
  static String sanitized(String id) {
    StringBuilder out = new StringBuilder(id.length());
    id.codePoints().forEach(c -> out.append(c < 128 && Character.isLetterOrDigit(c) ? (char) c : '_'));
    return out.toString();
  }

  /** Missing, null or "". */
  private static boolean isEmpty(JsonNode value) {
    return value == null || value.isNull() || (value.isTextual() && value.asText().isEmpty());
  }
}
