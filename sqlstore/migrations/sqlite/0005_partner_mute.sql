-- Issue 16 (F7): mute (docs/partner-safety.md section 5).
--
-- partner_links.muted_until: until when this side has muted signals, in
-- ms (NULL: not muted; the largest value: until they turn them back on).
-- partner_signals.sender_only: 1 for a signal sent while its recipient had
-- muted signals: the row is the sender's own copy, sealed to the sender's
-- own key, so their list and send limit are the same as without a mute,
-- and the recipient never reads it. There is no recipient's copy.
ALTER TABLE partner_links ADD COLUMN muted_until INTEGER;
ALTER TABLE partner_signals ADD COLUMN sender_only INTEGER NOT NULL DEFAULT 0;
