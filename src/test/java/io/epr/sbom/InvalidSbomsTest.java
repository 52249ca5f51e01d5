package io.epr.sbom;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.epr.model.Cancellation;
import io.epr.support.HostileXml;
import io.epr.support.SbomGenerator;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Documents refused, each with a message saying what is wrong and where. */
class InvalidSbomsTest {
  private static final String BOM_14 = """
      {"bomFormat":"CycloneDX","specVersion":"1.4","version":1,
       "components":[{"type":"library","name":"acme","version":"1.0","licenses":[{"license":{"id":"MIT"}}]}]}""";
  private static final String XML_14 = """
      <?xml version="1.0" encoding="UTF-8"?>
      <bom xmlns="http://cyclonedx.org/schema/bom/1.4" version="1"><components><component type="library">\
      <name>acme</name><version>1.0</version><licenses><license><id>MIT</id></license></licenses>\
      </component></components></bom>""";
  private static final String REMOTE_ENTITY = "<!DOCTYPE bom [<!ENTITY x SYSTEM \"http://SERVER/entity\">]>";
  private static final String SECRET = "the content of a file the server must never read";

  private static final AtomicInteger REQUESTS = new AtomicInteger();
  private static HttpServer entityServer;

  @TempDir
  static Path dir;

  @BeforeAll
  static void startAServerEntitiesCouldBeFetchedFrom() throws Exception {
    entityServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    entityServer.createContext("/", exchange -> {
      REQUESTS.incrementAndGet();
      byte[] body = "fetched".getBytes(UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    entityServer.start();
    Files.writeString(dir.resolve("secret.txt"), SECRET);
  }

  @AfterAll
  static void stopTheServer() {
    entityServer.stop(0);
  }

  @Test
  void emptyAndBlankBodies() {
    assertEquals("not a CycloneDX document:\nthe body is empty", refused("").getMessage());
    assertEquals("not a CycloneDX document:\nthe body is blank", refused(" \r\n\t").getMessage());
  }

  @Test
  void neitherJsonNorXml() {
    assertEquals(List.of("the body is neither JSON (an object starting with '{') nor XML (starting with '<')"),
        refused("bomFormat=CycloneDX").problems());
  }

  @Test
  void jsonThatIsNotAnObject() {
    assertEquals(List.of("the body is a JSON array, not an object"), refused("[{\"bomFormat\":\"CycloneDX\"}]")
        .problems());
    assertEquals(List.of("the body is a JSON string, not an object"), refused("\"CycloneDX\"").problems());
  }

  @Test
  void bomFormatAndSpecVersionMissingOrWrong() {
    assertEquals("""
        not a CycloneDX document:
        bomFormat is missing: a CycloneDX JSON document has "bomFormat": "CycloneDX"
        specVersion is missing: a CycloneDX JSON document has one, e.g. "specVersion": "1.6\"""",
        refused("{\"version\":1}").getMessage());
    assertEquals(List.of("bomFormat is \"SPDX\", not \"CycloneDX\""),
        refused(BOM_14.replace("CycloneDX", "SPDX")).problems());
    assertEquals(List.of("specVersion is 1.4, not a string such as \"1.6\""),
        refused(BOM_14.replace("\"1.4\"", "1.4")).problems());
  }

  @Test
  void jsonExistsFrom12() {
    assertEquals("""
        unsupported CycloneDX version:
        CycloneDX 1.1 has no JSON format; supported JSON versions: 1.2, 1.3, 1.4, 1.5, 1.6""",
        refused(BOM_14.replace("1.4", "1.1")).getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.7", "2.0"})
  void versionsNotSupportedYet(String specVersion) {
    assertEquals(List.of("CycloneDX \"" + specVersion + "\" is not supported (yet); supported JSON versions: "
        + "1.2, 1.3, 1.4, 1.5, 1.6"), refused(BOM_14.replace("1.4", specVersion)).problems());
    assertEquals(List.of("CycloneDX \"" + specVersion + "\" is not supported (yet); supported XML versions: "
        + "1.0, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6"), refused(XML_14.replace("1.4", specVersion)).problems());
  }

  @Test
  void truncatedJsonSaysWhere() {
    byte[] whole = SbomGenerator.json("1.6", 20, null);
    String half = new String(whole, 0, whole.length / 2, UTF_8);

    assertEquals("malformed JSON:\nline 1, column " + (half.length() + 1)
        + ": the document ends before its JSON is complete (truncated?)", refused(half).getMessage());
  }

  @Test
  void malformedJsonSaysWhatAndWhere() {
    InvalidSbomException e = refused("{\"bomFormat\":\"CycloneDX\",\n,\"specVersion\":\"1.4\"}");

    assertEquals("malformed JSON:", e.getMessage().lines().findFirst().orElseThrow());
    assertTrue(e.problems().get(0).startsWith("line 2, column 1: Unexpected character (','"), e::getMessage);
    assertTrue(refused(BOM_14 + " {}").problems().get(0).startsWith("line 2, column "));
  }

  @Test
  void xmlOfAnotherNamespaceOrRoot() {
    String expected =
        ": a CycloneDX XML document's root is bom in the namespace http://cyclonedx.org/schema/bom/<version>";
    assertEquals(List.of("the root element is \"{http://example.com/bom/1.4}bom\"" + expected),
        refused(XML_14.replace("http://cyclonedx.org/schema/bom/1.4", "http://example.com/bom/1.4")).problems());
    assertEquals(List.of("the root element is \"bom\"" + expected),
        refused(XML_14.replace(" xmlns=\"http://cyclonedx.org/schema/bom/1.4\"", "")).problems());
    assertEquals(List.of("the root element is \"{http://cyclonedx.org/schema/bom/1.4}sbom\"" + expected),
        refused("<sbom xmlns=\"http://cyclonedx.org/schema/bom/1.4\"/>").problems());
  }

  @Test
  void malformedXmlSaysWhere() {
    InvalidSbomException beforeTheRoot = refused("<?xml version=\"1.0\"?>\n<<bom/>");
    InvalidSbomException withoutRoot = refused("<?xml version=\"1.0\"?>\n<!-- no bom -->");
    InvalidSbomException inTheBom = refused(XML_14.substring(0, XML_14.length() - 20));

    assertEquals("malformed XML:\nline 2, column 2: The markup in the document preceding the root element must be "
        + "well-formed.", beforeTheRoot.getMessage());
    assertTrue(withoutRoot.getMessage().startsWith("malformed XML:\nline 2, column "), withoutRoot::getMessage);
    assertEquals("not a valid CycloneDX 1.4 document:\nline 2, column 202: XML document structures must start and end "
        + "within the same entity.", inTheBom.getMessage());
  }

  /** cyclonedx-core-java's validate(bytes) would take this 1.4 document as valid: it validates against 1.6. */
  @Test
  void json14IsValidatedAs14Not16() throws Exception {
    String definitions = BOM_14.replace("\"version\":1,",
        "\"version\":1,\"definitions\":{\"standards\":[{\"bom-ref\":\"std\",\"name\":\"A standard\"}]},");
    assertTrue(new JsonParser().isValid(definitions.getBytes(UTF_8)));

    assertEquals("""
        not a valid CycloneDX 1.4 document:
        (root): property 'definitions' is not defined in the schema and the schema does not allow additional \
        properties""", refused(definitions).getMessage());
    assertEquals("1.6", SbomDocument.read(
        definitions.replace("1.4", "1.6").getBytes(UTF_8), Cancellation.none()).specVersion());
  }

  @Test
  void xml14IsValidatedAs14Not16() throws Exception {
    String cryptographicAsset = XML_14.replace("type=\"library\"", "type=\"cryptographic-asset\"");

    List<String> problems = refused(cryptographicAsset).problems();
    assertEquals(2, problems.size(), problems::toString);
    assertTrue(problems.get(0).startsWith("line 2, column 112: cvc-enumeration-valid: Value 'cryptographic-asset' "
        + "is not facet-valid with respect to enumeration '[application, framework, "), problems::toString);
    assertEquals("1.6", SbomDocument.read(
        cryptographicAsset.replace("1.4", "1.6").getBytes(UTF_8), Cancellation.none()).specVersion());
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.4", "1.6"})
  void badLicenseIdHasItsPointer(String specVersion) {
    List<String> problems = refused(BOM_14.replace("1.4", specVersion).replace("MIT", "NOT-A-LICENSE")).problems();

    String problem = problems.stream().filter(p -> p.startsWith("/components/0/licenses/0/license/id"))
        .findFirst().orElseThrow(() -> new AssertionError(problems));
    assertTrue(problem.startsWith("/components/0/licenses/0/license/id (\"NOT-A-LICENSE\"): does not have a value in "
        + "the enumeration [\"0BSD\", \"3D-Slicer-1.0\", \"AAL\", "), problem);
    assertTrue(problem.matches(".*, … \\d{3} in all]") && problem.length() < 300, problem);
  }

  @Test
  void badLicenseIdInXmlHasItsLine() {
    List<String> problems = refused(XML_14.replace("MIT", "NOT-A-LICENSE")).problems();

    assertEquals(2, problems.size(), problems::toString);
    assertTrue(problems.get(0).matches("line 2, column 180: cvc-enumeration-valid: Value 'NOT-A-LICENSE' is not "
        + "facet-valid with respect to enumeration '\\[0BSD, 3D-Slicer-1.0, AAL, .*, … \\d{3} in all]'\\. It must be a "
        + "value from the enumeration\\."), problems::toString);
    assertEquals("line 2, column 180: cvc-type.3.1.3: The value 'NOT-A-LICENSE' of element 'id' is not valid.",
        problems.get(1));
  }

  /** The XSDs' uniqueness constraint, which UniqueBomRefs checks in place of the JDK's validator. */
  @Test
  void duplicateBomRefsInXml() {
    String twice = XML_14.replace("<component type=\"library\">", "<component type=\"library\" bom-ref=\"acme\">")
        .replace("</component>", "</component><component type=\"library\" bom-ref=\"acme\"><name>acme</name>"
            + "</component>");
    String generated = new String(SbomGenerator.xml16(20), UTF_8).replace("bom-ref=\"ref-13\"", "bom-ref=\"ref-3\"");

    assertEquals(List.of("line 2, column 259: bom-ref \"acme\" is already used: a bom-ref is unique in the document"),
        refused(twice).problems());
    List<String> problems = refused(generated).problems();
    assertEquals(1, problems.size(), problems::toString);
    assertTrue(problems.get(0).endsWith(": bom-ref \"ref-3\" is already used: a bom-ref is unique in the document"));
  }

  @Test
  void aHundredProblemsAreListedAndTheRestCounted() {
    String components = IntStream.range(0, 150)
        .mapToObj(i -> "{\"type\":\"library\",\"name\":\"c" + i + "\",\"licenses\":[{\"license\":{\"id\":\"BAD\"}}]}")
        .collect(Collectors.joining(",", "[", "]"));

    List<String> problems = refused(BOM_14.replaceFirst("\\[\\{\"type.*]}]", components)).problems();

    assertEquals(101, problems.size());
    assertTrue(problems.get(99).startsWith("/components/99/licenses/0/license/id (\"BAD\"): "), problems.get(99));
    assertEquals("… and 50 more problems", problems.get(100));
  }

  /** The strict 1.2 schema cyclonedx-core-java validates with wants "$schema" bom-1.2a; its own $id is bom-1.2b. */
  @Test
  void a12DocumentMayNameTheSchemaItIsValidatedAgainst() throws Exception {
    String bom12 = BOM_14.replace("1.4", "1.2").replace("{\"bomFormat\"", "{\"$schema\":\"%s\",\"bomFormat\"");

    SbomDocument.read(
        bom12.formatted("http://cyclonedx.org/schema/bom-1.2b.schema.json").getBytes(UTF_8), Cancellation.none());
    SbomDocument.read(
        bom12.formatted("http://cyclonedx.org/schema/bom-1.2a.schema.json").getBytes(UTF_8), Cancellation.none());
    assertEquals(List.of("/$schema (\"http://cyclonedx.org/schema/bom-1.4.schema.json\"): does not have a value in the "
            + "enumeration [\"http://cyclonedx.org/schema/bom-1.2a.schema.json\"]"),
        refused(bom12.formatted("http://cyclonedx.org/schema/bom-1.4.schema.json")).problems());
  }

  /** The XXE documents below are live: the JDK's default DOM parser fetches their entities. */
  @Test
  void aNaiveParserFetchesTheEntity() throws Exception {
    int before = REQUESTS.get();

    String name = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(xxe(REMOTE_ENTITY).getBytes(UTF_8)))
        .getElementsByTagName("name").item(0).getTextContent();

    assertEquals("fetched", name);
    assertEquals(before + 1, REQUESTS.get());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "<!DOCTYPE bom [<!ENTITY x SYSTEM \"file://SECRET_FILE\">]>",
      REMOTE_ENTITY,
      "<!DOCTYPE bom SYSTEM \"http://SERVER/bom.dtd\">",
      "<!DOCTYPE bom [<!ENTITY % p SYSTEM \"http://SERVER/parameter\"> %p;]>",
      "<!DOCTYPE bom [<!ENTITY x \"x\"><!ENTITY x2 \"&x;&x;&x;&x;&x;&x;&x;&x;\"><!ENTITY x3 \"&x2;&x2;&x2;&x2;\">]>"})
  void xxeIsRefusedWithNothingFetchedOrRead(String doctype) {
    int before = REQUESTS.get();

    InvalidSbomException e = refused(xxe(doctype));

    assertTrue(e.getMessage().matches("refused XML document:\nline 2, column \\d+: a DOCTYPE is not allowed: CycloneDX "
        + "needs no DTD, and one may declare entities \\(XXE\\); nothing it declares was fetched or expanded"),
        e::getMessage);
    assertFalse(e.getMessage().contains(SECRET));
    assertEquals(before, REQUESTS.get());
  }

  /** The limits of XML, each just passed: the line and column are where the parser stood, after the start tag. */
  @Test
  void xmlPastItsLimitsIsRefusedSayingWhichAndWhere() {
    String limit = "; that is the limit for an SBOM in XML";
    assertEquals(List.of("line 2, column 1562: elements are nested more than 500 deep" + limit),
        refused(HostileXml.SBOM.nested(500)).problems());
    assertTrue(refused(HostileXml.SBOM.nested(499)).getMessage().startsWith("not a valid CycloneDX 1.6 document:"));
    assertEquals(List.of("line 2, column 764: the element \"c\" has 101 attributes (namespace declarations "
        + "included), more than 100" + limit), refused(HostileXml.SBOM.attributes(101)).problems());
    assertTrue(refused(HostileXml.SBOM.attributes(100)).getMessage().startsWith("not a valid CycloneDX 1.6 document:"));
    assertEquals(List.of("line 2, column 12000062: the document has more than 3000000 elements" + limit),
        refused(HostileXml.SBOM.elements(3_000_000)).problems());
    assertEquals(List.of("line 2, column 20000066: the text of one element is longer than 20000000 characters"
        + limit), refused(HostileXml.SBOM.text(20_000_001)).problems());
  }

  /** 248 components inside each other put a license id 500 elements deep: valid, and read whole. */
  @Test
  void componentsNestedToTheDepthLimitAreRead() throws Exception {
    String component = "<component type=\"library\"><name>c</name><components>";
    String nested = XML_14.replace("<components><component type=\"library\">",
        "<components>" + component.repeat(247) + "<component type=\"library\">")
        .replace("</component></components>", "</component>" + "</components></component>".repeat(247)
            + "</components>");

    assertEquals(248, SbomDocument.read(nested.getBytes(UTF_8), Cancellation.none()).components().size());
    assertEquals(List.of("line 2, column 13013: elements are nested more than 500 deep; that is the limit for an "
        + "SBOM in XML"), refused(nested.replace("<id>MIT</id>", "<id>MIT<x/></id>")).problems());
  }

  /** A request that is cancelled (its timeout, its client gone) stops reading its document. */
  @ParameterizedTest
  @ValueSource(strings = {"json", "xml"})
  void aCancelledReadStops(String format) {
    Cancellation cancellation = new Cancellation();
    cancellation.cancel("the client went away");
    byte[] document = format.equals("json") ? SbomGenerator.json("1.6", 5, null) : SbomGenerator.xml16(5);

    assertEquals("the client went away; the request was stopped before it changed anything, so it can be sent again",
        assertThrows(Cancellation.CancelledException.class, () -> SbomDocument.read(document, cancellation))
            .getMessage());
  }

  /** XML_14 with the DOCTYPE, its entity (if it declares one) as the component's name. */
  private static String xxe(String doctype) {
    String entity = doctype.contains("x3") ? "&x3;" : doctype.contains("ENTITY x ") ? "&x;" : "acme";
    return XML_14
        .replace("<bom ", doctype.replace("SECRET_FILE", dir.resolve("secret.txt").toString())
            .replace("SERVER", "127.0.0.1:" + entityServer.getAddress().getPort()) + "\n<bom ")
        .replace("<name>acme</name>", "<name>" + entity + "</name>");
  }

  private static InvalidSbomException refused(byte[] document) {
    return refused(new String(document, UTF_8));
  }

  private static InvalidSbomException refused(String document) {
    return assertThrows(InvalidSbomException.class, () -> SbomDocument.read(
        document.getBytes(UTF_8), Cancellation.none()),
        () -> Arrays.toString(document.lines().limit(3).toArray()));
  }
}
