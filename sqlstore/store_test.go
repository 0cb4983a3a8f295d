package sqlstore_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/securebase/securebase/internal/testenv"
	"github.com/securebase/securebase/sqlstore"
)

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
// skips the test (fails it under CI=true) without one.
func OpenPostgres(t testing.TB) *sqlstore.DB {
	t.Helper()
	db, err := sqlstore.Open(context.Background(), testenv.Postgres(t), sqlstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
