-- Issue 15 (speed): a stamp that changes whenever a person's entries do.
-- See the SQLite migration of the same number.
CREATE TABLE entry_stamps (
	user_id BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
	stamp   BIGINT NOT NULL
);
