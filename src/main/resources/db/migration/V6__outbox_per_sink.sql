-- Each sink's dispatcher claims only its own records, oldest first (Kafka keeps an NVRPP's messages in order).
CREATE INDEX epr_outbox_sink_order ON epr_outbox (sink, id);
DROP INDEX epr_outbox_due;
