package io.epr.schema;

import io.epr.support.SharedData;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole CycloneDX BOM schema as a receiver schema (workshop section 08, scenarios 9–11), resolved offline. */
class CycloneDxSchemasTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ReceiverSchemas SCHEMAS = new ReceiverSchemas(Duration.ofSeconds(1), RemoteRefs.ANY);
  private static final String SCENARIO_10_BOM = """
            {"bomFormat":"CycloneDX","specVersion":"1.6","serialNumber":"urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79","version":1,
             "metadata":{"timestamp":"2025-09-25T12:00:00Z","component":{"type":"container","name":"epr-server","version":"local"}},
             "components":[{"type":"library","name":"github.com/go-chi/chi/v5","version":"v5.0.11",
               "purl":"pkg:golang/github.com/go-chi/chi/v5@v5.0.11","licenses":[{"license":{"id":"MIT"}}]}]}""";

  private static CompiledSchema bom16;

  @BeforeAll
  static void compileTheWholeBom16Schema() throws Exception {
    bom16 = SCHEMAS.compile(jarSchema("bom-1.6.schema.json"));
  }

  @Test
  void scenario10BomIsAcceptedAsSpecVersion16And15() throws Exception {
    assertEquals(List.of(), bom16.validate(JSON.readTree(SCENARIO_10_BOM)));
    assertEquals(List.of(), bom16.validate(JSON.readTree(SCENARIO_10_BOM.replace("\"1.6\"", "\"1.5\""))));
  }

  @Test
  void notABomIsRejected() throws Exception {
    assertEquals(List.of("bomFormat: bomFormat must be one of the following: \"CycloneDX\"",
            "(root): specVersion is required", "(root): Additional property name is not allowed"),
        bom16.validate(JSON.readTree("{\"bomFormat\":\"SPDX\",\"name\":\"joe\"}")));
  }

  @Test
  void unknownLicenseIdIsRejectedThroughSpdxSchema() throws Exception {
    List<String> lines = bom16.validate(JSON.readTree(SCENARIO_10_BOM.replace("\"MIT\"", "\"NOT-A-LICENSE\"")));

    assertEquals(2, lines.size(), lines::toString);
    assertEquals("components.0.licenses: Must validate one and only one schema (oneOf)", lines.get(0));
    String licenseId = "components.0.licenses.0.license.id";
    assertTrue(lines.get(1).startsWith(licenseId + ": " + licenseId + " must be one of the following: \"0BSD\", "));
    assertTrue(lines.get(1).contains(", \"MIT\", "));
  }

  @Test
  void formatsAreAsserted() throws Exception {
    List<String> lines = bom16.validate(JSON.readTree(SCENARIO_10_BOM.replace("2025-09-25T12:00:00Z", "yesterday")));

    assertEquals(List.of("metadata.timestamp: Does not match format 'date-time'"), lines);
  }

  /** npm's @cyclonedx/cyclonedx-library ships the same files as *.SNAPSHOT.schema.json. */
  @Test
  void npmSnapshotNamesResolveToTheSameSchemas() throws Exception {
    CompiledSchema bom = SCHEMAS.compile(ref("http://cyclonedx.org/schema/bom-1.6.SNAPSHOT.schema.json"));
    assertEquals(List.of(), bom.validate(JSON.readTree(SCENARIO_10_BOM)));
    assertEquals(2, bom.validate(JSON.readTree(SCENARIO_10_BOM.replace("\"MIT\"", "\"NOT-A-LICENSE\""))).size());

    CompiledSchema spdx = SCHEMAS.compile(ref("http://cyclonedx.org/schema/spdx.SNAPSHOT.schema.json"));
    assertEquals(List.of(), spdx.validate(JSON.getNodeFactory().textNode("Apache-2.0")));
    assertEquals(1, spdx.validate(JSON.getNodeFactory().textNode("NOT-A-LICENSE")).size());

    CompiledSchema signature = SCHEMAS.compile(ref("http://cyclonedx.org/schema/jsf-0.82.SNAPSHOT.schema.json#/definitions/signature"));
    assertTrue(signature.validate(JSON.readTree("5")).contains("(root): Invalid type. Expected: object, given: integer"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.2", "1.3", "1.4", "1.5", "1.6"})
  void everyBundledBomSchemaCompilesOffline(String specVersion) throws Exception {
    assertNotNull(SCHEMAS.compile(jarSchema("bom-" + specVersion + ".schema.json")));
  }

  static Stream<Path> realSboms() {
    return SharedData.sbomExamples()
        .filter(p -> p.getFileName().toString().matches("bom.*\\.json"));
  }

  @Test
  void realSbomsArePresent() {
    assertEquals(5, realSboms().count());
  }

  @ParameterizedTest
  @MethodSource("realSboms")
  void realSbomValidatesAgainstTheSchemaOfItsSpecVersion(Path sbom) throws Exception {
    JsonNode bom = JSON.readTree(sbom.toFile());
    CompiledSchema schema = SCHEMAS.compile(jarSchema("bom-" + bom.get("specVersion").asText() + ".schema.json"));

    assertEquals(List.of(), schema.validate(bom));
  }

  private static JsonNode ref(String uri) {
    return JSON.createObjectNode().put("$ref", uri);
  }

  private static JsonNode jarSchema(String name) throws IOException {
    try (InputStream in = CycloneDxSchemasTest.class.getClassLoader().getResourceAsStream(name)) {
      assertNotNull(in, name + " is not in the cyclonedx-core-java jar");
      return JSON.readTree(in);
    }
  }
}
