package io.epr.api.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.epr.support.ServerTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GraphiQL's Docs explorer explains EPR: every type, field, argument and enum value of the schema has a description. */
class SchemaDescriptionsTest extends ServerTest {
  private static final String INTROSPECTION = """
      { __schema { types { name description
          fields(includeDeprecated: true) { name description args { name description } }
          inputFields { name description }
          enumValues(includeDeprecated: true) { name description } } } }""";

  @Test
  void everyTypeFieldArgumentAndEnumValueIsDescribed() {
    JsonNode schema = http.graphql(INTROSPECTION, null);
    assertFalse(schema.has("errors"), schema.toString());

    List<String> undescribed = new ArrayList<>();
    for (JsonNode type : schema.at("/data/__schema/types")) {
      String name = type.path("name").asText();
      if (name.startsWith("__")) {
        continue; // GraphQL's own introspection types
      }
      check(type, name, undescribed);
      for (JsonNode field : type.path("fields")) {
        check(field, name + "." + field.path("name").asText(), undescribed);
        for (JsonNode arg : field.path("args")) {
          check(arg, name + "." + field.path("name").asText() + "(" + arg.path("name").asText() + ":)", undescribed);
        }
      }
      for (JsonNode input : type.path("inputFields")) {
        check(input, name + "." + input.path("name").asText(), undescribed);
      }
      for (JsonNode value : type.path("enumValues")) {
        check(value, name + "." + value.path("name").asText(), undescribed);
      }
    }
    assertEquals(List.of(), undescribed, "without a description in src/main/resources/graphql/*.graphqls");
  }

  private static void check(JsonNode element, String where, List<String> undescribed) {
    if (element.path("description").asText("").isBlank()) {
      undescribed.add(where);
    }
  }
}
