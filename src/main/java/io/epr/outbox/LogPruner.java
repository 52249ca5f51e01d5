package io.epr.outbox;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/**
 * Keeps the log to what is still owed: deletes the records that every sink taking them has passed, in batches, the
 * oldest first, each batch after the last one deleted. A delivered record has no other use (the event stays in the
 * registry, a CDEvent's delivery is judged from positions, failures are copied out before a position moves), and a
 * log never pruned makes every reader and the status page walk a longer table. Any instance may prune; two at once
 * only wait on each other's rows.
 */
final class LogPruner {
  static final int BATCH = 10_000;
  private static final LogPosition START = new LogPosition(0, 0);

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
    return pruneAfter(START, 0).onComplete(done -> pruning = false);
  }

  private Future<Long> pruneAfter(LogPosition after, long pruned) {
    return pool.preparedQuery(OutboxSql.PRUNE_LOG).execute(Tuple.of(BATCH, after.txidText(), after.position()))
        .compose(rows -> {
          Row row = rows.iterator().next();
          long batch = row.getLong("pruned");
          return batch < BATCH ? Future.succeededFuture(pruned + batch)
              : pruneAfter(LogPosition.of(row, "txid", "position"), pruned + batch);
        });
  }
}
