package io.epr.watcher;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.epr.model.Nvrpp;
import java.util.Optional;

/**
 * One EPR message (epr-api.md §4.2), as the Go SDK's {@code message.Message}: the envelope fields, and {@code data}
 * with its events, event_receivers and event_receiver_groups lists left as JSON.
 */
public record Message(
    boolean success, String id, String specversion, String type, String source, String apiVersion,
    String name, String version, String release, String platformId, String pkg, JsonNode data) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The message in a record's value; empty when the value is not an EPR message (not a JSON object with type and id). */
  public static Optional<Message> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    JsonNode json;
    try {
      json = JSON.readTree(value);
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
    if (json == null || !json.isObject() || !json.path("type").isTextual() || !json.path("id").isTextual()) {
      return Optional.empty();
    }
    return Optional.of(new Message(
        json.path("success").asBoolean(), json.get("id").asText(), text(json, "specversion"), json.get("type").asText(),
        text(json, "source"), text(json, "api_version"), text(json, "name"), text(json, "version"),
        text(json, "release"), text(json, "platform_id"), text(json, "package"),
        json.hasNonNull("data") ? json.get("data") : NullNode.getInstance()));
  }

  public Nvrpp nvrpp() {
    return new Nvrpp(name, version, release, platformId, pkg);
  }

  /** The message JSON again, fields in EPR's order. */
  public String toJson() {
    ObjectNode json = JSON.createObjectNode()
        .put("success", success)
        .put("id", id)
        .put("specversion", specversion)
        .put("type", type)
        .put("source", source)
        .put("api_version", apiVersion)
        .put("name", name)
        .put("version", version)
        .put("release", release)
        .put("platform_id", platformId)
        .put("package", pkg);
    json.set("data", data);
    return json.toString();
  }

  private static String text(JsonNode json, String field) {
    return json.path(field).asText("");
  }
}
