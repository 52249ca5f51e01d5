package io.epr.store;

import io.epr.model.Cancellation;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The transactional outbox and its dead letters. */
public final class OutboxStore {
  /** The LISTEN/NOTIFY channel that wakes dispatchers when records are committed. */
  public static final String CHANNEL = "epr_outbox";

  public record Claimed(long id, int attempts, OutboxRecord record) {}

  public record Counts(long pending, long dead) {}

  public record DeadLetter(long id, String recordId, String sink, String topic, int attempts, String reason,
      String lastError, OffsetDateTime createdAt, OffsetDateTime failedAt) {}

  private final Pool pool;

  public OutboxStore(Pool pool) {
    this.pool = pool;
  }

  /** Writes the records in the caller's transaction and wakes the dispatchers when it commits. */
  public Future<Void> append(SqlConnection tx, List<OutboxRecord> records) {
    List<Tuple> batch = new ArrayList<>(records.size());
    for (OutboxRecord r : records) {
      batch.add(Tuple.from(Arrays.asList(r.recordId(), r.sink(), r.topic(), r.key(), r.headers(), r.payload())));
    }
    return Batches.execute(tx, SqlQueries.APPEND_OUTBOX, batch)
        .compose(done -> tx.query(SqlQueries.NOTIFY_OUTBOX).execute())
        .mapEmpty();
  }

  /** Up to {@code limit} due records of one sink, leased to the caller for {@code leaseSeconds}. */
  public Future<List<Claimed>> claim(String sink, int limit, int leaseSeconds) {
    return pool.preparedQuery(SqlQueries.CLAIM_OUTBOX).execute(Tuple.of(limit, leaseSeconds, sink)).map(rows -> {
      List<Claimed> out = new ArrayList<>(rows.size());
      for (Row row : rows) {
        out.add(new Claimed(row.getLong("id"), row.getInteger("attempts"), new OutboxRecord(row.getString("record_id"),
            row.getString("sink"), row.getString("topic"), row.getString("record_key"), row.getString("headers"),
            row.getString("payload"))));
      }
      out.sort((a, b) -> Long.compare(a.id(), b.id()));
      return out;
    });
  }

  /** Removes delivered records, and marks the CDEvents among them delivered to their sink. */
  public Future<Void> delivered(List<Long> ids) {
    return ids.isEmpty() ? Future.succeededFuture()
        : pool.preparedQuery(SqlQueries.DELIVERED_OUTBOX).execute(Tuple.tuple().addArrayOfLong(ids.toArray(new Long[0]))).mapEmpty();
  }

  public Future<Void> retryLater(List<Long> ids, double delaySeconds, String error) {
    return ids.isEmpty() ? Future.succeededFuture()
        : pool.preparedQuery(SqlQueries.RETRY_OUTBOX).execute(Tuple.tuple().addArrayOfLong(ids.toArray(new Long[0])).addDouble(delaySeconds).addString(error))
            .mapEmpty();
  }

  /** Moves records to the dead letters; {@code lastError} is the last retriable error when retries ran out. */
  public Future<Void> deadLetter(List<Long> ids, String reason, String lastError) {
    return ids.isEmpty() ? Future.succeededFuture()
        : pool.preparedQuery(SqlQueries.DEAD_LETTER_OUTBOX).execute(Tuple.tuple()
            .addArrayOfLong(ids.toArray(new Long[0])).addString(reason).addString(lastError)).mapEmpty();
  }

  /** Records waiting and dead, per sink. */
  public Future<Map<String, Counts>> counts() {
    return pool.query(SqlQueries.OUTBOX_COUNTS).execute().map(rows -> {
      Map<String, Counts> bySink = new TreeMap<>();
      rows.forEach(row -> bySink.put(row.getString("sink"), new Counts(row.getLong("pending"), row.getLong("dead"))));
      return bySink;
    });
  }

  public Future<List<DeadLetter>> deadLetters(int limit) {
    return pool.preparedQuery(SqlQueries.SELECT_DEAD_LETTERS).execute(Tuple.of(limit)).map(rows -> {
      List<DeadLetter> out = new ArrayList<>(rows.size());
      rows.forEach(row -> out.add(new DeadLetter(row.getLong("id"), row.getString("record_id"), row.getString("sink"),
          row.getString("topic"), row.getInteger("attempts"), row.getString("reason"), row.getString("last_error"),
          row.getOffsetDateTime("created_at"), row.getOffsetDateTime("failed_at"))));
      return out;
    });
  }

  /**
   * Puts one dead letter ({@code id}) or all ({@code id} null) back in the outbox, while the client still waits; how
   * many went back.
   */
  public Future<Integer> retryDeadLetters(Long id, Cancellation client) {
    return CommitGate.transaction(pool, client, tx -> tx.preparedQuery(SqlQueries.RETRY_DEAD_LETTERS)
        .execute(Tuple.tuple().addLong(id))
        .compose(rows -> tx.query(SqlQueries.NOTIFY_OUTBOX).execute().map(rows.rowCount())));
  }
}
