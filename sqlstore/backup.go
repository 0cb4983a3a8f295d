package sqlstore

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"
)

// nowMS is the store's own clock for created_at and updated_at stamps.
// Domain times (when something happened, when a session expires) are
// chosen by callers and passed in.
func nowMS() int64 { return time.Now().UnixMilli() }

// Backup writes a consistent copy of a SQLite database to dest while the
// database stays online: VACUUM INTO reads one snapshot, so writes made
// during the copy are either wholly in it or not at all. dest must not
// exist. It is created empty, readable by its owner only, before the copy
// begins (SQLite writes into an empty file and keeps its mode, and gives
// any journal beside it the same mode), so no other user of the machine
// can open it while it is being written. A failed copy is removed.
func (db *DB) Backup(ctx context.Context, dest string) error {
	if db.dialect != SQLite {
		return errors.New("backup: use pg_dump for PostgreSQL")
	}
	f, err := os.OpenFile(dest, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600) // #nosec G304 -- the operator names the file
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("backup: %s already exists", dest)
	}
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if err := errors.Join(f.Chmod(0o600), f.Close()); err != nil { // the mode, whatever the umask
		_ = os.Remove(dest)
		return fmt.Errorf("backup: %w", err)
	}
	if _, err := db.writer.ExecContext(ctx, "VACUUM INTO ?", dest); err != nil {
		_ = os.Remove(dest)
		return fmt.Errorf("backup: %w", err)
	}
	return nil
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
