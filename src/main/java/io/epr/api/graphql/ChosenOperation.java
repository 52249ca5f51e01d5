package io.epr.api.graphql;

import graphql.execution.UnknownOperationException;
import graphql.language.Document;
import graphql.language.FragmentDefinition;
import graphql.language.NodeUtil;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import io.epr.api.http.Requirement;
import java.util.Map;

/**
 * The operation of a GraphQL request that graphql-java will run, chosen before it runs by graphql-java's own rule
 * ({@code NodeUtil.getOperation}, which its {@code Execution} applies): the named one; with no name the only one;
 * with an empty name the first one. The role a request needs and the variables cleaned are both judged from it, so
 * nothing here can pick another operation than the one that runs.
 */
record ChosenOperation(OperationDefinition definition, Map<String, FragmentDefinition> fragments) {

  /** Null when graphql-java will run none: the text does not parse, or no operation answers to the name. */
  static ChosenOperation of(String query, String operationName) {
    Document document;
    try {
      document = Parser.parse(ParserEnvironment.newParserEnvironment().document(query)
          .parserOptions(ParserOptions.getDefaultOperationParserOptions()).build());
    } catch (RuntimeException invalid) {
      return null; // graphql-java reports the syntax error itself
    }
    try {
      NodeUtil.GetOperationResult chosen = NodeUtil.getOperation(document, operationName);
      return new ChosenOperation(chosen.operationDefinition, chosen.fragmentsByName);
    } catch (UnknownOperationException | java.util.NoSuchElementException none) {
      return null; // graphql-java answers that the name is missing or unknown, or that there is no operation
    }
  }

  Requirement requirement() {
    return OperationRequirement.of(definition, fragments);
  }
}
