package io.epr.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.epr.support.Bodies;
import io.epr.support.EprTestServer;
import io.epr.support.Http;
import io.epr.support.TestBroker;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The jar's clients, run as a user runs them with EPR_TOKEN exported, against a server with EPR_API_TOKENS on. */
class ClientsWithTokensTest {
  static final String READ = "read-" + UUID.randomUUID();
  static final String WRITE = "write-" + UUID.randomUUID();
  static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

  static EprTestServer server;
  static String url;

  record Run(int code, String out, String err) {}

  @BeforeAll
  static void start() {
    server = new EprTestServer(TestBroker.sharedBootstrap(),
        Map.of("EPR_API_TOKENS", "read:" + READ + ",write:" + WRITE));
    url = "http://127.0.0.1:" + server.port;
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static Run epr(String token, String... args) throws IOException, InterruptedException {
    ProcessBuilder command = new ProcessBuilder(JAVA, "-cp", System.getProperty("java.class.path"), "io.epr.Main");
    command.command().addAll(List.of(args));
    command.environment().put("EPR_URL", url);
    command.environment().put("EPR_TOKEN", token);
    Process process = command.start();
    process.getOutputStream().close();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    return new Run(process.exitValue(), out, err);
  }

  @Test
  void theCommandLineSendsEprToken() throws Exception {
    String[] create = {"receiver", "create", "--name", "cli", "--type", "t", "--version", "1", "--description", "d"};
    Run written = epr(WRITE, create);
    assertEquals(0, written.code(), written.err());
    assertEquals(26, Http.parse(written.out()).get("data").asText().length(), written.out());
    Run refused = epr(READ, create);
    assertEquals(1, refused.code(), refused.out());
    assertEquals("epr: 403: this token has role read; POST /api/v1/receivers needs write", refused.err().strip());
  }

  @Test
  void theMcpStdioServerSendsEprToken() {
    ServerParameters command = ServerParameters.builder(JAVA)
        .args("-cp", System.getProperty("java.class.path"), "io.epr.Main", "mcp")
        .addEnvVar("EPR_URL", url)
        .addEnvVar("EPR_TOKEN", READ)
        .build();
    McpSyncClient client = McpClient.sync(new StdioClientTransport(command, McpJson.MAPPER))
        .requestTimeout(Duration.ofSeconds(30)).initializationTimeout(Duration.ofSeconds(60)).build();
    try {
      client.initialize();
      CallToolResult found = client.callTool(new CallToolRequest("search_receivers", Map.of("data", Map.of())));
      assertFalse(found.isError(), text(found));
      CallToolResult refused = client.callTool(new CallToolRequest("create_receiver",
          Map.of("receiver_data", Bodies.receiver("by-token", "t"))));
      assertTrue(refused.isError());
      assertEquals("Failed to create receiver: HTTP 403: this token has role read; POST /api/v1/receivers needs write",
          text(refused));
    } finally {
      client.closeGracefully();
    }
  }

  static String text(CallToolResult result) {
    return ((TextContent) result.content().get(0)).text();
  }
}
