package sqlstore

import (
	"context"
	"database/sql"
	"errors"

	"github.com/securebase/securebase"
)

// bulkRows is how many entries one INSERT carries: 8 values each, well
// under SQLite's and PostgreSQL's limits on bound parameters.
const bulkRows = 250

// lockCurrent checks, at the start of a transaction, that a's key is the
// person's current one, and on PostgreSQL holds a share lock on the user
// row until the transaction ends: a key rotation waits for the
// transaction, or the transaction finds the new epoch and stores nothing.
func (db *DB) lockCurrent(ctx context.Context, tx *sql.Tx, a securebase.Actor) error {
	var one int
	err := tx.QueryRowContext(ctx, db.q("SELECT 1 FROM users WHERE id = ? AND key_epoch = ?"+db.forShare()), a.UserID, a.Epoch).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return errStale
	}
	return err
}

// CreateEntries stores many entries of one person in one transaction,
// sealed exactly as CreateEntry seals them. It is for imports and for
// seeding benchmarks, where one commit (and one fsync) per entry would
// dominate: 200,000 entries commit once instead of 200,000 times. An id
// the person already has is skipped, as a replayed save is; it returns
// how many entries were added.
func (db *DB) CreateEntries(ctx context.Context, a securebase.Actor, entries []*securebase.Entry) (int, error) {
	now := nowMS()
	args := make([]any, 0, 8*bulkRows)
	added := 0
	err := db.write(ctx, func(tx *sql.Tx) error {
		if err := db.lockCurrent(ctx, tx, a); err != nil {
			return err
		}
		for start := 0; start < len(entries); start += bulkRows {
			batch := entries[start:min(start+bulkRows, len(entries))]
			args = args[:0]
			for _, e := range batch {
				created, updated := now, now
				if !e.CreatedAt.IsZero() {
					created, updated = ms(e.CreatedAt), max(ms(e.UpdatedAt), ms(e.CreatedAt))
				}
				e.Version = 1
				e.CreatedAt, e.UpdatedAt = fromMS(created), fromMS(updated)
				stored, sealed := sealEntry(a, e, e.Version)
				args = append(args, a.UserID, stored, string(e.Kind), ms(e.OccurredAt), created, updated, e.Version, sealed)
			}
			query := insertEntries(len(batch)) + " ON CONFLICT (user_id, id) DO NOTHING"
			res, err := tx.ExecContext(ctx, db.q(query), args...)
			if err != nil {
				return err
			}
			n, err := res.RowsAffected()
			if err != nil {
				return err
			}
			added += int(n)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return added, nil
}
