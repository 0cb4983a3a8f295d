package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/securebase/securebase"
)

// PutFeed implements securebase.FeedService: one row per person, replaced
// whole, so a new secret ends the old one in the same write.
func (db *DB) PutFeed(ctx context.Context, userID int64, lookup, data []byte, now time.Time) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, db.q(`INSERT INTO calendar_feeds (user_id, lookup, data, updated_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (user_id) DO UPDATE SET lookup = excluded.lookup, data = excluded.data, updated_at = excluded.updated_at`),
			userID, lookup, data, ms(now))
		return err
	})
}

// FeedData implements securebase.FeedService.
func (db *DB) FeedData(ctx context.Context, lookup []byte) ([]byte, time.Time, error) {
	var data []byte
	var updated int64
	err := db.readRow(ctx, "SELECT data, updated_at FROM calendar_feeds WHERE lookup = ?", lookup).Scan(&data, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, time.Time{}, securebase.Errorf(securebase.ENOTFOUND, "There is no calendar at this address.")
	}
	return data, fromMS(updated), err
}

// DeleteFeed implements securebase.FeedService.
func (db *DB) DeleteFeed(ctx context.Context, userID int64) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, db.q("DELETE FROM calendar_feeds WHERE user_id = ?"), userID)
		return err
	})
}
