package io.epr.watcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** The few EPR calls a watcher needs to record what it did: find or create a receiver, create an event. */
final class EprClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String RECEIVERS_OF_TYPE =
      "query($type: String){event_receivers(event_receiver:{type: $type}){id}}";

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private final String base;
  private final String token;

  /** {@code token}: sent as a bearer token; null or blank for none. */
  EprClient(String base, String token) {
    this.base = base.replaceAll("/+$", "");
    this.token = token;
  }

  /** The first receiver of this type, if any. */
  Optional<String> receiverOfType(String type) throws IOException, InterruptedException {
    ObjectNode body = JSON.createObjectNode().put("query", RECEIVERS_OF_TYPE);
    body.putObject("variables").put("type", type);
    JsonNode answer = post("/api/v1/graphql/query", body);
    if (answer.hasNonNull("errors")) {
      throw new IOException("EPR GraphQL errors: " + answer.get("errors"));
    }
    JsonNode found = answer.at("/data/event_receivers");
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0).get("id").asText());
  }

  /** POST /api/v1/receivers; the new id. */
  String createReceiver(ObjectNode receiver) throws IOException, InterruptedException {
    return post("/api/v1/receivers", receiver).get("data").asText();
  }

  /** POST /api/v1/events; the new id. */
  String createEvent(ObjectNode event) throws IOException, InterruptedException {
    return post("/api/v1/events", event).get("data").asText();
  }

  private JsonNode post(String path, JsonNode body) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    if (token != null && !token.isBlank()) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("EPR " + path + " answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }
}
