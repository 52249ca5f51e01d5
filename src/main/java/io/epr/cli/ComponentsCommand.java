package io.epr.cli;

import io.epr.client.EprQueries;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code epr components}: which builds contain a package, from the SBOMs posted for them. */
@Command(name = "components",
    description = {"Which builds contain a package (GraphQL components): each use of the component in a posted SBOM,"
        + " with the build's name, version, release, platform id and package.",
        "A purl without a version matches every version; --name matches the component's name (and --version its"
            + " version)."},
    footerHeading = "%nExamples:%n",
    footer = {"  epr components --purl pkg:npm/lodash@4.17.21",
        "  epr components --purl 'pkg:npm/%%40angular/core'",
        "  epr components --name log4j-core --version 2.14.1"})
final class ComponentsCommand extends RegistryCommand {
  @Option(names = "--purl", description = "The package URL, e.g. pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1.")
  String purl;

  @Option(names = "--name", description = "The component's name (instead of --purl).")
  String name;

  @Option(names = "--version", description = "With --name: the component's version.")
  String version;

  @Option(names = "--first", paramLabel = "N", description = "At most N uses (1..1000; the registry's default: 100).")
  Integer first;

  @Override
  void run(RegistryClient client, Output output) {
    if (purl == null && name == null) {
      throw new ParameterException(spec.commandLine(), "components needs --purl or --name");
    }
    var variables = SearchCommand.given(Output.JSON.createObjectNode()
        .put("purl", purl).put("name", name).put("version", version).put("first", first));
    client.graphql(EprQueries.COMPONENTS, variables).ifPresent(data -> output.json(data.path("components")));
  }
}
