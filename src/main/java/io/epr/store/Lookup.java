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
 * A search (which artifacts contain a component, which ran a test, which events match a console's search): the
 * conditions a query asks for, as parameters, ANDed onto a statement. Searches across artifacts join the events for
 * the artifacts' NVRPPs ({@link SqlQueries#ARTIFACT_COLUMNS}).
 */
final class Lookup {
  private static final int MAX_CODE_POINT = Character.MAX_CODE_POINT;
  private final List<Object> params = new ArrayList<>();
  private final List<String> where = new ArrayList<>();

  /** {@code column = value}; no condition when the value is null. */
  Lookup equal(String column, Object value) {
    return where(column + " = ?", value);
  }

  /** {@code condition} with its one {@code ?} standing for {@code value}; no condition when the value is null. */
  Lookup where(String condition, Object value) {
    if (value != null) {
      params.add(value);
      where.add(condition.replace("?", "$" + params.size()));
    }
    return this;
  }

  /**
   * {@code column} starts with {@code prefix} (case-sensitive; % and _ are characters like any other), as a range of
   * the column's text_pattern_ops index: from the prefix up to the first text after every text it starts.
   */
  Lookup prefix(String column, String prefix) {
    where(column + " ~>=~ ?", prefix);
    return prefix == null ? this : where(column + " ~<~ ?", after(prefix));
  }

  /**
   * The least text greater than every text that starts with {@code prefix}, by code point (the byte order of UTF-8,
   * which text_pattern_ops compares); null when there is none (a prefix of U+10FFFF only).
   */
  static String after(String prefix) {
    int[] points = prefix.codePoints().toArray();
    for (int i = points.length - 1; i >= 0; i--) {
      if (points[i] < MAX_CODE_POINT) {
        int next = points[i] + 1;
        points[i] = next >= Character.MIN_SURROGATE && next <= Character.MAX_SURROGATE ? Character.MAX_SURROGATE + 1
            : next;
        return new String(points, 0, i + 1);
      }
    }
    return null;
  }

  /** {@code select}, constrained by the conditions, in {@code order}, up to {@code first} rows. */
  Future<RowSet<Row>> run(Pool pool, String select, String order, int first) {
    List<Object> all = new ArrayList<>(params);
    all.add(first);
    return pool.preparedQuery(select + where() + " ORDER BY " + order + " LIMIT $" + all.size())
        .execute(Tuple.from(all));
  }

  /** {@code statement} with the conditions' WHERE clause at its {@code %s}, then {@code more} (numbers) after it. */
  Future<RowSet<Row>> run(Pool pool, String statement, Object... more) {
    List<Object> args = new ArrayList<>(List.of(where()));
    args.addAll(List.of(more));
    return pool.preparedQuery(String.format(statement, args.toArray())).execute(Tuple.from(params));
  }

  /** " WHERE " and the conditions, ANDed; "" when there are none. */
  private String where() {
    return where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
  }

  /** The NVRPP of the artifact a row found. */
  static Nvrpp artifact(Row row) {
    return new Nvrpp(row.getString("artifact_name"), row.getString("artifact_version"), row.getString("release"),
        row.getString("platform_id"), row.getString("package"));
  }
}
