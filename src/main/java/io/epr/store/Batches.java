package io.epr.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.List;

/**
 * Many rows of one statement, written a chunk at a time, one chunk after the other: a test report can bring 300,000
 * rows to one transaction, and one statement of them all would be encoded in one go on an event loop.
 */
final class Batches {
  private static final int CHUNK = 1000;

  private Batches() {}

  static Future<Void> execute(SqlConnection tx, String sql, List<Tuple> rows) {
    Future<Void> done = Future.succeededFuture();
    for (int from = 0; from < rows.size(); from += CHUNK) {
      List<Tuple> chunk = rows.subList(from, Math.min(rows.size(), from + CHUNK));
      done = done.compose(v -> tx.preparedQuery(sql).executeBatch(chunk).mapEmpty());
    }
    return done;
  }
}
