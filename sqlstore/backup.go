package sqlstore

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"
)

// nowMS is the store's own clock for created_at and updated_at stamps.
// Domain times (when something happened, when a session expires) are
// chosen by callers and passed in.
func nowMS() int64 { return time.Now().UnixMilli() }

// Backup writes a consistent copy of a SQLite database to dest while the
// database stays online: VACUUM INTO reads one snapshot, so writes made
// during the copy are either wholly in it or not at all. dest must not exist.
func (db *DB) Backup(ctx context.Context, dest string) error {
	if db.dialect != SQLite {
		return errors.New("backup: use pg_dump for PostgreSQL")
	}
	if _, err := os.Stat(dest); err == nil {
		return fmt.Errorf("backup: %s already exists", dest)
	}
	if _, err := db.writer.ExecContext(ctx, "VACUUM INTO ?", dest); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	return os.Chmod(dest, 0o600)
}

// IntegrityCheck runs SQLite's integrity_check and returns its first
// complaint, or nil when it says "ok". On PostgreSQL it only pings.
func (db *DB) IntegrityCheck(ctx context.Context) error {
	if db.dialect != SQLite {
		return db.Ping(ctx)
	}
	var res string
	if err := db.reader.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&res); err != nil {
		return err
	}
	if res != "ok" {
		return fmt.Errorf("integrity check: %s", res)
	}
	return nil
}
