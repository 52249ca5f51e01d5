package io.epr.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The bodies tests post to create a receiver, an event or a group: every field a valid one needs, the parts tests
 * vary as arguments. A test changes any other field on the node it gets ({@code .put("success", false)}).
 */
public final class Bodies {
  private Bodies() {}

  /** A receiver whose schema takes any payload. */
  public static ObjectNode receiver(String name, String type) {
    return receiver(name, type, Http.JSON.createObjectNode());
  }

  public static ObjectNode receiver(String name, String type, JsonNode schema) {
    ObjectNode receiver = Http.JSON.createObjectNode().put("name", name).put("type", type).put("version", "1")
        .put("description", "d");
    receiver.set("schema", schema);
    return receiver;
  }

  /** A successful event of version 1 of {@code name}, on linux, package oci, with an empty payload. */
  public static ObjectNode event(String receiverId, String name, String release) {
    ObjectNode event = Http.JSON.createObjectNode().put("name", name).put("version", "1").put("release", release)
        .put("platform_id", "linux").put("package", "oci").put("description", "d").put("success", true)
        .put("event_receiver_id", receiverId);
    event.putObject("payload");
    return event;
  }

  /** An enabled group of {@code receiverIds}. */
  public static ObjectNode group(String name, String... receiverIds) {
    ObjectNode group = Http.JSON.createObjectNode().put("name", name).put("type", "gate.type").put("version", "1")
        .put("description", "d").put("enabled", true);
    for (String id : receiverIds) {
      group.withArrayProperty("event_receiver_ids").add(id);
    }
    return group;
  }
}
