-- Issue 16 (F7): linked partners. See docs/partner-safety.md.
--
-- partner_keys: a person's signal key pair; private is sealed under their
-- data key (resealed with it). partner_invites: an open invitation, by a
-- keyed hash of its code, one per person. partner_links: one row per side
-- of a link, so a person is in at most one link (user_id is the key).
-- partner_signals: signals sealed from sender to recipient. Every row
-- goes with either person's account; unlinking deletes the pair's rows.
CREATE TABLE partner_keys (
	user_id INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
	public  BLOB    NOT NULL,
	private BLOB    NOT NULL
);

CREATE TABLE partner_invites (
	hash       BLOB    PRIMARY KEY,
	user_id    INTEGER NOT NULL UNIQUE REFERENCES users (id) ON DELETE CASCADE,
	expires_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE partner_links (
	user_id    INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
	partner_id INTEGER NOT NULL UNIQUE REFERENCES users (id) ON DELETE CASCADE,
	link_id    TEXT    NOT NULL
);

CREATE TABLE partner_signals (
	id           TEXT    PRIMARY KEY,
	link_id      TEXT    NOT NULL,
	sender_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	recipient_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	sent_at      INTEGER NOT NULL,
	sealed       BLOB    NOT NULL
) WITHOUT ROWID;

CREATE INDEX partner_signals_sender ON partner_signals (sender_id, sent_at);
CREATE INDEX partner_signals_recipient ON partner_signals (recipient_id, sent_at);
CREATE INDEX partner_signals_link ON partner_signals (link_id);
