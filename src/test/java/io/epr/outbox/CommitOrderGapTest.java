package io.epr.outbox;

import static io.epr.support.MigratedDatabase.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.epr.metrics.EprMetrics;
import io.epr.support.MigratedDatabase;
import io.epr.support.TestDatabase;
import io.vertx.core.Future;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gap problem, made to happen: log records of transactions that commit out of the order the log is read in. A
 * reader that moved past a record committed later than the ones after it would skip it for good. The dispatcher
 * (real PostgreSQL, real connections holding transactions open, a sink of the test's that records what it gets) must
 * deliver every record exactly once, in (txid, position) order, and nothing of a transaction before every older one
 * has ended.
 */
class CommitOrderGapTest {
  private static final String SINK = "gap-test";

  private MigratedDatabase db;
  private RecordingSink sink;
  private Backlog backlog;

  @BeforeEach
  void start() throws Exception {
    db = new MigratedDatabase();
    sink = new RecordingSink();
    backlog = new Backlog(db.pool);
    await(db.vertx.deployVerticle(new OutboxDispatcher(db.pool, backlog, db.pg.connectOptions(), List.of(sink),
        "gap-test", 60, new EprMetrics())));
  }

  @AfterEach
  void stop() throws Exception {
    db.close();
  }

  /**
   * T0, T1 and T2 write a record each, in turn (ids and positions in that order). T2 commits, then T0: T0's record is
   * delivered, T2's is not while T1 runs (the sink's backlog shows it waiting). T1, with the smaller position,
   * commits last; then its record comes, then T2's.
   */
  @Test
  void aRecordCommittedBeforeAnOlderTransactionEndsWaitsForItAndNothingIsSkipped() throws Exception {
    try (Connection t0 = transaction(); Connection t1 = transaction(); Connection t2 = transaction()) {
      long p0 = append(t0, "r0");
      long p1 = append(t1, "r1");
      long p2 = append(t2, "r2");
      assertTrue(p0 < p1 && p1 < p2, "positions in the order of the writes");
      commit(t2, "r2");
      commit(t0, "r0");
      awaitDelivered(1);
      assertEquals(List.of("r0"), sink.received(), "r2 committed before this round, but T1 still runs");
      awaitPosition(p0);
      assertEquals(List.of("r0"), sink.received());
      Backlog.Counts waiting = await(backlog.counts()).get(SINK);
      assertEquals(1, waiting.pending(), "what an operator sees: r2 waits (r1 is not committed yet)");
      assertTrue(waiting.lagSeconds() > 0, "and the sink's lag grows");

      commit(t1, "r1");
      awaitDelivered(3);
      assertEquals(List.of("r0", "r1", "r2"), sink.received(), "each once, in (txid, position) order");
      assertEquals(List.of(), sink.tooEarly, "records delivered while an older transaction still ran");
      awaitPosition(p2);
    }
  }

  /**
   * The order is the transactions' (txid), not the positions': T1 takes its transaction id first, T2 then writes a
   * record (a smaller position) and commits, T1 writes its record (a larger position) and commits last. T1's comes
   * before T2's; a reader by position alone would have moved past it. (T0, older than both, commits after T2: once its
   * record arrives, a round has seen T2's committed.)
   */
  @Test
  void anOlderTransactionsRecordWithALargerPositionIsDeliveredFirst() throws Exception {
    try (Connection t0 = transaction(); Connection t1 = transaction(); Connection t2 = transaction()) {
      append(t0, "r0");
      try (Statement s = t1.createStatement()) {
        s.execute("SELECT pg_current_xact_id()");
      }
      long p2 = append(t2, "r2");
      commit(t2, "r2");
      commit(t0, "r0");
      awaitDelivered(1);
      assertEquals(List.of("r0"), sink.received());
      long p1 = append(t1, "r1");
      assertTrue(p2 < p1);
      commit(t1, "r1");
      awaitDelivered(3);
      assertEquals(List.of("r0", "r1", "r2"), sink.received());
      assertEquals(List.of(), sink.tooEarly);
      awaitPosition(p2);
    }
  }

  /**
   * The horizon is this database's: a transaction of another database on the same cluster, older than every record
   * and still running, holds nothing back (a cluster-wide xmin would hold every record until it ends). One of this
   * database, equally old, does (T1 of the first test).
   */
  @Test
  void aTransactionOfAnotherDatabaseHoldsNothingBack() throws Exception {
    try (Connection elsewhere = TestDatabase.connectToServer(); Connection t0 = transaction()) {
      elsewhere.setAutoCommit(false);
      try (Statement s = elsewhere.createStatement()) {
        s.execute("SELECT pg_current_xact_id()");
      }
      long p0 = append(t0, "r0");
      commit(t0, "r0");
      awaitDelivered(1);
      awaitPosition(p0);
      assertEquals(List.of("r0"), sink.received(), "delivered while the other database's transaction runs");
      elsewhere.rollback();
    }
  }

  /** A sink that keeps what it gets, and notes a record it got while a transaction older than its own still ran. */
  private final class RecordingSink implements Sink {
    private final List<String> received = Collections.synchronizedList(new ArrayList<>());
    private final List<String> committing = Collections.synchronizedList(new ArrayList<>());
    final List<String> tooEarly = Collections.synchronizedList(new ArrayList<>());

    @Override
    public String name() {
      return SINK;
    }

    @Override
    public int maxAttempts() {
      return Integer.MAX_VALUE;
    }

    @Override
    public Future<List<Outcome>> deliver(List<OutboxRecord> records) {
      for (OutboxRecord r : records) {
        // r2 may come only once r1's transaction has begun to commit (r0 and r1 have no older one)
        if (r.recordId().equals("r2") && !committing.contains("r1")) {
          tooEarly.add(r.recordId());
        }
        received.add(r.recordId());
      }
      return Future.succeededFuture(records.stream().map(r -> Outcome.DELIVERED).toList());
    }

    List<String> received() {
      return List.copyOf(received);
    }

    @Override
    public void close() {}
  }

  private Connection transaction() throws SQLException {
    Connection c = db.db.connect();
    c.setAutoCommit(false);
    return c;
  }

  /** Writes a record for the test's sink in {@code tx}, as the ingest does; its position. */
  private static long append(Connection tx, String recordId) throws SQLException {
    try (PreparedStatement s = tx.prepareStatement("INSERT INTO epr_log (record_id, topic, payload, sinks) "
        + "VALUES (?, 't', '{}', ARRAY['" + SINK + "']) RETURNING position")) {
      s.setString(1, recordId);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  /** Commits {@code tx}, which wrote {@code recordId}, then wakes the dispatcher as the ingest does. */
  private void commit(Connection tx, String recordId) throws SQLException {
    sink.committing.add(recordId);
    tx.commit();
    try (Connection c = db.db.connect(); Statement s = c.createStatement()) {
      s.execute("SELECT pg_notify('" + OutboxLog.CHANNEL + "', '')");
    }
  }

  private void awaitDelivered(int records) throws InterruptedException {
    awaitTrue(() -> sink.received().size() >= records, "delivered " + records + ": " + sink.received());
  }

  private void awaitPosition(long position) throws InterruptedException {
    awaitTrue(() -> position() == position, "the sink's position at " + position);
  }

  private long position() {
    try (Connection c = db.db.connect(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT position FROM epr_sink_positions WHERE sink = '" + SINK + "'")) {
      return r.next() ? r.getLong(1) : -1;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out waiting for: " + what);
      Thread.sleep(20);
    }
  }
}
