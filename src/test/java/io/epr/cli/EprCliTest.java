package io.epr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.epr.cli.Cli.Run;
import io.epr.support.EprTestServer;
import io.epr.support.ServerTest;
import io.epr.support.SbomGenerator;
import io.epr.support.TestBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The epr commands against the real service. */
class EprCliTest extends ServerTest {
  static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}}}";
  static Cli epr;

  @BeforeAll
  static void cli() {
    epr = new Cli("http://127.0.0.1:" + server.port);
  }

  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID();
  }

  static String receiver(String name) {
    return epr.run("receiver", "create", "--name", name, "--type", "foo.bar", "--version", "1.1.3",
        "--description", "The event receiver of Brixton", "--schema", SCHEMA).id();
  }

  static Run event(String name, String receiverId, String... more) {
    List<String> args = new ArrayList<>(List.of("event", "create", "--name", name, "--version", "7.0.1",
        "--release", "2023.11.16", "--platform-id", "linux", "--package", "docker", "--description", "blah",
        "--event-receiver-id", receiverId, "--payload", "{\"name\":\"joe\"}"));
    args.addAll(List.of(more));
    return epr.run(args.toArray(String[]::new));
  }

  static List<String> fieldNames(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  static int eventsNamed(String name) {
    ObjectNode body = Output.JSON.createObjectNode()
        .put("query", "query ($obj: FindEventInput!){events(event: $obj) {id}}");
    body.putObject("variables").putObject("obj").put("name", name);
    return http.post(RegistryClient.GRAPHQL, body).json().at("/data/events").size();
  }

  @Test
  void receiverCreateThenSearch() {
    String name = unique("foobar");
    String id = receiver(name);
    assertEquals(26, id.length());

    JsonNode found = epr.run("receiver", "search", "--id", id).json();
    assertEquals(1, found.size());
    assertEquals(List.of("id", "name", "version", "type"), fieldNames(found.get(0)));
    assertEquals(name, found.get(0).get("name").asText());

    JsonNode all = epr.run("receiver", "search", "--name", name, "--version", "1.1.3", "--fields", "all").json();
    assertEquals(Resource.RECEIVER.allFields, fieldNames(all.get(0)));
    assertEquals(new JsonConverter().convert(SCHEMA), all.get(0).get("schema"));

    JsonNode two = epr.run("receiver", "search", "--id", id, "--fields", "id,fingerprint").json();
    assertEquals(List.of("id", "fingerprint"), fieldNames(two.get(0)));
  }

  @Test
  void receiverSchemaDefaultsToAnything() {
    String id = epr.run("receiver", "create", "--name", unique("any"), "--type", "t", "--version", "1",
        "--description", "d").id();
    Run run = epr.run("receiver", "search", "--id", id, "--fields", "schema", "--no-indent");
    assertEquals("[{\"schema\":{}}]\n", run.out());
  }

  @Test
  void groupCreateThenSearch() {
    String first = receiver(unique("first"));
    String second = receiver(unique("second"));
    String name = unique("the_clash");
    String id = epr.run("group", "create", "--name", name, "--type", "foo.bar", "--version", "3.3.3",
        "--description", "The only event receiver group that matters",
        "--event-receiver-ids", first + " " + second).id();

    JsonNode group = epr.run("group", "search", "--id", id, "--fields", "all").json().get(0);
    assertEquals(Resource.GROUP.allFields, fieldNames(group));
    assertEquals(List.of(first, second), List.of(group.at("/event_receiver_ids/0").asText(),
        group.at("/event_receiver_ids/1").asText()));
    assertTrue(group.get("enabled").asBoolean());
    assertEquals(List.of("id", "name", "version", "type"),
        fieldNames(epr.run("group", "search", "--name", name).json().get(0)));

    String disabled = epr.run("group", "create", "--name", name, "--type", "foo.bar", "--version", "3.3.4",
        "--description", "d", "--event-receiver-ids", first + "," + second, "--enabled", "false").id();
    JsonNode off = epr.run("group", "search", "--id", disabled, "--fields", "enabled,event_receiver_ids").json();
    assertEquals(false, off.at("/0/enabled").asBoolean());
    assertEquals(2, off.at("/0/event_receiver_ids").size());
  }

  @Test
  void eventCreateThenSearch() {
    String receiverId = receiver(unique("events"));
    String name = unique("magnificent");
    String id = event(name, receiverId, "--success").id();

    JsonNode found = epr.run("event", "search", "--id", id).json();
    assertEquals(Resource.EVENT.defaultFields, fieldNames(found.get(0)));
    JsonNode all = epr.run("event", "search", "--id", id, "--fields", "all").json().get(0);
    assertEquals(Resource.EVENT.allFields, fieldNames(all));
    assertEquals("joe", all.at("/payload/name").asText());
    assertEquals(receiverId, all.get("event_receiver_id").asText());
    assertTrue(all.get("success").asBoolean());
    assertEquals(List.of("name", "payload"),
        fieldNames(epr.run("event", "search", "--id", id, "--fields", "name payload").json().get(0)));
  }

  @Test
  void eventSearchBySuccess() {
    String receiverId = receiver(unique("outcomes"));
    String name = unique("outcome");
    String succeeded = event(name, receiverId, "--success", "true").id();
    String failed = event(name, receiverId).id();

    JsonNode good = epr.run("event", "search", "--name", name, "--success", "true").json();
    assertEquals(1, good.size());
    assertEquals(succeeded, good.at("/0/id").asText());
    JsonNode bad = epr.run("event", "search", "--name", name, "--success", "false").json();
    assertEquals(1, bad.size());
    assertEquals(failed, bad.at("/0/id").asText());
    assertEquals(2, epr.run("event", "search", "--name", name).json().size());
  }

  @Test
  void dryRunSendsNothing() {
    String receiverId = receiver(unique("dry"));
    String name = unique("dry-run");
    Run run = event(name, receiverId, "--dry-run");

    assertEquals(0, run.code());
    assertTrue(run.out().startsWith("curl -X POST 'http://127.0.0.1:" + server.port + "/api/v1/events'"), run.out());
    assertTrue(run.out().contains("-d '{\"name\":\"" + name + "\""), run.out());
    assertEquals(0, eventsNamed(name));
    assertTrue(epr.run("receiver", "search", "--name", name, "--dry-run").out()
        .contains("event_receivers(event_receiver: $obj)"));
  }

  @Test
  void sbomThenProvenance(@TempDir Path dir) throws IOException {
    Path bom = Files.write(dir.resolve("bom.json"), SbomGenerator.json("1.6", 5, "pkg:oci/x@1"));
    String name = unique("x & y");
    String[] nvrpp = {"--name", name, "--version", "1", "--release", "2026.11.27", "--platform-id", "linux-x64",
        "--package", "oci"};
    List<String> post = new ArrayList<>(List.of("sbom", "post", bom.toString(), "--description", "the image"));
    post.addAll(List.of(nvrpp));
    String id = epr.run(post.toArray(String[]::new)).id();

    List<String> query = new ArrayList<>(List.of("provenance"));
    query.addAll(List.of(nvrpp));
    JsonNode provenance = epr.run(query.toArray(String[]::new)).json();
    assertEquals(id, provenance.at("/sboms/0/id").asText());
    assertEquals(5, provenance.at("/sboms/0/component_count").asInt());
    assertEquals(id, provenance.at("/events/0/id").asText());
    assertEquals(name, provenance.at("/events/0/name").asText());
    assertEquals("epr-cyclonedx-sbom", provenance.at("/events/0/event_receiver/name").asText());
  }

  /** The receiver schemas the project ships are given by their path, as the README does. */
  @Test
  void aSchemaIsGivenByItsFile() throws IOException {
    String id = epr.run("receiver", "create", "--name", unique("shipped"), "--type", "ci.pipelinerun.started",
        "--version", "1.0.0", "--description", "pipeline run started", "--schema",
        "schemas/pipelinerun-started.json").id();

    JsonNode stored = http.get("/api/v1/receivers/" + id).json().at("/data/0/schema");
    assertEquals(new JsonConverter().convert(Files.readString(Path.of("schemas/pipelinerun-started.json"))), stored);
  }

  @Test
  void testReportPostIndexesTheReport(@TempDir Path dir) throws IOException {
    Path report = Files.writeString(dir.resolve("TEST-x.xml"), "<testsuite name=\"x\"><testcase name=\"ok\"/>"
        + "<testcase name=\"bad\"><failure message=\"no\"/></testcase></testsuite>");
    String release = unique("cli-tests");
    String id = epr.run("test-report", "post", "--file", report.toString(), "--name", "app", "--version", "1",
        "--release", release, "--platform-id", "linux-x64", "--package", "oci", "--environment-id", "jdk17").id();
    JsonNode reports = epr.run("provenance", "--name", "app", "--version", "1", "--release", release,
        "--platform-id", "linux-x64", "--package", "oci").json().get("test_reports");
    assertEquals(List.of(id), reports.findValuesAsText("id"));
    assertEquals(2, reports.at("/0/tests").asInt());
    assertEquals(1, reports.at("/0/failures").asInt());
    assertEquals("jdk17", reports.at("/0/environment_id").asText());
    assertEquals(id, epr.run("test-report", "post", report.toString(), "--name", "app", "--version", "1",
        "--release", release, "--platform-id", "linux-x64", "--package", "oci", "--environment-id", "jdk17").id(),
        "the file as the argument, as sbom post takes it, is the same document");
    Run missing = epr.run("test-report", "post", "--file", dir.resolve("none.xml").toString(), "--name", "app",
        "--version", "1", "--release", release, "--platform-id", "linux-x64", "--package", "oci");
    assertTrue(missing.err().contains("Cannot read the file"), missing.err());
  }

  @Test
  void serverErrorIsOneLineAndExitOne() {
    Run run = event(" ", receiver(unique("errors")));
    assertEquals(1, run.code());
    assertEquals("", run.out());
    assertTrue(run.err().startsWith("epr: 400: invalid input: "), run.err());
    assertTrue(run.err().contains("name cannot be blank"), run.err());
    assertEquals(1, run.err().lines().count(), run.err());
  }

  /** Provenance of an NVRPP nobody recorded is empty on stdout, and stderr says so and what to check. */
  @Test
  void provenanceOfNothingSaysSo() {
    Run run = epr.run("provenance", "--name", "never-recorded", "--version", "1", "--release", "r",
        "--platform-id", "linux", "--package", "oci");

    assertEquals(0, run.code());
    assertEquals(0, run.json().get("events").size());
    assertEquals("epr: nothing is recorded for never-recorded/1/r/linux/oci: the five parts must match exactly "
        + "(epr event search --name never-recorded lists the events of that name)\n", run.err());
  }

  /** A refusal that lists problems prints each on its own line, under the first. */
  @Test
  void aRefusedSbomListsItsProblemsOnePerLine(@TempDir Path dir) throws IOException {
    Path bom = Files.writeString(dir.resolve("bom.json"), "{\"components\":[]}");
    Run run = epr.run("sbom", "post", bom.toString(), "--name", "x", "--version", "1", "--release", "r",
        "--platform-id", "linux", "--package", "oci");

    assertEquals(1, run.code());
    List<String> lines = run.err().lines().toList();
    assertEquals("epr: 400: invalid input: not a CycloneDX document:", lines.get(0), run.err());
    assertTrue(lines.get(1).startsWith("  bomFormat is missing"), run.err());
    assertTrue(lines.get(2).startsWith("  specVersion is missing"), run.err());
    assertTrue(run.err().indexOf(";") < 0, run.err());
  }

  @Test
  void unknownReceiverIsTheServersError() {
    Run run = event(unique("orphan"), "01HPW652DSJBHR5K4KCZQ97GJP");
    assertEquals(1, run.code());
    assertEquals("epr: 400: invalid input: receiver for event does not exist\n", run.err());
  }

  @Test
  void groupModifyDisablesAndEnables() {
    String member = receiver(unique("member"));
    String id = epr.run("group", "create", "--name", unique("switched"), "--type", "foo.bar", "--version", "1",
        "--description", "d", "--event-receiver-ids", member).id();

    assertEquals(id, epr.run("group", "modify", "--id", id, "--disable").id());
    assertEquals(false, epr.run("group", "search", "--id", id, "--fields", "enabled").json().at("/0/enabled")
        .asBoolean(true));
    assertEquals(id, epr.run("group", "modify", "--id", id, "--enable").id());
    assertEquals(true, epr.run("group", "search", "--id", id, "--fields", "enabled").json().at("/0/enabled")
        .asBoolean(false));

    Run unknown = epr.run("group", "modify", "--id", "01HPW652DSJBHR5K4KCZQ97GJP", "--disable");
    assertEquals(1, unknown.code());
    assertTrue(unknown.err().startsWith("epr: 404: "), unknown.err());
  }

  /** Which builds contain a package: by purl, and by name and version. */
  @Test
  void componentsFindsTheBuildsContainingAPackage(@TempDir Path dir) throws IOException {
    Path bom = Files.write(dir.resolve("bom.json"), SbomGenerator.json("1.6", 3, "pkg:oci/app@2"));
    String name = unique("app");
    String id = epr.run("sbom", "post", bom.toString(), "--name", name, "--version", "2", "--release", "r1",
        "--platform-id", "linux-x64", "--package", "oci").id();

    JsonNode byPurl = epr.run("components", "--purl", "pkg:maven/org.example.group1/component-1@1.1.0").json();
    JsonNode use = ours(byPurl, name);
    assertEquals(id, use.get("sbom_id").asText());
    assertEquals(List.of("2", "r1", "linux-x64", "oci"), List.of(use.get("version").asText(),
        use.get("release").asText(), use.get("platform_id").asText(), use.get("package").asText()));
    assertEquals("component-1", use.at("/component/name").asText());

    JsonNode byName = epr.run("components", "--name", "component-1", "--version", "1.1.0").json();
    assertEquals(id, ours(byName, name).get("sbom_id").asText());
    assertEquals(0, epr.run("components", "--name", "component-1", "--version", "9.9.9").json().size());

    Run neither = epr.run("components");
    assertEquals(2, neither.code());
    assertTrue(neither.err().startsWith("components needs --purl or --name"), neither.err());
  }

  private static JsonNode ours(JsonNode uses, String name) {
    List<JsonNode> ours = new ArrayList<>();
    uses.forEach(use -> {
      if (use.get("name").asText().equals(name)) {
        ours.add(use);
      }
    });
    assertEquals(1, ours.size(), uses.toString());
    return ours.get(0);
  }

  /** A registry whose Kafka topic is invalid dead-letters its messages; the CLI lists them and puts them back. */
  @Test
  void deadLettersListAndRetry() throws InterruptedException {
    try (EprTestServer failing = new EprTestServer(TestBroker.sharedBootstrap(),
        Map.of("EPR_TOPIC", "not a valid topic!"))) {
      Cli cli = new Cli("http://127.0.0.1:" + failing.port);
      // the messages of the two built-in receivers made at start-up are dead-lettered once their deliveries fail
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      JsonNode letters = cli.run("dead-letters", "list").json();
      while (letters.size() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(100);
        letters = cli.run("dead-letters", "list").json();
      }
      assertTrue(letters.size() >= 2, "no dead letters: " + letters);
      assertEquals("kafka", letters.at("/0/target").asText(), letters.toString());
      assertTrue(letters.at("/0/reason").asText().startsWith("InvalidTopicException"), letters.toString());
      assertEquals(1, cli.run("dead-letters", "list", "--limit", "1").json().size());

      String first = letters.at("/0/id").asText();
      assertEquals("1", cli.run("dead-letters", "retry", "--id", first).id());
      Run unknown = cli.run("dead-letters", "retry", "--id", "999999999");
      assertEquals(1, unknown.code());
      assertTrue(unknown.err().startsWith("epr: 404: "), unknown.err());
      // the one put back may have failed again by now
      assertTrue(Integer.parseInt(cli.run("dead-letters", "retry").id()) >= letters.size() - 1);
    }
  }
}
