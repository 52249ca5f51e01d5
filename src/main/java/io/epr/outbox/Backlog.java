package io.epr.outbox;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.Map;
import java.util.TreeMap;

/** What waits in the outbox, per sink: for /healthz/status and the metrics. */
public final class Backlog {

  /**
   * Records a sink has still to deliver (in the log past its position, and retries), its dead letters, and the age in
   * seconds of the oldest record it has not taken from the log yet (its lag; 0 when none waits).
   */
  public record Counts(long pending, long dead, double lagSeconds) {
    public static final Counts NONE = new Counts(0, 0, 0);
  }

  private final Pool pool;

  public Backlog(Pool pool) {
    this.pool = pool;
  }

  /** Per sink that has a position, retries or dead letters. */
  public Future<Map<String, Counts>> counts() {
    return pool.query(OutboxSql.BACKLOG).execute().map(rows -> {
      Map<String, Counts> bySink = new TreeMap<>();
      rows.forEach(row -> bySink.put(row.getString("sink"), new Counts(row.getLong("pending"), row.getLong("dead"),
          row.getDouble("lag"))));
      return bySink;
    });
  }
}
