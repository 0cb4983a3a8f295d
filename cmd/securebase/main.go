// Command securebase runs Secure Base: a self-hosted web application for
// people healing anxious attachment, and for their partners.
//
//	securebase [serve] [flags]   run the server (the default)
//	securebase migrate [flags]   apply database migrations and exit
//	securebase backup [flags] FILE
//	                             write an online, consistent copy of the SQLite database
//	securebase keygen            print a new instance key for -key-file
//	securebase score -instrument NAME [-min 1 -max 5] < answers.csv
//	                             score questionnaire answers in bulk: CSV to
//	                             stdout, the summary (with alpha) to stderr
//	securebase crisis-check [-why] < entries.jsonl
//	                             the app's crisis-language decision for each
//	                             JSON line {"id","text"} (docs/safety.md)
//	securebase version           print the version
//
// Every flag can also be set with an environment variable: -metrics-addr
// is SECUREBASE_METRICS_ADDR. A flag wins over the variable.
package main

import (
	"context"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
	_ "time/tzdata" // time zones for people, even on a machine without zoneinfo

	"github.com/securebase/securebase/crypt"
	"github.com/securebase/securebase/sqlstore"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "securebase:", err)
		}
		os.Exit(2)
	}
}

// run is main without the process: tests call it with their own
// arguments, environment and streams.
// serveGCPercent is the collector's GOGC once the server is built,
// unless GOGC says otherwise. A running instance keeps a small live heap
// (about 20 MB) and makes a little garbage per request; at the default of
// 100 the collector ran so often under load that its pauses and assists
// set the slowest requests (issue 15: Today's p99 57 ms at GOGC 100 and
// 28 ms at 400, same machine and minute). The soft memory limit
// (memoryLimit) still bounds the heap, so the collector works harder
// near it rather than letting memory grow. Start-up keeps the default:
// building the crisis check makes 90 MB of garbage that is handed back.
const serveGCPercent = 300

func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	cmd := "serve"
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "serve":
		cfg, _, err := parseConfig(cmd, args, getenv, stderr)
		if err != nil {
			return err
		}
		if getenv("GOMEMLIMIT") == "" {
			debug.SetMemoryLimit(cfg.memoryLimit())
		}
		app, err := NewApp(ctx, cfg, stdout, stderr)
		if err != nil {
			return err
		}
		if getenv("GOGC") == "" {
			debug.SetGCPercent(serveGCPercent)
		}
		return app.Run(ctx)
	case "migrate":
		cfg, _, err := parseConfig(cmd, args, getenv, stderr)
		if err != nil {
			return err
		}
		db, err := sqlstore.Open(ctx, cfg.Database, sqlstore.Options{})
		if err != nil {
			return err
		}
		defer db.Close()
		v, err := db.SchemaVersion(ctx)
		fmt.Fprintf(stdout, "database is at schema version %d\n", v)
		return err
	case "backup":
		return backup(ctx, args, getenv, stdout, stderr)
	case "score":
		return score(args, stdin, stdout, stderr)
	case "crisis-check":
		return crisisCheck(args, stdin, stdout, stderr)
	case "keygen":
		fmt.Fprintln(stdout, hex.EncodeToString(crypt.NewKey()))
		return nil
	case "version":
		fmt.Fprintln(stdout, "securebase", version)
		return nil
	case "help", "-h", "--help":
		fmt.Fprintln(stdout, "usage: securebase [serve|migrate|backup FILE|score|crisis-check|keygen|version] [flags]; securebase serve -h lists the flags")
		return nil
	}
	return fmt.Errorf("unknown command %q: use serve, migrate, backup, score, crisis-check, keygen or version", cmd)
}

// backup writes a consistent copy of the SQLite database while the server
// keeps running.
func backup(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg, fs, err := parseConfig("backup", args, getenv, stderr)
	if err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("backup: name the file to write, like: securebase backup backups/securebase-2026-11-21.db")
	}
	db, err := sqlstore.Open(ctx, cfg.Database, sqlstore.Options{})
	if err != nil {
		return err
	}
	defer db.Close()
	dest := fs.Arg(0)
	if err := db.Backup(ctx, dest); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "backup written to %s\n", dest)
	return nil
}
