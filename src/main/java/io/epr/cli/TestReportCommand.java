package io.epr.cli;

import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "test-report",
    description = "Store JUnit XML test reports (Surefire, Gradle, pytest, jest-junit, go-junit-report) for a unit of "
        + "work.",
    subcommands = TestReportCommand.Post.class)
final class TestReportCommand extends CommandGroup {

  @Command(name = "post",
      description = {"Post a JUnit XML report file as it is (POST /api/v1/test-reports); prints {\"data\":\"<id>\"}.",
          "Its suites and cases are indexed and it is stored as an event of the built-in receiver"
              + " epr-junit-test-report; posting the same file again for the same unit of work returns the same id."},
      footerHeading = "%nExamples:%n",
      footer = {"  epr test-report post --file target/surefire-reports/TEST-io.epr.AppTest.xml --name epr-vertx \\",
          "    --version 0.1.0 --release 2026.11.27 --platform-id linux-x64 --package maven --environment-id jdk17"})
  static final class Post extends RegistryCommand {
    @Mixin
    DocumentFile file;

    @Mixin
    Nvrpp nvrpp;

    @Option(names = "--environment-id", paramLabel = "ENVIRONMENT_ID",
        description = "Where the tests ran (default: the platform id).")
    String environmentId;

    @Option(names = "--description", description = "The report event's description.")
    String description;

    @Override
    void run(RegistryClient client, Output output) {
      Map<String, String> query = nvrpp.fields();
      if (environmentId != null) {
        query.put("environment_id", environmentId);
      }
      if (description != null) {
        query.put("description", description);
      }
      client.post("/api/v1/test-reports", query, readable(file)).ifPresent(output::json);
    }
  }
}
