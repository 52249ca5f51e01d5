-- A console's search for events (RegistryStore.search): newest first, by time range, and by prefixes of name and
-- release (text_pattern_ops: a prefix is a range of the index whatever the database's collation). Each index holds the
-- time and id, so a page is found in the index alone. A prefix of the version, platform or package comes with a name,
-- or matches enough events that the newest are found at once.
CREATE INDEX events_newest ON events (created_at, id);
CREATE INDEX events_name_prefix ON events (name text_pattern_ops, created_at, id);
CREATE INDEX events_release_prefix ON events (release text_pattern_ops, created_at, id);
