package io.epr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.epr.support.Bodies;
import io.epr.support.Http;
import io.epr.support.Http.Response;
import io.epr.support.SbomGenerator;
import io.epr.support.ServerTest;
import io.epr.support.SharedData;
import io.epr.support.TopicReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** SBOMs posted by build jobs, fetched back unchanged, and found by NVRPP and by purl. */
class SbomProvenanceTest extends ServerTest {
  static final HttpClient CLIENT = HttpClient.newHttpClient();

  static Stream<Path> realSboms() {
    return SharedData.sbomExamples()
        .filter(p -> p.getFileName().toString().matches("bom(\\.1\\.[234])?\\.(json|xml)"))
        .filter(p -> !p.getFileName().toString().equals("bom.1.1.xml"));
  }

  @ParameterizedTest
  @MethodSource("realSboms")
  void aRealSbomRoundTripsAndIsIndexed(Path file) throws Exception {
    byte[] document = Files.readAllBytes(file);
    String release = "real-" + System.nanoTime();
    String id = postSbom(document, release);

    HttpResponse<byte[]> back = CLIENT.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/sboms/" + id)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, back.statusCode());
    assertArrayEquals(document, back.body(), "exactly as posted");
    assertTrue(back.headers().firstValue("Content-Type").orElseThrow()
        .startsWith(file.toString().endsWith(".xml") ? "application/vnd.cyclonedx+xml" : "application/vnd.cyclonedx+json"));

    JsonNode sbom = provenance(release).at("/sboms/0");
    assertEquals(id, sbom.get("id").asText());
    assertEquals(file.toString().endsWith(".xml") ? countXmlComponents(document) : countJsonComponents(document),
        sbom.get("component_count").asInt(), "every component, nested ones included");
  }

  /** A purl a person typed with npm's @scope as is: the refusal says how to write it. */
  @Test
  void aPurlWithAnUnescapedScopeIsRefusedWithAHint() {
    JsonNode r = http.graphql("{components(purl: \"pkg:npm/@angular/core\") {sbom_id}}", null);

    assertTrue(r.at("/errors/0/message").asText().endsWith("a scope's @ is written %40, as in pkg:npm/%40angular/core"),
        r.toString());
  }

  @Test
  void generatedSbomsAreFoundByPurlWithAndWithoutVersion() {
    String releaseA = "gen-a-" + System.nanoTime();
    String releaseB = "gen-b-" + System.nanoTime();
    String a = postSbom(SbomGenerator.json("1.6", 10_000, "pkg:oci/app-a@1.0"), releaseA);
    String b = postSbom(SbomGenerator.json("1.5", 300, "pkg:oci/app-b@2.0"), releaseB);
    assertEquals(10_000, provenance(releaseA).at("/sboms/0/component_count").asInt());

    JsonNode first = provenance(releaseA).at("/sboms/0/components");
    assertEquals(100, first.size(), "a page of 100 by default");
    JsonNode exact = components("{components(purl: \"" + first.get(7).get("purl").asText() + "\") "
        + "{sbom_id, name, version, release, platform_id, package, component {name, version, purl, licenses}}}");
    assertTrue(exact.size() >= 1);
    assertTrue(exact.findValuesAsText("sbom_id").contains(a));
    assertEquals(first.get(7).get("name").asText(), exact.get(0).at("/component/name").asText());

    String versionless = first.get(7).get("purl").asText().replaceAll("@[^?#]*", "");
    JsonNode all = components("{components(purl: \"" + versionless + "\", first: 1000) {sbom_id, component {version}}}");
    assertTrue(all.findValuesAsText("sbom_id").containsAll(List.of(a)), all.toString());
    assertTrue(all.size() >= exact.size());
    assertTrue(b.length() == 26);
  }

  /** A package's builds over time: each use carries when its SBOM was stored, the time of the SBOM's event. */
  @Test
  void eachUseOfAPackageSaysWhenItsSbomWasStored() {
    String purl = "pkg:npm/over-time-" + System.nanoTime();
    String older = postSbom(oneComponent(purl, "1.0"), "time-1");
    String newer = postSbom(oneComponent(purl, "2.0"), "time-2");
    JsonNode uses = components("{components(purl: \"" + purl + "\") {sbom_id, release, created_at, "
        + "component {version}}}");
    assertEquals(List.of(older, newer), uses.findValuesAsText("sbom_id"), uses.toString());
    assertEquals(List.of("1.0", "2.0"), uses.findValuesAsText("version"));
    for (JsonNode use : uses) {
      String stored = http.get("/api/v1/events/" + use.get("sbom_id").asText()).json().at("/data/0/created_at").asText();
      assertEquals(stored, use.get("created_at").asText());
    }
    assertTrue(OffsetDateTime.parse(uses.get(0).get("created_at").asText())
        .isBefore(OffsetDateTime.parse(uses.get(1).get("created_at").asText())));
  }

  private static byte[] oneComponent(String purl, String version) {
    return ("{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.5\", \"version\": 1, \"components\": [{\"type\": "
        + "\"library\", \"name\": \"over-time\", \"version\": \"" + version + "\", \"purl\": \"" + purl + "@" + version
        + "\"}]}").getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void rePostingTheSameDocumentIsIdempotent() throws Exception {
    byte[] document = SbomGenerator.json("1.6", 50, "pkg:oci/idem@1");
    String release = "idem-" + System.nanoTime();
    String first = postSbom(document, release);
    assertEquals(first, postSbom(document, release));
    assertEquals(1, provenance(release).get("sboms").size());
    assertEquals(1, provenance(release).get("events").size());
    assertEquals(50, count("SELECT count(*) FROM epr_sbom_components WHERE sbom_id = '" + first + "'"));
  }

  @Test
  void invalidDocumentsAreRefusedAndNothingIsStored() throws Exception {
    long events = count("SELECT count(*) FROM events");
    long sboms = count("SELECT count(*) FROM epr_sboms");
    String valid = new String(SbomGenerator.json("1.4", 3, "pkg:oci/x@1"), StandardCharsets.UTF_8);
    List<String> invalid = List.of(
        valid.replace("\"CycloneDX\"", "\"SPDX\""),
        valid.substring(0, valid.length() / 2),
        valid.replaceFirst("\\{", "{\"formulation\":[],"),
        "<?xml version=\"1.0\"?><bom xmlns=\"http://example.com/not/cyclonedx\" version=\"1\"></bom>",
        "not a bom");
    for (String body : invalid) {
      Response r = postSbomRaw(body.getBytes(StandardCharsets.UTF_8), "bad-" + System.nanoTime());
      assertEquals(400, r.status(), r.body());
      assertTrue(r.error().startsWith("invalid input: "), r.body());
    }
    Response noName = http.post("/api/v1/sboms?version=1&release=r&platform_id=p&package=k", valid);
    assertEquals("invalid input: name cannot be blank", noName.error());
    assertEquals(events, count("SELECT count(*) FROM events"));
    assertEquals(sboms, count("SELECT count(*) FROM epr_sboms"));
  }

  @Test
  void aStoredSbomEmitsArtifactPackagedWithItsLink() throws Exception {
    String release = "cdevent-" + System.nanoTime();
    String id = postSbom(SbomGenerator.json("1.6", 5, "pkg:oci/app-c@3.1"), release);
    try (TopicReader cdevents = new TopicReader(server.brokers, server.config().cdeventsTopic())) {
      JsonNode packaged = TopicReader.json(cdevents.await(e -> e.at("/subject/id").asText().equals("pkg:oci/app-c@3.1")
          && e.toString().contains(id), 1, Duration.ofSeconds(15)).get(0));
      assertEquals("dev.cdevents.artifact.packaged.0.3.0", packaged.at("/context/type").asText());
      assertEquals(server.config().publicUrl() + "/api/v1/sboms/" + id, packaged.at("/subject/content/sbom/uri").asText());
      assertEquals(release, packaged.at("/subject/content/change/id").asText());
    }
    JsonNode cdevents = provenance(release).get("cdevents");
    assertEquals("dev.cdevents.artifact.packaged.0.3.0", cdevents.get(0).get("type").asText());
    assertEquals("pkg:oci/app-c@3.1", cdevents.get(0).get("subject_id").asText());
  }

  @Test
  void aCycloneDxPayloadPostedAsAnEventIsIndexedToo() throws Exception {
    String rid = http.post("/api/v1/receivers", Bodies.receiver("sboms", "build.artifact.cyclonedx.sbom")).id();
    String bom = new String(SbomGenerator.json("1.6", 12, "pkg:oci/from-event@9"), StandardCharsets.UTF_8);
    String release = "event-sbom-" + System.nanoTime();
    String eventId = http.post("/api/v1/events", Bodies.event(rid, "svc", release).set("payload", Http.parse(bom))).id();
    JsonNode sbom = provenance(release).at("/sboms/0");
    assertEquals(eventId, sbom.get("id").asText());
    assertEquals(12, sbom.get("component_count").asInt());
    assertEquals(Http.parse(bom), Http.parse(http.get("/api/v1/sboms/" + eventId).body()));
  }

  @Test
  void provenanceHasTheEventsWithReceiversTheGroupsAndTheCdevents() {
    String rid = http.post("/api/v1/receivers", Bodies.receiver("build", "ci.pipelinerun.finished")).id();
    String gid = http.post("/api/v1/groups", Bodies.group("g", rid)).id();
    String release = "prov-" + System.nanoTime();
    String e1 = http.post("/api/v1/events", Bodies.event(rid, "svc", release)).id();
    String e2 = http.post("/api/v1/events", Bodies.event(rid, "svc", release)).id();
    JsonNode p = provenance(release);
    assertEquals(List.of(e1, e2), p.get("events").findValuesAsText("id"), "oldest first");
    assertEquals("ci.pipelinerun.finished", p.at("/events/0/event_receiver/type").asText());
    assertEquals(List.of(gid), p.get("groups_completed").findValuesAsText("id"));
    assertEquals(2, p.get("cdevents").size());
    assertEquals("dev.cdevents.pipelinerun.finished.0.3.0", p.at("/cdevents/0/type").asText());
  }

  private static String base() {
    return "http://127.0.0.1:" + server.port;
  }

  private static String postSbom(byte[] document, String release) {
    return postSbomRaw(document, release).id();
  }

  private static Response postSbomRaw(byte[] document, String release) {
    try {
      HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/sboms?name=svc&version=1"
              + "&release=" + release + "&platform_id=linux&package=oci"))
          .POST(HttpRequest.BodyPublishers.ofByteArray(document)).build(), HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body(), r.headers());
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  private static JsonNode provenance(String release) {
    JsonNode r = http.graphql("{provenance(name:\"svc\", version:\"1\", release:\"" + release + "\", platform_id:\"linux\", "
        + "package:\"oci\") {events {id, created_at, event_receiver {type}} sboms {id, spec_version, component_count, "
        + "components {name, version, purl, licenses}} groups_completed {id} cdevents {id, type, subject_id, "
        + "kafka_delivered, cdviz_delivered}}}", null);
    assertTrue(!r.has("errors"), r.toString());
    return r.at("/data/provenance");
  }

  private static JsonNode components(String query) {
    JsonNode r = http.graphql(query, null);
    assertTrue(!r.has("errors"), r.toString());
    return r.at("/data/components");
  }

  private static long count(String sql) throws Exception {
    try (Connection c = server.db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static int countJsonComponents(byte[] document) throws IOException {
    return countJson(Http.JSON.readTree(document).path("components"));
  }

  private static int countJson(JsonNode components) {
    int n = 0;
    for (JsonNode c : components) {
      n += 1 + countJson(c.path("components"));
    }
    return n;
  }

  static int countXmlComponents(byte[] document) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    Element bom = f.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(document)).getDocumentElement();
    return countXml(child(bom, "components"));
  }

  private static int countXml(Element components) {
    if (components == null) {
      return 0;
    }
    int n = 0;
    for (Node c = components.getFirstChild(); c != null; c = c.getNextSibling()) {
      if (c instanceof Element e && e.getLocalName().equals("component")) {
        n += 1 + countXml(child(e, "components"));
      }
    }
    return n;
  }

  private static Element child(Element parent, String name) {
    for (Node c = parent.getFirstChild(); c != null; c = c.getNextSibling()) {
      if (c instanceof Element e && e.getLocalName().equals(name)) {
        return e;
      }
    }
    return null;
  }
}
