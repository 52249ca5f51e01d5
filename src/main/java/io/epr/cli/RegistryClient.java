package io.epr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.StreamSupport;
import java.util.stream.Collectors;

/**
 * The registry over HTTP: REST for creates, SBOMs, group switches and dead letters, GraphQL for everything else. With --dry-run each request is
 * printed as a curl command and nothing is sent, so every method returns empty.
 */
final class RegistryClient {
  static final String GRAPHQL = "/api/v1/graphql/query";
  private static final String JSON_TYPE = "application/json";

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final RegistryOptions options;
  private final Output output;

  RegistryClient(RegistryOptions options, Output output) {
    this.options = options;
    this.output = output;
  }

  /** POSTs a JSON body to a REST path; the server's envelope. */
  Optional<JsonNode> post(String path, JsonNode body) {
    return send("POST", path, body);
  }

  /** PATCHes a REST path with a JSON body; the server's envelope. */
  Optional<JsonNode> patch(String path, JsonNode body) {
    return send("PATCH", path, body);
  }

  /** GETs a REST path; the server's envelope. */
  Optional<JsonNode> get(String path) {
    return send(new Request("GET", uri(path), null, BodyPublishers.noBody(), ""));
  }

  private Optional<JsonNode> send(String method, String path, JsonNode body) {
    String json = body.toString();
    return send(new Request(method, uri(path), JSON_TYPE, BodyPublishers.ofString(json), " -d " + quote(json)));
  }

  /** POSTs a file as the raw body, with the query parameters URL-encoded; the server's envelope. */
  Optional<JsonNode> post(String path, Map<String, String> query, Path file) {
    String encoded = query.entrySet().stream()
        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
        .collect(Collectors.joining("&"));
    BodyPublisher body;
    try {
      body = BodyPublishers.ofFile(file);
    } catch (FileNotFoundException e) {
      throw new RegistryException("cannot read " + file, RegistryException.FAILED);
    }
    return send(new Request("POST", uri(path + "?" + encoded), "application/octet-stream", body,
        " --data-binary " + quote("@" + file)));
  }

  /** Runs a GraphQL operation; its {@code data}. */
  Optional<JsonNode> graphql(String query, JsonNode variables) {
    ObjectNode body = Output.JSON.createObjectNode().put("query", query);
    body.set("variables", variables);
    return post(GRAPHQL, body).map(response -> {
      JsonNode errors = response.path("errors");
      if (errors.isArray() && !errors.isEmpty()) {
        throw new RegistryException(joined(errors, error -> error.path("message").asText()), RegistryException.FAILED);
      }
      return response.path("data");
    });
  }

  /** contentType is null for a request without a body. */
  private record Request(String method, URI uri, String contentType, BodyPublisher body, String curlData) {}

  private Optional<JsonNode> send(Request request) {
    if (options.dryRun) {
      output.line(curl(request));
      return Optional.empty();
    }
    HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri())
        .header("Accept", JSON_TYPE)
        .method(request.method(), request.body());
    if (request.contentType() != null) {
      builder.header("Content-Type", request.contentType());
    }
    if (options.token != null) {
      builder.header("Authorization", "Bearer " + options.token);
    }
    try {
      var response = http.send(builder.build(), BodyHandlers.ofString());
      if (response.statusCode() >= 400) {
        throw new RegistryException(response.statusCode() + ": " + errorText(response.body()),
            RegistryException.FAILED);
      }
      return Optional.of(Output.JSON.readTree(response.body()));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new RegistryException("the registry at " + options.url + " did not answer with JSON",
          RegistryException.FAILED);
    } catch (IOException e) {
      throw new RegistryException("cannot reach the registry at " + options.url + ": " + reason(e)
          + " (is it running? set --url or EPR_URL)", RegistryException.UNREACHABLE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException("interrupted", RegistryException.FAILED);
    }
  }

  /**
   * The envelope's error, its further lines indented under the first (a refused SBOM lists its problems); the body
   * itself when it is no envelope (e.g. "404 page not found").
   */
  private static String errorText(String body) {
    String text;
    try {
      JsonNode errors = Output.JSON.readTree(body).path("errors");
      text = errors.isArray() && !errors.isEmpty() ? joined(errors, JsonNode::asText) : body;
    } catch (IOException e) {
      text = body;
    }
    return text.isBlank() ? "(no error text in the response)" : text.strip().replaceAll("\\s*\\n\\s*", "\n  ");
  }

  private static String joined(JsonNode array, Function<JsonNode, String> text) {
    return StreamSupport.stream(array.spliterator(), false).map(text).collect(Collectors.joining("\n  "));
  }

  private String reason(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnresolvedAddressException) {
        return "unknown host " + options.url.getHost();
      }
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return t.getMessage();
      }
    }
    // java.net.http's ConnectException has no message when nothing listens on the port
    return e instanceof ConnectException ? "connection refused" : e.getClass().getSimpleName();
  }

  private String curl(Request request) {
    StringBuilder curl = new StringBuilder("curl -X ").append(request.method()).append(' ')
        .append(quote(request.uri().toString()));
    if (request.contentType() != null) {
      curl.append(" -H ").append(quote("Content-Type: " + request.contentType()));
    }
    if (options.token != null) {
      // The token stays out of the printout (dry runs end up in CI logs); the command still works with it exported.
      curl.append(" -H \"Authorization: Bearer $EPR_TOKEN\"");
    }
    return curl.append(request.curlData()).toString();
  }

  private URI uri(String path) {
    return URI.create(options.url + path);
  }

  /** For a query value or a path segment (ids). */
  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String quote(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }
}
