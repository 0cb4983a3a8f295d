package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/securebase/securebase"
)

func entryAD(userID int64, id string, version int) []byte {
	return securebase.AD(userID, "entries", id, version)
}

var errEntryNotFound = securebase.Errorf(securebase.ENOTFOUND, "We couldn't find that entry. It may have been deleted.")

// CreateEntry implements securebase.EntryService. The insert does nothing
// when the id exists for this user; the existing entry is then returned,
// so a save replayed from an offline queue is stored once.
func (db *DB) CreateEntry(ctx context.Context, a securebase.Actor, e *securebase.Entry) (bool, error) {
	now := nowMS()
	created, updated := now, now
	if !e.CreatedAt.IsZero() { // an import keeps the original stamps
		created, updated = ms(e.CreatedAt), max(ms(e.UpdatedAt), ms(e.CreatedAt))
	}
	e.Version = 1
	sealed := a.Key.Seal(e.Data, entryAD(a.UserID, e.ID, e.Version))
	var inserted bool
	err := db.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, db.q(`INSERT INTO entries
			(user_id, id, kind, occurred_at, created_at, updated_at, version, data)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (user_id, id) DO NOTHING`),
			a.UserID, e.ID, string(e.Kind), ms(e.OccurredAt), created, updated, e.Version, sealed)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		inserted = n == 1
		return err
	})
	if err != nil || inserted {
		e.CreatedAt, e.UpdatedAt = fromMS(created), fromMS(updated)
		return inserted, err
	}
	existing, err := db.findEntry(ctx, db.writer, a, "", e.ID)
	if err != nil {
		return false, err
	}
	if existing.Kind != e.Kind {
		return false, securebase.FieldError("id", "That id is already used by another kind of entry.")
	}
	*e = *existing
	return false, nil
}

const entryColumns = "id, kind, occurred_at, created_at, updated_at, version, data"

func (db *DB) scanEntry(a securebase.Actor, r row) (*securebase.Entry, error) {
	var e securebase.Entry
	var kind string
	var occurred, created, updated int64
	var sealed []byte
	if err := r.Scan(&e.ID, &kind, &occurred, &created, &updated, &e.Version, &sealed); err != nil {
		return nil, err
	}
	e.Kind = securebase.Kind(kind)
	e.OccurredAt, e.CreatedAt, e.UpdatedAt = fromMS(occurred), fromMS(created), fromMS(updated)
	plain, err := a.Key.Open(sealed, entryAD(a.UserID, e.ID, e.Version))
	if err != nil {
		return nil, fmt.Errorf("open entry %s of user %d: %w", e.ID, a.UserID, err)
	}
	e.Data = plain
	return &e, nil
}

// FindEntry implements securebase.EntryService. kind "" matches any kind.
func (db *DB) FindEntry(ctx context.Context, a securebase.Actor, kind securebase.Kind, id string) (*securebase.Entry, error) {
	return db.findEntry(ctx, db.reader, a, kind, id)
}

func (db *DB) findEntry(ctx context.Context, conn *sql.DB, a securebase.Actor, kind securebase.Kind, id string) (*securebase.Entry, error) {
	e, err := db.scanEntry(a, db.rowOn(ctx, conn, "SELECT "+entryColumns+" FROM entries WHERE user_id = ? AND id = ?", a.UserID, id))
	if errors.Is(err, sql.ErrNoRows) || err == nil && kind != "" && e.Kind != kind {
		return nil, errEntryNotFound
	}
	return e, err
}

// ListEntries implements securebase.EntryService. The query walks the
// (user_id, kind, occurred_at, id) index backwards and stops at Limit, so
// a page costs the same whatever the table holds.
func (db *DB) ListEntries(ctx context.Context, a securebase.Actor, f securebase.EntryFilter) ([]*securebase.Entry, error) {
	query := "SELECT " + entryColumns + " FROM entries WHERE user_id = ? AND kind = ?"
	args := []any{a.UserID, string(f.Kind)}
	if !f.From.IsZero() {
		query += " AND occurred_at >= ?"
		args = append(args, ms(f.From))
	}
	if !f.To.IsZero() {
		query += " AND occurred_at < ?"
		args = append(args, ms(f.To))
	}
	if f.After != nil {
		// The first condition is implied by the second; it is there so the
		// index range starts at the cursor instead of the newest entry.
		query += " AND occurred_at <= ? AND (occurred_at < ? OR (occurred_at = ? AND id < ?))"
		args = append(args, ms(f.After.OccurredAt), ms(f.After.OccurredAt), ms(f.After.OccurredAt), f.After.ID)
	}
	query += " ORDER BY occurred_at DESC, id DESC"
	if f.Limit > 0 {
		query += " LIMIT ?"
		args = append(args, f.Limit)
	}
	rows, err := db.read(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*securebase.Entry
	for rows.Next() {
		e, err := db.scanEntry(a, rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// UpdateEntry implements securebase.EntryService. The WHERE on version
// makes a concurrent edit lose cleanly (ECONFLICT) instead of silently.
func (db *DB) UpdateEntry(ctx context.Context, a securebase.Actor, e *securebase.Entry) error {
	now := nowMS()
	next := e.Version + 1
	sealed := a.Key.Seal(e.Data, entryAD(a.UserID, e.ID, next))
	err := db.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, db.q(`UPDATE entries SET data = ?, occurred_at = ?, updated_at = ?, version = ?
			WHERE user_id = ? AND id = ? AND kind = ? AND version = ?`),
			sealed, ms(e.OccurredAt), now, next, a.UserID, e.ID, string(e.Kind), e.Version)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 1 {
			return err
		}
		var v int
		err = tx.QueryRowContext(ctx, db.q("SELECT version FROM entries WHERE user_id = ? AND id = ? AND kind = ?"),
			a.UserID, e.ID, string(e.Kind)).Scan(&v)
		if errors.Is(err, sql.ErrNoRows) {
			return errEntryNotFound
		}
		if err != nil {
			return err
		}
		return securebase.Errorf(securebase.ECONFLICT, "This entry changed in another window or device since you opened it. Your text is still here; check the entry and save again.")
	})
	if err == nil {
		e.Version, e.UpdatedAt = next, fromMS(now)
	}
	return err
}

// DeleteEntry implements securebase.EntryService.
func (db *DB) DeleteEntry(ctx context.Context, a securebase.Actor, kind securebase.Kind, id string) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, db.q("DELETE FROM entries WHERE user_id = ? AND id = ? AND kind = ?"), a.UserID, id, string(kind))
		if err := mustAffect(res, err); err != nil {
			return errEntryNotFound
		}
		return nil
	})
}

// CountEntries implements securebase.EntryService.
func (db *DB) CountEntries(ctx context.Context, a securebase.Actor, kind securebase.Kind) (int, error) {
	query, args := "SELECT COUNT(*) FROM entries WHERE user_id = ?", []any{a.UserID}
	if kind != "" {
		query += " AND kind = ?"
		args = append(args, string(kind))
	}
	var n int
	err := db.readRow(ctx, query, args...).Scan(&n)
	return n, err
}
