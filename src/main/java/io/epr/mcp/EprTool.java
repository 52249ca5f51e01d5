package io.epr.mcp;

import io.epr.client.EprClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import reactor.core.publisher.Mono;

/** One MCP tool, whichever transport serves it: its description and what a call does with the EPR it is given. */
record EprTool(Tool tool, BiFunction<EprClient, ToolArguments, CompletableFuture<CallToolResult>> action) {

  static EprTool of(String name, String title, String description, String inputSchema,
      BiFunction<EprClient, ToolArguments, CompletableFuture<CallToolResult>> action) {
    Tool tool = Tool.builder().name(name).title(title).description(description)
        .inputSchema(McpJson.MAPPER, inputSchema).build();
    return new EprTool(tool, action);
  }

  /** Bad input and an unreachable EPR become tool errors (isError), which the model can read and act on. */
  Mono<CallToolResult> call(EprClient epr, Map<String, Object> arguments) {
    return Mono.defer(() -> Mono.fromFuture(action.apply(epr, new ToolArguments(arguments))))
        .onErrorResume(InvalidToolInput.class, e -> Mono.just(error("invalid input: " + e.getMessage())))
        .onErrorResume(e -> Mono.just(error("EPR request failed: " + rootMessage(e))));
  }

  static CallToolResult text(String text) {
    return CallToolResult.builder().content(List.of(new TextContent(text)))
        .isError(false).build();
  }

  static CallToolResult error(String text) {
    return CallToolResult.builder().content(List.of(new TextContent(text)))
        .isError(true).build();
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
