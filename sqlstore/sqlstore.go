// Package sqlstore is the only code that speaks SQL. It implements the
// store interfaces of package securebase over SQLite (the embedded default,
// modernc.org/sqlite, no cgo) and PostgreSQL (pgx, for several instances
// sharing one database), with one set of queries for both.
//
// Every method that touches a person's writing takes a securebase.Actor:
// its user id goes into every WHERE clause, and its key seals and opens the
// data with associated data naming the row (securebase.AD), so rows cannot be
// read across users or moved between them.
package sqlstore

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/securebase/securebase"

	_ "github.com/jackc/pgx/v5/stdlib" // registers "pgx"
	_ "modernc.org/sqlite"             // registers "sqlite"
)

// Dialect names a database.
type Dialect string

const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// Options tune a DB. Zero values pick sensible defaults.
type Options struct {
	// ReadConns is the size of SQLite's read pool, or PostgreSQL's whole
	// pool: 0 for DefaultReadConns, which is also the least it may be.
	ReadConns int
	// MaxBytes caps the SQLite file (0: no cap). Past it every write
	// fails as on a full disk, which is how the tests of a full disk
	// make one.
	MaxBytes int64
}

// DefaultReadConns is the read pool a dialect gets by default, and the
// smallest it may have: below it, pages that read while a write is under
// way would queue for a connection.
func DefaultReadConns(d Dialect) int {
	if d == Postgres {
		return 16
	}
	return 4
}

// DB is a store. On SQLite it keeps one writer connection (writes are
// serialised there with BEGIN IMMEDIATE, so they never fail on a busy lock)
// and a pool of read-only connections that WAL lets run beside it.
type DB struct {
	dialect Dialect
	path    string // SQLite file; "" on PostgreSQL
	writer  *sql.DB
	reader  *sql.DB
	rebound sync.Map // query with ? → query in the dialect's placeholders
	stmts   sync.Map // stmtKey → *sql.Stmt, prepared once per pool
	// full is set when a write fails because the disk (or the database's
	// size cap) is full, and cleared when a write succeeds again; Ping
	// (and so /readyz) reports it, so a load balancer stops sending
	// work this instance cannot save.
	full atomic.Bool
}

type stmtKey struct {
	conn  *sql.DB
	query string
}

// ParseURL tells the dialect and driver source of a database URL:
// postgres://… or postgresql://… for PostgreSQL; sqlite:PATH or a plain
// path for SQLite.
func ParseURL(url string) (Dialect, string, error) {
	switch {
	case strings.HasPrefix(url, "postgres://"), strings.HasPrefix(url, "postgresql://"):
		return Postgres, url, nil
	case strings.HasPrefix(url, "sqlite:"):
		url = strings.TrimPrefix(url, "sqlite:")
	case strings.Contains(url, "://"):
		return "", "", fmt.Errorf("database %q: use sqlite:PATH or postgres://…", url)
	}
	if url == "" {
		return "", "", errors.New("database: empty SQLite path")
	}
	return SQLite, url, nil
}

// Open connects to the database at url and applies pending migrations.
func Open(ctx context.Context, url string, opts Options) (*DB, error) {
	dialect, src, err := ParseURL(url)
	if err != nil {
		return nil, err
	}
	conns := opts.ReadConns
	if conns == 0 {
		conns = DefaultReadConns(dialect)
	} else if conns < DefaultReadConns(dialect) {
		return nil, fmt.Errorf("read connections %d: use %d or more for %s (0 picks %[2]d)", conns, DefaultReadConns(dialect), dialect)
	}
	db := &DB{dialect: dialect}
	switch dialect {
	case SQLite:
		err = db.openSQLite(src, conns, opts.MaxBytes)
	case Postgres:
		err = db.openPostgres(src, conns)
	}
	if err != nil {
		return nil, err
	}
	if err := db.migrate(ctx); err != nil {
		_ = db.Close()
		return nil, err
	}
	return db, nil
}

func (db *DB) openSQLite(path string, readers int, maxBytes int64) error {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return fmt.Errorf("database directory: %w", err)
		}
	}
	db.path = path
	// synchronous=FULL: a write is acknowledged only once it is on disk.
	// secure_delete: freed pages are zeroed, so deleted rows leave nothing.
	pragmas := "_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)&_pragma=synchronous(FULL)&_pragma=secure_delete(1)"
	writerPragmas := pragmas
	if maxBytes > 0 {
		writerPragmas += fmt.Sprintf("&_pragma=max_page_count(%d)", max(maxBytes/4096, 1))
	}
	w, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(WAL)&_txlock=immediate&"+writerPragmas)
	if err != nil {
		return err
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	if err := w.Ping(); err != nil {
		_ = w.Close()
		return fmt.Errorf("open %s: %w", path, err)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		_ = w.Close()
		return err
	}
	r, err := sql.Open("sqlite", "file:"+path+"?_pragma=query_only(1)&"+pragmas)
	if err != nil {
		_ = w.Close()
		return err
	}
	r.SetMaxOpenConns(readers)
	r.SetMaxIdleConns(readers)
	db.writer, db.reader = w, r
	return nil
}

func (db *DB) openPostgres(url string, conns int) error {
	p, err := sql.Open("pgx", url)
	if err != nil {
		return err
	}
	p.SetMaxOpenConns(conns)
	p.SetMaxIdleConns(conns)
	p.SetConnMaxIdleTime(5 * time.Minute)
	if err := p.Ping(); err != nil {
		_ = p.Close()
		return fmt.Errorf("connect to PostgreSQL: %w", err)
	}
	db.writer, db.reader = p, p
	return nil
}

// Dialect returns the database's dialect.
func (db *DB) Dialect() Dialect { return db.dialect }

// Close closes every connection.
func (db *DB) Close() error {
	err := db.writer.Close()
	if db.reader != db.writer {
		err = errors.Join(err, db.reader.Close())
	}
	return err
}

// Settle brings the database to its steady state after a bulk load (the
// benchmark's seeding, a large import): on SQLite the WAL is folded into
// the main file and the planner's statistics refreshed; on PostgreSQL the
// tables are vacuumed and analysed. Without it the first minutes after a
// load pay for checkpointing and autovacuum, which is not what a running
// server costs.
func (db *DB) Settle(ctx context.Context) error {
	stmts := []string{"PRAGMA wal_checkpoint(TRUNCATE)", "PRAGMA optimize"}
	if db.dialect == Postgres {
		stmts = []string{"VACUUM (ANALYZE) users, sessions, entries, limits"}
	}
	for _, s := range stmts {
		if _, err := db.writer.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("settle: %s: %w", s, err)
		}
	}
	return nil
}

// Ping implements securebase.Pinger: /readyz asks it. The database must
// answer a read; and if a write has failed for want of space, a write the
// size of a long entry (16 KiB, random so nothing compresses it) must
// succeed before the instance says it is ready again.
func (db *DB) Ping(ctx context.Context) error {
	var one int
	if err := db.reader.QueryRowContext(ctx, "SELECT 1").Scan(&one); err != nil {
		return err
	}
	if !db.full.Load() {
		return nil
	}
	probe := make([]byte, 16<<10)
	_, _ = rand.Read(probe)
	return db.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, db.q(`INSERT INTO limit_secrets (period, secret, created_at) VALUES (?, ?, ?)
			ON CONFLICT (period) DO UPDATE SET secret = excluded.secret`), "readyz probe", probe, nowMS()); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, db.q("DELETE FROM limit_secrets WHERE period = ?"), "readyz probe")
		return err
	})
}

// errFull is what a person hears when nothing can be saved for want of
// disk space: nothing was lost, and it is not their doing.
var errFull = securebase.Errorf(securebase.EUNAVAILABLE,
	"We can't save anything right now because the server is out of storage space. Nothing you saved before is lost. Please try again later.")

// isFull recognises "out of space" in either database by its message
// (SQLite's SQLITE_FULL; PostgreSQL's disk_full, 53100), which keeps
// driver types out of this package.
func isFull(err error) bool {
	if err == nil {
		return false
	}
	s := err.Error()
	return strings.Contains(s, "database or disk is full") || strings.Contains(s, "SQLSTATE 53100") ||
		strings.Contains(s, "No space left on device")
}

// q returns query in the dialect's placeholder style. Queries are written
// once with ? and rebound once per process for PostgreSQL ($1, $2, …).
func (db *DB) q(query string) string {
	if db.dialect != Postgres {
		return query
	}
	if v, ok := db.rebound.Load(query); ok {
		return v.(string)
	}
	var b strings.Builder
	n := 0
	for _, c := range query {
		if c == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(c)
	}
	db.rebound.Store(query, b.String())
	return b.String()
}

// stmt returns query prepared on conn, preparing it only the first time.
// Parsing SQL was a sixth of the CPU of a page; database/sql re-prepares
// a statement on each pooled connection as needed.
func (db *DB) stmt(ctx context.Context, conn *sql.DB, query string) (*sql.Stmt, error) {
	key := stmtKey{conn, query}
	if st, ok := db.stmts.Load(key); ok {
		return st.(*sql.Stmt), nil
	}
	st, err := conn.PrepareContext(ctx, db.q(query))
	if err != nil {
		return nil, err
	}
	if prev, loaded := db.stmts.LoadOrStore(key, st); loaded {
		_ = st.Close() // another request prepared it first
		return prev.(*sql.Stmt), nil
	}
	return st, nil
}

// row is what QueryRow returns, or the error of preparing its statement.
type row interface{ Scan(dest ...any) error }

type errRow struct{ err error }

func (r errRow) Scan(...any) error { return r.err }

// readRow runs a one-row query on the read pool with a prepared statement.
func (db *DB) readRow(ctx context.Context, query string, args ...any) row {
	return db.rowOn(ctx, db.reader, query, args...)
}

// rowOn runs a one-row query on conn with a prepared statement.
func (db *DB) rowOn(ctx context.Context, conn *sql.DB, query string, args ...any) row {
	st, err := db.stmt(ctx, conn, query)
	if err != nil {
		return errRow{err}
	}
	return st.QueryRowContext(ctx, args...)
}

// read runs a query on the read pool with a prepared statement.
func (db *DB) read(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := db.stmt(ctx, db.reader, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

// write runs fn in a transaction on the writer; it commits only if fn
// succeeds, and a caller hears of success only after the commit.
//
// A write that fails for want of space is errFull (EUNAVAILABLE, a calm
// 503) with the cause kept in the chain for the log, and marks the store
// full until a write succeeds.
func (db *DB) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	err := db.tryWrite(ctx, fn)
	if isFull(err) {
		db.full.Store(true)
		return fmt.Errorf("%w (%w)", errFull, err)
	}
	if err == nil {
		db.full.Store(false)
	}
	return err
}

func (db *DB) tryWrite(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := db.writer.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

func ms(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

func fromMS(v int64) time.Time {
	if v == 0 {
		return time.Time{}
	}
	return time.UnixMilli(v).UTC()
}
