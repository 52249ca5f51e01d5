package io.epr.store;

import io.epr.model.Nvrpp;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * A search across artifacts (which contain a component, which ran a test): the equality conditions a query asks for,
 * as parameters, on a statement that joins the events for the artifacts' NVRPPs ({@link SqlQueries#ARTIFACT_COLUMNS}).
 */
final class Lookup {
  private final List<Object> params = new ArrayList<>();
  private final List<String> where = new ArrayList<>();

  /** {@code column = value}; no condition when the value is null. */
  Lookup equal(String column, Object value) {
    if (value != null) {
      params.add(value);
      where.add(column + " = $" + params.size());
    }
    return this;
  }

  /** {@code select}, constrained by the conditions, in {@code order}, up to {@code first} rows. */
  Future<RowSet<Row>> run(Pool pool, String select, String order, int first) {
    List<Object> all = new ArrayList<>(params);
    all.add(first);
    String sql = select + " WHERE " + String.join(" AND ", where) + " ORDER BY " + order + " LIMIT $" + all.size();
    return pool.preparedQuery(sql).execute(Tuple.from(all));
  }

  /** The NVRPP of the artifact a row found. */
  static Nvrpp artifact(Row row) {
    return new Nvrpp(row.getString("artifact_name"), row.getString("artifact_version"), row.getString("release"),
        row.getString("platform_id"), row.getString("package"));
  }
}
