package io.epr.mcp;

import io.epr.client.EprClient;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpStatelessAsyncServer;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import java.util.List;
import java.util.stream.Stream;
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

  /** Where a stateless transport puts the bearer token its caller sent, for the tools to call the EPR with. */
  static final String CALLER_TOKEN = "epr.caller-token";

  private final EprClient epr;
  private final List<EprTool> tools = Stream.concat(WorkshopTools.all().stream(), ProvenanceTools.all().stream())
      .toList();
  private final List<EprResources.EprResource> resources = EprResources.all();
  private final List<EprPrompts.EprPrompt> prompts = EprPrompts.all();

  public EprMcpServer(EprClient epr) {
    this.epr = epr;
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
            (exchange, request) -> t.call(epr, request.arguments()))).toList())
        .resources(resources.stream().map(r -> new McpServerFeatures.AsyncResourceSpecification(r.resource(),
            (exchange, request) -> r.read(epr))).toList())
        .prompts(prompts.stream().map(p -> new McpServerFeatures.AsyncPromptSpecification(p.prompt(),
            (exchange, request) -> Mono.fromCallable(() -> p.get(request.arguments()))))
            .toList())
        .build();
  }

  /**
   * Serves every request on its own, as the stateless streamable-HTTP transport needs. The tools call the EPR with
   * the caller's token, so each is allowed what the caller is allowed.
   */
  public McpStatelessAsyncServer serve(McpStatelessServerTransport transport) {
    return McpServer.async(transport)
        .serverInfo(NAME, VERSION)
        .instructions(INSTRUCTIONS)
        .jsonMapper(McpJson.MAPPER)
        .capabilities(capabilities())
        .validateToolInputs(false)
        .tools(tools.stream().map(t -> new McpStatelessServerFeatures.AsyncToolSpecification(t.tool(),
            (context, request) -> t.call(asCaller(context), request.arguments()))).toList())
        .resources(resources.stream().map(r -> new McpStatelessServerFeatures.AsyncResourceSpecification(r.resource(),
            (context, request) -> r.read(asCaller(context)))).toList())
        .prompts(prompts.stream().map(p -> new McpStatelessServerFeatures.AsyncPromptSpecification(p.prompt(),
            (context, request) -> Mono.fromCallable(() -> p.get(request.arguments()))))
            .toList())
        .build();
  }

  private EprClient asCaller(McpTransportContext context) {
    return epr.withToken((String) context.get(CALLER_TOKEN));
  }

  private static ServerCapabilities capabilities() {
    return ServerCapabilities.builder().tools(false).resources(false, false).prompts(false).build();
  }
}
