package io.epr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.epr.support.ServerTest;
import io.epr.support.SharedData;
import io.epr.support.Http;
import io.epr.support.Http.Response;
import io.epr.support.TopicReader;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The EPR workshop's acceptance scenarios 1–11, 13 and 14 (workshop.md), over HTTP and the real broker. */
class WorkshopScenariosTest extends ServerTest {
  static final Duration WAIT = Duration.ofSeconds(15);
  static final String RECEIVER = "{\"name\":\"foobar\",\"type\":\"foo.bar\",\"version\":\"1.1.3\","
      + "\"description\":\"The event receiver of Brixton\","
      + "\"schema\":{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}}}}";
  static final String EVENT = "{\"name\":\"magnificent\",\"version\":\"7.0.1\",\"release\":\"2023.11.16\","
      + "\"platform_id\":\"linux\",\"package\":\"docker\",\"description\":\"blah\",\"payload\":{\"name\":\"joe\"},"
      + "\"success\":true,\"event_receiver_id\":\"%s\"}";
  static final String SBOM_EVENT = "{\"name\":\"epr\",\"version\":\"1.0.1\",\"release\":\"2023.11.16\","
      + "\"platform_id\":\"aarch64-gnu-linux-7\",\"package\":\"oci\",\"description\":\"scan of the EPR OCI image\","
      + "\"success\":true,\"event_receiver_id\":\"%s\",\"payload\":%s}";
  static final String BOM = "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"%s\","
      + "\"serialNumber\":\"urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79\",\"version\":1,"
      + "\"metadata\":{\"timestamp\":\"2025-09-25T12:00:00Z\",\"component\":{\"type\":\"container\",\"name\":\"epr-server\",\"version\":\"local\"}},"
      + "\"components\":[{\"type\":\"library\",\"name\":\"github.com/go-chi/chi/v5\",\"version\":\"v5.0.11\","
      + "\"purl\":\"pkg:golang/github.com/go-chi/chi/v5@v5.0.11\",\"licenses\":[{\"license\":{\"id\":\"%s\"}}]}]}";


  static JsonNode message(String id, String type) {
    List<ConsumerRecord<String, String>> found =
        topic.await(m -> m.path("id").asText().equals(id) && m.path("type").asText().equals(type), 1, WAIT);
    return TopicReader.json(found.get(0));
  }

  static void noMessage(String id, String type) {
    assertEquals(0, topic.settle(m -> m.path("id").asText().equals(id) && m.path("type").asText().equals(type),
        Duration.ofSeconds(2)).size(), "no " + type + " message expected for " + id);
  }

  @Test
  void scenario1_receiverCreate() {
    String rid = http.post("/api/v1/receivers", RECEIVER).id();
    assertEquals(26, rid.length());
    JsonNode m = message(rid, "epr.event.receiver.created");
    assertEquals("epr", m.get("source").asText());
    assertEquals("event-provenance-registry", m.get("platform_id").asText());
    assertEquals("event.receiver", m.get("package").asText());
    assertEquals("464df32e59fe3f4a28b868da8b01eeee457ea1e90e45ef3a9c60362a78c26bed",
        m.at("/data/event_receivers/0/fingerprint").asText());
    JsonNode got = http.get("/api/v1/receivers/" + rid).json().get("data").get(0);
    assertEquals("foobar", got.get("name").asText());
    assertEquals("foo.bar", got.get("type").asText());
    assertEquals("1.1.3", got.get("version").asText());
    assertEquals("The event receiver of Brixton", got.get("description").asText());
    assertEquals(Http.parse("{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}}}"), got.get("schema"));
    assertTrue(got.get("schema").isObject());
  }

  @Test
  void scenario2_eventCreateAndMessage() {
    String rid = http.post("/api/v1/receivers", RECEIVER).id();
    String eid = http.post("/api/v1/events", EVENT.formatted(rid)).id();
    JsonNode m = message(eid, "foo.bar");
    assertEquals("1.0", m.get("specversion").asText());
    assertEquals("v1", m.get("api_version").asText());
    assertTrue(m.get("success").asBoolean());
    assertEquals("magnificent", m.get("name").asText());
    assertEquals("7.0.1", m.get("version").asText());
    assertEquals("2023.11.16", m.get("release").asText());
    assertEquals("linux", m.get("platform_id").asText());
    assertEquals("docker", m.get("package").asText());
    assertEquals(Http.parse("{\"name\":\"joe\"}"), m.at("/data/events/0/payload"));
    assertEquals(rid, m.at("/data/events/0/EventReceiver/id").asText());
    assertEquals(rid, m.at("/data/event_receivers/0/id").asText());
    assertTrue(m.get("data").get("event_receiver_groups").isNull());
    JsonNode got = http.get("/api/v1/events/" + eid).json().get("data");
    assertEquals(1, got.size());
    assertEquals("joe", got.get(0).at("/payload/name").asText());
  }

  @Test
  void scenario3_schemaGate() {
    String rid = http.post("/api/v1/receivers", RECEIVER).id();
    Response r = http.post("/api/v1/events", EVENT.formatted(rid).replace("{\"name\":\"joe\"}", "{\"name\":5}"));
    assertEquals(400, r.status());
    assertEquals("", r.json().get("data").asText());
    assertTrue(r.error().startsWith("invalid input: event payload did not match event receiver schema"), r.error());
    // nothing stored: no event of this receiver exists
    JsonNode search = http.graphql("query($e: FindEventInput!){events(event: $e){id}}",
        Http.parse("{\"e\":{\"event_receiver_id\":\"" + rid + "\"}}"));
    assertEquals(0, search.at("/data/events").size());
  }

  @Test
  void scenario4_unknownReceiverBlanksNotFound() {
    Response r = http.post("/api/v1/events", EVENT.formatted("01HPW0DY340VMM3DNMX8JCQDGN"));
    assertEquals(400, r.status());
    assertEquals("invalid input: receiver for event does not exist", r.error());
    String rid = http.post("/api/v1/receivers", RECEIVER).id();
    r = http.post("/api/v1/events", "{\"name\":\"order-created\",\"version\":\"1.0.0\",\"payload\":{\"name\":\"x\"},"
        + "\"success\":true,\"event_receiver_id\":\"" + rid + "\"}");
    assertEquals(400, r.status());
    assertEquals("invalid input: release cannot be blank\nplatform id cannot be blank\npackage cannot be blank\n"
        + "description cannot be blank", r.error());
    r = http.get("/api/v1/events/01HPW0DY340VMM3DNMX8JCQDGN");
    assertEquals(404, r.status());
    assertTrue(r.json().get("data").isNull());
    assertEquals("object not found: event with id 01HPW0DY340VMM3DNMX8JCQDGN not found", r.error());
  }

  @Test
  void scenario5_tolerantRestInput() {
    String body = "{\"enabled\":true,\"id\":\"\",\"fingerprint\":\"\",\"created_at\":\"0001-01-01T00:00:00Z\","
        + RECEIVER.substring(1);
    String rid = http.post("/api/v1/receivers", body).id();
    assertEquals(26, rid.length());
    JsonNode got = http.get("/api/v1/receivers/" + rid).json().at("/data/0");
    assertEquals(rid, got.get("id").asText());
    assertEquals("464df32e59fe3f4a28b868da8b01eeee457ea1e90e45ef3a9c60362a78c26bed", got.get("fingerprint").asText());
  }

  @Test
  void scenario6_groupCreatePatchAndGraphQLToggle() {
    String rid = http.post("/api/v1/receivers", RECEIVER).id();
    String gid = http.post("/api/v1/groups", "{\"name\":\"the_clash\",\"type\":\"foo.bar\",\"version\":\"3.3.3\","
        + "\"description\":\"The only event receiver group that matters\",\"enabled\":true,"
        + "\"event_receiver_ids\":[\"" + rid + "\"]}").id();
    JsonNode created = message(gid, "epr.event.receiver.group.created");
    assertEquals("event.receiver.group", created.get("package").asText());
    assertEquals(rid, created.at("/data/event_receiver_groups/0/event_receiver_ids/0").asText());

    Response patched = http.patch("/api/v1/groups/" + gid, "{\"enabled\":false}");
    assertEquals(200, patched.status());
    assertEquals("{\"data\":\"" + gid + "\"}\n", patched.body());
    assertFalse(http.get("/api/v1/groups/" + gid).json().at("/data/0/enabled").asBoolean());

    JsonNode enabled = http.graphql("mutation{set_event_receiver_group_enabled(id:\"" + gid + "\")}", null);
    assertEquals(gid, enabled.at("/data/set_event_receiver_group_enabled").asText());
    JsonNode got = http.get("/api/v1/groups/" + gid).json().at("/data/0");
    assertTrue(got.get("enabled").asBoolean());
    assertEquals(List.of(rid), List.of(got.get("event_receiver_ids").get(0).asText()));
    assertEquals(1, got.get("event_receiver_ids").size());

    Response empty = http.post("/api/v1/groups", "{\"name\":\"g\",\"type\":\"t\",\"version\":\"1\",\"description\":\"d\","
        + "\"enabled\":true,\"event_receiver_ids\":[]}");
    assertEquals(400, empty.status());
    assertEquals("invalid input: need at least one event receiver id", empty.error());
  }

  @Test
  void scenario8_groupCompletion() {
    String r1 = http.post("/api/v1/receivers", receiver("epr.foo.cli")).id();
    String r2 = http.post("/api/v1/receivers", receiver("epr.bar.cli")).id();
    String gid = http.post("/api/v1/groups", "{\"name\":\"foo-bar\",\"type\":\"epr.foo.group.cli\",\"version\":\"1.0.0\","
        + "\"description\":\"gate\",\"enabled\":true,\"event_receiver_ids\":[\"" + r1 + "\",\"" + r2 + "\"]}").id();
    String e1 = http.post("/api/v1/events", cliEvent("foo", r1, true)).id();
    message(e1, "epr.foo.cli");
    noMessage(gid, "epr.foo.group.cli");
    String e2 = http.post("/api/v1/events", cliEvent("foo", r2, true)).id();
    JsonNode m = message(gid, "epr.foo.group.cli");
    assertTrue(m.get("success").asBoolean());
    assertEquals("foo", m.get("name").asText());
    assertEquals("2024.01", m.get("release").asText());
    assertEquals("x86-64-gnu-linux-9", m.get("platform_id").asText());
    assertEquals("rpm", m.get("package").asText());
    assertEquals(e2, m.at("/data/events/0/id").asText());
    assertEquals(gid, m.at("/data/event_receiver_groups/0/id").asText());
    assertEquals("epr.foo.group.cli", m.at("/data/event_receiver_groups/0/type").asText());
    assertTrue(m.get("data").get("event_receivers").isNull());
  }

  @Test
  void scenario9to11_sbomReceiverFromTheWholeCycloneDx16Schema() throws Exception {
    String schema;
    try (InputStream in = getClass().getResourceAsStream("/bom-1.6.schema.json")) {
      schema = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    String rid = http.post("/api/v1/receivers", "{\"name\": \"artifact-cyclonedx-sbom\",\"type\": \"build.artifact.cyclonedx.sbom\","
        + "\"version\": \"1.0.0\",\"description\": \"Artifact CycloneDX v1.6 SBOMs\",\"enabled\": true,\"schema\": " + schema + "}").id();
    assertEquals("33a7d252a0d0a3172760a877250cf60cb86c01e754a37e598483a8afdb751993",
        http.get("/api/v1/receivers/" + rid).json().at("/data/0/fingerprint").asText());

    String bom16 = BOM.formatted("1.6", "MIT");
    String eid = http.post("/api/v1/events", SBOM_EVENT.formatted(rid, bom16)).id();
    assertEquals(200, http.post("/api/v1/events", SBOM_EVENT.formatted(rid, BOM.formatted("1.5", "MIT"))).status());
    assertEquals("build.artifact.cyclonedx.sbom", message(eid, "build.artifact.cyclonedx.sbom").get("type").asText());
    assertEquals(Http.parse(bom16), http.get("/api/v1/events/" + eid).json().at("/data/0/payload"));

    Response spdx = http.post("/api/v1/events", SBOM_EVENT.formatted(rid, "{\"bomFormat\":\"SPDX\",\"name\":\"joe\"}"));
    assertEquals(400, spdx.status());
    assertTrue(spdx.error().contains("(root): specVersion is required"), spdx.error());
    assertTrue(spdx.error().contains("(root): Additional property name is not allowed"), spdx.error());
    assertTrue(spdx.error().contains("bomFormat"), spdx.error());
    Response license = http.post("/api/v1/events", SBOM_EVENT.formatted(rid, BOM.formatted("1.6", "NOT-A-LICENSE")));
    assertEquals(400, license.status(), "spdx.schema.json must be resolved offline");
  }

  @Test
  void scenario13_cloudEventPayload() {
    String rid = http.post("/api/v1/receivers", "{\"name\":\"cloudevents-receiver\",\"type\":\"com.example.cloudevents\","
        + "\"version\":\"1.0.0\",\"description\":\"Receiver for CloudEvents JSON payloads\",\"schema\":{\"type\":\"object\","
        + "\"properties\":{\"specversion\":{\"type\":\"string\"},\"id\":{\"type\":\"string\"},\"source\":{\"type\":\"string\"},"
        + "\"type\":{\"type\":\"string\"},\"time\":{\"type\":\"string\"},\"datacontenttype\":{\"type\":\"string\"},\"data\":{}},"
        + "\"required\":[\"specversion\",\"id\",\"source\",\"type\",\"data\"]}}").id();
    assertEquals("2490ddafffb50806f92f037930ee14d70ba5782d8ac524335fd8dd888543423a",
        http.get("/api/v1/receivers/" + rid).json().at("/data/0/fingerprint").asText());
    String ce = "{\"specversion\":\"1.0\",\"id\":\"evt-12345-abc\",\"source\":\"urn:example:myservice\","
        + "\"type\":\"com.example.myservice.event.created\",\"time\":\"2025-09-21T12:00:00Z\","
        + "\"datacontenttype\":\"application/json\",\"subject\":\"order/1234\",\"data\":{\"orderId\":1234,"
        + "\"status\":\"created\",\"customer\":{\"id\":\"c-987\",\"email\":\"alice@example.com\"}}}";
    String event = "{\"name\":\"order-created\",\"version\":\"1.0.0\",\"release\":\"2025.09\",\"platform_id\":\"linux-x86_64\","
        + "\"package\":\"example-app\",\"description\":\"Order created event containing a CloudEvent as payload\","
        + "\"payload\":%s,\"success\":true,\"event_receiver_id\":\"" + rid + "\"}";
    String eid = http.post("/api/v1/events", event.formatted(ce)).id();
    assertEquals(Http.parse(ce), http.get("/api/v1/events/" + eid).json().at("/data/0/payload"));
    ObjectNode withoutId = (ObjectNode) Http.parse(ce);
    withoutId.remove("id");
    Response r = http.post("/api/v1/events", event.formatted(withoutId));
    assertEquals(400, r.status());
    assertTrue(r.error().contains("(root): id is required"), r.error());
  }

  @Test
  void scenario14_cdeventsArtifactPackagedFromTheOfficialSchema() throws Exception {
    String schema = Files.readString(SharedData.path("cdevents-spec-v0.4.1/schemas/artifactpackaged.json"));
    String rid = http.post("/api/v1/receivers", "{\"name\": \"artifact-packaged\",\"type\": \"dev.cdevents.artifact.packaged.0.2.0\","
        + "\"version\": \"1.0.0\",\"description\": \"CDEvents Artifact Packaged\", \"schema\": " + schema + "}").id();
    assertEquals("e9e1517f301ca6b79dbf01909eda3cd1c87978edbd3fb7845143e9e0a91bc341",
        http.get("/api/v1/receivers/" + rid).json().at("/data/0/fingerprint").asText());
    String event = "{\"name\":\"foo\",\"version\":\"1.0.1\",\"release\":\"2023.11.16\",\"platform_id\":\"aarch64-gnu-linux-7\","
        + "\"package\":\"oci\",\"description\":\"packaged oci image foo\",\"success\":true,\"event_receiver_id\":\"" + rid + "\","
        + "\"payload\":%s}";
    String payload = "{\"context\":{\"version\":\"0.4.0-draft\",\"id\":\"271069a8-fc18-44f1-b38f-9d70a1695819\","
        + "\"source\":\"/event/source/123\",\"type\":\"dev.cdevents.artifact.packaged.%s\",\"timestamp\":\"2023-03-20T14:27:05.315384Z\"},"
        + "\"subject\":{\"id\":\"pkg:golang/mygit.com/myorg/myapp@234fd47e07d1004f0aed9c\",\"source\":\"/event/source/123\","
        + "\"type\":\"artifact\",\"content\":{\"change\":{\"id\":\"myChange123\",\"source\":\"my-git.example/an-org/a-repo\"}}}}";
    String eid = http.post("/api/v1/events", event.formatted(payload.formatted("0.2.0"))).id();
    assertEquals(rid, message(eid, "dev.cdevents.artifact.packaged.0.2.0").at("/data/event_receivers/0/id").asText());

    Response r = http.post("/api/v1/events", event.formatted("{\"name\":\"foo\"}"));
    assertEquals(400, r.status());
    assertEquals("invalid input: event payload did not match event receiver schema\n(root): context is required\n"
        + "(root): subject is required\n(root): Additional property name is not allowed",
        sortedAfterFirstLine(r.error(), "invalid input: event payload did not match event receiver schema\n"
            + "(root): context is required\n(root): subject is required\n(root): Additional property name is not allowed"));
    assertEquals(400, http.post("/api/v1/events", event.formatted(payload.formatted("0.1.1"))).status());
  }

  /** The violation lines in the order of {@code expected}, if the response has exactly those lines. */
  private static String sortedAfterFirstLine(String actual, String expected) {
    List<String> a = new java.util.ArrayList<>(List.of(actual.split("\n")));
    List<String> e = List.of(expected.split("\n"));
    return a.size() == e.size() && a.containsAll(e) ? expected : actual;
  }

  private static String receiver(String type) {
    return "{\"name\":\"" + type + "\",\"type\":\"" + type + "\",\"version\":\"1.0.0\",\"description\":\"cli\",\"schema\":{}}";
  }

  private static String cliEvent(String name, String rid, boolean success) {
    return "{\"name\":\"" + name + "\",\"version\":\"1.0.0\",\"release\":\"2024.01\",\"platform_id\":\"x86-64-gnu-linux-9\","
        + "\"package\":\"rpm\",\"description\":\"cli event\",\"payload\":{},\"success\":" + success
        + ",\"event_receiver_id\":\"" + rid + "\"}";
  }
}
