package sqlstore

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"time"
)

// Hit implements securebase.LimitService with one atomic upsert, so
// concurrent attempts on any number of instances are all counted.
func (db *DB) Hit(ctx context.Context, key string, window time.Duration, now time.Time) (int, error) {
	var hits int
	err := db.write(ctx, func(tx *sql.Tx) error {
		stale := ms(now.Add(-window))
		return tx.QueryRowContext(ctx, db.q(`INSERT INTO limits (key, window_start, hits) VALUES (?, ?, 1)
			ON CONFLICT (key) DO UPDATE SET
				hits = CASE WHEN limits.window_start <= ? THEN 1 ELSE limits.hits + 1 END,
				window_start = CASE WHEN limits.window_start <= ? THEN excluded.window_start ELSE limits.window_start END
			RETURNING hits`), key, ms(now), stale, stale).Scan(&hits)
	})
	return hits, err
}

// Forgive implements securebase.LimitService.
func (db *DB) Forgive(ctx context.Context, key string) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, db.q("UPDATE limits SET hits = hits - 1 WHERE key = ? AND hits > 0"), key)
		return err
	})
}

// Reset implements securebase.LimitService.
func (db *DB) Reset(ctx context.Context, key string) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, db.q("DELETE FROM limits WHERE key = ?"), key)
		return err
	})
}

// DeleteStaleLimits implements securebase.LimitService.
func (db *DB) DeleteStaleLimits(ctx context.Context, before time.Time) (int64, error) {
	var n int64
	err := db.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, db.q("DELETE FROM limits WHERE window_start < ?"), ms(before))
		if n, err = affected(res, err); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, db.q("DELETE FROM limit_secrets WHERE created_at < ?"), ms(before))
		return err
	})
	return n, err
}

// LimitSecret implements securebase.LimitService. The first instance to
// ask for a period's secret makes it; the insert does nothing for every
// other, and all of them read back the one that was stored.
func (db *DB) LimitSecret(ctx context.Context, period string, now time.Time) ([]byte, error) {
	var secret []byte
	err := db.readRow(ctx, "SELECT secret FROM limit_secrets WHERE period = ?", period).Scan(&secret)
	if err == nil {
		return secret, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return nil, err
	}
	fresh := make([]byte, 32)
	_, _ = rand.Read(fresh)
	err = db.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, db.q(`INSERT INTO limit_secrets (period, secret, created_at) VALUES (?, ?, ?)
			ON CONFLICT (period) DO NOTHING`), period, fresh, ms(now)); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, db.q("SELECT secret FROM limit_secrets WHERE period = ?"), period).Scan(&secret)
	})
	return secret, err
}
