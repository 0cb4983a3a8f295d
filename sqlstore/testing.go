package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"regexp"
)

var schemaName = regexp.MustCompile(`^[a-z_][a-z0-9_]{0,40}$`)

// TestPostgresSchema creates an empty schema named name in the database at
// base and returns a URL whose connections use it, dropping it when t ends.
// It returns "" when base is "". Tests of this and other packages share it
// so each test gets a database of its own on one PostgreSQL.
func TestPostgresSchema(t interface{ Cleanup(func()) }, base, name string) (string, error) {
	if base == "" {
		return "", nil
	}
	if !schemaName.MatchString(name) {
		return "", fmt.Errorf("schema name %q", name)
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		return "", err
	}
	if _, err := admin.ExecContext(context.Background(), "CREATE SCHEMA "+name); err != nil {
		_ = admin.Close()
		return "", fmt.Errorf("TEST_POSTGRES_URL: %w", err)
	}
	t.Cleanup(func() {
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
