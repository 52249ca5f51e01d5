-- When each CDEvent says it happened (its context.timestamp: a time from the payload when it gives one, else when the
-- event was stored), so that a build's pipeline runs are shown as they happened, not as they were posted.
-- Rows from before have none; readers fall back to the event's created_at.
ALTER TABLE epr_cdevents ADD COLUMN happened_at timestamptz;
