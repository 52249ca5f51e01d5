package io.epr.api.rest;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.epr.support.EprTestServer;
import io.epr.support.Http;
import io.epr.support.Http.Response;
import io.epr.support.TestBroker;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * EPR's REST contract (epr-api.md §2 and §6, workshop.md §1.2 and §1.5) over a real socket: status codes, the exact
 * envelope bytes, every error text with its {@code data} value, client tolerance, round trips, routing, headers,
 * health and metrics. Every rejected request is also checked to have stored and queued nothing.
 */
class RestContractTest {
  static final String EVENTS = "/api/v1/events";
  static final String RECEIVERS = "/api/v1/receivers";
  static final String GROUPS = "/api/v1/groups";
  static final String UNKNOWN_ID = "01HPW0DY340VMM3DNMX8JCQDGN";
  /** {@code data} of a failed create, a failed GET, as JSON. */
  static final String CREATE = "\"\"";
  static final String GET = "null";
  static final Pattern ULID = Pattern.compile("[0-9A-HJKMNP-TV-Z]{26}");
  /** Go's RFC 3339 rendering: seconds always, a fraction without trailing zeros, Z or an offset. */
  static final Pattern RFC3339 = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{0,8}[1-9])?(Z|[+-]\\d{2}:\\d{2})");
  static final String TYPED_SCHEMA = "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"},"
      + "\"tags\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}}}";

  static EprTestServer server;
  static Http http;
  /** A receiver whose schema accepts anything, and one that wants a string name and string tags. */
  static String anyRid;
  static String typedRid;

  @BeforeAll
  static void start() {
    server = new EprTestServer();
    http = server.http;
    anyRid = created(http.post(RECEIVERS, receiver().toString()));
    typedRid = created(http.post(RECEIVERS, receiver().set("schema", Http.parse(TYPED_SCHEMA)).toString()));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  // ---------------------------------------------------------------- events: validation (§2.3, §6.1)

  @ParameterizedTest(name = "{0}")
  @CsvSource({"name,name", "version,version", "release,release", "platform_id,platform id", "package,package",
      "description,description", "event_receiver_id,event receiver id"})
  void eventWithOneBlankFieldIsRejectedWithThatFieldsMessage(String field, String label) {
    for (ObjectNode body : blankVariants(event(anyRid), field)) {
      assertRejected(postRejected(EVENTS, body.toString()), 400, CREATE, "invalid input: " + label + " cannot be blank");
    }
  }

  /** curl -d sends JSON as a form; Go EPR reads the body whatever the Content-Type says, and so does this. */
  @Test
  void aJsonBodySentAsAFormIsReadAsJson() throws Exception {
    ObjectNode body = event(anyRid);
    body.putObject("payload").put("discount", "50%zz off");
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.port + EVENTS))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
  }

  @Test
  void eventBlankFieldsAreCollectedAndJoinedInTheDocumentedOrder() {
    assertRejected(postRejected(EVENTS, "{\"payload\":{}}"), 400, CREATE, "invalid input: name cannot be blank\n"
        + "version cannot be blank\nrelease cannot be blank\nplatform id cannot be blank\npackage cannot be blank\n"
        + "description cannot be blank\nevent receiver id cannot be blank");
  }

  @Test
  void eventForAnUnknownReceiverIsRejected() {
    assertRejected(postRejected(EVENTS, event(UNKNOWN_ID).toString()), 400, CREATE,
        "invalid input: receiver for event does not exist");
  }

  @Test
  void blankFieldsAreReportedBeforeTheReceiverIsLookedUp() {
    assertRejected(postRejected(EVENTS, event(UNKNOWN_ID).put("release", " ").toString()), 400, CREATE,
        "invalid input: release cannot be blank");
  }

  @Test
  void eventWithoutPayloadIsRejected() {
    ObjectNode body = event(anyRid);
    body.remove("payload");
    assertRejected(postRejected(EVENTS, body.toString()), 400, CREATE, "invalid input: payload is required");
  }

  /** §2.3 processing order: the receiver lookup (step 3) comes before the payload check (step 4). */
  @Test
  void unknownReceiverIsReportedBeforeAMissingPayload() {
    ObjectNode body = event(UNKNOWN_ID);
    body.remove("payload");
    assertRejected(postRejected(EVENTS, body.toString()), 400, CREATE, "invalid input: receiver for event does not exist");
  }

  @Test
  void payloadOfTheWrongTypeIsRejectedWithGojsonschemaLines() {
    assertRejected(postRejected(EVENTS, event(typedRid).set("payload", Http.parse("{\"name\":5}")).toString()), 400,
        CREATE, "invalid input: event payload did not match event receiver schema\n"
            + "name: Invalid type. Expected: string, given: integer");
    assertRejected(postRejected(EVENTS, event(typedRid).set("payload", Http.parse("{\"tags\":[\"a\",1]}")).toString()),
        400, CREATE, "invalid input: event payload did not match event receiver schema\n"
            + "tags.1: Invalid type. Expected: string, given: integer");
  }

  @Test
  void nullPayloadIsStoredWhenTheSchemaAllowsIt() {
    String id = created(http.post(EVENTS, event(anyRid).putNull("payload").toString()));
    assertTrue(http.get(EVENTS + "/" + id).body().contains("\"payload\":null,"), "payload null kept");
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"/api/v1/events,name,name", "/api/v1/events,version,version", "/api/v1/events,release,release",
      "/api/v1/events,platform_id,platform id", "/api/v1/events,package,package",
      "/api/v1/events,description,description", "/api/v1/events,event_receiver_id,event receiver id",
      "/api/v1/receivers,name,name", "/api/v1/receivers,type,type", "/api/v1/receivers,version,version",
      "/api/v1/receivers,description,description", "/api/v1/groups,name,name", "/api/v1/groups,type,type",
      "/api/v1/groups,version,version", "/api/v1/groups,description,description"})
  void stringsLongerThan255CharactersAreRejected(String path, String field, String label) {
    ObjectNode body = validBody(path).put(field, "x".repeat(256));
    assertRejected(postRejected(path, body.toString()), 400, CREATE,
        "invalid input: " + label + " cannot be longer than 255 characters");
  }

  @ParameterizedTest
  @ValueSource(strings = {EVENTS, RECEIVERS, GROUPS})
  void stringsOfExactly255CharactersAreStored(String path) {
    String longest = "d".repeat(255);
    String id = created(http.post(path, validBody(path).put("description", longest).toString()));
    assertEquals(longest, http.get(path + "/" + id).json().at("/data/0/description").asText());
  }

  // ---------------------------------------------------------------- receivers: validation (§2.5, §6.2)

  @ParameterizedTest
  @ValueSource(strings = {"name", "type", "version", "description"})
  void receiverWithOneBlankFieldIsRejected(String field) {
    for (ObjectNode body : blankVariants(receiver(), field)) {
      assertRejected(postRejected(RECEIVERS, body.toString()), 400, CREATE, "invalid input: " + field + " cannot be blank");
    }
  }

  @Test
  void receiverBlankFieldsAndMissingSchemaAreJoinedInOrder() {
    assertRejected(postRejected(RECEIVERS, "{}"), 400, CREATE, "invalid input: name cannot be blank\n"
        + "type cannot be blank\nversion cannot be blank\ndescription cannot be blank\nschema is required");
  }

  @Test
  void receiverWithoutSchemaIsRejected() {
    ObjectNode body = receiver();
    body.remove("schema");
    assertRejected(postRejected(RECEIVERS, body.toString()), 400, CREATE, "invalid input: schema is required");
  }

  @ParameterizedTest(name = "schema {0}")
  @ValueSource(strings = {"null", "\"not a schema\"", "5", "\"[1,\""})
  void receiverWhoseSchemaIsNotAJsonSchemaIsRejected(String schema) {
    String body = receiver().toString().replace("\"schema\":{}", "\"schema\":" + schema);
    assertRejectedStartingWith(postRejected(RECEIVERS, body), 400, CREATE, "invalid input: failed to parse schema: ");
  }

  @Test
  void receiverBodyThatIsNotJsonIsRejected() {
    assertRejectedStartingWith(postRejected(RECEIVERS, "{abcd}"), 400, CREATE, "invalid input: invalid JSON: ");
  }

  // ---------------------------------------------------------------- groups: validation (§2.5, §6.3)

  @ParameterizedTest
  @ValueSource(strings = {"name", "type", "version", "description"})
  void groupWithOneBlankFieldIsRejected(String field) {
    for (ObjectNode body : blankVariants(group(anyRid), field)) {
      assertRejected(postRejected(GROUPS, body.toString()), 400, CREATE, "invalid input: " + field + " cannot be blank");
    }
  }

  @Test
  void groupBlankFieldsAndMissingReceiversAreJoinedInOrder() {
    assertRejected(postRejected(GROUPS, "{}"), 400, CREATE, "invalid input: name cannot be blank\n"
        + "type cannot be blank\nversion cannot be blank\ndescription cannot be blank\nneed at least one event receiver id");
  }

  @Test
  void groupNeedsAtLeastOneReceiver() {
    ObjectNode absent = group(anyRid);
    absent.remove("event_receiver_ids");
    for (ObjectNode body : List.of(group(), absent, group(anyRid).putNull("event_receiver_ids"))) {
      assertRejected(postRejected(GROUPS, body.toString()), 400, CREATE, "invalid input: need at least one event receiver id");
    }
  }

  @Test
  void groupReceiverIdsCannotBeBlank() {
    for (ObjectNode body : List.of(group(""), group(anyRid, "  "))) {
      assertRejected(postRejected(GROUPS, body.toString()), 400, CREATE, "invalid input: event receiver ids cannot be blank");
    }
  }

  @Test
  void groupNamingAnUnknownReceiverIsRejected() {
    for (ObjectNode body : List.of(group(UNKNOWN_ID), group(anyRid, UNKNOWN_ID))) {
      assertRejected(postRejected(GROUPS, body.toString()), 400, CREATE,
          "invalid input: event receiver " + UNKNOWN_ID + " does not exist");
    }
  }

  // ---------------------------------------------------------------- decoding (§6.4)

  @ParameterizedTest(name = "{0} {1}={2}")
  @CsvSource(delimiter = '|', value = {
      "/api/v1/events    | success            | \"yes\"   | string into Go struct field Event.success of type bool",
      "/api/v1/events    | success            | 1         | number into Go struct field Event.success of type bool",
      "/api/v1/events    | name               | 5         | number into Go struct field Event.name of type string",
      "/api/v1/events    | version            | []        | array into Go struct field Event.version of type string",
      "/api/v1/events    | event_receiver_id  | {}        | object into Go struct field Event.event_receiver_id of type string",
      "/api/v1/events    | description        | true      | bool into Go struct field Event.description of type string",
      "/api/v1/receivers | type               | 5         | number into Go struct field EventReceiver.type of type string",
      "/api/v1/groups    | enabled            | \"on\"    | string into Go struct field EventReceiverGroup.enabled of type bool",
      "/api/v1/groups    | event_receiver_ids | \"x\"     | string into Go struct field EventReceiverGroup.event_receiver_ids of type []string",
      "/api/v1/groups    | event_receiver_ids | [1]       | number into Go struct field EventReceiverGroup.event_receiver_ids of type string"})
  void valueOfTheWrongJsonTypeIsRejectedWithGosDecoderText(String path, String field, String value, String text) {
    ObjectNode body = validBody(path).set(field, Http.parse(value));
    assertRejected(postRejected(path, body.toString()), 400, CREATE, "invalid input: json: cannot unmarshal " + text);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {
      "/api/v1/events    | []    | json: cannot unmarshal array into Go value of type storage.Event",
      "/api/v1/receivers | \"x\" | json: cannot unmarshal string into Go value of type storage.EventReceiver",
      "/api/v1/groups    | 7     | json: cannot unmarshal number into Go value of type storage.EventReceiverGroup"})
  void bodyThatIsNotAnObjectIsRejected(String path, String body, String text) {
    assertRejected(postRejected(path, body), 400, CREATE, "invalid input: " + text);
  }

  @ParameterizedTest
  @ValueSource(strings = {EVENTS, RECEIVERS, GROUPS})
  void bodyThatIsNotJsonIsRejectedAsInvalidJson(String path) {
    for (String body : List.of("{abcd}", "{\"name\":", "{\"name\":\"x\"} trailing")) {
      assertRejectedStartingWith(postRejected(path, body), 400, CREATE, "invalid input: invalid JSON: ");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {EVENTS, RECEIVERS, GROUPS})
  void emptyBodyIsRejectedAsEof(String path) {
    assertRejected(postRejected(path, ""), 400, CREATE, "invalid input: EOF");
  }

  @Test
  void successMayBeSentAsTheStringsTrueAndFalse() {
    for (String success : List.of("true", "false")) {
      String id = created(http.post(EVENTS, event(anyRid).put("success", success).toString()));
      assertEquals(Boolean.parseBoolean(success), http.get(EVENTS + "/" + id).json().at("/data/0/success").booleanValue());
    }
  }

  @Test
  void omittedSuccessAndEnabledDefaultToFalse() {
    ObjectNode e = event(anyRid);
    e.remove("success");
    assertFalse(getOne(EVENTS, created(http.post(EVENTS, e.toString()))).get("success").booleanValue());
    ObjectNode g = group(anyRid);
    g.remove("enabled");
    assertFalse(getOne(GROUPS, created(http.post(GROUPS, g.toString()))).get("enabled").booleanValue());
  }

  // ---------------------------------------------------------------- tolerance (§6.4, workshop §1.5)

  @Test
  void goCliEventStructWithItsExtraFieldsIsAccepted() {
    ObjectNode body = (ObjectNode) Http.parse(j("{'id':'','name':'cli','version':'1.0.0','release':'2024.01',"
        + "'platform_id':'linux','package':'rpm','description':'from the go cli','payload':{'name':'joe'},'success':true,"
        + "'created_at':'0001-01-01T00:00:00Z','event_receiver_id':'" + typedRid + "','EventReceiver':{'id':'',"
        + "'name':'','type':'','version':'','description':'','schema':null,'fingerprint':'',"
        + "'created_at':'0001-01-01T00:00:00Z'}}"));
    String id = created(http.post(EVENTS, body.toString()));
    JsonNode got = getOne(EVENTS, id);
    assertEquals(id, got.get("id").asText());
    for (String field : List.of("name", "version", "release", "platform_id", "package", "description", "payload",
        "success", "event_receiver_id")) {
      assertEquals(body.get(field), got.get(field), field);
    }
    assertNotEquals("0001-01-01T00:00:00Z", got.get("created_at").asText());
    assertEquals(typedRid, got.at("/EventReceiver/id").asText());
    assertEquals(Http.parse(TYPED_SCHEMA), got.at("/EventReceiver/schema"));
  }

  @Test
  void goCliReceiverStructIsAcceptedAndServerFieldsAreNotTakenFromTheClient() {
    ObjectNode body = receiver().put("id", UNKNOWN_ID).put("fingerprint", "deadbeef")
        .put("created_at", "0001-01-01T00:00:00Z").put("enabled", true);
    body.put("name", "watcher-workshop").put("type", "foo.bar").put("version", "1.0.0")
        .put("description", "The event receiver of Brixton");
    String id = created(http.post(RECEIVERS, body.toString()));
    assertNotEquals(UNKNOWN_ID, id);
    JsonNode got = getOne(RECEIVERS, id);
    assertEquals(id, got.get("id").asText());
    assertEquals("b183c34c7ba56b17f89dfe0c0b22c0a340889cae88d8e87a3f16bc5bdc8f7acb", got.get("fingerprint").asText());
    assertRecent(got.get("created_at").asText());
  }

  @Test
  void goCliGroupStructIsAcceptedAndServerFieldsAreNotTakenFromTheClient() {
    ObjectNode body = group(anyRid).put("id", UNKNOWN_ID).put("created_at", "0001-01-01T00:00:00Z")
        .put("updated_at", "0001-01-01T00:00:00Z");
    String id = created(http.post(GROUPS, body.toString()));
    assertNotEquals(UNKNOWN_ID, id);
    JsonNode got = getOne(GROUPS, id);
    assertRecent(got.get("created_at").asText());
    assertRecent(got.get("updated_at").asText());
  }

  @Test
  void keysAreMatchedCaseInsensitivelyAsGoDoes() {
    String id = created(http.post(EVENTS, j("{'Name':'upper','VERSION':'2.0.0','Release':'r','Platform_Id':'p',"
        + "'PACKAGE':'pkg','Description':'d','Payload':{'k':1},'Success':true,'Event_Receiver_ID':'" + anyRid + "'}")));
    JsonNode got = getOne(EVENTS, id);
    assertEquals("upper", got.get("name").asText());
    assertEquals("2.0.0", got.get("version").asText());
    assertEquals("p", got.get("platform_id").asText());
    assertEquals("pkg", got.get("package").asText());
    assertEquals(Http.parse("{\"k\":1}"), got.get("payload"));
    assertTrue(got.get("success").booleanValue());
    assertEquals(anyRid, got.get("event_receiver_id").asText());
    String rid = created(http.post(RECEIVERS, j("{'Name':'n','Type':'t','Version':'v','DESCRIPTION':'d','Schema':{}}")));
    assertEquals("t", getOne(RECEIVERS, rid).get("type").asText());
  }

  @Test
  void receiverSchemaGivenAsAStringHoldingJsonIsStoredAsThatJson() {
    String id = created(http.post(RECEIVERS, receiver().put("schema", TYPED_SCHEMA).toString()));
    assertTrue(http.get(RECEIVERS + "/" + id).body().contains("\"schema\":" + TYPED_SCHEMA + ","));
  }

  // ---------------------------------------------------------------- round trips and shapes (§2.3–2.5)

  @ParameterizedTest
  @ValueSource(strings = {"{\"authorEmail\":\"cool.person@company.com\"}",
      "{\"server\":\"my.artifactory.com\",\"artifactSize\":1029354}", "{}"})
  void payloadComesBackByteForByte(String payload) {
    String body = event(anyRid).toString().replace("\"payload\":{\"name\":\"joe\"}", "\"payload\":" + payload);
    String id = created(http.post(EVENTS, body));
    Response got = http.get(EVENTS + "/" + id);
    assertEquals(200, got.status());
    assertTrue(got.body().contains("\"payload\":" + payload + ","), got.body());
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", TYPED_SCHEMA})
  void receiverSchemaComesBackByteForByte(String schema) {
    String id = created(http.post(RECEIVERS, receiver().toString().replace("\"schema\":{}", "\"schema\":" + schema)));
    assertTrue(http.get(RECEIVERS + "/" + id).body().contains("\"schema\":" + schema + ","));
  }

  @Test
  void createAnswersTheBareIdEnvelope() {
    for (String path : List.of(EVENTS, RECEIVERS, GROUPS)) {
      Response r = http.post(path, validBody(path).toString());
      assertEquals(200, r.status(), r.body());
      assertJsonContentType(r);
      Matcher m = Pattern.compile("\\{\"data\":\"(" + ULID + ")\"}\n").matcher(r.body());
      assertTrue(m.matches(), r.body());
    }
  }

  @Test
  void getEventIsAOneElementArrayWithEprsFieldsAndTheNestedReceiver() {
    ObjectNode sent = event(typedRid);
    String id = created(http.post(EVENTS, sent.toString()));
    Response r = http.get(EVENTS + "/" + id);
    assertEquals(200, r.status());
    assertJsonContentType(r);
    assertTrue(r.body().endsWith("}]}\n"), r.body());
    JsonNode data = r.json().get("data");
    assertEquals(1, data.size());
    JsonNode e = data.get(0);
    assertEquals(Set.of("id", "name", "version", "release", "platform_id", "package", "description", "payload", "success",
        "created_at", "event_receiver_id", "EventReceiver"), keys(e));
    sent.fieldNames().forEachRemaining(f -> assertEquals(sent.get(f), e.get(f), f));
    assertEquals(Set.of("id", "name", "type", "version", "description", "schema", "fingerprint", "created_at"),
        keys(e.get("EventReceiver")));
    assertEquals(Set.of("data"), keys(r.json()), "no errors key on success");
  }

  @Test
  void getReceiverAndGroupAreOneElementArraysWithEprsFields() {
    JsonNode r = getOne(RECEIVERS, typedRid);
    assertEquals(Set.of("id", "name", "type", "version", "description", "schema", "fingerprint", "created_at"), keys(r));
    assertTrue(r.get("fingerprint").asText().matches("[0-9a-f]{64}"));
    String gid = created(http.post(GROUPS, group(anyRid).toString()));
    assertEquals(Set.of("id", "name", "type", "version", "description", "enabled", "event_receiver_ids", "created_at",
        "updated_at"), keys(getOne(GROUPS, gid)));
  }

  @Test
  void timestampsAreRfc3339WithSeconds() {
    String eid = created(http.post(EVENTS, event(anyRid).toString()));
    String gid = created(http.post(GROUPS, group(anyRid).toString()));
    List<String> times = List.of(getOne(EVENTS, eid).get("created_at").asText(),
        getOne(EVENTS, eid).at("/EventReceiver/created_at").asText(), getOne(RECEIVERS, anyRid).get("created_at").asText(),
        getOne(GROUPS, gid).get("created_at").asText(), getOne(GROUPS, gid).get("updated_at").asText());
    for (String t : times) {
      assertTrue(RFC3339.matcher(t).matches(), t);
      assertRecent(t);
    }
  }

  @Test
  void groupWithOneReceiverComesBackAsSent() {
    assertGroupRoundTrip(group(anyRid).put("enabled", true));
  }

  @Test
  void disabledGroupWithThreeReceiversKeepsTheirInputOrder() {
    String r1 = created(http.post(RECEIVERS, receiver().toString()));
    String r2 = created(http.post(RECEIVERS, receiver().toString()));
    String r3 = created(http.post(RECEIVERS, receiver().toString()));
    assertGroupRoundTrip(group(r3, r1, r2).put("enabled", false)); // not the ids' sort order
  }

  private static void assertGroupRoundTrip(ObjectNode sent) {
    JsonNode got = getOne(GROUPS, created(http.post(GROUPS, sent.toString())));
    sent.fieldNames().forEachRemaining(f -> assertEquals(sent.get(f), got.get(f), f));
    assertEquals(got.get("created_at"), got.get("updated_at"), "created_at == updated_at at creation");
  }

  // ---------------------------------------------------------------- not found (§2.4, §2.5)

  @ParameterizedTest(name = "{0}")
  @CsvSource({"/api/v1/events,event", "/api/v1/receivers,eventReceiver", "/api/v1/groups,eventReceiverGroup"})
  void getOfAnUnknownIdIsNotFound(String path, String kind) {
    for (String id : List.of(UNKNOWN_ID, "not-a-ulid")) {
      assertRejected(withoutWrites(() -> http.get(path + "/" + id)), 404, GET,
          "object not found: " + kind + " with id " + id + " not found");
    }
  }

  // ---------------------------------------------------------------- PATCH /api/v1/groups/{id} (§2.5)

  @Test
  void patchTogglesEnabledAndBumpsUpdatedAtEachTime() {
    String gid = created(http.post(GROUPS, group(anyRid).put("enabled", true).toString()));
    JsonNode before = getOne(GROUPS, gid);
    JsonNode previous = before;
    for (boolean enabled : List.of(false, true)) {
      Response r = http.patch(GROUPS + "/" + gid, "{\"enabled\":" + enabled + "}");
      assertEquals(200, r.status(), r.body());
      assertEquals("{\"data\":\"" + gid + "\"}\n", r.body());
      JsonNode now = getOne(GROUPS, gid);
      assertEquals(enabled, now.get("enabled").booleanValue());
      assertTrue(time(now.get("updated_at")).isAfter(time(previous.get("updated_at"))),
          previous.get("updated_at") + " -> " + now.get("updated_at"));
      assertEquals(before.get("created_at"), now.get("created_at"));
      previous = now;
    }
  }

  @Test
  void patchWithoutEnabledAnswers200AndChangesNothing() {
    String gid = created(http.post(GROUPS, group(anyRid).put("enabled", true).toString()));
    JsonNode before = getOne(GROUPS, gid);
    for (String body : List.of("{}", "{\"name\":\"renamed\",\"Enabledx\":false}", "null")) {
      Response r = withoutWrites(() -> http.patch(GROUPS + "/" + gid, body));
      assertEquals(200, r.status(), r.body());
      assertEquals("{\"data\":\"" + gid + "\"}\n", r.body());
    }
    assertEquals(before, getOne(GROUPS, gid));
  }

  @Test
  void patchWithAnUndecodableBodyIsRejectedWithTheIdAsData() {
    String gid = created(http.post(GROUPS, group(anyRid).toString()));
    String data = "\"" + gid + "\"";
    assertRejectedStartingWith(withoutWrites(() -> http.patch(GROUPS + "/" + gid, "{abcd")), 400, data,
        "invalid input: invalid JSON: ");
    assertRejected(withoutWrites(() -> http.patch(GROUPS + "/" + gid, "")), 400, data, "invalid input: EOF");
    assertRejected(withoutWrites(() -> http.patch(GROUPS + "/" + gid, "{\"enabled\":\"maybe\"}")), 400, data,
        "invalid input: json: cannot unmarshal string into Go struct field EventReceiverGroup.enabled of type bool");
  }

  @Test
  void patchOfAnUnknownGroupIsNotFoundWithTheIdAsData() {
    assertRejected(withoutWrites(() -> http.patch(GROUPS + "/" + UNKNOWN_ID, "{\"enabled\":true}")), 404,
        "\"" + UNKNOWN_ID + "\"", "object not found: eventReceiverGroup with id " + UNKNOWN_ID + " not found");
  }

  // ---------------------------------------------------------------- routing (§2 preamble)

  @Test
  void trailingSlashesAreStripped() {
    String eid = created(http.post(EVENTS + "/", event(anyRid).toString()));
    assertEquals(eid, http.get(EVENTS + "/" + eid + "/").json().at("/data/0/id").asText());
    String rid = created(http.post(RECEIVERS + "/", receiver().toString()));
    assertEquals(rid, http.get(RECEIVERS + "/" + rid + "/").json().at("/data/0/id").asText());
    String gid = created(http.post(GROUPS + "/", group(rid).toString()));
    assertEquals(gid, http.get(GROUPS + "/" + gid + "/").json().at("/data/0/id").asText());
    assertEquals(200, http.patch(GROUPS + "/" + gid + "/", "{\"enabled\":true}").status());
    assertTrue(getOne(GROUPS, gid).get("enabled").booleanValue());
  }

  @Test
  void headIsServedByTheGetHandlerWithoutABody() throws Exception {
    String eid = created(http.post(EVENTS, event(anyRid).toString()));
    String gid = created(http.post(GROUPS, group(anyRid).toString()));
    List<Executable> checks = new ArrayList<>();
    for (String path : List.of(EVENTS + "/" + eid, RECEIVERS + "/" + anyRid, GROUPS + "/" + gid, "/healthz/liveness",
        "/healthz/readiness", "/healthz/status", "/metrics")) {
      HttpResponse<byte[]> r = raw(HttpClient.Version.HTTP_1_1, "HEAD", path, Map.of());
      checks.add(() -> assertEquals(200, r.statusCode(), "HEAD " + path));
      checks.add(() -> assertEquals(0, r.body().length, "HEAD " + path));
    }
    assertAll(checks);
    assertEquals(404, raw(HttpClient.Version.HTTP_1_1, "HEAD", EVENTS + "/" + UNKNOWN_ID, Map.of()).statusCode());
  }

  /** The service accepts HTTP/2 (h2c upgrade, as java.net.http and curl --http2 do): HEAD must still have no body. */
  @Test
  void headOverHttp2HasNoBodyEither() throws Exception {
    HttpResponse<byte[]> r = raw(HttpClient.Version.HTTP_2, "HEAD", RECEIVERS + "/" + anyRid, Map.of());
    assertEquals(200, r.statusCode());
    assertEquals("", new String(r.body(), StandardCharsets.UTF_8), "HEAD over " + r.version());
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/v1/nope", "/api/v2/events", "/nothing/here", "/api/v1/events/a/b"})
  void unknownPathIsAPlainText404(String path) {
    Response r = http.get(path);
    assertEquals(404, r.status());
    assertEquals("404 page not found\n", r.body());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), r.headers().toString());
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"DELETE,/api/v1/events", "GET,/api/v1/events", "PUT,/api/v1/receivers", "DELETE,/api/v1/groups/x",
      "PUT,/api/v1/groups/x", "POST,/api/v1/events/x", "PATCH,/api/v1/events/x"})
  void knownPathWithTheWrongMethodIs405WithAnEmptyBody(String method, String path) {
    Response r = withoutWrites(() -> http.request(method, path, Map.of()));
    assertEquals(405, r.status(), r.body());
    assertEquals("", r.body());
  }

  // ---------------------------------------------------------------- headers, CORS, compression, limits (§2.6)

  @Test
  void everyResponseCarriesEprsSecurityHeaders() {
    String eid = created(http.post(EVENTS, event(anyRid).toString()));
    List<Response> responses = List.of(http.get(EVENTS + "/" + eid), http.post(EVENTS, "{}"), http.get(EVENTS + "/x"),
        http.get("/api/v1/nope"), http.request("DELETE", EVENTS, Map.of()), http.get("/healthz/liveness"),
        http.get("/healthz/status"), http.get("/metrics"), http.post("/api/v1/graphql/query", "{\"query\":\"{__typename}\"}"),
        http.get("/api/v1/graphql"), http.patch(GROUPS + "/" + UNKNOWN_ID, "{}"));
    for (Response r : responses) {
      String where = r.status() + " " + r.body().lines().findFirst().orElse("");
      assertEquals("1; mode=block", header(r, "X-XSS-Protection"), where);
      assertEquals("deny", header(r, "X-Frame-Options"), where);
      assertEquals("nosniff", header(r, "X-Content-Type-Options"), where);
      assertEquals("no-cache, no-store, max-age=0, must-revalidate", header(r, "Cache-Control"), where);
    }
  }

  @Test
  void responsesAreGzippedWhenTheClientAsksForIt() throws Exception {
    HttpResponse<byte[]> r = raw(HttpClient.Version.HTTP_1_1, "GET", RECEIVERS + "/" + anyRid,
        Map.of("Accept-Encoding", "gzip"));
    assertEquals(200, r.statusCode());
    assertEquals("gzip", r.headers().firstValue("Content-Encoding").orElse(""));
    String body;
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(r.body()))) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertEquals(http.get(RECEIVERS + "/" + anyRid).body(), body);
    assertFalse(http.get(RECEIVERS + "/" + anyRid).headers().firstValue("Content-Encoding").isPresent(),
        "no compression unless asked for");
  }

  @Test
  void bodyLargerThanEprMaxBodyIsRejectedWith413AndAnEnvelope() {
    try (EprTestServer small = new EprTestServer(TestBroker.sharedBootstrap(), Map.of("EPR_MAX_BODY", "1024"))) {
      created(small.http.post(RECEIVERS, receiver().toString()));
      String big = event(anyRid).put("description", "x".repeat(2048)).toString();
      StoreSnapshot before = StoreSnapshot.take(small);
      Response r = small.http.post(EVENTS, big);
      before.assertUnchanged();
      assertEquals(413, r.status(), r.body());
      assertJsonContentType(r);
      assertTrue(r.body().startsWith("{\"data\":\"\",\"errors\":[\"invalid input: ") && r.body().endsWith("\"]}\n"),
          r.body());
      assertEquals(1, r.json().get("errors").size());
    }
  }

  // ---------------------------------------------------------------- health and metrics (§2.6)

  @Test
  void livenessAndReadinessAnswerAJsonStringLiteral() {
    Response live = http.get("/healthz/liveness");
    assertEquals(200, live.status());
    assertEquals("\"{\\\"alive\\\":true}\"\n", live.body());
    Response ready = http.get("/healthz/readiness");
    assertEquals(200, ready.status());
    assertEquals("\"{\\\"ready\\\":true}\"\n", ready.body());
  }

  @Test
  void statusReportsServiceUptimeHealthAndOutbox() {
    Response r = http.get("/healthz/status");
    assertEquals(200, r.status());
    assertJsonContentType(r);
    JsonNode s = r.json();
    assertEquals("server", s.at("/service/name").asText());
    assertTrue(s.at("/service/version").isTextual() && s.at("/service/release").isTextual(), s.toString());
    assertTrue(s.get("uptime").asText().matches("(\\d+h)?(\\d+m)?[\\d.]+(s|ms|µs|ns)"), s.get("uptime").asText());
    assertEquals("{\"ready\":true}", s.at("/health/readiness").asText());
    assertEquals("{\"alive\":true}", s.at("/health/liveness").asText());
    assertTrue(RFC3339.matcher(s.get("start_time").asText()).matches(), s.get("start_time").asText());
    assertTrue(s.get("host").isTextual() && s.get("port").isTextual() && s.get("metadata").isObject(), s.toString());
    assertTrue(s.get("outbox").isObject(), s.toString());
    assertEquals(server.brokers, s.at("/outbox/brokers").asText());
    assertTrue(s.at("/outbox/pending").isIntegralNumber(), s.toString());
  }

  @Test
  void metricsExposeEprsCountersAndTheOutbox() throws InterruptedException {
    created(http.post(EVENTS, event(anyRid).toString()));
    http.get("/api/v1/nope");
    String metrics = awaitMetric("(?m)^epr_outbox_delivered_total\\{[^}]*} [1-9]");
    assertMetric(metrics, "server_requests_total\\{code=\"200\",method=\"POST\"[^}]*} [0-9.eE+]+");
    assertMetric(metrics, "server_requests_total\\{code=\"404\",method=\"GET\"[^}]*} [0-9.eE+]+");
    assertMetric(metrics, "server_response_times_seconds_bucket\\{le=\"[^\"]+\"[^}]*} [0-9]+");
    assertMetric(metrics, "server_response_times_seconds_count(\\{[^}]*})? [0-9]+");
    // Go's server_events_created_total: the Prometheus client reserves the _created suffix (README)
    assertMetric(metrics, "epr_events_stored_total\\{[^}]*success=\"true\"[^}]*} [1-9][0-9.eE+]*");
    assertMetric(metrics, "epr_receivers_stored_total [1-9][0-9.eE+]*");
    assertMetric(metrics, "epr_outbox_delivered_total\\{sink=\"kafka\"} [1-9][0-9.eE+]*");
  }

  /** §2.6: EPR's histogram buckets are .1, .25, .5, 1, 3, 5, 7, 10 seconds; dashboards may select them by le. */
  @Test
  void responseTimeHistogramHasEprsBuckets() {
    String metrics = http.get("/metrics").body();
    Matcher m = Pattern.compile("(?m)^server_response_times_seconds_bucket\\{[^}]*le=\"([^\"]+)\"").matcher(metrics);
    Set<Double> bounds = new TreeSet<>();
    while (m.find()) {
      bounds.add(m.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(1)));
    }
    assertTrue(bounds.containsAll(List.of(0.1, 0.25, 0.5, 1.0, 3.0, 5.0, 7.0, 10.0)), "buckets " + bounds);
  }

  // ================================================================ helpers

  /** Single quotes to double quotes, for readable JSON literals. */
  static String j(String singleQuoted) {
    return singleQuoted.replace('\'', '"');
  }

  static ObjectNode event(String rid) {
    return (ObjectNode) Http.parse(j("{'name':'foo','version':'1.0.0','release':'2023.11.16','platform_id':'linux',"
        + "'package':'docker','description':'blah','payload':{'name':'joe'},'success':true,'event_receiver_id':'"
        + rid + "'}"));
  }

  static ObjectNode receiver() {
    return (ObjectNode) Http.parse(j("{'name':'foobar','type':'foo.bar','version':'1.1.3',"
        + "'description':'The event receiver of Brixton','schema':{}}"));
  }

  static ObjectNode group(String... rids) {
    ObjectNode g = (ObjectNode) Http.parse(j("{'name':'the_clash','type':'foo.bar','version':'3.3.3',"
        + "'description':'The only event receiver group that matters','enabled':true}"));
    g.putArray("event_receiver_ids").addAll(List.of(rids).stream().map(Http.JSON.getNodeFactory()::textNode).toList());
    return g;
  }

  static ObjectNode validBody(String path) {
    return switch (path) {
      case EVENTS -> event(anyRid);
      case RECEIVERS -> receiver();
      case GROUPS -> group(anyRid);
      default -> throw new IllegalArgumentException(path);
    };
  }

  /** The body with {@code field} empty, whitespace, JSON null, and left out. */
  static List<ObjectNode> blankVariants(ObjectNode valid, String field) {
    List<ObjectNode> out = new ArrayList<>();
    out.add(valid.deepCopy().put(field, ""));
    out.add(valid.deepCopy().put(field, " \t "));
    out.add(valid.deepCopy().putNull(field));
    ObjectNode absent = valid.deepCopy();
    absent.remove(field);
    out.add(absent);
    return out;
  }

  static String created(Response r) {
    assertEquals(200, r.status(), r.body());
    String id = r.json().get("data").asText();
    assertTrue(ULID.matcher(id).matches(), r.body());
    return id;
  }

  static JsonNode getOne(String path, String id) {
    Response r = http.get(path + "/" + id);
    assertEquals(200, r.status(), r.body());
    JsonNode data = r.json().get("data");
    assertEquals(1, data.size(), r.body());
    return data.get(0);
  }

  /** Runs a request that must be refused, and checks that it stored, changed and queued nothing. */
  static Response withoutWrites(Supplier<Response> request) {
    StoreSnapshot before = StoreSnapshot.take(server);
    Response r = request.get();
    before.assertUnchanged();
    return r;
  }

  static Response postRejected(String path, String body) {
    return withoutWrites(() -> http.post(path, body));
  }

  /** The whole response: status, JSON content type, and exactly {"data":<data>,"errors":["<message>"]} + newline. */
  static void assertRejected(Response r, int status, String dataJson, String message) {
    assertEquals(status, r.status(), r.body());
    assertJsonContentType(r);
    assertEquals("{\"data\":" + dataJson + ",\"errors\":[" + quoted(message) + "]}\n", r.body());
  }

  /** As {@link #assertRejected}, for messages whose tail comes from a parser. */
  static void assertRejectedStartingWith(Response r, int status, String dataJson, String prefix) {
    assertEquals(status, r.status(), r.body());
    assertJsonContentType(r);
    String head = "{\"data\":" + dataJson + ",\"errors\":[" + quoted(prefix).substring(0, quoted(prefix).length() - 1);
    assertTrue(r.body().startsWith(head) && r.body().endsWith("\"]}\n"), r.body());
    assertEquals(1, r.json().get("errors").size(), r.body());
    assertTrue(r.error().length() > prefix.length(), "a reason follows: " + r.body());
  }

  static void assertJsonContentType(Response r) {
    assertTrue(header(r, "Content-Type").startsWith("application/json"), "Content-Type " + header(r, "Content-Type"));
  }

  static String header(Response r, String name) {
    return r.headers().firstValue(name).orElse("<absent>");
  }

  static String quoted(String s) {
    try {
      return Http.JSON.writeValueAsString(s);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static Set<String> keys(JsonNode object) {
    Set<String> keys = new TreeSet<>();
    Iterator<String> names = object.fieldNames();
    names.forEachRemaining(keys::add);
    return keys;
  }

  static OffsetDateTime time(JsonNode rfc3339) {
    return OffsetDateTime.parse(rfc3339.asText());
  }

  static void assertRecent(String rfc3339) {
    OffsetDateTime t = OffsetDateTime.parse(rfc3339);
    assertTrue(Duration.between(t, OffsetDateTime.now()).abs().compareTo(Duration.ofMinutes(10)) < 0, rfc3339);
  }

  static void assertMetric(String metrics, String line) {
    assertTrue(Pattern.compile("(?m)^" + line + "$").matcher(metrics).find(), "no line /" + line + "/ in\n"
        + metrics.lines().filter(l -> l.startsWith("server_") || l.startsWith("epr_")).reduce("", (x, y) -> x + y + "\n"));
  }

  /** /metrics once a line matches {@code regex} (or after 20 s). */
  static String awaitMetric(String regex) throws InterruptedException {
    Pattern p = Pattern.compile(regex);
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    String metrics = http.get("/metrics").body();
    while (!p.matcher(metrics).find() && System.nanoTime() < deadline) {
      Thread.sleep(200);
      metrics = http.get("/metrics").body();
    }
    return metrics;
  }

  /** A request with a chosen HTTP version, the body as bytes (HEAD, gzip). */
  static HttpResponse<byte[]> raw(HttpClient.Version version, String method, String path, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port + path))
        .timeout(Duration.ofSeconds(10)).method(method, HttpRequest.BodyPublishers.noBody());
    headers.forEach(b::header);
    return HttpClient.newBuilder().version(version).build().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }
}
