package io.epr.mcp;

import io.epr.client.EprClient;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code epr mcp}: the EPR's MCP tools for a host (Claude Desktop, VS Code, MCP Inspector) over stdio. */
@Command(name = "mcp", mixinStandardHelpOptions = true,
    description = {"Serve the EPR's MCP tools, resources and prompts over stdio (JSON-RPC on stdin/stdout; logs on "
        + "stderr). Runs until stdin closes."})
public final class McpCommand implements Callable<Integer> {
  static final String DEFAULT_URL = "http://localhost:8042";

  @Option(names = "--url", paramLabel = "URL",
      description = "the EPR's base URL (default: $EPR_URL, else " + DEFAULT_URL + ")")
  String url;

  @Option(names = "--token", paramLabel = "TOKEN", description = "sent as Authorization: Bearer (default: $EPR_TOKEN)")
  String token;

  @Override
  public Integer call() throws InterruptedException {
    String baseUrl = firstOf(url, System.getenv("EPR_URL"), DEFAULT_URL);
    EprClient epr = new EprClient(baseUrl, firstOf(token, System.getenv("EPR_TOKEN"), null));
    PrintStream stdout = System.out;
    // stdout carries JSON-RPC only: whatever else would print there (a log appender on System.out) goes to stderr
    System.setOut(System.err);
    CountDownLatch inputEnded = new CountDownLatch(1);
    StdioServerTransportProvider stdio = new StdioServerTransportProvider(McpJson.MAPPER,
        new EndOfInput(System.in, inputEnded::countDown), stdout);
    McpAsyncServer server = new EprMcpServer(epr).serve(stdio);
    inputEnded.await();
    server.closeGracefully().block(Duration.ofSeconds(5));
    return 0;
  }

  private static String firstOf(String... values) {
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return null;
  }
}
