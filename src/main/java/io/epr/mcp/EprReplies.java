package io.epr.mcp;

import io.epr.client.EprClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.ArrayList;
import java.util.List;

/** How the EPR's answers become tool results: its JSON on success, its own error text otherwise. */
final class EprReplies {
  private EprReplies() {}

  /** A REST read: the body as it came (the workshop's tools return the raw text). */
  static CallToolResult rest(EprClient.Reply reply) {
    return reply.ok() ? EprTool.text(reply.body()) : EprTool.error(errorText(reply));
  }

  /**
   * A REST create. The Python server reported only 201 as a success, so every create (EPR answers 200) read
   * "Failed to create …"; any 2xx is a success here.
   */
  static CallToolResult created(String what, EprClient.Reply reply) {
    return reply.ok()
        ? EprTool.text(what + " created successfully: " + reply.body())
        : EprTool.error("Failed to create " + what.toLowerCase() + ": " + errorText(reply));
  }

  /** A GraphQL query: the response JSON, unless it carries errors (GraphQL reports them with a 200). */
  static CallToolResult graphql(String what, EprClient.Reply reply) {
    JsonNode json = reply.json();
    boolean failed = !reply.ok() || json == null || json.path("errors").size() > 0;
    return failed ? EprTool.error("Failed to " + what + ": " + errorText(reply)) : EprTool.text(reply.body());
  }

  /** The EPR's error messages ({"errors":["…"]} from REST, {"errors":[{"message":"…"}]} from GraphQL), or the body. */
  static String errorText(EprClient.Reply reply) {
    JsonNode json = reply.json();
    List<String> messages = new ArrayList<>();
    if (json != null) {
      for (JsonNode error : json.path("errors")) {
        messages.add(error.isTextual() ? error.asText() : error.path("message").asText(error.toString()));
      }
    }
    String text = messages.isEmpty() ? reply.body() : String.join("\n", messages);
    return "HTTP " + reply.status() + ": " + text;
  }
}
