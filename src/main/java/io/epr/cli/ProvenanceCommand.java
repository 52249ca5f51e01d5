package io.epr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.epr.client.EprQueries;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "provenance",
    description = {"Show what the registry knows about one unit of work (GraphQL provenance): its events"
        + " (oldest first, with their receivers), SBOMs, test reports, completed groups and CDEvents."},
    footerHeading = "%nExamples:%n",
    footer = {"  epr provenance --name epr-vertx --version 0.1.0 --release 2026.11.27 \\",
        "    --platform-id linux-x64 --package maven"})
final class ProvenanceCommand extends RegistryCommand {
  @Mixin
  Nvrpp nvrpp;

  @Override
  void run(RegistryClient client, Output output) {
    client.graphql(EprQueries.PROVENANCE, nvrpp.json()).ifPresent(data -> {
      JsonNode provenance = data.path("provenance");
      output.json(provenance);
      if (provenance.path("events").isEmpty()) {
        output.error("nothing is recorded for " + String.join("/", nvrpp.fields().values()) + ": the five parts must "
            + "match exactly (epr event search --name " + nvrpp.name + " lists the events of that name)");
      }
    });
  }
}
