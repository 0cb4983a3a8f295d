-- Issue 15 (E5): a person's private calendar feed of practice times.
-- lookup is a hash of the feed's secret (the URL holds the secret, the
-- table only its hash); data is the reminders sealed under a key derived
-- from the secret, so the table alone tells nobody when anyone practises.
CREATE TABLE calendar_feeds (
	user_id    BIGINT  PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
	lookup     BYTEA   NOT NULL UNIQUE,
	data       BYTEA   NOT NULL,
	updated_at BIGINT  NOT NULL
);

-- Today lists everything a person saved on a day, of every kind, in one
-- query (issue 15).
CREATE INDEX entries_user_time ON entries (user_id, occurred_at);
