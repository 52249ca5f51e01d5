package io.epr.cdevents;

import static io.epr.cdevents.Fixtures.APP;
import static io.epr.cdevents.Fixtures.DEFAULTS;
import static io.epr.cdevents.Fixtures.event;
import static io.epr.cdevents.Fixtures.json;
import static io.epr.cdevents.Fixtures.only;
import static io.epr.cdevents.Fixtures.receiver;
import static io.epr.cdevents.Fixtures.withArtifact;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.epr.support.CdeventSchemas;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.epr.model.Nvrpp;
import io.epr.support.SharedData;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every CDEvent the default rules generate, over a matrix of inputs, is valid against the official v0.5.1 schema. */
class DefaultRulesSchemaTest {
  private static final Map<String, String> TYPES = Map.ofEntries(
      Map.entry("ci.pipelinerun.queued", "dev.cdevents.pipelinerun.queued.0.3.0"),
      Map.entry("ci.pipelinerun.started", "dev.cdevents.pipelinerun.started.0.3.0"),
      Map.entry("pipelinerun.finished", "dev.cdevents.pipelinerun.finished.0.3.0"),
      Map.entry("ci.taskrun.started", "dev.cdevents.taskrun.started.0.3.0"),
      Map.entry("ci.taskrun.finished", "dev.cdevents.taskrun.finished.0.3.0"),
      Map.entry("build.artifact.packaged", "dev.cdevents.artifact.packaged.0.3.0"),
      Map.entry("release.artifact.published", "dev.cdevents.artifact.published.0.3.0"),
      Map.entry("cd.service.deployed", "dev.cdevents.service.deployed.0.3.0"),
      Map.entry("cd.service.upgraded", "dev.cdevents.service.upgraded.0.3.0"),
      Map.entry("cd.service.rolledback", "dev.cdevents.service.rolledback.0.3.0"),
      Map.entry("cd.service.removed", "dev.cdevents.service.removed.0.3.0"),
      Map.entry("ops.incident.detected", "dev.cdevents.incident.detected.0.3.0"),
      Map.entry("ops.incident.reported", "dev.cdevents.incident.reported.0.3.0"),
      Map.entry("ops.incident.resolved", "dev.cdevents.incident.resolved.0.3.0"));
  /** Types that need an environment (and, to report an incident, a ticket): without one there is no CDEvent. */
  private static final List<String> NEED_ENVIRONMENT = List.of("cd.service.deployed", "cd.service.upgraded",
      "cd.service.rolledback", "ops.incident.detected", "ops.incident.reported", "ops.incident.resolved");
  private static final Map<String, String> PAYLOADS = Map.of(
      "none of the fields", "{\"name\":\"joe\"}",
      "valid fields", """
          {"run_id":"https://ci.example.com/app/runs/42","pipeline_name":"app-build",
           "url":"https://ci.example.com/app/runs/42","outcome":"cancel","errors":"step 3 failed",
           "purl":"pkg:maven/com.example/app@1.2.3","change_id":"abc123","change_source":"github.com/example/app",
           "sbom_uri":"https://sbom.example.com/app.cdx.json","user":"release-bot",
           "timestamp":"2026-01-09T08:00:00.5+02:00","run_attempt":2,"environment_id":"prod",
           "environment_source":"https://k8s.example.com/prod","artifact_id":"pkg:oci/app@sha256%3Aabc",
           "service_id":"app","incident_id":"INC-1","description":"pager fired",
           "ticket_uri":"https://tickets.example.com/INC-1","task_name":"unit tests","task_run_id":"job-7"}""",
      "invalid fields", """
          {"run_id":"","pipeline_name":"","url":"runs/42","outcome":"succeeded","errors":"",
           "purl":"pkg:npm/app","change_id":"","change_source":"not a uri","sbom_uri":"/sboms/1","user":" ",
           "timestamp":"yesterday","environment_id":"","environment_source":"not a uri","artifact_id":"",
           "service_id":"","incident_id":" ","description":"","ticket_uri":"tickets/1","task_name":"","task_run_id":""}""",
      "near-valid fields", """
          {"run_id":42,"url":"/app/runs/42","outcome":"SUCCESS","purl":"app-1.2.3","change_id":7,
           "change_source":"https://example.com/a?b[0]=1","sbom_uri":"https://example.com/bücher",
           "timestamp":"2026-01-09 08:00:00Z","environment_id":7,"ticket_uri":"https://tickets.example.com/bücher",
           "run_attempt":"2nd"}""",
      "non-scalar fields", """
          {"run_id":{"n":1},"pipeline_name":["x"],"url":null,"outcome":true,"purl":{"p":1},"change_id":[],"user":false,
           "timestamp":{"t":1},"environment_id":{"id":"prod"},"ticket_uri":["https://t.example.com/1"]}""",
      "an array", "[1,2]");
  private static final List<String> PACKAGES = List.of("oci", "RPM", "maven", "tarball");
  private static final String PRODUCED = "pkg:oci/app@sha256%3Aabc?repository_url=ghcr.io/example";

  static Stream<Arguments> inputs() {
    return TYPES.keySet().stream().sorted().flatMap(receiverType -> PAYLOADS.keySet().stream().sorted()
        .flatMap(payload -> Stream.of(true, false).flatMap(success -> PACKAGES.stream()
            .flatMap(pkg -> Stream.of(true, false).map(links -> Arguments.of(receiverType, payload, success, pkg, links))))));
  }

  @ParameterizedTest(name = "{0}, {1}, success {2}, package {3}, links {4}")
  @MethodSource("inputs")
  void generatedEventIsValid(String receiverType, String payload, boolean success, String pkg, boolean links) {
    Nvrpp nvrpp = new Nvrpp(APP.name(), APP.version(), APP.release(), APP.platformId(), pkg);
    List<CdEvent> cdevents = DEFAULTS.translate(event(nvrpp, PAYLOADS.get(payload), success), receiver(receiverType),
        links ? withArtifact(PRODUCED) : NvrppHistory.empty(), null);
    if (NEED_ENVIRONMENT.contains(receiverType) && !hasEnvironment(receiverType, PAYLOADS.get(payload))) {
      assertEquals(List.of(), cdevents, "no CDEvent without the environment it needs");
      return;
    }
    CdEvent cdevent = only(cdevents);
    JsonNode json = json(cdevent);

    assertEquals(List.of(), CdeventSchemas.release("0.5.1").validate(json), cdevent.json());
    assertEquals(TYPES.get(receiverType), cdevent.type());
    assertEquals(json.at("/context/type").asText(), cdevent.type());
    assertEquals(json.at("/context/id").asText(), cdevent.id());
    assertEquals(json.at("/context/source").asText(), cdevent.source());
    assertEquals(json.at("/context/timestamp").asText(), cdevent.timestamp());
    assertEquals(json.at("/subject/id").asText(), cdevent.subjectId());
  }

  /** The same validator rejects what the CDViz collector rejects, so the test above can fail. */
  @ParameterizedTest
  @ValueSource(strings = {"/subject/content/uri=runs/42", "/subject/content/outcome=succeeded",
      "/context/timestamp=2026-01-10 10:00:00", "/subject/type=pipelineRun", "/subject/content/url=https://ci/1",
      "/context/version=0.5.1", "/subject/id="})
  void validatorRejectsAnInvalidEvent(String mutation) {
    ObjectNode cdevent = (ObjectNode) Fixtures.translate("pipelinerun.finished", APP, "{}", true);
    String[] pointerAndValue = mutation.split("=", 2);
    int slash = pointerAndValue[0].lastIndexOf('/');
    ((ObjectNode) cdevent.at(pointerAndValue[0].substring(0, slash)))
        .put(pointerAndValue[0].substring(slash + 1), pointerAndValue[1]);

    assertFalse(CdeventSchemas.release("0.5.1").validate(cdevent).isEmpty(), cdevent::toString);
  }

  @ParameterizedTest
  @ValueSource(strings = {"pipelinerun_queued", "pipelinerun_started", "pipelinerun_finished", "artifact_packaged",
      "artifact_published"})
  void validatorAcceptsTheConformanceExamples(String example) throws Exception {
    JsonNode cdevent = json(Files.readString(SharedData.path("cdevents-spec-v0.5.1/conformance/" + example + ".json")));

    assertEquals(List.of(), CdeventSchemas.release("0.5.1").validate(cdevent));
  }

  private static boolean hasEnvironment(String receiverType, String payload) {
    JsonNode fields = json(payload);
    JsonNode environment = fields.path("environment_id");
    return environment.isValueNode() && !environment.asText().isBlank() && (!receiverType.endsWith(".reported")
        || ValueConstraint.ABSOLUTE_URI.accepts(fields.path("ticket_uri").asText()));
  }

  @Test
  void matrixCoversEveryGeneratedType() {
    assertEquals(GeneratedType.values().length, TYPES.size());
  }
}
