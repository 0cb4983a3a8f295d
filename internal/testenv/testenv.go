// Package testenv is what tests share about the machine they run on: the
// PostgreSQL to test against, the browser, the slow proofs.
//
// Its one rule: a test that cannot run says so, by name, with what it
// needs and how to get it — and under CI=true, where everything is
// installed, it fails instead of skipping, so CI never passes on less
// than the whole suite. The only tests CI leaves out are the slow proofs,
// on purpose and by name (Slow): `make proof` runs them.
package testenv

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the PostgreSQL driver, for making schemas
)

// CI reports whether the tests run in CI (CI=true), where nothing may skip.
func CI() bool { return os.Getenv("CI") == "true" }

// Skip skips t, saying why, or fails it under CI=true.
func Skip(t testing.TB, reason string) {
	t.Helper()
	if CI() {
		t.Fatalf("CI=true, so this test may not skip: %s", reason)
	}
	t.Skip("SKIP: " + reason)
}

// Need skips t when err says a part is missing (what names it and how to
// get it), or fails it under CI=true.
func Need(t testing.TB, what string, err error) {
	t.Helper()
	if err != nil {
		Skip(t, fmt.Sprintf("needs %s: %v", what, err))
	}
}

// SlowEnv is the variable `make proof` sets to run the slow proofs.
const SlowEnv = "SECUREBASE_SLOW"

// Slow marks a proof too slow for every run (the five-minute pacer, a
// million nonces): it runs when SECUREBASE_SLOW=1, as `make proof` sets
// it, and otherwise skips, saying where it runs. CI runs it only that way.
func Slow(t testing.TB) {
	t.Helper()
	if os.Getenv(SlowEnv) != "1" {
		t.Skip("SKIP: a slow proof; `make proof` runs it (" + SlowEnv + "=1)")
	}
}

// Size is n under `make proof` (SECUREBASE_SLOW=1) and quick otherwise: a
// proof that checks the same thing at a smaller size in every CI run, and
// at its full size where there is time.
func Size(n, quick int) int {
	if os.Getenv(SlowEnv) == "1" {
		return n
	}
	return quick
}

// Postgres returns a URL to a fresh, empty schema of TEST_POSTGRES_URL,
// dropped when t ends, so each test has a database of its own on one
// PostgreSQL. Without TEST_POSTGRES_URL it skips t (fails under CI=true).
func Postgres(t testing.TB) string {
	t.Helper()
	base := os.Getenv("TEST_POSTGRES_URL")
	if base == "" {
		Skip(t, "PostgreSQL: set TEST_POSTGRES_URL, like postgres://postgres@127.0.0.1:5432/test?sslmode=disable")
	}
	u, err := Schema(base, t.Cleanup)
	if err != nil {
		t.Fatalf("TEST_POSTGRES_URL: %v", err)
	}
	return u
}

// Schema makes a fresh, empty schema with a random name in the PostgreSQL
// database at base, registers its removal with cleanup, and returns a URL
// whose connections use it. The load benchmark uses it too.
func Schema(base string, cleanup func(func())) (string, error) {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	name := "t_" + hex.EncodeToString(b)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		return "", err
	}
	if _, err := admin.ExecContext(context.Background(), "CREATE SCHEMA "+name); err != nil {
		_ = admin.Close()
		return "", err
	}
	cleanup(func() {
		_, _ = admin.ExecContext(context.Background(), "DROP SCHEMA "+name+" CASCADE") // best effort
		_ = admin.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		return "", err
	}
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	return u.String(), nil
}
