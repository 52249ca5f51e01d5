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

  /** {@code context.id} of the n-th CDEvent of one type made of one EPR event (a test report's cases). */
  static String contextId(String eventId, String type, String part) {
    return nameBased("epr:" + eventId + ":" + type + ":" + part);
  }

  /** {@code context.chainId}: one per NVRPP. */
  public static String chainId(Nvrpp nvrpp) {
    return nameBased(nvrpp.canonical());
  }

  /** The {@code subject.id} of a run, incident or test run that an EPR event opens and names no id for. */
  static String openedBy(String eventId, String what) {
    return nameBased("epr:" + what + ":" + eventId);
  }

  /** The {@code subject.id} of a task run named by its pipeline run (or NVRPP) and task name. */
  static String taskRun(String scope, String taskName) {
    return nameBased("epr:taskrun:" + scope + ":" + taskName);
  }

  private static String nameBased(String name) {
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }
}
