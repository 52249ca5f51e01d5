package io.epr.cdevents;

import static io.epr.cdevents.Fixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.epr.support.CdeventSchemas;
import io.epr.support.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * EPR's own description of CDEvents v0.5.1 ({@link CdeventSpec}) says what the official schemas say: it accepts the
 * official conformance examples and gives the official schemas' verdict on thousands of events one edit away from
 * them; its messages say where and what is wrong.
 */
class CdeventSpecTest {
  private static final String RELEASE = "cdevents-spec-v" + CdeventSpec.RELEASE + "/";
  private static final CdeventSchemas OFFICIAL = CdeventSchemas.release(CdeventSpec.RELEASE);

  static List<String> conformanceExamples() {
    try (Stream<Path> files = Files.list(SharedData.path(RELEASE + "conformance"))) {
      return files.map(p -> p.getFileName().toString()).filter(name -> name.endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("conformanceExamples")
  void conformanceExampleIsValid(String file) {
    JsonNode example = example(file);

    assertEquals(List.of(), OFFICIAL.validate(example), "the official schema's verdict");
    assertEquals(List.of(), CdeventSpec.violations(example));
  }

  @Test
  void knowsTheOfficialTypesAndNoOthers() {
    List<String> exampleTypes = conformanceExamples().stream()
        .map(file -> example(file).at("/context/type").asText()).sorted().toList();

    assertEquals(45, exampleTypes.size());
    assertTrue(exampleTypes.stream().allMatch(OFFICIAL::knows), exampleTypes::toString);
    assertEquals(exampleTypes, CdeventSpec.types());
  }

  @Test
  void givesTheOfficialVerdictOnEveryMutationOfEveryExample() {
    List<String> disagreements = new ArrayList<>();
    int compared = 0;
    int invalid = 0;
    for (String file : conformanceExamples()) {
      JsonNode example = example(file);
      for (CdeventMutations.Mutation mutation : CdeventMutations.of(example, officialSchema(example))) {
        List<String> official = OFFICIAL.validate(mutation.event());
        List<String> ours = CdeventSpec.violations(mutation.event());
        compared++;
        invalid += official.isEmpty() ? 0 : 1;
        if (official.isEmpty() != ours.isEmpty()) {
          disagreements.add(file + " " + mutation.label() + ": official " + official + ", ours " + ours);
        }
      }
    }
    System.out.printf("CdeventSpec and the official v0.5.1 schemas compared on %d mutations (%d invalid, %d valid)%n",
        compared, invalid, compared - invalid);

    assertEquals(List.of(), disagreements.stream().limit(30).toList(), disagreements.size() + " disagreements");
    assertTrue(invalid > 1000 && compared - invalid > 1000, "too few cases of one verdict");
  }

  @Test
  void namesWhereAndWhatForABadValue() {
    JsonNode event = with(example("pipelinerun_finished.json"), "/subject/content/outcome", "\"succeeded\"");

    assertEquals(List.of("/subject/content/outcome: does not have a value in the enumeration "
        + "[\"success\", \"failure\", \"cancel\", \"error\"]"), CdeventSpec.violations(event));
  }

  @Test
  void namesWhereAndWhatForARelativeUriAndATimeWithoutOffset() {
    JsonNode event = with(with(example("pipelinerun_started.json"), "/subject/content/uri", "\"runs/42\""),
        "/context/timestamp", "\"2023-03-20T14:27:05\"");

    assertEquals(List.of(
        "/context/timestamp: does not match the date-time pattern must be a valid RFC 3339 date-time",
        "/subject/content/uri: does not match the uri pattern must be a valid RFC 3986 URI"),
        CdeventSpec.violations(event));
  }

  @Test
  void namesAMissingAndAnUnknownProperty() {
    ObjectNode event = (ObjectNode) example("service_deployed.json");
    ((ObjectNode) event.at("/subject/content")).remove("artifactId");
    ((ObjectNode) event.at("/subject")).put("type", "service");

    assertEquals(List.of("/subject/content: required property 'artifactId' not found",
        "/subject: property 'type' is not defined in the schema and the schema does not allow additional properties"),
        CdeventSpec.violations(event));
  }

  @Test
  void namesAnUnknownType() {
    JsonNode event = with(example("build_queued.json"), "/context/type", "\"dev.cdevents.build.paused.0.1.0\"");

    assertEquals(List.of("/context/type: dev.cdevents.build.paused.0.1.0 is not an event type of CDEvents 0.5.1"),
        CdeventSpec.violations(event));
  }

  @Test
  void namesWhatIsWrongWithSomethingElseThanAnEvent() {
    assertEquals(List.of(
        "(root): property 'pipelineName' is not defined in the schema and the schema does not allow additional "
            + "properties",
        "(root): required property 'context' not found", "(root): required property 'subject' not found"),
        CdeventSpec.violations(json("{\"pipelineName\":\"app\"}")));
    assertEquals(List.of("(root): string found, object expected"), CdeventSpec.violations(json("\"event\"")));
  }

  private static JsonNode with(JsonNode event, String pointer, String value) {
    JsonNode copy = event.deepCopy();
    int slash = pointer.lastIndexOf('/');
    ((ObjectNode) copy.at(pointer.substring(0, slash))).set(pointer.substring(slash + 1), json(value));
    return copy;
  }

  private static JsonNode example(String file) {
    return json(read(SharedData.path(RELEASE + "conformance/" + file)));
  }

  /** The official schema of an event's type: dev.cdevents.pipelinerun.finished.0.3.0 is in pipelinerunfinished.json. */
  private static JsonNode officialSchema(JsonNode event) {
    String[] type = event.at("/context/type").asText().split("\\.");
    return json(read(SharedData.path(RELEASE + "schemas/" + type[2] + type[3] + ".json")));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
