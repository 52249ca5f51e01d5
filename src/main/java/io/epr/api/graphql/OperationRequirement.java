package io.epr.api.graphql;

import com.fasterxml.jackson.databind.JsonNode;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import io.epr.api.Requirement;
import io.epr.api.Role;
import io.epr.model.EprJson;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * The role a GraphQL request needs, by the operation it runs: a query reads, a mutation writes, and a mutation that
 * retries dead letters needs admin (as the REST retry does). A request that does not parse, or names no operation
 * it holds, runs nothing (graphql-java refuses it), so it needs only read.
 */
public final class OperationRequirement {
  private static final Requirement QUERY = new Requirement(Role.READ, "a GraphQL query");
  private static final Requirement MUTATION = new Requirement(Role.WRITE, "a GraphQL mutation");
  private static final Set<String> ADMIN_FIELDS = Set.of("retry_dead_letter", "retry_dead_letters");

  private OperationRequirement() {}

  /** {@code body} as POSTed to {@link GraphQLApi#QUERY_PATH}. */
  public static Requirement of(byte[] body) {
    JsonNode request;
    try {
      request = EprJson.MAPPER.readTree(body);
    } catch (IOException e) {
      return QUERY;
    }
    if (request == null || !request.path("query").isTextual()) {
      return QUERY;
    }
    Document document = LenientVariables.parse(request.get("query").textValue());
    OperationDefinition operation = document == null ? null : LenientVariables.operation(document,
        request.path("operationName").isTextual() ? request.get("operationName").textValue() : null);
    if (operation == null || operation.getOperation() != OperationDefinition.Operation.MUTATION) {
      return QUERY;
    }
    Set<String> fields = new HashSet<>();
    topLevelFields(document, operation.getSelectionSet(), fields, new HashSet<>());
    return fields.stream().filter(ADMIN_FIELDS::contains).findFirst()
        .map(field -> new Requirement(Role.ADMIN, "the GraphQL mutation " + field))
        .orElse(MUTATION);
  }

  /** The mutation fields an operation selects, through its fragments too (aliases do not hide a field's name). */
  private static void topLevelFields(Document document, SelectionSet selections, Set<String> fields,
      Set<String> fragmentsSeen) {
    if (selections == null) {
      return;
    }
    for (Selection<?> selection : selections.getSelections()) {
      if (selection instanceof Field field) {
        fields.add(field.getName());
      } else if (selection instanceof InlineFragment inline) {
        topLevelFields(document, inline.getSelectionSet(), fields, fragmentsSeen);
      } else if (selection instanceof FragmentSpread spread && fragmentsSeen.add(spread.getName())) {
        document.getDefinitionsOfType(FragmentDefinition.class).stream()
            .filter(fragment -> fragment.getName().equals(spread.getName()))
            .forEach(fragment -> topLevelFields(document, fragment.getSelectionSet(), fields, fragmentsSeen));
      }
    }
  }
}
