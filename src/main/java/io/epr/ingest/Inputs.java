package io.epr.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What clients send to create things, after the REST or GraphQL layer decoded it. A null field was not sent;
 * a JSON {@code null} payload or schema is a {@link com.fasterxml.jackson.databind.node.NullNode}.
 */
public final class Inputs {
  private Inputs() {}

  public record ReceiverInput(String name, String type, String version, String description, JsonNode schema) {}

  public record EventInput(
      String name, String version, String release, String platformId, String pkg, String description,
      JsonNode payload, boolean success, String receiverId) {}

  public record GroupInput(
      String name, String type, String version, String description, boolean enabled, List<String> receiverIds) {}
}
