package io.epr.cdevents;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.epr.json.EprJson;
import io.epr.json.JsonProblems;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A rules document (format in the README), read strictly: a problem fails the whole file with a message naming the
 * file, the rule and what is wrong.
 */
record RulesFile(Mode mode, List<Rule> rules) {
  enum Mode { REPLACE, EXTEND }

  static final String PASSTHROUGH = "passthrough";
  static final String TEST_REPORT = "test-report";

  static RulesFile parse(String json, String origin) {
    JsonNode root;
    try {
      root = EprJson.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw problem(origin, "not valid JSON, " + JsonProblems.describe(e));
    }
    Mode mode;
    JsonNode rules;
    try {
      requireKeys(root, "the file", Set.of("mode", "rules"));
      mode = mode(root.path("mode"));
      rules = root.path("rules");
      if (!rules.isArray()) {
        throw new IllegalArgumentException("\"rules\" must be an array of rules");
      }
    } catch (IllegalArgumentException e) {
      throw problem(origin, e.getMessage());
    }
    List<Rule> parsed = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      JsonNode rule = rules.get(i);
      try {
        parsed.add(rule(rule));
      } catch (IllegalArgumentException e) {
        JsonNode name = rule.path("name");
        throw problem(origin, "rule #" + (i + 1) + (name.isTextual() ? " \"" + name.textValue() + "\"" : "") + ": "
            + e.getMessage());
      }
    }
    return new RulesFile(mode, List.copyOf(parsed));
  }

  static IllegalArgumentException problem(String origin, String message) {
    return new IllegalArgumentException("cdevents rules file " + origin + ": " + message);
  }

  private static Mode mode(JsonNode mode) {
    if (!mode.isTextual() || !Set.of("replace", "extend").contains(mode.textValue())) {
      throw new IllegalArgumentException("\"mode\" must be \"replace\" or \"extend\"");
    }
    return Mode.valueOf(mode.textValue().toUpperCase(Locale.ROOT));
  }

  private static Rule rule(JsonNode rule) {
    requireKeys(rule, "a rule", Set.of("name", "match", "emit", "fields"));
    if (!rule.has("match")) {
      throw new IllegalArgumentException("\"match\" is required");
    }
    JsonNode emit = rule.path("emit");
    if (!emit.isTextual()) {
      throw new IllegalArgumentException("\"emit\" is required: " + supportedEmits());
    }
    return new Rule(match(rule.get("match")), emission(emit.textValue(), rule.path("fields")));
  }

  private static Match match(JsonNode match) {
    requireKeys(match, "\"match\"", Set.of("receiverType", "exceptReceiverType", "payload"));
    if (!match.has("receiverType")) {
      throw new IllegalArgumentException("\"match.receiverType\" is required");
    }
    List<Pattern> receiverTypes = globs(match.get("receiverType"), "match.receiverType");
    List<Pattern> exceptReceiverTypes = match.has("exceptReceiverType")
        ? globs(match.get("exceptReceiverType"), "match.exceptReceiverType") : List.of();
    Map<JsonPointer, JsonNode> payloadEquals = new LinkedHashMap<>();
    JsonNode payload = match.path("payload");
    if (!payload.isMissingNode()) {
      requireObject(payload, "\"match.payload\"");
      for (Map.Entry<String, JsonNode> field : payload.properties()) {
        payloadEquals.put(pathIn("match.payload", field.getKey()), field.getValue());
      }
    }
    return new Match(receiverTypes, exceptReceiverTypes, payloadEquals);
  }

  private static Emission emission(String emit, JsonNode fields) {
    if (emit.equals(PASSTHROUGH)) {
      if (!fields.isMissingNode()) {
        throw new IllegalArgumentException("a passthrough rule forwards the payload as it is and takes no \"fields\"");
      }
      return new Passthrough();
    }
    if (emit.equals(TEST_REPORT)) {
      if (!fields.isMissingNode()) {
        throw new IllegalArgumentException("a test-report rule makes the report's suite and case runs and takes no "
            + "\"fields\"");
      }
      return new TestResults();
    }
    GeneratedType type = GeneratedType.of(emit)
        .orElseThrow(() -> new IllegalArgumentException("unknown emit type \"" + emit + "\": " + supportedEmits()));
    Map<String, List<FieldSource>> candidates = new LinkedHashMap<>();
    if (!fields.isMissingNode()) {
      requireObject(fields, "\"fields\"");
      for (Map.Entry<String, JsonNode> field : fields.properties()) {
        candidates.put(field.getKey(), sources(type, field.getKey(), field.getValue()));
      }
    }
    return new GeneratedEvent(type, candidates);
  }

  private static List<FieldSource> sources(GeneratedType type, String key, JsonNode specs) {
    if (type.field(key).isEmpty()) {
      throw new IllegalArgumentException("\"" + key + "\" is not a field of " + type.type() + " (its fields: "
          + Stream.concat(type.fields().stream(), Stream.of(GeneratedType.TIMESTAMP)).map(FieldSpec::key)
          .collect(Collectors.joining(", ")) + ")");
    }
    try {
      return strings(specs, "its sources").stream().map(FieldSource::parse).toList();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("field \"" + key + "\": " + e.getMessage());
    }
  }

  private static List<Pattern> globs(JsonNode globs, String what) {
    return strings(globs, what).stream().map(Match::glob).toList();
  }

  private static JsonPointer pathIn(String what, String dotted) {
    try {
      return DottedPath.pointer(dotted);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("\"" + what + "\": " + e.getMessage());
    }
  }

  /** A string, or a non-empty array of strings. */
  private static List<String> strings(JsonNode node, String what) {
    if (node.isTextual()) {
      return List.of(node.textValue());
    }
    List<String> strings = new ArrayList<>();
    node.forEach(item -> strings.add(item.textValue()));
    if (!node.isArray() || strings.isEmpty() || strings.contains(null)) {
      throw new IllegalArgumentException(what + " must be a string or a non-empty array of strings");
    }
    return strings;
  }

  private static void requireObject(JsonNode node, String what) {
    if (!node.isObject()) {
      throw new IllegalArgumentException(what + " must be a JSON object");
    }
  }

  /** An object with no key outside {@code keys}: a misspelt key fails instead of being ignored. */
  private static void requireKeys(JsonNode node, String what, Set<String> keys) {
    requireObject(node, what);
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      if (!keys.contains(field.getKey())) {
        throw new IllegalArgumentException(what + " has an unknown key \"" + field.getKey() + "\" (allowed: "
            + keys.stream().sorted().collect(Collectors.joining(", ")) + ")");
      }
    }
  }

  private static String supportedEmits() {
    return "\"" + PASSTHROUGH + "\", \"" + TEST_REPORT + "\" or one of " + Arrays.stream(GeneratedType.values()).map(GeneratedType::type)
        .collect(Collectors.joining(", "));
  }

}
