package sqlstore_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"

	"github.com/securebase/securebase/sqlstore"
)

// Stores opens a fresh store on every available database: SQLite always,
// PostgreSQL when TEST_POSTGRES_URL is set (each test in its own schema).
// Under CI=true a missing PostgreSQL fails the test instead of skipping it,
// so the contract can never silently shrink to one database.
func stores(t testing.TB) map[sqlstore.Dialect]*sqlstore.DB {
	t.Helper()
	out := map[sqlstore.Dialect]*sqlstore.DB{sqlstore.SQLite: OpenSQLite(t)}
	if db := OpenPostgres(t); db != nil {
		out[sqlstore.Postgres] = db
	}
	return out
}

// OpenSQLite opens a store in a fresh temporary file.
func OpenSQLite(t testing.TB) *sqlstore.DB {
	t.Helper()
	db, err := sqlstore.Open(context.Background(), "sqlite:"+filepath.Join(t.TempDir(), "test.db"), sqlstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// OpenPostgres opens a store in a fresh schema of TEST_POSTGRES_URL, or
// returns nil (skipping is the caller's choice) when it is not set.
func OpenPostgres(t testing.TB) *sqlstore.DB {
	t.Helper()
	url, err := sqlstore.TestPostgresSchema(t, os.Getenv("TEST_POSTGRES_URL"), randomName())
	if err != nil {
		t.Fatal(err)
	}
	if url == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI=true but TEST_POSTGRES_URL is not set: the PostgreSQL contract suite must run in CI")
		}
		t.Log("TEST_POSTGRES_URL not set: PostgreSQL half of the contract suite skipped")
		return nil
	}
	db, err := sqlstore.Open(context.Background(), url, sqlstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func randomName() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return "t_" + hex.EncodeToString(b)
}
