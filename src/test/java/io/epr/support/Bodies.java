package io.epr.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The bodies tests post to create a receiver, an event or a group: every field a valid one needs, the parts tests
 * vary as arguments. A test changes any other field on the node it gets ({@code .put("success", false)},
 * {@code .set("payload", Http.parse(json))}) and sends it as it is or as text ({@code .toString()}).
 */
public final class Bodies {
  private static final String RAW = "\u00a7RAW\u00a7";

  private Bodies() {}

  /** A receiver whose schema takes any payload. */
  public static ObjectNode receiver(String name, String type) {
    return receiver(name, type, Http.JSON.createObjectNode());
  }

  /** A receiver whose schema is this JSON text. */
  public static ObjectNode receiver(String name, String type, String schema) {
    return receiver(name, type, Http.parse(schema));
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

  /**
   * The body as text with {@code json} written in at {@code field} as it is: for JSON a parser would change (numbers
   * and strings out of range) or that is too large to build as a tree.
   */
  public static String withRaw(ObjectNode body, String field, String json) {
    ObjectNode copy = body.deepCopy();
    copy.put(field, RAW);
    return copy.toString().replace("\"" + RAW + "\"", json);
  }
}
