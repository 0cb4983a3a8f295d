package sqlstore

import (
	"context"
	"database/sql"
	"errors"

	"github.com/securebase/securebase"
)

// bulkRows is how many entries one INSERT carries: 8 values a row stays
// under SQLite's and PostgreSQL's limits on bound parameters.
const bulkRows = 250

// CreateEntries stores many entries of one person in one transaction, as
// ImportEntries does. It is for seeding benchmarks, where one commit (and
// one fsync) per entry would dominate: 200,000 entries commit once instead
// of 200,000 times. It returns how many entries were added.
func (db *DB) CreateEntries(ctx context.Context, a securebase.Actor, entries []*securebase.Entry) (int, error) {
	return db.ImportEntries(ctx, a, func(yield func(*securebase.Entry, error) bool) {
		for _, e := range entries {
			if !yield(e, nil) {
				return
			}
		}
	})
}

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
