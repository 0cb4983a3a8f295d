-- Accounts, sessions, entries and rate limits. Times are Unix milliseconds,
-- UTC. Everything a person writes is in sealed BLOB columns.

CREATE TABLE users (
	id            INTEGER PRIMARY KEY,
	username      TEXT    NOT NULL UNIQUE,
	created_at    INTEGER NOT NULL,
	password_hash TEXT    NOT NULL,
	password_wrap BLOB    NOT NULL,
	recovery_wrap BLOB    NOT NULL,
	prefs         BLOB,
	prefs_version INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE sessions (
	id           BLOB    PRIMARY KEY,
	user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	kind         TEXT    NOT NULL,
	created_at   INTEGER NOT NULL,
	last_seen_at INTEGER NOT NULL,
	expires_at   INTEGER NOT NULL,
	key_wrap     BLOB    NOT NULL,
	label        BLOB
) WITHOUT ROWID;

CREATE INDEX sessions_user ON sessions (user_id, kind, created_at);

CREATE TABLE entries (
	user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	id          TEXT    NOT NULL,
	kind        TEXT    NOT NULL,
	occurred_at INTEGER NOT NULL,
	created_at  INTEGER NOT NULL,
	updated_at  INTEGER NOT NULL,
	version     INTEGER NOT NULL,
	data        BLOB    NOT NULL,
	PRIMARY KEY (user_id, id)
) WITHOUT ROWID;

CREATE INDEX entries_kind_time ON entries (user_id, kind, occurred_at, id);

CREATE TABLE limits (
	key          TEXT    PRIMARY KEY,
	window_start INTEGER NOT NULL,
	hits         INTEGER NOT NULL
) WITHOUT ROWID;
