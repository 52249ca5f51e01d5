package io.epr.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.epr.model.Cancellation;
import io.epr.support.SbomGenerator;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Generated documents of every JSON version, nested components, and 1.6 XML. */
class GeneratedSbomsTest {
  private static final String APP_PURL = "pkg:generic/generated-app@1.0.0";

  @ParameterizedTest
  @ValueSource(strings = {"1.2", "1.3", "1.4", "1.5", "1.6"})
  void everyJsonVersionReads(String specVersion) throws Exception {
    SbomDocument sbom = SbomDocument.read(SbomGenerator.json(specVersion, 25, APP_PURL), Cancellation.none());

    assertEquals(SbomFormat.JSON, sbom.format());
    assertEquals(specVersion, sbom.specVersion());
    assertEquals("generated-app", sbom.componentName());
    assertEquals("1.0.0", sbom.componentVersion());
    assertEquals(APP_PURL, sbom.componentPurl());
    assertEquals(names(25), sbom.components().stream().map(SbomComponent::name).toList());
  }

  @Test
  void nestedComponentsComeDepthFirstInDocumentOrder() throws Exception {
    byte[] document = SbomGenerator.json("1.5", 1000, null);
    JsonNode tree = new ObjectMapper().readTree(document);
    assertEquals(700, tree.get("components").size());
    assertEquals(List.of("component-10", "component-11", "component-12", "component-13"), List.of(
        tree.at("/components/7/name").asText(), tree.at("/components/7/components/0/name").asText(),
        tree.at("/components/7/components/1/name").asText(),
        tree.at("/components/7/components/1/components/0/name").asText()));

    SbomDocument sbom = SbomDocument.read(document, Cancellation.none());

    assertEquals(names(1000), sbom.components().stream().map(SbomComponent::name).toList());
    assertNull(sbom.componentPurl());
  }

  @Test
  void purlsLicensesAndHashesOfEachComponent() throws Exception {
    List<SbomComponent> components = SbomDocument.read(
        SbomGenerator.json("1.5", 30, APP_PURL), Cancellation.none()).components();

    SbomComponent nested = components.get(22);
    assertEquals("ref-22", nested.bomRef());
    assertEquals("library", nested.type());
    assertEquals("org.example.group1", nested.group());
    assertEquals("pkg:maven/org.example.group1/component-22@1.2.0?type=jar", nested.purl());
    assertEquals(new PurlParts("maven", "org.example.group1", "component-22", "1.2.0", "type=jar", null),
        nested.purlParts());
    assertEquals(List.of("Example License 2"), nested.licenses());
    assertEquals(Map.of("SHA-1", "%040x".formatted(22), "SHA-256", "%064x".formatted(22), "SHA-512",
        "%0128x".formatted(22)), nested.hashes());
    assertNull(components.get(23).purlParts().qualifiers());
    assertEquals(List.of("MIT OR Apache-2.0"), components.get(23).licenses());
    assertEquals(List.of("Apache-2.0"), components.get(24).licenses());
  }

  @Test
  void tenThousandComponents() throws Exception {
    SbomDocument sbom = SbomDocument.read(SbomGenerator.json("1.6", 10_000, APP_PURL), Cancellation.none());

    assertEquals(names(10_000), sbom.components().stream().map(SbomComponent::name).toList());
  }

  @Test
  void xml16ReadsAsItsJsonTwin() throws Exception {
    SbomDocument xml = SbomDocument.read(SbomGenerator.xml16(2000), Cancellation.none());
    SbomDocument json = SbomDocument.read(SbomGenerator.json("1.6", 2000, APP_PURL), Cancellation.none());

    assertEquals(SbomFormat.XML, xml.format());
    assertEquals("1.6", xml.specVersion());
    assertEquals(json.serialNumber(), xml.serialNumber());
    assertEquals(APP_PURL, xml.componentPurl());
    assertEquals(json.components(), xml.components());
  }

  /** XML 1.0 and 1.1 are read too: cyclonedx-core-java has their XSDs (real 1.1 SBOMs are in RealSbomsTest). */
  @Test
  void xml10() throws Exception {
    SbomDocument sbom = SbomDocument.read("""
        <bom xmlns="http://cyclonedx.org/schema/bom/1.0" version="1"><components><component type="library">\
        <name>acme</name><version>1.0</version><purl>pkg:generic/acme@1.0</purl><modified>false</modified>\
        </component></components></bom>""".getBytes(StandardCharsets.UTF_8), Cancellation.none());

    assertEquals("1.0", sbom.specVersion());
    assertEquals(List.of("acme"), sbom.components().stream().map(SbomComponent::name).toList());
    assertEquals("1.0", sbom.components().get(0).purlParts().version());
  }

  /** The figure the report quotes; it asserts only what it reads. */
  @ParameterizedTest
  @ValueSource(strings = {"JSON", "XML"})
  void twentyThousandComponentsTimed(SbomFormat format) throws Exception {
    byte[] document = format == SbomFormat.JSON ? SbomGenerator.json("1.6", 20_000, APP_PURL)
        : SbomGenerator.xml16(20_000);
    SbomDocument.read(SbomGenerator.json("1.6", 10, APP_PURL), Cancellation.none());
    SbomDocument.read(SbomGenerator.xml16(10), Cancellation.none());

    long start = System.nanoTime();
    SbomDocument sbom = SbomDocument.read(document, Cancellation.none());
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertEquals(20_000, sbom.components().size());
    System.out.printf("20k components, %s, %.1f MB: read in %d ms%n", format, document.length / 1e6, millis);
  }

  private static List<String> names(int count) {
    return IntStream.range(0, count).mapToObj(i -> "component-" + i).toList();
  }
}
