package io.epr.api.graphql;

import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import io.epr.api.http.Requirement;
import io.epr.api.http.Role;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The role a GraphQL operation needs: a query reads, anything else writes, and a mutation that retries dead letters
 * needs admin (as the REST retry does). Judged from the operation with its fragments, wherever it comes from: as
 * {@link ChosenOperation} finds it before the request runs, and as graphql-java runs it ({@link OperationRoles}).
 */
final class OperationRequirement {
  private static final Requirement QUERY = new Requirement(Role.READ, "a GraphQL query");
  private static final Requirement MUTATION = new Requirement(Role.WRITE, "a GraphQL mutation");
  private static final Set<String> ADMIN_FIELDS = Set.of("retry_dead_letter", "retry_dead_letters");

  private OperationRequirement() {}

  static Requirement of(OperationDefinition operation, Map<String, FragmentDefinition> fragments) {
    if (operation.getOperation() == OperationDefinition.Operation.QUERY) {
      return QUERY;
    }
    Set<String> fields = new LinkedHashSet<>();
    topLevelFields(fragments, operation.getSelectionSet(), fields, new HashSet<>());
    return fields.stream().filter(ADMIN_FIELDS::contains).findFirst()
        .map(field -> new Requirement(Role.ADMIN, "the GraphQL mutation " + field))
        .orElse(MUTATION);
  }

  /** The fields an operation selects at its top, through its fragments too (aliases do not hide a field's name). */
  private static void topLevelFields(Map<String, FragmentDefinition> fragments, SelectionSet selections,
      Set<String> fields, Set<String> fragmentsSeen) {
    if (selections == null) {
      return;
    }
    for (Selection<?> selection : selections.getSelections()) {
      if (selection instanceof Field field) {
        fields.add(field.getName());
      } else if (selection instanceof InlineFragment inline) {
        topLevelFields(fragments, inline.getSelectionSet(), fields, fragmentsSeen);
      } else if (selection instanceof FragmentSpread spread && fragmentsSeen.add(spread.getName())
          && fragments.containsKey(spread.getName())) {
        topLevelFields(fragments, fragments.get(spread.getName()).getSelectionSet(), fields, fragmentsSeen);
      }
    }
  }
}
