package io.epr.api.graphql;

import graphql.ExecutionResult;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import io.epr.api.http.Role;

/**
 * The second guard of GraphQL access control: as graphql-java starts the operation it really runs, with the fragments
 * it really uses, the caller's role (in the request's GraphQLContext) must cover what that operation needs, or the
 * request is aborted before any field runs. The first guard ({@link ChosenOperation}, before execution) picks the
 * operation by the same rule; this one holds even if it did not.
 */
final class OperationRoles extends SimplePerformantInstrumentation {
  /** The GraphQLContext key of the caller's {@link Role}; absent when access control is off. */
  static final String CALLER_ROLE = "epr.callerRole";

  /** The abort of an operation the caller's role does not cover; its message is the 403's. */
  static final class Refused extends AbortExecutionException {
    Refused(String refusal) {
      super(refusal);
    }
  }

  @Override
  public InstrumentationContext<ExecutionResult> beginExecuteOperation(
      InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
    ExecutionContext execution = parameters.getExecutionContext();
    Role role = execution.getGraphQLContext().get(CALLER_ROLE);
    if (role != null) {
      String refusal = OperationRequirement.of(execution.getOperationDefinition(), execution.getFragmentsByName())
          .refusal(role);
      if (refusal != null) {
        throw new Refused(refusal);
      }
    }
    return SimpleInstrumentationContext.noOp();
  }
}
