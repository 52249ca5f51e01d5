package io.epr.cdevents;

import static io.epr.cdevents.Fixtures.APP;
import static io.epr.cdevents.Fixtures.PUBLIC_URL;
import static io.epr.cdevents.Fixtures.event;
import static io.epr.cdevents.Fixtures.json;
import static io.epr.cdevents.Fixtures.only;
import static io.epr.cdevents.Fixtures.receiver;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.epr.support.CdeventSchemas;
import com.fasterxml.jackson.databind.JsonNode;
import io.epr.support.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Rules files: replace and extend the defaults, the documented examples, and the errors of bad files. */
class RulesFileTest {
  private static final Pattern JSON_BLOCK = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL);

  @TempDir
  Path dir;

  @Test
  void replaceDropsTheDefaults() throws IOException {
    CdeventTranslator translator = load("""
        {"mode":"replace","rules":[{"match":{"receiverType":"ci.build"},"emit":"dev.cdevents.pipelinerun.started.0.3.0",
          "fields":{"content.pipelineName":["receiver.name"]}}]}""");
    String conformance = Files.readString(SharedData.path("cdevents-spec-v0.5.1/conformance/pipelinerun_queued.json"));

    JsonNode started = json(only(translator.translate(event(APP, "{}", true), receiver("ci.build"), NvrppHistory.empty(), null)));
    assertEquals("receiver", started.at("/subject/content/pipelineName").asText());
    assertFalse(started.at("/subject/id").asText().isBlank());
    assertEquals(List.of(), translator.translate(event(APP, "{}", true), receiver("ci.pipelinerun.queued"), NvrppHistory.empty(), null));
    assertEquals(List.of(), translator.translate(event(APP, conformance, true), receiver("dev.cdevents.x"), NvrppHistory.empty(), null));
  }

  @Test
  void extendPutsTheFileBeforeTheDefaults() throws IOException {
    CdeventTranslator translator = load("""
        {"mode":"extend","rules":[{"match":{"receiverType":"*pipelinerun.finished"},
          "emit":"dev.cdevents.pipelinerun.finished.0.3.0","fields":{"content.pipelineName":["'from the file'"]}}]}""");

    JsonNode finished = json(only(translator.translate(event(APP, "{}", true), receiver("ci.pipelinerun.finished"), NvrppHistory.empty(), null)));
    JsonNode queued = json(only(translator.translate(event(APP, "{}", true), receiver("ci.pipelinerun.queued"), NvrppHistory.empty(), null)));
    assertEquals(json("{\"pipelineName\":\"from the file\"}"), finished.at("/subject/content"));
    assertEquals("app", queued.at("/subject/content/pipelineName").asText());
  }

  @Test
  void everyExampleInTheDocumentationLoads() throws IOException {
    assertEquals(3, documentedExamples().size());
    for (String example : documentedExamples()) {
      load(example);
    }
  }

  @Test
  void jenkinsExample() throws IOException {
    CdeventTranslator translator = load(documentedExample("jenkins build done"));
    String build = "https://jenkins.example.com/job/app/42/";

    JsonNode failed = translate(translator, "ci.jenkins.build.done",
        "{\"result\":\"failure\",\"build_url\":\"" + build + "\",\"job_name\":\"app-build\"}", true);
    assertEquals("dev.cdevents.pipelinerun.finished.0.3.0", failed.at("/context/type").asText());
    assertEquals(build, failed.at("/subject/id").asText());
    assertEquals(json("{\"pipelineName\":\"app-build\",\"uri\":\"" + build + "\",\"outcome\":\"failure\"}"),
        failed.at("/subject/content"));
    assertEquals("failure", translate(translator, "ci.jenkins.build.done", "{\"result\":\"UNSTABLE\"}", false)
        .at("/subject/content/outcome").asText());
    assertEquals("success", translate(translator, "ci.jenkins.build.done", "{\"result\":\"UNSTABLE\"}", true)
        .at("/subject/content/outcome").asText());
    assertEquals("dev.cdevents.pipelinerun.queued.0.3.0",
        translate(translator, "ci.pipelinerun.queued", "{}", true).at("/context/type").asText());
  }

  @Test
  void releaseDeploymentExample() throws IOException {
    CdeventTranslator translator = load(documentedExample("release deployments"));
    String image = "pkg:oci/app@sha256%3Aabc?repository_url=ghcr.io/example";

    JsonNode published = translate(translator, "prod.deploy",
        "{\"stage\":\"release\",\"image\":\"" + image + "\",\"deployer\":\"alice\"}", true);
    assertEquals("dev.cdevents.artifact.published.0.3.0", published.at("/context/type").asText());
    assertEquals(image, published.at("/subject/id").asText());
    assertEquals("alice", published.at("/subject/content/user").asText());
    JsonNode derived = translate(translator, "eu.prod.deploy", "{\"stage\":\"release\",\"image\":\"app:1\"}", true);
    assertEquals("pkg:oci/app?platform_id=linux-x86_64&tag=1.2.3-2026.01.10", derived.at("/subject/id").asText());
    assertEquals("epr", derived.at("/subject/content/user").asText());
    assertEquals(List.of(), translator.translate(event(APP, "{\"stage\":\"test\"}", true), receiver("prod.deploy"), NvrppHistory.empty(), null));
    assertEquals(List.of(), translator.translate(event(APP, "{}", true), receiver("prod.deploy"), NvrppHistory.empty(), null));
    assertEquals(List.of(), translator.translate(event(APP, "{\"stage\":\"release\"}", true), receiver("deploy"), NvrppHistory.empty(), null));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "{\"mode\":\"extend\",\"rules\":[{\"name\":\"b\",\"match\":{\"receiverType\":\"*\"},\"emit\":\"dev.cdevents.build.finished.0.3.0\"}]}"
          + "| rule #1 \"b\": unknown emit type \"dev.cdevents.build.finished.0.3.0\": \"passthrough\", \"test-report\" or one of dev.cdevents.pipelinerun.queued.0.3.0,",
      "{\"mode\":\"extend\",\"rules\":[{\"name\":\"u\",\"match\":{\"receiverType\":\"*\"},\"emit\":\"dev.cdevents.pipelinerun.queued.0.3.0\","
          + "\"fields\":{\"content.uri\":[\"payloads.url\"]}}]}"
          + "| rule #1 \"u\": field \"content.uri\": unknown source \"payloads.url\" (use payload.<dotted.path>,",
      "{\"mode\":\"extend\",\"rules\":[{\"match\":{\"receiverType\":\"*\"},\"emit\":\"dev.cdevents.pipelinerun.queued.0.3.0\","
          + "\"fields\":{\"content.uri\":[\"event.url\"]}}]}"
          + "| rule #1: field \"content.uri\": unknown source \"event.url\"",
      "{\"mode\":\"extend\",\"rules\":[" + "| not valid JSON, line 1, column 27: the document ends before its JSON is complete (truncated?)",
      "{\"mode\":\"extend\",\"rules\":[{\"match\":{\"receiverType\":\"a\"},\"emit\":\"passthrough\"},{\"emit\":\"passthrough\"}]}"
          + "| rule #2: \"match\" is required",
      "{\"mode\":\"extend\",\"rules\":[{\"name\":\"m\",\"match\":{\"type\":\"a\"},\"emit\":\"passthrough\"}]}"
          + "| rule #1 \"m\": \"match\" has an unknown key \"type\" (allowed: exceptReceiverType, payload, receiverType)",
      "{\"mode\":\"extend\",\"rules\":[{\"match\":{\"payload\":{\"stage\":\"release\"}},\"emit\":\"passthrough\"}]}"
          + "| rule #1: \"match.receiverType\" is required",
      "{\"mode\":\"extend\",\"rules\":[{\"match\":{\"receiverType\":[]},\"emit\":\"passthrough\"}]}"
          + "| rule #1: match.receiverType must be a string or a non-empty array of strings",
      "{\"mode\":\"extend\",\"rules\":[{\"match\":{\"receiverType\":\"a\",\"payload\":{\"a..b\":1}},\"emit\":\"passthrough\"}]}"
          + "| rule #1: \"match.payload\": not a dotted path: \"a..b\"",
      "{\"mode\":\"extend\",\"rules\":[{\"match\":{\"receiverType\":\"a\"},\"emits\":\"passthrough\"}]}"
          + "| rule #1: a rule has an unknown key \"emits\" (allowed: emit, fields, match, name)",
      "{\"mode\":\"extend\",\"rules\":[{\"match\":{\"receiverType\":\"a\"}}]}"
          + "| rule #1: \"emit\" is required: \"passthrough\", \"test-report\" or one of",
      "{\"mode\":\"extend\",\"rules\":[{\"match\":{\"receiverType\":\"a\"},\"emit\":\"dev.cdevents.pipelinerun.started.0.3.0\","
          + "\"fields\":{\"content.url\":[\"payload.url\"]}}]}"
          + "| rule #1: \"content.url\" is not a field of dev.cdevents.pipelinerun.started.0.3.0 (its fields: subject.id, content.pipelineName, content.uri, context.timestamp)",
      "{\"mode\":\"extend\",\"rules\":[{\"match\":{\"receiverType\":\"a\"},\"emit\":\"dev.cdevents.artifact.published.0.3.0\","
          + "\"fields\":{\"content.user\":[1]}}]}"
          + "| rule #1: field \"content.user\": its sources must be a string or a non-empty array of strings",
      "{\"mode\":\"extend\",\"rules\":[{\"match\":{\"receiverType\":\"a\"},\"emit\":\"dev.cdevents.artifact.published.0.3.0\","
          + "\"fields\":{\"content.user\":[\"payload.\"]}}]}"
          + "| rule #1: field \"content.user\": source \"payload.\": not a dotted path: \"\"",
      "{\"mode\":\"extend\",\"rules\":[{\"match\":{\"receiverType\":\"a\"},\"emit\":\"passthrough\",\"fields\":{}}]}"
          + "| rule #1: a passthrough rule forwards the payload as it is and takes no \"fields\"",
      "{\"rules\":[]}" + "| \"mode\" must be \"replace\" or \"extend\"",
      "{\"mode\":\"merge\",\"rules\":[]}" + "| \"mode\" must be \"replace\" or \"extend\"",
      "{\"mode\":\"extend\"}" + "| \"rules\" must be an array of rules",
      "[]" + "| the file must be a JSON object",
      "{\"mode\":\"extend\",\"rules\":[],\"defaults\":false}" + "| the file has an unknown key \"defaults\""})
  void badFileFailsNamingTheFileTheRuleAndTheProblem(String file, String problem) throws IOException {
    Path rules = Files.writeString(dir.resolve("rules.json"), file);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CdeventTranslator.load(rules, PUBLIC_URL));
    String expected = "cdevents rules file " + rules + ": " + problem.strip();
    assertTrue(e.getMessage().startsWith(expected), () -> "expected " + expected + "\n but got " + e.getMessage());
  }

  @Test
  void missingFileFails() {
    Path missing = dir.resolve("missing.json");

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CdeventTranslator.load(missing, PUBLIC_URL));
    assertTrue(e.getMessage().startsWith("cdevents rules file " + missing + ": cannot be read"), e.getMessage());
  }

  private CdeventTranslator load(String rules) throws IOException {
    return CdeventTranslator.load(Files.writeString(Files.createTempFile(dir, "rules", ".json"), rules), PUBLIC_URL);
  }

  /** The one CDEvent {@code translator} makes of an event, checked against the official schema. */
  private static JsonNode translate(CdeventTranslator translator, String receiverType, String payload, boolean success) {
    JsonNode cdevent = json(only(translator.translate(event(APP, payload, success), receiver(receiverType), NvrppHistory.empty(), null)));
    assertEquals(List.of(), CdeventSchemas.release("0.5.1").validate(cdevent));
    return cdevent;
  }

  /** The JSON blocks of the CDEvents reference, where the rules format is documented. */
  private static List<String> documentedExamples() throws IOException {
    Matcher blocks = JSON_BLOCK.matcher(Files.readString(Path.of("docs/reference/cdevents.md")));
    List<String> examples = new ArrayList<>();
    while (blocks.find()) {
      examples.add(blocks.group(1));
    }
    return examples;
  }

  private static String documentedExample(String ruleName) throws IOException {
    return documentedExamples().stream().filter(example -> json(example).at("/rules/0/name").asText().equals(ruleName))
        .findFirst().orElseThrow(() -> new AssertionError("docs/reference/cdevents.md has no example with the rule " + ruleName));
  }
}
