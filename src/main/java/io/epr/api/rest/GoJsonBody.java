package io.epr.api.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import io.epr.ingest.InvalidInputException;
import io.epr.json.EprJson;
import io.epr.json.JsonProblems;
import io.epr.json.StrictUtf8;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A REST request body read the way Go's encoding/json fills EPR's structs: keys matched case-insensitively,
 * unknown keys ignored, a value of the wrong JSON type refused with Go's wording.
 */
final class GoJsonBody {
  private final String struct;
  private final Map<String, JsonNode> fields = new HashMap<>();

  private GoJsonBody(String struct, JsonNode object) {
    this.struct = struct;
    object.fields().forEachRemaining(f -> fields.put(f.getKey().toLowerCase(Locale.ROOT), f.getValue()));
  }

  /** Parses the body as a JSON object for the Go struct {@code struct} (Event, EventReceiver, EventReceiverGroup). */
  static GoJsonBody parse(Buffer body, String struct) {
    if (body == null || body.length() == 0 || body.toString().isBlank()) {
      throw new InvalidInputException("EOF");
    }
    byte[] bytes = body.getBytes();
    String notUtf8 = StrictUtf8.problem(bytes);
    if (notUtf8 != null) {
      throw new InvalidInputException("invalid JSON: " + notUtf8);
    }
    JsonNode node;
    try {
      node = EprJson.MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException("invalid JSON: " + JsonProblems.describe(e));
    } catch (IOException e) {
      throw new InvalidInputException("invalid JSON: " + e.getMessage());
    }
    if (node == null || node.isMissingNode()) {
      throw new InvalidInputException("EOF");
    }
    if (!node.isObject() && !node.isNull()) {
      throw new InvalidInputException(
          "json: cannot unmarshal " + goType(node) + " into Go value of type storage." + struct);
    }
    return new GoJsonBody(struct, node.isNull() ? EprJson.MAPPER.createObjectNode() : node);
  }

  /** A string field; null when absent or JSON null. */
  String string(String key) {
    JsonNode v = fields.get(key);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw typeError(key, v, "string");
    }
    return v.textValue();
  }

  /** A boolean field, false when absent; {@code "true"}/{@code "false"} strings are accepted too (CLIs send them). */
  boolean bool(String key) {
    JsonNode v = fields.get(key);
    if (v == null || v.isNull()) {
      return false;
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    if (v.isTextual() && ("true".equals(v.textValue()) || "false".equals(v.textValue()))) {
      return Boolean.parseBoolean(v.textValue());
    }
    throw typeError(key, v, "bool");
  }

  boolean has(String key) {
    return fields.containsKey(key);
  }

  /** Any JSON value, as sent; null when the key is absent (a JSON null comes back as a NullNode). */
  JsonNode json(String key) {
    return fields.get(key);
  }

  /** A list of strings; null when absent. */
  List<String> strings(String key) {
    JsonNode v = fields.get(key);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isArray()) {
      throw typeError(key, v, "[]string");
    }
    List<String> out = new ArrayList<>(v.size());
    for (JsonNode item : v) {
      if (!item.isTextual()) {
        throw typeError(key, item, "string");
      }
      out.add(item.textValue());
    }
    return out;
  }

  private InvalidInputException typeError(String key, JsonNode v, String goType) {
    return new InvalidInputException(
        "json: cannot unmarshal " + goType(v) + " into Go struct field " + struct + "." + key + " of type " + goType);
  }

  private static String goType(JsonNode v) {
    JsonNodeType t = v.getNodeType();
    return switch (t) {
      case ARRAY -> "array";
      case OBJECT, POJO -> "object";
      case BOOLEAN -> "bool";
      case NUMBER -> "number";
      default -> t.name().toLowerCase(Locale.ROOT);
    };
  }
}
