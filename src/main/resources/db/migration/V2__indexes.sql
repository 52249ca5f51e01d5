-- The latest event of a receiver for one NVRPP (group gating, provenance by NVRPP, searches by name/version).
CREATE INDEX IF NOT EXISTS events_nvrpp_receiver_latest
  ON events (name, version, release, platform_id, package, event_receiver_id, created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS events_receiver ON events (event_receiver_id);
-- Groups containing a receiver, and a group's members in insertion order.
CREATE INDEX IF NOT EXISTS group_members_by_receiver
  ON event_receiver_group_to_event_receivers (event_receiver_id, event_receiver_group_id);
CREATE INDEX IF NOT EXISTS group_members_by_group
  ON event_receiver_group_to_event_receivers (event_receiver_group_id, id);
