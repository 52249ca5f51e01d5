package io.epr.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.epr.support.MigratedDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the pruner may delete of the log, on real PostgreSQL: only records every sink taking them has passed. A
 * record still owed to a sink, or to a sink with no position yet, stays, and so does everything after the sink
 * furthest behind; batches follow one another until the settled part is gone.
 */
class LogPrunerTest {
  private MigratedDatabase db;
  private LogPruner pruner;

  @BeforeEach
  void start() {
    db = new MigratedDatabase();
    pruner = new LogPruner(db.pool);
  }

  @AfterEach
  void stop() throws Exception {
    db.close();
  }

  @Test
  void onlyWhatEverySinkTakingItHasPassedIsDeleted() throws Exception {
    db.sql("INSERT INTO epr_log (record_id, topic, payload, sinks) VALUES "
        + "('k1', 't', '{}', '{kafka}'), ('both2', 't', '{}', '{kafka,cdviz}'), ('c3', 't', '{}', '{cdviz}'), "
        + "('k4', 't', '{}', '{kafka}'), ('new5', 't', '{}', '{kafka,newsink}'), ('both6', 't', '{}', '{kafka,cdviz}'), "
        + "('k7', 't', '{}', '{kafka}')");
    // kafka has passed everything; cdviz has passed k1 and both2 only
    db.sql("INSERT INTO epr_sink_positions (sink, txid, position) SELECT 'kafka', txid, max(position) FROM epr_log "
        + "GROUP BY txid");
    db.sql("INSERT INTO epr_sink_positions (sink, txid, position) SELECT 'cdviz', txid, position FROM epr_log "
        + "WHERE record_id = 'both2'");

    assertEquals(4, prune());
    assertEquals(List.of("c3", "new5", "both6"), log(),
        "cdviz, behind, holds its own records, not kafka's; a sink with no position yet holds its records");

    db.sql("UPDATE epr_sink_positions SET position = (SELECT max(position) FROM epr_log) WHERE sink = 'cdviz'");
    assertEquals(2, prune());
    assertEquals(List.of("new5"), log());

    db.sql("INSERT INTO epr_sink_positions (sink) VALUES ('newsink')");
    assertEquals(0, prune(), "the new sink starts at the beginning: its record is owed");
    db.sql("UPDATE epr_sink_positions SET (txid, position) = (SELECT txid, max(position) FROM epr_log GROUP BY txid) "
        + "WHERE sink = 'newsink'");
    assertEquals(1, prune());
    assertEquals(List.of(), log());
  }

  @Test
  void batchesFollowOneAnotherUntilTheSettledPartIsGone() throws Exception {
    int records = LogPruner.BATCH * 2 + 7;
    // the first record is held (a sink with no position): every batch goes on past it
    db.sql("INSERT INTO epr_log (record_id, topic, payload, sinks) SELECT 'r' || i, 't', '{}', "
        + "CASE WHEN i = 1 THEN '{kafka,ghost}' ELSE '{kafka}' END::text[] FROM generate_series(1, " + records + ") i");
    db.sql("INSERT INTO epr_sink_positions (sink, txid, position) SELECT 'kafka', txid, max(position) - 5 FROM epr_log "
        + "GROUP BY txid");
    assertEquals(records - 6, prune());
    assertEquals(6, log().size(), "the held record and those after the position stay");
  }

  private long prune() throws Exception {
    return MigratedDatabase.await(pruner.prune());
  }

  private List<String> log() throws SQLException {
    List<String> ids = new ArrayList<>();
    try (Connection c = db.db.connect(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT record_id FROM epr_log ORDER BY txid, position")) {
      while (r.next()) {
        ids.add(r.getString(1));
      }
    }
    return ids;
  }
}
