package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/securebase/securebase"
)

// RekeyUser implements securebase.UserService: one transaction replaces a
// person's data key.
//
// The user row is updated first, and only while Old.Epoch is current: on
// PostgreSQL that row lock is the one every write (and every new session)
// takes a share of, so writes made under the old key either finished
// before (and are resealed here) or wait and then find the new epoch and
// store nothing. On SQLite the one writer does the same by taking turns.
// Then every entry and the prefs are opened with the old key and sealed
// with the new one (entries under freshly blinded ids, since the blinding
// key comes from the data key), every session and token ends, and the new
// session, if any, is stored. After the commit the files are checkpointed,
// so the old ciphertexts do not stay long in SQLite's WAL.
func (db *DB) RekeyUser(ctx context.Context, r *securebase.Rekey) error {
	u := r.User
	if r.New.UserID != u.ID || r.Old.UserID != u.ID || r.New.Epoch != r.Old.Epoch+1 {
		return fmt.Errorf("rekey user %d: actors and epochs do not match", u.ID)
	}
	err := db.write(ctx, func(tx *sql.Tx) error {
		n, err := affected(tx.ExecContext(ctx, db.q(`UPDATE users SET password_hash = ?, password_wrap = ?, recovery_wrap = ?,
			recipients = ?, key_epoch = ? WHERE id = ? AND key_epoch = ?`),
			u.PasswordHash, u.PasswordWrap, u.RecoveryWrap, u.Recipients, r.New.Epoch, u.ID, r.Old.Epoch))
		if err != nil {
			return err
		}
		if n == 0 {
			return errStale
		}
		if err := db.resealPrefs(ctx, tx, r); err != nil {
			return err
		}
		if err := db.resealEntries(ctx, tx, r); err != nil {
			return err
		}
		if err := db.resealPartnerKey(ctx, tx, r); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, db.q("DELETE FROM sessions WHERE user_id = ?"), u.ID); err != nil {
			return err
		}
		if s := r.Session; s != nil {
			var label []byte
			if s.Label != "" {
				label = r.New.Key.Seal([]byte(s.Label), sessionAD(u.ID, s.ID))
			}
			if _, err := tx.ExecContext(ctx, db.q(`INSERT INTO sessions
				(id, user_id, kind, created_at, last_seen_at, expires_at, key_wrap, label, key_epoch)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
				s.ID, u.ID, s.Kind, ms(s.CreatedAt), ms(s.LastSeenAt), ms(s.ExpiresAt), s.KeyWrap, label, r.New.Epoch); err != nil {
				return err
			}
			s.KeyEpoch = r.New.Epoch
		}
		return nil
	})
	if err != nil {
		return err
	}
	u.KeyEpoch = r.New.Epoch
	return db.Checkpoint(ctx)
}

// resealPrefs seals the prefs under the new key, at the same version, and
// gives r.User the new sealed value.
func (db *DB) resealPrefs(ctx context.Context, tx *sql.Tx, r *securebase.Rekey) error {
	var sealed []byte
	var v int
	if err := tx.QueryRowContext(ctx, db.q("SELECT prefs, prefs_version FROM users WHERE id = ?"), r.User.ID).Scan(&sealed, &v); err != nil {
		return err
	}
	if len(sealed) == 0 {
		return nil
	}
	plain, err := r.Old.Key.Open(sealed, securebase.PrefsAD(r.User.ID, v))
	if err != nil {
		return fmt.Errorf("rekey user %d: prefs do not open: %w", r.User.ID, err)
	}
	resealed := r.New.Key.Seal(plain, securebase.PrefsAD(r.User.ID, v))
	if _, err = tx.ExecContext(ctx, db.q("UPDATE users SET prefs = ? WHERE id = ?"), resealed, r.User.ID); err != nil {
		return err
	}
	r.User.SealedPrefs, r.User.PrefsVersion = resealed, v
	return nil
}

// resealEntries opens every entry of the person with the old key and
// stores it sealed under the new one, under its newly blinded id, at the
// same version (clients keep the versions they hold).
func (db *DB) resealEntries(ctx context.Context, tx *sql.Tx, r *securebase.Rekey) error {
	rows, err := tx.QueryContext(ctx, db.q("SELECT "+entryColumns+" FROM entries WHERE user_id = ?"), r.User.ID)
	if err != nil {
		return err
	}
	var entries []*securebase.Entry
	for rows.Next() {
		e, err := db.scanStored(r, rows)
		if err != nil {
			_ = rows.Close()
			return err
		}
		entries = append(entries, e)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, db.q("DELETE FROM entries WHERE user_id = ?"), r.User.ID); err != nil {
		return err
	}
	args := make([]any, 0, 8*bulkRows)
	for start := 0; start < len(entries); start += bulkRows {
		batch := entries[start:min(start+bulkRows, len(entries))]
		args = args[:0]
		for _, e := range batch {
			stored, sealed := sealEntry(r.New, e, e.Version)
			args = append(args, r.User.ID, stored, string(e.Kind), ms(e.OccurredAt), ms(e.CreatedAt), ms(e.UpdatedAt), e.Version, sealed)
		}
		if _, err := tx.ExecContext(ctx, db.q(insertEntries(len(batch))), args...); err != nil {
			return err
		}
	}
	return db.restamp(ctx, tx, r.User.ID)
}

// scanStored reads one stored entry and opens it with the old key: in
// today's form, or in the first release's (id in the clear, no envelope).
func (db *DB) scanStored(r *securebase.Rekey, rows *sql.Rows) (*securebase.Entry, error) {
	if !r.Legacy {
		e, err := db.scanEntry(r.Old, rows)
		if err != nil {
			return nil, fmt.Errorf("rekey user %d: %w", r.User.ID, err)
		}
		return e, nil
	}
	var e securebase.Entry
	var kind string
	var occurred, created, updated int64
	var sealed []byte
	if err := rows.Scan(&e.ID, &kind, &occurred, &created, &updated, &e.Version, &sealed); err != nil {
		return nil, err
	}
	plain, err := r.Old.Key.Open(sealed, entryAD(r.User.ID, e.ID, e.Version))
	if err != nil {
		return nil, fmt.Errorf("rekey user %d: entry %s does not open: %w", r.User.ID, e.ID, err)
	}
	e.Kind, e.Data = securebase.Kind(kind), plain
	e.OccurredAt, e.CreatedAt, e.UpdatedAt = fromMS(occurred), fromMS(created), fromMS(updated)
	return &e, nil
}

// insertEntries is a plain INSERT of n entries (8 columns each).
func insertEntries(n int) string {
	return "INSERT INTO entries (user_id, id, kind, occurred_at, created_at, updated_at, version, data) VALUES " +
		strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?, ?, ?, ?), ", n), ", ")
}
