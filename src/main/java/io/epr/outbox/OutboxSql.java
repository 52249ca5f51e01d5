package io.epr.outbox;

/**
 * Every SQL statement of the outbox, in one place: its log (epr_log), the sinks' positions and leases
 * (epr_sink_positions), its retries (epr_retries) and dead letters (epr_dead_letters). Transaction ids (xid8) travel as
 * text.
 */
final class OutboxSql {
  private OutboxSql() {}

  /** The NOTIFY payload that says retries were put back (dead letters retried), not that the log grew. */
  static final String RETRIES_PAYLOAD = "retries";

  static final String NOTIFY_RETRIES = "SELECT pg_notify('" + OutboxLog.CHANNEL + "', '" + RETRIES_PAYLOAD + "')";

  /** One record, in the ingest's transaction (its txid is that transaction's); its position. */
  static final String APPEND = "INSERT INTO epr_log (record_id, topic, record_key, headers, payload, sinks) "
      + "VALUES ($1, $2, $3, $4::text::jsonb, $5, $6::text[]) RETURNING position";

  /** A sink's row, at the start of the log, the first time its dispatcher starts. */
  static final String REGISTER_SINK = "INSERT INTO epr_sink_positions (sink) VALUES ($1) ON CONFLICT DO NOTHING";

  /**
   * The log's horizon as the reader's snapshot sees it: the oldest transaction of this database still running (the
   * snapshot's xmax when none runs). No transaction can still commit a record that sorts before a txid below it.
   * Transactions that pg_stat_activity (or pg_prepared_xacts, for a prepared one) places in another database of the
   * cluster are left out: they cannot write this log, and the snapshot's own xmin would hold delivery back for as long
   * as they run (another service's long transaction, a CREATE DATABASE). One whose database is not known (it ended
   * since the snapshot) still counts; an xid's database, once known, never changes, so that reading is never wrong.
   * Ids compare modulo 2^32 (pg_stat_activity's are 32-bit): running ones are never that far apart.
   */
  private static final String HORIZON = "coalesce((SELECT x FROM pg_snapshot_xip(pg_current_snapshot()) x "
      + "WHERE NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datname <> current_database() "
      + "AND a.backend_xid::text::bigint = x::text::bigint % 4294967296) "
      + "AND NOT EXISTS (SELECT 1 FROM pg_prepared_xacts p WHERE p.database <> current_database() "
      + "AND p.transaction::text::bigint = x::text::bigint % 4294967296) ORDER BY x LIMIT 1), "
      + "pg_snapshot_xmax(pg_current_snapshot()))";

  /**
   * The next records after sink $1's position, at most $2, in (txid, position) order, and only of transactions older
   * than the {@link #HORIZON}: moving past them never skips one. Records of other sinks come too (mine false, without
   * their contents), so the position moves past them and they are not read again.
   */
  static final String READ_LOG = "SELECT p.txid::text AS from_txid, p.position AS from_position, "
      + "l.txid::text AS txid, l.position, l.mine, CASE WHEN l.mine THEN l.record_id END AS record_id, "
      + "CASE WHEN l.mine THEN l.topic END AS topic, CASE WHEN l.mine THEN l.record_key END AS record_key, "
      + "CASE WHEN l.mine THEN l.headers::text END AS headers, CASE WHEN l.mine THEN l.payload END AS payload "
      + "FROM epr_sink_positions p CROSS JOIN LATERAL (SELECT r.*, p.sink = ANY (r.sinks) AS mine FROM epr_log r "
      + "WHERE (r.txid, r.position) > (p.txid, p.position) AND r.txid < " + HORIZON + " "
      + "ORDER BY r.txid, r.position LIMIT $2) l WHERE p.sink = $1";

  /**
   * Takes (or renews) sink $1's lease for owner $2, for $3 seconds, when it is free, expired or already $2's: then
   * one row, mine, with the sink's position. Otherwise one row, not mine, with the seconds the other owner still holds
   * it.
   */
  static final String LEASE = "WITH taken AS (UPDATE epr_sink_positions SET owner = $2, "
      + "lease_until = now() + make_interval(secs => $3) "
      + "WHERE sink = $1 AND (owner = $2 OR owner IS NULL OR lease_until < now()) RETURNING txid, position) "
      + "SELECT true AS mine, txid::text AS txid, position, 0::float8 AS wait, NULL AS owner FROM taken UNION ALL "
      + "SELECT false, txid::text, position, extract(epoch FROM lease_until - now())::float8, owner "
      + "FROM epr_sink_positions WHERE sink = $1 AND NOT EXISTS (SELECT 1 FROM taken)";

  static final String RELEASE = "UPDATE epr_sink_positions SET owner = NULL, lease_until = NULL "
      + "WHERE sink = $1 AND owner = $2";

  /**
   * Moves sink $1 from ($3, $4) to ($5, $6), renewing owner $2's lease for $7 seconds, only if $2 still holds it and
   * nobody moved it meanwhile; and, only then, copies the records of the batch that failed ($8.. as arrays: txid,
   * position, attempts, reason, last error, seconds until the next attempt) into the retries (no reason) or the dead
   * letters (a reason), naming their topic $14 when not null. One statement: the position never moves past a failed
   * record without its copy. The number of positions moved: 0 or 1.
   */
  static final String ADVANCE = "WITH moved AS (UPDATE epr_sink_positions SET txid = $5::text::xid8, position = $6, "
      + "lease_until = now() + make_interval(secs => $7) "
      + "WHERE sink = $1 AND owner = $2 AND txid = $3::text::xid8 AND position = $4 RETURNING sink), "
      + "failed AS (SELECT f.attempts, f.reason, f.last_error, f.delay, l.record_id, coalesce($14, l.topic) AS topic, "
      + "l.record_key, l.headers, l.payload, l.created_at "
      + "FROM unnest($8::text[], $9::bigint[], $10::int[], $11::text[], $12::text[], $13::float8[]) "
      + "AS f(txid, position, attempts, reason, last_error, delay) "
      + "JOIN epr_log l ON l.txid = f.txid::xid8 AND l.position = f.position WHERE EXISTS (SELECT 1 FROM moved)), "
      + "retried AS (INSERT INTO epr_retries (sink, record_id, topic, record_key, headers, payload, attempts, "
      + "next_attempt_at, last_error, created_at) SELECT $1, record_id, topic, record_key, headers, payload, attempts, "
      + "now() + make_interval(secs => delay), last_error, created_at FROM failed WHERE reason IS NULL), "
      + "dead AS (INSERT INTO epr_dead_letters (id, record_id, sink, topic, record_key, headers, payload, attempts, "
      + "reason, last_error, created_at) SELECT nextval('epr_retries_id_seq'), record_id, $1, topic, record_key, "
      + "headers, payload, attempts, reason, last_error, created_at FROM failed WHERE reason IS NOT NULL) "
      + "SELECT count(*) AS moved FROM moved";

  /**
   * Deletes at most $1 records after ($2, $3) that every sink taking them has passed (each of those sinks has a
   * position at or past the record; a sink with no position yet, whose dispatcher never started, holds its records),
   * the oldest first. A sink far behind, or no longer served, holds only its own records. What failed lives on in the
   * retries and dead letters, copied there before a position moved. How many were deleted, and the last one's key.
   */
  static final String PRUNE_LOG = "WITH settled AS (SELECT l.txid, l.position FROM epr_log l "
      + "WHERE (l.txid, l.position) > ($2::text::xid8, $3) AND (l.txid, l.position) <= "
      + "(SELECT txid, position FROM epr_sink_positions ORDER BY txid DESC, position DESC LIMIT 1) "
      + "AND NOT EXISTS (SELECT 1 FROM unnest(l.sinks) s WHERE NOT EXISTS (SELECT 1 FROM epr_sink_positions p "
      + "WHERE p.sink = s AND (l.txid, l.position) <= (p.txid, p.position))) "
      + "ORDER BY l.txid, l.position LIMIT $1), "
      + "gone AS (DELETE FROM epr_log l USING settled s WHERE l.txid = s.txid AND l.position = s.position "
      + "RETURNING l.txid, l.position) "
      + "SELECT count(*) AS pruned, (array_agg(txid::text ORDER BY txid DESC, position DESC))[1] AS txid, "
      + "(array_agg(position ORDER BY txid DESC, position DESC))[1] AS position FROM gone";

  /** Sink $1's retries due now, at most $2, the longest waiting first. */
  static final String DUE_RETRIES = "SELECT id, record_id, topic, record_key, headers::text AS headers, payload, "
      + "attempts FROM epr_retries WHERE sink = $1 AND next_attempt_at <= now() ORDER BY next_attempt_at, id LIMIT $2";

  /**
   * What became of retries ($1.. as arrays: id, outcome delivered/retry/dead, attempts, seconds until the next
   * attempt, reason, last error): delivered ones leave, dead ones move to the dead letters with their id, the others
   * wait again. A retry already gone (another instance settled it) is left alone.
   */
  static final String SETTLE_RETRIES = "WITH f AS (SELECT * FROM unnest($1::bigint[], $2::text[], $3::int[], "
      + "$4::float8[], $5::text[], $6::text[]) AS f(id, outcome, attempts, delay, reason, last_error)), "
      + "gone AS (DELETE FROM epr_retries r USING f WHERE r.id = f.id AND f.outcome <> 'retry' "
      + "RETURNING r.*, f.outcome, f.attempts AS tries, f.reason, f.last_error AS error), "
      + "dead AS (INSERT INTO epr_dead_letters (id, record_id, sink, topic, record_key, headers, payload, attempts, "
      + "reason, last_error, created_at) SELECT id, record_id, sink, topic, record_key, headers, payload, tries, "
      + "reason, error, created_at FROM gone WHERE outcome = 'dead') "
      + "UPDATE epr_retries r SET attempts = f.attempts, next_attempt_at = now() + make_interval(secs => f.delay), "
      + "last_error = f.last_error FROM f WHERE r.id = f.id AND f.outcome = 'retry'";

  /**
   * Per sink: what it still has to deliver (records past its position that it takes, and its retries), its dead
   * letters, and how old its oldest record waiting in the log is (seconds; 0 when none waits).
   */
  static final String BACKLOG = "SELECT s.sink, coalesce(w.pending, 0) "
      + "+ (SELECT count(*) FROM epr_retries r WHERE r.sink = s.sink) AS pending, "
      + "(SELECT count(*) FROM epr_dead_letters d WHERE d.sink = s.sink) AS dead, "
      + "coalesce(extract(epoch FROM now() - w.oldest), 0)::float8 AS lag "
      + "FROM (SELECT sink FROM epr_sink_positions UNION SELECT sink FROM epr_retries "
      + "UNION SELECT sink FROM epr_dead_letters) s LEFT JOIN epr_sink_positions p ON p.sink = s.sink "
      + "LEFT JOIN LATERAL (SELECT count(*) AS pending, min(l.created_at) AS oldest FROM epr_log l "
      + "WHERE (l.txid, l.position) > (p.txid, p.position) AND p.sink = ANY (l.sinks)) w ON true ORDER BY s.sink";

  static final String SELECT_DEAD_LETTERS = "SELECT id, record_id, sink, topic, attempts, reason, last_error, "
      + "created_at, failed_at FROM epr_dead_letters ORDER BY id LIMIT $1";
  /** Back to the retries, due now, with a fresh count of attempts, keeping their ids. $1 null: all of them. */
  static final String RETRY_DEAD_LETTERS = "WITH d AS (DELETE FROM epr_dead_letters WHERE $1::bigint IS NULL "
      + "OR id = $1 RETURNING *) INSERT INTO epr_retries (id, sink, record_id, topic, record_key, headers, payload, "
      + "created_at) SELECT id, sink, record_id, topic, record_key, headers, payload, created_at FROM d RETURNING id";
}
