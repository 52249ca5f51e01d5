package io.epr.mcp;

import io.epr.client.EprClient;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;

/** The SDK's JSON mapper, on this project's Jackson 2. */
final class McpJson {
  static final McpJsonMapper MAPPER = new JacksonMcpJsonMapper(EprClient.JSON);

  private McpJson() {}
}
