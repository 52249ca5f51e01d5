package io.epr.ingest;

import io.epr.model.IdempotencyKey;
import io.epr.store.IdempotencyStore;
import io.epr.store.IdempotencyStore.KeyTaken;
import io.vertx.core.Future;
import java.util.function.Function;

/**
 * Creates that a client may safely send again: with an Idempotency-Key, a retry of the same request gets the first
 * answer and stores nothing new. The key is taken in the create's own transaction ({@link IdempotencyStore}), so it is
 * taken exactly when the create is stored; a retry that arrives while the first is still committing waits for that
 * commit and then answers with it. The same key with another request is refused: it is a mistake, not a retry.
 */
public final class IdempotentCreates {
  /** A create's answer, and whether it is the answer of an earlier request with the same key. */
  public record Created(String id, boolean replayed) {}

  private final IdempotencyStore keys;

  public IdempotentCreates(IdempotencyStore keys) {
    this.keys = keys;
  }

  /** Runs {@code create} for the caller once per Idempotency-Key; at once when it sent none. */
  public Future<Created> once(Caller caller, Function<Caller, Future<String>> create) {
    IdempotencyKey key = caller.idempotencyKey();
    if (key == null) {
      return create.apply(caller).map(id -> new Created(id, false));
    }
    return replay(key).compose(earlier -> earlier != null ? Future.succeededFuture(earlier)
        : create.apply(caller).map(id -> new Created(id, false)).recover(e -> e instanceof KeyTaken taken
            ? replay(key).map(first -> {
              if (first == null) {
                throw taken; // the first holds it for 24 hours: cannot be
              }
              return first;
            })
            : Future.failedFuture(e)));
  }

  /** The answer given to the key's first request, or null when the key is unused. */
  private Future<Created> replay(IdempotencyKey key) {
    return keys.find(key).map(remembered -> {
      if (remembered == null) {
        return null;
      }
      if (!remembered.requestSha256().equals(key.requestSha256())) {
        throw new IdempotencyKeyReusedException(key);
      }
      return new Created(remembered.answer(), true);
    });
  }
}
