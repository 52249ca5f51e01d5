package io.epr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "provenance",
    description = {"Show what the registry knows about one unit of work (GraphQL provenance): its events"
        + " (oldest first, with their receivers), SBOMs, test reports, completed groups and CDEvents."},
    footerHeading = "%nExamples:%n",
    footer = {"  epr provenance --name epr-vertx --version 0.1.0 --release 2026.11.27 \\",
        "    --platform-id linux-x64 --package maven"})
final class ProvenanceCommand extends RegistryCommand {
  static final String QUERY = "query ($name: String!, $version: String!, $release: String!, $platform_id: String!,"
      + " $package: String!){provenance(name: $name, version: $version, release: $release,"
      + " platform_id: $platform_id, package: $package) {"
      + "events {id,name,version,release,platform_id,package,description,success,created_at,event_receiver_id,"
      + "event_receiver {id,name,type,version}},"
      + "sboms {id,spec_version,serial_number,component_count,created_at},"
      + "test_reports {id,tests,failures,errors,skipped,duration_seconds,environment_id,created_at},"
      + "groups_completed {id,name,type,version},"
      + "cdevents {id,type,subject_id,kafka_delivered,cdviz_delivered}}}";

  @Mixin
  Nvrpp nvrpp;

  @Override
  void run(RegistryClient client, Output output) {
    client.graphql(QUERY, nvrpp.json()).ifPresent(data -> {
      JsonNode provenance = data.path("provenance");
      output.json(provenance);
      if (provenance.path("events").isEmpty()) {
        output.error("nothing is recorded for " + String.join("/", nvrpp.fields().values()) + ": the five parts must "
            + "match exactly (epr event search --name " + nvrpp.name + " lists the events of that name)");
      }
    });
  }
}
