package io.epr.api.graphql;

import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.OperationDefinition;
import graphql.language.Type;
import graphql.language.TypeName;
import graphql.language.VariableDefinition;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * EPR's clients send variables that graphql-java would refuse (workshop.md §1.5): input objects with fields the
 * type does not declare (the Python client sends whole dataclasses) and booleans as "true"/"false" strings (the Go
 * CLI's --success). Go EPR ignored the former and this service accepts both, so variables are cleaned against the
 * operation's declared variable types before execution.
 */
final class LenientVariables {
  private LenientVariables() {}

  /** {@code operation}: the one that runs ({@link ChosenOperation}). */
  static Map<String, Object> clean(GraphQLSchema schema, OperationDefinition operation,
      Map<String, Object> variables) {
    if (variables.isEmpty()) {
      return variables;
    }
    Map<String, Object> out = new LinkedHashMap<>(variables);
    for (VariableDefinition def : operation.getVariableDefinitions()) {
      if (out.containsKey(def.getName())) {
        out.put(def.getName(), clean(schema, def.getType(), out.get(def.getName())));
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Object clean(GraphQLSchema schema, Type<?> type, Object value) {
    if (type instanceof NonNullType nonNull) {
      return clean(schema, nonNull.getType(), value);
    }
    if (type instanceof ListType list) {
      if (!(value instanceof List<?> items)) {
        return value;
      }
      List<Object> out = new ArrayList<>(items.size());
      items.forEach(item -> out.add(clean(schema, list.getType(), item)));
      return out;
    }
    GraphQLType named = schema.getType(((TypeName) type).getName());
    if (named instanceof GraphQLInputObjectType object && value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      ((Map<String, Object>) map).forEach((field, fieldValue) -> {
        var declared = object.getField(field);
        if (declared != null) {
          out.put(field, cleanNamed(declared.getType(), fieldValue));
        }
      });
      return out;
    }
    return value;
  }

  private static Object cleanNamed(GraphQLType type, Object value) {
    GraphQLType unwrapped = graphql.schema.GraphQLTypeUtil.unwrapNonNull(type);
    if (unwrapped instanceof graphql.schema.GraphQLScalarType scalar && "Boolean".equals(scalar.getName())
        && value instanceof String s && ("true".equals(s) || "false".equals(s))) {
      return Boolean.parseBoolean(s);
    }
    return value;
  }
}
