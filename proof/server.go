package proof

import (
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/account"
	"github.com/securebase/securebase/assess"
	"github.com/securebase/securebase/crypt"
	"github.com/securebase/securebase/entries"
	"github.com/securebase/securebase/safety"
	"github.com/securebase/securebase/sqlstore"
	"github.com/securebase/securebase/web"
)

// Clock is a clock tests move by hand.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// Now returns the clock's time.
func (c *Clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

// Advance moves the clock forward.
func (c *Clock) Advance(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// Buffer is a goroutine-safe log sink.
type Buffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (b *Buffer) Write(p []byte) (int, error) { b.mu.Lock(); defer b.mu.Unlock(); return b.b.Write(p) }

// String returns everything written so far.
func (b *Buffer) String() string { b.mu.Lock(); defer b.mu.Unlock(); return b.b.String() }

// Server is the real web.Server over a real store, in process, with a
// clock the test moves and cheap password hashing.
type Server struct {
	*web.Server
	DB       *sqlstore.DB
	Accounts *account.Service
	Clock    *Clock
	Logs     *Buffer
	Path     string // the SQLite file, "" on PostgreSQL
}

// sharedDetector is the crisis check every Server of a test binary uses:
// a Detector is immutable and safe for concurrent use, and building one
// takes a second or more under -race, which each of the many servers a
// harness starts would pay again.
var sharedDetector = sync.OnceValues(safety.NewDetector)

// NewServer builds a server on a fresh SQLite file, or on dbURL when it
// is not empty (a PostgreSQL schema from testenv.Postgres).
func NewServer(t testing.TB, dbURL string, cfg web.Config) *Server {
	t.Helper()
	s := &Server{Clock: &Clock{t: time.Now().UTC().Truncate(time.Second)}, Logs: &Buffer{}}
	if dbURL == "" {
		s.Path = filepath.Join(t.TempDir(), "proof.db")
		dbURL = "sqlite:" + s.Path
	}
	db, err := sqlstore.Open(context.Background(), dbURL, sqlstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	s.DB = db
	lines, err := safety.LoadDirectory()
	if err != nil {
		t.Fatal(err)
	}
	detector, err := sharedDetector()
	if err != nil {
		t.Fatal(err)
	}
	abuse, err := safety.NewAbuseCheck()
	if err != nil {
		t.Fatal(err)
	}
	w, err := crypt.NewWrapper(nil)
	if err != nil {
		t.Fatal(err)
	}
	s.Accounts = account.New(account.Deps{Users: db, Sessions: db, Limits: db, Links: db,
		Hasher: crypt.NewHasher(crypt.Params{Memory: 64, Time: 1, Threads: 1}, 4), Wrapper: w,
		Policy: securebase.NewPasswordPolicy(), Clock: s.Clock.Now}, harnessAccountConfig())
	if cfg.TimeZone == nil {
		cfg.TimeZone = time.UTC
	}
	if cfg.Version == "" {
		cfg.Version = "proof"
	}
	library, err := assess.Load()
	if err != nil {
		t.Fatal(err)
	}
	saves := entries.New(entries.Deps{Store: db, Detector: detector, Abuse: abuse, Assess: library, Lines: lines, Clock: s.Clock.Now})
	s.Server, err = web.New(web.Deps{Accounts: s.Accounts, Entries: saves, DB: db, Lines: lines, Assess: library, Feeds: db,
		Logger: slog.New(slog.NewJSONHandler(s.Logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
		Clock:  s.Clock.Now, Metrics: web.NewMetrics()}, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// Agent returns a new browser on this server, from a documentation
// address (192.0.2.0/24).
func (s *Server) Agent() *Agent {
	return NewAgent(InProcess(s, "192.0.2.10:5555"), "http://securebase.test")
}

// harnessAccountConfig is the default account configuration with the
// sign-up limit per address lifted: harnesses make many accounts from one
// address on purpose. The limit itself is tested in package account.
func harnessAccountConfig() account.Config {
	c := account.DefaultConfig()
	c.SignUpAttempts = 1 << 30
	return c
}
