package sqlstore

import "testing"

// RawBytes returns one value straight from the database, for tamper tests.
func RawBytes(t testing.TB, db *DB, query string, args ...any) []byte {
	t.Helper()
	var b []byte
	if err := db.writer.QueryRow(db.q(query), args...).Scan(&b); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return b
}

// RawExec changes the database behind the store's back, for tamper tests.
func RawExec(t testing.TB, db *DB, query string, args ...any) {
	t.Helper()
	if _, err := db.writer.Exec(db.q(query), args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

// RawScan reads one row on the writer connection (where per-connection
// pragmas such as max_page_count live).
func RawScan(t testing.TB, db *DB, query string, dest ...any) {
	t.Helper()
	if err := db.writer.QueryRow(db.q(query)).Scan(dest...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}
