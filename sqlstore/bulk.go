package sqlstore

import (
	"context"
	"database/sql"
	"strings"

	"github.com/securebase/securebase"
)

// bulkRows is how many entries one INSERT carries: 8 values each, well
// under SQLite's and PostgreSQL's limits on bound parameters.
const bulkRows = 250

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
				args = append(args, a.UserID, e.ID, string(e.Kind), ms(e.OccurredAt), created, updated, e.Version,
					a.Key.Seal(e.Data, entryAD(a.UserID, e.ID, e.Version)))
			}
			query := "INSERT INTO entries (user_id, id, kind, occurred_at, created_at, updated_at, version, data) VALUES " +
				strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?, ?, ?, ?), ", len(batch)), ", ") +
				" ON CONFLICT (user_id, id) DO NOTHING"
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
