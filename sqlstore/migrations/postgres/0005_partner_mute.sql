-- Issue 16 (F7): mute. See the SQLite migration of the same number.
ALTER TABLE partner_links ADD COLUMN muted_until BIGINT;
ALTER TABLE partner_signals ADD COLUMN sender_only INTEGER NOT NULL DEFAULT 0;
