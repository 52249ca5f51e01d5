package io.epr.api.graphql;

import graphql.ExecutionResult;
import graphql.analysis.FieldComplexityEnvironment;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import java.util.Set;

/**
 * How much one GraphQL request may ask for, checked before any field runs: the length of its text, the depth of its
 * operation and its complexity. Every alias counts, so a thousand aliased {@code events} are refused like a thousand
 * searches would be. Introspection (GraphiQL's schema query nests 15 deep) is left to graphql-java's good-faith
 * introspection checks, which bound it on their own (at most 500 fields, 20 deep, one {@code __schema}).
 */
final class QueryLimits {
  static final int MAX_QUERY_CHARACTERS = 256 * 1024;
  static final int MAX_DEPTH = 15;
  static final int MAX_COMPLEXITY = 2000;
  /** What a field costs that reads the database (its own query); any other field costs 1. */
  static final int DATABASE_FIELD_COST = 10;
  /** Every field of these types reads the database (or writes it), and so do the fields named below. */
  private static final Set<String> DATABASE_TYPES = Set.of("Query", "Mutation", "Provenance");
  private static final Set<String> DATABASE_FIELDS = Set.of("Sbom.components", "TestReport.cases",
      "Event.event_receiver");

  private QueryLimits() {}

  /** graphql-java's depth and complexity instrumentations, with these limits and messages that state them. */
  static Instrumentation instrumentation() {
    return new ChainedInstrumentation(new Depth(), new Complexity());
  }

  /** Why the query text is refused, or null. */
  static String tooLong(String query) {
    return query.length() <= MAX_QUERY_CHARACTERS ? null : "query is " + query.length()
        + " characters long; the limit is " + MAX_QUERY_CHARACTERS + " (send large values as variables)";
  }

  private static final class Depth extends MaxQueryDepthInstrumentation {
    Depth() {
      super(MAX_DEPTH);
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(
        InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
      return introspectionOnly(parameters.getExecutionContext().getOperationDefinition())
          ? SimpleInstrumentationContext.noOp() : super.beginExecuteOperation(parameters, state);
    }

    @Override
    protected AbortExecutionException mkAbortException(int depth, int maxDepth) {
      return new AbortExecutionException("query is nested " + depth + " fields deep; the limit is " + maxDepth);
    }

    private static boolean introspectionOnly(OperationDefinition operation) {
      return operation.getSelectionSet().getSelections().stream()
          .allMatch(s -> s instanceof Field f && f.getName().startsWith("__"));
    }
  }

  private static final class Complexity extends MaxQueryComplexityInstrumentation {
    Complexity() {
      super(MAX_COMPLEXITY, (env, children) -> cost(env) + children);
    }

    @Override
    protected AbortExecutionException mkAbortException(int complexity, int maxComplexity) {
      return new AbortExecutionException("query is too complex: " + complexity + ", the limit is " + maxComplexity
          + " (a field counts 1, a field that reads the database " + DATABASE_FIELD_COST + ", each alias again)");
    }

    private static int cost(FieldComplexityEnvironment env) {
      String field = env.getField().getName();
      String type = env.getParentType().getName();
      boolean database = !field.startsWith("__")
          && (DATABASE_TYPES.contains(type) || DATABASE_FIELDS.contains(type + "." + field));
      return database ? DATABASE_FIELD_COST : 1;
    }
  }
}
