package sqlstore

import (
	"context"

	"github.com/securebase/securebase"
)

// bulkRows is how many entries one INSERT carries: 8 values each, well
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
