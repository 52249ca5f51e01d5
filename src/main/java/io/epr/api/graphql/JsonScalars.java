package io.epr.api.graphql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.util.RawValue;
import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.NullValue;
import graphql.language.ObjectValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.GraphQLScalarType;
import io.epr.json.EprJson;
import io.epr.json.JsonProblems;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * EPR's two scalars. JSON is asymmetric as in EPR: in, a string holding JSON (what EPR's clients send) or, as a
 * leniency, a JSON object or array; out, the raw JSON. Time is an RFC 3339 string, in and out.
 */
final class JsonScalars {
  private JsonScalars() {}

  static final GraphQLScalarType JSON = GraphQLScalarType.newScalar().name("JSON").description("Any JSON value")
      .coercing(new Coercing<Object, Object>() {
        @Override
        public Object serialize(Object value, GraphQLContext context, Locale locale) {
          return value instanceof String s ? new RawValue(s) : value;
        }

        @Override
        public Object parseValue(Object input, GraphQLContext context, Locale locale) {
          if (input instanceof String s) {
            return parseText(s, CoercingParseValueException::new);
          }
          return EprJson.MAPPER.valueToTree(input);
        }

        @Override
        public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
          if (input instanceof StringValue s) {
            return parseText(s.getValue(), CoercingParseLiteralException::new);
          }
          return EprJson.MAPPER.valueToTree(literal(input, variables));
        }
      }).build();

  static final GraphQLScalarType TIME = GraphQLScalarType.newScalar().name("Time").description("RFC 3339 time")
      .coercing(new Coercing<OffsetDateTime, String>() {
        @Override
        public String serialize(Object value, GraphQLContext context, Locale locale) {
          return value.toString();
        }

        @Override
        public OffsetDateTime parseValue(Object input, GraphQLContext context, Locale locale) {
          return parseTime(input, CoercingParseValueException::new);
        }

        @Override
        public OffsetDateTime parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
            Locale locale) {
          return parseTime(input instanceof StringValue s ? s.getValue() : input,
              CoercingParseLiteralException::new);
        }
      }).build();

  private static <E extends RuntimeException> OffsetDateTime parseTime(Object input,
      java.util.function.Function<String, E> error) {
    if (input instanceof String text) {
      try {
        return OffsetDateTime.parse(text);
      } catch (DateTimeParseException notRfc3339) {
        // falls through to the message
      }
    }
    throw error.apply("Time must be RFC 3339 text with an offset, e.g. 2024-05-01T12:00:00Z, got " + input);
  }

  private static <E extends RuntimeException> JsonNode parseText(String text, java.util.function.Function<String, E> error) {
    try {
      return EprJson.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw error.apply("JSON value is not valid JSON text: " + JsonProblems.describe(e));
    }
  }

  private static Object literal(Value<?> v, CoercedVariables variables) {
    if (v instanceof ObjectValue o) {
      Map<String, Object> map = new LinkedHashMap<>();
      o.getObjectFields().forEach(f -> map.put(f.getName(), literal(f.getValue(), variables)));
      return map;
    }
    if (v instanceof ArrayValue a) {
      return a.getValues().stream().map(item -> literal(item, variables)).toList();
    }
    if (v instanceof StringValue s) {
      return s.getValue();
    }
    if (v instanceof IntValue i) {
      return i.getValue();
    }
    if (v instanceof FloatValue f) {
      return f.getValue();
    }
    if (v instanceof BooleanValue b) {
      return b.isValue();
    }
    if (v instanceof VariableReference ref) {
      return variables.get(ref.getName());
    }
    if (v instanceof NullValue) {
      return null;
    }
    return List.of();
  }
}
