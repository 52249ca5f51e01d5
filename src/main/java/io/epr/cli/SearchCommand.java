package io.epr.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** A GraphQL search: the filter options of a subclass, exact match and ANDed; prints the list found. */
abstract class SearchCommand extends RegistryCommand {
  @Option(names = "--fields", paramLabel = "FIELDS",
      description = "'all', or the fields to print, comma or space separated (default: the command's usual few).")
  String fields;

  abstract Resource resource();

  /** The search input: only the options given. */
  abstract ObjectNode filter();

  @Override
  final void run(RegistryClient client, Output output) {
    ObjectNode variables = Output.JSON.createObjectNode();
    variables.set("obj", filter());
    client.graphql(resource().searchQuery(fields()), variables)
        .ifPresent(data -> output.json(data.path(resource().query)));
  }

  /** {@code object} without the options not given. */
  static ObjectNode given(ObjectNode object) {
    ObjectNode given = Output.JSON.createObjectNode();
    object.fields().forEachRemaining(field -> {
      if (!field.getValue().isNull()) {
        given.set(field.getKey(), field.getValue());
      }
    });
    return given;
  }

  private List<String> fields() {
    if (fields == null || fields.isBlank()) {
      return resource().defaultFields;
    }
    if (fields.strip().equals("all")) {
      return resource().allFields;
    }
    List<String> named = Arrays.asList(fields.strip().split("[,\\s]+"));
    for (String field : named) {
      if (!resource().allFields.contains(field)) {
        throw new ParameterException(spec.commandLine(),
            "Unknown field '" + field + "' in --fields (known: all, " + String.join(", ", resource().allFields) + ")");
      }
    }
    return named;
  }
}
