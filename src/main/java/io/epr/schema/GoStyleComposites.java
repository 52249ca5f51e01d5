package io.epr.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.ExecutionContext;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaContext;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.keyword.AnyOfValidator;
import com.networknt.schema.keyword.Keyword;
import com.networknt.schema.keyword.KeywordValidator;
import com.networknt.schema.keyword.OneOfValidator;
import com.networknt.schema.path.NodePath;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reports a failed anyOf/oneOf the way gojsonschema does: one error for the keyword itself, followed by the errors of
 * the closest branch only. networknt reports no anyOf error at all, and the errors of every branch for both keywords.
 */
final class GoStyleComposites {
  private GoStyleComposites() {
  }

  static Dialect apply(Dialect dialect) {
    return Dialect.builder(dialect).keyword(new Replacement("anyOf", AnyOf::new)).keyword(new Replacement("oneOf", OneOf::new)).build();
  }

  /**
   * Stands in for gojsonschema's best-scoring branch: a branch whose type does not even match loses, then the one
   * with the fewest errors wins (the first on a tie). {@code depth} is where the branch index sits in the errors'
   * evaluation paths.
   */
  private static List<Error> closestBranch(List<Error> branchErrors, int depth, NodePath instanceLocation) {
    Map<Object, List<Error>> byBranch = new LinkedHashMap<>();
    for (Error error : branchErrors) {
      byBranch.computeIfAbsent(error.getEvaluationPath().getElement(depth), branch -> new ArrayList<>()).add(error);
    }
    Comparator<List<Error>> closest = Comparator
        .comparing((List<Error> errors) -> errors.stream().anyMatch(
            e -> "type".equals(e.getKeyword()) && e.getInstanceLocation().equals(instanceLocation)))
        .thenComparing(List::size);
    return byBranch.values().stream().min(closest).orElse(List.of());
  }

  private interface ValidatorFactory {
    KeywordValidator create(SchemaLocation location, JsonNode node, Schema parent, SchemaContext context);
  }

  private record Replacement(String value, ValidatorFactory factory) implements Keyword {
    @Override
    public String getValue() {
      return value;
    }

    @Override
    public KeywordValidator newValidator(SchemaLocation location, JsonNode node, Schema parent, SchemaContext context) {
      return factory.create(location, node, parent, context);
    }
  }

  private static final class AnyOf extends AnyOfValidator {
    AnyOf(SchemaLocation location, JsonNode node, Schema parent, SchemaContext context) {
      super(location, node, parent, context);
    }

    @Override
    public void validate(ExecutionContext context, JsonNode node, JsonNode root, NodePath instanceLocation) {
      List<Error> errors = context.getErrors();
      int before = errors.size();
      super.validate(context, node, root, instanceLocation);
      List<Error> added = errors.subList(before, errors.size());
      if (added.isEmpty()) {
        return;
      }
      List<Error> closest = closestBranch(added, context.getEvaluationPath().getNameCount(), instanceLocation);
      Error anyOf = error().instanceNode(node).instanceLocation(instanceLocation)
          .evaluationPath(context.getEvaluationPath()).arguments(schemaLocation).build();
      List<Error> replacement = new ArrayList<>(closest.size() + 1);
      replacement.add(anyOf);
      replacement.addAll(closest);
      added.clear();
      added.addAll(replacement);
    }
  }

  private static final class OneOf extends OneOfValidator {
    OneOf(SchemaLocation location, JsonNode node, Schema parent, SchemaContext context) {
      super(location, node, parent, context);
    }

    /** networknt adds the oneOf error first, then the errors of the failed branches. */
    @Override
    public void validate(ExecutionContext context, JsonNode node, JsonNode root, NodePath instanceLocation) {
      List<Error> errors = context.getErrors();
      int before = errors.size();
      super.validate(context, node, root, instanceLocation);
      if (errors.size() <= before + 1) {
        return;
      }
      List<Error> branchErrors = errors.subList(before + 1, errors.size());
      boolean noBranchMatched = "oneOf".equals(errors.get(before).getMessageKey());
      List<Error> kept = noBranchMatched
          ? List.copyOf(closestBranch(branchErrors, context.getEvaluationPath().getNameCount(), instanceLocation))
          : List.of();
      branchErrors.clear();
      branchErrors.addAll(kept);
    }
  }
}
