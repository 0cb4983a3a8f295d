package sqlstore

import (
	"context"
	"database/sql"
	"iter"

	"github.com/securebase/securebase"
)

// ImportEntries implements securebase.EntryService: every entry the
// sequence yields is stored in one transaction, sealed as CreateEntry seals
// it, or none is when the sequence, the database or ctx fails (a client
// that goes away cancels ctx). An id the person already has is skipped, as
// a replayed save is. Entries go in batches of bulkRows, so the memory an
// import takes does not grow with its size.
func (db *DB) ImportEntries(ctx context.Context, a securebase.Actor, entries iter.Seq2[*securebase.Entry, error]) (int, error) {
	now := nowMS()
	added := 0
	err := db.write(ctx, func(tx *sql.Tx) error {
		if err := db.lockCurrent(ctx, tx, a); err != nil {
			return err
		}
		batch := make([]any, 0, 8*bulkRows)
		flush := func() error {
			if len(batch) == 0 {
				return nil
			}
			rows := len(batch) / 8
			query := insertEntries(rows) + " ON CONFLICT (user_id, id) DO NOTHING"
			res, err := tx.ExecContext(ctx, db.q(query), batch...)
			if err != nil {
				return err
			}
			n, err := res.RowsAffected()
			added += int(n)
			batch = batch[:0]
			return err
		}
		for e, err := range entries {
			if err != nil {
				return err
			}
			created, updated := now, now
			if !e.CreatedAt.IsZero() {
				created, updated = ms(e.CreatedAt), max(ms(e.UpdatedAt), ms(e.CreatedAt))
			}
			e.Version = 1
			stored, sealed := sealEntry(a, e, e.Version)
			batch = append(batch, a.UserID, stored, string(e.Kind), ms(e.OccurredAt), created, updated, e.Version, sealed)
			if len(batch) == cap(batch) {
				if err := flush(); err != nil {
					return err
				}
			}
		}
		if err := flush(); err != nil || added == 0 {
			return err
		}
		return db.restamp(ctx, tx, a.UserID)
	})
	if err != nil {
		return 0, err
	}
	return added, nil
}
