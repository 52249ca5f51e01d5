package io.epr.schema;

import io.epr.support.SharedData;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The official CDEvents 0.4.1 and 0.5.1 schemas, compiled offline through our links catalog. */
class CdeventsSchemasTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ReceiverSchemas SCHEMAS = new ReceiverSchemas(Duration.ofSeconds(1), RemoteRefs.ANY);
  private static final List<String> LINK_SCHEMAS = List.of("embeddedlinksarray", "embeddedlinkend", "embeddedlinkpath",
      "embeddedlinkrelation", "linkstart", "linkend", "linkpath", "linkrelation");

  /** Every event schema of both spec versions, with its conformance example (artifact_packaged.json ↔ artifactpackaged.json). */
  static Stream<Arguments> eventSchemas() {
    return Stream.of("0.4.1", "0.5.1").flatMap(version -> {
      Path spec = spec(version);
      return jsonFiles(spec.resolve("schemas")).map(schema -> Arguments.of(version, schema.getFileName().toString()));
    });
  }

  @Test
  void bothSpecVersionsHaveAllTheirEventSchemas() {
    assertEquals(45, eventSchemas().filter(a -> a.get()[0].equals("0.4.1")).count());
    assertEquals(45, eventSchemas().filter(a -> a.get()[0].equals("0.5.1")).count());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("eventSchemas")
  void conformanceExampleValidates(String version, String schemaFile) throws Exception {
    CompiledSchema schema = SCHEMAS.compile(read(spec(version).resolve("schemas").resolve(schemaFile)));

    assertEquals(List.of(), schema.validate(example(version, schemaFile)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("eventSchemas")
  void mutatedExampleIsRejected(String version, String schemaFile) throws Exception {
    CompiledSchema schema = SCHEMAS.compile(read(spec(version).resolve("schemas").resolve(schemaFile)));

    ObjectNode wrongType = example(version, schemaFile);
    String type = wrongType.get("context").get("type").asText();
    ((ObjectNode) wrongType.get("context")).put("type", type.replaceFirst("\\d+\\.\\d+\\.\\d+$", "0.0.1"));
    assertEquals(List.of("context.type: context.type must be one of the following: \"" + type + "\""),
        schema.validate(wrongType));

    ObjectNode withoutSubject = example(version, schemaFile);
    withoutSubject.remove("subject");
    assertEquals(List.of("(root): subject is required"), schema.validate(withoutSubject));

    ObjectNode withoutContextId = example(version, schemaFile);
    ((ObjectNode) withoutContextId.get("context")).remove("id");
    assertEquals(List.of("context: id is required"), schema.validate(withoutContextId));
  }

  @Test
  void workshopArtifactPackagedEvents() throws Exception {
    CompiledSchema schema = SCHEMAS.compile(read(spec("0.4.1").resolve("schemas/artifactpackaged.json")));
    ObjectNode valid = (ObjectNode) JSON.readTree("""
                {"context":{"version":"0.4.0-draft","id":"271069a8-fc18-44f1-b38f-9d70a1695819","source":"/event/source/123",
                  "type":"dev.cdevents.artifact.packaged.0.2.0","timestamp":"2023-03-20T14:27:05.315384Z"},
                 "subject":{"id":"pkg:golang/mygit.com/myorg/myapp@234fd47e07d1004f0aed9c","source":"/event/source/123","type":"artifact",
                  "content":{"change":{"id":"myChange123","source":"my-git.example/an-org/a-repo"}}}}""");

    assertEquals(List.of(), schema.validate(valid));
    assertEquals(List.of("(root): Additional property name is not allowed", "(root): context is required",
        "(root): subject is required"), schema.validate(JSON.readTree("{\"name\":\"foo\"}")));

    ((ObjectNode) valid.get("context")).put("type", "dev.cdevents.artifact.packaged.0.1.1");
    assertEquals(List.of("context.type: context.type must be one of the following: \"dev.cdevents.artifact.packaged.0.2.0\""),
        schema.validate(valid));
  }

  @Test
  void linksAreCheckedAndTheClosestLinkTypeIsReported() throws Exception {
    CompiledSchema schema = SCHEMAS.compile(read(spec("0.5.1").resolve("schemas/artifactpackaged.json")));
    ObjectNode event = example("0.5.1", "artifactpackaged.json");
    ((ArrayNode) event.get("context").get("links")).add(JSON.readTree("{\"linkType\":\"RELATION\",\"linkKind\":\"TRIGGER\"}"));

    assertEquals(List.of("context.links.3: Must validate at least one schema (anyOf)", "context.links.3: target is required"),
        schema.validate(event));
  }

  /** Our link templates accept and reject the same links as the official 0.4.1 files. */
  @ParameterizedTest
  @ValueSource(strings = {"0.4.1", "0.3.0", "0.5.1"})
  void linkCatalogMatchesTheOfficialLinkSchemas(String specVersion) throws Exception {
    List<JsonNode> links = JSON.readerForListOf(JsonNode.class).readValue(LINK_SAMPLES);
    for (String name : LINK_SCHEMAS) {
      CompiledSchema official = SCHEMAS.compile(read(spec("0.4.1").resolve("schemas/links/" + name + ".json")));
      CompiledSchema ours = SCHEMAS.compile(JSON.createObjectNode()
          .put("$ref", "https://cdevents.dev/" + specVersion + "/schema/links/" + name));
      long accepted = 0;
      for (JsonNode link : links) {
        JsonNode instance = name.equals("embeddedlinksarray") ? JSON.createArrayNode().add(link) : link;
        boolean valid = official.validate(instance).isEmpty();
        assertEquals(valid, ours.validate(instance).isEmpty(), name + " on " + instance);
        accepted += valid ? 1 : 0;
      }
      assertNotEquals(0, accepted, name + " accepts none of the samples");
      assertTrue(accepted < links.size(), name + " accepts all the samples");
    }
  }

  private static final String LINK_SAMPLES = """
            [
              {"linkType":"END","from":{"contextId":"a"},"tags":{"k":"v"}},
              {"linkType":"END"},
              {"linkType":"END","from":{}},
              {"linkType":"END","from":{"contextId":""}},
              {"linkType":"PATH","from":{"contextId":"a"}},
              {"linkType":"PATH"},
              {"linkType":"RELATION","linkKind":"TRIGGER","target":{"contextId":"a"},"tags":{}},
              {"linkType":"RELATION","linkKind":"TRIGGER","target":{}},
              {"linkType":"RELATION","linkKind":"","target":{"contextId":"a"}},
              {"linkType":"RELATION","target":{"contextId":"a"}},
              {"linkType":"START","chainId":"c","timestamp":"2023-03-20T14:27:05Z","start":{"contextId":"a"}},
              {"linkType":"START","chainId":"c","timestamp":"yesterday","start":{"contextId":"a"}},
              {"linkType":"END","chainId":"c","timestamp":"2023-03-20T14:27:05Z","from":{"contextId":"a"},"end":{"contextId":"b"}},
              {"linkType":"END","chainId":"","timestamp":"2023-03-20T14:27:05Z","from":{"contextId":"a"},"end":{"contextId":"b"}},
              {"linkType":"PATH","chainId":"c","timestamp":"2023-03-20T14:27:05Z","from":{"contextId":"a"},"to":{"contextId":"b"}},
              {"linkType":"PATH","chainId":"c","timestamp":"2023-03-20T14:27:05Z","from":{"contextId":"a"}},
              {"linkType":"RELATION","chainId":"c","timestamp":"2023-03-20T14:27:05Z","linkKind":"K","source":{"contextId":"a"},"target":{"contextId":"b"}},
              {"linkType":"RELATION","chainId":"c","timestamp":"2023-03-20T14:27:05Z","source":{"contextId":"a"},"target":{"contextId":"b"}},
              {"linkType":"RELATION","chainId":"c","timestamp":"2023-03-20T14:27:05Z","source":{"contextId":"a"},"target":{}},
              {"linkType":"OTHER","from":{"contextId":"a"}},
              {"linkType":"END","from":{"contextId":"a"},"extra":true},
              {"linkType":"END","from":{"contextId":"a"},"tags":"not-an-object"},
              "not-an-object"
            ]""";

  private static Path spec(String version) {
    return SharedData.path("cdevents-spec-v" + version);
  }

  private static ObjectNode example(String version, String schemaFile) throws IOException {
    try (Stream<Path> examples = jsonFiles(spec(version).resolve("conformance"))) {
      Path example = examples.filter(p -> p.getFileName().toString().replace("_", "").equals(schemaFile))
          .findFirst().orElseThrow(() -> new AssertionError("no conformance example for " + schemaFile));
      return (ObjectNode) read(example);
    }
  }

  private static Stream<Path> jsonFiles(Path dir) {
    try {
      return Files.list(dir).filter(p -> p.toString().endsWith(".json")).sorted();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode read(Path file) throws IOException {
    return JSON.readTree(file.toFile());
  }
}
