package io.epr.cdevents;

import static io.epr.cdevents.Fixtures.APP;
import static io.epr.cdevents.Fixtures.CREATED_AT;
import static io.epr.cdevents.Fixtures.DEFAULTS;
import static io.epr.cdevents.Fixtures.event;
import static io.epr.cdevents.Fixtures.json;
import static io.epr.cdevents.Fixtures.receiver;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.epr.cdevents.Fixtures.Timeline;
import io.epr.model.TestReport;
import io.epr.model.TestReport.Case;
import io.epr.model.TestReport.Outcome;
import io.epr.model.TestReport.Suite;
import io.epr.support.CdeventSchemas;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CDEvents say what happened when it happened: runs and their attempts, payload times, one artifact per NVRPP. */
class PipelineActivityTest {
  private static final String SBOM = "build.artifact.cyclonedx.sbom";

  @Test
  void aRetriedRunWithoutRunIdIsANewRunAfterTheFailedOneFinished() {
    Timeline timeline = new Timeline();
    JsonNode queued1 = timeline.next("ci.pipelinerun.queued", APP, "{}", true);
    JsonNode started1 = timeline.next("ci.pipelinerun.started", APP, "{}", true);
    JsonNode failed = timeline.next("ci.pipelinerun.finished", APP, "{}", false);
    JsonNode repeatedFinish = timeline.next("ci.pipelinerun.finished", APP, "{}", false);
    JsonNode started2 = timeline.next("ci.pipelinerun.started", APP, "{}", true);
    JsonNode succeeded = timeline.next("ci.pipelinerun.finished", APP, "{}", true);

    String first = queued1.at("/subject/id").asText();
    String second = started2.at("/subject/id").asText();
    assertEquals(List.of(first, first, first), subjects(started1, failed, repeatedFinish));
    assertNotEquals(first, second);
    assertEquals(second, succeeded.at("/subject/id").asText());
    assertEquals("failure", failed.at("/subject/content/outcome").asText());
    assertEquals("success", succeeded.at("/subject/content/outcome").asText());
  }

  @Test
  void queuedAfterStartedIsTheSameRunUntilItFinishes() {
    Timeline timeline = new Timeline();
    JsonNode started = timeline.next("ci.pipelinerun.started", APP, "{}", true);
    JsonNode queuedLate = timeline.next("ci.pipelinerun.queued", APP, "{}", true);

    assertEquals(started.at("/subject/id"), queuedLate.at("/subject/id"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"run_id\":\"7312\",\"run_attempt\":1} | {\"run_id\":\"7312\",\"run_attempt\":2} | 7312-1 | 7312-2",
      "{\"run_id\":\"7312\",\"run_attempt\":\"1\"} | {\"run_id\":\"7313\"}             | 7312-1 | 7313",
      "{\"run_id\":\"a\"}                       | {\"run_id\":\"b\",\"run_attempt\":\"\"} | a   | b"})
  void runIdAndAttemptNameTheRun(String firstPayload, String secondPayload, String firstRun, String secondRun) {
    Timeline timeline = new Timeline();
    List<JsonNode> first = List.of(timeline.next("ci.pipelinerun.queued", APP, firstPayload, true),
        timeline.next("ci.pipelinerun.started", APP, firstPayload, true),
        timeline.next("ci.pipelinerun.finished", APP, firstPayload, false));
    List<JsonNode> second = List.of(timeline.next("ci.pipelinerun.started", APP, secondPayload, true),
        timeline.next("ci.pipelinerun.finished", APP, "{}", true));

    assertEquals(List.of(firstRun, firstRun, firstRun), subjects(first.toArray(JsonNode[]::new)));
    assertEquals(List.of(secondRun, secondRun), subjects(second.toArray(JsonNode[]::new)),
        "a finish without run_id belongs to the latest run");
  }

  @Test
  void aRunWithARunIdIsNotSplitByItsOwnFinish() {
    Timeline timeline = new Timeline();
    String payload = "{\"run_id\":\"gl-88\"}";
    timeline.next("ci.pipelinerun.finished", APP, payload, false);
    JsonNode again = timeline.next("ci.pipelinerun.started", APP, payload, true);

    assertEquals("gl-88", again.at("/subject/id").asText(), "run_id says which run: no new one is opened");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "2026-01-09T08:00:00+02:00         | 2026-01-09T06:00:00Z",
      "2026-01-09T06:00:00.250Z          | 2026-01-09T06:00:00.25Z",
      "2026-01-09t06:00:00z              | 2026-01-09T06:00:00Z",
      "2026-01-09T06:00:00               | 2026-01-10T10:00:00.123456Z",
      "2026-01-09 06:00:00Z              | 2026-01-10T10:00:00.123456Z",
      "1767938400                        | 2026-01-10T10:00:00.123456Z"})
  void theCdeventHappenedWhenThePayloadSaysElseWhenItWasStored(String timestamp, String expected) {
    for (String type : List.of("ci.pipelinerun.queued", "ci.pipelinerun.finished", "ci.artifact.published",
        "ci.taskrun.started")) {
      JsonNode cdevent = Fixtures.translate(type, APP, "{\"timestamp\":\"" + timestamp + "\"}", true);
      assertEquals(expected, cdevent.at("/context/timestamp").asText(), type);
    }
  }

  @Test
  void aTimeFarInTheFutureIsRefusedWithWhy() {
    Instant now = CREATED_AT.toInstant();
    List<String> problems = DEFAULTS.problems(event(APP, "{}", true), receiver("ci.pipelinerun.started"),
        json("{\"timestamp\":\"2026-01-12T10:00:00Z\"}"), now);

    assertEquals(1, problems.size());
    assertTrue(problems.get(0).startsWith("payload.timestamp 2026-01-12T10:00Z is 47 hours ahead of this server's clock"),
        problems.get(0));
    assertEquals(List.of(), DEFAULTS.problems(event(APP, "{}", true), receiver("ci.pipelinerun.started"),
        json("{\"timestamp\":\"2026-01-10T10:50:00Z\"}"), now), "a clock a little ahead is fine");
    assertEquals(List.of(), DEFAULTS.problems(event(APP, "{}", true), receiver("ci.pipelinerun.started"),
        json("{\"timestamp\":\"2030-01-01 00:00:00\"}"), now), "what is no RFC 3339 time is not taken as one");
    assertEquals(List.of(), DEFAULTS.problems(event(APP, "{}", true), receiver("ci.build.log"),
        json("{\"timestamp\":\"2030-01-01T00:00:00Z\"}"), now), "no rule, no CDEvent time");
  }

  @Test
  void everyArtifactCdeventOfAnNvrppHasOneIdentityTheSbomsWhenItCameFirst() {
    Timeline timeline = new Timeline();
    JsonNode started = timeline.next("ci.pipelinerun.started", APP, "{}", true);
    JsonNode packaged = timeline.next(SBOM, APP,
        "{\"uri\":\"https://epr.example.com/api/v1/sboms/1\",\"component\":{\"purl\":\"pkg:maven/io.epr/app@1.2.3\"}}",
        true);
    JsonNode again = timeline.next(SBOM, APP,
        "{\"uri\":\"https://epr.example.com/api/v1/sboms/2\",\"component\":{\"purl\":\"pkg:maven/io.epr/app@1.2.3\"}}",
        true);
    JsonNode published = timeline.next("ci.artifact.published", APP, "{\"purl\":\"pkg:oci/app@sha256%3Aff\"}", true);
    JsonNode finished = timeline.next("ci.pipelinerun.finished", APP, "{}", true);
    JsonNode deployed = timeline.next("cd.service.deployed", APP, "{\"environment_id\":\"prod\"}", true);

    assertEquals(List.of("pkg:maven/io.epr/app@1.2.3", "pkg:maven/io.epr/app@1.2.3", "pkg:maven/io.epr/app@1.2.3"),
        subjects(packaged, again, published));
    assertEquals("pkg:maven/io.epr/app@1.2.3", deployed.at("/subject/content/artifactId").asText());
    assertEquals(json("""
        {"links":[{"linkkind":"produced","subject":{"type":"artifact","id":"pkg:maven/io.epr/app@1.2.3"}}]}"""),
        finished.get("customData"), "one link, however many SBOMs");
    assertTrue(started.path("customData").isMissingNode());
  }

  @Test
  void publishedBeforeAnySbomSetsTheIdentityFromTheNvrpp() {
    Timeline timeline = new Timeline();
    JsonNode published = timeline.next("ci.artifact.published", APP, "{}", true);
    JsonNode packaged = timeline.next(SBOM, APP, "{\"component\":{\"purl\":\"pkg:maven/io.epr/app@1.2.3\"}}", true);

    assertEquals(Purls.of(APP), published.at("/subject/id").asText());
    assertEquals(Purls.of(APP), packaged.at("/subject/id").asText());
  }

  @Test
  void deploymentsNameTheirEnvironmentAndTheArtifactTheyRun() {
    Timeline timeline = new Timeline();
    JsonNode staging = timeline.next("cd.service.deployed", APP, "{\"environment_id\":\"staging\"}", true);
    JsonNode rollback = timeline.next("cd.service.rolledback", APP,
        "{\"environment_id\":\"prod\",\"artifact_id\":\"pkg:oci/app@sha256%3Aold\",\"service_id\":\"shop\"}", true);

    assertEquals(json("{\"environment\":{\"id\":\"staging\"},\"artifactId\":\"" + Purls.of(APP) + "\"}"),
        staging.at("/subject/content"));
    assertEquals("app", staging.at("/subject/id").asText());
    assertEquals("shop", rollback.at("/subject/id").asText());
    assertEquals("pkg:oci/app@sha256%3Aold", rollback.at("/subject/content/artifactId").asText());
    assertEquals(List.of(), DEFAULTS.translate(event(APP, "{}", true), receiver("cd.service.deployed"),
        NvrppHistory.empty(), null), "a deployment needs its environment");
  }

  /** What a CDEvent needs and nothing in the event gives refuses the event, saying where it was looked for. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "cd.service.deployed    | {\"environment_id\":\" \"} | dev.cdevents.service.deployed.0.3.0 needs content.environment.id, and none of payload.environment_id gives one (a non-blank string, number or boolean)",
      "ops.incident.reported  | {\"environment_id\":\"prod\",\"ticket_uri\":\"tickets/7\"} | dev.cdevents.incident.reported.0.3.0 needs content.ticketURI, and none of payload.ticket_uri gives one (an absolute URI)",
      "ops.incident.resolved  | {}                           | dev.cdevents.incident.resolved.0.3.0 needs content.environment.id, and none of payload.environment_id gives one (a non-blank string, number or boolean)"})
  void anEventMissingWhatItsCdeventNeedsIsRefused(String receiverType, String payload, String problem) {
    assertEquals(List.of(problem), DEFAULTS.problems(event(APP, "{}", true), receiver(receiverType), json(payload),
        CREATED_AT.toInstant()));
    assertEquals(List.of(), DEFAULTS.problems(event(APP, "{}", true), receiver("cd.service.removed"), json("{}"),
        CREATED_AT.toInstant()), "a removal names no environment");
  }

  @Test
  void anIncidentIsOpenUntilResolvedThenANewOneOpens() {
    Timeline timeline = new Timeline();
    String prod = "{\"environment_id\":\"prod\"}";
    JsonNode detected = timeline.next("ops.incident.detected", APP, prod, true);
    JsonNode reported = timeline.next("ops.incident.reported", APP,
        "{\"environment_id\":\"prod\",\"ticket_uri\":\"https://tickets.example.com/7\"}", true);
    JsonNode resolved = timeline.next("ops.incident.resolved", APP, prod, true);
    JsonNode next = timeline.next("ops.incident.detected", APP, prod, true);

    String first = detected.at("/subject/id").asText();
    assertEquals(List.of(first, first), subjects(reported, resolved));
    assertNotEquals(first, next.at("/subject/id").asText());
    assertEquals("https://tickets.example.com/7", reported.at("/subject/content/ticketURI").asText());
    assertEquals("app", detected.at("/subject/content/service/id").asText());
  }

  @Test
  void taskRunsBelongToTheCurrentPipelineRun() {
    Timeline timeline = new Timeline();
    JsonNode run = timeline.next("ci.pipelinerun.started", APP, "{}", true);
    JsonNode started = timeline.next("ci.taskrun.started", APP, "{\"task_name\":\"unit tests\"}", true);
    JsonNode finished = timeline.next("ci.taskrun.finished", APP, "{\"task_name\":\"unit tests\"}", false);

    assertEquals(started.at("/subject/id"), finished.at("/subject/id"));
    assertEquals(run.at("/subject/id"), finished.at("/subject/content/pipelineRun/id"));
    assertEquals("failure", finished.at("/subject/content/outcome").asText());
    assertEquals("unit tests", finished.at("/subject/content/taskName").asText());
  }

  @Test
  void aTestReportIsASuiteRunPerSuiteAndACaseRunPerCase() {
    Timeline timeline = new Timeline();
    JsonNode run = timeline.next("ci.pipelinerun.started", APP, "{}", true);
    timeline.next("ci.artifact.packaged", APP, "{}", true);
    TestReport report = new TestReport(List.of(
        new Suite("io.epr.ShopTest", 1.5, OffsetDateTime.parse("2026-01-10T09:00:00Z"), List.of(
            new Case("pays", "io.epr.ShopTest", Outcome.SUCCESS, 0.5, null),
            new Case("refunds", "io.epr.ShopTest", Outcome.FAILURE, 1.0, "expected 2 but was 3"),
            new Case("ships", "io.epr.ShopTest", Outcome.SKIPPED, null, "not on CI"))),
        new Suite("lint", null, null, List.of(new Case("style", null, Outcome.SKIPPED, null, null)))));

    List<CdEvent> cdevents = DEFAULTS.translate(event(APP, "{\"environment_id\":\"ci-runner\"}", false),
        receiver("build.test.junit.report"), timeline.history, report);

    assertEquals(List.of(TestResults.SUITE_FINISHED, TestResults.CASE_FINISHED, TestResults.CASE_FINISHED,
        TestResults.CASE_SKIPPED, TestResults.SUITE_FINISHED, TestResults.CASE_SKIPPED),
        cdevents.stream().map(CdEvent::type).toList());
    for (CdEvent cdevent : cdevents) {
      assertEquals(List.of(), CdeventSchemas.release("0.5.1").validate(json(cdevent)), cdevent.json());
    }
    assertEquals(cdevents.size(), cdevents.stream().map(CdEvent::id).collect(Collectors.toSet()).size());
    JsonNode suite = json(cdevents.get(0));
    JsonNode refunds = json(cdevents.get(2));
    assertEquals("2026-01-10T09:00:01.5Z", suite.at("/context/timestamp").asText());
    assertEquals(json("""
        {"environment":{"id":"ci-runner"},"testSuite":{"id":"io.epr.ShopTest","name":"io.epr.ShopTest"},
         "outcome":"failure","reason":"1 failed, 0 errors, 1 skipped of 3 cases"}"""), suite.at("/subject/content"));
    assertEquals(json("""
        {"outcome":"failure","reason":"expected 2 but was 3","environment":{"id":"ci-runner"},
         "testSuiteRun":{"id":"%s"},"testCase":{"id":"io.epr.ShopTest.refunds","name":"refunds"}}"""
        .formatted(suite.at("/subject/id").asText())), refunds.at("/subject/content"));
    assertEquals(Set.of(run.at("/subject/id").asText(), Purls.of(APP)), linked(refunds));
    assertEquals("cancel", json(cdevents.get(4)).at("/subject/content/outcome").asText(), "all skipped: not run");
    assertEquals(Fixtures.CREATED_AT.toInstant(),
        OffsetDateTime.parse(json(cdevents.get(4)).at("/context/timestamp").asText()).toInstant());
  }

  private static Set<String> linked(JsonNode cdevent) {
    Set<String> ids = new java.util.HashSet<>();
    cdevent.at("/customData/links").forEach(link -> ids.add(link.at("/subject/id").asText()));
    return ids;
  }

  private static List<String> subjects(JsonNode... cdevents) {
    return java.util.Arrays.stream(cdevents).map(c -> c.at("/subject/id").asText()).toList();
  }
}
