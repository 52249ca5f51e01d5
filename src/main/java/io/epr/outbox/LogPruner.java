package io.epr.outbox;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

/**
 * Keeps the log to what is still owed: deletes the records that every sink taking them has passed, in batches, the
 * oldest first. A delivered record has no other use (the event stays in the registry, a CDEvent's delivery is judged
 * from positions, failures are copied out before a position moves), and a log never pruned makes every reader and the
 * status page walk a longer table. Any instance may prune; two at once only wait on each other's rows.
 */
final class LogPruner {
  static final int BATCH = 10_000;

  private final Pool pool;
  private boolean pruning;

  LogPruner(Pool pool) {
    this.pool = pool;
  }

  /** Prunes until a batch finds fewer than {@link #BATCH} records; the number deleted (0 while a prune runs). */
  Future<Long> prune() {
    if (pruning) {
      return Future.succeededFuture(0L);
    }
    pruning = true;
    return pruneFrom(0).onComplete(done -> pruning = false);
  }

  private Future<Long> pruneFrom(long pruned) {
    return pool.preparedQuery(OutboxSql.PRUNE_LOG).execute(Tuple.of(BATCH)).compose(rows -> {
      long batch = rows.iterator().next().getLong("pruned");
      return batch < BATCH ? Future.succeededFuture(pruned + batch) : pruneFrom(pruned + batch);
    });
  }
}
