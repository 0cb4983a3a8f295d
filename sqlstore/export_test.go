package sqlstore

import (
	"testing"

	"github.com/securebase/securebase"
)

// StoredID is the id column's value for the entry a knows as id.
func StoredID(a securebase.Actor, id string) string { return a.Key.Blind(id) }

// RawData returns the sealed bytes of an entry, for tamper tests.
func RawData(t testing.TB, db *DB, a securebase.Actor, id string) []byte {
	t.Helper()
	var b []byte
	if err := db.reader.QueryRow(db.q("SELECT data FROM entries WHERE user_id = ? AND id = ?"), a.UserID, StoredID(a, id)).Scan(&b); err != nil {
		t.Fatal(err)
	}
	return b
}

// SetRawData overwrites the sealed bytes of an entry, for tamper tests.
func SetRawData(t testing.TB, db *DB, a securebase.Actor, id string, data []byte) {
	t.Helper()
	if _, err := db.writer.Exec(db.q("UPDATE entries SET data = ? WHERE user_id = ? AND id = ?"), data, a.UserID, StoredID(a, id)); err != nil {
		t.Fatal(err)
	}
}

// RawIDs returns the id column of a user's entries as stored.
func RawIDs(t testing.TB, db *DB, userID int64) []string {
	t.Helper()
	rows, err := db.reader.Query(db.q("SELECT id FROM entries WHERE user_id = ?"), userID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		out = append(out, id)
	}
	return out
}
