package io.epr.store;

import io.epr.model.IdempotencyKey;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

/** The Idempotency-Keys of creates: which request each came with and what it was answered, for 24 hours. */
public final class IdempotencyStore {
  /** Hours a key is kept: a retry after that is a new request. */
  public static final int KEPT_HOURS = 24;
  private static final int FORGOTTEN_AT_ONCE = 10_000;

  /** What a key was first used for. */
  public record Remembered(String requestSha256, String answer) {}

  /** The key is taken by a create that committed first (perhaps while this one waited for it). */
  public static final class KeyTaken extends RuntimeException {
    public KeyTaken() {
      super("the Idempotency-Key was used by a request that committed first", null, false, false);
    }
  }

  private final Pool pool;

  public IdempotencyStore(Pool pool) {
    this.pool = pool;
  }

  /** What {@code key} was used for, or null when it is unused (or expired). */
  public Future<Remembered> find(IdempotencyKey key) {
    return pool.preparedQuery(SqlQueries.FIND_IDEMPOTENCY_KEY)
        .execute(Tuple.of(key.endpoint(), key.key(), KEPT_HOURS))
        .map(rows -> {
          if (!rows.iterator().hasNext()) {
            return null;
          }
          Row row = rows.iterator().next();
          return new Remembered(row.getString("request_sha256"), row.getString("answer"));
        });
  }

  /** Takes {@code key} in the create's transaction, with its answer; fails with {@link KeyTaken} when it is taken. */
  public Future<Void> remember(SqlConnection tx, IdempotencyKey key, String answer) {
    return tx.preparedQuery(SqlQueries.REMEMBER_IDEMPOTENCY_KEY)
        .execute(Tuple.of(key.endpoint(), key.key(), key.requestSha256(), answer, KEPT_HOURS))
        .compose(rows -> rows.rowCount() == 1 ? Future.succeededFuture() : Future.failedFuture(new KeyTaken()));
  }

  /** Deletes every expired key, {@value #FORGOTTEN_AT_ONCE} a statement (short transactions); how many. */
  public Future<Long> forgetExpired() {
    return pool.preparedQuery(SqlQueries.FORGET_IDEMPOTENCY_KEYS).execute(Tuple.of(KEPT_HOURS, FORGOTTEN_AT_ONCE))
        .compose(rows -> rows.rowCount() < FORGOTTEN_AT_ONCE ? Future.succeededFuture((long) rows.rowCount())
            : forgetExpired().map(more -> more + rows.rowCount()));
  }
}
