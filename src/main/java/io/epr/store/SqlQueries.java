package io.epr.store;

/** Every SQL statement of the registry (the outbox has its own: io.epr.outbox.OutboxSql). */
final class SqlQueries {
  private SqlQueries() {}

  static final String RECEIVER_COLUMNS = "id, name, type, version, description, schema::text AS schema, fingerprint, created_at";
  static final String EVENT_COLUMNS =
      "id, name, version, release, platform_id, package, description, payload::text AS payload, success, created_at, event_receiver_id";
  static final String GROUP_COLUMNS = "g.id, g.name, g.type, g.version, g.description, g.enabled, g.created_at, g.updated_at, "
      + "ARRAY(SELECT m.event_receiver_id FROM event_receiver_group_to_event_receivers m "
      + "WHERE m.event_receiver_group_id = g.id ORDER BY m.id) AS event_receiver_ids";

  static final String INSERT_RECEIVER =
      "INSERT INTO event_receivers (id, name, type, version, description, schema, fingerprint, created_at) "
          + "VALUES ($1, $2, $3, $4, $5, $6::text::jsonb, $7, now()) RETURNING created_at";
  static final String SELECT_RECEIVER = "SELECT " + RECEIVER_COLUMNS + " FROM event_receivers WHERE id = $1";
  static final String SELECT_RECEIVERS = "SELECT " + RECEIVER_COLUMNS + " FROM event_receivers";
  static final String EXISTING_RECEIVER_IDS = "SELECT id FROM event_receivers WHERE id = ANY($1)";

  /** clock_timestamp(), not now(): events of one transaction still get distinct, ordered times. */
  static final String INSERT_EVENT =
      "INSERT INTO events (id, name, version, release, platform_id, package, description, payload, success, created_at, event_receiver_id) "
          + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text::jsonb, $9, clock_timestamp(), $10) RETURNING created_at";
  static final String SELECT_EVENT = "SELECT " + EVENT_COLUMNS + " FROM events WHERE id = $1";
  static final String SELECT_EVENTS = "SELECT " + EVENT_COLUMNS + " FROM events";

  static final String EVENTS_BY_IDS = "SELECT " + EVENT_COLUMNS + " FROM events WHERE id = ANY($1)";
  /**
   * After commits: wakes the dispatchers ($1, the outbox's channel) and tells the live streams of the events stored
   * ($2, in order). Its own transaction, whose commit need not wait for the disk: a notification is not data.
   */
  static final String NOTIFY_COMMITTED = "SELECT set_config('synchronous_commit', 'off', true), pg_notify($1, ''), "
      + "(SELECT count(pg_notify('" + RegistryStore.EVENTS_CHANNEL + "', id)) FROM (SELECT id "
      + "FROM unnest($2::text[]) WITH ORDINALITY AS t(id, n) ORDER BY n) stored)";

  /**
   * Marks a statement that PostgreSQL must plan with each execution's own values, never with a cached generic plan
   * ({@link PgConfig} keeps it out of the prepared statement cache): how many rows a prefix matches decides between
   * scanning the newest events and looking the prefix up in its index, and a generic plan cannot know it.
   */
  static final String PLANNED_PER_EXECUTION = "/* planned per execution */ ";
  static final String NEWEST_FIRST = "created_at DESC, id DESC";
  /**
   * A page of an event_search, %s its conditions, %d how many: the page's ids found newest first through an index
   * that holds time and id (events_newest, or the prefix's), then only the page's events read from the table.
   */
  static final String SEARCH_EVENTS = PLANNED_PER_EXECUTION + "SELECT " + EVENT_COLUMNS + " FROM events WHERE id IN ("
      + "SELECT id FROM events%s ORDER BY " + NEWEST_FIRST + " LIMIT %d) ORDER BY " + NEWEST_FIRST;
  /**
   * The same for a search by a prefix that few events have: all of them are read from the prefix's index and the
   * newest taken. (OFFSET 0 keeps the planner from walking the newest events for them instead, which it estimates
   * cheaper but, when the prefix's events are old, can read a large part of the table.)
   */
  static final String SEARCH_EVENTS_OF_RARE_PREFIX = PLANNED_PER_EXECUTION + "SELECT " + EVENT_COLUMNS
      + " FROM events WHERE id IN (SELECT id FROM (SELECT id, created_at FROM events%s OFFSET 0) AS matching "
      + "ORDER BY " + NEWEST_FIRST + " LIMIT %d) ORDER BY " + NEWEST_FIRST;
  /** How many events have a prefix, %s its condition, counted up to {@link RegistryStore#RARE_PREFIX}. */
  static final String PREFIX_COUNT = PLANNED_PER_EXECUTION + "SELECT count(*) FROM (SELECT 1 FROM events%s LIMIT "
      + RegistryStore.RARE_PREFIX + ") AS matching";
  static final String EVENT_RECEIVER_TYPE = "event_receiver_id IN (SELECT r.id FROM event_receivers r WHERE r.type = ?)";
  /** After the event with id ?, in newest-first order. */
  static final String EVENTS_AFTER = "(created_at, id) < (SELECT c.created_at, c.id FROM events c WHERE c.id = ?)";

  /**
   * Serialises the gating of NVRPPs, so two concurrent events for one NVRPP always see each other. Locks are taken
   * in ascending hash order, so transactions locking several NVRPPs cannot deadlock each other.
   */
  static final String LOCK_NVRPPS = "SELECT pg_advisory_xact_lock(h) FROM "
      + "(SELECT DISTINCT hashtextextended(k, 0) AS h FROM unnest($1::text[]) AS k ORDER BY h) AS ordered";

  /**
   * Whether member {@code m}'s latest event for the NVRPP ($2..$6) succeeded: what a group completes by, each of its
   * members having passed. Group gating ({@link #COMPLETED_GROUPS}) and a build's gates ({@link #GATES}) both judge by it.
   */
  static final String MEMBER_PASSED = "COALESCE((SELECT e.success FROM events e "
      + "WHERE e.event_receiver_id = m.event_receiver_id "
      + "AND e.name = $2 AND e.version = $3 AND e.release = $4 AND e.platform_id = $5 AND e.package = $6 "
      + "ORDER BY e.created_at DESC, e.id DESC LIMIT 1), false)";

  /**
   * The enabled groups containing receiver $1 whose every member passed for the NVRPP ($2..$6). Each group is judged
   * on its own members (Go EPR judged all groups sharing the receiver together).
   */
  static final String COMPLETED_GROUPS = "SELECT " + GROUP_COLUMNS + " FROM event_receiver_groups g "
      + "WHERE g.enabled AND g.id IN (SELECT event_receiver_group_id FROM event_receiver_group_to_event_receivers "
      + "  WHERE event_receiver_id = $1) "
      + "AND NOT EXISTS (SELECT 1 FROM event_receiver_group_to_event_receivers m WHERE m.event_receiver_group_id = g.id "
      + "  AND NOT " + MEMBER_PASSED + ") "
      + "ORDER BY g.id";

  /**
   * The gates of an NVRPP ($1 canonical, $2..$6 its parts): the enabled groups with a member among the receivers of
   * its events, or that completed for it; each with the members that have not passed, in the group's order.
   */
  static final String GATES = "SELECT " + GROUP_COLUMNS + ", "
      + "ARRAY(SELECT m.event_receiver_id FROM event_receiver_group_to_event_receivers m "
      + "  WHERE m.event_receiver_group_id = g.id AND NOT " + MEMBER_PASSED + " ORDER BY m.id) AS missing "
      + "FROM event_receiver_groups g WHERE g.enabled AND g.id IN ("
      + "  SELECT gm.event_receiver_group_id FROM event_receiver_group_to_event_receivers gm WHERE gm.event_receiver_id "
      + "    IN (SELECT e.event_receiver_id FROM events e WHERE e.name = $2 AND e.version = $3 AND e.release = $4 "
      + "    AND e.platform_id = $5 AND e.package = $6) "
      + "  UNION SELECT c.group_id FROM epr_group_completions c WHERE c.nvrpp = $1) "
      + "ORDER BY g.id";

  static final String INSERT_GROUP =
      "INSERT INTO event_receiver_groups (id, name, type, version, description, enabled, created_at, updated_at) "
          + "VALUES ($1, $2, $3, $4, $5, $6, now(), now()) RETURNING created_at";
  static final String INSERT_GROUP_MEMBERS =
      "INSERT INTO event_receiver_group_to_event_receivers (event_receiver_group_id, event_receiver_id) "
          + "SELECT $1, r FROM unnest($2::varchar[]) WITH ORDINALITY AS t(r, n) ORDER BY n";
  static final String SELECT_GROUP = "SELECT " + GROUP_COLUMNS + " FROM event_receiver_groups g WHERE g.id = $1";
  static final String SELECT_GROUPS = "SELECT " + GROUP_COLUMNS + " FROM event_receiver_groups g";
  static final String SET_GROUP_ENABLED =
      "UPDATE event_receiver_groups SET enabled = $2, updated_at = clock_timestamp() WHERE id = $1";

  static final String INSERT_GROUP_COMPLETIONS = "INSERT INTO epr_group_completions (group_id, event_id, nvrpp) "
      + "SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::text[])";
  /** The groups that completed for an NVRPP, in the order they first did. */
  static final String GROUPS_COMPLETED_FOR = "SELECT " + GROUP_COLUMNS + " FROM event_receiver_groups g "
      + "JOIN (SELECT group_id, min(id) AS first FROM epr_group_completions WHERE nvrpp = $1 GROUP BY group_id) c "
      + "ON c.group_id = g.id ORDER BY c.first";

  static final String PING = "SELECT 1";
  static final String READ_ONLY = "SELECT current_setting('transaction_read_only')";

  // ---- SBOMs ----

  static final String SBOM_BY_DOCUMENT = "SELECT id FROM epr_sboms WHERE nvrpp = $1 AND sha256 = $2";
  static final String INSERT_SBOM = "INSERT INTO epr_sboms (id, nvrpp, sha256, content_type, spec_version, serial_number, "
      + "component_name, component_version, component_purl, component_count, document) "
      + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (nvrpp, sha256) DO NOTHING RETURNING id";
  /** One statement per chunk of components: column arrays unnested into rows (licenses and hashes as JSON text). */
  static final String INSERT_SBOM_COMPONENTS = "INSERT INTO epr_sbom_components (sbom_id, ordinal, bom_ref, type, grp, "
      + "name, version, purl, purl_type, purl_namespace, purl_name, purl_version, purl_qualifiers, licenses, hashes) "
      + "SELECT $1, t.ordinal, t.bom_ref, t.type, t.grp, t.name, t.version, t.purl, t.purl_type, t.purl_namespace, "
      + "t.purl_name, t.purl_version, t.purl_qualifiers, ARRAY(SELECT jsonb_array_elements_text(t.licenses::jsonb)), "
      + "t.hashes::jsonb FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], "
      + "$9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[]) "
      + "AS t(ordinal, bom_ref, type, grp, name, version, purl, purl_type, purl_namespace, purl_name, purl_version, "
      + "purl_qualifiers, licenses, hashes)";
  static final String SBOM_DOCUMENT = "SELECT content_type, document FROM epr_sboms WHERE id = $1";
  static final String SBOM_COLUMNS = "id, spec_version, serial_number, component_count, created_at";
  static final String SBOMS_OF_NVRPP = "SELECT " + SBOM_COLUMNS + " FROM epr_sboms WHERE nvrpp = $1 ORDER BY created_at, id";
  static final String COMPONENT_COLUMNS = "c.ordinal, c.name, c.version, c.grp, c.type, c.purl, c.licenses";
  static final String SBOM_COMPONENTS_PAGE = "SELECT " + COMPONENT_COLUMNS + " FROM epr_sbom_components c "
      + "WHERE c.sbom_id = $1 AND c.ordinal > $2 ORDER BY c.ordinal LIMIT $3";
  /** The NVRPP of the artifact a search across artifacts finds (the event e), as {@link Lookup#artifact} reads it. */
  static final String ARTIFACT_COLUMNS = "e.name AS artifact_name, e.version AS artifact_version, e.release, "
      + "e.platform_id, e.package";
  /** Completed by SbomStore with the conditions a components query asks for; stored_at: when the SBOM's event was. */
  static final String COMPONENT_USES = "SELECT " + COMPONENT_COLUMNS + ", c.sbom_id, " + ARTIFACT_COLUMNS
      + ", e.created_at AS stored_at FROM epr_sbom_components c JOIN events e ON e.id = c.sbom_id";

  /**
   * The packages of each of two builds' SBOMs ($1, $2: canonical NVRPPs) that one has and the other not, or in other
   * versions or licenses. A package is keyed by its purl's type, namespace and name (shown as a purl without version
   * and qualifiers), else by its group and name; a build's versions and licenses of it are those of all its SBOMs.
   */
  static final String COMPONENT_CHANGES = "WITH listed AS (SELECT s.nvrpp, CASE WHEN c.purl_type IS NOT NULL "
      + "THEN 'pkg:' || c.purl_type || '/' || CASE WHEN c.purl_namespace <> '' THEN c.purl_namespace || '/' ELSE '' END "
      + "|| c.purl_name END AS purl, c.grp, c.name, c.version, l.license "
      + "FROM epr_sboms s JOIN epr_sbom_components c ON c.sbom_id = s.id "
      + "LEFT JOIN LATERAL unnest(c.licenses) AS l(license) ON true WHERE s.nvrpp = ANY(ARRAY[$1, $2])), "
      + "packages AS (SELECT nvrpp, coalesce(purl, jsonb_build_array(grp, name)::text) AS k, min(purl) AS purl, "
      + "min(grp) AS grp, min(name) AS name, "
      + "coalesce(array_agg(DISTINCT version ORDER BY version) FILTER (WHERE version IS NOT NULL), '{}') AS versions, "
      + "coalesce(array_agg(DISTINCT license ORDER BY license) FILTER (WHERE license IS NOT NULL), '{}') AS licenses "
      + "FROM listed GROUP BY nvrpp, k), "
      + "a AS (SELECT * FROM packages WHERE nvrpp = $1), b AS (SELECT * FROM packages WHERE nvrpp = $2) "
      + "SELECT coalesce(b.name, a.name) AS name, coalesce(b.grp, a.grp) AS grp, coalesce(b.purl, a.purl) AS purl, "
      + "a.k IS NOT NULL AS in_a, b.k IS NOT NULL AS in_b, a.versions AS a_versions, b.versions AS b_versions, "
      + "a.licenses AS a_licenses, b.licenses AS b_licenses FROM a FULL JOIN b ON a.k = b.k "
      + "WHERE a.k IS NULL OR b.k IS NULL OR a.versions <> b.versions OR a.licenses <> b.licenses "
      + "ORDER BY coalesce(a.k, b.k)";

  /**
   * The events of one build ($1..$5) whose receiver type and outcome no event of the other ($6..$10) has, oldest
   * first.
   */
  static final String EVENTS_ONLY_IN = "SELECT e.id, e.name, e.version, e.release, e.platform_id, e.package, "
      + "e.description, e.payload::text AS payload, e.success, e.created_at, e.event_receiver_id "
      + "FROM events e JOIN event_receivers r ON r.id = e.event_receiver_id "
      + "WHERE e.name = $1 AND e.version = $2 AND e.release = $3 AND e.platform_id = $4 AND e.package = $5 "
      + "AND NOT EXISTS (SELECT 1 FROM events f JOIN event_receivers q ON q.id = f.event_receiver_id "
      + "  WHERE f.name = $6 AND f.version = $7 AND f.release = $8 AND f.platform_id = $9 AND f.package = $10 "
      + "  AND q.type = r.type AND f.success = e.success) "
      + "ORDER BY e.created_at, e.id";

  /**
   * An NVRPP's CDEvents and whether each sink has them. The rule is the outbox's (io.epr.outbox.OutboxSql): a CDEvent's
   * log record, if that sink takes it, is delivered to it once the sink's position is at or past it and it is neither
   * a retry nor a dead letter of that sink (the record itself may be gone, pruned). A CDEvent recorded before the log
   * (no log_position) keeps its flag, read the same way.
   */
  static final String CDEVENTS_OF_NVRPP = "SELECT c.id, c.type, c.subject_id, " + deliveredTo("kafka")
      + " AS kafka_delivered, " + deliveredTo("cdviz") + " AS cdviz_delivered FROM epr_cdevents c "
      + "WHERE c.nvrpp = $1 ORDER BY c.seq";

  private static String deliveredTo(String sink) {
    String s = "'" + sink + "'";
    return "coalesce(CASE WHEN c.log_position IS NULL THEN c." + sink + "_delivered ELSE " + s + " = ANY (c.sinks) "
        + "AND EXISTS (SELECT 1 FROM epr_sink_positions p WHERE p.sink = " + s
        + " AND (c.log_txid, c.log_position) <= (p.txid, p.position)) END "
        + "AND NOT EXISTS (SELECT 1 FROM epr_retries r WHERE r.sink = " + s + " AND r.record_id = c.id) "
        + "AND NOT EXISTS (SELECT 1 FROM epr_dead_letters d WHERE d.sink = " + s + " AND d.record_id = c.id), false)";
  }
  /** The pipeline-run CDEvents of an NVRPP, in the order they were emitted, with the events they were made of. */
  static final String PIPELINE_RUN_CDEVENTS = "SELECT c.subject_id, c.type, "
      + "coalesce(c.happened_at, e.created_at) AS happened_at, e.success "
      + "FROM epr_cdevents c JOIN events e ON e.id = c.event_id "
      + "WHERE c.nvrpp = $1 AND c.type LIKE 'dev.cdevents.pipelinerun.%' ORDER BY c.seq";

  // ---- JUnit test reports ----

  static final String TEST_REPORT_BY_DOCUMENT = "SELECT id FROM epr_test_reports WHERE nvrpp = $1 AND sha256 = $2";
  static final String INSERT_TEST_REPORT = "INSERT INTO epr_test_reports (id, nvrpp, sha256, content_type, "
      + "environment_id, suites, tests, failures, errors, skipped, duration_seconds, document) "
      + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (nvrpp, sha256) DO NOTHING RETURNING id";
  /** One statement per chunk of cases: column arrays unnested into rows. */
  static final String INSERT_TEST_CASES = "INSERT INTO epr_test_cases (report_id, ordinal, suite, classname, name, "
      + "outcome, duration_seconds, message) SELECT $1, t.* FROM unnest($2::int[], $3::text[], $4::text[], "
      + "$5::text[], $6::text[], $7::float8[], $8::text[]) AS t(ordinal, suite, classname, name, outcome, "
      + "duration_seconds, message)";
  static final String TEST_REPORT_DOCUMENT = "SELECT content_type, document FROM epr_test_reports WHERE id = $1";
  static final String TEST_REPORTS_OF_NVRPP = "SELECT id, environment_id, suites, tests, failures, errors, skipped, "
      + "duration_seconds, created_at FROM epr_test_reports WHERE nvrpp = $1 ORDER BY created_at, id";
  static final String TEST_CASE_COLUMNS = "c.ordinal, c.suite, c.classname, c.name, c.outcome, c.duration_seconds, "
      + "c.message";
  /** A page of a report's cases, all or of one outcome ($2 null: all), after the first $3 of them. */
  static final String TEST_CASES_PAGE = "SELECT " + TEST_CASE_COLUMNS + " FROM epr_test_cases c "
      + "WHERE c.report_id = $1 AND ($2::text IS NULL OR c.outcome = $2) ORDER BY c.ordinal OFFSET $3 LIMIT $4";
  /** Completed by TestReportStore with the conditions a test_cases query asks for. */
  static final String TEST_CASE_RUNS = "SELECT " + TEST_CASE_COLUMNS + ", c.report_id, " + ARTIFACT_COLUMNS
      + " FROM epr_test_cases c JOIN events e ON e.id = c.report_id";

  // ---- CDEvents ----

  static final String INSERT_CDEVENT = "INSERT INTO epr_cdevents (id, event_id, type, subject_id, nvrpp, happened_at, "
      + "log_position, sinks) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
  /**
   * What the CDEvents of these NVRPPs established: per NVRPP its first artifact CDEvent (the artifact identity) and
   * its latest pipeline-run and incident CDEvents, in the order they were emitted. Planned per execution: a generic
   * plan made while epr_cdevents was nearly empty (a new install) scanned the whole table, 11 ms per ingest
   * transaction, until the next ANALYZE.
   */
  static final String HISTORY_OF_NVRPPS = PLANNED_PER_EXECUTION + "SELECT nvrpp, type, subject_id FROM ("
      + "SELECT nvrpp, type, subject_id, seq, row_number() OVER (PARTITION BY nvrpp, split_part(type, '.', 3) "
      + "ORDER BY CASE WHEN type LIKE 'dev.cdevents.artifact.%' THEN seq ELSE -seq END) AS n FROM epr_cdevents "
      + "WHERE nvrpp = ANY($1) AND (type LIKE 'dev.cdevents.artifact.%' OR type LIKE 'dev.cdevents.pipelinerun.%' "
      + "OR type LIKE 'dev.cdevents.incident.%')) latest WHERE n = 1 ORDER BY seq";

  /**
   * A key is taken by the first create that commits with it; a later one (or one waiting on a concurrent transaction
   * holding it) gets no row back. A key older than $5 hours is free again.
   */
  static final String REMEMBER_IDEMPOTENCY_KEY = "INSERT INTO epr_idempotency_keys AS k "
      + "(endpoint, idempotency_key, request_sha256, answer) VALUES ($1, $2, $3, $4) "
      + "ON CONFLICT (endpoint, idempotency_key) DO UPDATE SET request_sha256 = EXCLUDED.request_sha256, "
      + "answer = EXCLUDED.answer, created_at = now() WHERE k.created_at < now() - make_interval(hours => $5) "
      + "RETURNING 1";
  static final String FIND_IDEMPOTENCY_KEY = "SELECT request_sha256, answer FROM epr_idempotency_keys "
      + "WHERE endpoint = $1 AND idempotency_key = $2 AND created_at >= now() - make_interval(hours => $3)";
  static final String FORGET_IDEMPOTENCY_KEYS = "DELETE FROM epr_idempotency_keys WHERE ctid = ANY(ARRAY("
      + "SELECT ctid FROM epr_idempotency_keys WHERE created_at < now() - make_interval(hours => $1) LIMIT $2))";
}
