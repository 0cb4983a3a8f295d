package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/securebase/securebase"
)

var errUsernameTaken = &securebase.Error{Code: securebase.ECONFLICT, Message: "That username is taken. Try another.",
	Fields: map[string]string{"username": "That username is taken. Try another."}}

// CreateUser implements securebase.UserService. The caller chooses u.ID
// (the data key's wrapping is bound to it before the row exists). A taken
// username is ECONFLICT; the unique index decides, so instances cannot race.
func (db *DB) CreateUser(ctx context.Context, u *securebase.User) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		var taken int
		err := tx.QueryRowContext(ctx, db.q("SELECT COUNT(*) FROM users WHERE username = ?"), u.Username).Scan(&taken)
		if err != nil {
			return err
		}
		if taken > 0 {
			return errUsernameTaken
		}
		_, err = tx.ExecContext(ctx, db.q(`INSERT INTO users
			(id, username, created_at, password_hash, password_wrap, recovery_wrap, recipients, key_epoch)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
			u.ID, u.Username, ms(u.CreatedAt), u.PasswordHash, u.PasswordWrap, u.RecoveryWrap, u.Recipients, u.KeyEpoch)
		if isUniqueViolation(err) {
			// Two instances raced for the name (or, once in 2^53, the id).
			return errUsernameTaken
		}
		return err
	})
}

const userColumns = "id, username, created_at, password_hash, password_wrap, recovery_wrap, prefs, prefs_version, recipients, key_epoch"

func scanUser(r row) (*securebase.User, error) {
	var u securebase.User
	var created int64
	err := r.Scan(&u.ID, &u.Username, &created, &u.PasswordHash, &u.PasswordWrap, &u.RecoveryWrap, &u.SealedPrefs, &u.PrefsVersion,
		&u.Recipients, &u.KeyEpoch)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, securebase.Errorf(securebase.ENOTFOUND, "We couldn't find that account.")
	}
	u.CreatedAt = fromMS(created)
	return &u, err
}

// FindUserByName implements securebase.UserService.
func (db *DB) FindUserByName(ctx context.Context, username string) (*securebase.User, error) {
	return scanUser(db.readRow(ctx, "SELECT "+userColumns+" FROM users WHERE username = ?", username))
}

// FindUser implements securebase.UserService.
func (db *DB) FindUser(ctx context.Context, id int64) (*securebase.User, error) {
	return scanUser(db.readRow(ctx, "SELECT "+userColumns+" FROM users WHERE id = ?", id))
}

// UpdateWraps implements securebase.UserService.
func (db *DB) UpdateWraps(ctx context.Context, u *securebase.User) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, db.q(`UPDATE users SET password_hash = ?, password_wrap = ?, recovery_wrap = ?, recipients = ?
			WHERE id = ? AND key_epoch = ?`),
			u.PasswordHash, u.PasswordWrap, u.RecoveryWrap, u.Recipients, u.ID, u.KeyEpoch)
		if n, err := affected(res, err); err != nil || n == 1 {
			return err
		}
		return errStale
	})
}

// UpdatePrefs implements securebase.UserService. Prefs are sealed with the
// user's key; their version goes into the associated data. Only a key of
// the current epoch may seal them.
func (db *DB) UpdatePrefs(ctx context.Context, a securebase.Actor, p securebase.Prefs) error {
	plain, err := json.Marshal(p)
	if err != nil {
		return err
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		var v int
		err := tx.QueryRowContext(ctx, db.q("SELECT prefs_version FROM users WHERE id = ? AND key_epoch = ?"+db.forUpdate()),
			a.UserID, a.Epoch).Scan(&v)
		if errors.Is(err, sql.ErrNoRows) {
			return errStale
		}
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, db.q("UPDATE users SET prefs = ?, prefs_version = ? WHERE id = ?"),
			a.Key.Seal(plain, securebase.PrefsAD(a.UserID, v+1)), v+1, a.UserID)
		return err
	})
}

// DeleteUser implements securebase.UserService. Rows go in one transaction.
// The user row goes first: its lock is the one every write and every key
// rotation takes first, so deleting in the same order cannot deadlock with
// them; entries and sessions follow by cascade, and are named here too so
// the intent is plain. On SQLite, secure_delete has zeroed the freed pages
// and a checkpoint then moves them into the main file and truncates the WAL.
func (db *DB) DeleteUser(ctx context.Context, id int64) error {
	err := db.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, db.q("DELETE FROM users WHERE id = ?"), id)
		if err := mustAffect(res, err); err != nil {
			return err
		}
		for _, table := range []string{"entries", "entry_stamps", "sessions", "calendar_feeds"} {
			if _, err := tx.ExecContext(ctx, db.q("DELETE FROM "+table+" WHERE user_id = ?"), id); err != nil {
				return err
			}
		}
		return deletePartnerRows(ctx, tx, db, id)
	})
	if err != nil {
		return err
	}
	return db.Checkpoint(ctx)
}

// CountUsers implements securebase.UserService.
func (db *DB) CountUsers(ctx context.Context) (int, error) {
	var n int
	err := db.reader.QueryRowContext(ctx, "SELECT COUNT(*) FROM users").Scan(&n)
	return n, err
}

// Checkpoint copies SQLite's WAL into the main file and truncates it. It
// does nothing on PostgreSQL.
func (db *DB) Checkpoint(ctx context.Context) error {
	if db.dialect != SQLite {
		return nil
	}
	var busy, logFrames, done int
	err := db.writer.QueryRowContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &logFrames, &done)
	if err != nil {
		return fmt.Errorf("checkpoint: %w", err)
	}
	return nil
}

// errStale answers a write made with a key that is no longer the person's:
// their credentials changed, or the account was deleted, while the
// request was on its way. The session that made it has ended too.
var errStale = securebase.Errorf(securebase.EUNAUTHORIZED, "Your session has ended. Please sign in again.")

// forShare locks the rows a sub-select reads against change until the
// transaction ends, on PostgreSQL. A write checks the person's key epoch
// with it, so a key rotation (which updates that row first) and the write
// are strictly one after the other. SQLite needs nothing: it has one
// writer at a time.
func (db *DB) forShare() string {
	if db.dialect == Postgres {
		return " FOR SHARE"
	}
	return ""
}

// forUpdate locks a row the transaction will update, on PostgreSQL (a
// share lock there would deadlock two updates that both hold one).
func (db *DB) forUpdate() string {
	if db.dialect == Postgres {
		return " FOR NO KEY UPDATE"
	}
	return ""
}

// current is the condition that a.Epoch is the person's key epoch; its
// arguments are a.UserID and a.Epoch.
func (db *DB) current() string {
	return "EXISTS (SELECT 1 FROM users WHERE id = ? AND key_epoch = ?" + db.forShare() + ")"
}

// staleOrNot tells, after a guarded write changed nothing, whether the
// guard was why: errStale if the key epoch is no longer current (or the
// user is gone), nil if something else stopped the write.
func staleOrNot(ctx context.Context, tx *sql.Tx, db *DB, a securebase.Actor) error {
	var epoch int64
	err := tx.QueryRowContext(ctx, db.q("SELECT key_epoch FROM users WHERE id = ?"), a.UserID).Scan(&epoch)
	if errors.Is(err, sql.ErrNoRows) || err == nil && epoch != a.Epoch {
		return errStale
	}
	return err
}

func affected(res sql.Result, err error) (int64, error) {
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

func mustAffect(res sql.Result, err error) error {
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return securebase.Errorf(securebase.ENOTFOUND, "We couldn't find that.")
	}
	return nil
}

// isUniqueViolation recognises a unique-constraint failure in either
// database by its message, which keeps driver types out of this package.
func isUniqueViolation(err error) bool {
	if err == nil {
		return false
	}
	s := err.Error()
	return strings.Contains(s, "UNIQUE constraint failed") || strings.Contains(s, "SQLSTATE 23505")
}
