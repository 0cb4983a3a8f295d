package sqlstore

import (
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"strconv"

	"github.com/securebase/securebase"
)

// An entry is stored under its blinded id (securebase.Sealer.Blind: a
// keyed hash under the person's key), never the id a client chose or a
// fixed id that names what it is about (fav-staying-3). The id itself is
// sealed with the data, in an envelope:
//
//	0x01 | uvarint len(id) | id | data
//
// and the whole is padded to a size bucket by the key (crypt/pad.go), so
// neither the id nor the length of the data shows at rest. The sealing AD
// names the stored (blinded) id, which is all a reader has before opening.
const envelopeV1 = 0x01

func entryAD(userID int64, storedID string, version int) []byte {
	return securebase.AD(userID, "entries", storedID, version)
}

// envelope puts an entry's id in front of its data.
func envelope(id string, data []byte) []byte {
	out := make([]byte, 0, 1+binary.MaxVarintLen64+len(id)+len(data))
	out = append(out, envelopeV1)
	out = binary.AppendUvarint(out, uint64(len(id)))
	out = append(out, id...)
	return append(out, data...)
}

// unenvelope splits what envelope joined.
func unenvelope(b []byte) (string, []byte, error) {
	if len(b) == 0 || b[0] != envelopeV1 {
		return "", nil, errors.New("entry envelope: unknown format")
	}
	n, k := binary.Uvarint(b[1:])
	if k <= 0 {
		return "", nil, errors.New("entry envelope: bad id length")
	}
	rest := b[1+k:]
	if n > uint64(len(rest)) { // #nosec G115 -- a slice's length is never negative
		return "", nil, errors.New("entry envelope: bad id length")
	}
	return string(rest[:n]), rest[n:], nil
}

// seal returns e sealed under a for its row at version.
func sealEntry(a securebase.Actor, e *securebase.Entry, version int) (stored string, sealed []byte) {
	stored = a.Key.Blind(e.ID)
	return stored, a.Key.Seal(envelope(e.ID, e.Data), entryAD(a.UserID, stored, version))
}

// openEntry opens a stored row's sealed bytes and returns its id and data.
// A row whose envelope names another id than the one it is stored under
// was moved, and does not open.
func openEntry(a securebase.Actor, stored string, version int, sealed []byte) (string, []byte, error) {
	plain, err := a.Key.Open(sealed, entryAD(a.UserID, stored, version))
	if err != nil {
		return "", nil, err
	}
	id, data, err := unenvelope(plain)
	if err != nil {
		return "", nil, err
	}
	if a.Key.Blind(id) != stored {
		return "", nil, errors.New("entry envelope: id does not match the row")
	}
	return id, data, nil
}

var errEntryNotFound = securebase.Errorf(securebase.ENOTFOUND, "We couldn't find that entry. It may have been deleted.")

// CreateEntry implements securebase.EntryService. The insert does nothing
// when the id exists for this user; the existing entry is then returned,
// so a save replayed from an offline queue is stored once. The same
// statement checks that a's key is the person's current one: a save
// racing a credential change or the account's deletion is refused
// (EUNAUTHORIZED), never stored under a key that is gone.
func (db *DB) CreateEntry(ctx context.Context, a securebase.Actor, e *securebase.Entry) (bool, error) {
	now := nowMS()
	created, updated := now, now
	if !e.CreatedAt.IsZero() { // an import keeps the original stamps
		created, updated = ms(e.CreatedAt), max(ms(e.UpdatedAt), ms(e.CreatedAt))
	}
	e.Version = 1
	stored, sealed := sealEntry(a, e, e.Version)
	var inserted bool
	err := db.write(ctx, func(tx *sql.Tx) error {
		n, err := affected(tx.ExecContext(ctx, db.q(`INSERT INTO entries
			(user_id, id, kind, occurred_at, created_at, updated_at, version, data)
			SELECT ?, ?, ?, ?, ?, ?, ?, ? WHERE `+db.current()+` ON CONFLICT (user_id, id) DO NOTHING`),
			a.UserID, stored, string(e.Kind), ms(e.OccurredAt), created, updated, e.Version, sealed, a.UserID, a.Epoch))
		if err != nil {
			return err
		}
		inserted = n == 1
		if inserted {
			return db.restamp(ctx, tx, a.UserID)
		}
		return staleOrNot(ctx, tx, db, a)
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
	var kind, stored string
	var occurred, created, updated int64
	var sealed []byte
	if err := r.Scan(&stored, &kind, &occurred, &created, &updated, &e.Version, &sealed); err != nil {
		return nil, err
	}
	e.Kind = securebase.Kind(kind)
	e.OccurredAt, e.CreatedAt, e.UpdatedAt = fromMS(occurred), fromMS(created), fromMS(updated)
	id, data, err := openEntry(a, stored, e.Version, sealed)
	if err != nil {
		return nil, fmt.Errorf("open entry %s of user %d: %w", stored, a.UserID, err)
	}
	e.ID, e.Data = id, data
	return &e, nil
}

// FindEntry implements securebase.EntryService. kind "" matches any kind.
func (db *DB) FindEntry(ctx context.Context, a securebase.Actor, kind securebase.Kind, id string) (*securebase.Entry, error) {
	return db.findEntry(ctx, db.reader, a, kind, id)
}

func (db *DB) findEntry(ctx context.Context, conn *sql.DB, a securebase.Actor, kind securebase.Kind, id string) (*securebase.Entry, error) {
	e, err := db.scanEntry(a, db.rowOn(ctx, conn, "SELECT "+entryColumns+" FROM entries WHERE user_id = ? AND id = ?", a.UserID, a.Key.Blind(id)))
	if errors.Is(err, sql.ErrNoRows) || err == nil && kind != "" && e.Kind != kind {
		return nil, errEntryNotFound
	}
	return e, err
}

// ListEntries implements securebase.EntryService. A filter without a kind
// lists every kind (Today's "Earlier today", over the (user_id,
// occurred_at) index). The query walks the
// (user_id, kind, occurred_at, id) index backwards and stops at Limit, so
// a page costs the same whatever the table holds. Entries at the same
// moment are ordered by their stored (blinded) id, and a cursor names the
// id a client knows; it is blinded here.
func (db *DB) ListEntries(ctx context.Context, a securebase.Actor, f securebase.EntryFilter) ([]*securebase.Entry, error) {
	query := "SELECT " + entryColumns + " FROM entries WHERE user_id = ?"
	args := []any{a.UserID}
	if f.Kind != "" {
		query += " AND kind = ?"
		args = append(args, string(f.Kind))
	}
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
		args = append(args, ms(f.After.OccurredAt), ms(f.After.OccurredAt), ms(f.After.OccurredAt), a.Key.Blind(f.After.ID))
	}
	query += " ORDER BY occurred_at DESC, id DESC"
	if f.Limit > 0 {
		// The limit is written into the statement, rounded up to a power
		// of two so there are few statements to keep, and the loop below
		// stops at f.Limit. A bound LIMIT ? made SQLite re-prepare the
		// statement on every run (the planner reads the bound value, so a
		// new binding expires the plan): 8% of Today's CPU (issue 15).
		query += " LIMIT " + strconv.Itoa(limitBucket(f.Limit))
	}
	rows, err := db.read(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*securebase.Entry
	for (f.Limit <= 0 || len(out) < f.Limit) && rows.Next() {
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
	stored, sealed := sealEntry(a, e, next)
	err := db.write(ctx, func(tx *sql.Tx) error {
		n, err := affected(tx.ExecContext(ctx, db.q(`UPDATE entries SET data = ?, occurred_at = ?, updated_at = ?, version = ?
			WHERE user_id = ? AND id = ? AND kind = ? AND version = ? AND `+db.current()),
			sealed, ms(e.OccurredAt), now, next, a.UserID, stored, string(e.Kind), e.Version, a.UserID, a.Epoch))
		if err != nil {
			return err
		}
		if n == 1 {
			return db.restamp(ctx, tx, a.UserID)
		}
		if err := staleOrNot(ctx, tx, db, a); err != nil {
			return err
		}
		var v int
		err = tx.QueryRowContext(ctx, db.q("SELECT version FROM entries WHERE user_id = ? AND id = ? AND kind = ?"),
			a.UserID, stored, string(e.Kind)).Scan(&v)
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
		res, err := tx.ExecContext(ctx, db.q("DELETE FROM entries WHERE user_id = ? AND id = ? AND kind = ?"), a.UserID, a.Key.Blind(id), string(kind))
		if err := mustAffect(res, err); err != nil {
			return errEntryNotFound
		}
		return db.restamp(ctx, tx, a.UserID)
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

// limitBucket is the smallest power of two at least n (n > 0).
func limitBucket(n int) int {
	b := 1
	for b < n {
		b <<= 1
	}
	return b
}
