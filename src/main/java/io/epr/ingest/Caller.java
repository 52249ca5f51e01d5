package io.epr.ingest;

import io.epr.model.Cancellation;
import io.epr.model.IdempotencyKey;

/**
 * The client a create is done for, as far as the create cares: whether it still waits for the answer (a create
 * whose client was answered by its timeout is not committed), and the Idempotency-Key that makes its retries safe
 * (null when it sent none), stored in the create's own transaction.
 */
public record Caller(Cancellation cancellation, IdempotencyKey idempotencyKey) {
  /** Work of the service itself: no deadline, no key. */
  public static Caller internal() {
    return new Caller(Cancellation.none(), null);
  }

  /** A client that sent no Idempotency-Key. */
  public static Caller of(Cancellation cancellation) {
    return new Caller(cancellation, null);
  }
}
