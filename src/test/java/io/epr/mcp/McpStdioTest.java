package io.epr.mcp;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import java.nio.file.Path;
import java.time.Duration;

/** {@code epr mcp} as a host runs it: a subprocess speaking JSON-RPC on stdin/stdout, configured by EPR_URL. */
class McpStdioTest extends McpClientScenarios {

  @Override
  McpSyncClient connect(String eprUrl) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ServerParameters command = ServerParameters.builder(java)
        .args("-cp", System.getProperty("java.class.path"), "io.epr.Main", "mcp")
        .addEnvVar("EPR_URL", eprUrl)
        .build();
    McpSyncClient client = McpClient.sync(new StdioClientTransport(command, McpJson.MAPPER))
        .requestTimeout(Duration.ofSeconds(30)).initializationTimeout(Duration.ofSeconds(60)).build();
    client.initialize();
    return client;
  }
}
