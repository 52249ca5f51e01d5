-- The Idempotency-Key of each create that sent one, written in the create's own transaction: a retry with the same
-- key and request gets the first answer and stores nothing new. Kept 24 hours (IdempotencyStore.KEPT).
CREATE TABLE epr_idempotency_keys (
  endpoint       varchar(64)  NOT NULL,
  idempotency_key varchar(255) NOT NULL,
  request_sha256 char(64)     NOT NULL,
  answer         varchar(255) NOT NULL,
  created_at     timestamptz  NOT NULL DEFAULT now(),
  PRIMARY KEY (endpoint, idempotency_key)
);
CREATE INDEX epr_idempotency_keys_age ON epr_idempotency_keys (created_at);
