package io.epr.cdevents;

import io.epr.model.Nvrpp;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Name-based (v3) UUIDs, so that translating the same EPR event or NVRPP again gives the same ids. */
public final class CdeventIds {
  private CdeventIds() {}

  /** {@code context.id}: one per EPR event and CDEvent type; a re-delivery or a re-translation carries the same id. */
  public static String contextId(String eventId, String type) {
    return nameBased("epr:" + eventId + ":" + type);
  }

  /** {@code context.chainId}: one per NVRPP. */
  public static String chainId(Nvrpp nvrpp) {
    return nameBased(nvrpp.canonical());
  }

  /** The pipeline run's {@code subject.id} when the payload names none: one run per NVRPP. */
  public static String runId(Nvrpp nvrpp) {
    return nameBased("epr:run:" + nvrpp.canonical());
  }

  private static String nameBased(String name) {
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }
}
