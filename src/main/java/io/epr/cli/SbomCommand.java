package io.epr.cli;

import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "sbom",
    description = "Store CycloneDX SBOMs (JSON or XML, spec 1.2-1.6) for a unit of work.",
    subcommands = SbomCommand.Post.class)
final class SbomCommand extends CommandGroup {

  @Command(name = "post",
      description = {"Post an SBOM file as it is (POST /api/v1/sboms); prints {\"data\":\"<id>\"}.",
          "It is validated against its own specVersion and stored as an event of the built-in receiver"
              + " epr-cyclonedx-sbom; posting the same file again for the same unit of work returns the same id."},
      footerHeading = "%nExamples:%n",
      footer = {"  epr sbom post target/bom.json --name epr-vertx --version 0.1.0 --release 2026.11.27 \\",
          "    --platform-id linux-x64 --package maven"})
  static final class Post extends RegistryCommand {
    @Mixin
    DocumentFile file;

    @Mixin
    Nvrpp nvrpp;

    @Option(names = "--description", description = "The SBOM event's description.")
    String description;

    @Override
    void run(RegistryClient client, Output output) {
      Map<String, String> query = nvrpp.fields();
      if (description != null) {
        query.put("description", description);
      }
      client.post("/api/v1/sboms", query, readable(file)).ifPresent(output::json);
    }
  }
}
