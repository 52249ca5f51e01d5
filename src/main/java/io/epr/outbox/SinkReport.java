package io.epr.outbox;

import java.time.OffsetDateTime;

/**
 * What one sink of this instance did since it started (records delivered, retried, moved to the dead letters) and
 * its last delivery error, kept after it recovers, so /healthz/status can say what happened to deliveries and not
 * only what is waiting now.
 */
public record SinkReport(String sink, long delivered, long retried, long deadLettered, LastError lastError) {

  /** An error a delivery got (to retry, or the reason a record became a dead letter), and when. */
  public record LastError(String message, OffsetDateTime at) {}
}
