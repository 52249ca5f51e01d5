-- The log is the outbox (issue 14). Every record to deliver is written once, in the ingest transaction, whatever the
-- number of sinks that take it; each sink keeps its own place in the log and moves it once per delivered batch. Only
-- failures get rows of their own (epr_retries, epr_dead_letters). Records are read in (txid, position) order and only
-- once no transaction that could still commit a smaller one runs: txid < xmin of the reader's snapshot.
-- Needs every instance of the service stopped while it runs: an older instance writes epr_outbox, which becomes a view.
CREATE TABLE epr_log (
  position   bigserial,
  txid       xid8        NOT NULL DEFAULT pg_current_xact_id(),
  record_id  text        NOT NULL,           -- stable across re-deliveries, sent as a header
  topic      text        NOT NULL,
  record_key text,
  headers    jsonb,
  payload    text        NOT NULL,
  sinks      text[]      NOT NULL,           -- the sinks that take this record: {kafka}, {kafka,cdviz}
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (txid, position)
);

-- Where each sink is in the log (every record at or before (txid, position) is settled for it), and which instance
-- delivers to it now: one at a time, until lease_until unless it renews the lease.
CREATE TABLE epr_sink_positions (
  sink        text        PRIMARY KEY,
  txid        xid8        NOT NULL DEFAULT '0',
  position    bigint      NOT NULL DEFAULT 0,
  owner       text,
  lease_until timestamptz
);

-- A record a sink failed to take while later ones went through: a copy, retried with backoff.
CREATE TABLE epr_retries (
  id              bigint      PRIMARY KEY,
  sink            text        NOT NULL,
  record_id       text        NOT NULL,
  topic           text        NOT NULL,
  record_key      text,
  headers         jsonb,
  payload         text        NOT NULL,
  attempts        integer     NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error      text,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX epr_retries_due ON epr_retries (sink, next_attempt_at);
CREATE INDEX epr_retries_record ON epr_retries (record_id);
CREATE INDEX epr_dead_letters_record ON epr_dead_letters (record_id);

-- What the old outbox still held is retried from epr_retries, with the attempts it had.
INSERT INTO epr_retries (id, sink, record_id, topic, record_key, headers, payload, attempts, next_attempt_at,
    last_error, created_at)
  SELECT id, sink, record_id, topic, record_key, headers, payload, attempts, now(), last_error, created_at
  FROM epr_outbox;

-- CDEvents know their log record; their delivery flags are derived from the sinks' positions from now on. The flags
-- of CDEvents recorded before stay as they were, read as "sent to that sink": those still waiting (now retries) or
-- dead are marked so, and count as delivered once they are neither.
ALTER TABLE epr_cdevents ADD COLUMN log_txid xid8, ADD COLUMN log_position bigint;
ALTER TABLE epr_cdevents ALTER COLUMN log_txid SET DEFAULT pg_current_xact_id();
UPDATE epr_cdevents c SET kafka_delivered = true WHERE NOT c.kafka_delivered AND EXISTS (
  SELECT 1 FROM epr_retries r WHERE r.sink = 'kafka' AND r.record_id = c.id
  UNION ALL SELECT 1 FROM epr_dead_letters d WHERE d.sink = 'kafka' AND d.record_id = c.id);
UPDATE epr_cdevents c SET cdviz_delivered = true WHERE NOT c.cdviz_delivered AND EXISTS (
  SELECT 1 FROM epr_retries r WHERE r.sink = 'cdviz' AND r.record_id = c.id
  UNION ALL SELECT 1 FROM epr_dead_letters d WHERE d.sink = 'cdviz' AND d.record_id = c.id);

-- Retries and dead letters share one sequence of ids (a dead letter keeps its id through a retry): the outbox's.
ALTER SEQUENCE epr_outbox_id_seq OWNED BY epr_retries.id;
ALTER SEQUENCE epr_outbox_id_seq RENAME TO epr_retries_id_seq;
ALTER TABLE epr_retries ALTER COLUMN id SET DEFAULT nextval('epr_retries_id_seq');
DROP TABLE epr_outbox;

-- What each sink has still to deliver: the records past its position that it takes, and its retries. For operators
-- and tests; the dispatcher reads the tables.
CREATE VIEW epr_outbox AS
  SELECT NULL::bigint AS id, p.sink, l.position, l.record_id, l.topic, l.record_key, l.headers, l.payload,
    0 AS attempts, NULL::text AS last_error, l.created_at
  FROM epr_sink_positions p CROSS JOIN LATERAL (
    -- OFFSET 0: one range of the log's index per sink, from its position (the log is not scanned whole)
    SELECT * FROM epr_log l WHERE (l.txid, l.position) > (p.txid, p.position) AND p.sink = ANY (l.sinks) OFFSET 0) l
  UNION ALL
  SELECT r.id, r.sink, NULL, r.record_id, r.topic, r.record_key, r.headers, r.payload, r.attempts, r.last_error,
    r.created_at
  FROM epr_retries r;
