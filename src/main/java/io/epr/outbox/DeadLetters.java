package io.epr.outbox;

import io.epr.model.Cancellation;
import io.epr.store.CommitGate;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The records that can never be delivered, with the reason: listed, and put back for delivery (as retries, due now,
 * keeping their ids) one by one or all at once.
 */
public final class DeadLetters {

  public record DeadLetter(long id, String recordId, String sink, String topic, int attempts, String reason,
      String lastError, OffsetDateTime createdAt, OffsetDateTime failedAt) {}

  private final Pool pool;

  public DeadLetters(Pool pool) {
    this.pool = pool;
  }

  public Future<List<DeadLetter>> list(int limit) {
    return pool.preparedQuery(OutboxSql.SELECT_DEAD_LETTERS).execute(Tuple.of(limit)).map(rows -> {
      List<DeadLetter> out = new ArrayList<>(rows.size());
      rows.forEach(row -> out.add(new DeadLetter(row.getLong("id"), row.getString("record_id"), row.getString("sink"),
          row.getString("topic"), row.getInteger("attempts"), row.getString("reason"), row.getString("last_error"),
          row.getOffsetDateTime("created_at"), row.getOffsetDateTime("failed_at"))));
      return out;
    });
  }

  /**
   * Puts one dead letter ({@code id}) or all ({@code id} null) back for delivery, while the client still waits; how
   * many went back.
   */
  public Future<Integer> retry(Long id, Cancellation client) {
    return CommitGate.transaction(pool, client, tx -> tx.preparedQuery(OutboxSql.RETRY_DEAD_LETTERS)
        .execute(Tuple.tuple().addLong(id))
        .compose(rows -> tx.query(OutboxSql.NOTIFY_RETRIES).execute().map(rows.rowCount())));
  }
}
