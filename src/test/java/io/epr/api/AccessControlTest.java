package io.epr.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.epr.api.http.Role;
import io.epr.api.rest.StoreSnapshot;
import io.epr.support.Bodies;
import io.epr.support.EprTestServer;
import io.epr.support.Http;
import io.epr.support.Http.Response;
import io.epr.support.LiveStream;
import io.epr.support.SbomGenerator;
import io.epr.support.TestBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** EPR_API_TOKENS against the running service: every /api route family and /metrics, without and with each role. */
class AccessControlTest {
  static final String READ = "read-" + UUID.randomUUID();
  static final String WRITE = "write-" + UUID.randomUUID();
  static final String ADMIN = "admin-" + UUID.randomUUID();
  static final String WRONG = "wrong-" + UUID.randomUUID();
  static final Map<Role, String> TOKENS = Map.of(Role.READ, READ, Role.WRITE, WRITE, Role.ADMIN, ADMIN);
  static final long DEAD_LETTER = 424242;
  static final String NVRPP = "name=app&version=1&release=r1&platform_id=linux&package=oci";

  static final ListAppender<ILoggingEvent> LOGS = new ListAppender<>();
  static Level eprLevel;
  static EprTestServer server;
  static Http anonymous;
  static String receiverId;
  static String eventId;
  static String groupId;
  static String sbomId;

  /** One request of a route family and the role it needs; {@code allowed} is its status once let in. */
  record Call(String method, String path, String body, Role needs, int allowed) {
    Response by(Http http) {
      return http.send(method, path, body);
    }

    @Override
    public String toString() {
      return method + " " + path + (body == null ? "" : " " + body.substring(0, Math.min(60, body.length())));
    }
  }

  @BeforeAll
  static void start() throws SQLException {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    LOGS.start();
    root.addAppender(LOGS);
    Logger epr = (Logger) LoggerFactory.getLogger("io.epr");
    eprLevel = epr.getLevel();
    epr.setLevel(Level.DEBUG);
    server = new EprTestServer(TestBroker.sharedBootstrap(),
        Map.of("EPR_API_TOKENS", "read:" + READ + ", write:" + WRITE + " ,admin: " + ADMIN,
            "EPR_CORS_ORIGINS", "https://ui.example.com"));
    anonymous = server.http;
    Http admin = anonymous.withToken(ADMIN);
    receiverId = admin.post("/api/v1/receivers", receiver("fixture")).id();
    eventId = admin.post("/api/v1/events", event()).id();
    groupId = admin.post("/api/v1/groups", Bodies.group("g", receiverId)).id();
    sbomId = admin.post("/api/v1/sboms?" + NVRPP, sbom()).id();
    try (Connection c = server.db.connect(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO epr_dead_letters (id, record_id, sink, topic, payload, attempts, reason, created_at) "
          + "VALUES (" + DEAD_LETTER + ", 'r-1', 'kafka', '" + server.topic + "', '{}', 1, 'test', now())");
    }
  }

  @AfterAll
  static void stop() {
    server.close();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(LOGS);
    ((Logger) LoggerFactory.getLogger("io.epr")).setLevel(eprLevel);
  }

  static String receiver(String name) {
    return Bodies.receiver(name, "t").toString();
  }

  static String event() {
    return Bodies.event(receiverId, "app", "r1").toString();
  }

  static String sbom() {
    return new String(SbomGenerator.json("1.6", 2, null), StandardCharsets.UTF_8);
  }

  static String graphql(String query) {
    return Http.JSON.createObjectNode().put("query", query).toString();
  }

  /** Every route family, as a client calls it. */
  static List<Call> calls() {
    return List.of(
        new Call("POST", "/api/v1/receivers", receiver("r"), Role.WRITE, 200),
        new Call("POST", "/api/v1/receivers/check", receiver("r"), Role.WRITE, 200),
        new Call("GET", "/api/v1/receivers/" + receiverId, null, Role.READ, 200),
        new Call("HEAD", "/api/v1/receivers/" + receiverId, null, Role.READ, 200),
        new Call("POST", "/api/v1/events", event(), Role.WRITE, 200),
        new Call("GET", "/api/v1/events/" + eventId, null, Role.READ, 200),
        new Call("DELETE", "/api/v1/events/" + eventId, null, Role.WRITE, 405),
        new Call("POST", "/api/v1/groups", Bodies.group("g2", receiverId).toString(), Role.WRITE, 200),
        new Call("GET", "/api/v1/groups/" + groupId, null, Role.READ, 200),
        new Call("PATCH", "/api/v1/groups/" + groupId, "{\"enabled\":false}", Role.WRITE, 200),
        new Call("PUT", "/api/v1/groups/" + groupId, "{}", Role.WRITE, 405),
        new Call("POST", "/api/v1/sboms?" + NVRPP.replace("r1", "r2"), sbom(), Role.WRITE, 200),
        new Call("GET", "/api/v1/sboms/" + sbomId, null, Role.READ, 200),
        new Call("GET", "/api/v1/dead-letters", null, Role.READ, 200),
        new Call("POST", "/api/v1/dead-letters/" + DEAD_LETTER + "/retry", null, Role.ADMIN, 200),
        new Call("POST", "/api/v1/dead-letters/retry", null, Role.ADMIN, 200),
        new Call("POST", "/api/v1/graphql/query", graphql("{ events_by_id(id: \"" + eventId + "\") { id } }"),
            Role.READ, 200),
        new Call("POST", "/api/v1/graphql/query", graphql("{ dead_letters { id } }"), Role.READ, 200),
        new Call("POST", "/api/v1/graphql/query", graphql("mutation { set_event_receiver_group_enabled(id: \""
            + groupId + "\") }"), Role.WRITE, 200),
        new Call("POST", "/api/v1/graphql/query", graphql("mutation { retry_dead_letters }"), Role.ADMIN, 200),
        new Call("POST", "/api/v1/mcp", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}", Role.READ, 200),
        new Call("GET", "/api/v1/whoami", null, Role.READ, 200),
        new Call("GET", "/metrics", null, Role.READ, 200),
        new Call("GET", "/api/v1/nope", null, Role.READ, 404));
  }

  /** The request as a 403 names it. */
  static String action(Call call) {
    if (!call.path().equals("/api/v1/graphql/query")) {
      return call.method() + " " + call.path().replaceFirst("\\?.*", "");
    }
    return call.body().contains("retry_dead_letters") ? "the GraphQL mutation retry_dead_letters"
        : call.body().contains("mutation") ? "a GraphQL mutation" : "a GraphQL query";
  }

  static Map<String, Long> rows(String... tables) {
    Map<String, Long> rows = new LinkedHashMap<>();
    for (String table : tables) {
      rows.put(table, StoreSnapshot.count(server, table));
    }
    return rows;
  }

  static void assertEnvelope(Response r, int status, String message, String where) {
    assertEquals(status, r.status(), where + ": " + r.body());
    assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""), where);
    if (!where.startsWith("HEAD")) {
      JsonNode body = r.json();
      assertTrue(body.get("data").isNull(), where);
      assertEquals(1, body.get("errors").size(), where);
      assertEquals(message, body.get("errors").get(0).asText(), where);
    }
  }

  @Test
  void refusedRequestsAre401Or403AndChangeNothing() {
    StoreSnapshot before = StoreSnapshot.take(server);
    Map<String, Long> rowsBefore = rows("epr_sboms", "epr_dead_letters");
    for (Call call : calls()) {
      String where = call.toString();
      Response none = call.by(anonymous);
      assertEnvelope(none, 401, "missing bearer token: send Authorization: Bearer <token> (access control is on: "
          + "EPR_API_TOKENS)", where);
      assertEquals("Bearer", none.headers().firstValue("WWW-Authenticate").orElse(""), where);

      Response wrong = call.by(anonymous.withToken(WRONG));
      assertEnvelope(wrong, 401, "unknown bearer token: it is none of the tokens in EPR_API_TOKENS; check the token "
          + "sent (EPR_TOKEN or --token for the epr clients)", where);
      assertEquals("Bearer error=\"invalid_token\"", wrong.headers().firstValue("WWW-Authenticate").orElse(""), where);

      for (Role role : Role.values()) {
        if (!role.covers(call.needs())) {
          assertEnvelope(call.by(anonymous.withToken(TOKENS.get(role))), 403,
              "this token has role " + role + "; " + action(call) + " needs " + call.needs(), where);
        }
      }
    }
    before.assertUnchanged();
    assertEquals(rowsBefore, rows("epr_sboms", "epr_dead_letters"));
  }

  @Test
  void eachRoleIsLetInWhereItIsEnough() {
    List<String> wrong = new ArrayList<>();
    for (Call call : calls()) {
      for (Role role : Role.values()) {
        if (role.covers(call.needs())) {
          Response r = call.by(anonymous.withToken(TOKENS.get(role)));
          if (r.status() != call.allowed()) {
            wrong.add(role + " " + call + " -> " + r.status() + " " + r.body());
          }
        }
      }
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  void whoamiSaysTheRoleOfTheTokenSent() {
    for (Role role : Role.values()) {
      Response r = anonymous.withToken(TOKENS.get(role)).get("/api/v1/whoami");
      assertEquals(200, r.status(), r.body());
      assertEquals("{\"data\":{\"access_control\":true,\"role\":\"" + role + "\"}}\n", r.body());
    }
  }

  @Test
  void theLiveStreamNeedsAToken() {
    assertEnvelope(anonymous.get("/api/v1/events/live"), 401, "missing bearer token: send Authorization: Bearer "
        + "<token> (access control is on: EPR_API_TOKENS)", "GET live");
    try (LiveStream stream = LiveStream.open(server.port, READ)) {
      String id = anonymous.withToken(WRITE).post("/api/v1/events", event()).id();
      assertEquals(id, Http.parse(stream.next().data()).get("id").asText());
    }
  }

  @Test
  void healthCorsPreflightAndTheGraphiqlPageStayOpen() {
    for (String path : List.of("/healthz/liveness", "/healthz/readiness", "/healthz/status")) {
      assertEquals(200, anonymous.get(path).status(), path);
    }
    Response preflight = anonymous.request("OPTIONS", "/api/v1/events", Map.of("Origin", "https://ui.example.com",
        "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization,content-type"));
    assertTrue(preflight.status() / 100 == 2, preflight.toString());
    assertTrue(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase()
        .contains("authorization"), preflight.headers().toString());
    Response page = anonymous.get("/api/v1/graphql/");
    assertEquals(200, page.status());
    Matcher script = Pattern.compile("src=\"\\./(static/[^\"]+)\"").matcher(page.body());
    assertTrue(script.find(), page.body());
    assertEquals(200, anonymous.get("/api/v1/" + script.group(1)).status(), script.group(1));
  }

  @Test
  void theBearerSchemeIsCaseInsensitiveAndNothingElseIsAccepted() {
    Response basic = anonymous.request("GET", "/api/v1/events/" + eventId, Map.of("Authorization", "Basic " + READ));
    assertEnvelope(basic, 401, "missing bearer token: the Authorization header must be 'Bearer <token>' (access "
        + "control is on: EPR_API_TOKENS)", "GET basic");
    assertEquals(200, anonymous.request("GET", "/api/v1/events/" + eventId,
        Map.of("Authorization", "bearer  " + READ)).status());
  }

  @Test
  void pathsAreJudgedAsTheRouterSeesThem() {
    Map<String, Long> before = rows("epr_dead_letters");
    for (String path : List.of("/api//v1/dead-letters/retry", "/api/v1/x/../dead-letters/retry",
        "/api/v1/%64ead-letters/retry", "/api/v1/dead-letters/retry/")) {
      assertEnvelope(anonymous.withToken(WRITE).send("POST", path, null), 403,
          "this token has role write; POST /api/v1/dead-letters/retry needs admin", "POST " + path);
    }
    assertEquals(before, rows("epr_dead_letters"));
  }

  @Test
  void graphqlIsJudgedByTheOperationItRuns() {
    Http read = anonymous.withToken(READ);
    Http write = anonymous.withToken(WRITE);
    String both = "query Q { events_by_id(id: \\\"" + eventId + "\\\") { id } } "
        + "mutation M { create_event_receiver(event_receiver: {name: \\\"m\\\", type: \\\"t\\\", version: \\\"1\\\", "
        + "description: \\\"d\\\", schema: \\\"{}\\\"}) }";
    assertEquals(200, read.post("/api/v1/graphql/query", "{\"query\":\"" + both + "\",\"operationName\":\"Q\"}")
        .status());
    assertEnvelope(read.post("/api/v1/graphql/query", "{\"query\":\"" + both + "\",\"operationName\":\"M\"}"), 403,
        "this token has role read; a GraphQL mutation needs write", "POST M");
    String hidden = "mutation { ...F } fragment F on Mutation { again: retry_dead_letters }";
    assertEnvelope(write.post("/api/v1/graphql/query", graphql(hidden)), 403,
        "this token has role write; the GraphQL mutation retry_dead_letters needs admin", "POST fragment");
    Response broken = read.post("/api/v1/graphql/query", graphql("mutation {"));
    assertEquals(200, broken.status(), "GraphQL itself refuses what does not parse");
    assertFalse(broken.json().get("errors").isEmpty());
  }

  @Test
  void tokensNeverReachTheLog() {
    anonymous.withToken(WRONG).get("/api/v1/events/" + eventId);
    anonymous.withToken(READ).post("/api/v1/events", event());
    List<ILoggingEvent> events;
    synchronized (LOGS) {
      events = List.copyOf(LOGS.list);
    }
    List<String> lines = events.stream().map(e -> e.getFormattedMessage()
        + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage())).toList();
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("access control on: /api and /metrics need a bearer token "
        + "(1 read, 1 write, 1 admin tokens from EPR_API_TOKENS)")), String.join("\n", lines));
    for (String token : List.of(READ, WRITE, ADMIN, WRONG)) {
      assertTrue(lines.stream().noneMatch(l -> l.contains(token)), token);
    }
    String config = server.config().toString();
    assertTrue(config.contains("apiTokens=****"), config);
    assertTrue(List.of(READ, WRITE, ADMIN).stream().noneMatch(config::contains), config);
  }

  @Test
  void theTokenFileWorksWithAndInsteadOfTheList(@TempDir Path dir) throws Exception {
    String fileToken = "from-file-" + UUID.randomUUID();
    Path file = dir.resolve("tokens");
    Files.writeString(file, "# the CI's token\n\nwrite:" + ApiTokens.sha256Hex(fileToken) + "\n");
    try (EprTestServer both = new EprTestServer(TestBroker.sharedBootstrap(),
        Map.of("EPR_API_TOKENS", "read:" + READ, "EPR_API_TOKENS_FILE", file.toString()))) {
      assertEquals(200, both.http.withToken(fileToken).post("/api/v1/receivers", receiver("f")).status());
      assertEnvelope(both.http.withToken(READ).post("/api/v1/receivers", receiver("f")), 403,
          "this token has role read; POST /api/v1/receivers needs write", "POST read");
      assertEnvelope(both.http.withToken(ApiTokens.sha256Hex(fileToken)).get("/metrics"), 401, "unknown bearer token: "
          + "it is none of the tokens in EPR_API_TOKENS and EPR_API_TOKENS_FILE; check the token sent (EPR_TOKEN or "
          + "--token for the epr clients)", "GET hash");
    }
  }
}
