package proof

import (
	"crypto/rand"
	"encoding/hex"
	"os"
	"testing"

	"github.com/securebase/securebase/sqlstore"
)

// PostgresURL returns a URL to a fresh schema of TEST_POSTGRES_URL, dropped
// when the test ends. Without TEST_POSTGRES_URL it skips the test, except
// under CI=true, where it fails: CI never passes without PostgreSQL.
func PostgresURL(t testing.TB) string {
	t.Helper()
	u, err := sqlstore.TestPostgresSchema(t, os.Getenv("TEST_POSTGRES_URL"), SchemaName())
	if err != nil {
		t.Fatal(err)
	}
	if u == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI=true but TEST_POSTGRES_URL is not set: the PostgreSQL half of this harness must run in CI")
		}
		t.Skip("TEST_POSTGRES_URL not set: PostgreSQL half skipped")
	}
	return u
}

// SchemaName is a fresh random schema name.
func SchemaName() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return "proof_" + hex.EncodeToString(b)
}
