package io.epr.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.epr.model.Cancellation;
import io.epr.support.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** The CycloneDX project's example SBOMs (1.1 to 1.4, JSON and XML), read where they lie in the shared data. */
class RealSbomsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<Path> realSboms() {
    return SharedData.sbomExamples()
        .filter(p -> p.getFileName().toString().matches("bom.*\\.(json|xml)"));
  }

  @Test
  void allElevenAreThere() {
    assertEquals(11, realSboms().count());
  }

  @ParameterizedTest
  @MethodSource("realSboms")
  void readsEveryComponentOfItsOwnVersion(Path sbom) throws Exception {
    Independent expected = sbom.toString().endsWith(".json") ? jsonWalk(sbom) : xmlWalk(sbom);

    SbomDocument read = SbomDocument.read(Files.readAllBytes(sbom), Cancellation.none());

    assertEquals(expected.format(), read.format());
    assertEquals(expected.specVersion(), read.specVersion());
    assertEquals(expected.serialNumber(), read.serialNumber());
    assertEquals(expected.subjectPurl(), read.componentPurl());
    assertEquals(expected.names(), read.components().stream().map(SbomComponent::name).toList());
  }

  /** Not dropwizard's: its XML has no license for osgi-resource-locator, its JSON has an expression. */
  @ParameterizedTest
  @CsvSource({"juice-shop/v11.1.2/bom.json, juice-shop/v11.1.2/bom.xml",
      "laravel-7.12.0/bom.1.4.json, laravel-7.12.0/bom.1.4.xml",
      "laravel-7.12.0/bom.1.2.json, laravel-7.12.0/bom.1.3.json",
      "laravel-7.12.0/bom.1.2.xml, laravel-7.12.0/bom.1.3.xml"})
  void theSameBomReadsTheSameInJsonAndXml(String one, String other) throws Exception {
    assertEquals(read(one).components(), read(other).components());
  }

  @Test
  void dropwizardComponentsWithTheirPurlsLicensesAndHashes() throws Exception {
    SbomDocument dropwizard = read("dropwizard-1.3.15/bom.json");

    assertEquals("dropwizard-parent", dropwizard.componentName());
    assertEquals("1.3.15", dropwizard.componentVersion());
    SbomComponent annotations = dropwizard.components().get(0);
    assertEquals("pkg:maven/com.fasterxml.jackson.core/jackson-annotations@2.9.10?type=jar", annotations.bomRef());
    assertEquals("library", annotations.type());
    assertEquals("com.fasterxml.jackson.core", annotations.group());
    assertEquals(new PurlParts("maven", "com.fasterxml.jackson.core", "jackson-annotations", "2.9.10", "type=jar",
        null), annotations.purlParts());
    assertEquals(List.of("Apache-2.0"), annotations.licenses());
    assertEquals("26c2b6f7bc704ccadc64c83995e0ff7f", annotations.hashes().get("MD5"));
    assertEquals("c876f2e85d0f108a34cdd11ccc9d8d7875697367efc75bf10a89c2c26aee994c",
        annotations.hashes().get("SHA-256"));

    SbomComponent checker = named(dropwizard, "checker-compat-qual");
    assertEquals(List.of("GNU General Public License, version 2 (GPL2), with the classpath exception", "MIT"),
        checker.licenses());
    assertEquals(List.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512", "SHA3-256", "SHA3-384", "SHA3-512"),
        List.copyOf(checker.hashes().keySet()));
    assertEquals(List.of("(CDDL-1.0 OR GPL-2.0-with-classpath-exception)"),
        named(dropwizard, "osgi-resource-locator").licenses());
  }

  @Test
  void juiceShopNpmComponents() throws Exception {
    SbomDocument juiceShop = read("juice-shop/v11.1.2/bom.xml");

    assertEquals("pkg:npm/juice-shop@11.1.2", juiceShop.componentPurl());
    SbomComponent bodyParser = named(juiceShop, "body-parser");
    assertEquals(new PurlParts("npm", null, "body-parser", "1.19.0", null, null), bodyParser.purlParts());
    assertEquals(Map.of("SHA-1", "96b2709e57c9c4e09a6fd66a8fd979844f69f08a"), bodyParser.hashes());
    assertEquals(List.of("(MIT OR Apache-2.0)"), named(juiceShop, "atob").licenses());
  }

  @Test
  void laravel11XmlHasNoMetadataAndComposerPurls() throws Exception {
    SbomDocument laravel = read("laravel-7.12.0/bom.1.1.xml");

    assertEquals("1.1", laravel.specVersion());
    assertNull(laravel.componentName());
    SbomComponent stackCors = laravel.components().get(0);
    assertNull(stackCors.bomRef());
    assertEquals(new PurlParts("composer", "asm89", "stack-cors", "1.3.0", null, null), stackCors.purlParts());
    assertEquals(List.of("MIT"), stackCors.licenses());
  }

  private static SbomDocument read(String relative) throws Exception {
    return SbomDocument.read(
        Files.readAllBytes(SharedData.path("cyclonedx-examples/SBOM/" + relative)), Cancellation.none());
  }

  private static SbomComponent named(SbomDocument sbom, String name) {
    return sbom.components().stream().filter(c -> name.equals(c.name())).findFirst().orElseThrow();
  }

  /** What the reader must find, found without cyclonedx-core-java. */
  private record Independent(SbomFormat format, String specVersion, String serialNumber, String subjectPurl,
      List<String> names) {}

  private static Independent jsonWalk(Path sbom) throws IOException {
    JsonNode bom = JSON.readTree(sbom.toFile());
    List<String> names = new ArrayList<>();
    addJsonNames(bom.path("components"), names);
    return new Independent(SbomFormat.JSON, bom.get("specVersion").asText(), bom.path("serialNumber").textValue(),
        bom.at("/metadata/component/purl").textValue(), names);
  }

  private static void addJsonNames(JsonNode components, List<String> names) {
    for (JsonNode component : components) {
      names.add(component.get("name").asText());
      addJsonNames(component.path("components"), names);
    }
  }

  private static Independent xmlWalk(Path sbom) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    Element bom = factory.newDocumentBuilder().parse(sbom.toFile()).getDocumentElement();
    List<String> names = new ArrayList<>();
    addXmlNames(child(bom, "components"), names);
    Element purl = child(child(child(bom, "metadata"), "component"), "purl");
    return new Independent(SbomFormat.XML, bom.getNamespaceURI().replace("http://cyclonedx.org/schema/bom/", ""),
        bom.hasAttribute("serialNumber") ? bom.getAttribute("serialNumber") : null,
        purl == null ? null : purl.getTextContent(), names);
  }

  private static void addXmlNames(Element components, List<String> names) {
    if (components == null) {
      return;
    }
    for (Node node = components.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element component && component.getLocalName().equals("component")) {
        names.add(child(component, "name").getTextContent());
        addXmlNames(child(component, "components"), names);
      }
    }
  }

  private static Element child(Element parent, String name) {
    if (parent == null) {
      return null;
    }
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element && element.getLocalName().equals(name)) {
        return element;
      }
    }
    return null;
  }
}
