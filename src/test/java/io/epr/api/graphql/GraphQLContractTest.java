package io.epr.api.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.epr.api.rest.StoreSnapshot;
import io.epr.support.EprTestServer;
import io.epr.support.Http;
import io.epr.support.Http.Response;
import io.epr.support.TopicReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * EPR's GraphQL contract (epr-api.md §3, workshop.md §1.3, §1.5 and scenario 7) at POST /api/v1/graphql/query:
 * the workshop's exact operations, by-id queries, searches, the Go and Python clients' request shapes, the
 * leniencies real clients need, error shapes, GraphiQL, and the Kafka messages of mutations.
 */
class GraphQLContractTest {
  static final String QUERY = "/api/v1/graphql/query";
  static final String UNKNOWN_ID = "01HPW0DY340VMM3DNMX8JCQDGN";
  static final Pattern ULID = Pattern.compile("[0-9A-HJKMNP-TV-Z]{26}");
  static final Pattern RFC3339 = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{0,8}[1-9])?(Z|[+-]\\d{2}:\\d{2})");
  static final String EVENT_FIELDS = "{id,name,version,release,platform_id,package,description,payload,success,created_at,event_receiver_id}";
  static final String FIND_EVENTS = "query ($obj: FindEventInput!){events(event: $obj) " + EVENT_FIELDS + "}";
  static final String FIND_RECEIVERS = "query ($obj: FindEventReceiverInput!){event_receivers(event_receiver: $obj) "
      + "{id,name,type,version,description,schema,fingerprint,created_at}}";
  static final String FIND_GROUPS = "query ($obj: FindEventReceiverGroupInput!){event_receiver_groups(event_receiver_group: $obj) "
      + "{id,name,type,version,description,enabled,event_receiver_ids,created_at,updated_at}}";
  static final String CREATE_EVENT = "mutation ($obj: CreateEventInput!){create_event(event: $obj)}";
  static final String CREATE_RECEIVER = "mutation ($obj: CreateEventReceiverInput!){create_event_receiver(event_receiver: $obj)}";
  static final String CREATE_GROUP =
      "mutation ($obj: CreateEventReceiverGroupInput!){create_event_receiver_group(event_receiver_group: $obj)}";
  static final AtomicInteger SEQ = new AtomicInteger();

  static EprTestServer server;
  static Http http;
  static TopicReader topic;
  /** A receiver whose schema accepts anything. */
  static String anyRid;

  @BeforeAll
  static void start() {
    server = new EprTestServer();
    http = server.http;
    topic = server.reader();
    anyRid = createReceiver(unique("any"), "{}");
  }

  @AfterAll
  static void stop() {
    topic.close();
    server.close();
  }

  // ---------------------------------------------------------------- workshop scenario 7 (05-epr-service/04-graphql.md)

  @Test
  void scenario7_theWorkshopsGraphQLSectionWorksAsWritten() {
    String rid = createdId(gql("""
        mutation {
          create_event_receiver(
            event_receiver: {
              name: "the_clash"
              version: "1.0.0"
              type: "london.calling"
              description: "The only band that matters"
              schema: "{\\"name\\": \\"value\\"}"
            }
          )
        }"""), "create_event_receiver");
    String gid = createdId(gql("""
        mutation {
          create_event_receiver_group(
            event_receiver_group: {
              name: "foobar"
              version: "1.0.0"
              description: "a fake event receiver group"
              enabled: true
              event_receiver_ids: ["%s"]
              type: "test.test.test"
            }
          )
        }""".formatted(rid)), "create_event_receiver_group");
    assertEquals(gid, data(gql("mutation {\n  set_event_receiver_group_enabled(id: \"" + gid + "\")\n}"))
        .get("set_event_receiver_group_enabled").asText());
    assertEquals(gid, data(gql("mutation {\n  set_event_receiver_group_disabled(id: \"" + gid + "\")\n}"))
        .get("set_event_receiver_group_disabled").asText());
    String e1 = createdId(gql(workshopEvent("20231103", "platformID", "package", "The Foo of Brixton", "value", rid)),
        "create_event");

    JsonNode event = only(data(gql("""
        query {
          events_by_id(id: "%s") {
            id
            name
            version
            release
            platform_id
            package
            description
            payload
            success
            event_receiver_id
            created_at
          }
        }""".formatted(e1))).get("events_by_id"));
    assertEquals(e1, event.get("id").asText());
    assertEquals("foo", event.get("name").asText());
    assertEquals("20231103", event.get("release").asText());
    assertEquals("platformID", event.get("platform_id").asText());
    assertEquals("The Foo of Brixton", event.get("description").asText());
    assertEquals(Http.parse("{\"name\":\"value\"}"), event.get("payload"));
    assertTrue(event.get("success").booleanValue());
    assertEquals(rid, event.get("event_receiver_id").asText());
    assertRfc3339(event.get("created_at"));

    JsonNode receiver = only(data(gql("""
        query {
          event_receivers_by_id(id: "%s") {
            name
            version
            description
            type
            schema
            fingerprint
            created_at
          }
        }""".formatted(rid))).get("event_receivers_by_id"));
    assertEquals("london.calling", receiver.get("type").asText());
    assertEquals(Http.parse("{\"name\":\"value\"}"), receiver.get("schema"));
    assertEquals(fingerprint("london.calling", "The only band that matters", "the_clash", "1.0.0"),
        receiver.get("fingerprint").asText());
    assertRfc3339(receiver.get("created_at"));

    JsonNode group = only(data(gql("""
        query {
          event_receiver_groups_by_id(id: "%s") {
            name
            version
            description
            type
            enabled
            event_receiver_ids
            created_at
            updated_at
          }
        }""".formatted(gid))).get("event_receiver_groups_by_id"));
    assertEquals("test.test.test", group.get("type").asText());
    assertFalse(group.get("enabled").booleanValue(), "disabled last");
    assertEquals(List.of(rid), texts(group.get("event_receiver_ids")));
    assertRfc3339(group.get("created_at"));
    assertTrue(time(group.get("updated_at")).isAfter(time(group.get("created_at"))), "toggles bump updated_at");

    String e2 = createdId(gql(workshopEvent("20240217", "x86-64-gnu-linux-7", "rpm", "The RPM Foo of Brixton", "foo", rid)),
        "create_event");
    JsonNode foos = data(gql("""
        query {
          events(event: { name: "foo", version: "1.0.0" }) {
            id
            name
            version
            release
            platform_id
            package
            description
            payload
            success
            event_receiver_id
            created_at
          }
        }""")).get("events");
    assertEquals(List.of(e1, e2), ids(foos));
    assertEquals(Http.parse("{\"name\":\"foo\"}"), foos.get(1).get("payload"));
    foos.forEach(e -> assertRfc3339(e.get("created_at")));

    createdId(gql("""
        mutation {
          create_event_receiver(
            event_receiver: {
              name: "the_clash"
              version: "1.0.0"
              type: "london.calling.from.the.far.away.town"
              description: "The only band that matters"
              schema: "{\\"name\\": \\"joe\\"}"
            }
          )
        }"""), "create_event_receiver");
    JsonNode clash = data(gql("""
        query {
          event_receivers(event_receiver: { name: "the_clash", version: "1.0.0" }) {
            id
            name
            version
            type
            description
            created_at
          }
        }""")).get("event_receivers");
    assertEquals(List.of("london.calling", "london.calling.from.the.far.away.town"), texts(clash, "type"));

    // "Query using the GraphQL with Curl": the $er, $e and $erg bodies, sent byte for byte
    JsonNode byId = data(postRaw("{\"query\":\"query ($er: FindEventReceiverInput!){event_receivers(event_receiver: $er) "
        + "{id,name,type,version,description}}\",\"variables\":{\"er\":{\"id\":\"" + rid + "\"}}}"));
    assertEquals(List.of(rid), ids(byId.get("event_receivers")));
    JsonNode byNameVersion = data(postRaw("{\"query\":\"query ($e : FindEventInput!){events(event: $e) {id,name,version,"
        + "release,platform_id,package,description,success,event_receiver_id}}\",\"variables\":{\"e\": {\"name\":\"foo\","
        + "\"version\":\"1.0.0\"}}}"));
    assertEquals(List.of(e1, e2), ids(byNameVersion.get("events")));
    String findGroups = "{\"query\":\"query ($erg: FindEventReceiverGroupInput!){event_receiver_groups(event_receiver_group: "
        + "$erg) {id,name,type,version,description}}\",\"variables\":{\"erg\": {\"name\":\"foobar\",\"version\":\"1.0.0\"}}}";
    assertEquals(List.of(gid), ids(data(postRaw(findGroups)).get("event_receiver_groups")));

    // "Create using GraphQL with Curl": $er, then $obj for a group and an event
    String rid2 = createdId(postRaw("{\"query\":\"mutation ($er: CreateEventReceiverInput!){create_event_receiver("
        + "event_receiver: $er)}\",\"variables\":{\"er\": {\"name\":\"foobar\",\"version\":\"1.3.0\",\"description\":"
        + "\"foobar is the description\",\"type\": \"foobar.test\", \"schema\" : \"{}\"}}}"), "create_event_receiver");
    String gid2 = createdId(postRaw("{\"query\":\"mutation ($obj: CreateEventReceiverGroupInput!){create_event_receiver_group("
        + "event_receiver_group: $obj)}\", \"variables\": {\"obj\": {\"name\": \"foobar\", \"version\": \"1.0.0\", \"type\": "
        + "\"test.test.test\", \"description\": \"a fake event receiver group\", \"enabled\": true, \"event_receiver_ids\": [\""
        + rid2 + "\"]}}}"), "create_event_receiver_group");
    String e3 = createdId(postRaw("{\"query\":\"mutation ($obj: CreateEventInput!){create_event(event: $obj)}\", "
        + "\"variables\": {\"obj\": {\"name\": \"foo\", \"version\": \"1.0.0\", \"release\": \"2023.11.16\", \"platform_id\": "
        + "\"linux\", \"package\": \"docker\", \"description\": \"blah\", \"payload\": \"{\\\"name\\\":\\\"joe\\\"}\", "
        + "\"success\": true, \"event_receiver_id\": \"" + rid2 + "\"}}}"), "create_event");
    assertEquals(List.of(gid, gid2), ids(data(postRaw(findGroups)).get("event_receiver_groups")));
    assertEquals(List.of(e1, e2, e3), ids(data(postRaw(findEventsBody("{\"name\":\"foo\",\"version\":\"1.0.0\"}")))
        .get("events")));
  }

  private static String workshopEvent(String release, String platform, String pkg, String description, String name,
      String rid) {
    return """
        mutation {
          create_event(
            event: {
              name: "foo"
              version: "1.0.0"
              release: "%s"
              platform_id: "%s"
              package: "%s"
              description: "%s"
              payload: "{\\"name\\": \\"%s\\"}"
              event_receiver_id: "%s"
              success: true
            }
          )
        }""".formatted(release, platform, pkg, description, name, rid);
  }

  // ---------------------------------------------------------------- by id (§3.2)

  @ParameterizedTest(name = "{0}")
  @CsvSource({"events_by_id,event", "event_receivers_by_id,eventReceiver", "event_receiver_groups_by_id,eventReceiverGroup"})
  void byIdOfAnUnknownIdIsAnErrorWithNullData(String field, String kind) {
    JsonNode r = rejected("{" + field + "(id: \"" + UNKNOWN_ID + "\") {id}}", null);
    assertError(r, "object not found: " + kind + " with id " + UNKNOWN_ID + " not found", field);
  }

  @Test
  void byIdAnswersAListOfExactlyOne() {
    String rid = createReceiver(unique("by-id"), "{}");
    String eid = createEvent(event(unique("by-id"), rid));
    String gid = createGroup(group(unique("by-id"), rid));
    assertEquals(List.of(eid), ids(data(gql("{events_by_id(id: \"" + eid + "\") {id}}")).get("events_by_id")));
    assertEquals(List.of(rid), ids(data(gql("{event_receivers_by_id(id: \"" + rid + "\") {id}}")).get("event_receivers_by_id")));
    assertEquals(List.of(gid), ids(data(gql("{event_receiver_groups_by_id(id: \"" + gid + "\") {id}}"))
        .get("event_receiver_groups_by_id")));
  }

  // ---------------------------------------------------------------- searches (§3.2)

  @Test
  void eventSearchFiltersOnEachFieldAndAndsThem() {
    String n1 = unique("n1");
    String n2 = unique("n2");
    String v1 = unique("v1");
    String r1 = createReceiver(unique("r1"), "{}");
    String r2 = createReceiver(unique("r2"), "{}");
    String a = createEvent(event(n1, r1).put("version", v1).put("release", "ra-" + n1).put("platform_id", "pa-" + n1)
        .put("package", "ka-" + n1).put("success", true));
    String b = createEvent(event(n1, r1).put("version", unique("v2")).put("release", "ra-" + n1).put("platform_id", "pb-" + n1)
        .put("package", "ka-" + n1).put("success", false));
    String c = createEvent(event(n2, r2).put("version", v1).put("release", "rc-" + n1).put("platform_id", "pa-" + n1)
        .put("package", "kc-" + n1).put("success", true));

    assertEquals(List.of(a), findEvents(filter("id", a)));
    assertEquals(List.of(a, b), findEvents(filter("name", n1)));
    assertEquals(List.of(a, c), findEvents(filter("version", v1)));
    assertEquals(List.of(a, b), findEvents(filter("release", "ra-" + n1)));
    assertEquals(List.of(a, c), findEvents(filter("platform_id", "pa-" + n1)));
    assertEquals(List.of(a, b), findEvents(filter("package", "ka-" + n1)));
    assertEquals(List.of(a, b), findEvents(filter("event_receiver_id", r1)));
    assertEquals(List.of(a), findEvents(filter("name", n1).put("version", v1)));
    assertEquals(List.of(b), findEvents(filter("name", n1).put("success", false)));
    assertEquals(List.of(c), findEvents(filter("platform_id", "pa-" + n1).put("package", "kc-" + n1)));
    assertEquals(List.of(), findEvents(filter("name", n2).put("release", "ra-" + n1)));

    List<String> succeeded = findEvents(filter("success", true));
    assertTrue(succeeded.containsAll(List.of(a, c)) && !succeeded.contains(b), succeeded.toString());
    List<String> failed = findEvents(filter("success", false));
    assertTrue(failed.contains(b) && !failed.contains(a) && !failed.contains(c), failed.toString());
    assertEquals(List.of(a, b), ids(data(gql("{events(event: {name: " + lit(n1) + "}) {id}}")).get("events")),
        "inline filter literal");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"event_receivers", "event_receiver_groups"})
  void receiverAndGroupSearchesFilterOnIdNameTypeVersionAndAndThem(String kind) {
    boolean receivers = kind.equals("event_receivers");
    String name = unique("s");
    String type = unique("t");
    String version = unique("v");
    List<ObjectNode> inputs = List.of(
        receiverOrGroup(receivers, name).put("type", type).put("version", version),
        receiverOrGroup(receivers, name).put("type", unique("t")).put("version", version),
        receiverOrGroup(receivers, unique("s")).put("type", type).put("version", unique("v")));
    List<String> made = new ArrayList<>();
    inputs.forEach(in -> made.add(receivers ? createdId(gql(CREATE_RECEIVER, obj(in)), "create_event_receiver")
        : createGroup(in)));
    String query = receivers ? FIND_RECEIVERS : FIND_GROUPS;

    assertEquals(List.of(made.get(1)), find(query, kind, filter("id", made.get(1))));
    assertEquals(made.subList(0, 2), find(query, kind, filter("name", name)));
    assertEquals(List.of(made.get(0), made.get(2)), find(query, kind, filter("type", type)));
    assertEquals(made.subList(0, 2), find(query, kind, filter("version", version)));
    assertEquals(List.of(made.get(0)), find(query, kind, filter("name", name).put("type", type)));
    assertEquals(List.of(), find(query, kind, filter("id", made.get(2)).put("name", name)));
  }

  @Test
  void emptyFilterReturnsEveryRow() {
    createEvent(event(unique("all"), anyRid));
    createGroup(group(unique("all"), anyRid));
    assertEquals(StoreSnapshot.count(server, "events"),
        data(gql("{events(event: {}) {id}}")).get("events").size());
    assertEquals(StoreSnapshot.count(server, "event_receivers"),
        data(gql("{event_receivers(event_receiver: {}) {id}}")).get("event_receivers").size());
    assertEquals(StoreSnapshot.count(server, "event_receiver_groups"),
        data(gql("query ($obj: FindEventReceiverGroupInput!){event_receiver_groups(event_receiver_group: $obj) {id}}",
            "{\"obj\":{}}")).get("event_receiver_groups").size());
  }

  @Test
  void explicitNullFilterMatchesNothing() {
    createEvent(event(unique("null"), anyRid));
    assertEquals(0, data(gql("{events(event: {name: null}) {id}}")).get("events").size());
  }

  @Test
  void searchResultsCarryPayloadAndSchemaAsJsonAndRfc3339Times() {
    String name = unique("shape");
    String rid = createReceiver(name, "{\"type\":\"object\"}");
    createEvent(event(name, rid).put("payload", "{\"k\":[1,2]}"));
    JsonNode e = only(data(gql(FIND_EVENTS, obj(filter("name", name)))).get("events"));
    assertEquals(Http.parse("{\"k\":[1,2]}"), e.get("payload"));
    assertRfc3339(e.get("created_at"));
    JsonNode r = only(data(gql(FIND_RECEIVERS, obj(filter("id", rid)))).get("event_receivers"));
    assertEquals(Http.parse("{\"type\":\"object\"}"), r.get("schema"));
    assertRfc3339(r.get("created_at"));
  }

  // ---------------------------------------------------------------- the clients' request shapes (§3.2, §9)

  @Test
  void goClientRequestShapes() {
    String name = unique("go");
    Response created = http.post(QUERY, body(CREATE_RECEIVER, "{\"obj\":{\"name\":" + lit(name)
        + ",\"type\":\"t\",\"version\":\"1\",\"description\":\"d\",\"schema\":\"{}\"}}"));
    assertEquals(200, created.status());
    assertTrue(created.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    assertTrue(Pattern.compile("\\{\"data\":\\{\"create_event_receiver\":\"" + ULID + "\"}}\n?").matcher(created.body())
        .matches(), created.body());
    String rid = created.json().at("/data/create_event_receiver").asText();
    String gid = createdId(gql(CREATE_GROUP, obj(group(name, rid))), "create_event_receiver_group");
    String eid = createdId(gql(CREATE_EVENT, obj(event(name, rid).put("version", "1.0.0"))), "create_event");

    JsonNode events = data(gql("query ($obj: FindEventInput!){events(event: $obj) {id,name,version}}",
        "{\"obj\":{\"name\":" + lit(name) + ",\"version\":\"1.0.0\"}}")).get("events");
    assertEquals(Http.parse("[{\"id\":\"" + eid + "\",\"name\":" + lit(name) + ",\"version\":\"1.0.0\"}]"), events);
    // epr-cli event search --success true --fields all: success arrives as a string
    JsonNode all = data(gql(FIND_EVENTS, "{\"obj\":{\"name\":" + lit(name) + ",\"success\":\"true\"}}")).get("events");
    assertEquals(List.of(eid), ids(all));
    assertEquals(Set.of("id", "name", "version", "release", "platform_id", "package", "description", "payload", "success",
        "created_at", "event_receiver_id"), keys(all.get(0)));
    assertEquals(List.of(gid), find(FIND_GROUPS, "event_receiver_groups", filter("name", name)));
  }

  @Test
  void pythonClientSendsWholeDataclassesAndObjectsForJson() {
    String name = unique("py");
    ObjectNode receiver = (ObjectNode) Http.parse("{\"id\":\"\",\"name\":" + lit(name) + ",\"type\":\"dev.foo.python.cli\","
        + "\"version\":\"1.0.0\",\"description\":\"foo python cli event receiver\",\"schema\":{},\"fingerprint\":\"\","
        + "\"created_at\":\"\"}");
    String rid = createdId(gql(CREATE_RECEIVER, obj(receiver)), "create_event_receiver");
    ObjectNode group = group(name, rid).put("id", "").put("created_at", "").put("updated_at", "").put("fingerprint", "");
    String gid = createdId(gql(CREATE_GROUP, obj(group)), "create_event_receiver_group");
    ObjectNode event = event(name, rid).put("id", "").put("created_at", "");
    event.set("payload", Http.parse("{\"name\":\"foo\"}"));
    event.putObject("event_receiver");
    String eid = createdId(gql(CREATE_EVENT, obj(event)), "create_event");

    JsonNode found = data(gql("query ($obj: FindEventReceiverInput!){event_receivers(event_receiver: $obj) { "
        + "id,schema,fingerprint,created_at }}", "{\"obj\":{\"id\":\"" + rid + "\"}}")).get("event_receivers");
    JsonNode r = only(found);
    assertEquals(Set.of("id", "schema", "fingerprint", "created_at"), keys(r), "only the requested fields");
    assertEquals(Http.parse("{}"), r.get("schema"));
    assertEquals(fingerprint("dev.foo.python.cli", "foo python cli event receiver", name, "1.0.0"),
        r.get("fingerprint").asText());
    JsonNode e = only(data(gql("query ($obj: FindEventInput!){events(event: $obj) { id,payload }}",
        "{\"obj\":{\"name\":" + lit(name) + ",\"release\":\"1712345678.123\"}}")).get("events"));
    assertEquals(eid, e.get("id").asText());
    assertEquals(Http.parse("{\"name\":\"foo\"}"), e.get("payload"));
    assertEquals(List.of(gid), find("query ($obj: FindEventReceiverGroupInput!){event_receiver_groups("
        + "event_receiver_group: $obj) { id,name }}", "event_receiver_groups", filter("name", name).put("type", "t")));
  }

  @Test
  void unknownFieldsInSearchVariablesAreIgnored() {
    String name = unique("mcp");
    String rid = createReceiver(name, "{}");
    assertEquals(List.of(rid), find(FIND_RECEIVERS, "event_receivers", filter("name", name).put("bogus", "x")
        .put("fingerprint", "")));
  }

  // ---------------------------------------------------------------- JSON scalar input (§3.2, workshop §1.5)

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "variable string of JSON   | \"{\\\"a\\\":1}\"        | {\"a\":1}",
      "variable object           | {\"a\":1,\"b\":[true]}   | {\"a\":1,\"b\":[true]}",
      "variable array            | [1,\"x\",null]           | [1,\"x\",null]",
      "variable string of array  | \"[1,2]\"                | [1,2]"})
  void payloadVariableMayBeAStringOfJsonOrJson(String label, String variable, String stored) {
    ObjectNode e = event(unique("json"), anyRid);
    e.set("payload", Http.parse(variable));
    String eid = createdId(gql(CREATE_EVENT, obj(e)), "create_event");
    assertEquals(Http.parse(stored), payloadOf(eid));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "inline string of JSON | \"{\\\"a\\\": 1}\"                         | {\"a\":1}",
      "inline object         | {a: 1, b: [\"x\", true], c: null, d: 2.5} | {\"a\":1,\"b\":[\"x\",true],\"c\":null,\"d\":2.5}",
      "inline array          | [1, {k: \"v\"}]                          | [1,{\"k\":\"v\"}]"})
  void payloadLiteralMayBeAStringOfJsonOrJson(String label, String literal, String stored) {
    String eid = createdId(gql("mutation { create_event(event: {name: " + lit(unique("lit")) + ", version: \"1\", "
        + "release: \"r\", platform_id: \"p\", package: \"k\", description: \"d\", payload: " + literal + ", "
        + "event_receiver_id: \"" + anyRid + "\", success: true}) }"), "create_event");
    assertEquals(Http.parse(stored), payloadOf(eid));
  }

  @Test
  void receiverSchemaGivenAsAnObjectIsARealSchema() {
    String inline = createdId(gql("mutation { create_event_receiver(event_receiver: {name: " + lit(unique("obj"))
        + ", type: \"t\", version: \"1\", description: \"d\", schema: {type: \"object\", required: [\"a\"]}}) }"),
        "create_event_receiver");
    ObjectNode viaVariable = receiverOrGroup(true, unique("obj"));
    viaVariable.set("schema", Http.parse("{\"type\":\"object\",\"required\":[\"a\"]}"));
    String variable = createdId(gql(CREATE_RECEIVER, obj(viaVariable)), "create_event_receiver");
    for (String rid : List.of(inline, variable)) {
      JsonNode r = rejected(CREATE_EVENT, obj(event(unique("obj"), rid).put("payload", "{\"b\":1}")));
      assertError(r, "invalid input: event payload did not match event receiver schema\n(root): a is required",
          "create_event");
      createEvent(event(unique("obj"), rid).put("payload", "{\"a\":1}"));
    }
  }

  @Test
  void jsonStringThatIsNotJsonIsRejected() {
    JsonNode viaVariable = rejected(CREATE_EVENT, obj(event(unique("bad"), anyRid).put("payload", "not json")));
    assertFalse(viaVariable.get("errors").isEmpty());
    JsonNode inline = rejected("mutation { create_event_receiver(event_receiver: {name: \"n\", type: \"t\", "
        + "version: \"1\", description: \"d\", schema: \"{abcd\"}) }", null);
    assertFalse(inline.get("errors").isEmpty());
  }

  // ---------------------------------------------------------------- errors (§3, §6)

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {
      "create_event                | name=                       | invalid input: name cannot be blank",
      "create_event                | platform_id=                | invalid input: platform id cannot be blank",
      "create_event                | event_receiver_id=          | invalid input: event receiver id cannot be blank",
      "create_event                | event_receiver_id=" + UNKNOWN_ID + " | invalid input: receiver for event does not exist",
      "create_event                | description=<256>           | invalid input: description cannot be longer than 255 characters",
      "create_event_receiver       | type=                       | invalid input: type cannot be blank",
      "create_event_receiver       | version=<256>               | invalid input: version cannot be longer than 255 characters",
      "create_event_receiver_group | description=                | invalid input: description cannot be blank",
      "create_event_receiver_group | event_receiver_ids=         | invalid input: need at least one event receiver id",
      "create_event_receiver_group | event_receiver_ids=<blank>  | invalid input: event receiver ids cannot be blank",
      "create_event_receiver_group | event_receiver_ids=" + UNKNOWN_ID + " | invalid input: event receiver " + UNKNOWN_ID
          + " does not exist"})
  void mutationValidationErrorsAreGraphQLErrorsWithEprsMessage(String mutation, String change, String message) {
    String field = change.substring(0, change.indexOf('='));
    String value = change.substring(change.indexOf('=') + 1);
    ObjectNode input = switch (mutation) {
      case "create_event" -> event(unique("err"), anyRid);
      case "create_event_receiver" -> receiverOrGroup(true, unique("err"));
      default -> group(unique("err"), anyRid);
    };
    if (field.equals("event_receiver_ids")) {
      input.putArray(field).addAll(value.isEmpty() ? List.of() : List.of(Http.JSON.getNodeFactory()
          .textNode(value.equals("<blank>") ? " " : value)));
    } else {
      input.put(field, value.equals("<256>") ? "x".repeat(256) : value);
    }
    String query = switch (mutation) {
      case "create_event" -> CREATE_EVENT;
      case "create_event_receiver" -> CREATE_RECEIVER;
      default -> CREATE_GROUP;
    };
    assertError(rejected(query, obj(input)), message, mutation);
  }

  @Test
  void blankEventFieldsAreJoinedInOrderInOneError() {
    JsonNode r = rejected("mutation { create_event(event: {name: \"\", version: \" \", release: \"\", platform_id: \"\", "
        + "package: \"\", description: \"\", payload: \"{}\", event_receiver_id: \"\", success: true}) }", null);
    assertError(r, "invalid input: name cannot be blank\nversion cannot be blank\nrelease cannot be blank\n"
        + "platform id cannot be blank\npackage cannot be blank\ndescription cannot be blank\nevent receiver id cannot be blank",
        "create_event");
  }

  @Test
  void receiverSchemaThatIsNotAJsonSchemaIsRejected() {
    for (String schema : List.of("5", "\"a string\"", "null")) {
      JsonNode r = rejected(CREATE_RECEIVER, obj(receiverOrGroup(true, unique("schema")).put("schema", schema)));
      assertEquals(1, r.get("errors").size(), r.toString());
      assertTrue(r.at("/errors/0/message").asText().startsWith("invalid input: failed to parse schema: "), r.toString());
      assertEquals(Http.parse("[\"create_event_receiver\"]"), r.at("/errors/0/path"));
      assertTrue(r.has("data") && r.get("data").isNull(), r.toString());
    }
  }

  @Test
  void missingRequiredInputFieldsAreRejectedByValidation() {
    String rid = anyRid;
    // the docs' group example without the now-required enabled
    JsonNode inline = rejected("mutation { create_event_receiver_group(event_receiver_group: {name: \"g\", version: \"1\", "
        + "type: \"t\", description: \"d\", event_receiver_ids: [\"" + rid + "\"]}) }", null);
    assertFalse(inline.get("errors").isEmpty(), inline.toString());
    assertTrue(inline.path("data").isMissingNode() || inline.get("data").isNull(), inline.toString());
    ObjectNode noPayload = event(unique("req"), rid);
    noPayload.remove("payload");
    JsonNode variables = rejected(CREATE_EVENT, obj(noPayload));
    assertFalse(variables.get("errors").isEmpty(), variables.toString());
    assertTrue(variables.path("data").isMissingNode() || variables.get("data").isNull(), variables.toString());
  }

  @Test
  void undecodableBodyIsA400InPlainText() {
    for (String body : List.of("{abcd", "")) {
      StoreSnapshot before = StoreSnapshot.take(server);
      Response r = http.post(QUERY, body);
      before.assertUnchanged();
      assertEquals(400, r.status(), r.body());
      assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), r.headers().toString());
      assertFalse(r.body().isBlank());
    }
  }

  // ---------------------------------------------------------------- groups: enable/disable (§3.2)

  @Test
  void enableAndDisableFlipTheGroupBumpUpdatedAtAndSendNoMessage() {
    String gid = createGroup(group(unique("toggle"), anyRid).put("enabled", false));
    JsonNode previous = groupById(gid);
    for (String mutation : List.of("set_event_receiver_group_enabled", "set_event_receiver_group_disabled")) {
      assertEquals(gid, data(gql("mutation { " + mutation + "(id: \"" + gid + "\") }")).get(mutation).asText());
      JsonNode now = groupById(gid);
      assertEquals(mutation.endsWith("_enabled"), now.get("enabled").booleanValue());
      assertTrue(time(now.get("updated_at")).isAfter(time(previous.get("updated_at"))), mutation);
      assertEquals(previous.get("created_at"), now.get("created_at"));
      previous = now;
    }
    assertEquals(0, topic.settle(m -> m.path("id").asText().equals(gid)
        && !m.path("type").asText().equals("epr.event.receiver.group.created"), Duration.ofSeconds(2)).size());
  }

  @ParameterizedTest
  @CsvSource({"set_event_receiver_group_enabled", "set_event_receiver_group_disabled"})
  void enablingOrDisablingAnUnknownGroupIsAnError(String mutation) {
    assertError(rejected("mutation { " + mutation + "(id: \"" + UNKNOWN_ID + "\") }", null),
        "object not found: eventReceiverGroup with id " + UNKNOWN_ID + " not found", mutation);
  }

  // ---------------------------------------------------------------- Kafka messages of mutations (§4.3)

  @Test
  void mutationsProduceTheSameKafkaMessagesAsRest() {
    String name = unique("kafka");
    String rid = createdId(gql("mutation { create_event_receiver(event_receiver: {name: " + lit(name) + ", type: \"foo.bar\", "
        + "version: \"1.0.0\", description: \"desc\", schema: \"{\\\"name\\\": \\\"value\\\"}\"}) }"), "create_event_receiver");
    JsonNode receiverCreated = message(rid, "epr.event.receiver.created");
    assertEquals("event-provenance-registry", receiverCreated.get("platform_id").asText());
    assertEquals("event.receiver", receiverCreated.get("package").asText());
    assertEquals(Http.parse("{\"name\":\"value\"}"), receiverCreated.at("/data/event_receivers/0/schema"));
    assertEquals(fingerprint("foo.bar", "desc", name, "1.0.0"), receiverCreated.at("/data/event_receivers/0/fingerprint").asText());

    String gid = createGroup(group(name, rid));
    assertEquals(rid, message(gid, "epr.event.receiver.group.created").at("/data/event_receiver_groups/0/event_receiver_ids/0")
        .asText());

    String eid = createEvent(event(name, rid).put("payload", "{\"name\":\"joe\"}"));
    JsonNode eventCreated = message(eid, "foo.bar");
    assertEquals(name, eventCreated.get("name").asText());
    assertEquals(Http.parse("{\"name\":\"joe\"}"), eventCreated.at("/data/events/0/payload"));
    assertEquals(rid, eventCreated.at("/data/events/0/EventReceiver/id").asText());
  }

  // ---------------------------------------------------------------- GraphiQL (§3)

  /** The address the workshop and the server's start-up log give: GET /api/v1/graphql answers the page itself. */
  @Test
  void graphiqlIsServedAtApiV1Graphql() {
    Response r = http.get("/api/v1/graphql");
    assertEquals(200, r.status(), "GET /api/v1/graphql answered " + r.status() + " " + r.headers().map());
    assertGraphiql(r);
  }

  /** With the trailing slash (EPR strips it, so both addresses are the page). */
  @Test
  void graphiqlPageTargetsTheQueryEndpoint() {
    Response r = http.get("/api/v1/graphql/");
    assertEquals(200, r.status());
    assertGraphiql(r);
  }

  private static void assertGraphiql(Response r) {
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), r.headers().toString());
    assertTrue(r.body().toLowerCase().contains("graphiql"), "a GraphiQL page");
    assertTrue(r.body().contains("/api/v1/graphql/query"), "whose fetcher posts to /api/v1/graphql/query");
  }

  // ================================================================ helpers

  static String unique(String prefix) {
    return prefix + "-" + SEQ.incrementAndGet() + "-" + Long.toString(System.nanoTime(), 36);
  }

  static ObjectNode event(String name, String rid) {
    return (ObjectNode) Http.parse("{\"name\":" + lit(name) + ",\"version\":\"1\",\"release\":\"1712345678.123\","
        + "\"platform_id\":\"linux\",\"package\":\"docker\",\"description\":\"d\",\"payload\":\"{}\",\"success\":true,"
        + "\"event_receiver_id\":\"" + rid + "\"}");
  }

  static ObjectNode receiverOrGroup(boolean receiver, String name) {
    ObjectNode o = (ObjectNode) Http.parse("{\"name\":" + lit(name) + ",\"type\":\"t\",\"version\":\"1\",\"description\":\"d\"}");
    if (receiver) {
      o.put("schema", "{}");
    } else {
      o.put("enabled", true).putArray("event_receiver_ids").add(anyRid);
    }
    return o;
  }

  static ObjectNode group(String name, String rid) {
    ObjectNode g = receiverOrGroup(false, name);
    g.putArray("event_receiver_ids").add(rid);
    return g;
  }

  static ObjectNode filter(String field, Object value) {
    ObjectNode f = Http.JSON.createObjectNode();
    f.set(field, Http.JSON.valueToTree(value));
    return f;
  }

  /** {"obj": input}, the variables of the clients' operations. */
  static String obj(JsonNode input) {
    return "{\"obj\":" + input + "}";
  }

  static String createReceiver(String name, String schemaJson) {
    return createdId(gql(CREATE_RECEIVER, obj(receiverOrGroup(true, name).put("schema", schemaJson))),
        "create_event_receiver");
  }

  static String createEvent(ObjectNode input) {
    return createdId(gql(CREATE_EVENT, obj(input)), "create_event");
  }

  static String createGroup(ObjectNode input) {
    return createdId(gql(CREATE_GROUP, obj(input)), "create_event_receiver_group");
  }

  static List<String> findEvents(ObjectNode filter) {
    return find(FIND_EVENTS, "events", filter);
  }

  static List<String> find(String query, String field, ObjectNode filter) {
    JsonNode found = data(gql(query, obj(filter))).get(field);
    return ids(found);
  }

  static JsonNode groupById(String gid) {
    return only(data(gql("{event_receiver_groups_by_id(id: \"" + gid + "\") {enabled,created_at,updated_at}}"))
        .get("event_receiver_groups_by_id"));
  }

  static JsonNode payloadOf(String eid) {
    return only(data(gql("{events_by_id(id: \"" + eid + "\") {payload}}")).get("events_by_id")).get("payload");
  }

  static JsonNode gql(String query) {
    return http.graphql(query, null);
  }

  static JsonNode gql(String query, String variablesJson) {
    return http.graphql(query, variablesJson == null ? null : Http.parse(variablesJson));
  }

  static String body(String query, String variablesJson) {
    ObjectNode b = Http.JSON.createObjectNode().put("query", query);
    b.set("variables", Http.parse(variablesJson));
    return b.toString();
  }

  static String findEventsBody(String filterJson) {
    return body("query ($obj: FindEventInput!){events(event: $obj) {id}}", "{\"obj\":" + filterJson + "}");
  }

  /** POSTs a request body exactly as given (the workshop's curl bodies). */
  static JsonNode postRaw(String body) {
    Response r = http.post(QUERY, body);
    assertEquals(200, r.status(), r.body());
    return r.json();
  }

  /** A GraphQL request that must fail: HTTP 200 with errors, nothing stored, changed or queued. */
  static JsonNode rejected(String query, String variablesJson) {
    StoreSnapshot before = StoreSnapshot.take(server);
    JsonNode r = gql(query, variablesJson);
    before.assertUnchanged();
    assertTrue(r.has("errors") && r.get("errors").size() > 0, "expected errors: " + r);
    return r;
  }

  /** {"errors":[{"message":<message>,"path":[<field>],…}],"data":null}. */
  static void assertError(JsonNode r, String message, String field) {
    assertEquals(1, r.get("errors").size(), r.toString());
    assertEquals(message, r.at("/errors/0/message").asText());
    assertEquals(Http.JSON.createArrayNode().add(field), r.at("/errors/0/path"));
    assertTrue(r.has("data") && r.get("data").isNull(), "data must be null: " + r);
  }

  static JsonNode data(JsonNode response) {
    assertFalse(response.has("errors"), response.toString());
    return response.get("data");
  }

  static String createdId(JsonNode response, String field) {
    String id = data(response).get(field).asText();
    assertTrue(ULID.matcher(id).matches(), response.toString());
    return id;
  }

  static JsonNode only(JsonNode list) {
    assertEquals(1, list.size(), list.toString());
    return list.get(0);
  }

  static List<String> ids(JsonNode list) {
    return texts(list, "id");
  }

  static List<String> texts(JsonNode list, String field) {
    List<String> out = new ArrayList<>();
    list.forEach(item -> out.add(item.get(field).asText()));
    return out;
  }

  static List<String> texts(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.forEach(item -> out.add(item.asText()));
    return out;
  }

  static Set<String> keys(JsonNode object) {
    Set<String> keys = new TreeSet<>();
    object.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  /** A GraphQL (and JSON) string literal. */
  static String lit(String s) {
    try {
      return Http.JSON.writeValueAsString(s);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static void assertRfc3339(JsonNode time) {
    assertTrue(RFC3339.matcher(time.asText()).matches(), time.asText());
  }

  static OffsetDateTime time(JsonNode rfc3339) {
    return OffsetDateTime.parse(rfc3339.asText());
  }

  static String fingerprint(String type, String description, String name, String version) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256")
          .digest(("v1 " + type + " " + description + " " + name + " " + version).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode message(String id, String type) {
    return TopicReader.json(topic.await(m -> m.path("id").asText().equals(id) && m.path("type").asText().equals(type), 1,
        Duration.ofSeconds(15)).get(0));
  }
}
