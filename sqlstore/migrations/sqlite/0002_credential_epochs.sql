-- Issue 10: credential epochs, data-key rotation, opaque ids, keyed
-- rate-limit names.
--
-- key_epoch counts replacements of a person's data key; a session (and
-- every write) counts only while its epoch is the person's current one.
-- recipients holds the public keys of the password and the recovery key,
-- sealed under the data key. An account with recipients NULL is still
-- wrapped the first release's way; it is rewrapped and resealed at its
-- next sign-in or reset.
ALTER TABLE users ADD COLUMN key_epoch INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN recipients BLOB;
ALTER TABLE sessions ADD COLUMN key_epoch INTEGER NOT NULL DEFAULT 0;

-- Sessions and tokens made before now cannot carry an epoch they were
-- checked against: everyone signs in once more, and makes new tokens.
DELETE FROM sessions;

-- The random secrets that rate-limit counters are named under, one per
-- period (a day); deleted once the period is over.
CREATE TABLE limit_secrets (
	period     TEXT    PRIMARY KEY,
	secret     BLOB    NOT NULL,
	created_at INTEGER NOT NULL
) WITHOUT ROWID;

-- Counters named by unsalted hashes under the first release's scheme.
DELETE FROM limits;
