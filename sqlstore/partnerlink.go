package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/securebase/securebase"
)

// Linked partners (F7): keys, invitations, links and signals. Every table
// here goes with either person's account (ON DELETE CASCADE) and DeleteUser
// names them too.

var (
	errNoInvite = securebase.Errorf(securebase.ENOTFOUND,
		"That code doesn't work. It may be mistyped, used, or out of time. Ask for a new one if you both want to link.")
	errLinked = securebase.Errorf(securebase.ECONFLICT,
		"One of you is already linked. A person can have one link at a time.")
	errNotLinked = securebase.Errorf(securebase.ENOTFOUND, "You're not linked with anyone.")
)

// SetPartnerKey implements securebase.LinkService. A linked person's key
// is never replaced: the partner's signals to them are sealed to it.
func (db *DB) SetPartnerKey(ctx context.Context, a securebase.Actor, public, sealed []byte) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		if linked, err := isLinked(ctx, tx, db, a.UserID); err != nil {
			return err
		} else if linked {
			return errLinked
		}
		n, err := affected(tx.ExecContext(ctx, db.q(`INSERT INTO partner_keys (user_id, public, private)
			SELECT ?, ?, ? WHERE `+db.current()+`
			ON CONFLICT (user_id) DO UPDATE SET public = excluded.public, private = excluded.private`),
			a.UserID, public, sealed, a.UserID, a.Epoch))
		if err != nil {
			return err
		}
		if n == 0 {
			return errStale
		}
		return nil
	})
}

// PartnerKey implements securebase.LinkService.
func (db *DB) PartnerKey(ctx context.Context, userID int64) (public, sealed []byte, err error) {
	err = db.readRow(ctx, "SELECT public, private FROM partner_keys WHERE user_id = ?", userID).Scan(&public, &sealed)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, securebase.Errorf(securebase.ENOTFOUND, "No key yet.")
	}
	return public, sealed, err
}

// CreateInvite implements securebase.LinkService.
func (db *DB) CreateInvite(ctx context.Context, inv securebase.Invite) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		if linked, err := isLinked(ctx, tx, db, inv.UserID); err != nil {
			return err
		} else if linked {
			return errLinked
		}
		if _, err := tx.ExecContext(ctx, db.q("DELETE FROM partner_invites WHERE user_id = ?"), inv.UserID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, db.q("INSERT INTO partner_invites (hash, user_id, expires_at) VALUES (?, ?, ?)"),
			inv.Hash, inv.UserID, ms(inv.ExpiresAt))
		return err
	})
}

func isLinked(ctx context.Context, tx *sql.Tx, db *DB, userID int64) (bool, error) {
	var n int
	err := tx.QueryRowContext(ctx, db.q("SELECT COUNT(*) FROM partner_links WHERE user_id = ?"), userID).Scan(&n)
	return n > 0, err
}

// AcceptInvite implements securebase.LinkService.
func (db *DB) AcceptInvite(ctx context.Context, userID int64, hash []byte, linkID string, now time.Time) (*securebase.Link, error) {
	var l *securebase.Link
	err := db.write(ctx, func(tx *sql.Tx) error {
		var inviter int64
		var expires int64
		err := tx.QueryRowContext(ctx, db.q("SELECT user_id, expires_at FROM partner_invites WHERE hash = ?"+db.forUpdate()), hash).Scan(&inviter, &expires)
		if errors.Is(err, sql.ErrNoRows) {
			return errNoInvite
		}
		if err != nil {
			return err
		}
		if expires <= ms(now) {
			if _, err := tx.ExecContext(ctx, db.q("DELETE FROM partner_invites WHERE hash = ?"), hash); err != nil {
				return err
			}
			return errNoInvite
		}
		if inviter == userID {
			return securebase.Errorf(securebase.ECONFLICT, "That's your own code. Your partner enters it on their phone.")
		}
		for _, id := range []int64{inviter, userID} {
			if linked, err := isLinked(ctx, tx, db, id); err != nil {
				return err
			} else if linked {
				return errLinked
			}
		}
		if _, err := tx.ExecContext(ctx, db.q("DELETE FROM partner_invites WHERE user_id IN (?, ?)"), inviter, userID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, db.q("INSERT INTO partner_links (user_id, partner_id, link_id) VALUES (?, ?, ?), (?, ?, ?)"),
			inviter, userID, linkID, userID, inviter, linkID); err != nil {
			if isUniqueViolation(err) {
				return errLinked
			}
			return err
		}
		l = &securebase.Link{ID: linkID, UserID: userID, PartnerID: inviter}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return l, nil
}

// FindLink implements securebase.LinkService.
func (db *DB) FindLink(ctx context.Context, userID int64) (*securebase.Link, error) {
	l := securebase.Link{UserID: userID}
	var muted sql.NullInt64
	err := db.readRow(ctx, "SELECT link_id, partner_id, muted_until FROM partner_links WHERE user_id = ?", userID).Scan(&l.ID, &l.PartnerID, &muted)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNotLinked
	}
	if err != nil {
		return nil, err
	}
	if muted.Valid {
		l.MutedUntil = fromMS(muted.Int64)
	}
	return &l, nil
}

// Unlink implements securebase.LinkService: the link's two rows, every
// signal of the link and both people's open invitations go in one
// transaction.
func (db *DB) Unlink(ctx context.Context, userID int64) error {
	err := db.write(ctx, func(tx *sql.Tx) error {
		var linkID string
		var partnerID int64
		err := tx.QueryRowContext(ctx, db.q("SELECT link_id, partner_id FROM partner_links WHERE user_id = ?"+db.forUpdate()), userID).Scan(&linkID, &partnerID)
		if errors.Is(err, sql.ErrNoRows) {
			_, err = tx.ExecContext(ctx, db.q("DELETE FROM partner_invites WHERE user_id = ?"), userID)
			return err
		}
		if err != nil {
			return err
		}
		for _, q := range []string{
			"DELETE FROM partner_links WHERE link_id = ?",
			"DELETE FROM partner_signals WHERE link_id = ?",
		} {
			if _, err := tx.ExecContext(ctx, db.q(q), linkID); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, db.q("DELETE FROM partner_invites WHERE user_id IN (?, ?)"), userID, partnerID)
		return err
	})
	if err != nil {
		return err
	}
	return db.Checkpoint(ctx)
}

// SendSignal implements securebase.LinkService. The sender's side of the
// link is locked first (on PostgreSQL), so parallel sends of one person
// are counted one after another, and an unlink either comes before (and
// the send finds no link) or after (and deletes the signal).
func (db *DB) SendSignal(ctx context.Context, sig *securebase.SealedSignal, allow func(sent []time.Time) error) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		var partnerID int64
		err := tx.QueryRowContext(ctx, db.q("SELECT partner_id FROM partner_links WHERE user_id = ? AND link_id = ?"+db.forUpdate()),
			sig.From, sig.LinkID).Scan(&partnerID)
		if errors.Is(err, sql.ErrNoRows) || err == nil && partnerID != sig.To {
			return errNotLinked
		}
		if err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, db.q("SELECT sent_at FROM partner_signals WHERE sender_id = ? AND sent_at > ?"),
			sig.From, ms(sig.SentAt.Add(-24*time.Hour)))
		if err != nil {
			return err
		}
		var sent []time.Time
		for rows.Next() {
			var at int64
			if err := rows.Scan(&at); err != nil {
				_ = rows.Close()
				return err
			}
			sent = append(sent, fromMS(at))
		}
		if err := errors.Join(rows.Err(), rows.Close()); err != nil {
			return err
		}
		if err := allow(sent); err != nil {
			return err
		}
		// A recipient who has muted signals gets no copy: the row is the
		// sender's own, sealed to their own key (docs/partner-safety.md 5).
		var muted sql.NullInt64
		err = tx.QueryRowContext(ctx, db.q("SELECT muted_until FROM partner_links WHERE user_id = ? AND link_id = ?"),
			sig.To, sig.LinkID).Scan(&muted)
		if errors.Is(err, sql.ErrNoRows) {
			return errNotLinked
		}
		if err != nil {
			return err
		}
		sealed, senderOnly := sig.Sealed, 0
		if muted.Valid && muted.Int64 > ms(sig.SentAt) {
			if len(sig.SelfSealed) == 0 {
				return errors.New("sqlstore: a signal to someone muted needs the sender's own copy")
			}
			sealed, senderOnly = sig.SelfSealed, 1
		}
		_, err = tx.ExecContext(ctx, db.q(`INSERT INTO partner_signals (id, link_id, sender_id, recipient_id, sent_at, sealed, sender_only)
			VALUES (?, ?, ?, ?, ?, ?, ?)`), sig.ID, sig.LinkID, sig.From, sig.To, ms(sig.SentAt), sealed, senderOnly)
		return err
	})
}

// SetMute implements securebase.LinkService.
func (db *DB) SetMute(ctx context.Context, userID int64, until time.Time) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		var v any
		if !until.IsZero() {
			v = ms(until)
		}
		n, err := affected(tx.ExecContext(ctx, db.q("UPDATE partner_links SET muted_until = ? WHERE user_id = ?"), v, userID))
		if err != nil {
			return err
		}
		if n == 0 {
			return errNotLinked
		}
		return nil
	})
}

// ListSignals implements securebase.LinkService.
func (db *DB) ListSignals(ctx context.Context, userID int64, since time.Time) ([]*securebase.SealedSignal, error) {
	rows, err := db.read(ctx, `SELECT id, link_id, sender_id, recipient_id, sent_at, sealed, sender_only FROM partner_signals
		WHERE (sender_id = ? OR (recipient_id = ? AND sender_only = 0)) AND sent_at > ? ORDER BY sent_at, id`, userID, userID, ms(since))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*securebase.SealedSignal
	for rows.Next() {
		var s securebase.SealedSignal
		var at, senderOnly int64
		if err := rows.Scan(&s.ID, &s.LinkID, &s.From, &s.To, &at, &s.Sealed, &senderOnly); err != nil {
			return nil, err
		}
		s.SentAt, s.SenderOnly = fromMS(at), senderOnly != 0
		out = append(out, &s)
	}
	return out, rows.Err()
}

// DeleteOldSignals implements securebase.LinkService.
func (db *DB) DeleteOldSignals(ctx context.Context, before time.Time) (int64, error) {
	var n int64
	err := db.write(ctx, func(tx *sql.Tx) error {
		var err error
		n, err = affected(tx.ExecContext(ctx, db.q("DELETE FROM partner_signals WHERE sent_at < ?"), ms(before)))
		return err
	})
	return n, err
}

// resealPartnerKey seals the person's private signal key under the new
// data key (rekey.go), if they have one.
func (db *DB) resealPartnerKey(ctx context.Context, tx *sql.Tx, r *securebase.Rekey) error {
	var sealed []byte
	err := tx.QueryRowContext(ctx, db.q("SELECT private FROM partner_keys WHERE user_id = ?"), r.User.ID).Scan(&sealed)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	plain, err := r.Old.Key.Open(sealed, securebase.PartnerKeyAD(r.User.ID))
	if err != nil {
		return fmt.Errorf("rekey user %d: partner key does not open: %w", r.User.ID, err)
	}
	_, err = tx.ExecContext(ctx, db.q("UPDATE partner_keys SET private = ? WHERE user_id = ?"),
		r.New.Key.Seal(plain, securebase.PartnerKeyAD(r.User.ID)), r.User.ID)
	return err
}

// deletePartnerRows deletes a deleted person's link (both sides), the
// signals of it and their key and invitation; the cascade would too.
func deletePartnerRows(ctx context.Context, tx *sql.Tx, db *DB, id int64) error {
	for _, q := range []string{
		"DELETE FROM partner_signals WHERE sender_id = ? OR recipient_id = ?",
		"DELETE FROM partner_links WHERE user_id = ? OR partner_id = ?",
	} {
		if _, err := tx.ExecContext(ctx, db.q(q), id, id); err != nil {
			return err
		}
	}
	for _, table := range []string{"partner_invites", "partner_keys"} {
		if _, err := tx.ExecContext(ctx, db.q("DELETE FROM "+table+" WHERE user_id = ?"), id); err != nil {
			return err
		}
	}
	return nil
}
