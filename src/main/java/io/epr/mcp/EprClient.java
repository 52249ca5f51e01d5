package io.epr.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The EPR's REST and GraphQL API as the MCP tools use it, like the workshop's Python server does with httpx.
 * Every call is asynchronous, so a tool never holds a thread (an event loop in particular) while the EPR answers.
 */
public final class EprClient {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final String baseUrl;
  private final String token;

  /** {@code token}, when not null or blank, is sent as {@code Authorization: Bearer …}. */
  public EprClient(String baseUrl, String token) {
    this.baseUrl = baseUrl.replaceAll("/+$", "");
    this.token = token == null || token.isBlank() ? null : token;
  }

  /** The EPR's answer: its status and body as they came. */
  public record Reply(int status, String body) {
    boolean ok() {
      return status / 100 == 2;
    }

    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        return null;
      }
    }
  }

  CompletableFuture<Reply> get(String path) {
    return send(request(path).GET());
  }

  CompletableFuture<Reply> post(String path, String contentType, String body) {
    return send(request(path).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
  }

  CompletableFuture<Reply> postJson(String path, JsonNode body) {
    return post(path, "application/json", body.toString());
  }

  CompletableFuture<Reply> graphql(String query, JsonNode variables) {
    ObjectNode body = JSON.createObjectNode().put("query", query);
    body.set("variables", variables);
    return postJson("/api/v1/graphql/query", body);
  }

  static String encode(String value) {
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
