package io.epr.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.epr.client.EprClient;
import io.epr.support.Http;
import io.epr.support.TestBroker;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The SDK's streamable-HTTP client against POST /api/v1/mcp, mounted on a router of the test's own. */
class McpHttpRouteTest extends McpClientScenarios {
  private Vertx vertx;
  private Http mcpHttp;

  @Override
  McpSyncClient connect(String eprUrl) throws Exception {
    vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    McpHttpRoute.mount(vertx, router, new EprClient(eprUrl, null));
    int port = TestBroker.freePort();
    HttpServer http = vertx.createHttpServer().requestHandler(router).listen(port, "127.0.0.1")
        .toCompletionStage().toCompletableFuture().get();
    String base = "http://127.0.0.1:" + http.actualPort();
    mcpHttp = new Http(base);
    McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder(base)
        .endpoint(McpHttpRoute.PATH).jsonMapper(McpJson.MAPPER).build())
        .requestTimeout(Duration.ofSeconds(30)).build();
    client.initialize();
    return client;
  }

  @AfterAll
  void stopVertx() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get();
  }

  @Test
  void plainHttp() {
    assertEquals(405, mcpHttp.get(McpHttpRoute.PATH).status());
    assertEquals(202, mcpHttp.post(McpHttpRoute.PATH,
        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").status());
    Http.Response bad = mcpHttp.post(McpHttpRoute.PATH, "not json");
    assertEquals(400, bad.status());
    assertEquals(-32700, bad.json().get("error").get("code").asInt());
    Http.Response list = mcpHttp.request("POST", McpHttpRoute.PATH, Map.of());
    assertEquals(400, list.status());
    Http.Response tools = mcpHttp.post(McpHttpRoute.PATH, "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/list\"}");
    assertEquals(200, tools.status());
    assertEquals("application/json", tools.headers().firstValue("Content-Type").orElse(""));
    assertEquals(12, tools.json().get("result").get("tools").size());
    assertEquals(7, tools.json().get("id").asInt());
  }
}
