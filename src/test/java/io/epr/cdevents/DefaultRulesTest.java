package io.epr.cdevents;

import static io.epr.cdevents.Fixtures.APP;
import static io.epr.cdevents.Fixtures.DEFAULTS;
import static io.epr.cdevents.Fixtures.PUBLIC_URL;
import static io.epr.cdevents.Fixtures.event;
import static io.epr.cdevents.Fixtures.json;
import static io.epr.cdevents.Fixtures.only;
import static io.epr.cdevents.Fixtures.receiver;
import static io.epr.cdevents.Fixtures.translate;
import static io.epr.cdevents.Fixtures.withArtifact;

import io.epr.cdevents.Fixtures.Timeline;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.epr.model.Event;
import io.epr.model.Nvrpp;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What the default rules put in each CDEvent (DESIGN.md §2.5). */
class DefaultRulesTest {
  private static final Nvrpp NEXT_VERSION = new Nvrpp("app", "1.2.4", "2026.01.10", "linux-x86_64", "oci");
  private static final List<String> RUN = List.of("ci.pipelinerun.queued", "ci.pipelinerun.started",
      "ci.pipelinerun.finished");

  @Test
  void eventsOfOneRunShareSubjectPipelineNameAndChain() {
    Timeline timeline = new Timeline();
    List<JsonNode> run = RUN.stream().map(type -> timeline.next(type, APP, "{}", true)).toList();
    JsonNode otherRun = translate("ci.pipelinerun.queued", NEXT_VERSION, "{}", true);

    for (JsonNode cdevent : run) {
      assertEquals(run.get(0).at("/subject/id"), cdevent.at("/subject/id"));
      assertEquals("app", cdevent.at("/subject/content/pipelineName").asText());
      assertEquals(CdeventIds.chainId(APP), cdevent.at("/context/chainId").asText());
    }
    assertNotEquals(run.get(0).at("/subject/id"), otherRun.at("/subject/id"));
    assertNotEquals(run.get(0).at("/context/chainId"), otherRun.at("/context/chainId"));
    assertEquals(CdeventIds.chainId(NEXT_VERSION), otherRun.at("/context/chainId").asText());
  }

  @Test
  void payloadNamesTheRunAndThePipeline() {
    String payload = "{\"run_id\":\"jenkins/app/42\",\"pipeline_name\":\"app-build\"}";

    for (String type : RUN) {
      JsonNode cdevent = translate(type, APP, payload, true);
      assertEquals("jenkins/app/42", cdevent.at("/subject/id").asText());
      assertEquals("app-build", cdevent.at("/subject/content/pipelineName").asText());
    }
  }

  @Test
  void contextIdIsStableForAnEventAndDiffersBetweenEventsAndTypes() {
    Event event = event(APP, "{}", true);
    String queued = only(DEFAULTS.translate(event, receiver("ci.pipelinerun.queued"), NvrppHistory.empty(), null)).id();
    String again = only(CdeventTranslator.load(null, PUBLIC_URL)
        .translate(event, receiver("ci.pipelinerun.queued"), withArtifact("pkg:oci/app@1"), null)).id();
    String otherEvent = only(DEFAULTS.translate(event(APP, "{}", true), receiver("ci.pipelinerun.queued"), NvrppHistory.empty(), null)).id();
    String otherType = only(DEFAULTS.translate(event, receiver("ci.pipelinerun.started"), NvrppHistory.empty(), null)).id();

    assertEquals(queued, again);
    assertEquals(CdeventIds.contextId(event.id(), "dev.cdevents.pipelinerun.queued.0.3.0"), queued);
    assertNotEquals(queued, otherEvent);
    assertNotEquals(queued, otherType);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{}                        | true  | success",
      "{}                        | false | failure",
      "{\"outcome\":\"cancel\"}  | true  | cancel",
      "{\"outcome\":\"error\"}   | true  | error",
      "{\"outcome\":\"failure\"} | true  | failure",
      "{\"outcome\":\"success\"} | false | success",
      "{\"outcome\":\"succeeded\"} | false | failure",
      "{\"outcome\":\"SUCCESS\"} | true  | success",
      "{\"outcome\":\"\"}        | false | failure",
      "{\"outcome\":1}           | true  | success"})
  void outcomeIsThePayloadsWhenValidElseFollowsSuccess(String payload, boolean success, String outcome) {
    assertEquals(outcome, translate("ci.pipelinerun.finished", APP, payload, success).at("/subject/content/outcome").asText());
  }

  @Test
  void onlyFinishedRunsHaveAnOutcome() {
    assertTrue(translate("ci.pipelinerun.started", APP, "{\"outcome\":\"error\"}", false).at("/subject/content/outcome")
        .isMissingNode());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "https://ci.example.com/app/runs/42 | https://ci.example.com/app/runs/42",
      "runs/42                            | ",
      "/app/runs/42                       | ",
      "https://ci.example.com/bücher      | ",
      "''                                 | "})
  void uriIsThePayloadUrlWhenAbsoluteElseTheEventsLink(String url, String expected) {
    for (String type : RUN) {
      Event event = event(APP, "{\"url\":\"" + url + "\"}", true);
      JsonNode cdevent = json(only(DEFAULTS.translate(event, receiver(type), NvrppHistory.empty(), null)));
      String eventLink = PUBLIC_URL + "/api/v1/events/" + event.id();
      assertEquals(expected == null ? eventLink : expected, cdevent.at("/subject/content/uri").asText());
    }
  }

  @Test
  void contextComesFromTheEvent() {
    Event event = event(APP, "{}", true);
    JsonNode cdevent = json(only(DEFAULTS.translate(event, receiver("acme.pipelinerun.started"), NvrppHistory.empty(), null)));

    assertEquals(json("""
        {"specversion":"0.5.1","id":"%s","source":"https://epr.example.com","type":"dev.cdevents.pipelinerun.started.0.3.0",
         "timestamp":"2026-01-10T10:00:00.123456Z","chainId":"%s"}"""
        .formatted(CdeventIds.contextId(event.id(), "dev.cdevents.pipelinerun.started.0.3.0"), CdeventIds.chainId(APP))),
        cdevent.get("context"));
    assertFalse(cdevent.get("subject").has("type"));
    assertFalse(cdevent.has("customData"));
  }

  @Test
  void publicUrlWithATrailingSlash() {
    Event event = event(APP, "{}", true);
    CdEvent cdevent = only(CdeventTranslator.load(null, "https://example.com/epr/")
        .translate(event, receiver("ci.pipelinerun.started"), NvrppHistory.empty(), null));

    assertEquals("https://example.com/epr", cdevent.source());
    assertEquals("https://example.com/epr/api/v1/events/" + event.id(), json(cdevent).at("/subject/content/uri").asText());
  }

  @ParameterizedTest
  @ValueSource(strings = {"epr.example.com", "/epr", "http://bad host"})
  void publicUrlMustBeAbsolute(String publicUrl) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CdeventTranslator.load(null, publicUrl));
    assertEquals("the public URL must be an absolute URI, not " + publicUrl, e.getMessage());
  }

  @Test
  void pipelineRunsLinkTheArtifactsAlreadyEmitted() {
    NvrppHistory produced = withArtifact("pkg:maven/com.example/app@1.2.3");
    produced.emitted("dev.cdevents.artifact.published.0.3.0", "pkg:maven/com.example/app@1.2.3");
    JsonNode links = json("""
        {"links":[{"linkkind":"produced","subject":{"type":"artifact","id":"pkg:maven/com.example/app@1.2.3"}}]}""");

    for (String type : RUN) {
      assertEquals(links, json(only(DEFAULTS.translate(event(APP, "{}", true), receiver(type), produced, null))).get("customData"));
    }
    for (String type : List.of("ci.artifact.packaged", "ci.artifact.published")) {
      assertFalse(json(only(DEFAULTS.translate(event(APP, "{}", true), receiver(type), produced, null))).has("customData"));
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "app                      | 1.2.3         | oci     | pkg:oci/app?platform_id=linux-x86_64&tag=1.2.3-2026.01.10",
      "ghcr.io/example/app      | 1.2.3         | oci     | pkg:oci/app?platform_id=linux-x86_64&repository_url=ghcr.io%2Fexample%2Fapp&tag=1.2.3-2026.01.10",
      "app                      | sha256:abc12  | oci     | pkg:oci/app@sha256%3Aabc12?platform_id=linux-x86_64&tag=2026.01.10",
      "app                      | 1.2.3         | RPM     | pkg:rpm/app@1.2.3-2026.01.10?platform_id=linux-x86_64",
      "library/app              | 1.2.3         | docker  | pkg:docker/library/app@1.2.3-2026.01.10?platform_id=linux-x86_64",
      "com.example:app          | 1.2.3         | maven   | pkg:maven/com.example/app@1.2.3-2026.01.10?platform_id=linux-x86_64",
      "com.example/app          | 1.2.3         | maven   | pkg:maven/com.example/app@1.2.3-2026.01.10?platform_id=linux-x86_64",
      "app                      | 1.2.3         | maven   | pkg:generic/app@1.2.3-2026.01.10?package=maven&platform_id=linux-x86_64",
      "@example/app             | 1.2.3         | npm     | pkg:npm/%40example/app@1.2.3-2026.01.10?platform_id=linux-x86_64",
      "github.com/example/app   | 1.2.3         | golang  | pkg:golang/github.com/example/app@1.2.3-2026.01.10?platform_id=linux-x86_64",
      "Foo_Bar                  | 1.2.3         | pypi    | pkg:pypi/foo-bar@1.2.3-2026.01.10?platform_id=linux-x86_64",
      "app                      | 1.2.3         | tarball | pkg:generic/app@1.2.3-2026.01.10?package=tarball&platform_id=linux-x86_64"})
  void artifactSubjectIsDerivedFromTheNvrppAsThePurlSpecHasItForThePackageType(String name, String version, String pkg,
      String purl) {
    Nvrpp nvrpp = new Nvrpp(name, version, "2026.01.10", "linux-x86_64", pkg);
    for (String type : List.of("ci.artifact.packaged", "ci.artifact.published")) {
      assertEquals(purl, translate(type, nvrpp, "{}", true).at("/subject/id").asText());
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "pkg:maven/com.example/app@1.2.3                          | pkg:maven/com.example/app@1.2.3",
      "pkg:oci/app@sha256%3Aabc?repository_url=ghcr.io/example | pkg:oci/app@sha256%3Aabc?repository_url=ghcr.io/example",
      "pkg:maven/com.example/app?type=jar                       | pkg:maven/com.example/app?type=jar",
      "pkg:maven/com.example/app                                | pkg:oci/app?platform_id=linux-x86_64&tag=1.2.3-2026.01.10",
      "pkg:generic/app@                                         | pkg:oci/app?platform_id=linux-x86_64&tag=1.2.3-2026.01.10",
      "app@1.2.3                                                | pkg:oci/app?platform_id=linux-x86_64&tag=1.2.3-2026.01.10"})
  void payloadPurlIsTheSubjectWhenItHasAVersionOrQualifiers(String purl, String subject) {
    for (String type : List.of("ci.artifact.packaged", "ci.artifact.published")) {
      assertEquals(subject, translate(type, APP, "{\"purl\":\"" + purl + "\"}", true).at("/subject/id").asText());
    }
  }

  @Test
  void packagedChangeAndSbom() {
    assertEquals(json("{\"change\":{\"id\":\"2026.01.10\"}}"),
        translate("ci.artifact.packaged", APP, "{\"change_source\":\"a b\",\"sbom_uri\":\"sboms/1\"}", true)
            .at("/subject/content"));
    assertEquals(json("""
            {"change":{"id":"abc123","source":"github.com/example/app"},"sbom":{"uri":"https://epr.example.com/api/v1/sboms/1"}}"""),
        translate("ci.artifact.packaged", APP, """
            {"change_id":"abc123","change_source":"github.com/example/app","sbom_uri":"https://epr.example.com/api/v1/sboms/1"}""",
            true).at("/subject/content"));
  }

  @Test
  void publishedSbomAndUser() {
    assertEquals(json("{}"),
        translate("ci.artifact.published", APP, "{\"sbom_uri\":\"/sboms/1\",\"user\":\"\"}", true).at("/subject/content"));
    assertEquals(json("{\"sbom\":{\"uri\":\"https://sbom.example.com/1\"},\"user\":\"release-bot\"}"),
        translate("ci.artifact.published", APP, "{\"sbom_uri\":\"https://sbom.example.com/1\",\"user\":\"release-bot\"}", true)
            .at("/subject/content"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "foo.bar                             | {}",
      "pipelinerun.queued.v2               | {}",
      "ci.artifact.signed                  | {}",
      "dev.cdevents.foo                    | {\"name\":\"joe\"}",
      "dev.cdevents.pipelinerun.queued     | {\"run_id\":\"1\"}",
      "dev.cdevents.artifact.packaged      | {}"})
  void noCdeventWhenNoRuleApplies(String receiverType, String payload) {
    assertEquals(List.of(), DEFAULTS.translate(event(APP, payload, true), receiver(receiverType), NvrppHistory.empty(), null));
  }

  @Test
  void everyReceiverTypeEndingInAPredicateIsTranslated() {
    Stream.of("pipelinerun.queued", "x.pipelinerun.started", "a.b.c.pipelinerun.finished", "myartifact.packaged")
        .forEach(type -> assertEquals(1, DEFAULTS.translate(event(APP, "{}", true), receiver(type), NvrppHistory.empty(), null).size(), type));
  }
}
