package io.epr.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "group",
    description = "Create, search, enable and disable event receiver groups (fire once every member receiver has a"
        + " successful event for the same name, version, release, platform id and package).",
    subcommands = {GroupCommand.Create.class, GroupCommand.Search.class, GroupCommand.Modify.class})
final class GroupCommand extends CommandGroup {

  @Command(name = "create",
      description = "Create an event receiver group (POST /api/v1/groups); prints {\"data\":\"<id>\"}.",
      footerHeading = "%nExamples:%n",
      footer = {"  epr group create --name the_clash --type foo.bar --version 3.3.3 \\",
          "    --description 'The only event receiver group that matters' \\",
          "    --event-receiver-ids '01HPW652DSJBHR5K4KCZQ97GJP 01HPW6B7NDAKR7VYQ4BK2WWTWD'"})
  static final class Create extends RegistryCommand {
    @Option(names = "--name", required = true, description = "Group name.")
    String name;

    @Option(names = "--type", required = true, description = "Group type (the Kafka message type when it fires).")
    String type;

    @Option(names = "--version", required = true, description = "Group version.")
    String version;

    @Option(names = "--description", required = true, description = "What the group stands for.")
    String description;

    @Option(names = "--event-receiver-ids", required = true, split = "[,\\s]+", paramLabel = "IDS",
        description = "The member receivers' ids, space or comma separated.")
    List<String> eventReceiverIds;

    @Option(names = "--enabled", arity = "0..1", defaultValue = "true", fallbackValue = "true",
        paramLabel = "true|false", description = "Whether the group fires (default: ${DEFAULT-VALUE}).")
    boolean enabled;

    @Override
    void run(RegistryClient client, Output output) {
      ObjectNode body = Output.JSON.createObjectNode()
          .put("name", name).put("type", type).put("version", version).put("description", description)
          .put("enabled", enabled);
      eventReceiverIds.stream().filter(id -> !id.isEmpty()).forEach(body.putArray("event_receiver_ids")::add);
      client.post("/api/v1/groups", body).ifPresent(output::json);
    }
  }

  @Command(name = "search",
      description = {"Search event receiver groups (GraphQL event_receiver_groups); prints the list found.",
          "Options given must all match exactly; none lists every group."},
      footerHeading = "%nExamples:%n",
      footer = {"  epr group search --name the_clash",
          "  epr group search --id 01HPW0JXG82Q0FBEC9M8P2Q6J8 --fields all",
          "%nFields (default id name version type):%n"
              + "  id name type version description enabled event_receiver_ids created_at updated_at"})
  static final class Search extends TypedSearch {
    @Override
    Resource resource() {
      return Resource.GROUP;
    }
  }

  @Command(name = "modify",
      description = "Enable or disable an event receiver group (PATCH /api/v1/groups/<id>); prints {\"data\":\"<id>\"}."
          + " A disabled group does not fire.",
      footerHeading = "%nExamples:%n",
      footer = {"  epr group modify --id 01HPW0JXG82Q0FBEC9M8P2Q6J8 --disable"})
  static final class Modify extends RegistryCommand {
    @Option(names = "--id", required = true, description = "The group's id.")
    String id;

    @ArgGroup(multiplicity = "1")
    Switch to;

    static final class Switch {
      @Option(names = "--enable", required = true, description = "Let the group fire.")
      boolean enable;

      @Option(names = "--disable", required = true, description = "Stop the group firing.")
      boolean disable;
    }

    @Override
    void run(RegistryClient client, Output output) {
      client.patch("/api/v1/groups/" + RegistryClient.encode(id),
          Output.JSON.createObjectNode().put("enabled", to.enable)).ifPresent(output::json);
    }
  }
}
