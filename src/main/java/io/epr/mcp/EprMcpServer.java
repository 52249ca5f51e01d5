package io.epr.mcp;

import io.epr.client.EprClient;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpStatelessAsyncServer;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * The EPR's MCP server: the tools, resources and prompts, served either over a session transport (stdio) or a
 * stateless one (streamable HTTP on the service). Everything is asynchronous, so neither transport blocks a thread.
 */
public final class EprMcpServer {
  static final String NAME = "epr";
  static final String VERSION = "0.1.0";
  private static final String INSTRUCTIONS = "Tools of an Event Provenance Registry (EPR): it records what happened to "
      + "build artifacts, identified by name, version, release, platform_id and package (the NVRPP), as events on "
      + "typed receivers, and stores their CycloneDX SBOMs.";

  private final List<EprTool> tools;
  private final List<EprResources.EprResource> resources;
  private final List<EprPrompts.EprPrompt> prompts = EprPrompts.all();

  public EprMcpServer(EprClient epr) {
    this.tools = new ArrayList<>(WorkshopTools.all(epr));
    this.tools.addAll(ProvenanceTools.all(epr));
    this.resources = EprResources.all(epr);
  }

  /** Serves one client over a session transport such as stdio. */
  public McpAsyncServer serve(McpServerTransportProvider transport) {
    return McpServer.async(transport)
        .serverInfo(NAME, VERSION)
        .instructions(INSTRUCTIONS)
        .jsonMapper(McpJson.MAPPER)
        .capabilities(capabilities())
        // the tools check their own input, with messages that name the argument
        .validateToolInputs(false)
        .tools(tools.stream().map(t -> new McpServerFeatures.AsyncToolSpecification(t.tool(),
            (exchange, request) -> t.call(request.arguments()))).toList())
        .resources(resources.stream().map(r -> new McpServerFeatures.AsyncResourceSpecification(r.resource(),
            (exchange, request) -> r.read())).toList())
        .prompts(prompts.stream().map(p -> new McpServerFeatures.AsyncPromptSpecification(p.prompt(),
            (exchange, request) -> Mono.fromCallable(() -> p.get(request.arguments()))))
            .toList())
        .build();
  }

  /** Serves every request on its own, as the stateless streamable-HTTP transport needs. */
  public McpStatelessAsyncServer serve(McpStatelessServerTransport transport) {
    return McpServer.async(transport)
        .serverInfo(NAME, VERSION)
        .instructions(INSTRUCTIONS)
        .jsonMapper(McpJson.MAPPER)
        .capabilities(capabilities())
        .validateToolInputs(false)
        .tools(tools.stream().map(t -> new McpStatelessServerFeatures.AsyncToolSpecification(t.tool(),
            (context, request) -> t.call(request.arguments()))).toList())
        .resources(resources.stream().map(r -> new McpStatelessServerFeatures.AsyncResourceSpecification(r.resource(),
            (context, request) -> r.read())).toList())
        .prompts(prompts.stream().map(p -> new McpStatelessServerFeatures.AsyncPromptSpecification(p.prompt(),
            (context, request) -> Mono.fromCallable(() -> p.get(request.arguments()))))
            .toList())
        .build();
  }

  private static ServerCapabilities capabilities() {
    return ServerCapabilities.builder().tools(false).resources(false, false).prompts(false).build();
  }
}
