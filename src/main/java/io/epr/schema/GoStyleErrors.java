package io.epr.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.Function;

/** Renders networknt errors as the lines of the Go EPR server (gojsonschema's {@code <field>: <description>}). */
final class GoStyleErrors {
  private GoStyleErrors() {
  }

  static List<String> lines(List<Error> errors) {
    return errors.stream().map(GoStyleErrors::line).toList();
  }

  private static String line(Error error) {
    String field = field(error.getInstanceLocation());
    return field + ": " + description(error, field);
  }

  /** {@code (root)} for the document itself, otherwise the dotted path with array indexes as segments. */
  private static String field(NodePath path) {
    if (path.getNameCount() == 0) {
      return "(root)";
    }
    StringJoiner field = new StringJoiner(".");
    for (int i = 0; i < path.getNameCount(); i++) {
      field.add(String.valueOf(path.getElement(i)));
    }
    return field.toString();
  }

  private static String description(Error error, String field) {
    JsonNode keywordValue = error.getSchemaNode();
    return switch (String.valueOf(error.getKeyword())) {
      case "required" -> error.getProperty() + " is required";
      case "additionalProperties" -> "Additional property " + error.getProperty() + " is not allowed";
      case "type" -> "Invalid type. Expected: " + expectedType(keywordValue) + ", given: " + typeOf(error.getInstanceNode());
      case "enum" -> field + " must be one of the following: " + String.join(", ", jsonValues(keywordValue));
      case "const" -> field + " does not match: " + keywordValue;
      case "minLength" -> "String length must be greater than or equal to " + keywordValue;
      case "maxLength" -> "String length must be less than or equal to " + keywordValue;
      case "pattern" -> "Does not match pattern '" + keywordValue.asText() + "'";
      case "format" -> "Does not match format '" + keywordValue.asText() + "'";
      case "minimum" -> "Must be greater than or equal to " + keywordValue;
      case "maximum" -> "Must be less than or equal to " + keywordValue;
      case "exclusiveMinimum" -> "Must be greater than " + keywordValue;
      case "exclusiveMaximum" -> "Must be less than " + keywordValue;
      case "minItems" -> "Array must have at least " + keywordValue + " items";
      case "maxItems" -> "Array must have at most " + keywordValue + " items";
      case "anyOf" -> "Must validate at least one schema (anyOf)";
      case "oneOf" -> "Must validate one and only one schema (oneOf)";
      default -> error.getMessage();
    };
  }

  /** gojsonschema prints a type list as {@code [string,null]}. */
  private static String expectedType(JsonNode type) {
    return type.isArray() ? "[" + String.join(",", each(type, JsonNode::asText)) + "]" : type.asText();
  }

  private static List<String> jsonValues(JsonNode array) {
    return each(array, JsonNode::toString);
  }

  private static List<String> each(JsonNode array, Function<JsonNode, String> render) {
    List<String> rendered = new ArrayList<>(array.size());
    array.forEach(value -> rendered.add(render.apply(value)));
    return rendered;
  }

  /** JSON Schema type names, where a number without a fraction counts as "integer" (as in gojsonschema). */
  private static String typeOf(JsonNode value) {
    return switch (value.getNodeType()) {
      case OBJECT -> "object";
      case ARRAY -> "array";
      case BOOLEAN -> "boolean";
      case STRING -> "string";
      case NUMBER -> value.isIntegralNumber() || value.decimalValue().stripTrailingZeros().scale() <= 0
          ? "integer" : "number";
      default -> "null";
    };
  }
}
