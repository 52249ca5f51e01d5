package io.epr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "event",
    description = "Create and search events: one thing that happened to a unit of work, identified by its name,"
        + " version, release, platform id and package.",
    subcommands = {EventCommand.Create.class, EventCommand.Search.class})
final class EventCommand extends CommandGroup {

  @Command(name = "create",
      description = {"Create an event (POST /api/v1/events); prints {\"data\":\"<id>\"}.",
          "The payload must match the receiver's JSON Schema."},
      footerHeading = "%nExamples:%n",
      footer = {"  epr event create --name magnificent --version 7.0.1 --release 2023.11.16 \\",
          "    --platform-id linux --package docker --description blah --success \\",
          "    --event-receiver-id 01HPW652DSJBHR5K4KCZQ97GJP --payload '{\"name\":\"joe\"}'"})
  static final class Create extends RegistryCommand {
    @Mixin
    Nvrpp nvrpp;

    @Option(names = "--description", required = true, description = "What happened.")
    String description;

    @Option(names = "--event-receiver-id", required = true, paramLabel = "ID",
        description = "The receiver the event belongs to.")
    String eventReceiverId;

    @Option(names = "--payload", required = true, paramLabel = "JSON", converter = JsonConverter.class,
        description = "The event's data (JSON).")
    JsonNode payload;

    @Option(names = "--success", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
        description = "Whether it succeeded (default: false; --success alone means true).")
    boolean success;

    @Override
    void run(RegistryClient client, Output output) {
      ObjectNode body = nvrpp.json().put("description", description);
      body.set("payload", payload);
      body.put("success", success).put("event_receiver_id", eventReceiverId);
      client.post("/api/v1/events", body).ifPresent(output::json);
    }
  }

  @Command(name = "search",
      description = {"Search events (GraphQL events); prints the list found.",
          "Options given must all match exactly; none lists every event."},
      footerHeading = "%nExamples:%n",
      footer = {"  epr event search --name magnificent --version 7.0.1 --success true",
          "  epr event search --id 01HPW6B7NDAKR7VYQ4BK2WWTWD --fields all",
          "  epr event search --event-receiver-id 01HPW652DSJBHR5K4KCZQ97GJP --fields id,payload",
          "%nFields (default id name version release platform_id package success):%n"
              + "  id name version release platform_id package description payload success created_at"
              + " event_receiver_id"})
  static final class Search extends SearchCommand {
    @Option(names = "--id", description = "Event id.")
    String id;

    @Option(names = "--name", description = "Name of the unit of work.")
    String name;

    @Option(names = "--version", description = "Its version.")
    String version;

    @Option(names = "--release", description = "Its release.")
    String release;

    @Option(names = "--platform-id", paramLabel = "PLATFORM_ID", description = "Its platform.")
    String platformId;

    @Option(names = "--package", paramLabel = "PACKAGE", description = "Its package type.")
    String packageType;

    @Option(names = "--success", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
        description = "Only successful (true) or failed (false) events; --success alone means true.")
    Boolean success;

    @Option(names = "--event-receiver-id", paramLabel = "ID", description = "The receiver's id.")
    String eventReceiverId;

    @Override
    Resource resource() {
      return Resource.EVENT;
    }

    @Override
    ObjectNode filter() {
      return given(Output.JSON.createObjectNode()
          .put("id", id).put("name", name).put("version", version).put("release", release)
          .put("platform_id", platformId).put("package", packageType).put("success", success)
          .put("event_receiver_id", eventReceiverId));
    }
  }
}
