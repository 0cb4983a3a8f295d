package proof

import (
	"testing"

	"github.com/securebase/securebase/internal/testenv"
)

// PostgresURL returns a URL to a fresh schema of TEST_POSTGRES_URL, dropped
// when the test ends; without it the test skips, and under CI=true fails
// (testenv.Postgres, the one helper every package's tests use).
func PostgresURL(t testing.TB) string {
	t.Helper()
	return testenv.Postgres(t)
}
