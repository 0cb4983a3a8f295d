-- Issue 15 (speed): a stamp that changes whenever a person's entries do.
--
-- Every write to entries (create, update, delete, import, key rotation)
-- sets stamp to a new random value in the same transaction, and the
-- session lookup reads it. What the server keeps in memory about a
-- person's writing (web/practice_cache.go) is keyed on it, so a write made
-- through any instance shows on every instance at the next request. The
-- value is random, not a counter: a copy of the database learns only that
-- something changed, not how many writes or deletions there were.
CREATE TABLE entry_stamps (
	user_id INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
	stamp   INTEGER NOT NULL
);
