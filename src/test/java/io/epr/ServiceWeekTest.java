package io.epr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.epr.cdevents.CdeventIds;
import io.epr.model.Nvrpp;
import io.epr.support.Bodies;
import io.epr.support.CdvizLake;
import io.epr.support.CdvizLake.PipelineRun;
import io.epr.support.CdvizLake.SubjectRow;
import io.epr.support.EprTestServer;
import io.epr.support.Http;
import io.epr.support.StandInCollector;
import io.epr.support.TestBroker;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A realistic week of one service, posted as its CI and CD would, through the real server: a build that fails and is
 * retried (GitHub-style run ids), a second build retried without run ids (GitLab-style), SBOMs, JUnit reports with a
 * failing case, publishing, deployments to two environments, an incident and its resolution, an upgrade and a
 * rollback. What the stand-in CDViz collector stores (each CDEvent validated against the official v0.5.1 schemas) is
 * read the way CDViz's views and DORA dashboard read it.
 */
class ServiceWeekTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String SERVICE = "io.epr:shop-" + System.nanoTime();
  private static final Nvrpp BUILD_101 = new Nvrpp(SERVICE, "1.4.0", "101", "linux-x86_64-java17", "maven");
  private static final Nvrpp BUILD_102 = new Nvrpp(SERVICE, "1.4.1", "102", "linux-x86_64-java17", "maven");
  /** A week ago, to the minute: every time posted lies in the past week. */
  private static final Instant MONDAY = Instant.now().minus(Duration.ofDays(7)).truncatedTo(ChronoUnit.MINUTES);
  private static final List<String> RECEIVERS = List.of("pipelinerun-queued", "pipelinerun-started",
      "pipelinerun-finished", "artifact-published", "service-deployed", "service-upgraded", "service-rolledback",
      "incident-detected", "incident-resolved");

  private static StandInCollector collector;
  private static EprTestServer server;
  private static Http http;
  private static final Map<String, String> receiverIds = new java.util.HashMap<>();
  private static String sbomPurl;

  @BeforeAll
  static void aWeekHappens() throws Exception {
    collector = new StandInCollector().start();
    server = new EprTestServer(TestBroker.sharedBootstrap(), Map.of("EPR_CDVIZ_URL", collector.url(),
        "EPR_PUBLIC_URL", "https://epr.example.com"));
    http = server.http;
    for (String name : RECEIVERS) {
      // the receiver schemas the project ships, as the README creates receivers with them
      JsonNode schema = Http.parse(Files.readString(Path.of("schemas", name + ".json")));
      receiverIds.put(name, http.post("/api/v1/receivers",
          Bodies.receiver("shop-" + name, "shop." + name.replace('-', '.'), schema)).id());
    }
    JsonNode sbom = Http.parse(Files.readString(Path.of("samples/sboms/epr-vertx.cdx.json")));
    sbomPurl = sbom.at("/metadata/component/purl").asText();

    // Monday: build 101 fails its tests, and its retry passes (GitHub Actions: run 9001, attempts 1 and 2)
    String attempt1 = "\"run_id\":\"9001\",\"run_attempt\":1,\"pipeline_name\":\"shop build\"";
    event(BUILD_101, "pipelinerun-queued", true, at(0), attempt1);
    event(BUILD_101, "pipelinerun-started", true, at(2), attempt1);
    sbom(BUILD_101, sbom);
    testReport(BUILD_101, at(5), false);
    event(BUILD_101, "pipelinerun-finished", false, at(10), attempt1);
    String attempt2 = "\"run_id\":\"9001\",\"run_attempt\":2,\"pipeline_name\":\"shop build\"";
    event(BUILD_101, "pipelinerun-queued", true, at(60), attempt2);
    event(BUILD_101, "pipelinerun-started", true, at(63), attempt2);
    sbom(BUILD_101, sbom); // the retry's own SBOM: another document of the same component
    testReport(BUILD_101, at(66), true);
    event(BUILD_101, "pipelinerun-finished", true, at(75), attempt2);
    event(BUILD_101, "artifact-published", true, at(90), "\"user\":\"release-bot\"");
    // Tuesday staging, Wednesday production; Thursday an incident in production, resolved three hours later
    event(BUILD_101, "service-deployed", true, at(day(1)), "\"environment_id\":\"staging\"");
    event(BUILD_101, "service-deployed", true, at(day(2)), "\"environment_id\":\"prod\"");
    event(BUILD_101, "incident-detected", true, at(day(3)), "\"environment_id\":\"prod\",\"description\":\"5xx\"");
    event(BUILD_101, "incident-resolved", true, at(day(3) + 180), "\"environment_id\":\"prod\"");
    // Friday: build 102 fails and is retried with no run id (GitLab keeps its pipeline id on a retry)
    event(BUILD_102, "pipelinerun-queued", true, at(day(4)), "");
    event(BUILD_102, "pipelinerun-started", true, at(day(4) + 1), "");
    event(BUILD_102, "pipelinerun-finished", false, at(day(4) + 9), "");
    event(BUILD_102, "pipelinerun-started", true, at(day(4) + 20), "");
    event(BUILD_102, "pipelinerun-finished", true, at(day(4) + 30), "");
    event(BUILD_102, "artifact-published", true, at(day(4) + 40), "");
    // Saturday: production upgraded to 102, and rolled back to 101 an hour later
    event(BUILD_102, "service-upgraded", true, at(day(5)), "\"environment_id\":\"prod\"");
    event(BUILD_102, "service-rolledback", true, at(day(5) + 60),
        "\"environment_id\":\"prod\",\"artifact_id\":\"" + sbomPurl + "\"");
    // runs 6 + 5, artifacts 2 + 2, suites 2, cases 3 + 3, deployments 4, incident 2
    awaitStored(11 + 4 + 2 + 6 + 4 + 2);
  }

  @AfterAll
  static void stop() {
    server.close();
    collector.close();
  }

  @Test
  void everyCdeventWasAcceptedOnceAndNothingIsLeftInTheOutbox() throws Exception {
    assertTrue(collector.requests().stream().allMatch(r -> r.status() == 201),
        () -> "refused: " + collector.requests().stream().filter(r -> r.status() != 201)
            .map(r -> r.status() + " " + r.bodyText()).toList());
    assertEquals(0, http.get("/api/v1/dead-letters").json().get("data").size());
    List<String> ids = ofTheWeek().stream().map(e -> e.at("/context/id").asText()).toList();
    assertEquals(ids.size(), new HashSet<>(ids).size());
  }

  @Test
  void aRetriedRunIsTwoRunsWithTheirOwnTimesAndOutcomes() {
    Map<String, PipelineRun> runs = collector.pipelineRuns();
    PipelineRun failed = runs.get("9001-1");
    PipelineRun passed = runs.get("9001-2");
    assertNotNull(failed, () -> "runs: " + runs.keySet());
    assertEquals("failure", failed.outcome());
    assertEquals("success", passed.outcome());
    assertEquals(List.of(at(0), at(2), at(10)), List.of(failed.queuedAt(), failed.startedAt(), failed.finishedAt()));
    assertEquals(Duration.ofMinutes(2), failed.queueTime());
    assertEquals(Duration.ofMinutes(8), failed.duration());
    assertEquals(Duration.ofMinutes(3), passed.queueTime());
    assertEquals(Duration.ofMinutes(12), passed.duration());
    assertEquals("shop build", passed.pipelineName());

    List<PipelineRun> build102 = runs.values().stream()
        .filter(r -> r.startedAt() != null && !r.startedAt().isBefore(at(day(4)))).toList();
    assertEquals(2, build102.size(), "a started after a finished run opens a new run");
    assertEquals(List.of("failure", "success"), build102.stream().map(PipelineRun::outcome).toList());
    assertEquals(Duration.ofMinutes(1), build102.get(0).queueTime());
    assertEquals(Duration.ofMinutes(10), build102.get(1).duration());
  }

  /** EPR's own answer (the console's build page) tells the runs as CDViz's database does: times, outcomes, attempts. */
  @Test
  void provenanceTellsTheRunsAsCdvizDoes() {
    Map<String, PipelineRun> cdviz = collector.pipelineRuns();
    for (Nvrpp build : List.of(BUILD_101, BUILD_102)) {
      JsonNode runs = http.graphql("""
          query($n: String!, $v: String!, $r: String!) { provenance(name: $n, version: $v, release: $r,
            platform_id: "linux-x86_64-java17", package: "maven") { pipeline_runs { run_id attempt outcome queued_at
            started_at finished_at queue_seconds duration_seconds } } }""", Http.JSON.createObjectNode()
          .put("n", build.name()).put("v", build.version()).put("r", build.release()))
          .at("/data/provenance/pipeline_runs");
      assertEquals(2, runs.size(), build + ": a failed run and its retry: " + runs);
      for (int i = 0; i < runs.size(); i++) {
        JsonNode run = runs.get(i);
        PipelineRun seen = cdviz.get(run.get("run_id").asText());
        assertNotNull(seen, () -> run + " is not among CDViz's runs " + cdviz.keySet());
        assertEquals(i + 1, run.get("attempt").asInt());
        assertEquals(seen.outcome(), run.get("outcome").asText());
        assertEquals(seen.startedAt(), OffsetDateTime.parse(run.get("started_at").asText()).toInstant());
        assertEquals(seen.finishedAt(), OffsetDateTime.parse(run.get("finished_at").asText()).toInstant());
        assertEquals(seen.duration().toSeconds(), run.get("duration_seconds").asDouble(), 0.001);
        if (seen.queuedAt() != null) {
          assertEquals(seen.queueTime().toSeconds(), run.get("queue_seconds").asDouble(), 0.001);
        }
      }
      assertEquals("failure", runs.at("/0/outcome").asText());
      assertEquals("success", runs.at("/1/outcome").asText());
    }
  }

  @Test
  void eachBuildIsOneArtifactLinkedOnceFromItsRuns() {
    String derived102 = "pkg:maven/io.epr/" + SERVICE.substring("io.epr:".length())
        + "@1.4.1-102?platform_id=linux-x86_64-java17";
    Map<String, SubjectRow> artifacts = collector.lake().view("artifact");
    assertEquals(Set.of(sbomPurl, derived102), artifacts.keySet());
    assertEquals(Set.of("packaged", "published"), artifacts.get(sbomPurl).at().keySet());
    assertEquals(at(90), artifacts.get(sbomPurl).at().get("published"));
    for (JsonNode cdevent : ofTheWeek()) {
      List<String> links = new ArrayList<>();
      cdevent.at("/customData/links").forEach(link -> links.add(link.toString()));
      assertEquals(new HashSet<>(links).size(), links.size(), () -> "duplicate links in " + cdevent);
    }
    JsonNode finished = ofTheWeek().stream().filter(e -> e.at("/subject/id").asText().equals("9001-2")
        && e.at("/context/type").asText().contains("finished")).findFirst().orElseThrow();
    assertEquals(1, finished.at("/customData/links").size(), "two SBOMs of one component: one link");
    assertEquals(sbomPurl, finished.at("/customData/links/0/subject/id").asText());
  }

  @Test
  void doraMetricsJoinBuildsToDeploymentsAndIncidents() {
    CdvizLake lake = collector.lake();
    assertEquals(List.of(Duration.ofMinutes(day(1) - 90), Duration.ofMinutes(day(2) - 90),
        Duration.ofMinutes(day(5) - day(4) - 40)), lake.leadTimes());
    assertEquals(100.0 / 3, lake.changeFailureRate(), 1e-9);
    SubjectRow incident = lake.view("incident").values().iterator().next();
    assertEquals(1, lake.view("incident").size());
    assertEquals(Duration.ofHours(3), Duration.between(incident.at().get("detected"), incident.at().get("resolved")));
    SubjectRow service = lake.view("service").get(SERVICE);
    assertEquals(Set.of("deployed", "upgraded", "rolledback"), service.at().keySet());
    assertEquals(sbomPurl, service.lastPayload().at("/subject/content/artifactId").asText(), "rolled back to 101");
  }

  @Test
  void testReportsAreSuiteAndCaseRunsOfTheirRunAndInProvenance() {
    Map<String, SubjectRow> cases = collector.lake().view("testcaserun");
    List<SubjectRow> refunds = cases.values().stream()
        .filter(c -> c.lastPayload().at("/subject/content/testCase/id").asText().equals("io.epr.ShopTest.refunds"))
        .toList();
    assertEquals(2, refunds.size());
    assertEquals(List.of("failure", "success"), refunds.stream()
        .map(c -> c.lastPayload().at("/subject/content/outcome").asText()).toList());
    assertEquals(Set.of("9001-1", sbomPurl), linkedIds(refunds.get(0).lastPayload()));
    assertEquals(Set.of("9001-2", sbomPurl), linkedIds(refunds.get(1).lastPayload()));
    assertEquals(List.of("failure", "success"), collector.lake().view("testsuiterun").values().stream()
        .map(s -> s.lastPayload().at("/subject/content/outcome").asText()).toList());
    assertTrue(cases.values().stream().anyMatch(c -> c.at().containsKey("skipped")));

    JsonNode provenance = http.graphql("""
        query($n: String!) { provenance(name: $n, version: "1.4.0", release: "101",
          platform_id: "linux-x86_64-java17", package: "maven") { test_reports { tests failures } } }""",
        Http.JSON.createObjectNode().put("n", SERVICE));
    assertEquals(Set.of("3/1", "3/0"), set(provenance.at("/data/provenance/test_reports"),
        r -> r.get("tests").asInt() + "/" + r.get("failures").asInt()));
    JsonNode failedBuilds = http.graphql("""
        { test_cases(name: "refunds", outcome: "failure") { name release test_case { classname } } }""", null);
    assertEquals(Set.of(SERVICE + " 101 io.epr.ShopTest"), set(failedBuilds.at("/data/test_cases"),
        c -> c.get("name").asText() + " " + c.get("release").asText() + " " + c.at("/test_case/classname").asText()));
  }

  private static Set<String> set(JsonNode array, java.util.function.Function<JsonNode, String> key) {
    Set<String> out = new HashSet<>();
    array.forEach(item -> out.add(key.apply(item)));
    return out;
  }

  private static Set<String> linkedIds(JsonNode cdevent) {
    return set(cdevent.at("/customData/links"), link -> link.at("/subject/id").asText());
  }

  /** The CDEvents of this week's two builds at the collector. */
  private static List<JsonNode> ofTheWeek() {
    Set<String> chains = Set.of(CdeventIds.chainId(BUILD_101), CdeventIds.chainId(BUILD_102));
    return collector.stored().stream().filter(e -> chains.contains(e.at("/context/chainId").asText())).toList();
  }

  private static void awaitStored(int count) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (ofTheWeek().size() < count && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertEquals(count, ofTheWeek().size(), () -> "stored: " + ofTheWeek().stream()
        .map(e -> e.at("/context/type").asText()).collect(Collectors.toList()));
  }

  private static void event(Nvrpp nvrpp, String receiver, boolean success, Instant time, String fields) {
    String payload = "{\"timestamp\":\"" + time + "\"" + (fields.isEmpty() ? "" : "," + fields) + "}";
    ObjectNode event = Bodies.event(receiverIds.get(receiver), nvrpp.name(), nvrpp.release())
        .put("version", nvrpp.version()).put("platform_id", nvrpp.platformId()).put("package", nvrpp.pkg())
        .put("description", receiver).put("success", success);
    http.post("/api/v1/events", event.set("payload", Http.parse(payload))).id();
  }

  private static void sbom(Nvrpp nvrpp, JsonNode sbom) {
    ObjectNode document = sbom.deepCopy();
    document.put("serialNumber", "urn:uuid:" + UUID.randomUUID());
    Http.Response stored = http.send("POST", "/api/v1/sboms?" + query(nvrpp), Map.of("Content-Type",
        "application/json"), document.toString().getBytes(StandardCharsets.UTF_8), false);
    assertEquals(200, stored.status(), stored.body());
  }

  /** Surefire's report of ShopTest: refunds fails on the first attempt; ships is always skipped. */
  private static void testReport(Nvrpp nvrpp, Instant started, boolean passes) {
    String refunds = passes ? "<testcase name=\"refunds\" classname=\"io.epr.ShopTest\" time=\"1.0\"/>"
        : "<testcase name=\"refunds\" classname=\"io.epr.ShopTest\" time=\"1.0\">"
            + "<failure message=\"expected 2 but was 3\" type=\"org.opentest4j.AssertionFailedError\">at ShopTest"
            + "</failure></testcase>";
    String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"io.epr.ShopTest\" tests=\"3\" "
        + "failures=\"" + (passes ? 0 : 1) + "\" errors=\"0\" skipped=\"1\" time=\"2.5\" timestamp=\""
        + started.toString().replace("Z", "") + "\">"
        + "<testcase name=\"pays\" classname=\"io.epr.ShopTest\" time=\"0.5\"/>" + refunds
        + "<testcase name=\"ships\" classname=\"io.epr.ShopTest\" time=\"0\"><skipped/></testcase></testsuite>";
    Http.Response stored = http.send("POST", "/api/v1/test-reports?" + query(nvrpp) + "&environment_id=ci",
        Map.of("Content-Type", "application/xml"), xml.getBytes(StandardCharsets.UTF_8), false);
    assertEquals(200, stored.status(), stored.body());
  }

  private static String query(Nvrpp nvrpp) {
    return "name=" + URLEncoder.encode(nvrpp.name(), StandardCharsets.UTF_8) + "&version=" + nvrpp.version()
        + "&release=" + nvrpp.release() + "&platform_id=" + nvrpp.platformId() + "&package=" + nvrpp.pkg();
  }

  private static Instant at(long minutes) {
    return MONDAY.plus(Duration.ofMinutes(minutes));
  }

  private static long day(int n) {
    return n * 24L * 60;
  }
}
