package io.epr.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.epr.api.http.BodyWork;
import io.epr.api.http.RequestTimeouts;
import io.epr.client.EprClient;
import io.epr.json.JsonLimits;
import io.epr.json.JsonProblems;
import io.epr.json.StrictUtf8;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCNotification;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse.JSONRPCError;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * MCP over stateless streamable HTTP at {@code POST /api/v1/mcp}: each POST carries one JSON-RPC message; a request
 * is answered with its JSON-RPC response as application/json, a notification with 202. There are no sessions and no
 * server-initiated streams, so GET (which would open one) is 405.
 */
public final class McpHttpRoute implements McpStatelessServerTransport {
  public static final String PATH = "/api/v1/mcp";
  private static final Logger LOG = LoggerFactory.getLogger(McpHttpRoute.class);
  private static final long MAX_BODY = 128L * 1024 * 1024;
  private static final String BEARER = "Bearer ";

  private McpStatelessServerHandler handler;

  private McpHttpRoute() {}

  /**
   * Serves the MCP tools of the EPR that {@code epr} calls (normally this server itself) on {@code router}; a
   * request's bearer token goes with the calls its tools make.
   */
  public static void mount(Vertx vertx, Router router, EprClient epr) {
    McpHttpRoute route = new McpHttpRoute();
    new EprMcpServer(epr).serve(route);
    // a body handler already on the router (the service's) makes this one step aside
    router.post(PATH).handler(BodyHandler.create(false).setBodyLimit(MAX_BODY)).handler(route::post);
    router.route(PATH).handler(ctx -> ctx.response().setStatusCode(405).putHeader("Allow", "POST").end());
  }

  @Override
  public void setMcpHandler(McpStatelessServerHandler handler) {
    this.handler = handler;
  }

  @Override
  public Mono<Void> closeGracefully() {
    return Mono.empty();
  }

  /**
   * A message larger than {@link JsonLimits#DECODED_ON_EVENT_LOOP} is decoded, and its handling started (the SDK
   * converts a tool's arguments as it takes the request), on a worker thread.
   */
  private void post(RoutingContext ctx) {
    RequestTimeouts.beyondCancellation(ctx); // the tools call the API in requests of their own
    byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    Context context = Vertx.currentContext();
    BodyWork.on(ctx, body.length, () -> {
      handle(ctx, context, body);
      return null;
    }).onFailure(ctx::fail);
  }

  /** Decodes one JSON-RPC message and handles it; its answer is sent on {@code context}. */
  private void handle(RoutingContext ctx, Context context, byte[] body) {
    JSONRPCMessage message;
    try {
      String notUtf8 = StrictUtf8.problem(body);
      if (notUtf8 != null) {
        throw new IllegalArgumentException(notUtf8);
      }
      message = McpSchema.deserializeJsonRpcMessage(McpJson.MAPPER, new String(body, StandardCharsets.UTF_8));
    } catch (IOException | IllegalArgumentException | NullPointerException e) {
      // the SDK's JSONRPCResponse refuses the null id that JSON-RPC prescribes for a parse error
      ObjectNode error = EprClient.JSON.createObjectNode().put("code", McpSchema.ErrorCodes.PARSE_ERROR)
          .put("message", "not a JSON-RPC message: " + (e instanceof IOException ? JsonProblems.describe(e)
              : e.getMessage()));
      ObjectNode response = EprClient.JSON.createObjectNode().put("jsonrpc", McpSchema.JSONRPC_VERSION).putNull("id");
      response.set("error", error);
      context.runOnContext(v -> ctx.response().setStatusCode(400).putHeader("Content-Type", "application/json")
          .end(response.toString()));
      return;
    }
    McpTransportContext transportContext = callerOf(ctx);
    if (message instanceof JSONRPCRequest request) {
      Mono<JSONRPCResponse> handled;
      try {
        handled = handler.handleRequest(transportContext, request);
      } catch (IllegalArgumentException invalidParams) { // the SDK reads a request's params as it takes it
        handled = Mono.error(invalidParams);
      }
      handled.subscribe(
          response -> context.runOnContext(v -> respond(ctx, 200, response)),
          error -> context.runOnContext(v -> failed(ctx, request.id(), error)));
    } else if (message instanceof JSONRPCNotification notification) {
      handler.handleNotification(transportContext, notification).subscribe(
          done -> { },
          error -> context.runOnContext(v -> {
            LOG.warn("MCP notification {} failed: {}", notification.method(), error.getMessage());
            accepted(ctx);
          }),
          () -> context.runOnContext(v -> accepted(ctx)));
    } else {
      // a response to a server request; a stateless server sends none, so there is nothing to match it with
      context.runOnContext(v -> ctx.response().setStatusCode(202).end());
    }
  }

  /** A request that failed: its params are not what its method takes (400), or the server failed (500). */
  private static void failed(RoutingContext ctx, Object id, Throwable error) {
    boolean invalidParams = error instanceof IllegalArgumentException;
    respond(ctx, invalidParams ? 400 : 500, JSONRPCResponse.error(id, new JSONRPCError(
        invalidParams ? McpSchema.ErrorCodes.INVALID_PARAMS : McpSchema.ErrorCodes.INTERNAL_ERROR,
        String.valueOf(error.getMessage()))));
  }

  private static void accepted(RoutingContext ctx) {
    if (!RequestTimeouts.answered(ctx)) {
      ctx.response().setStatusCode(202).end();
    }
  }

  private static McpTransportContext callerOf(RoutingContext ctx) {
    String authorization = ctx.request().getHeader("Authorization");
    if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return McpTransportContext.EMPTY;
    }
    return McpTransportContext.create(Map.of(EprMcpServer.CALLER_TOKEN,
        authorization.substring(BEARER.length()).trim()));
  }

  private static void respond(RoutingContext ctx, int status, JSONRPCResponse response) {
    if (RequestTimeouts.answered(ctx)) {
      return;
    }
    String body;
    try {
      body = McpJson.MAPPER.writeValueAsString(response);
    } catch (IOException e) {
      ctx.fail(e);
      return;
    }
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
  }
}
