package sqlstore

import (
	"context"
	"database/sql"
	"encoding/hex"
	"errors"
	"time"

	"github.com/securebase/securebase"
)

// sessionAD binds a sealed session label to its session row.
func sessionAD(userID int64, id []byte) []byte {
	return securebase.AD(userID, "sessions", hex.EncodeToString(id), 1)
}

// CreateSession implements securebase.SessionService.
func (db *DB) CreateSession(ctx context.Context, a securebase.Actor, s *securebase.Session) error {
	var label []byte
	if s.Label != "" {
		label = a.Key.Seal([]byte(s.Label), sessionAD(a.UserID, s.ID))
	}
	// One statement checks and inserts: the user row is read (and on
	// PostgreSQL share-locked) in the same statement that inserts, so a
	// credential change that commits first makes this insert nothing, and
	// one that comes later finds this session and ends it.
	query := `INSERT INTO sessions (id, user_id, kind, created_at, last_seen_at, expires_at, key_wrap, label, key_epoch)
		SELECT ?, id, ?, ?, ?, ?, ?, ?, key_epoch FROM users WHERE id = ? AND key_epoch = ?`
	args := []any{s.ID, s.Kind, ms(s.CreatedAt), ms(s.LastSeenAt), ms(s.ExpiresAt), s.KeyWrap, label, a.UserID, a.Epoch}
	if s.Parent != nil {
		// Not locked: a key rotation locks the user row and then deletes
		// sessions, so locking the parent here first could deadlock with
		// it. The epoch check is what stops a token begun during a
		// credential change; this one stops a token from a session that
		// has been signed out.
		query += " AND EXISTS (SELECT 1 FROM sessions WHERE id = ? AND user_id = ?)"
		args = append(args, s.Parent, a.UserID)
	}
	query += db.forShare()
	return db.write(ctx, func(tx *sql.Tx) error {
		n, err := affected(tx.ExecContext(ctx, db.q(query), args...))
		if err != nil || n == 1 {
			s.KeyEpoch = a.Epoch
			return err
		}
		return errStale
	})
}

// FindSession implements securebase.SessionService with one query that
// also loads the user, since every signed-in request needs both.
func (db *DB) FindSession(ctx context.Context, id []byte, now time.Time, idle time.Duration) (*securebase.Session, *securebase.User, error) {
	var s securebase.Session
	var created, seen, expires int64
	row := db.readRow(ctx, `SELECT s.kind, s.created_at, s.last_seen_at, s.expires_at, s.key_wrap,
		u.id, u.username, u.created_at, u.password_hash, u.password_wrap, u.recovery_wrap, u.prefs, u.prefs_version
		, u.recipients, u.key_epoch, COALESCE(st.stamp, 0)
		FROM sessions s JOIN users u ON u.id = s.user_id AND u.key_epoch = s.key_epoch
		LEFT JOIN entry_stamps st ON st.user_id = u.id
		WHERE s.id = ? AND (s.expires_at = 0 OR s.expires_at > ?) AND (s.kind = ? OR s.last_seen_at > ?)`,
		id, ms(now), securebase.SessionToken, ms(now.Add(-idle)))
	var u securebase.User
	var userCreated int64
	err := row.Scan(&s.Kind, &created, &seen, &expires, &s.KeyWrap,
		&u.ID, &u.Username, &userCreated, &u.PasswordHash, &u.PasswordWrap, &u.RecoveryWrap, &u.SealedPrefs, &u.PrefsVersion,
		&u.Recipients, &u.KeyEpoch, &u.EntriesStamp)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, securebase.Errorf(securebase.EUNAUTHORIZED, "Your session has ended. Please sign in again.")
	}
	if err != nil {
		return nil, nil, err
	}
	s.ID, s.UserID, s.KeyEpoch = id, u.ID, u.KeyEpoch
	s.CreatedAt, s.LastSeenAt, s.ExpiresAt = fromMS(created), fromMS(seen), fromMS(expires)
	u.CreatedAt = fromMS(userCreated)
	return &s, &u, nil
}

// ListSessions implements securebase.SessionService.
func (db *DB) ListSessions(ctx context.Context, a securebase.Actor, kind string) ([]*securebase.Session, error) {
	rows, err := db.read(ctx, `SELECT id, created_at, last_seen_at, expires_at, label
		FROM sessions WHERE user_id = ? AND kind = ? ORDER BY created_at DESC`, a.UserID, kind)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*securebase.Session
	for rows.Next() {
		s := &securebase.Session{UserID: a.UserID, Kind: kind}
		var created, seen, expires int64
		var label []byte
		if err := rows.Scan(&s.ID, &created, &seen, &expires, &label); err != nil {
			return nil, err
		}
		s.CreatedAt, s.LastSeenAt, s.ExpiresAt = fromMS(created), fromMS(seen), fromMS(expires)
		if label != nil {
			plain, err := a.Key.Open(label, sessionAD(a.UserID, s.ID))
			if err != nil {
				return nil, err
			}
			s.Label = string(plain)
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// DeleteSession implements securebase.SessionService.
func (db *DB) DeleteSession(ctx context.Context, userID int64, id []byte) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, db.q("DELETE FROM sessions WHERE id = ? AND user_id = ?"), id, userID)
		return mustAffect(res, err)
	})
}

// DeleteSessions implements securebase.SessionService.
func (db *DB) DeleteSessions(ctx context.Context, userID int64, kind string) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, db.q("DELETE FROM sessions WHERE user_id = ? AND kind = ?"), userID, kind)
		return err
	})
}

// TouchSession implements securebase.SessionService.
func (db *DB) TouchSession(ctx context.Context, id []byte, at time.Time) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, db.q("UPDATE sessions SET last_seen_at = ? WHERE id = ? AND last_seen_at < ?"), ms(at), id, ms(at))
		return err
	})
}

// DeleteExpiredSessions implements securebase.SessionService.
func (db *DB) DeleteExpiredSessions(ctx context.Context, now time.Time, idle time.Duration) (int64, error) {
	var n int64
	err := db.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, db.q(`DELETE FROM sessions WHERE (expires_at <> 0 AND expires_at <= ?)
			OR (kind <> ? AND last_seen_at <= ?)`), ms(now), securebase.SessionToken, ms(now.Add(-idle)))
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return n, err
}
