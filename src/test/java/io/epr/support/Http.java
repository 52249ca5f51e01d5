package io.epr.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A plain HTTP client over a real socket to the server under test. */
public final class Http {
  public static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient client;
  private final String base;
  private final String token;

  public Http(String base) {
    this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), base, null);
  }

  /** Over a client of the test's own (one that trusts a test certificate). */
  public Http(HttpClient client, String base) {
    this(client, base, null);
  }

  private Http(HttpClient client, String base, String token) {
    this.client = client;
    this.base = base;
    this.token = token;
  }

  /** The same server, each request sent with {@code Authorization: Bearer <token>}. */
  public Http withToken(String token) {
    return new Http(client, base, token);
  }

  public record Response(int status, String body, java.net.http.HttpHeaders headers) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON (" + status + "): " + body, e);
      }
    }

    /** The id in a successful create's {"data":"<id>"}. */
    public String id() {
      if (status != 200) {
        throw new AssertionError("expected 200, got " + status + ": " + body);
      }
      return json().get("data").asText();
    }

    public String error() {
      return json().get("errors").get(0).asText();
    }
  }

  public Response get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  public Response post(String path, String body) {
    return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  public Response post(String path, JsonNode body) {
    return post(path, body.toString());
  }

  public Response patch(String path, String body) {
    return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
  }

  /** Any method, with a JSON body (null: none). */
  public Response send(String method, String path, String body) {
    return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json").method(method,
        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
  }

  /**
   * Any method with these headers and body bytes as they are (null: no body); {@code chunked} sends the body without
   * a Content-Length.
   */
  public Response send(String method, String path, Map<String, String> headers, byte[] body, boolean chunked) {
    HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
        : chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))
        : HttpRequest.BodyPublishers.ofByteArray(body);
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).method(method, publisher);
    headers.forEach(b::header);
    return send(b);
  }

  public Response request(String method, String path, Map<String, String> headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).method(method, HttpRequest.BodyPublishers.noBody());
    headers.forEach(b::header);
    return send(b);
  }

  /** POST /api/v1/graphql/query; the response JSON. */
  public JsonNode graphql(String query, JsonNode variables) {
    ObjectNode body = JSON.createObjectNode().put("query", query);
    if (variables != null) {
      body.set("variables", variables);
    }
    Response r = post("/api/v1/graphql/query", body);
    if (r.status() != 200) {
      throw new AssertionError("GraphQL answered " + r.status() + ": " + r.body());
    }
    return r.json();
  }

  public static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private URI uri(String path) {
    return URI.create(base + path);
  }

  private Response send(HttpRequest.Builder request) {
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<String> r = client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body(), r.headers());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
