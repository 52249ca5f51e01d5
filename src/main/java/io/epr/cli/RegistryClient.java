package io.epr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.epr.client.EprClient;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.stream.StreamSupport;
import java.util.stream.Collectors;

/**
 * The registry as the CLI uses it, over {@link EprClient}: REST for creates, SBOMs, group switches and dead letters,
 * GraphQL for everything else, each answer read as the registry's envelope and its errors as the CLI's (exit codes,
 * one message). With --dry-run each request is printed as a curl command and nothing is sent, so every method returns
 * empty.
 */
final class RegistryClient {
  static final String GRAPHQL = "/api/v1/graphql/query";
  private static final String JSON_TYPE = "application/json";

  private final EprClient epr;
  private final RegistryOptions options;
  private final Output output;

  RegistryClient(RegistryOptions options, Output output) {
    this.epr = new EprClient(options.url.toString(), options.token);
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
    return send(new Request("GET", path, null, BodyPublishers.noBody(), ""));
  }

  private Optional<JsonNode> send(String method, String path, JsonNode body) {
    String json = body.toString();
    return send(new Request(method, path, JSON_TYPE, BodyPublishers.ofString(json), " -d " + quote(json)));
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
    return send(new Request("POST", path + "?" + encoded, "application/octet-stream", body,
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
  private record Request(String method, String path, String contentType, BodyPublisher body, String curlData) {}

  private Optional<JsonNode> send(Request request) {
    if (options.dryRun) {
      output.line(curl(request));
      return Optional.empty();
    }
    EprClient.Reply response;
    try {
      response = epr.send(request.method(), request.path(), request.contentType(), request.body()).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof IOException unreachable) {
        throw new RegistryException("cannot reach the registry at " + options.url + ": " + reason(unreachable)
            + " (is it running? set --url or EPR_URL)", RegistryException.UNREACHABLE);
      }
      throw e;
    }
    if (response.status() >= 400) {
      throw new RegistryException(response.status() + ": " + errorText(response.body()), RegistryException.FAILED);
    }
    try {
      return Optional.of(Output.JSON.readTree(response.body()));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new RegistryException("the registry at " + options.url + " did not answer with JSON",
          RegistryException.FAILED);
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
        .append(quote(options.url + request.path()));
    if (request.contentType() != null) {
      curl.append(" -H ").append(quote("Content-Type: " + request.contentType()));
    }
    if (options.token != null) {
      // The token stays out of the printout (dry runs end up in CI logs); the command still works with it exported.
      curl.append(" -H \"Authorization: Bearer $EPR_TOKEN\"");
    }
    return curl.append(request.curlData()).toString();
  }

  /** For a query value or a path segment (ids). */
  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String quote(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }
}
