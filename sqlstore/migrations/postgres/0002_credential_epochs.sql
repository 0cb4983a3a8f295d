-- Issue 10: credential epochs, data-key rotation, opaque ids, keyed
-- rate-limit names. See the SQLite migration of the same number.
ALTER TABLE users ADD COLUMN key_epoch BIGINT NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN recipients BYTEA;
ALTER TABLE sessions ADD COLUMN key_epoch BIGINT NOT NULL DEFAULT 0;

DELETE FROM sessions;

CREATE TABLE limit_secrets (
	period     TEXT    PRIMARY KEY,
	secret     BYTEA   NOT NULL,
	created_at BIGINT  NOT NULL
);

DELETE FROM limits;
