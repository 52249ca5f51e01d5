package io.epr.cdevents;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * Events one edit away from a valid CDEvent: every property removed, every value replaced by other types, empty
 * strings, bad URIs and enum values, unknown keys added at every level, the properties the official schema declares but
 * the example leaves out added, bad timestamps and types, and 0.4-isms. Each is a case on which {@link CdeventSpec} and
 * the official schema must agree.
 */
final class CdeventMutations {
  record Mutation(String label, JsonNode event) {}

  /** What every value of the example is replaced with in turn. */
  private static final List<String> REPLACEMENTS = List.of("42", "1.5", "true", "null", "\"\"", "\" \"", "\"x\"",
      "\"NOT_AN_ENUM\"", "\"relative/path\"", "\"with space\"", "\"https://example.com/a b\"",
      "\"https://example.com/ok\"", "\"https://example.com/bücher\"", "\"https://example.com/a?b[0]=1\"",
      "\"//example.com/no-scheme\"", "{}", "[]", "[\"x\"]", "{\"id\":\"x\"}");
  /** What a property the official schema declares, absent from the example, is added with in turn. */
  private static final List<String> ADDITIONS = List.of("\"x\"", "\"\"", "\"relative/path\"",
      "\"https://example.com/ok\"", "\"ticket\"", "\"success\"", "\"low\"", "42", "{}", "{\"id\":\"x\"}", "[\"x\"]");
  private static final List<String> TIMESTAMPS = List.of("\"2023-03-20T14:27:05\"", "\"2023-03-20 14:27:05Z\"",
      "\"2023-03-20T14:27:05.123+01:00\"", "\"2023-03-20T14:27:05z\"", "\"2023-03-20\"", "\"14:27:05Z\"",
      "\"2023-13-20T14:27:05Z\"");
  private static final List<String> TYPES = List.of("\"dev.cdevents.foo.bar.0.1.0\"",
      "\"dev.cdevents.pipelinerun.finished.0.2.0\"", "\"dev.cdevents.ticket.closed.0.2.0\"",
      "\"dev.cdevents.testcaserun.finished.0.3.0\"", "\"com.example.build\"");

  private final JsonNode example;
  private final JsonNode officialSchema;
  private final List<Mutation> mutations = new ArrayList<>();

  private CdeventMutations(JsonNode example, JsonNode officialSchema) {
    this.example = example;
    this.officialSchema = officialSchema;
  }

  static List<Mutation> of(JsonNode example, JsonNode officialSchema) {
    CdeventMutations generated = new CdeventMutations(example, officialSchema);
    generated.visit(JsonPointer.empty(), example);
    generated.specials();
    return generated.mutations;
  }

  private void visit(JsonPointer at, JsonNode node) {
    if (!at.matches()) {
      edit("remove " + at, at, CdeventMutations::remove);
      REPLACEMENTS.forEach(value -> put(at, value));
      if (node.isTextual() && !node.asText().toUpperCase(Locale.ROOT).equals(node.asText())) {
        put(at, TextNode.valueOf(node.asText().toUpperCase(Locale.ROOT)));
      }
    }
    if (node.isObject()) {
      put(at.appendProperty("unknownKey"), "\"x\"");
      declaredProperties(at).stream().filter(name -> !node.has(name))
          .forEach(name -> ADDITIONS.forEach(value -> put(at.appendProperty(name), value)));
      node.fieldNames().forEachRemaining(name -> visit(at.appendProperty(name), node.get(name)));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        visit(at.appendIndex(i), node.get(i));
      }
    }
  }

  private void specials() {
    TIMESTAMPS.forEach(value -> put(JsonPointer.compile("/context/timestamp"), value));
    TYPES.forEach(value -> put(JsonPointer.compile("/context/type"), value));
    put(JsonPointer.compile("/subject/type"), "\"pipelineRun\"");
    put(JsonPointer.compile("/subject/type"), "\"ticket\"");
    edit("version instead of specversion", JsonPointer.compile("/context/specversion"), (parent, name) -> {
      ObjectNode context = (ObjectNode) parent;
      context.set("version", context.remove(name.getMatchingProperty()));
    });
  }

  /** The properties the official schema declares for the object at {@code at}, following properties and items. */
  private List<String> declaredProperties(JsonPointer at) {
    JsonNode schema = officialSchema;
    for (JsonPointer rest = at; !rest.matches() && schema != null; rest = rest.tail()) {
      JsonNode declared = schema.path("properties").get(rest.getMatchingProperty());
      schema = declared != null ? declared : schema.get("items");
    }
    List<String> names = new ArrayList<>();
    if (schema != null) {
      schema.path("properties").fieldNames().forEachRemaining(names::add);
    }
    return names;
  }

  private void put(JsonPointer at, String json) {
    put(at, Fixtures.json(json));
  }

  private void put(JsonPointer at, JsonNode value) {
    edit(at + " = " + value, at, (parent, last) -> {
      if (parent instanceof ArrayNode array) {
        array.set(last.getMatchingIndex(), value);
      } else {
        ((ObjectNode) parent).set(last.getMatchingProperty(), value);
      }
    });
  }

  private static void remove(JsonNode parent, JsonPointer last) {
    if (parent instanceof ArrayNode array) {
      array.remove(last.getMatchingIndex());
    } else {
      ((ObjectNode) parent).remove(last.getMatchingProperty());
    }
  }

  /** Applies {@code change} to the parent of {@code at} (given with {@code at}'s last segment) in a copy. */
  private void edit(String label, JsonPointer at, BiConsumer<JsonNode, JsonPointer> change) {
    JsonNode copy = example.deepCopy();
    JsonNode parent = copy.at(at.head());
    if (parent.isContainerNode()) {
      change.accept(parent, at.last());
      mutations.add(new Mutation(label, copy));
    }
  }
}
