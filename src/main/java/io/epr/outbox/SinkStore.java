package io.epr.outbox;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * The database as one sink's dispatcher sees it: the records after its position that it may read, its lease, moving
 * its position past a delivered batch (with the copies of what failed), and its retries.
 */
final class SinkStore {

  /** A record of the log; {@code record} is null when the sink does not take it. */
  record LogEntry(LogPosition at, OutboxRecord record) {}

  /** The records after the sink's position {@code from}, in order; empty when there are none to read yet. */
  record LogBatch(LogPosition from, List<LogEntry> entries) {
    static final LogBatch EMPTY = new LogBatch(null, List.of());
  }

  /**
   * Whether this instance holds the sink's lease now; with the sink's position when it does, and how long another
   * owner still holds it when it does not.
   */
  record Lease(boolean held, LogPosition at, double waitSeconds, String owner) {}

  /** A batch record that failed: to the retries (no reason) or the dead letters (its reason). */
  record Failure(LogPosition at, int attempts, String reason, String lastError, double delaySeconds) {}

  /** A retry due now and the deliveries it had. */
  record Retry(long id, int attempts, OutboxRecord record) {}

  /** What became of a retry: delivered, retry (again later) or dead. */
  record Settled(long id, String outcome, int attempts, double delaySeconds, String reason, String lastError) {}

  private final Pool pool;

  SinkStore(Pool pool) {
    this.pool = pool;
  }

  /** Makes the sink's position row, at the start of the log, if it has none yet. */
  Future<Void> register(String sink) {
    return pool.preparedQuery(OutboxSql.REGISTER_SINK).execute(Tuple.of(sink)).mapEmpty();
  }

  Future<LogBatch> read(String sink, int limit) {
    return pool.preparedQuery(OutboxSql.READ_LOG).execute(Tuple.of(sink, limit)).map(rows -> {
      if (rows.size() == 0) {
        return LogBatch.EMPTY;
      }
      List<LogEntry> entries = new ArrayList<>(rows.size());
      LogPosition from = null;
      for (Row row : rows) {
        from = LogPosition.of(row, "from_txid", "from_position");
        OutboxRecord record = row.getBoolean("mine") ? new OutboxRecord(row.getString("record_id"), List.of(sink),
            row.getString("topic"), row.getString("record_key"), row.getString("headers"), row.getString("payload"))
            : null;
        entries.add(new LogEntry(LogPosition.of(row, "txid", "position"), record));
      }
      return new LogBatch(from, entries);
    });
  }

  /** Takes or renews the lease; null when the sink has no position row. */
  Future<Lease> lease(String sink, String owner, int seconds) {
    return pool.preparedQuery(OutboxSql.LEASE).execute(Tuple.of(sink, owner, seconds)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row row = rows.iterator().next();
      return new Lease(row.getBoolean("mine"), LogPosition.of(row, "txid", "position"), row.getDouble("wait"),
          row.getString("owner"));
    });
  }

  Future<Void> release(String sink, String owner) {
    return pool.preparedQuery(OutboxSql.RELEASE).execute(Tuple.of(sink, owner)).mapEmpty();
  }

  /**
   * Moves the sink's position from {@code from} to {@code to} with the failures' copies, if {@code owner} still holds
   * the lease and nobody moved it meanwhile: whether it did. {@code topic}: what the copies name as their topic, null
   * for the record's own.
   */
  Future<Boolean> advance(String sink, String owner, int leaseSeconds, LogPosition from, LogPosition to,
      List<Failure> failures, String topic) {
    int n = failures.size();
    String[] txids = new String[n];
    Long[] positions = new Long[n];
    Integer[] attempts = new Integer[n];
    String[] reasons = new String[n];
    String[] errors = new String[n];
    Double[] delays = new Double[n];
    for (int i = 0; i < n; i++) {
      Failure f = failures.get(i);
      txids[i] = f.at().txidText();
      positions[i] = f.at().position();
      attempts[i] = f.attempts();
      reasons[i] = f.reason();
      errors[i] = f.lastError();
      delays[i] = f.delaySeconds();
    }
    Tuple args = Tuple.tuple().addString(sink).addString(owner).addString(from.txidText()).addLong(from.position())
        .addString(to.txidText()).addLong(to.position()).addInteger(leaseSeconds).addArrayOfString(txids)
        .addArrayOfLong(positions).addArrayOfInteger(attempts).addArrayOfString(reasons).addArrayOfString(errors)
        .addArrayOfDouble(delays).addString(topic);
    return pool.preparedQuery(OutboxSql.ADVANCE).execute(args)
        .map(rows -> rows.iterator().next().getLong("moved") == 1);
  }

  Future<List<Retry>> dueRetries(String sink, int limit) {
    return pool.preparedQuery(OutboxSql.DUE_RETRIES).execute(Tuple.of(sink, limit)).map(rows -> {
      List<Retry> out = new ArrayList<>(rows.size());
      for (Row row : rows) {
        out.add(new Retry(row.getLong("id"), row.getInteger("attempts"), new OutboxRecord(row.getString("record_id"),
            List.of(sink), row.getString("topic"), row.getString("record_key"), row.getString("headers"),
            row.getString("payload"))));
      }
      return out;
    });
  }

  Future<Void> settleRetries(List<Settled> settled) {
    int n = settled.size();
    Long[] ids = new Long[n];
    String[] outcomes = new String[n];
    Integer[] attempts = new Integer[n];
    Double[] delays = new Double[n];
    String[] reasons = new String[n];
    String[] errors = new String[n];
    for (int i = 0; i < n; i++) {
      Settled s = settled.get(i);
      ids[i] = s.id();
      outcomes[i] = s.outcome();
      attempts[i] = s.attempts();
      delays[i] = s.delaySeconds();
      reasons[i] = s.reason();
      errors[i] = s.lastError();
    }
    return pool.preparedQuery(OutboxSql.SETTLE_RETRIES).execute(Tuple.tuple().addArrayOfLong(ids)
        .addArrayOfString(outcomes).addArrayOfInteger(attempts).addArrayOfDouble(delays).addArrayOfString(reasons)
        .addArrayOfString(errors)).mapEmpty();
  }
}
