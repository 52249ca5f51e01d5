package io.epr.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.epr.support.Bodies;
import io.epr.support.ServerTest;
import io.epr.support.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Every kind of message EPR sends (epr-api.md §4), compared field by field and in field order with what the REST API
 * returns for the same objects.
 */
class KafkaMessagesTest extends ServerTest {
  static final List<String> ENVELOPE = List.of("success", "id", "specversion", "type", "source", "api_version", "name",
      "version", "release", "platform_id", "package", "data");
  static final String RFC3339_SECONDS = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(Z|[+-]\\d\\d:\\d\\d)";


  @Test
  void allFourKinds() {
    // written out in full: every field sent is compared with what the messages carry
    String rid = http.post("/api/v1/receivers", "{\"name\":\"build\",\"type\":\"ci.build\",\"version\":\"2.0\","
        + "\"description\":\"builds\",\"schema\":{\"type\":\"object\",\"properties\":{\"url\":{\"type\":\"string\"}}}}").id();
    JsonNode receiver = http.get("/api/v1/receivers/" + rid).json().at("/data/0");
    String gid = http.post("/api/v1/groups", "{\"name\":\"release-gate\",\"type\":\"app.release\",\"version\":\"1.0\","
        + "\"description\":\"all green\",\"enabled\":true,\"event_receiver_ids\":[\"" + rid + "\"]}").id();
    JsonNode group = http.get("/api/v1/groups/" + gid).json().at("/data/0");
    String eid = http.post("/api/v1/events", "{\"name\":\"my-app\",\"version\":\"1.0.0\",\"release\":\"20240101\","
        + "\"platform_id\":\"x64-linux\",\"package\":\"oci\",\"description\":\"built <ok> & signed\","
        + "\"payload\":{\"url\":\"https://ci/1\",\"b\":[1,2.5,true,null]},\"success\":true,\"event_receiver_id\":\"" + rid + "\"}").id();
    JsonNode event = http.get("/api/v1/events/" + eid).json().at("/data/0");

    JsonNode receiverCreated = one(rid, "epr.event.receiver.created");
    assertEnvelope(receiverCreated, true, rid, "epr.event.receiver.created");
    assertEquals("build", receiverCreated.get("name").asText());
    assertEquals("2.0", receiverCreated.get("version").asText());
    assertTrue(receiverCreated.get("release").asText().matches(RFC3339_SECONDS), receiverCreated.get("release").asText());
    assertEquals("event-provenance-registry", receiverCreated.get("platform_id").asText());
    assertEquals("event.receiver", receiverCreated.get("package").asText());
    assertData(receiverCreated, null, List.of(receiver), null);

    JsonNode groupCreated = one(gid, "epr.event.receiver.group.created");
    assertEnvelope(groupCreated, true, gid, "epr.event.receiver.group.created");
    assertEquals("release-gate", groupCreated.get("name").asText());
    assertEquals("1.0", groupCreated.get("version").asText());
    assertTrue(groupCreated.get("release").asText().matches(RFC3339_SECONDS));
    assertEquals("event-provenance-registry", groupCreated.get("platform_id").asText());
    assertEquals("event.receiver.group", groupCreated.get("package").asText());
    assertData(groupCreated, null, null, List.of(group));

    JsonNode eventCreated = one(eid, "ci.build");
    assertEnvelope(eventCreated, true, eid, "ci.build");
    assertNvrpp(eventCreated);
    assertData(eventCreated, List.of(event), List.of(receiver), null);

    JsonNode completed = one(gid, "app.release");
    assertEnvelope(completed, true, gid, "app.release");
    assertNvrpp(completed);
    assertData(completed, List.of(event), null, List.of(group));
  }

  @Test
  void failedEventCarriesSuccessFalseAndEveryRecordHasItsOwnStableId() {
    String rid = http.post("/api/v1/receivers", Bodies.receiver("n", "ci.test")).id();
    ObjectNode failed = Bodies.event(rid, "a", "r");
    failed.remove("success"); // an event that does not say it succeeded failed
    failed.putNull("payload");
    String eid = http.post("/api/v1/events", failed).id();
    ConsumerRecord<String, String> record =
        topic.await(m -> m.path("id").asText().equals(eid), 1, Duration.ofSeconds(15)).get(0);
    JsonNode m = TopicReader.json(record);
    assertEquals(false, m.get("success").asBoolean());
    assertTrue(m.at("/data/events/0/payload").isNull());
    assertEquals(null, record.key(), "EPR messages have no key");
    String recordId = new String(record.headers().lastHeader(KafkaSink.RECORD_ID_HEADER).value(), StandardCharsets.UTF_8);
    assertEquals(26, recordId.length());
    String receiverRecordId = new String(topic.await(x -> x.path("id").asText().equals(rid), 1, Duration.ofSeconds(5))
        .get(0).headers().lastHeader(KafkaSink.RECORD_ID_HEADER).value(), StandardCharsets.UTF_8);
    assertTrue(!recordId.equals(receiverRecordId));
  }

  private static JsonNode one(String id, String type) {
    return TopicReader.json(topic.await(m -> m.path("id").asText().equals(id) && m.path("type").asText().equals(type), 1,
        Duration.ofSeconds(15)).get(0));
  }

  private static void assertEnvelope(JsonNode m, boolean success, String id, String type) {
    List<String> fields = new ArrayList<>();
    m.fieldNames().forEachRemaining(fields::add);
    assertEquals(ENVELOPE, fields, "envelope fields in EPR's order");
    assertEquals(success, m.get("success").booleanValue());
    assertEquals(id, m.get("id").asText());
    assertEquals("1.0", m.get("specversion").asText());
    assertEquals(type, m.get("type").asText());
    assertEquals("epr", m.get("source").asText());
    assertEquals("v1", m.get("api_version").asText());
  }

  private static void assertNvrpp(JsonNode m) {
    assertEquals("my-app", m.get("name").asText());
    assertEquals("1.0.0", m.get("version").asText());
    assertEquals("20240101", m.get("release").asText());
    assertEquals("x64-linux", m.get("platform_id").asText());
    assertEquals("oci", m.get("package").asText());
  }

  private static void assertData(JsonNode m, List<JsonNode> events, List<JsonNode> receivers, List<JsonNode> groups) {
    JsonNode data = m.get("data");
    List<String> fields = new ArrayList<>();
    data.fieldNames().forEachRemaining(fields::add);
    assertEquals(List.of("events", "event_receivers", "event_receiver_groups"), fields);
    assertList(data.get("events"), events);
    assertList(data.get("event_receivers"), receivers);
    assertList(data.get("event_receiver_groups"), groups);
  }

  private static void assertList(JsonNode actual, List<JsonNode> expected) {
    if (expected == null) {
      assertTrue(actual.isNull(), "absent lists are null: " + actual);
      return;
    }
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      JsonNode e = expected.get(i);
      JsonNode a = actual.get(i);
      assertEquals(e, a);
      assertEquals(fieldNames(e), fieldNames(a), "same field order as REST");
      if (e instanceof ObjectNode o && o.has("EventReceiver")) {
        assertEquals(fieldNames(o.get("EventReceiver")), fieldNames(a.get("EventReceiver")));
      }
    }
  }

  private static List<String> fieldNames(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
