package io.epr.mcp;

import io.epr.client.EprClient;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** A tool call's arguments, checked as they are read: a missing or mistyped one is an {@link InvalidToolInput}. */
final class ToolArguments {
  private final Map<String, Object> arguments;

  ToolArguments(Map<String, Object> arguments) {
    this.arguments = arguments == null ? Map.of() : arguments;
  }

  String string(String name) {
    String value = optionalString(name);
    if (value == null) {
      throw new InvalidToolInput("'" + name + "' is required (a string)");
    }
    return value;
  }

  String optionalString(String name) {
    Object value = arguments.get(name);
    if (value == null || value instanceof String) {
      return (String) value;
    }
    throw new InvalidToolInput("'" + name + "' must be a string, not " + typeOf(value));
  }

  Integer optionalInteger(String name) {
    Object value = arguments.get(name);
    if (value == null) {
      return null;
    }
    if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return n.intValue();
    }
    throw new InvalidToolInput("'" + name + "' must be an integer, not " + typeOf(value));
  }

  ObjectNode object(String name) {
    Object value = arguments.get(name);
    if (value == null) {
      throw new InvalidToolInput("'" + name + "' is required (an object)");
    }
    if (!(value instanceof Map)) {
      throw new InvalidToolInput("'" + name + "' must be an object, not " + typeOf(value));
    }
    return EprClient.JSON.valueToTree(value);
  }

  /** A JSON document given either as its text or as the object itself. */
  String document(String name) {
    Object value = arguments.get(name);
    if (value == null) {
      throw new InvalidToolInput("'" + name + "' is required (the document as a string or an object)");
    }
    if (value instanceof String text) {
      return text;
    }
    if (value instanceof Map) {
      return EprClient.JSON.valueToTree(value).toString();
    }
    throw new InvalidToolInput("'" + name + "' must be a string or an object, not " + typeOf(value));
  }

  private static String typeOf(Object value) {
    if (value instanceof Map) {
      return "an object";
    }
    if (value instanceof List) {
      return "an array";
    }
    if (value instanceof Boolean) {
      return "a boolean";
    }
    if (value instanceof Number) {
      return "a number";
    }
    return "a string";
  }
}
