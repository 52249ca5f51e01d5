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
  private static final Map<String, Function<EventFacts, String>> NAMED = Map.ofEntries(
      Map.entry("event.id", f -> f.event().id()),
      Map.entry("event.name", f -> f.event().nvrpp().name()),
      Map.entry("event.version", f -> f.event().nvrpp().version()),
      Map.entry("event.release", f -> f.event().nvrpp().release()),
      Map.entry("event.platform_id", f -> f.event().nvrpp().platformId()),
      Map.entry("event.package", f -> f.event().nvrpp().pkg()),
      Map.entry("event.description", f -> f.event().description()),
      Map.entry("event.success", f -> String.valueOf(f.event().success())),
      Map.entry("receiver.name", f -> f.receiver().name()),
      Map.entry("receiver.type", f -> f.receiver().type()),
      Map.entry("receiver.version", f -> f.receiver().version()),
      Map.entry("derived.run_id", EventFacts::runId),
      Map.entry("derived.purl", EventFacts::purl),
      Map.entry("derived.event_url", EventFacts::eventUrl),
      Map.entry("derived.sbom_uri", EventFacts::sbomUri),
      Map.entry("derived.outcome", EventFacts::outcome));

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
    Function<EventFacts, String> named = NAMED.get(spec);
    if (named == null) {
      throw new IllegalArgumentException("unknown source \"" + spec + "\" (use payload.<dotted.path>, "
          + "event.<id|name|version|release|platform_id|package|description|success>, receiver.<name|type|version>, "
          + "derived.<run_id|purl|event_url|sbom_uri|outcome> or a 'quoted literal')");
    }
    return new FieldSource(spec, facts -> Optional.of(named.apply(facts)));
  }

  private static JsonPointer payloadPath(String spec) {
    try {
      return DottedPath.pointer(spec.substring("payload.".length()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("source \"" + spec + "\": " + e.getMessage());
    }
  }

  Optional<String> valueIn(EventFacts facts) {
    return reader.apply(facts);
  }

  /** Strings, numbers and booleans are text; objects, arrays, null and absent fields give nothing. */
  private static Optional<String> scalarText(JsonNode node) {
    return node.isValueNode() && !node.isNull() ? Optional.of(node.asText()) : Optional.empty();
  }
}
