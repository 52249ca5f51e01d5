-- Transactional outbox: records written in the same transaction as the event that caused them,
-- delivered at least once by the dispatchers of every instance (claimed with FOR UPDATE SKIP LOCKED).
CREATE TABLE epr_outbox (
  id              bigserial   PRIMARY KEY,
  record_id       text        NOT NULL,           -- stable across re-deliveries, sent as a header
  sink            text        NOT NULL,           -- 'kafka'
  topic           text        NOT NULL,
  record_key      text,
  headers         jsonb,
  payload         text        NOT NULL,
  attempts        integer     NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error      text,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX epr_outbox_due ON epr_outbox (next_attempt_at, id);

-- Records that can never be delivered, with the reason; retried through the API.
CREATE TABLE epr_dead_letters (
  id          bigint      PRIMARY KEY,
  record_id   text        NOT NULL,
  sink        text        NOT NULL,
  topic       text        NOT NULL,
  record_key  text,
  headers     jsonb,
  payload     text        NOT NULL,
  attempts    integer     NOT NULL,
  reason      text        NOT NULL,
  created_at  timestamptz NOT NULL,
  failed_at   timestamptz NOT NULL DEFAULT now()
);
