-- Delivered records leave the log: a record that every sink has passed is deleted (outbox.LogPruner), so the log
-- holds what is still owed and a little more, not every record ever written. A CDEvent's delivery is then judged
-- without its record: the CDEvent keeps the sinks that take it.
ALTER TABLE epr_cdevents ADD COLUMN sinks text[];
UPDATE epr_cdevents c SET sinks = l.sinks FROM epr_log l WHERE l.txid = c.log_txid AND l.position = c.log_position;

-- The log is a queue: rows leave at its head all the time. Vacuumed after a few thousand deletions rather than after
-- a fifth of the table, so readers and the pruner do not walk over dead rows.
ALTER TABLE epr_log SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000);
