package io.epr.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.epr.support.Bodies;
import io.epr.support.Http;
import io.epr.support.SbomGenerator;
import io.epr.support.ServerTest;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.GetPromptRequest;
import io.modelcontextprotocol.spec.McpSchema.GetPromptResult;
import io.modelcontextprotocol.spec.McpSchema.Prompt;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest;
import io.modelcontextprotocol.spec.McpSchema.Resource;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** What an MCP host sees, through a real MCP client over one transport, against the running service. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class McpClientScenarios extends ServerTest {
  static final Set<String> TOOLS = Set.of("fetch_event", "fetch_receiver", "fetch_group", "search_events",
      "search_receivers", "search_groups", "create_event", "create_receiver", "create_group", "provenance",
      "find_component", "post_sbom");
  private static final Pattern CREATED_ID = Pattern.compile("\\{\"data\":\"([0-9A-Z]{26})\"}");
  private static final Map<String, Object> NVRPP = Map.of("name", "mcp-app", "version", "1.0.1", "release", "r7",
      "platform_id", "linux-x64", "package", "generic");

  McpSyncClient client;
  String receiverId;
  String eventId;

  /** A connected, initialized client of the MCP server, which serves the EPR at {@code eprUrl}. */
  abstract McpSyncClient connect(String eprUrl) throws Exception;

  @BeforeAll
  void connectAndCreate() throws Exception {
    client = connect("http://127.0.0.1:" + server.port);
    receiverId = createdId(call("create_receiver", Map.of("receiver_data",
        Bodies.receiver("mcp-receiver", "mcp.test.step"))));
    ObjectNode event = Bodies.event(receiverId, "mcp-app", "r7");
    event.setAll((ObjectNode) Http.JSON.valueToTree(NVRPP));
    event.put("description", "built through MCP").putObject("payload").put("step", 1);
    eventId = createdId(call("create_event", Map.of("event_data", event)));
  }

  @AfterAll
  void disconnect() {
    if (client != null) {
      client.closeGracefully();
    }
  }

  @Test
  void listsTheTwelveTools() {
    Set<String> names = client.listTools().tools().stream().map(Tool::name).collect(Collectors.toSet());
    assertEquals(TOOLS, names);
    client.listTools().tools().forEach(tool -> assertEquals("object", tool.inputSchema().get("type"), tool.name()));
  }

  @Test
  void createReportsSuccessOnEprs200() {
    CallToolResult created = call("create_group", Map.of("group_data", Bodies.group("mcp-gate", receiverId)));
    assertFalse(created.isError(), text(created));
    assertTrue(text(created).startsWith("Group created successfully: {\"data\":\""), text(created));
    assertFalse(text(created).contains("Failed"));
    assertTrue(text(call("fetch_group", Map.of("id", createdId(created)))).contains("\"name\":\"mcp-gate\""));
  }

  @Test
  void fetchEventReturnsTheEprsJson() {
    CallToolResult fetched = call("fetch_event", Map.of("id", eventId));
    assertFalse(fetched.isError());
    String json = text(fetched);
    assertTrue(json.contains("\"data\":[{"), json);
    JsonNode event = Http.parse(json).get("data").get(0);
    assertEquals(eventId, event.get("id").asText());
    assertEquals("built through MCP", event.get("description").asText());
    assertTrue(text(call("fetch_receiver", Map.of("id", receiverId))).contains("\"name\":\"mcp-receiver\""));
  }

  @Test
  void searchIgnoresUnknownKeys() {
    CallToolResult found = call("search_events", Map.of("data", Map.of("name", "mcp-app", "version", "1.0.1",
        "release", "r7", "bogus", "x")));
    assertFalse(found.isError(), text(found));
    JsonNode events = Http.parse(text(found)).get("data").get("events");
    assertEquals(1, events.size());
    assertEquals(eventId, events.get(0).get("id").asText());
    CallToolResult receivers = call("search_receivers", Map.of("data", Map.of("type", "mcp.test.step", "bogus", 1)));
    assertTrue(text(receivers).contains(receiverId), text(receivers));
    assertFalse(call("search_groups", Map.of("data", Map.of())).isError());
  }

  @Test
  void provenanceOfTheArtifact() {
    CallToolResult provenance = call("provenance", NVRPP);
    assertFalse(provenance.isError(), text(provenance));
    JsonNode events = Http.parse(text(provenance)).get("data").get("provenance").get("events");
    assertEquals(eventId, events.get(0).get("id").asText());
    assertEquals("mcp.test.step", events.get(0).get("event_receiver").get("type").asText());
  }

  @Test
  void findComponentAfterPostSbom() {
    Map<String, Object> sbom = new HashMap<>(NVRPP);
    sbom.put("release", "r8");
    sbom.put("sbom", new String(SbomGenerator.json("1.5", 3, "pkg:generic/mcp-app@1.0.1"), StandardCharsets.UTF_8));
    CallToolResult posted = call("post_sbom", sbom);
    assertFalse(posted.isError(), text(posted));
    String sbomId = createdId(posted);

    CallToolResult found = call("find_component", Map.of("name", "component-1"));
    assertFalse(found.isError(), text(found));
    JsonNode uses = Http.parse(text(found)).get("data").get("components");
    assertEquals(1, uses.size(), text(found));
    assertEquals(sbomId, uses.get(0).get("sbom_id").asText());
    assertEquals("r8", uses.get(0).get("release").asText());
  }

  @Test
  void postSbomTakesTheDocumentAsAnObject() {
    Map<String, Object> sbom = new HashMap<>(NVRPP);
    sbom.put("release", "r9");
    sbom.put("sbom", Http.JSON.convertValue(Http.parse(new String(SbomGenerator.json("1.6", 1, null),
        StandardCharsets.UTF_8)), Map.class));
    CallToolResult posted = call("post_sbom", sbom);
    assertFalse(posted.isError(), text(posted));
    assertTrue(text(call("provenance", Map.of("name", "mcp-app", "version", "1.0.1", "release", "r9",
        "platform_id", "linux-x64", "package", "generic"))).contains(createdId(posted)));
  }

  @Test
  void invalidInputIsAToolError() {
    assertToolError(call("fetch_event", Map.of()), "invalid input: 'id' is required (a string)");
    assertToolError(call("fetch_event", Map.of("id", 42)), "invalid input: 'id' must be a string, not a number");
    assertToolError(call("search_events", Map.of("data", "name=foo")),
        "invalid input: 'data' must be an object, not a string");
    assertToolError(call("provenance", Map.of("name", "x")), "invalid input: 'version' is required (a string)");
    assertToolError(call("find_component", Map.of()), "invalid input: give 'purl' or 'name'");
    assertToolError(call("post_sbom", NVRPP), "invalid input: 'sbom' is required");
  }

  @Test
  void eprErrorsAreToolErrorsWithTheirText() {
    assertToolError(call("create_event", Map.of("event_data", Map.of("name", "x"))),
        "Failed to create event: HTTP 400: invalid input: ");
    assertToolError(call("fetch_event", Map.of("id", "01ARZ3NDEKTSV4RRFFQ69G5FAV")),
        "HTTP 404: object not found: event with id 01ARZ3NDEKTSV4RRFFQ69G5FAV not found");
    Map<String, Object> badSbom = new HashMap<>(NVRPP);
    badSbom.put("sbom", "{\"bomFormat\":\"nope\"}");
    assertToolError(call("post_sbom", badSbom), "Failed to create sbom: HTTP 400: invalid input: ");
  }

  @Test
  void resources() {
    Set<String> uris = client.listResources().resources().stream().map(Resource::uri).collect(Collectors.toSet());
    assertEquals(Set.of("epr://receivers", "epr://events/recent"), uris);
    TextResourceContents receivers = (TextResourceContents) client.readResource(
        new ReadResourceRequest("epr://receivers")).contents().get(0);
    assertEquals("application/json", receivers.mimeType());
    assertTrue(Http.parse(receivers.text()).isArray());
    assertTrue(receivers.text().contains(receiverId), receivers.text());
    TextResourceContents recent = (TextResourceContents) client.readResource(
        new ReadResourceRequest("epr://events/recent")).contents().get(0);
    assertTrue(recent.text().contains(eventId), recent.text());
  }

  @Test
  void prompts() {
    Set<String> names = client.listPrompts().prompts().stream().map(Prompt::name).collect(Collectors.toSet());
    assertEquals(Set.of("summarize_provenance", "find_affected_artifacts"), names);
    GetPromptResult summary = client.getPrompt(new GetPromptRequest("summarize_provenance", NVRPP));
    String message = ((TextContent) summary.messages().get(0).content()).text();
    assertTrue(message.contains("provenance tool") && message.contains("release=r7"), message);
    GetPromptResult affected = client.getPrompt(new GetPromptRequest("find_affected_artifacts",
        Map.of("purl", "pkg:maven/org.example.group1/component-1")));
    assertTrue(((TextContent) affected.messages().get(0).content()).text().contains("find_component"));
  }

  CallToolResult call(String tool, Map<String, Object> arguments) {
    return client.callTool(new CallToolRequest(tool, arguments));
  }

  static String text(CallToolResult result) {
    return ((TextContent) result.content().get(0)).text();
  }

  static String createdId(CallToolResult result) {
    assertFalse(result.isError(), text(result));
    Matcher m = CREATED_ID.matcher(text(result));
    assertTrue(m.find(), text(result));
    return m.group(1);
  }

  static void assertToolError(CallToolResult result, String expectedStart) {
    assertTrue(result.isError(), text(result));
    assertTrue(text(result).startsWith(expectedStart), text(result));
  }
}
