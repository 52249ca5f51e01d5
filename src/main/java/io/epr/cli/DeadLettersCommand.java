package io.epr.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "dead-letters",
    description = "List the records the registry could not deliver (to Kafka or CDviz) and put them back for delivery.",
    subcommands = {DeadLettersCommand.List.class, DeadLettersCommand.Retry.class})
final class DeadLettersCommand extends CommandGroup {
  static final String PATH = "/api/v1/dead-letters";

  @Command(name = "list",
      description = "List dead letters, oldest first, with their target, reason, attempts and last error"
          + " (GET /api/v1/dead-letters).",
      footerHeading = "%nExamples:%n",
      footer = {"  epr dead-letters list --limit 10"})
  static final class List extends RegistryCommand {
    @Option(names = "--limit", paramLabel = "N", description = "At most N (1..1000; the registry's default: 100).")
    Integer limit;

    @Override
    void run(RegistryClient client, Output output) {
      client.get(limit == null ? PATH : PATH + "?limit=" + limit).ifPresent(letters -> output.json(letters.path("data")));
    }
  }

  @Command(name = "retry",
      description = {"Put one dead letter (--id) or all of them back for delivery (POST /api/v1/dead-letters/[<id>/]"
          + "retry); prints {\"data\":\"<how many went back>\"}.", "Needs an admin token when tokens are on."},
      footerHeading = "%nExamples:%n",
      footer = {"  epr dead-letters retry --id 42", "  epr dead-letters retry"})
  static final class Retry extends RegistryCommand {
    @Option(names = "--id", description = "The dead letter's id (default: every dead letter).")
    String id;

    @Override
    void run(RegistryClient client, Output output) {
      String path = id == null ? PATH + "/retry" : PATH + "/" + RegistryClient.encode(id) + "/retry";
      client.post(path, Output.JSON.createObjectNode()).ifPresent(output::json);
    }
  }
}
