package io.epr.cdevents;

import static io.epr.cdevents.Fixtures.APP;
import static io.epr.cdevents.Fixtures.DEFAULTS;
import static io.epr.cdevents.Fixtures.event;
import static io.epr.cdevents.Fixtures.json;
import static io.epr.cdevents.Fixtures.only;
import static io.epr.cdevents.Fixtures.receiver;
import static io.epr.cdevents.Fixtures.withArtifact;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.epr.json.JsonText;
import io.epr.model.Event;
import io.epr.support.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** CDEvents posted as payloads on {@code dev.cdevents.*} receivers are forwarded as they were stored. */
class PassthroughTest {
  /** The smallest CDEvent the passthrough forwards. */
  private static final String CONTEXT = "{\"type\":\"dev.cdevents.build.finished.0.3.0\",\"id\":\"a\",\"source\":\"/s\","
      + "\"timestamp\":\"2026-01-10T10:00:00Z\"}";
  private static final String SUBJECT = "{\"id\":\"x\"}";
  /** The smallest valid CDEvent of spec 0.5.1. */
  private static final String VALID = "{\"context\":{\"specversion\":\"0.5.1\",\"type\":\"dev.cdevents.build.queued.0.3.0\","
      + "\"id\":\"a\",\"source\":\"/s\",\"timestamp\":\"2026-01-10T10:00:00Z\"},\"subject\":{\"id\":\"x\",\"content\":{}}}";

  static Stream<Arguments> conformanceExamples() throws IOException {
    List<Arguments> examples = new ArrayList<>();
    for (String version : List.of("0.4.1", "0.5.1")) {
      try (Stream<Path> files = Files.list(SharedData.path("cdevents-spec-v" + version + "/conformance"))) {
        files.filter(p -> p.toString().endsWith(".json")).sorted()
            .forEach(p -> examples.add(Arguments.of(version, p.getFileName().toString())));
      }
    }
    return examples.stream();
  }

  @Test
  void bothSpecVersionsHaveTheirExamples() throws IOException {
    assertEquals(90, conformanceExamples().count());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("conformanceExamples")
  void conformanceExampleIsForwardedByteForByte(String version, String file) throws IOException {
    String payload = JsonText.compact(Files.readString(SharedData.path("cdevents-spec-v" + version + "/conformance/" + file)));
    JsonNode context = json(payload).get("context");
    Event event = event(APP, payload, true);

    CdEvent forwarded = only(DEFAULTS.translate(event, receiver(context.get("type").asText()), withArtifact("pkg:oci/app@1"), null));

    assertEquals(new CdEvent(context.get("id").asText(), context.get("type").asText(),
        json(payload).at("/subject/id").asText(), context.get("source").asText(), context.get("timestamp").asText(),
        event.payload()), forwarded);
  }

  /** Nothing is re-serialized: number forms, escapes and key order stay as stored. */
  @Test
  void payloadTextIsNotRewritten() {
    String payload = "{\"subject\":{\"content\":{\"pipelineName\":\"caf\\u00e9\",\"n\":1.50e0},\"id\":\"run/1\"},"
        + "\"context\":{\"type\":\"dev.cdevents.pipelinerun.queued.0.3.0\",\"id\":\"a\",\"source\":\"https://ci\","
        + "\"timestamp\":\"2026-01-10T10:00:00+02:00\",\"specversion\":\"0.5.1\"}}";
    Event event = new Event("01JPASSTHROUGH", APP, "a CDEvent", payload, true, Fixtures.CREATED_AT, "r");

    assertEquals(payload, only(DEFAULTS.translate(event, receiver("dev.cdevents.pipelinerun.queued"), NvrppHistory.empty(), null)).json());
  }

  @Test
  void smallestCdeventIsForwarded() {
    String payload = cdevent(CONTEXT, SUBJECT);

    assertEquals(payload, only(DEFAULTS.translate(event(APP, payload, true), receiver("dev.cdevents.foo"), NvrppHistory.empty(), null)).json());
  }

  /** The smallest CDEvent, each time with one thing missing or wrong. */
  static Stream<String> notCdevents() {
    return Stream.of("{\"name\":\"joe\"}", "[]", "\"dev.cdevents\"",
        cdevent(CONTEXT.replace("dev.cdevents.build", "com.example.build"), SUBJECT),
        cdevent(CONTEXT, "{}"),
        cdevent(CONTEXT, "{\"id\":7}"),
        cdevent(CONTEXT, "{\"id\":\" \"}"),
        cdevent(CONTEXT, "[" + SUBJECT + "]"),
        cdevent("[" + CONTEXT + "]", SUBJECT),
        cdevent(CONTEXT.replace("\"id\":\"a\",", ""), SUBJECT),
        cdevent(CONTEXT.replace("/s", "a b"), SUBJECT),
        cdevent(CONTEXT.replace("T10", " 10"), SUBJECT));
  }

  @ParameterizedTest
  @MethodSource("notCdevents")
  void notACdeventGivesNothing(String payload) {
    assertEquals(List.of(), DEFAULTS.translate(event(APP, payload, true), receiver("dev.cdevents.foo"), NvrppHistory.empty(), null));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("conformanceExamples")
  void aValidCdeventOfEitherSpecIsNotRefused(String version, String file) throws IOException {
    String payload = Files.readString(SharedData.path("cdevents-spec-v" + version + "/conformance/" + file));

    assertEquals(List.of(), problems(payload));
  }

  /** Spec 0.5 payloads the collector would refuse are refused at ingest, naming what is wrong where. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "\"type\":\"dev.cdevents.build.queued.0.3.0\" | \"type\":\"dev.cdevents.build.paused.0.3.0\" | /context/type: dev.cdevents.build.paused.0.3.0 is not an event type of CDEvents 0.5.1",
      "\"source\":\"/s\"                           | \"source\":\"a b\"                            | /context/source:",
      "\"specversion\":\"0.5.1\",                  | ''                                             | /context: required property 'specversion' not found",
      "10:00:00Z                                  | 10:00:00                                       | /context/timestamp:"})
  void anInvalidSpecZeroFiveCdeventIsRefusedWithTheSchemasReason(String from, String to, String reason) {
    assertEquals(List.of(), problems(VALID));
    List<String> problems = problems(VALID.replace(from, to));

    assertEquals(1, problems.size(), problems::toString);
    assertTrue(problems.get(0).startsWith("the payload is not a valid CDEvent of spec 0.5.1 (a receiver of type "
        + "dev.cdevents.foo forwards it to CDViz as it is):\n"), problems.get(0));
    assertTrue(problems.get(0).contains("\n" + reason), problems.get(0));
  }

  @Test
  void aSpecZeroFiveCdeventWithAnUnknownContentKeyIsRefused() throws IOException {
    ObjectNode finished = (ObjectNode) json(Files.readString(
        SharedData.path("cdevents-spec-v0.5.1/conformance/pipelinerun_finished.json")));
    ((ObjectNode) finished.at("/subject/content")).put("outcome", "succeeded");

    assertTrue(problems(finished.toString()).get(0).contains("/subject/content/outcome"));
  }

  @Test
  void aCdeventFromTheFarFutureIsRefusedAndWhatIsNoCdeventIsNot() {
    String future = VALID.replace("2026-01-10T10:00:00Z", "2036-01-01T00:00:00Z");

    assertTrue(problems(future).get(0).startsWith("context.timestamp 2036-01-01T00:00Z is "), problems(future)::toString);
    assertEquals(List.of(), problems("{\"name\":\"joe\"}"), "no context: stored as EPR always did, no CDEvent");
    assertEquals(List.of(), problems("{\"context\":{\"version\":\"0.4.0-draft\"}}"), "spec 0.4: the workshop's");
    assertTrue(problems(VALID.replace("\"specversion\"", "\"version\":\"0.5.1\",\"specversion\"")).get(0)
        .contains("/context: property 'version' is not defined"), "a stray version on a 0.5 CDEvent is checked");
  }

  private static List<String> problems(String payload) {
    return DEFAULTS.problems(event(APP, "{}", true), receiver("dev.cdevents.foo"), json(payload),
        Fixtures.CREATED_AT.toInstant());
  }

  private static String cdevent(String context, String subject) {
    return "{\"context\":" + context + ",\"subject\":" + subject + "}";
  }
}
