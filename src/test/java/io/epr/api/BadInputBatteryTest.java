package io.epr.api;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.sun.net.httpserver.HttpServer;
import io.epr.support.BlockedEventLoops;
import io.epr.support.EprTestServer;
import io.epr.support.HostileXml;
import io.epr.support.Http;
import io.epr.support.RawHttp;
import io.epr.support.SbomGenerator;
import io.epr.support.TestBroker;
import io.epr.support.WideJson;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hundreds of malformed requests, generated as families of mutations over every endpoint (REST events, receivers
 * and groups, GraphQL queries and mutations, SBOM uploads in JSON and XML, dead letters, the MCP endpoint, and
 * HTTP itself). Each must get an answer below 500 that refuses it with a message: a 4xx in EPR's envelope (REST; a
 * JSON-RPC error for MCP), or for GraphQL and MCP, which answer 200 by protocol, errors (an MCP tool's isError
 * result). Searches by hostile text must find nothing. At the end every table is exactly as it was (row counts and
 * a checksum of every row, flyway's history aside, and every sequence), no XML entity was fetched, and Vert.x
 * reported no event loop blocked (hostile XML, a million keys and huge arrays included).
 */
class BadInputBatteryTest {
  /** Room for the hostile XML of 20 MB (a text past its limit) and the million-key JSON of 12 MB. */
  private static final int MAX_BODY = 24 * 1024 * 1024;
  /** The Idempotency-Key of the event and the SBOM stored before the battery. */
  private static final String TAKEN_KEY = "battery-" + java.util.UUID.randomUUID();
  private static final String SECRET = "the content of a file the server must never read";
  /** What no answer may carry: files and secrets, and the internals of the libraries that read a body. */
  private static final List<String> LEAKS = List.of(SECRET, "root:x:0:0", "Manifest-Version", "Source: REDACTED",
      "StreamReadFeature", "com.fasterxml", "(code ", "io.vertx.", "java.lang.");
  /**
   * Requests Vert.x answers itself, before any of the service's code runs; listed in the summary, not judged. A
   * request line of an unknown HTTP version gets 501 Not Implemented; a chunked body whose framing breaks off closes
   * the connection, since no answer could be framed after it.
   */
  private static final Map<String, String> ANSWERED_BY_VERTX = Map.of(
      "HTTP/9.9", "Vert.x: 501 and the connection closed",
      "bad chunk size", "Vert.x: the connection closed, no answer");

  /** How an endpoint says no. */
  enum Kind { REST, GRAPHQL, MCP, RAW }

  /** One malformed request; {@code search}: a GraphQL search that must answer 200 and find nothing. */
  record Case(String family, String name, String method, String path, Map<String, String> headers, byte[] body,
      boolean chunked, Kind kind, boolean search) {}

  /** Where a JSON body can be sent. */
  record Target(String name, String method, String path, Kind kind) {}

  private static EprTestServer server;
  private static Http http;
  private static HttpServer entities;
  private static final AtomicInteger FETCHES = new AtomicInteger();
  private static Path secretFile;
  private static String anyRid;
  private static String typedRid;
  private static String evilRid;
  private static String evilKeysRid;
  private static String regexFormatRid;
  private static String runRid;
  private static String cdeventRid;
  private static String deployRid;
  private static String groupId;
  private static String eventId;
  private static String sbomId;
  private static String sbomPath;

  @BeforeAll
  static void start() throws Exception {
    server = new EprTestServer(TestBroker.sharedBootstrap(), Map.of("EPR_MAX_BODY", String.valueOf(MAX_BODY)));
    http = server.http;
    entities = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    entities.createContext("/", exchange -> {
      FETCHES.incrementAndGet();
      byte[] body = "<!ENTITY fetched 'fetched'>".getBytes(UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    entities.start();
    secretFile = Files.createTempFile("epr-battery-secret", ".txt");
    Files.writeString(secretFile, SECRET);

    anyRid = http.post("/api/v1/receivers", receiver("{}").toString()).id();
    typedRid = http.post("/api/v1/receivers", receiver("{\"type\":\"object\",\"required\":[\"name\"],"
        + "\"properties\":{\"name\":{\"type\":\"string\"},\"count\":{\"type\":\"integer\",\"maximum\":100}},"
        + "\"additionalProperties\":false}").toString()).id();
    evilRid = http.post("/api/v1/receivers",
        receiver("{\"properties\":{\"s\":{\"pattern\":\"^(a{1,30}){1,30}$\"}}}").toString()).id();
    evilKeysRid = http.post("/api/v1/receivers",
        receiver("{\"patternProperties\":{\"^(a{1,30}){1,30}$\":{\"type\":\"number\"}}}").toString()).id();
    regexFormatRid = http.post("/api/v1/receivers",
        receiver("{\"properties\":{\"r\":{\"format\":\"regex\"}}}").toString()).id();
    runRid = http.post("/api/v1/receivers", receiver("{}").put("type", "battery.pipelinerun.started").toString()).id();
    cdeventRid = http.post("/api/v1/receivers", receiver("{}").put("type", "dev.cdevents.battery").toString()).id();
    deployRid = http.post("/api/v1/receivers", receiver("{}").put("type", "battery.service.deployed").toString()).id();
    groupId = http.post("/api/v1/groups", group().toString()).id();
    eventId = http.send("POST", "/api/v1/events", Map.of("Idempotency-Key", TAKEN_KEY),
        event(anyRid).toString().getBytes(UTF_8), false).id();
    sbomPath = "/api/v1/sboms?name=battery&version=1.0.0&release=r1&platform_id=linux&package=maven";
    sbomId = http.send("POST", sbomPath, Map.of("Idempotency-Key", TAKEN_KEY), SbomGenerator.json("1.6", 5, null),
        false).id();
    awaitOutboxDrained();
  }

  @AfterAll
  static void stop() throws Exception {
    entities.stop(0);
    Files.deleteIfExists(secretFile);
    server.close();
  }

  @Test
  void everyMalformedRequestIsRefusedWithAMessageAndChangesNothing() {
    List<Case> cases = cases();
    Map<String, String> before = snapshot();

    Map<String, Map<Integer, Integer>> statusesByFamily = new TreeMap<>();
    Map<String, Integer> graphqlErrorsAt200 = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    for (Case c : cases) {
      Answer answer = send(c);
      statusesByFamily.computeIfAbsent(c.family(), f -> new TreeMap<>()).merge(answer.status(), 1, Integer::sum);
      if (answer.status() == 200 && c.kind() != Kind.REST) {
        graphqlErrorsAt200.merge(c.family(), 1, Integer::sum);
      }
      String problem = ANSWERED_BY_VERTX.containsKey(c.name()) ? null : problem(c, answer);
      if (problem != null) {
        failures.add(c.family() + " / " + c.name() + " (" + c.method() + " " + cut(c.path(), 100) + "): " + problem
            + " — " + answer.status() + " " + cut(answer.body(), 300));
      }
    }
    Map<String, String> after = snapshot();

    System.out.println("bad-input battery: " + cases.size() + " requests");
    statusesByFamily.forEach((family, statuses) -> System.out.printf("  %-28s %4d  statuses %s%s%n", family,
        statuses.values().stream().mapToInt(Integer::intValue).sum(), statuses,
        graphqlErrorsAt200.containsKey(family) ? "  (200: " + graphqlErrorsAt200.get(family)
            + " GraphQL/MCP errors or empty searches)" : ""));
    ANSWERED_BY_VERTX.forEach((name, what) -> System.out.println("  not judged: " + name + " (" + what + ")"));
    assertTrue(cases.size() >= 300, "only " + cases.size() + " cases");
    assertTrue(failures.isEmpty(), failures.size() + " of " + cases.size() + " not refused as they should be:\n"
        + String.join("\n", failures));
    assertEquals(before, after, "the bad requests changed the database");
    assertEquals(0, FETCHES.get(), "an XML entity or DTD was fetched");
    BlockedEventLoops.assertNone(http);
  }

  // ================================================================== the cases

  private static List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    List<Target> jsonTargets = List.of(
        new Target("events", "POST", "/api/v1/events", Kind.REST),
        new Target("receivers", "POST", "/api/v1/receivers", Kind.REST),
        new Target("groups", "POST", "/api/v1/groups", Kind.REST),
        new Target("group patch", "PATCH", "/api/v1/groups/" + groupId, Kind.REST),
        new Target("graphql", "POST", "/api/v1/graphql/query", Kind.GRAPHQL),
        new Target("mcp", "POST", "/api/v1/mcp", Kind.MCP),
        new Target("sbom json", "POST", sbomPath, Kind.REST));
    invalidJson(cases, jsonTargets);
    emptyBodies(cases, jsonTargets);
    truncatedBodies(cases);
    wrongTypes(cases);
    missingFields(cases);
    nulls(cases);
    blankStrings(cases);
    badText(cases);
    hugeNumbers(cases);
    deepNesting(cases);
    invalidUtf8(cases);
    contentTypes(cases);
    sqlInjection(cases);
    graphqlMalformed(cases);
    invalidIds(cases);
    pathTraversal(cases);
    notCycloneDx(cases);
    xmlEntities(cases);
    deadLetters(cases);
    mcp(cases);
    rawHttp(cases);
    bodySize(cases);
    pathologicalPatterns(cases);
    deepAndWideXml(cases);
    millionKeys(cases);
    hugeArrays(cases);
    idempotencyKeys(cases);
    crossOriginWrites(cases);
    cdeventsThatWouldLie(cases);
    return cases;
  }

  /**
   * Events whose CDEvents would mislead CDViz: a time from the future (in every form RFC 3339 takes), a deployment
   * that names no environment, and spec 0.5 CDEvents the collector would refuse.
   */
  private static void cdeventsThatWouldLie(List<Case> cases) {
    String family = "CDEvents that would lie";
    java.time.OffsetDateTime soon = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).plusHours(3);
    Map<String, String> times = new LinkedHashMap<>();
    times.put("in 3 hours", soon.toString());
    times.put("in 3 hours, written at -05:00", soon.withOffsetSameInstant(java.time.ZoneOffset.ofHours(-5)).toString());
    times.put("tomorrow, lower case", soon.plusDays(1).toString().toLowerCase(java.util.Locale.ROOT));
    times.put("in ten years", soon.plusYears(10).toString());
    times.put("year 9999", "9999-12-31T23:59:59.999999999Z");
    times.put("+14:00 on a date ahead", soon.plusDays(2).withOffsetSameInstant(java.time.ZoneOffset.ofHours(14)).toString());
    times.forEach((name, time) -> {
      ObjectNode run = event(runRid);
      ((ObjectNode) run.get("payload")).put("timestamp", time).put("run_id", "battery");
      cases.add(rest(family, "pipeline run timestamp " + name, "POST", "/api/v1/events", bytes(run)));
      ObjectNode cdevent = event(cdeventRid);
      cdevent.set("payload", Http.parse(VALID_CDEVENT.replace("2026-01-10T10:00:00Z", time)));
      cases.add(rest(family, "CDEvent context.timestamp " + name, "POST", "/api/v1/events", bytes(cdevent)));
      cases.add(graphql(family, "graphql pipeline run timestamp " + name,
          "mutation ($e: CreateEventInput!) { create_event(event: $e) }", "{\"e\":" + run + "}", false));
    });
    Map<String, String> invalid = new LinkedHashMap<>();
    invalid.put("unknown type", VALID_CDEVENT.replace("build.queued.0.3.0", "build.paused.0.3.0"));
    invalid.put("no specversion", VALID_CDEVENT.replace("\"specversion\":\"0.5.1\",", ""));
    invalid.put("source with a space", VALID_CDEVENT.replace("\"/s\"", "\"a b\""));
    invalid.put("no content", VALID_CDEVENT.replace(",\"content\":{}", ""));
    invalid.put("unknown content key", VALID_CDEVENT.replace("\"content\":{}", "\"content\":{\"url\":\"x\"}"));
    invalid.put("0.4 subject type", VALID_CDEVENT.replace("\"id\":\"x\"", "\"id\":\"x\",\"type\":\"build\""));
    invalid.put("timestamp without offset", VALID_CDEVENT.replace("10:00:00Z", "10:00:00"));
    invalid.put("unknown top-level key", VALID_CDEVENT.replace("{\"context\"", "{\"data\":{},\"context\""));
    invalid.put("finished with outcome succeeded", VALID_CDEVENT.replace("build.queued.0.3.0", "pipelinerun.finished.0.3.0")
        .replace("\"content\":{}", "\"content\":{\"outcome\":\"succeeded\"}"));
    invalid.put("started without its required uri", VALID_CDEVENT.replace("build.queued.0.3.0",
        "pipelinerun.started.0.3.0").replace("\"content\":{}", "\"content\":{\"pipelineName\":\"p\"}"));
    ObjectNode deployment = event(deployRid);
    ((ObjectNode) deployment.get("payload")).put("environment_id", " ");
    cases.add(rest(family, "deployment without its environment", "POST", "/api/v1/events", bytes(deployment)));
    invalid.forEach((name, payload) -> {
      ObjectNode cdevent = event(cdeventRid);
      cdevent.set("payload", Http.parse(payload));
      cases.add(rest(family, "pass-through CDEvent: " + name, "POST", "/api/v1/events", bytes(cdevent)));
    });
  }

  /** The smallest valid CDEvent of spec 0.5.1; the cases above break it one way each. */
  private static final String VALID_CDEVENT = "{\"context\":{\"specversion\":\"0.5.1\",\"type\":\"dev.cdevents.build."
      + "queued.0.3.0\",\"id\":\"a\",\"source\":\"/s\",\"timestamp\":\"2026-01-10T10:00:00Z\"},\"subject\":{\"id\":\"x\","
      + "\"content\":{}}}";

  private static void invalidJson(List<Case> cases, List<Target> targets) {
    Map<String, String> bodies = new LinkedHashMap<>();
    bodies.put("open brace", "{");
    bodies.put("missing value", "{\"name\":}");
    bodies.put("single quotes", "{'name':'a'}");
    bodies.put("unquoted key", "{name:\"a\"}");
    bodies.put("unclosed array", "[1,2");
    bodies.put("bare word", "nul");
    bodies.put("extra brace", "{\"a\":1}}");
    bodies.put("two documents", "{} {}");
    bodies.put("trailing comma", "{\"a\":1,}");
    bodies.put("comment", "/* comment */ {}");
    bodies.put("raw control character", "{\"a\":\"x\u0001y\"}");
    bodies.put("NaN", "{\"a\":NaN}");
    bodies.put("Infinity", "{\"a\":-Infinity}");
    bodies.put("leading zero", "{\"a\":01}");
    bodies.put("bad escape", "{\"a\":\"\\x\"}");
    bodies.put("bad unicode escape", "{\"a\":\"\\uZZZZ\"}");
    bodies.put("bad exponent", "{\"a\":1e}");
    bodies.put("bare fraction", "{\"a\":.5}");
    bodies.put("a string", "\"just a string\"");
    bodies.put("a number", "12345");
    bodies.put("a boolean", "true");
    bodies.put("an array", "[]");
    for (Target t : targets) {
      bodies.forEach((name, body) -> cases.add(json("invalid JSON", name, t, body)));
    }
  }

  private static void emptyBodies(List<Case> cases, List<Target> targets) {
    Map<String, String> bodies = Map.of("empty", "", "space", " ", "whitespace", "\r\n\t ", "byte order mark only",
        "\uFEFF");
    for (Target t : targets) {
      bodies.forEach((name, body) -> cases.add(json("empty body", name, t, body)));
    }
  }

  private static void truncatedBodies(List<Case> cases) {
    Map<String, byte[]> valid = new LinkedHashMap<>();
    valid.put("events", event(anyRid).toString().getBytes(UTF_8));
    valid.put("receivers", receiver("{\"type\":\"object\"}").toString().getBytes(UTF_8));
    valid.put("groups", group().toString().getBytes(UTF_8));
    valid.put("group patch", "{\"enabled\":false}".getBytes(UTF_8));
    valid.put("graphql", graphqlBody("mutation ($e: CreateEventInput!) { create_event(event: $e) }",
        "{\"e\":" + event(anyRid).put("payload", "{}") + "}").getBytes(UTF_8));
    valid.put("mcp", mcpCall("create_event", "{\"event_data\":" + event(anyRid) + "}").getBytes(UTF_8));
    valid.put("sbom json", SbomGenerator.json("1.6", 4, null));
    valid.put("sbom xml", SbomGenerator.xml16(4));
    valid.forEach((name, body) -> {
      for (double fraction : new double[] {0.25, 0.5, 0.75}) {
        cases.add(truncated(name, (int) (fraction * 100) + "%", body, (int) (body.length * fraction)));
      }
      cases.add(truncated(name, "last byte", body, body.length - 1));
    });
  }

  private static Case truncated(String target, String label, byte[] body, int length) {
    byte[] cut = java.util.Arrays.copyOf(body, length);
    return switch (target) {
      case "events" -> rest("truncated body", target + " " + label, "POST", "/api/v1/events", cut);
      case "receivers" -> rest("truncated body", target + " " + label, "POST", "/api/v1/receivers", cut);
      case "groups" -> rest("truncated body", target + " " + label, "POST", "/api/v1/groups", cut);
      case "group patch" -> rest("truncated body", target + " " + label, "PATCH", "/api/v1/groups/" + groupId, cut);
      case "graphql" -> new Case("truncated body", target + " " + label, "POST", "/api/v1/graphql/query",
          Map.of("Content-Type", "application/json"), cut, false, Kind.GRAPHQL, false);
      case "mcp" -> new Case("truncated body", target + " " + label, "POST", "/api/v1/mcp",
          Map.of("Content-Type", "application/json"), cut, false, Kind.MCP, false);
      default -> rest("truncated body", target + " " + label, "POST", sbomPath, cut);
    };
  }

  private static final String[] EVENT_STRINGS =
      {"name", "version", "release", "platform_id", "package", "description", "event_receiver_id"};
  private static final String[] RECEIVER_STRINGS = {"name", "type", "version", "description"};
  private static final String[] GROUP_STRINGS = {"name", "type", "version", "description"};

  private static void wrongTypes(List<Case> cases) {
    Map<String, String> notStrings = Map.of("number", "123", "boolean", "true", "array", "[\"a\"]", "object",
        "{\"a\":1}");
    for (String field : EVENT_STRINGS) {
      notStrings.forEach((type, value) -> cases.add(rest("wrong type", "event " + field + " as " + type, "POST",
          "/api/v1/events", withRaw(event(anyRid), field, value))));
    }
    for (String value : new String[] {"\"yes\"", "1", "[true]", "{\"a\":true}"}) {
      cases.add(rest("wrong type", "event success " + value, "POST", "/api/v1/events",
          withRaw(event(anyRid), "success", value)));
    }
    for (String field : RECEIVER_STRINGS) {
      notStrings.forEach((type, value) -> cases.add(rest("wrong type", "receiver " + field + " as " + type, "POST",
          "/api/v1/receivers", withRaw(receiver("{}"), field, value))));
    }
    Map<String, String> notSchemas = new LinkedHashMap<>();
    notSchemas.put("a number", "123");
    notSchemas.put("a string that is not JSON", "\"not json\"");
    notSchemas.put("an array", "[]");
    notSchemas.put("a wrong keyword type", "{\"type\":12}");
    notSchemas.put("an unknown type", "{\"type\":\"strings\"}");
    notSchemas.put("an unreachable $ref", "{\"$ref\":\"http://127.0.0.1:1/schema.json\"}");
    notSchemas.put("an invalid pattern", "{\"pattern\":\"(unclosed\"}");
    notSchemas.put("a string of a wrong schema", "\"{\\\"type\\\":12}\"");
    notSchemas.forEach((name, schema) -> cases.add(rest("wrong type", "receiver schema is " + name, "POST",
        "/api/v1/receivers", withRaw(receiver("{}"), "schema", schema))));
    for (String field : GROUP_STRINGS) {
      notStrings.forEach((type, value) -> cases.add(rest("wrong type", "group " + field + " as " + type, "POST",
          "/api/v1/groups", withRaw(group(), field, value))));
    }
    for (String value : new String[] {"\"yes\"", "1"}) {
      cases.add(rest("wrong type", "group enabled " + value, "POST", "/api/v1/groups",
          withRaw(group(), "enabled", value)));
      cases.add(rest("wrong type", "patch enabled " + value, "PATCH", "/api/v1/groups/" + groupId,
          ("{\"enabled\":" + value + "}").getBytes(UTF_8)));
    }
    for (String value : new String[] {"\"" + anyRid + "\"", "1", "[1,2]", "[null]", "[{\"a\":1}]", "{\"a\":1}"}) {
      cases.add(rest("wrong type", "group ids " + value, "POST", "/api/v1/groups",
          withRaw(group(), "event_receiver_ids", value)));
    }
    cases.add(rest("wrong type", "payload against its schema", "POST", "/api/v1/events",
        withRaw(event(typedRid), "payload", "{\"name\":7}")));
    cases.add(rest("wrong type", "payload with a field the schema forbids", "POST", "/api/v1/events",
        withRaw(event(typedRid), "payload", "{\"name\":\"n\",\"extra\":1}")));
  }

  private static void missingFields(List<Case> cases) {
    for (String field : EVENT_STRINGS) {
      cases.add(rest("missing field", "event " + field, "POST", "/api/v1/events", without(event(anyRid), field)));
    }
    cases.add(rest("missing field", "event payload", "POST", "/api/v1/events", without(event(anyRid), "payload")));
    for (String field : new String[] {"name", "type", "version", "description", "schema"}) {
      cases.add(rest("missing field", "receiver " + field, "POST", "/api/v1/receivers",
          without(receiver("{}"), field)));
    }
    for (String field : new String[] {"name", "type", "version", "description", "event_receiver_ids"}) {
      cases.add(rest("missing field", "group " + field, "POST", "/api/v1/groups", without(group(), field)));
    }
    for (String parameter : new String[] {"name", "version", "release", "platform_id", "package"}) {
      cases.add(rest("missing field", "sbom " + parameter, "POST",
          sbomPath.replaceAll("([?&])" + parameter + "=[^&]*&?", "$1"), SbomGenerator.json("1.6", 2, null)));
    }
  }

  private static void nulls(List<Case> cases) {
    for (String field : EVENT_STRINGS) {
      cases.add(rest("null", "event " + field, "POST", "/api/v1/events", withRaw(event(anyRid), field, "null")));
    }
    cases.add(rest("null", "event payload against an object schema", "POST", "/api/v1/events",
        withRaw(event(typedRid), "payload", "null")));
    for (String field : new String[] {"name", "type", "version", "description", "schema"}) {
      cases.add(rest("null", "receiver " + field, "POST", "/api/v1/receivers",
          withRaw(receiver("{}"), field, "null")));
    }
    for (String field : new String[] {"name", "type", "version", "description", "event_receiver_ids"}) {
      cases.add(rest("null", "group " + field, "POST", "/api/v1/groups", withRaw(group(), field, "null")));
    }
    cases.add(rest("null", "event body", "POST", "/api/v1/events", "null".getBytes(UTF_8)));
    cases.add(rest("null", "receiver body", "POST", "/api/v1/receivers", "null".getBytes(UTF_8)));
    cases.add(rest("null", "group body", "POST", "/api/v1/groups", "null".getBytes(UTF_8)));
    cases.add(graphql("null", "create_event input", "mutation { create_event(event: null) }", null, false));
    cases.add(graphql("null", "variables of a required input",
        "mutation ($e: CreateEventInput!) { create_event(event: $e) }", "{\"e\":null}", false));
  }

  private static void blankStrings(List<Case> cases) {
    String[] blanks = {"\"\"", "\"   \"", "\"\\t\\n\""};
    for (String blank : blanks) {
      for (String field : EVENT_STRINGS) {
        cases.add(rest("blank string", "event " + field + " " + blank, "POST", "/api/v1/events",
            withRaw(event(anyRid), field, blank)));
      }
      for (String field : RECEIVER_STRINGS) {
        cases.add(rest("blank string", "receiver " + field + " " + blank, "POST", "/api/v1/receivers",
            withRaw(receiver("{}"), field, blank)));
      }
      for (String field : GROUP_STRINGS) {
        cases.add(rest("blank string", "group " + field + " " + blank, "POST", "/api/v1/groups",
            withRaw(group(), field, blank)));
      }
      cases.add(rest("blank string", "group ids [" + blank + "]", "POST", "/api/v1/groups",
          withRaw(group(), "event_receiver_ids", "[" + blank + "]")));
    }
    for (String parameter : new String[] {"name", "version", "release", "platform_id", "package"}) {
      cases.add(rest("blank string", "sbom " + parameter, "POST",
          sbomPath.replaceAll(parameter + "=[^&]*", parameter + "=%20%20"), SbomGenerator.json("1.6", 2, null)));
    }
  }

  private static void badText(List<Case> cases) {
    Map<String, String> texts = new LinkedHashMap<>();
    texts.put("256 characters", "\"" + "x".repeat(256) + "\"");
    texts.put("10,000 characters", "\"" + "x".repeat(10_000) + "\"");
    texts.put("a NUL character", "\"a\\u0000b\"");
    for (String field : EVENT_STRINGS) {
      texts.forEach((name, value) -> cases.add(rest("text too long or NUL", "event " + field + " " + name, "POST",
          "/api/v1/events", withRaw(event(anyRid), field, value))));
    }
    for (String field : RECEIVER_STRINGS) {
      texts.forEach((name, value) -> cases.add(rest("text too long or NUL", "receiver " + field + " " + name,
          "POST", "/api/v1/receivers", withRaw(receiver("{}"), field, value))));
    }
    for (String field : GROUP_STRINGS) {
      texts.forEach((name, value) -> cases.add(rest("text too long or NUL", "group " + field + " " + name, "POST",
          "/api/v1/groups", withRaw(group(), field, value))));
    }
    texts.forEach((name, value) -> cases.add(rest("text too long or NUL", "group id " + name, "POST",
        "/api/v1/groups", withRaw(group(), "event_receiver_ids", "[" + value + "]"))));
    ObjectNode cjk = event(anyRid);
    String chars = "\u4e00\u4e8c\u4e09\u56db\u4e94".repeat(51);
    for (String part : new String[] {"name", "version", "release", "platform_id", "package"}) {
      cjk.put(part, chars);
    }
    cases.add(rest("text too long or NUL", "NVRPP of 3,825 bytes", "POST", "/api/v1/events", bytes(cjk)));
    cases.add(rest("text too long or NUL", "NUL in a payload string", "POST", "/api/v1/events",
        withRaw(event(anyRid), "payload", "{\"a\":\"\\u0000\"}")));
    cases.add(rest("text too long or NUL", "NUL in a payload key", "POST", "/api/v1/events",
        withRaw(event(anyRid), "payload", "{\"a\\u0000\":1}")));
    cases.add(rest("text too long or NUL", "NUL in a schema", "POST", "/api/v1/receivers",
        withRaw(receiver("{}"), "schema", "{\"description\":\"\\u0000\"}")));
    for (String parameter : new String[] {"name", "version", "release", "platform_id", "package"}) {
      cases.add(rest("text too long or NUL", "sbom " + parameter + " 256 characters", "POST",
          sbomPath.replaceAll(parameter + "=[^&]*", parameter + "=" + "x".repeat(256)),
          SbomGenerator.json("1.6", 2, null)));
      cases.add(rest("text too long or NUL", "sbom " + parameter + " NUL", "POST",
          sbomPath.replaceAll(parameter + "=[^&]*", parameter + "=a%00b"), SbomGenerator.json("1.6", 2, null)));
    }
    cases.add(rest("text too long or NUL", "sbom component name NUL", "POST", sbomPath,
        bom("{\"type\":\"library\",\"name\":\"a\\u0000b\"}")));
    cases.add(rest("text too long or NUL", "sbom component name of 5,000 bytes", "POST", sbomPath,
        bom("{\"type\":\"library\",\"name\":\"" + randomLetters(5000) + "\"}")));
    cases.add(rest("text too long or NUL", "sbom component purl of 5,000 bytes", "POST", sbomPath,
        bom("{\"type\":\"library\",\"name\":\"a\",\"purl\":\"pkg:maven/g/" + randomLetters(5000) + "@1\"}")));
    cases.add(graphql("text too long or NUL", "create_event name of 256", "mutation ($e: CreateEventInput!) "
        + "{ create_event(event: $e) }", "{\"e\":" + event(anyRid).put("payload", "{}").put("name", "x".repeat(256))
        + "}", false));
    cases.add(graphql("text too long or NUL", "create_event name with NUL", "mutation ($e: CreateEventInput!) "
        + "{ create_event(event: $e) }", "{\"e\":" + event(anyRid).put("payload", "{}").put("name", "a\u0000")
        + "}", false));
  }

  private static void hugeNumbers(List<Case> cases) {
    Map<String, String> numbers = new LinkedHashMap<>();
    numbers.put("1e999999", "1e999999");
    numbers.put("-1e999999", "-1e999999");
    numbers.put("1e-999999", "1e-999999");
    numbers.put("100,000-digit integer", "9".repeat(100_000));
    numbers.put("1,001-digit integer", "9".repeat(1001));
    numbers.put("2,000-digit fraction", "0." + "0".repeat(1999) + "1");
    numbers.forEach((name, n) -> cases.add(rest("huge number", "payload " + name, "POST", "/api/v1/events",
        withRaw(event(anyRid), "payload", "{\"n\":" + n + "}"))));
    numbers.forEach((name, n) -> cases.add(rest("huge number", "success " + name, "POST", "/api/v1/events",
        withRaw(event(anyRid), "success", n))));
    cases.add(rest("huge number", "1e400 over the schema's maximum", "POST", "/api/v1/events",
        withRaw(event(typedRid), "payload", "{\"name\":\"n\",\"count\":1e400}")));
    cases.add(rest("huge number", "schema maximum 1e999999", "POST", "/api/v1/receivers",
        withRaw(receiver("{}"), "schema", "{\"maximum\":1e999999}")));
    cases.add(rest("huge number", "schema multipleOf 1e-999999", "POST", "/api/v1/receivers",
        withRaw(receiver("{}"), "schema", "{\"multipleOf\":1e-999999}")));
    cases.add(graphql("huge number", "first beyond Int", "{ dead_letters(first: 99999999999) { id } }", null, false));
    cases.add(graphql("huge number", "first as 1e999", "{ dead_letters(first: 1e999) { id } }", null, false));
    cases.add(graphql("huge number", "first variable 1e999999", "query ($f: Int) { dead_letters(first: $f) { id } }",
        "{\"f\":1e999999}", false));
    cases.add(graphql("huge number", "payload literal 1e999999", "mutation { create_event(event: {name: \"n\", "
        + "version: \"1\", release: \"r\", platform_id: \"p\", package: \"k\", description: \"d\", success: true, "
        + "event_receiver_id: \"" + anyRid + "\", payload: {n: 1e999999}}) }", null, false));
    cases.add(graphql("huge number", "payload literal 100,000 digits", "mutation { create_event(event: {name: \"n\", "
        + "version: \"1\", release: \"r\", platform_id: \"p\", package: \"k\", description: \"d\", success: true, "
        + "event_receiver_id: \"" + anyRid + "\", payload: {n: " + "9".repeat(100_000) + "}}) }", null, false));
    cases.add(rest("huge number", "limit 1e999999", "GET", "/api/v1/dead-letters?limit=1e999999", null));
    cases.add(rest("huge number", "sbom version 1e999999", "POST", sbomPath,
        ("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"version\":1e999999}").getBytes(UTF_8)));
    cases.add(rest("huge number", "sbom version beyond int", "POST", sbomPath,
        ("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"version\":99999999999999999999}").getBytes(UTF_8)));
    cases.add(mcpCase("huge number", "tool payload 1e999999", mcpCall("create_event", "{\"event_data\":"
        + event(anyRid).toString().replace("\"payload\":{}", "\"payload\":{\"n\":1e999999}") + "}")));
  }

  private static void deepNesting(List<Case> cases) {
    for (int depth : new int[] {10_000, 501}) {
      String arrays = "[".repeat(depth) + "]".repeat(depth);
      String objects = "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
      String family = "deep nesting";
      String d = depth + " levels";
      cases.add(rest(family, "events body " + d, "POST", "/api/v1/events", objects.getBytes(UTF_8)));
      cases.add(rest(family, "event payload " + d, "POST", "/api/v1/events",
          withRaw(event(anyRid), "payload", arrays)));
      cases.add(rest(family, "receiver schema " + d, "POST", "/api/v1/receivers",
          withRaw(receiver("{}"), "schema", objects)));
      cases.add(rest(family, "groups body " + d, "POST", "/api/v1/groups", arrays.getBytes(UTF_8)));
      cases.add(rest(family, "patch body " + d, "PATCH", "/api/v1/groups/" + groupId, objects.getBytes(UTF_8)));
      cases.add(new Case(family, "graphql body " + d, "POST", "/api/v1/graphql/query",
          Map.of("Content-Type", "application/json"), objects.getBytes(UTF_8), false, Kind.GRAPHQL, false));
      cases.add(graphql(family, "graphql variables " + d, "query ($o: FindEventInput!) { events(event: $o) { id } }",
          "{\"o\":" + arrays + "}", false));
      cases.add(graphql(family, "graphql selections " + d, "{ events(event: {}) " + "{ id ".repeat(depth)
          + "}".repeat(depth + 1), null, false));
      cases.add(graphql(family, "graphql JSON literal " + d, "mutation { create_event(event: {name: \"n\", "
          + "version: \"1\", release: \"r\", platform_id: \"p\", package: \"k\", description: \"d\", success: true, "
          + "event_receiver_id: \"" + anyRid + "\", payload: " + arrays + "}) }", null, false));
      cases.add(mcpCase(family, "mcp body " + d, objects));
      cases.add(mcpCase(family, "mcp tool payload " + d, mcpCall("create_event", "{\"event_data\":"
          + event(anyRid).toString().replace("\"payload\":{}", "\"payload\":" + arrays) + "}")));
      cases.add(rest(family, "sbom json " + d, "POST", sbomPath, ("{\"bomFormat\":\"CycloneDX\","
          + "\"specVersion\":\"1.6\",\"version\":1,\"components\":" + arrays + "}").getBytes(UTF_8)));
      cases.add(rest(family, "sbom xml " + d, "POST", sbomPath, ("<?xml version=\"1.0\"?><bom xmlns=\""
          + "http://cyclonedx.org/schema/bom/1.6\" version=\"1\"><components>"
          + "<component type=\"library\"><name>a</name><components>".repeat(depth)
          + "</components></component>".repeat(depth) + "</components></bom>").getBytes(UTF_8)));
    }
  }

  private static void invalidUtf8(List<Case> cases) {
    Map<String, byte[]> sequences = new LinkedHashMap<>();
    sequences.put("0xFF", new byte[] {(byte) 0xff});
    sequences.put("overlong slash", new byte[] {(byte) 0xc0, (byte) 0xaf});
    sequences.put("lone continuation", new byte[] {(byte) 0x80});
    sequences.put("truncated 3-byte", new byte[] {(byte) 0xe2, (byte) 0x82});
    sequences.put("encoded surrogate", new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80});
    sequences.put("5-byte form", new byte[] {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80});
    Map<String, Function<byte[], Case>> templates = new LinkedHashMap<>();
    templates.put("events", bad -> rest("invalid UTF-8", "", "POST", "/api/v1/events",
        splice(event(anyRid).put("name", "a§b").toString(), bad)));
    templates.put("receivers", bad -> rest("invalid UTF-8", "", "POST", "/api/v1/receivers",
        splice(receiver("{}").put("name", "a§b").toString(), bad)));
    templates.put("groups", bad -> rest("invalid UTF-8", "", "POST", "/api/v1/groups",
        splice(group().put("name", "a§b").toString(), bad)));
    templates.put("group patch", bad -> rest("invalid UTF-8", "", "PATCH", "/api/v1/groups/" + groupId,
        splice("{\"enabled\":true,\"note\":\"§\"}", bad)));
    templates.put("graphql", bad -> new Case("invalid UTF-8", "", "POST", "/api/v1/graphql/query",
        Map.of("Content-Type", "application/json"),
        splice(graphqlBody("{ events_by_id(id: \\\"a§\\\") { id } }", null), bad), false, Kind.GRAPHQL, false));
    templates.put("mcp", bad -> new Case("invalid UTF-8", "", "POST", "/api/v1/mcp",
        Map.of("Content-Type", "application/json"),
        splice("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/li§st\"}", bad), false, Kind.MCP, false));
    templates.put("sbom json", bad -> rest("invalid UTF-8", "", "POST", sbomPath,
        splice(new String(bom("{\"type\":\"library\",\"name\":\"a§b\"}"), UTF_8), bad)));
    templates.put("sbom xml", bad -> rest("invalid UTF-8", "", "POST", sbomPath,
        splice(xmlBom("<component type=\"library\"><name>a§b</name></component>"), bad)));
    templates.forEach((target, template) -> sequences.forEach((name, bad) -> {
      Case c = template.apply(bad);
      cases.add(new Case(c.family(), target + " " + name, c.method(), c.path(), c.headers(), c.body(), false,
          c.kind(), false));
    }));
    cases.add(rest("invalid UTF-8", "sbom xml declared UTF-16", "POST", sbomPath,
        xmlBom("<component type=\"library\"><name>a</name></component>")
            .replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<?xml version=\"1.0\" encoding=\"UTF-16\"?>")
            .getBytes(UTF_8)));
  }

  private static void contentTypes(List<Case> cases) {
    Map<String, String> forms = new LinkedHashMap<>();
    forms.put("application/x-www-form-urlencoded", "name=a&version=1&release=r");
    forms.put("multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\na\r\n"
        + "--x--\r\n");
    forms.put("application/xml", "<event><name>a</name></event>");
    forms.put("text/plain", "name: a");
    forms.put("application/yaml", "name: a\nversion: 1\n");
    for (String path : new String[] {"/api/v1/events", "/api/v1/receivers", "/api/v1/groups"}) {
      forms.forEach((type, body) -> cases.add(new Case("content type", path + " as " + type, "POST", path,
          Map.of("Content-Type", type), body.getBytes(UTF_8), false, Kind.REST, false)));
    }
    cases.add(new Case("content type", "graphql as application/graphql", "POST", "/api/v1/graphql/query",
        Map.of("Content-Type", "application/graphql"), "{ events(event: {}) { id } }".getBytes(UTF_8), false,
        Kind.GRAPHQL, false));
    cases.add(new Case("content type", "graphql as a form", "POST", "/api/v1/graphql/query",
        Map.of("Content-Type", "application/x-www-form-urlencoded"), "query=%7B__typename%7D".getBytes(UTF_8),
        false, Kind.GRAPHQL, false));
    cases.add(new Case("content type", "mcp as text", "POST", "/api/v1/mcp", Map.of("Content-Type", "text/plain"),
        "tools/list".getBytes(UTF_8), false, Kind.MCP, false));
    Map<String, byte[]> documents = new LinkedHashMap<>();
    documents.put("text/html", "<!doctype html><html><body>bom</body></html>".getBytes(UTF_8));
    documents.put("application/pdf", "%PDF-1.4\n%âãÏÓ\n".getBytes(ISO_8859_1));
    documents.put("image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0});
    documents.put("application/zip", new byte[] {'P', 'K', 3, 4, 20, 0, 0, 0});
    documents.put("application/gzip", new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0});
    documents.forEach((type, body) -> cases.add(new Case("content type", "sbom as " + type, "POST", sbomPath,
        Map.of("Content-Type", type), body, false, Kind.REST, false)));
    cases.add(new Case("content type", "gzip-encoded garbage", "POST", "/api/v1/events",
        Map.of("Content-Type", "application/json", "Content-Encoding", "gzip"), new byte[] {0x1f, (byte) 0x8b, 1, 2},
        false, Kind.REST, false));
  }

  private static final String[] INJECTIONS = {
      "' OR '1'='1", "'; DROP TABLE events; --", "\" OR \"\"=\"", "1; SELECT pg_sleep(10)--", "$1",
      "%' OR 1=1 --", "\\'; --", "admin'--", ") OR 1=1 --", "'||(SELECT version())||'"};

  private static void sqlInjection(List<Case> cases) {
    String family = "SQL injection";
    for (String s : INJECTIONS) {
      String p = pathSegment(s);
      cases.add(rest(family, "event id " + s, "GET", "/api/v1/events/" + p, null));
      cases.add(rest(family, "receiver id " + s, "GET", "/api/v1/receivers/" + p, null));
      cases.add(rest(family, "group id " + s, "GET", "/api/v1/groups/" + p, null));
      cases.add(rest(family, "sbom id " + s, "GET", "/api/v1/sboms/" + p, null));
      cases.add(rest(family, "patch group id " + s, "PATCH", "/api/v1/groups/" + p,
          "{\"enabled\":false}".getBytes(UTF_8)));
      cases.add(rest(family, "event receiver id " + s, "POST", "/api/v1/events", bytes(event(s))));
      cases.add(rest(family, "group member " + s, "POST", "/api/v1/groups",
          bytes(group().set("event_receiver_ids", Http.JSON.createArrayNode().add(s)))));
      cases.add(rest(family, "dead letter id " + s, "POST", "/api/v1/dead-letters/" + p + "/retry", null));
      cases.add(rest(family, "sbom name " + s + " (version blank)", "POST",
          sbomPath.replace("name=battery", "name=" + query(s)).replace("version=1.0.0", "version=%20"),
          SbomGenerator.json("1.6", 2, null)));
      ObjectNode id = Http.JSON.createObjectNode().put("id", s);
      cases.add(graphql(family, "events_by_id " + s, "query ($id: ID!) { events_by_id(id: $id) { id } }",
          id.toString(), false));
      cases.add(graphql(family, "events name " + s, "query ($n: String) { events(event: {name: $n}) { id } }",
          Http.JSON.createObjectNode().put("n", s).toString(), true));
      cases.add(graphql(family, "receivers type " + s,
          "query ($t: String) { event_receivers(event_receiver: {type: $t}) { id } }",
          Http.JSON.createObjectNode().put("t", s).toString(), true));
      cases.add(graphql(family, "components name " + s, "query ($n: String) { components(name: $n) { sbom_id } }",
          Http.JSON.createObjectNode().put("n", s).toString(), true));
      cases.add(graphql(family, "components purl " + s, "query ($p: String) { components(purl: $p) { sbom_id } }",
          Http.JSON.createObjectNode().put("p", s).toString(), false));
      cases.add(graphql(family, "provenance " + s, "query ($n: String!) { provenance(name: $n, version: \"1.0.0\", "
          + "release: \"r1\", platform_id: \"linux\", package: \"maven\") { events { id } sboms { id } "
          + "groups_completed { id } cdevents { id } } }", Http.JSON.createObjectNode().put("n", s).toString(), true));
      cases.add(graphql(family, "set_enabled " + s, "mutation ($id: ID!) { set_event_receiver_group_enabled(id: $id) }",
          id.toString(), false));
    }
  }

  private static void graphqlMalformed(List<Case> cases) {
    String family = "GraphQL malformed";
    Map<String, String> queries = new LinkedHashMap<>();
    queries.put("unclosed selection", "{ events(event: {}) { id }");
    queries.put("unknown field", "{ nope }");
    queries.put("unknown subfield", "{ events(event: {}) { nope } }");
    queries.put("unknown argument", "{ events(evnt: {}) { id } }");
    queries.put("missing argument", "{ events { id } }");
    queries.put("boolean id", "{ events_by_id(id: true) { id } }");
    queries.put("object id", "{ events_by_id(id: {a: 1}) { id } }");
    queries.put("no selection on an object", "{ events(event: {}) }");
    queries.put("selection on a scalar", "{ events(event: {}) { id { x } } }");
    queries.put("variable not given", "query ($id: ID!) { events_by_id(id: $id) { id } }");
    queries.put("variable undeclared", "{ events_by_id(id: $id) { id } }");
    queries.put("two anonymous operations", "{ events(event: {}) { id } } { event_receivers(event_receiver: {}) "
        + "{ id } }");
    queries.put("subscription", "subscription { events(event: {}) { id } }");
    queries.put("fragment cycle", "{ events(event: {}) { ...A } } fragment A on Event { ...B } fragment B on Event "
        + "{ ...A }");
    queries.put("unknown fragment", "{ events(event: {}) { ...Unknown } }");
    queries.put("fragment on a wrong type", "{ events(event: {}) { ...R } } fragment R on EventReceiver { type }");
    queries.put("unknown directive", "{ __typename @nope }");
    queries.put("skip with a string", "{ events(event: {}) @skip(if: \"yes\") { id } }");
    queries.put("empty document", "");
    queries.put("only a comment", "# nothing");
    queries.put("create_event missing fields", "mutation { create_event(event: {name: \"a\"}) }");
    queries.put("create_event unknown receiver", "mutation { create_event(event: {name: \"n\", version: \"1\", "
        + "release: \"r\", platform_id: \"p\", package: \"k\", description: \"d\", success: true, payload: \"{}\", "
        + "event_receiver_id: \"\\\") { __schema { types { name } } } #\"}) }");
    queries.put("schema that is not JSON", "mutation { create_event_receiver(event_receiver: {name: \"n\", "
        + "type: \"t\", version: \"1\", description: \"d\", schema: \"{not json\"}) }");
    queries.put("payload that is not JSON", "mutation { create_event(event: {name: \"n\", version: \"1\", "
        + "release: \"r\", platform_id: \"p\", package: \"k\", description: \"d\", success: true, payload: \"{\", "
        + "event_receiver_id: \"" + anyRid + "\"}) }");
    queries.put("group with no members", "mutation { create_event_receiver_group(event_receiver_group: {name: \"g\", "
        + "type: \"t\", version: \"1\", description: \"d\", enabled: true, event_receiver_ids: []}) }");
    queries.put("enable an unknown group", "mutation { set_event_receiver_group_enabled(id: \"nope\") }");
    queries.put("a Time as input", "{ events(event: {created_at: \"2024-01-01T00:00:00Z\"}) { id } }");
    queries.put("components without purl or name", "{ components { sbom_id } }");
    queries.put("components with a bad purl", "{ components(purl: \"not-a-purl\") { sbom_id } }");
    queries.put("components first 0", "{ components(name: \"a\", first: 0) { sbom_id } }");
    queries.put("sbom components after -1", provenanceComponents("after: \"-1\""));
    queries.put("sbom components after text", provenanceComponents("after: \"abc\""));
    queries.put("sbom components first 1001", provenanceComponents("first: 1001"));
    queries.put("two __schema", "{ a: __schema { types { name } } b: __schema { types { name } } }");
    queries.put("deeper than 15", "{ events(event: {name: \"x\"}) { id } __type(name: \"Event\") { fields { type { "
        + "ofType { ".repeat(12) + "name" + " }".repeat(15) + " }");
    StringBuilder aliases = new StringBuilder("{");
    for (int i = 0; i < 1000; i++) {
      aliases.append(" a").append(i).append(": events(event: {}) { id }");
    }
    queries.put("1,000 aliased searches", aliases + " }");
    StringBuilder creates = new StringBuilder("mutation {");
    for (int i = 0; i < 300; i++) {
      creates.append(" c").append(i).append(": create_event_receiver(event_receiver: {name: \"n\", type: \"t\", "
          + "version: \"1\", description: \"d\", schema: \"{}\"})");
    }
    queries.put("300 aliased creates", creates + " }");
    queries.put("query text of 300,000 characters", "{ events(event: {name: \"" + "x".repeat(300_000)
        + "\"}) { id } }");
    queries.forEach((name, query) -> cases.add(graphql(family, name, query, null, false)));
    cases.add(graphql(family, "operationName not in the document", "query A { events(event: {}) { id } }", null,
        false, "B"));
    cases.add(graphql(family, "variable of a wrong type", "query ($id: ID!) { events_by_id(id: $id) { id } }",
        "{\"id\":{\"a\":1}}", false));
    cases.add(graphql(family, "boolean filter as a word", "query ($o: FindEventInput!) { events(event: $o) { id } }",
        "{\"o\":{\"success\":\"maybe\"}}", false));
    cases.add(graphql(family, "injection in a filter string", "{ events(event: {name: \"x\\\" }) { id } __schema { "
        + "types { name } } #\"}) { id } }", null, true));
    Map<String, String> bodies = new LinkedHashMap<>();
    bodies.put("query is a number", "{\"query\":123}");
    bodies.put("query is null", "{\"query\":null}");
    bodies.put("query is an array", "{\"query\":[\"{ __typename }\"]}");
    bodies.put("no query", "{\"variables\":{}}");
    bodies.put("a batch", "[{\"query\":\"{ __typename }\"}]");
    bodies.forEach((name, body) -> cases.add(new Case(family, name, "POST", "/api/v1/graphql/query",
        Map.of("Content-Type", "application/json"), body.getBytes(UTF_8), false, Kind.GRAPHQL, false)));
  }

  private static String provenanceComponents(String arguments) {
    return "{ provenance(name: \"battery\", version: \"1.0.0\", release: \"r1\", platform_id: \"linux\", "
        + "package: \"maven\") { sboms { components(" + arguments + ") { name } } } }";
  }

  private static void invalidIds(List<Case> cases) {
    String ulid = "01HPW0DY340VMM3DNMX8JCQDGN";
    Map<String, String> ids = new LinkedHashMap<>();
    ids.put("one character", "0");
    ids.put("25 characters", ulid.substring(1));
    ids.put("27 characters", ulid + "N");
    ids.put("lower case", ulid.toLowerCase());
    ids.put("with U", ulid.substring(1) + "U");
    ids.put("overflowing", "Z".repeat(26));
    ids.put("a snowman", ulid.substring(1) + "\u2603");
    ids.put("300 characters", "0".repeat(300));
    ids.put("spaces", "  ");
    ids.put("a NUL", "01HPW0DY340VMM3DNMX8JCQDG\u0000");
    ids.forEach((name, id) -> {
      String p = pathSegment(id);
      cases.add(rest("invalid ULID", "event " + name, "GET", "/api/v1/events/" + p, null));
      cases.add(rest("invalid ULID", "receiver " + name, "GET", "/api/v1/receivers/" + p, null));
      cases.add(rest("invalid ULID", "group " + name, "GET", "/api/v1/groups/" + p, null));
      cases.add(rest("invalid ULID", "patch group " + name, "PATCH", "/api/v1/groups/" + p,
          "{\"enabled\":true}".getBytes(UTF_8)));
      cases.add(rest("invalid ULID", "sbom " + name, "GET", "/api/v1/sboms/" + p, null));
      cases.add(graphql("invalid ULID", "events_by_id " + name, "query ($id: ID!) { events_by_id(id: $id) { id } }",
          Http.JSON.createObjectNode().put("id", id).toString(), false));
    });
    cases.add(graphql("invalid ULID", "events_by_id empty", "{ events_by_id(id: \"\") { id } }", null, false));
    cases.add(graphql("invalid ULID", "receivers_by_id empty", "{ event_receivers_by_id(id: \"\") { id } }", null,
        false));
    cases.add(graphql("invalid ULID", "groups_by_id empty", "{ event_receiver_groups_by_id(id: \"\") { id } }", null,
        false));
  }

  private static void pathTraversal(List<Case> cases) {
    String[] paths = {
        "/api/v1/events/..%2F..%2F..%2Fetc%2Fpasswd",
        "/api/v1/events/../../../etc/passwd",
        "/api/v1/sboms/..%2f..%2fpom.xml",
        "/api/v1/sboms/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/api/v1/static/..%2f..%2f..%2fpom.xml",
        "/api/v1/static/../../../../etc/passwd",
        "/api/v1/graphql/static/..%2f..%2f..%2f..%2fMETA-INF%2fMANIFEST.MF",
        "/api/v1/graphql/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/META-INF/MANIFEST.MF",
        "/api/v1/graphql/static/..%5c..%5c..%5cpom.xml",
        "/api/v1/graphql/%2e%2e/%2e%2e/etc/passwd",
        "/api/v1/dead-letters/..%2f..%2fetc/retry",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/api/v1/groups/..%252f..%252fetc%252fpasswd",
        "/api/v1/receivers/%2e%2e",
        "/api/v1/events/." + "./".repeat(20) + "etc/passwd"};
    for (String path : paths) {
      cases.add(rest("path traversal", path, path.contains("/retry") ? "POST" : "GET", path, null));
    }
    cases.add(rest("path traversal", "file URL as a receiver $ref", "POST", "/api/v1/receivers",
        withRaw(receiver("{}"), "schema", "{\"$ref\":\"file://" + secretFile + "\"}")));
    cases.add(rest("path traversal", "jar URL as a receiver $ref", "POST", "/api/v1/receivers",
        withRaw(receiver("{}"), "schema", "{\"$ref\":\"jar:file:/etc/passwd!/x\"}")));
    cases.add(rest("path traversal", "classpath URL as a receiver $ref", "POST", "/api/v1/receivers",
        withRaw(receiver("{}"), "schema", "{\"$ref\":\"classpath:logback.xml\"}")));
  }

  private static void notCycloneDx(List<Case> cases) {
    Map<String, String> documents = new LinkedHashMap<>();
    documents.put("SPDX JSON", "{\"spdxVersion\":\"SPDX-2.3\",\"SPDXID\":\"SPDXRef-DOCUMENT\",\"name\":\"x\"}");
    documents.put("no specVersion", "{\"bomFormat\":\"CycloneDX\"}");
    documents.put("specVersion 9.9", "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"9.9\",\"version\":1}");
    documents.put("specVersion a number", "{\"bomFormat\":\"CycloneDX\",\"specVersion\":1.6}");
    documents.put("components a string", "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":"
        + "\"nope\"}");
    documents.put("component without a name", "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\","
        + "\"components\":[{\"type\":\"library\"}]}");
    documents.put("bomFormat lower case", "{\"bomFormat\":\"cyclonedx\",\"specVersion\":\"1.6\"}");
    documents.put("JSON array", "[{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\"}]");
    documents.put("plain text", "this is not an SBOM");
    documents.put("XML of another namespace", "<bom xmlns=\"http://example.com/bom/1.6\" version=\"1\"/>");
    documents.put("XML without a namespace", "<bom version=\"1\"/>");
    documents.put("HTML", "<html><body>bom</body></html>");
    documents.put("XML bad version attribute", "<?xml version=\"1.0\"?><bom xmlns=\"http://cyclonedx.org/schema/"
        + "bom/1.6\" version=\"x\"/>");
    documents.put("XML spec 1.9", "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.9\" version=\"1\"/>");
    documents.put("SPDX tag-value", "SPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\n");
    documents.forEach((name, document) -> cases.add(rest("not CycloneDX", name, "POST", sbomPath,
        document.getBytes(UTF_8))));
    cases.add(mcpCase("not CycloneDX", "post_sbom tool with plain text", mcpCall("post_sbom", "{\"name\":\"b\","
        + "\"version\":\"1\",\"release\":\"r\",\"platform_id\":\"p\",\"package\":\"k\",\"sbom\":\"not a bom\"}")));
  }

  private static void xmlEntities(List<Case> cases) {
    String server = "http://127.0.0.1:" + entities.getAddress().getPort();
    Map<String, String> prologs = new LinkedHashMap<>();
    prologs.put("XXE file read", "<!DOCTYPE bom [<!ENTITY x SYSTEM \"file://" + secretFile + "\">]>");
    prologs.put("XXE /etc/passwd", "<!DOCTYPE bom [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>");
    prologs.put("XXE over HTTP", "<!DOCTYPE bom [<!ENTITY x SYSTEM \"" + server + "/entity\">]>");
    prologs.put("external DTD", "<!DOCTYPE bom SYSTEM \"" + server + "/bom.dtd\">");
    prologs.put("public DTD", "<!DOCTYPE bom PUBLIC \"-//X//Y\" \"" + server + "/public.dtd\">");
    prologs.put("parameter entity", "<!DOCTYPE bom [<!ENTITY % p SYSTEM \"" + server + "/parameter\"> %p;]>");
    prologs.put("billion laughs", "<!DOCTYPE bom [<!ENTITY x \"lol\">" + laughs() + "]>");
    prologs.put("quadratic blowup", "<!DOCTYPE bom [<!ENTITY x \"" + "a".repeat(50_000) + "\">]>");
    prologs.put("internal subset only", "<!DOCTYPE bom [<!ELEMENT bom ANY>]>");
    prologs.put("bare DOCTYPE", "<!DOCTYPE bom>");
    prologs.forEach((name, prolog) -> {
      String entity = prolog.contains("ENTITY x ") ? (name.equals("billion laughs") ? "&x9;" : "&x;") : "acme";
      String document = xmlBom("<component type=\"library\"><name>" + entity + "</name></component>")
          .replace("<bom ", prolog + "\n<bom ");
      cases.add(rest("XML entities", name, "POST", sbomPath, document.getBytes(UTF_8)));
    });
    String invalid = xmlBom("<component type=\"nonsense\"><name>a</name></component>");
    cases.add(rest("XML entities", "XInclude of /etc/passwd", "POST", sbomPath, invalid.replace("<name>a</name>",
        "<name>a</name><xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"file:///etc/passwd\" "
            + "parse=\"text\"/>").getBytes(UTF_8)));
    cases.add(rest("XML entities", "xml-stylesheet to fetch", "POST", sbomPath, invalid.replace("?>",
        "?><?xml-stylesheet type=\"text/xsl\" href=\"" + server + "/style.xsl\"?>").getBytes(UTF_8)));
    cases.add(rest("XML entities", "schemaLocation to fetch", "POST", sbomPath, invalid.replace("version=\"1\"",
        "version=\"1\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\""
            + "http://cyclonedx.org/schema/bom/1.6 " + server + "/evil.xsd\"").getBytes(UTF_8)));
    cases.add(mcpCase("XML entities", "post_sbom tool with XXE", mcpCall("post_sbom", "{\"name\":\"b\","
        + "\"version\":\"1\",\"release\":\"r\",\"platform_id\":\"p\",\"package\":\"k\",\"sbom\":"
        + Http.JSON.valueToTree(xmlBom("<component type=\"library\"><name>&x;</name></component>").replace("<bom ",
            "<!DOCTYPE bom [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<bom ")) + "}")));
  }

  private static String laughs() {
    StringBuilder b = new StringBuilder();
    for (int i = 2; i <= 9; i++) {
      String previous = i == 2 ? "x" : "x" + (i - 1);
      b.append("<!ENTITY x").append(i).append(" \"").append(("&" + previous + ";").repeat(10)).append("\">");
    }
    return b.toString();
  }

  private static void deadLetters(List<Case> cases) {
    for (String id : new String[] {"abc", "-1", "99999999999999999999", "1.5", "0x10", "1e3", "%00", "%20"}) {
      cases.add(rest("dead letters", "retry " + id, "POST", "/api/v1/dead-letters/" + id + "/retry", null));
    }
    for (String limit : new String[] {"0", "-1", "abc", "1001", "99999999999", "%00", "", "1,5"}) {
      cases.add(rest("dead letters", "limit '" + limit + "'", "GET", "/api/v1/dead-letters?limit=" + limit, null));
    }
    for (String id : new String[] {"abc", "-1", "1e9", "99999999999999999999"}) {
      cases.add(graphql("dead letters", "retry_dead_letter " + id, "mutation { retry_dead_letter(id: \"" + id
          + "\") }", null, false));
    }
    for (String first : new String[] {"0", "-1", "1001", "\"ten\""}) {
      cases.add(graphql("dead letters", "dead_letters first " + first, "{ dead_letters(first: " + first
          + ") { id } }", null, false));
    }
  }

  private static void mcp(List<Case> cases) {
    String family = "MCP";
    Map<String, String> bodies = new LinkedHashMap<>();
    bodies.put("empty object", "{}");
    bodies.put("unknown method", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"nope\"}");
    bodies.put("unknown tool", mcpCall("nope", "{}"));
    bodies.put("params an array", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":[1,2]}");
    bodies.put("tool call without a name", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{}}");
    bodies.put("batch", "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}]");
    bodies.put("create_event without arguments", mcpCall("create_event", "{}"));
    bodies.put("create_event data a string", mcpCall("create_event", "{\"event_data\":\"x\"}"));
    bodies.put("create_event missing fields", mcpCall("create_event", "{\"event_data\":{\"name\":\"a\"}}"));
    bodies.put("create_event name a number", mcpCall("create_event", "{\"event_data\":"
        + event(anyRid).put("name", 5) + "}"));
    bodies.put("create_event unknown receiver", mcpCall("create_event", "{\"event_data\":" + event("nope") + "}"));
    bodies.put("create_event payload against its schema", mcpCall("create_event", "{\"event_data\":"
        + event(typedRid).put("payload", "not an object") + "}"));
    bodies.put("create_receiver invalid schema", mcpCall("create_receiver", "{\"receiver_data\":"
        + receiver("{\"type\":12}") + "}"));
    bodies.put("create_group no members", mcpCall("create_group", "{\"group_data\":"
        + group().set("event_receiver_ids", Http.JSON.createArrayNode()) + "}"));
    bodies.put("fetch_event injection", mcpCall("fetch_event", "{\"id\":\"' OR '1'='1\"}"));
    bodies.put("fetch_event path traversal", mcpCall("fetch_event", "{\"id\":\"../../../etc/passwd\"}"));
    bodies.put("fetch_event without id", mcpCall("fetch_event", "{}"));
    bodies.put("find_component without purl or name", mcpCall("find_component", "{}"));
    bodies.put("find_component first 0", mcpCall("find_component", "{\"name\":\"a\",\"first\":0}"));
    bodies.put("provenance missing fields", mcpCall("provenance", "{\"name\":\"a\"}"));
    bodies.put("post_sbom missing NVRPP", mcpCall("post_sbom", "{\"sbom\":\"{}\"}"));
    bodies.put("resources/read unknown", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"resources/read\","
        + "\"params\":{\"uri\":\"file:///etc/passwd\"}}");
    bodies.put("prompts/get unknown", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"prompts/get\","
        + "\"params\":{\"name\":\"nope\"}}");
    bodies.forEach((name, body) -> cases.add(mcpCase(family, name, body)));
  }

  private static void rawHttp(List<Case> cases) {
    String family = "malformed HTTP";
    Map<String, String> requests = new LinkedHashMap<>();
    requests.put("a header of 20 KB", "GET /api/v1/events/x HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000)
        + "\r\n\r\n");
    requests.put("300 headers", "GET /api/v1/events/x HTTP/1.1\r\nHost: x\r\n"
        + "X-Many: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n".repeat(300) + "\r\n");
    requests.put("a URL of 10,000 characters", "GET /api/v1/events/" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: x"
        + "\r\n\r\n");
    requests.put("a header line without colon", "GET /api/v1/events/x HTTP/1.1\r\nHost: x\r\nGarbage\r\n\r\n");
    requests.put("bad percent escape", "GET /api/v1/events/%ZZ HTTP/1.1\r\nHost: x\r\n\r\n");
    requests.put("truncated percent escape", "GET /api/v1/events/%E0%A4%A HTTP/1.1\r\nHost: x\r\n\r\n");
    requests.put("percent-encoded invalid UTF-8", "GET /api/v1/events/%FF%FE HTTP/1.1\r\nHost: x\r\n\r\n");
    requests.put("bad percent escape in the query", "GET /api/v1/dead-letters?limit=%ZZ HTTP/1.1\r\nHost: x"
        + "\r\n\r\n");
    requests.put("no path", "GET  HTTP/1.1\r\nHost: x\r\n\r\n");
    requests.put("HTTP/9.9", "GET /api/v1/events/x HTTP/9.9\r\nHost: x\r\n\r\n");
    requests.put("not HTTP at all", "HELLO\r\n\r\n");
    requests.put("Content-Length not a number", "POST /api/v1/events HTTP/1.1\r\nHost: x\r\nContent-Length: abc"
        + "\r\n\r\n{}");
    requests.put("Content-Length negative", "POST /api/v1/events HTTP/1.1\r\nHost: x\r\nContent-Length: -5"
        + "\r\n\r\n{}");
    requests.put("two Content-Lengths", "POST /api/v1/events HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n"
        + "Content-Length: 7\r\n\r\n{}");
    requests.put("Content-Length and chunked", "POST /api/v1/events HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n"
        + "Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n");
    requests.put("bad chunk size", "POST /api/v1/events HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "zz\r\n{}\r\n0\r\n\r\n");
    requests.put("a NUL in a header", "GET /api/v1/events/x HTTP/1.1\r\nHost: x\r\nX-Nul: a\u0000b\r\n\r\n");
    requests.put("a space before the colon", "GET /api/v1/events/x HTTP/1.1\r\nHost : x\r\n\r\n");
    requests.forEach((name, request) -> cases.add(new Case(family, name, "RAW", name, Map.of(),
        request.getBytes(ISO_8859_1), false, Kind.RAW, false)));
  }

  private static void bodySize(List<Case> cases) {
    byte[] big = ("{\"description\":\"" + "x".repeat(MAX_BODY) + "\"}").getBytes(UTF_8);
    cases.add(rest("body over EPR_MAX_BODY", "events", "POST", "/api/v1/events", big));
    cases.add(new Case("body over EPR_MAX_BODY", "graphql", "POST", "/api/v1/graphql/query",
        Map.of("Content-Type", "application/json"), big, false, Kind.GRAPHQL, false));
    cases.add(new Case("body over EPR_MAX_BODY", "mcp", "POST", "/api/v1/mcp",
        Map.of("Content-Type", "application/json"), big, false, Kind.MCP, false));
    cases.add(rest("body over EPR_MAX_BODY", "sbom with Content-Length", "POST", sbomPath, big));
    cases.add(new Case("body over EPR_MAX_BODY", "sbom chunked", "POST", sbomPath, Map.of(), big, true, Kind.REST,
        false));
  }

  private static void pathologicalPatterns(List<Case> cases) {
    String family = "pathological regex";
    cases.add(rest(family, "pattern ^(a{1,30}){1,30}$", "POST", "/api/v1/events",
        withRaw(event(evilRid), "payload", "{\"s\":\"" + "a".repeat(47) + "b\"}")));
    cases.add(rest(family, "patternProperties ^(a{1,30}){1,30}$", "POST", "/api/v1/events",
        withRaw(event(evilKeysRid), "payload", "{\"" + "a".repeat(47) + "b\":1}")));
    cases.add(rest(family, "format regex unbalanced", "POST", "/api/v1/events",
        withRaw(event(regexFormatRid), "payload", "{\"r\":\"(((\"}")));
    cases.add(rest(family, "format regex nested 50,000 deep", "POST", "/api/v1/events",
        withRaw(event(regexFormatRid), "payload", "{\"r\":\"" + "(".repeat(50_000) + ")".repeat(50_000) + "\"}")));
    cases.add(rest(family, "receiver with an invalid pattern", "POST", "/api/v1/receivers",
        withRaw(receiver("{}"), "schema", "{\"pattern\":\"[\"}")));
    cases.add(rest(family, "receiver with a pattern nested 50,000 deep", "POST", "/api/v1/receivers",
        withRaw(receiver("{}"), "schema", "{\"pattern\":\"" + "(".repeat(50_000) + ")".repeat(50_000) + "\"}")));
  }

  private static void deepAndWideXml(List<Case> cases) {
    for (int depth : new int[] {501, 100_000, 1_000_000}) {
      cases.add(rest("deep XML", "sbom nested " + depth + " deep", "POST", sbomPath, HostileXml.SBOM.nested(depth)));
    }
    cases.add(mcpCase("deep XML", "post_sbom tool nested 100000 deep", mcpCall("post_sbom", "{\"name\":\"b\","
        + "\"version\":\"1\",\"release\":\"r\",\"platform_id\":\"p\",\"package\":\"k\",\"sbom\":"
        + Http.JSON.valueToTree(new String(HostileXml.SBOM.nested(100_000), UTF_8)) + "}")));
    cases.add(rest("wide XML", "sbom element of 101 attributes", "POST", sbomPath, HostileXml.SBOM.attributes(101)));
    cases.add(rest("wide XML", "sbom element of 200000 attributes", "POST", sbomPath,
        HostileXml.SBOM.attributes(200_000)));
    cases.add(rest("wide XML", "sbom of 3000001 elements", "POST", sbomPath, HostileXml.SBOM.elements(3_000_001)));
    cases.add(rest("wide XML", "sbom of 3000004 attributes", "POST", sbomPath, HostileXml.SBOM.attributesInAll(750_001)));
    cases.add(rest("wide XML", "sbom text of 20000001 characters", "POST", sbomPath, HostileXml.SBOM.text(20_000_001)));
  }

  private static void millionKeys(List<Case> cases) {
    String family = "million keys";
    String keys = WideJson.keys(1_000_000);
    cases.add(graphql(family, "graphql variables", "query ($o: FindEventInput!) { events(event: $o) { id } }", keys,
        false));
    cases.add(graphql(family, "graphql variable value", "query ($o: FindEventInput!) { events(event: $o) { id } }",
        "{\"o\":" + keys + "}", false));
    cases.add(new Case(family, "graphql body", "POST", "/api/v1/graphql/query",
        Map.of("Content-Type", "application/json"), keys.getBytes(UTF_8), false, Kind.GRAPHQL, false));
    cases.add(rest(family, "events body", "POST", "/api/v1/events", keys.getBytes(UTF_8)));
    cases.add(rest(family, "event payload", "POST", "/api/v1/events", withRaw(event(anyRid), "payload", keys)));
    cases.add(rest(family, "receiver schema properties", "POST", "/api/v1/receivers",
        withRaw(receiver("{}"), "schema", "{\"properties\":" + keys + "}")));
    cases.add(rest(family, "groups body", "POST", "/api/v1/groups", keys.getBytes(UTF_8)));
    cases.add(rest(family, "patch body", "PATCH", "/api/v1/groups/" + groupId, keys.getBytes(UTF_8)));
    cases.add(mcpCase(family, "mcp tool arguments", mcpCall("create_event", keys)));
    cases.add(rest(family, "sbom json metadata", "POST", sbomPath, ("{\"bomFormat\":\"CycloneDX\","
        + "\"specVersion\":\"1.6\",\"version\":1,\"metadata\":" + keys + "}").getBytes(UTF_8)));
  }

  /** Malformed keys on every create; a taken key sent with another request (422). */
  private static void idempotencyKeys(List<Case> cases) {
    String family = "idempotency keys";
    Map<String, byte[]> creates = Map.of("/api/v1/events", bytes(event(anyRid)),
        "/api/v1/receivers", bytes(receiver("{}")), "/api/v1/groups", bytes(group()),
        sbomPath, SbomGenerator.json("1.6", 2, null));
    Map<String, String> keys = Map.of("empty", "", "of 256 characters", "k".repeat(256), "with a space", "two words",
        "of 8000 characters", "k".repeat(8000));
    creates.forEach((path, body) -> keys.forEach((name, key) -> cases.add(new Case(family, name + " on " + path,
        "POST", path, Map.of("Content-Type", "application/json", "Idempotency-Key", key), body, false, Kind.REST,
        false))));
    for (String kind : new String[] {"\t", "\u00e9", "\u0001"}) {
      String key = "ke" + kind.translateEscapes() + "y";
      cases.add(new Case(family, "with " + kind + " (raw)", "POST", "/api/v1/events", Map.of(),
          ("POST /api/v1/events HTTP/1.1\r\nHost: x\r\nConnection: close\r\nIdempotency-Key: " + key
              + "\r\nContent-Length: " + bytes(event(anyRid)).length + "\r\n\r\n" + event(anyRid))
              .getBytes(UTF_8), false, Kind.RAW, false));
    }
    ObjectNode another = event(anyRid).put("description", "another request under a taken key");
    cases.add(new Case(family, "taken key, another event", "POST", "/api/v1/events",
        Map.of("Content-Type", "application/json", "Idempotency-Key", TAKEN_KEY), bytes(another), false, Kind.REST,
        false));
    cases.add(new Case(family, "taken key, another SBOM", "POST", sbomPath.replace("r1", "r2"),
        Map.of("Idempotency-Key", TAKEN_KEY), SbomGenerator.json("1.6", 5, null), false, Kind.REST, false));
  }

  /** Writes from a web page of a foreign origin, as a browser sends them without a preflight. */
  private static void crossOriginWrites(List<Case> cases) {
    String family = "cross-origin writes";
    Map<String, byte[]> writes = Map.of("/api/v1/events", bytes(event(anyRid)),
        "/api/v1/receivers", bytes(receiver("{}")), "/api/v1/groups", bytes(group()),
        "/api/v1/graphql/query", ("{\"query\":\"mutation { set_event_receiver_group_disabled(id: \\\"" + groupId
            + "\\\") }\"}").getBytes(UTF_8),
        "/api/v1/dead-letters/retry", new byte[0], sbomPath, SbomGenerator.json("1.6", 2, null));
    writes.forEach((path, body) -> {
      for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded"}) {
        cases.add(new Case(family, type + " to " + path, "POST", path,
            Map.of("Content-Type", type, "Origin", "https://evil.example"), body, false, Kind.REST, false));
      }
    });
    cases.add(new Case(family, "PATCH group", "PATCH", "/api/v1/groups/" + groupId,
        Map.of("Content-Type", "text/plain", "Origin", "null"), "{\"enabled\":false}".getBytes(UTF_8), false,
        Kind.REST, false));
  }

  private static void hugeArrays(List<Case> cases) {
    String family = "huge arrays";
    String numbers = WideJson.items(1_000_000, "0");
    String ids = WideJson.items(1_000_000, "\"x\"");
    cases.add(rest(family, "events body", "POST", "/api/v1/events", numbers.getBytes(UTF_8)));
    cases.add(rest(family, "event payload", "POST", "/api/v1/events", withRaw(event(anyRid), "payload", numbers)));
    cases.add(rest(family, "receiver schema enum", "POST", "/api/v1/receivers",
        withRaw(receiver("{}"), "schema", "{\"enum\":" + numbers + "}")));
    cases.add(rest(family, "group receiver ids", "POST", "/api/v1/groups", withRaw(group(), "event_receiver_ids", ids)));
    cases.add(graphql(family, "graphql group receiver ids", "mutation ($g: CreateEventReceiverGroupInput!) "
        + "{ create_event_receiver_group(event_receiver_group: $g) }", "{\"g\":" + group().toString()
        .replace("[\"" + anyRid + "\"]", ids) + "}", false));
    cases.add(mcpCase(family, "mcp tool payload", mcpCall("create_event", "{\"event_data\":"
        + event(anyRid).toString().replace("\"payload\":{}", "\"payload\":" + numbers) + "}")));
    cases.add(rest(family, "sbom json components", "POST", sbomPath, ("{\"bomFormat\":\"CycloneDX\","
        + "\"specVersion\":\"1.6\",\"version\":1,\"components\":" + WideJson.items(1_000_000, "{}") + "}")
        .getBytes(UTF_8)));
  }

  // ================================================================== sending and judging

  private record Answer(int status, String body) {}

  private static Answer send(Case c) {
    if (c.kind() == Kind.RAW) {
      RawHttp.Response r = new RawHttp(server.port).exchange(c.body(), 10_000);
      return new Answer(r.status(), r.body());
    }
    try {
      Http.Response r = http.send(c.method(), c.path(), c.headers(), c.body(), c.chunked());
      return new Answer(r.status(), r.body());
    } catch (RuntimeException e) {
      return new Answer(-1, "no answer: " + e);
    }
  }

  /** Why the answer is not a refusal with a message (or an empty search result), or null when it is. */
  private static String problem(Case c, Answer a) {
    if (a.status() < 0) {
      return "no HTTP answer";
    }
    if (a.status() >= 500) {
      return "a server error";
    }
    for (String leak : LEAKS) {
      if (a.body().contains(leak)) {
        return "leaked " + leak;
      }
    }
    if (a.status() >= 400) {
      return message(c, a) == null ? "no message" : null;
    }
    if (a.status() != 200 || c.kind() == Kind.REST || c.kind() == Kind.RAW) {
      return "not refused";
    }
    JsonNode json;
    try {
      json = Http.JSON.readTree(a.body());
    } catch (Exception e) {
      return "200 without JSON";
    }
    if (c.search()) {
      return !json.has("errors") && allListsEmpty(json.path("data")) ? null : "the search found something";
    }
    if (c.kind() == Kind.GRAPHQL) {
      JsonNode errors = json.path("errors");
      return errors.isArray() && errors.size() > 0 && allMessages(errors) ? null : "no GraphQL errors";
    }
    if (json.path("error").path("message").asText("").isBlank()
        && !(json.at("/result/isError").asBoolean() && !json.at("/result/content/0/text").asText("").isBlank())) {
      return "no JSON-RPC error and no tool error";
    }
    return null;
  }

  /** The refusal's message: EPR's envelope for REST (or Go's 404 text for unknown routes), anything said else. */
  private static String message(Case c, Answer a) {
    String body = a.body().trim();
    if (body.isEmpty()) {
      return null;
    }
    if (a.status() == 404 && body.equals("404 page not found")) {
      return body; // Go EPR's answer to an unknown route
    }
    try {
      JsonNode json = Http.JSON.readTree(body);
      if (json.has("errors") && json.has("data")) {
        String m = json.get("errors").path(0).asText("");
        return json.get("errors").size() == 1 && !m.isBlank() ? m : null;
      }
      if (c.kind() == Kind.MCP && json.path("error").path("message").isTextual()) {
        return json.path("error").path("message").asText();
      }
      if (c.kind() == Kind.GRAPHQL && json.path("errors").isArray() && allMessages(json.get("errors"))) {
        return json.get("errors").get(0).get("message").asText();
      }
      return null;
    } catch (Exception notJson) {
      return c.kind() == Kind.GRAPHQL ? body : null; // Go EPR's plain-text answer to a body that is not JSON
    }
  }

  private static boolean allMessages(JsonNode errors) {
    for (JsonNode e : errors) {
      if (e.path("message").asText("").isBlank()) {
        return false;
      }
    }
    return true;
  }

  private static boolean allListsEmpty(JsonNode node) {
    if (node.isArray()) {
      return node.isEmpty();
    }
    for (JsonNode child : node) {
      if (!allListsEmpty(child)) {
        return false;
      }
    }
    return true;
  }

  // ================================================================== the database, whole

  /** Every table's row count and a checksum of its rows (flyway's history aside), and every sequence's value. */
  private static Map<String, String> snapshot() {
    Map<String, String> state = new TreeMap<>();
    try (Connection c = server.db.connect(); Statement s = c.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = "
          + "'public' AND table_type = 'BASE TABLE' AND table_name <> 'flyway_schema_history'")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      assertTrue(tables.containsAll(List.of("events", "event_receivers", "event_receiver_groups",
          "event_receiver_group_to_event_receivers", "epr_log", "epr_dead_letters", "epr_cdevents", "epr_sboms",
          "epr_sbom_components")), tables.toString());
      // the log's delivered records leave it (pruned) whatever a request does: what a request appended shows in its
      // position sequence, below
      tables.remove("epr_log");
      for (String table : tables) {
        try (ResultSet rs = s.executeQuery("SELECT count(*) || ' rows, md5 ' || md5(coalesce(string_agg(t::text, "
            + "E'\\n' ORDER BY t::text), '')) FROM \"" + table + "\" t")) {
          rs.next();
          state.put(table, rs.getString(1));
        }
      }
      try (ResultSet rs = s.executeQuery("SELECT sequencename, coalesce(last_value, 0) FROM pg_sequences WHERE "
          + "schemaname = 'public'")) {
        while (rs.next()) {
          state.put("sequence " + rs.getString(1), rs.getString(2));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return state;
  }

  /** The fixtures' messages delivered: the sinks' positions move past them, and then nothing changes. */
  private static void awaitOutboxDrained() throws Exception {
    String previous = null;
    for (int i = 0; i < 100; i++) {
      String now = snapshot().toString();
      try (Connection c = server.db.connect(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(*) FROM epr_outbox")) {
        rs.next();
        if (rs.getLong(1) == 0 && now.equals(previous)) {
          return;
        }
      }
      previous = now;
      Thread.sleep(200);
    }
    throw new AssertionError("the outbox did not drain");
  }

  // ================================================================== bodies

  private static ObjectNode receiver(String schema) {
    return Http.JSON.createObjectNode().put("name", "battery").put("type", "battery.test").put("version", "1")
        .put("description", "d").set("schema", Http.parse(schema));
  }

  private static ObjectNode event(String receiverId) {
    ObjectNode e = Http.JSON.createObjectNode().put("name", "battery").put("version", "1.0.0").put("release", "r1")
        .put("platform_id", "linux").put("package", "maven").put("description", "d");
    e.set("payload", Http.JSON.createObjectNode());
    return e.put("success", true).put("event_receiver_id", receiverId);
  }

  private static ObjectNode group() {
    ObjectNode g = Http.JSON.createObjectNode().put("name", "gate").put("type", "battery.gate").put("version", "1")
        .put("description", "d").put("enabled", true);
    g.putArray("event_receiver_ids").add(anyRid);
    return g;
  }

  /** {@code body} with {@code field} set to the raw JSON text {@code value} (which may not parse). */
  private static byte[] withRaw(ObjectNode body, String field, String value) {
    ObjectNode copy = body.deepCopy();
    copy.put(field, "§RAW§");
    return copy.toString().replace("\"§RAW§\"", value).getBytes(UTF_8);
  }

  private static byte[] without(ObjectNode body, String field) {
    ObjectNode copy = body.deepCopy();
    copy.remove(field);
    return bytes(copy);
  }

  private static byte[] bytes(JsonNode json) {
    return json.toString().getBytes(UTF_8);
  }

  /** {@code text} in UTF-8, its § replaced by {@code bad}. */
  private static byte[] splice(String text, byte[] bad) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String[] parts = text.split("§", -1);
    for (int i = 0; i < parts.length; i++) {
      out.writeBytes(parts[i].getBytes(UTF_8));
      if (i < parts.length - 1) {
        out.writeBytes(bad);
      }
    }
    return out.toByteArray();
  }

  private static byte[] bom(String component) {
    return ("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"version\":1,\"components\":[" + component + "]}")
        .getBytes(UTF_8);
  }

  private static String xmlBom(String components) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\" "
        + "version=\"1\"><components>" + components + "</components></bom>";
  }

  private static String graphqlBody(String query, String variablesJson) {
    return "{\"query\":\"" + query + "\"" + (variablesJson == null ? "" : ",\"variables\":" + variablesJson) + "}";
  }

  private static String mcpCall(String tool, String argumentsJson) {
    return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
        + "\",\"arguments\":" + argumentsJson + "}}";
  }

  private static String randomLetters(int count) {
    java.util.Random random = new java.util.Random(count);
    StringBuilder b = new StringBuilder(count);
    for (int i = 0; i < count; i++) {
      b.append((char) ('a' + random.nextInt(26)));
    }
    return b.toString();
  }

  private static String pathSegment(String text) {
    return URLEncoder.encode(text, UTF_8).replace("+", "%20");
  }

  private static String query(String text) {
    return URLEncoder.encode(text, UTF_8);
  }

  private static String cut(String text, int length) {
    return text.length() <= length ? text : text.substring(0, length) + "…";
  }

  // ================================================================== case builders

  private static Case json(String family, String name, Target t, String body) {
    return new Case(family, t.name() + " " + name, t.method(), t.path(), Map.of("Content-Type", "application/json"),
        body.getBytes(UTF_8), false, t.kind(), false);
  }

  private static Case rest(String family, String name, String method, String path, byte[] body) {
    return new Case(family, name, method, path,
        body == null ? Map.of() : Map.of("Content-Type", "application/json"), body, false, Kind.REST, false);
  }

  private static Case graphql(String family, String name, String query, String variablesJson, boolean search) {
    return graphql(family, name, query, variablesJson, search, null);
  }

  private static Case graphql(String family, String name, String query, String variablesJson, boolean search,
      String operationName) {
    // written out, not built as a tree: the variables may nest deeper than any parser takes
    String body = "{\"query\":" + TextNode.valueOf(query) + (variablesJson == null ? "" : ",\"variables\":"
        + variablesJson) + (operationName == null ? "" : ",\"operationName\":" + TextNode.valueOf(operationName))
        + "}";
    return new Case(family, name, "POST", "/api/v1/graphql/query", Map.of("Content-Type", "application/json"),
        body.getBytes(UTF_8), false, Kind.GRAPHQL, search);
  }

  private static Case mcpCase(String family, String name, String body) {
    return new Case(family, name, "POST", "/api/v1/mcp", Map.of("Content-Type", "application/json"),
        body.getBytes(UTF_8), false, Kind.MCP, false);
  }
}
