package io.epr.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Many rows of one statement, written a chunk at a time, one chunk after the other: a test report can bring 300,000
 * rows to one transaction, and one statement of them all would be encoded in one go on an event loop.
 */
public final class Batches {
  private static final int CHUNK = 1000;

  private Batches() {}

  static Future<Void> execute(SqlConnection tx, String sql, List<Tuple> rows) {
    return collect(tx, sql, rows, row -> null).mapEmpty();
  }

  /**
   * The same, for a statement that returns a row per execution ({@code RETURNING}): what {@code read} makes of each,
   * in order.
   */
  public static <T> Future<List<T>> collect(SqlConnection tx, String sql, List<Tuple> rows, Function<Row, T> read) {
    List<T> out = new ArrayList<>();
    Future<Void> done = Future.succeededFuture();
    for (int from = 0; from < rows.size(); from += CHUNK) {
      List<Tuple> chunk = rows.subList(from, Math.min(rows.size(), from + CHUNK));
      done = done.compose(v -> tx.preparedQuery(sql).executeBatch(chunk).map(result -> {
        for (RowSet<Row> one = result; one != null; one = one.next()) {
          one.forEach(row -> out.add(read.apply(row)));
        }
        return null;
      }));
    }
    return done.map(out);
  }
}
