package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"sync"
	"time"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/account"
	"github.com/securebase/securebase/assess"
	"github.com/securebase/securebase/crypt"
	"github.com/securebase/securebase/entries"
	"github.com/securebase/securebase/partner"
	"github.com/securebase/securebase/safety"
	"github.com/securebase/securebase/sqlstore"
	"github.com/securebase/securebase/web"
)

// App is a running Secure Base: the store, the services and the listeners,
// wired once here and nowhere else.
type App struct {
	cfg     *Config
	log     *slog.Logger
	db      *sqlstore.DB
	server  *http.Server
	metrics *http.Server
	ln      net.Listener
	mln     net.Listener
	stdout  io.Writer
	ready   chan struct{} // closed once the listeners accept

	accounts *account.Service // waited for (last-seen stamps) before the database closes
}

// crisisDetector is the crisis check, built once per process: it is
// immutable and safe for concurrent use. A process runs one app, but the
// tests start many, and each build costs a second or more under -race.
var crisisDetector = sync.OnceValues(safety.NewDetector)

// NewApp opens the database, builds every service and binds the ports,
// so a port already in use fails here with a clear message.
func NewApp(ctx context.Context, cfg *Config, stdout, logs io.Writer) (*App, error) {
	// The crisis check compiles its rules into a word trie, the longest
	// step of a start (a few hundred milliseconds): it is built on the
	// other core while the database opens, and waited for before the
	// listener opens, so no save is ever checked without it.
	go func() { _, _ = crisisDetector() }()
	log := newLogger(cfg, logs)
	zone, err := time.LoadLocation(cfg.TimeZone)
	if err != nil {
		return nil, err
	}
	instanceKey, err := cfg.instanceKey()
	if err != nil {
		return nil, err
	}
	wrapper, err := crypt.NewWrapper(instanceKey)
	if err != nil {
		return nil, err
	}
	lines, err := safety.LoadDirectory()
	if err != nil {
		return nil, fmt.Errorf("crisis lines: %w", err)
	}
	abuse, err := safety.NewAbuseCheck()
	if err != nil {
		return nil, fmt.Errorf("partner-violence check: %w", err)
	}
	library, err := assess.Load()
	if err != nil {
		return nil, fmt.Errorf("questionnaires: %w", err)
	}
	db, err := sqlstore.Open(ctx, cfg.Database, sqlstore.Options{ReadConns: cfg.ReadConns})
	if err != nil {
		return nil, err
	}
	accounts := account.New(account.Deps{
		Users: db, Sessions: db, Limits: db, Links: db,
		Hasher:  crypt.NewHasher(cfg.params(), cfg.HashConcurrency),
		Wrapper: wrapper, Policy: securebase.NewPasswordPolicy(), Clock: time.Now,
	}, cfg.accountConfig())
	metrics := web.NewMetrics()
	metrics.Gauge("securebase_users", func() float64 {
		n, _ := db.CountUsers(context.Background())
		return float64(n)
	})
	detector, err := crisisDetector()
	if err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("crisis-language detector: %w", err)
	}
	saves := entries.New(entries.Deps{Store: db, Detector: detector, Abuse: abuse, Assess: library, Lines: lines, Clock: time.Now})
	srv, err := web.New(web.Deps{Accounts: accounts, Entries: saves, DB: db, Lines: lines, Assess: library, Feeds: db,
		Logger: log, Clock: time.Now, Metrics: metrics},
		web.Config{InsecureCookies: cfg.InsecureCookies, TrustProxy: cfg.TrustProxy, TimeZone: zone, Version: version})
	if err != nil {
		_ = db.Close() // the error that stopped the start is the one to report
		return nil, err
	}
	a := &App{cfg: cfg, log: log, db: db, accounts: accounts, stdout: stdout, ready: make(chan struct{})}
	a.server = &http.Server{
		Handler:           srv,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    32 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	if a.ln, err = net.Listen("tcp", cfg.Addr); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("listen on %s: %w (is another program using it? choose another with -addr)", cfg.Addr, err)
	}
	if cfg.MetricsAddr != "" {
		if a.mln, err = net.Listen("tcp", cfg.MetricsAddr); err != nil {
			_ = a.ln.Close()
			_ = db.Close()
			return nil, fmt.Errorf("listen on %s: %w", cfg.MetricsAddr, err)
		}
		a.metrics = &http.Server{Handler: metrics, ReadHeaderTimeout: 5 * time.Second}
	}
	return a, nil
}

// Addr is the address the app serves on (useful with port 0).
func (a *App) Addr() string { return a.ln.Addr().String() }

// MetricsAddr is the address of the metrics listener, or "" when off.
func (a *App) MetricsAddr() string {
	if a.mln == nil {
		return ""
	}
	return a.mln.Addr().String()
}

// Run serves until ctx ends, then shuts down gracefully: no new
// connections, requests in flight get ShutdownTimeout to finish.
func (a *App) Run(ctx context.Context) error {
	defer a.db.Close()
	defer a.accounts.Wait() // last-seen stamps in flight land before the database closes
	errc := make(chan error, 2)
	go func() { errc <- a.server.Serve(a.ln) }()
	if a.metrics != nil {
		go func() { errc <- a.metrics.Serve(a.mln) }()
	}
	// Building the server parses every template and loads every catalog;
	// most of that garbage is gone, so hand its pages back to the system
	// once instead of holding them as idle memory.
	debug.FreeOSMemory()
	janitor, stopJanitor := context.WithCancel(context.Background())
	defer stopJanitor()
	go a.sweep(janitor)
	a.log.Info("serving", "addr", a.Addr(), "database", string(a.db.Dialect()), "version", version)
	fmt.Fprintf(a.stdout, "Secure Base is running. Open http://%s in your browser.\n", a.Addr())
	close(a.ready)

	var err error
	select {
	case <-ctx.Done():
	case err = <-errc:
	}
	shutdown, cancel := context.WithTimeout(context.Background(), a.cfg.ShutdownTimeout)
	defer cancel()
	a.log.Info("shutting down")
	err = errors.Join(err, a.server.Shutdown(shutdown))
	if a.metrics != nil {
		err = errors.Join(err, a.metrics.Shutdown(shutdown))
	}
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}

// sweep deletes expired sessions and old rate-limit windows every few
// minutes, on whichever instance gets there first (the deletes are
// idempotent).
func (a *App) sweep(ctx context.Context) {
	t := time.NewTicker(10 * time.Minute)
	defer t.Stop()
	cfg := account.DefaultConfig()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		now := time.Now()
		if _, err := a.db.DeleteExpiredSessions(ctx, now, cfg.IdleTimeout); err != nil {
			a.log.Warn("sweep sessions", "err", err)
		}
		if _, err := a.db.DeleteStaleLimits(ctx, now.Add(-24*time.Hour)); err != nil {
			a.log.Warn("sweep limits", "err", err)
		}
		if _, err := a.db.DeleteOldSignals(ctx, now.Add(-partner.SignalLifetime)); err != nil {
			a.log.Warn("sweep signals", "err", err)
		}
	}
}

func newLogger(cfg *Config, w io.Writer) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(cfg.LogLevel))
	opts := &slog.HandlerOptions{Level: level}
	if cfg.LogFormat == "text" {
		return slog.New(slog.NewTextHandler(w, opts))
	}
	return slog.New(slog.NewJSONHandler(w, opts))
}
