package io.epr.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The {@code context.id} the CDViz collector gives an event sent without one (or with "0"): a CIDv1 (raw codec,
 * sha2-256) of the event without its id, serialized compactly with object keys sorted as serde_json does.
 */
public final class ContentId {
  private static final ObjectMapper SORTED = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
  private static final byte[] CID_V1_RAW_SHA256 = {0x01, 0x55, 0x12, 0x20};
  private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

  private ContentId() {}

  public static String of(JsonNode event) {
    ObjectNode withoutId = (ObjectNode) event.deepCopy();
    if (withoutId.get("context") instanceof ObjectNode context) {
      context.remove("id");
    }
    ByteArrayOutputStream cid = new ByteArrayOutputStream();
    cid.writeBytes(CID_V1_RAW_SHA256);
    cid.writeBytes(sha256(sortedJson(withoutId)));
    return "b" + base32(cid.toByteArray());
  }

  private static byte[] sortedJson(JsonNode node) {
    try {
      // maps, unlike ObjectNodes, are written in key order
      return SORTED.writeValueAsBytes(SORTED.treeToValue(node, Object.class));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** RFC 4648 base32, lower case, no padding (multibase "b"). */
  private static String base32(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    int buffer = 0;
    int bits = 0;
    for (byte b : bytes) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        out.append(BASE32[(buffer >> (bits - 5)) & 31]);
        bits -= 5;
      }
    }
    if (bits > 0) {
      out.append(BASE32[(buffer << (5 - bits)) & 31]);
    }
    return out.toString();
  }
}
