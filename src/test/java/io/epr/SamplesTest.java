package io.epr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.epr.support.Bodies;
import io.epr.support.CdeventSchemas;
import io.epr.support.CdvizLake;
import io.epr.support.EprTestServer;
import io.epr.support.Http;
import io.epr.support.StandInCollector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What users copy must work: the receiver schemas in {@code schemas/}, the request bodies in {@code samples/events/},
 * and {@code samples/post-build.sh} run for real with bash and curl, all against the real server forwarding to a
 * stand-in CDViz collector that validates every CDEvent against the official v0.5.1 schemas.
 */
class SamplesTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Path SCHEMAS = Path.of("schemas");
  private static final Path EVENTS = Path.of("samples/events");
  private static final Set<String> RULE_SCHEMAS = Set.of("pipelinerun-queued", "pipelinerun-started",
      "pipelinerun-finished", "artifact-packaged", "artifact-published", "service-deployed", "service-upgraded",
      "service-rolledback", "service-removed", "incident-detected", "incident-reported", "incident-resolved",
      "taskrun-started", "taskrun-finished");
  private static final String QUEUED_AT = "2026-03-02T09:00:00Z";
  private static final String STARTED_AT = "2026-03-02T09:01:30Z";
  private static final String FINISHED_AT = "2026-03-02T09:07:45Z";

  private static StandInCollector collector;
  private static EprTestServer server;
  private static Http http;

  @BeforeAll
  static void start() {
    collector = new StandInCollector().start();
    server = EprTestServer.forwardingCdeventsTo(collector);
    http = server.http;
  }

  @AfterAll
  static void stop() {
    server.close();
    collector.close();
  }

  @Test
  void thereIsOneDocumentedOpenSchemaPerDefaultRuleAndEachIsAReceiverSchemaThatChecksTimes() {
    assertEquals(RULE_SCHEMAS, names(SCHEMAS, "", ".json"));
    String readme = read(SCHEMAS.resolve("README.md"));
    for (String name : RULE_SCHEMAS) {
      JsonNode schema = json(SCHEMAS.resolve(name + ".json"));
      assertTrue(readme.contains("`" + name + ".json`"), "schemas/README.md lists " + name);
      assertFalse(schema.path("additionalProperties").isBoolean() && !schema.get("additionalProperties").asBoolean(),
          name + ": CI systems add fields of their own");
      assertEquals("date-time", schema.at("/properties/timestamp/format").asText(), name + ": timestamp");
      schema.get("properties").fields().forEachRemaining(f ->
          assertFalse(f.getValue().path("description").asText().isBlank(), name + "." + f.getKey() + " has a description"));

      String receiver = http.post("/api/v1/receivers", Bodies.receiver(name, "schemas." + name, schema)).id();
      ObjectNode event = Bodies.event(receiver, "svc", "schemas-" + name);
      event.putObject("payload").put("timestamp", "2026-03-02T09:00:00").put("environment_id", "prod")
          .put("ticket_uri", "https://t.example.com/1");
      Http.Response noOffset = http.post("/api/v1/events", event);
      assertEquals(400, noOffset.status(), name + " refuses a time without an offset: " + noOffset.body());
      assertTrue(noOffset.body().contains("timestamp"), noOffset.body());
    }
  }

  @Test
  void theSampleReceiversEmbedExactlyTheSchemasFiles() {
    Set<String> samples = names(EVENTS, "receiver-", ".json");
    assertTrue(samples.containsAll(Set.of("pipelinerun-queued", "pipelinerun-started", "pipelinerun-finished",
        "service-deployed", "incident-detected", "incident-resolved", "taskrun-started", "taskrun-finished")), samples.toString());
    for (String name : samples) {
      assertEquals(json(SCHEMAS.resolve(name + ".json")), json(EVENTS.resolve("receiver-" + name + ".json")).get("schema"),
          "samples/events/receiver-" + name + ".json embeds schemas/" + name + ".json");
    }
  }

  @Test
  void everySampleEventMatchesItsSchemaAndIsStored() {
    for (Map.Entry<String, JsonNode> sample : sampleEvents("stored-" + System.nanoTime()).entrySet()) {
      String name = sample.getKey();
      JsonNode event = sample.getValue();
      JsonNode payload = event.get("payload");
      OffsetDateTime.parse(payload.get("timestamp").asText());
      if (name.startsWith("pipelinerun-")) {
        assertTrue(payload.hasNonNull("run_id") && payload.hasNonNull("run_attempt"), name + " names its run");
      }
      String id = http.post("/api/v1/events", event).id();
      assertEquals(payload, http.get("/api/v1/events/" + id).json().at("/data/0/payload"), name);
    }
  }

  /** The lead's translator contract: each sample's CDEvent is valid and carries the time its payload gives. */
  @Test
  void everySampleEventBecomesAValidCdeventAtItsOwnTime() {
    String release = "cdevents-" + System.nanoTime();
    Map<String, JsonNode> events = sampleEvents(release);
    for (JsonNode event : events.values()) {
      http.post("/api/v1/events", event).id();
    }
    List<JsonNode> cdevents = awaitCdevents(release, events.size());
    for (Map.Entry<String, JsonNode> sample : events.entrySet()) {
      String type = "dev.cdevents." + sample.getKey().replace('-', '.');
      JsonNode cdevent = cdevents.stream().filter(e -> e.at("/context/type").asText().startsWith(type + "."))
          .findFirst().orElseThrow(() -> new AssertionError("no " + type + " CDEvent: " + cdevents));
      assertEquals(instant(sample.getValue().at("/payload/timestamp")), instant(cdevent.at("/context/timestamp")), type);
    }
    assertEquals(1, cdevents.stream().filter(e -> e.at("/context/type").asText().contains(".pipelinerun."))
        .map(e -> e.at("/subject/id").asText()).distinct().count(), "queued, started and finished are one run");
  }

  @Test
  void postBuildShStoresEachPhaseWithItsTimeAndRun() {
    String release = "script-" + System.nanoTime();
    // EPR_JQ empty: the sed path, as in images without jq (the other runs here use jq)
    Script run = postBuild(release, Map.of("RUN_ID", "4242", "RUN_ATTEMPT", "2", "QUEUED_AT", QUEUED_AT,
        "STARTED_AT", STARTED_AT, "FINISHED_AT", FINISHED_AT, "EPR_JQ", ""), "--sbom", "samples/sboms/epr-vertx.cdx.json", "0");
    assertEquals(0, run.exit(), run.stderr());
    Map<String, String> times = Map.of("queued", QUEUED_AT, "started", STARTED_AT, "finished", FINISHED_AT);
    for (Map.Entry<String, String> phase : times.entrySet()) {
      JsonNode stored = http.get("/api/v1/events/" + run.ids().get("epr_" + phase.getKey() + "_event_id")).json()
          .at("/data/0");
      assertEquals(release, stored.get("release").asText());
      assertEquals(phase.getValue(), stored.at("/payload/timestamp").asText(), phase.getKey());
      assertEquals("4242", stored.at("/payload/run_id").asText());
      assertEquals(2, stored.at("/payload/run_attempt").asInt());
      assertEquals("https://ci.example.com/epr-vertx/runs/4242", stored.at("/payload/url").asText());
      JsonNode receiver = http.get("/api/v1/receivers/" + stored.get("event_receiver_id").asText()).json().at("/data/0");
      assertEquals("ci.pipelinerun." + phase.getKey(), receiver.get("type").asText());
      assertEquals(json(SCHEMAS.resolve("pipelinerun-" + phase.getKey() + ".json")), receiver.get("schema"),
          "a receiver the script creates has the schema from schemas/");
    }
    assertEquals("success", http.get("/api/v1/events/" + run.ids().get("epr_finished_event_id")).json()
        .at("/data/0/payload/outcome").asText());
    assertTrue(run.ids().containsKey("epr_sbom_id"), run.stdout());
  }

  /** The lead's translator contract: the script's phases are one CDViz run at the times it was given. */
  @Test
  void postBuildShRunIsOneCdvizRunAtThoseTimesAndARetryIsAnother() {
    String release = "cdviz-" + System.nanoTime();
    Map<String, String> times = Map.of("QUEUED_AT", QUEUED_AT, "STARTED_AT", STARTED_AT, "FINISHED_AT", FINISHED_AT);
    Script failed = postBuild(release, times, "failure");
    assertEquals(0, failed.exit(), failed.stderr());
    Script retried = postBuild(release, Map.of("QUEUED_AT", "2026-03-02T10:00:00Z", "STARTED_AT",
        "2026-03-02T10:00:20Z", "FINISHED_AT", "2026-03-02T10:05:00Z"), "success");
    assertEquals(0, retried.exit(), retried.stderr());

    List<JsonNode> runs = awaitCdevents(release, 6).stream()
        .filter(e -> e.at("/context/type").asText().contains(".pipelinerun.")).toList();
    Map<String, List<JsonNode>> bySubject = runs.stream()
        .collect(Collectors.groupingBy(e -> e.at("/subject/id").asText(), TreeMap::new, Collectors.toList()));
    assertEquals(2, bySubject.size(), "no run id: a queued after a finished run starts a new run " + bySubject.keySet());
    CdvizLake.PipelineRun first = bySubject.keySet().stream().map(id -> collector.pipelineRuns().get(id))
        .filter(r -> "failure".equals(r.outcome())).findFirst().orElseThrow();
    assertEquals(Instant.parse(QUEUED_AT), first.queuedAt());
    assertEquals(Instant.parse(STARTED_AT), first.startedAt());
    assertEquals(Instant.parse(FINISHED_AT), first.finishedAt());
    assertEquals(Duration.ofSeconds(90), first.queueTime());
    CdvizLake.PipelineRun second = bySubject.keySet().stream().map(id -> collector.pipelineRuns().get(id))
        .filter(r -> !r.subjectId().equals(first.subjectId())).findFirst().orElseThrow();
    assertEquals("success", second.outcome());
    assertEquals(Duration.ofSeconds(280), second.duration());
    assertNotEquals(first.subjectId(), second.subjectId());
  }

  /** Needs POST /api/v1/test-reports (the JUnit reports feature). */
  @Test
  void postBuildShPostsTheJUnitReports() {
    String release = "tests-" + System.nanoTime();
    Script run = postBuild(release, Map.of(), "--tests", "samples/test-reports", "--test-environment-id", "ci-linux",
        "--phase", "finish", "0");
    assertEquals(0, run.exit(), run.stderr());
    String id = run.ids().get("epr_test_report_ids");
    assertEquals(read(Path.of("samples/test-reports/TEST-io.epr.SbomProvenanceTest.xml")),
        http.get("/api/v1/test-reports/" + id).body(), "the report as posted");
  }

  @Test
  void postBuildShRefusesATimeWithoutAnOffsetAndPostsNothing() {
    String release = "bad-time-" + System.nanoTime();
    Script run = postBuild(release, Map.of("STARTED_AT", "2026-03-02 09:01:30"), "--phase", "queue,start");
    assertEquals(2, run.exit(), run.stderr());
    assertTrue(run.stderr().contains("STARTED_AT must be an RFC 3339 time with an offset"), run.stderr());
    JsonNode found = http.graphql("query ($e: FindEventInput!) { events(event: $e) { id } }",
        Http.JSON.createObjectNode().set("e", Http.JSON.createObjectNode().put("release", release)));
    assertEquals(0, found.at("/data/events").size(), found.toString());
  }

  /** The sample events, each addressed to a new receiver made from its sample receiver, under this release. */
  private static Map<String, JsonNode> sampleEvents(String release) {
    Map<String, JsonNode> events = new TreeMap<>();
    for (String name : names(EVENTS, "event-", ".json")) {
      JsonNode receiver = json(EVENTS.resolve("receiver-" + name + ".json"));
      String receiverId = http.post("/api/v1/receivers", receiver).id();
      ObjectNode event = (ObjectNode) json(EVENTS.resolve("event-" + name + ".json"));
      event.put("release", release).put("event_receiver_id", receiverId);
      events.put(name, event);
    }
    return events;
  }

  private record Script(int exit, String stdout, String stderr) {
    /** The key=value lines of stdout. */
    Map<String, String> ids() {
      return stdout.lines().filter(l -> l.contains("="))
          .collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1)));
    }
  }

  /** Runs samples/post-build.sh with bash against the test server, for one NVRPP of this release. */
  private static Script postBuild(String release, Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>(List.of("bash", "samples/post-build.sh"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> environment = builder.environment();
    environment.putAll(Map.of("EPR_URL", "http://127.0.0.1:" + server.port, "NAME", "epr-vertx",
        "VERSION", "0.1.0-SNAPSHOT", "RELEASE", release, "PLATFORM_ID", "linux-x86_64-java17", "PACKAGE", "maven",
        "PIPELINE_NAME", "epr-vertx build", "RUN_URL", "https://ci.example.com/epr-vertx/runs/4242"));
    environment.putAll(env);
    try {
      Path err = Files.createTempFile("post-build", ".err");
      Process process = builder.redirectError(err.toFile()).start();
      process.getOutputStream().close();
      String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int exit = process.waitFor();
      String stderr = Files.readString(err);
      Files.delete(err);
      return new Script(exit, stdout, stderr);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * The CDEvents the collector stored for the samples' NVRPP with this release (EPR's provenance lists their ids),
   * once there are count of them, each checked against the official schema.
   */
  private static List<JsonNode> awaitCdevents(String release, int count) {
    ObjectNode nvrpp = Http.JSON.createObjectNode().put("name", "epr-vertx").put("version", "0.1.0-SNAPSHOT")
        .put("release", release).put("platform_id", "linux-x86_64-java17").put("package", "maven");
    long deadline = System.nanoTime() + WAIT.toNanos();
    List<JsonNode> found = List.of();
    while (System.nanoTime() < deadline) {
      Set<String> ids = new HashSet<>();
      http.graphql("query ($name: String!, $version: String!, $release: String!, $platform_id: String!, "
          + "$package: String!) { provenance(name: $name, version: $version, release: $release, "
          + "platform_id: $platform_id, package: $package) { cdevents { id } } }", nvrpp)
          .at("/data/provenance/cdevents").forEach(r -> ids.add(r.get("id").asText().replaceAll("[^A-Za-z0-9]", "_")));
      found = collector.stored().stream().filter(e -> ids.contains(e.at("/context/id").asText())).toList();
      if (found.size() >= count) {
        found.forEach(e -> assertEquals(List.of(), CdeventSchemas.release("0.5.1").validate(e), e.toString()));
        return found;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("the collector stored " + found.size() + " of " + count + " CDEvents: " + found);
  }

  private static Instant instant(JsonNode rfc3339) {
    return OffsetDateTime.parse(rfc3339.asText()).toInstant();
  }

  /** The names of the files in dir that start with prefix and end with suffix, without them. */
  private static Set<String> names(Path dir, String prefix, String suffix) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix) && n.endsWith(suffix))
          .map(n -> n.substring(prefix.length(), n.length() - suffix.length())).collect(Collectors.toSet());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode json(Path file) {
    return Http.parse(read(file));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
