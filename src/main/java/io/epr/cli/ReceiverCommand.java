package io.epr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "receiver",
    description = "Create and search event receivers (the kinds of event, each with a JSON Schema for its payload).",
    subcommands = {ReceiverCommand.Create.class, ReceiverCommand.Search.class})
final class ReceiverCommand extends CommandGroup {

  @Command(name = "create",
      description = "Create an event receiver (POST /api/v1/receivers); prints {\"data\":\"<id>\"}.",
      footerHeading = "%nExamples:%n",
      footer = {"  epr receiver create --name foobar --type foo.bar --version 1.1.3 \\",
          "    --description 'The event receiver of Brixton' \\",
          "    --schema '{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}}}'"})
  static final class Create extends RegistryCommand {
    @Option(names = "--name", required = true, description = "Receiver name.")
    String name;

    @Option(names = "--type", required = true, description = "Event type, e.g. foo.bar (also the Kafka message type).")
    String type;

    @Option(names = "--version", required = true, description = "Receiver version.")
    String version;

    @Option(names = "--description", required = true, description = "What the receiver's events mean.")
    String description;

    @Option(names = "--schema", paramLabel = "JSON", defaultValue = "{}", converter = JsonConverter.class,
        description = "JSON Schema the events' payloads must match (default: ${DEFAULT-VALUE}, anything goes).")
    JsonNode schema;

    @Override
    void run(RegistryClient client, Output output) {
      ObjectNode body = Output.JSON.createObjectNode()
          .put("name", name).put("type", type).put("version", version).put("description", description);
      body.set("schema", schema);
      client.post("/api/v1/receivers", body).ifPresent(output::json);
    }
  }

  @Command(name = "search",
      description = {"Search event receivers (GraphQL event_receivers); prints the list found.",
          "Options given must all match exactly; none lists every receiver."},
      footerHeading = "%nExamples:%n",
      footer = {"  epr receiver search --name foobar --version 1.1.3",
          "  epr receiver search --id 01HPW652DSJBHR5K4KCZQ97GJP --fields all",
          "  epr receiver search --type foo.bar --fields id,name,fingerprint",
          "%nFields (default id name version type):%n  id name type version description schema fingerprint created_at"})
  static final class Search extends TypedSearch {
    @Override
    Resource resource() {
      return Resource.RECEIVER;
    }
  }
}
