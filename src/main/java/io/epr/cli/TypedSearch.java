package io.epr.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Option;

/** A search by id, name, type and version: receivers and groups. */
abstract class TypedSearch extends SearchCommand {
  @Option(names = "--id", description = "Id.")
  String id;

  @Option(names = "--name", description = "Name.")
  String name;

  @Option(names = "--type", description = "Type.")
  String type;

  @Option(names = "--version", description = "Version.")
  String version;

  @Override
  final ObjectNode filter() {
    return given(Output.JSON.createObjectNode()
        .put("id", id).put("name", name).put("type", type).put("version", version));
  }
}
