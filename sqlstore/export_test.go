package sqlstore

import "testing"

// RawData returns the sealed bytes of an entry, for tamper tests.
func RawData(t testing.TB, db *DB, userID int64, id string) []byte {
	t.Helper()
	var b []byte
	if err := db.reader.QueryRow(db.q("SELECT data FROM entries WHERE user_id = ? AND id = ?"), userID, id).Scan(&b); err != nil {
		t.Fatal(err)
	}
	return b
}

// SetRawData overwrites the sealed bytes of an entry, for tamper tests.
func SetRawData(t testing.TB, db *DB, userID int64, id string, data []byte) {
	t.Helper()
	if _, err := db.writer.Exec(db.q("UPDATE entries SET data = ? WHERE user_id = ? AND id = ?"), data, userID, id); err != nil {
		t.Fatal(err)
	}
}
