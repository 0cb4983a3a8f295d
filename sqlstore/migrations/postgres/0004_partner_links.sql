-- Issue 16 (F7): linked partners. See the SQLite migration of the same number.
CREATE TABLE partner_keys (
	user_id BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
	public  BYTEA  NOT NULL,
	private BYTEA  NOT NULL
);

CREATE TABLE partner_invites (
	hash       BYTEA  PRIMARY KEY,
	user_id    BIGINT NOT NULL UNIQUE REFERENCES users (id) ON DELETE CASCADE,
	expires_at BIGINT NOT NULL
);

CREATE TABLE partner_links (
	user_id    BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
	partner_id BIGINT NOT NULL UNIQUE REFERENCES users (id) ON DELETE CASCADE,
	link_id    TEXT   NOT NULL
);

CREATE TABLE partner_signals (
	id           TEXT   PRIMARY KEY,
	link_id      TEXT   NOT NULL,
	sender_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	recipient_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	sent_at      BIGINT NOT NULL,
	sealed       BYTEA  NOT NULL
);

CREATE INDEX partner_signals_sender ON partner_signals (sender_id, sent_at);
CREATE INDEX partner_signals_recipient ON partner_signals (recipient_id, sent_at);
CREATE INDEX partner_signals_link ON partner_signals (link_id);
