package io.epr.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Map;

/**
 * networknt compares a number with an integer bound (maximum: 100 beside type: integer) through {@code asLong()},
 * which wraps a whole number written as a decimal beyond the long range: 1e19 or 1e308 passed maximum: 100. Such
 * numbers are validated as the BigIntegers they are, which networknt compares exactly. The payload stored is the one
 * sent; only what is validated is a copy.
 */
final class ExactIntegers {
  private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

  private ExactIntegers() {}

  /** {@code payload}, or a copy whose whole decimals beyond the long range are integers. */
  static JsonNode of(JsonNode payload) {
    return hasWrapping(payload) ? exact(payload.deepCopy()) : payload;
  }

  private static boolean hasWrapping(JsonNode node) {
    if (node.isContainerNode()) {
      for (JsonNode child : node) {
        if (hasWrapping(child)) {
          return true;
        }
      }
      return false;
    }
    return wraps(node);
  }

  private static JsonNode exact(JsonNode node) {
    if (wraps(node)) {
      return BigIntegerNode.valueOf(node.decimalValue().toBigIntegerExact());
    }
    if (node instanceof ObjectNode object) {
      for (Map.Entry<String, JsonNode> field : object.properties()) {
        field.setValue(exact(field.getValue()));
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        array.set(i, exact(array.get(i)));
      }
    }
    return node;
  }

  /** A decimal that is a whole number outside the long range (its digits are bounded by JsonLimits). */
  private static boolean wraps(JsonNode node) {
    if (!node.isBigDecimal()) {
      return false;
    }
    BigDecimal value = node.decimalValue();
    return (value.compareTo(LONG_MIN) < 0 || value.compareTo(LONG_MAX) > 0)
        && (value.scale() <= 0 || value.stripTrailingZeros().scale() <= 0);
  }
}
