package io.epr.api.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.epr.support.EprTestServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the service has stored, read with JDBC: row counts of EPR's tables, the state of every group, and the outbox
 * position. A rejected request (4xx, GraphQL error) must leave all of it as it was.
 */
public final class StoreSnapshot {
  private static final String[] TABLES = {
      "events", "event_receivers", "event_receiver_groups", "event_receiver_group_to_event_receivers",
      "epr_test_reports", "epr_test_cases"};

  private final EprTestServer server;
  private final Map<String, String> state;
  private final long outboxSequence;

  private StoreSnapshot(EprTestServer server, Map<String, String> state, long outboxSequence) {
    this.server = server;
    this.state = state;
    this.outboxSequence = outboxSequence;
  }

  public static StoreSnapshot take(EprTestServer server) {
    try (Connection c = server.db.connect(); Statement s = c.createStatement()) {
      Map<String, String> state = new LinkedHashMap<>();
      for (String table : TABLES) {
        state.put(table + " rows", one(s, "SELECT count(*) FROM " + table));
      }
      state.put("groups (id:enabled:updated_at)", one(s, "SELECT coalesce(string_agg(id || ':' || enabled || ':' "
          + "|| updated_at, ',' ORDER BY id), '') FROM event_receiver_groups"));
      long sequence = Long.parseLong(one(s, "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM epr_log_position_seq"));
      return new StoreSnapshot(server, state, sequence);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Nothing stored, changed or queued for Kafka since this snapshot. The outbox's log is judged by its position
   * sequence: a rejected request must not have appended (or tried to append) a record.
   */
  public void assertUnchanged() {
    StoreSnapshot now = take(server);
    assertEquals(state, now.state, "a rejected request changed the store");
    assertEquals(outboxSequence, now.outboxSequence, "a rejected request queued Kafka messages");
  }

  /**
   * The same rows as at this snapshot, though a transaction may have begun and rolled back (sequences, the outbox's
   * included, do not go back).
   */
  public void assertSameRows() {
    assertEquals(state, take(server).state, "the store changed");
  }

  /** Rows of {@code table} (events, event_receivers, event_receiver_groups). */
  public static long count(EprTestServer server, String table) {
    try (Connection c = server.db.connect(); Statement s = c.createStatement()) {
      return Long.parseLong(one(s, "SELECT count(*) FROM " + table));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String one(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
