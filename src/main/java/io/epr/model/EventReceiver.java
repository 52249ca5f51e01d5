package io.epr.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.HexFormat;

/** A kind of action, typed and versioned, whose JSON Schema gates the payloads of its events. {@code schema} is compact JSON text. */
public record EventReceiver(
    String id, String name, String type, String version, String description, String schema, String fingerprint,
    OffsetDateTime createdAt) {

  /** EPR's fingerprint: lowercase hex SHA-256 of "v1 type description name version". */
  public static String fingerprint(String name, String type, String version, String description) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256")
          .digest(String.join(" ", "v1", type, description, name, version).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
