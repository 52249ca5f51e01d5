package io.epr.cdevents;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One candidate for a field's value, in the rules' vocabulary: {@code payload.<dotted.path>}, {@code event.<field>},
 * {@code receiver.<field>}, {@code derived.<value>} or a {@code 'quoted literal'}.
 */
record FieldSource(String spec, Function<EventFacts, Optional<String>> reader) {
  private static final Map<String, Function<EventFacts, Optional<String>>> NAMED = Map.ofEntries(
      always("event.id", f -> f.event().id()),
      always("event.name", f -> f.event().nvrpp().name()),
      always("event.version", f -> f.event().nvrpp().version()),
      always("event.release", f -> f.event().nvrpp().release()),
      always("event.platform_id", f -> f.event().nvrpp().platformId()),
      always("event.package", f -> f.event().nvrpp().pkg()),
      always("event.description", f -> f.event().description()),
      always("event.success", f -> String.valueOf(f.event().success())),
      always("receiver.name", f -> f.receiver().name()),
      always("receiver.type", f -> f.receiver().type()),
      always("receiver.version", f -> f.receiver().version()),
      Map.entry("derived.run_id", EventFacts::runId),
      Map.entry("derived.incident_id", EventFacts::incidentId),
      always("derived.task_run_id", EventFacts::taskRunId),
      Map.entry("derived.artifact_id", EventFacts::artifactId),
      always("derived.purl", EventFacts::purl),
      always("derived.event_url", EventFacts::eventUrl),
      always("derived.sbom_uri", EventFacts::sbomUri),
      always("derived.outcome", EventFacts::outcome));

  /** @throws IllegalArgumentException naming the source when it is not in the vocabulary */
  static FieldSource parse(String spec) {
    if (spec.length() >= 2 && spec.startsWith("'") && spec.endsWith("'")) {
      Optional<String> literal = Optional.of(spec.substring(1, spec.length() - 1));
      return new FieldSource(spec, facts -> literal);
    }
    if (spec.startsWith("payload.")) {
      JsonPointer path = payloadPath(spec);
      return new FieldSource(spec, facts -> scalarText(facts.payload().at(path)));
    }
    Function<EventFacts, Optional<String>> named = NAMED.get(spec);
    if (named == null) {
      throw new IllegalArgumentException("unknown source \"" + spec + "\" (use payload.<dotted.path>, "
          + "event.<id|name|version|release|platform_id|package|description|success>, receiver.<name|type|version>, "
          + "derived.<run_id|incident_id|task_run_id|artifact_id|purl|event_url|sbom_uri|outcome> or a 'quoted "
          + "literal')");
    }
    return new FieldSource(spec, named);
  }

  private static JsonPointer payloadPath(String spec) {
    try {
      return DottedPath.pointer(spec.substring("payload.".length()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("source \"" + spec + "\": " + e.getMessage());
    }
  }

  private static Map.Entry<String, Function<EventFacts, Optional<String>>> always(String name,
      Function<EventFacts, String> value) {
    return Map.entry(name, value.andThen(Optional::of));
  }

  Optional<String> valueIn(EventFacts facts) {
    return reader.apply(facts);
  }

  /** Strings, numbers and booleans are text; objects, arrays, null and absent fields give nothing. */
  private static Optional<String> scalarText(JsonNode node) {
    return node.isValueNode() && !node.isNull() ? Optional.of(node.asText()) : Optional.empty();
  }
}
