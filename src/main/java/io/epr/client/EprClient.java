package io.epr.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.epr.json.JsonLimits;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The EPR's REST and GraphQL API as its clients in this jar use it (the CLI, the MCP tools, the webhook watcher),
 * with an optional bearer token. Every call is asynchronous, so an MCP tool never holds a thread (an event loop in
 * particular) while the EPR answers; the watcher, on its own thread, waits for the answer.
 */
public final class EprClient {
  /**
   * Also reads the MCP server's requests, so it keeps to the limits of client JSON, and keeps decimals exact: a tool's
   * arguments are passed on to the EPR as they were sent (a double would turn 1e999999 into Infinity).
   */
  public static final ObjectMapper JSON = new ObjectMapper(JsonLimits.factory())
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  /** As long as the EPR gives an upload (EPR_UPLOAD_TIMEOUT's default), and then a little. */
  private static final Duration TIMEOUT = Duration.ofSeconds(310);

  private final HttpClient http;
  private final String baseUrl;
  private final String token;

  /** {@code token}, when not null or blank, is sent as {@code Authorization: Bearer …}. */
  public EprClient(String baseUrl, String token) {
    this(baseUrl.regionMatches(true, 0, "http:", 0, 5) ? withoutTls() : HttpClient.newBuilder(), baseUrl, token);
  }

  /**
   * For an http:// EPR, which is all this client talks to (it follows no redirects): the JDK's default TLS context,
   * which reads every trusted certificate when it is made, would cost a CLI call a quarter of its CPU time for nothing.
   * The context given instead has no implementation, as nothing calls it.
   */
  private static HttpClient.Builder withoutTls() {
    return HttpClient.newBuilder().sslContext(new SSLContext(null, null, "none") {}).sslParameters(new SSLParameters());
  }

  /** Over an HTTP client of the caller's making, e.g. one with its own TLS trust. */
  public EprClient(HttpClient.Builder http, String baseUrl, String token) {
    this(http.connectTimeout(Duration.ofSeconds(10)).build(), baseUrl, token);
  }

  private EprClient(HttpClient http, String baseUrl, String token) {
    this.http = http;
    this.baseUrl = baseUrl.replaceAll("/+$", "");
    this.token = token == null || token.isBlank() ? null : token;
  }

  /** The same EPR, over the same connections, with another token (null: none). */
  public EprClient withToken(String token) {
    return new EprClient(http, baseUrl, token);
  }

  /** The EPR's answer: its status and body as they came. */
  public record Reply(int status, String body) {
    public boolean ok() {
      return status / 100 == 2;
    }

    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        return null;
      }
    }
  }

  public CompletableFuture<Reply> get(String path) {
    return send("GET", path, null, HttpRequest.BodyPublishers.noBody());
  }

  public CompletableFuture<Reply> post(String path, String contentType, String body) {
    return send("POST", path, contentType, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
  }

  /** Any request; {@code contentType} is null for one without a body. */
  public CompletableFuture<Reply> send(String method, String path, String contentType,
      HttpRequest.BodyPublisher body) {
    HttpRequest.Builder request = request(path).method(method, body);
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return send(request);
  }

  public CompletableFuture<Reply> postJson(String path, JsonNode body) {
    return post(path, "application/json", body.toString());
  }

  public CompletableFuture<Reply> graphql(String query, JsonNode variables) {
    ObjectNode body = JSON.createObjectNode().put("query", query);
    body.set("variables", variables);
    return postJson("/api/v1/graphql/query", body);
  }

  public static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT)
        .header("Accept", "application/json");
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder;
  }

  private CompletableFuture<Reply> send(HttpRequest.Builder request) {
    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
        .thenApply(r -> new Reply(r.statusCode(), r.body()));
  }
}
