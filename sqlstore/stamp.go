package sqlstore

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/binary"
)

// restamp gives the person's entries a new stamp (migration 0006), in the
// transaction that changed them. The session lookup reads the stamp with
// the session, so what the server keeps about a person's writing in
// memory is known to be current on every instance, at no extra query.
func (db *DB) restamp(ctx context.Context, tx *sql.Tx, userID int64) error {
	_, err := tx.ExecContext(ctx, db.q(`INSERT INTO entry_stamps (user_id, stamp) VALUES (?, ?)
		ON CONFLICT (user_id) DO UPDATE SET stamp = excluded.stamp`), userID, newStamp())
	return err
}

// newStamp is a random value other than 0, which means "no stamp yet".
// Random rather than a counter, so a copy of the database does not tell
// how often anyone wrote or deleted.
func newStamp() int64 {
	var b [8]byte
	for {
		_, _ = rand.Read(b[:])                                    // crypto/rand.Read never fails (Go 1.24+)
		if v := int64(binary.LittleEndian.Uint64(b[:])); v != 0 { // #nosec G115 -- any bit pattern is a stamp: it is only compared
			return v
		}
	}
}
