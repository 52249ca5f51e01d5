package io.epr.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.epr.api.rest.StoreSnapshot;
import io.epr.support.Bodies;
import io.epr.support.EprTestServer;
import io.epr.support.Http;
import io.epr.support.Http.Response;
import io.epr.support.RawHttp;
import io.epr.support.SbomGenerator;
import io.epr.support.TestBroker;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each limit of the service, over a real socket: what a request over it gets (a 4xx, or a GraphQL error, whose
 * message says what is wrong and what the limit is) and that it changed nothing. The service here runs with
 * EPR_MAX_BODY at 1 MiB; the time limits have a service of their own.
 */
class LimitsTest {
  private static final int MAX_BODY = 1024 * 1024;
  private static final String GRAPHQL = "/api/v1/graphql/query";
  private static final String SBOMS = "/api/v1/sboms?name=app&version=1&release=r&platform_id=linux&package=maven";
  private static EprTestServer server;
  private static Http http;
  private static String receiverId;

  @BeforeAll
  static void start() {
    server = new EprTestServer(TestBroker.sharedBootstrap(), Map.of("EPR_MAX_BODY", String.valueOf(MAX_BODY)));
    http = server.http;
    receiverId = http.post("/api/v1/receivers", receiver("{}")).id();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  // ---------------------------------------------------------------- body size (EPR_MAX_BODY)

  @ParameterizedTest
  @CsvSource({
      "/api/v1/events, false", "/api/v1/receivers, false", GRAPHQL + ", false", "/api/v1/mcp, false",
      SBOMS + ", false", SBOMS + ", true", "/api/v1/events, true"})
  void aBodyOverEprMaxBodyIs413(String path, boolean chunked) {
    byte[] body = ("{\"description\":\"" + "x".repeat(MAX_BODY) + "\"}").getBytes(StandardCharsets.UTF_8);

    Response r = unchanged(() -> http.send("POST", path, Map.of("Content-Type", "application/json"), body, chunked));

    assertEquals(413, r.status(), r.body());
    assertEquals("invalid input: request body is larger than 1048576 bytes (EPR_MAX_BODY)", r.error());
  }

  // ---------------------------------------------------------------- GraphQL: aliases, depth, text

  @Test
  void aThousandAliasedSearchesAreRefusedBeforeAnyRuns() {
    JsonNode r = unchanged(() -> http.graphql(aliased(1000, "events(event: {}) {id}"), null));

    assertEquals("query is too complex: 11000, the limit is 2000 (a field counts 1, a field that reads the database "
        + "10, each alias again)", r.at("/errors/0/message").asText());
    assertTrue(r.path("data").isMissingNode() || r.path("data").isNull(), r.toString());
  }

  @Test
  void aHundredAliasedSearchesRun() {
    JsonNode r = http.graphql(aliased(100, "events(event: {name: \"none\"}) {id name}"), null);

    assertFalse(r.has("errors"), r.toString());
    assertEquals(100, r.get("data").size());
  }

  @Test
  void aliasedMutationsAreCountedTooAndNothingIsCreated() {
    String create = "create_event_receiver(event_receiver: {name: \"n\", type: \"t\", version: \"1\", "
        + "description: \"d\", schema: \"{}\"})";

    JsonNode r = unchanged(() -> http.graphql("mutation " + aliased(250, create), null));

    assertEquals("query is too complex: 2500, the limit is 2000 (a field counts 1, a field that reads the database "
        + "10, each alias again)", r.at("/errors/0/message").asText());
  }

  @Test
  void anOperationDeeperThan15IsRefused() {
    String ofTypes = "ofType { ".repeat(12) + "name" + " }".repeat(12);
    String query = "{ events(event: {name: \"none\"}) {id} __type(name: \"Event\") { fields { type { " + ofTypes
        + " } } } }";

    JsonNode r = http.graphql(query, null);

    assertEquals("query is nested 16 fields deep; the limit is 15", r.at("/errors/0/message").asText());
  }

  /** GraphiQL's own schema query (graphql-js, as bundled): introspection has graphql-java's bounds, not ours. */
  @Test
  void graphiqlsIntrospectionQueryRuns() {
    JsonNode r = http.graphql(GRAPHIQL_INTROSPECTION, null);

    assertFalse(r.has("errors"), r.toString());
    assertEquals("Query", r.at("/data/__schema/queryType/name").asText());
    assertTrue(r.at("/data/__schema/types").size() > 20);
  }

  @Test
  void introspectionBeyondGoodFaithIsRefusedByGraphqlJava() {
    JsonNode r = http.graphql("{ a: __schema { types { name } } b: __schema { types { name } } }", null);

    assertTrue(r.at("/errors/0/message").asText().contains("__schema"), r.toString());
  }

  @Test
  void queryTextOver256KibIsRefused() {
    String query = "{ events(event: {name: \"" + "x".repeat(300_000) + "\"}) {id} }";

    JsonNode r = http.graphql(query, null);

    assertEquals("query is " + query.length() + " characters long; the limit is 262144 (send large values as "
        + "variables)", r.at("/errors/0/message").asText());
  }

  // ---------------------------------------------------------------- page sizes

  @ParameterizedTest
  @ValueSource(strings = {"0", "1001", "-1", "abc", "1e3", "99999999999"})
  void restLimitIsFrom1To1000(String limit) {
    Response r = http.get("/api/v1/dead-letters?limit=" + limit);

    assertEquals(400, r.status(), r.body());
    assertEquals("invalid input: limit must be a number from 1 to 1000, got '" + limit + "'", r.error());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{ dead_letters(first: %d) { id } }",
      "{ components(name: \"acme\", first: %d) { sbom_id } }",
      "{ provenance(name: \"app\", version: \"1\", release: \"r\", platform_id: \"linux\", package: \"maven\") "
          + "{ sboms { components(first: %d) { name } } } }"})
  void graphqlFirstIsFrom1To1000(String query) {
    http.send("POST", SBOMS, Map.of(), SbomGenerator.json("1.6", 3, null), false);

    assertEquals("invalid input: first must be a number from 1 to 1000, got '1001'",
        http.graphql(query.formatted(1001), null).at("/errors/0/message").asText());
    assertEquals("invalid input: first must be a number from 1 to 1000, got '0'",
        http.graphql(query.formatted(0), null).at("/errors/0/message").asText());
    assertFalse(http.graphql(query.formatted(1000), null).has("errors"));
  }

  // ---------------------------------------------------------------- JSON and text

  @Test
  void jsonNestedDeeperThan500IsRefused() {
    String payload = "[".repeat(10_000) + "]".repeat(10_000);

    Response r = unchanged(() -> http.post("/api/v1/events", event(payload)));

    assertEquals(400, r.status(), r.body());
    assertTrue(r.error().startsWith("invalid input: invalid JSON: Document nesting depth (501) exceeds the maximum "
        + "allowed (500"), r.error());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "1e999999       | payload has a number out of range at /n: it has 1000000 digits before the decimal point; "
          + "at most 1000 are allowed",
      "-1e-999999     | payload has a number out of range at /n: it has 999999 digits after the decimal point; at "
          + "most 1000 are allowed",
      "<100000 digits> | invalid JSON: Number value length (100000) exceeds the maximum allowed (1000)",
      "\"a\\u0000b\"   | payload has a string with the NUL character (\\u0000) at /n, which cannot be stored"})
  void numbersAndStringsJsonbCannotHoldAre400(String value, String message) {
    String json = value.equals("<100000 digits>") ? "9".repeat(100_000) : value;

    Response r = unchanged(() -> http.post("/api/v1/events", event("{\"n\":" + json + "}")));

    assertEquals(400, r.status(), r.body());
    assertEquals("invalid input: " + message, r.error());
  }

  /** Every string of EPR's varchar(255) columns, through every way in. */
  @ParameterizedTest
  @CsvSource({
      "/api/v1/receivers, name, name", "/api/v1/receivers, type, type", "/api/v1/receivers, version, version",
      "/api/v1/receivers, description, description",
      "/api/v1/events, name, name", "/api/v1/events, version, version", "/api/v1/events, release, release",
      "/api/v1/events, platform_id, platform id", "/api/v1/events, package, package",
      "/api/v1/events, description, description", "/api/v1/events, event_receiver_id, event receiver id",
      "/api/v1/groups, name, name", "/api/v1/groups, type, type", "/api/v1/groups, version, version",
      "/api/v1/groups, description, description"})
  void aString256CharactersLongIs400(String path, String field, String label) {
    ObjectNode body = path.endsWith("receivers") ? receiver("{}") : path.endsWith("events") ? event() : group();
    body.put(field, "x".repeat(256));

    Response r = unchanged(() -> http.post(path, body));

    assertEquals(400, r.status(), r.body());
    assertEquals("invalid input: " + label + " cannot be longer than 255 characters", r.error());
  }

  @ParameterizedTest
  @ValueSource(strings = {"name", "version", "release", "platform_id", "package", "description"})
  void anSbomParameter256CharactersLongIs400(String parameter) {
    String path = (SBOMS + "&description=d").replace(parameter + "=", parameter + "=" + "x".repeat(256));

    Response r = unchanged(() -> http.send("POST", path, Map.of(), SbomGenerator.json("1.6", 1, null), false));

    assertEquals(400, r.status(), r.body());
    assertTrue(r.error().endsWith(" cannot be longer than 255 characters"), r.error());
  }

  @Test
  void aGroupMemberIdNoReceiverCouldHaveIs400() {
    ObjectNode body = group();
    body.putArray("event_receiver_ids").add(receiverId).add("x".repeat(300));

    Response r = unchanged(() -> http.post("/api/v1/groups", body));

    assertEquals(400, r.status(), r.body());
    assertEquals("invalid input: event receiver " + "x".repeat(300) + " does not exist", r.error());
  }

  /** 255 characters of CJK in each part would be 3,825 bytes: more than a B-tree entry of the NVRPP index holds. */
  @Test
  void anNvrppOfMoreThan2000BytesIs400() {
    ObjectNode body = event();
    String cjk = IntStream.range(0, 255).mapToObj(i -> String.valueOf((char) (0x4e00 + i * 37)))
        .collect(Collectors.joining());
    for (String part : new String[] {"name", "version", "release", "platform_id", "package"}) {
      body.put(part, cjk);
    }

    Response r = unchanged(() -> http.post("/api/v1/events", body));

    assertEquals(400, r.status(), r.body());
    assertEquals("invalid input: name, version, release, platform id and package together cannot be longer than "
        + "2000 bytes in UTF-8 (they are indexed together), got 3825", r.error());
  }

  // ---------------------------------------------------------------- regular expressions of receiver schemas

  @Test
  void aPatternThatBacktracksCatastrophicallyIs400InAboutASecond() {
    String evil = http.post("/api/v1/receivers",
        receiver("{\"properties\":{\"s\":{\"pattern\":\"^(a{1,30}){1,30}$\"}}}")).id();
    ObjectNode body = event().put("event_receiver_id", evil);
    body.putObject("payload").put("s", "a".repeat(47) + "b");
    long start = System.nanoTime();

    Response r = unchanged(() -> http.post("/api/v1/events", body));

    assertEquals(400, r.status(), r.body());
    assertEquals("invalid input: event payload could not be validated in time: pattern \"^(a{1,30}){1,30}$\" took "
        + "more than 1 s to match a string of 48 characters (catastrophic backtracking?)", r.error());
    assertTrue(System.nanoTime() - start < 5_000_000_000L);
  }

  // ---------------------------------------------------------------- request timeouts

  /**
   * A database that does not answer (here: a table locked by another session) makes requests time out with 503 in
   * EPR's envelope after EPR_REQUEST_TIMEOUT; an SBOM upload has EPR_UPLOAD_TIMEOUT; a client that stops sending its
   * body is cut off too. Once the database answers again, so does the service.
   */
  @Test
  void aRequestThatTakesTooLongIs503() throws Exception {
    try (EprTestServer slow = new EprTestServer(TestBroker.sharedBootstrap(),
        Map.of("EPR_REQUEST_TIMEOUT", "1", "EPR_UPLOAD_TIMEOUT", "3"));
        Connection lock = slow.db.connect(); Statement s = lock.createStatement()) {
      lock.setAutoCommit(false);
      s.execute("LOCK TABLE events IN ACCESS EXCLUSIVE MODE");

      long start = System.nanoTime();
      Response get = slow.http.get("/api/v1/events/01HPW0DY340VMM3DNMX8JCQDGN");
      long getMs = (System.nanoTime() - start) / 1_000_000;
      start = System.nanoTime();
      Response upload = slow.http.send("POST", SBOMS, Map.of(), SbomGenerator.json("1.6", 2, null), false);
      long uploadMs = (System.nanoTime() - start) / 1_000_000;
      start = System.nanoTime();
      RawHttp.Response stalled = new RawHttp(slow.port).exchange("POST /api/v1/events HTTP/1.1\r\nHost: x\r\n"
          + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"name\":", 10_000);
      long stalledMs = (System.nanoTime() - start) / 1_000_000;
      lock.rollback();

      assertEquals(503, get.status(), get.body());
      assertEquals("service unavailable: no answer within 1 s (EPR_REQUEST_TIMEOUT); the request was stopped before "
          + "it changed anything, so it can be sent again", get.error());
      assertTrue(getMs >= 1000 && getMs < 3000, getMs + " ms");
      assertEquals(503, upload.status(), upload.body());
      assertTrue(upload.error().contains("no answer within 3 s (EPR_UPLOAD_TIMEOUT)"), upload.error());
      assertTrue(uploadMs >= 3000 && uploadMs < 6000, uploadMs + " ms");
      assertEquals(503, stalled.status(), stalled.body());
      assertTrue(stalledMs >= 1000 && stalledMs < 3000, stalledMs + " ms");
      assertEquals(404, slow.http.get("/api/v1/events/01HPW0DY340VMM3DNMX8JCQDGN").status());
    }
  }

  // ---------------------------------------------------------------- helpers

  /** The request's answer, checking that it stored, changed and queued nothing. */
  private static <T> T unchanged(Supplier<T> request) {
    StoreSnapshot before = StoreSnapshot.take(server);
    T answer = request.get();
    before.assertUnchanged();
    return answer;
  }

  private static String aliased(int count, String field) {
    return IntStream.range(0, count).mapToObj(i -> "a" + i + ": " + field).collect(Collectors.joining(" ", "{ ", " }"));
  }

  private static ObjectNode receiver(String schema) {
    return Bodies.receiver("limits", "limits.test", schema);
  }

  private static ObjectNode event() {
    return Bodies.event(receiverId, "app", "r").put("package", "maven");
  }

  /** An event with this payload written in as it is: the payloads here are numbers and strings a parser would change. */
  private static String event(String payload) {
    return Bodies.withRaw(event(), "payload", payload);
  }

  private static ObjectNode group() {
    return Bodies.group("g", receiverId);
  }

  /** What GraphiQL 2 (graphql-js getIntrospectionQuery) sends, as the bundled page builds it. */
  private static final String GRAPHIQL_INTROSPECTION = """
      query IntrospectionQuery {
        __schema {
          queryType { name } mutationType { name } subscriptionType { name }
          types { ...FullType }
          directives { name description locations args(includeDeprecated: true) { ...InputValue } }
        }
      }
      fragment FullType on __Type {
        kind name description
        fields(includeDeprecated: true) {
          name description args(includeDeprecated: true) { ...InputValue } type { ...TypeRef }
          isDeprecated deprecationReason
        }
        inputFields(includeDeprecated: true) { ...InputValue }
        interfaces { ...TypeRef }
        enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
        possibleTypes { ...TypeRef }
      }
      fragment InputValue on __InputValue {
        name description type { ...TypeRef } defaultValue isDeprecated deprecationReason
      }
      fragment TypeRef on __Type {
        kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name
        ofType { kind name ofType { kind name ofType { kind name } } } } } } } }
      }""";
}
