package io.epr.outbox;

import io.epr.store.Batches;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The durable log that is the outbox, as the ingest sees it: records written once, in the ingest's own transaction,
 * whatever the number of sinks that take them. Once that has committed, a notification on {@link #CHANNEL} wakes every
 * instance's dispatchers.
 */
public final class OutboxLog {
  /** The LISTEN/NOTIFY channel that wakes dispatchers when records were committed. */
  public static final String CHANNEL = "epr_outbox";

  /** Appends the records in the caller's transaction; their positions in the log, in the same order. */
  public Future<List<Long>> append(SqlConnection tx, List<OutboxRecord> records) {
    List<Tuple> rows = new ArrayList<>(records.size());
    for (OutboxRecord r : records) {
      rows.add(Tuple.from(Arrays.asList(r.recordId(), r.topic(), r.key(), r.headers(), r.payload(),
          r.sinks().toArray(new String[0]))));
    }
    return Batches.collect(tx, OutboxSql.APPEND, rows, row -> row.getLong("position"));
  }
}
