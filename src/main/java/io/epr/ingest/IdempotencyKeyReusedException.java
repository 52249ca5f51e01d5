package io.epr.ingest;

import io.epr.model.IdempotencyKey;
import io.epr.store.IdempotencyStore;

/** An Idempotency-Key sent again with another request than the one it was first used for: answered 422. */
public final class IdempotencyKeyReusedException extends RuntimeException {
  public IdempotencyKeyReusedException(IdempotencyKey key) {
    super("invalid input: Idempotency-Key '" + key.key() + "' was used for a different " + key.endpoint()
        + " request in the last " + IdempotencyStore.KEPT_HOURS + " hours; a retry must send the same "
        + "request (method, URL and body) again, and a new request needs a new key", null, false, false);
  }
}
