-- The CDEvents emitted for stored events: what provenance queries report, how runs find their NVRPP's artifacts,
-- and whether each reached Kafka and CDViz.
CREATE TABLE epr_cdevents (
  seq             bigserial   PRIMARY KEY,
  id              text        NOT NULL,           -- context.id (a pass-through CDEvent keeps its own)
  event_id        varchar(255) NOT NULL REFERENCES events (id),
  type            text        NOT NULL,
  subject_id      text        NOT NULL,
  nvrpp           text        NOT NULL,           -- canonical name/version/release/platform_id/package
  kafka_delivered boolean     NOT NULL DEFAULT false,
  cdviz_delivered boolean     NOT NULL DEFAULT false,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX epr_cdevents_nvrpp ON epr_cdevents (nvrpp, type);
CREATE INDEX epr_cdevents_id ON epr_cdevents (id);
CREATE INDEX epr_cdevents_event ON epr_cdevents (event_id);

-- the last retriable error of a record whose retries ran out (reason then says so)
ALTER TABLE epr_dead_letters ADD COLUMN last_error text;
