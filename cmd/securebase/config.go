package main

import (
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/securebase/securebase/account"
	"github.com/securebase/securebase/crypt"
	"github.com/securebase/securebase/sqlstore"
)

// Config is everything the binary can be told. Each field comes from a
// flag, else from its SECUREBASE_* environment variable, else a default.
type Config struct {
	Addr            string
	Database        string
	MetricsAddr     string
	InsecureCookies bool
	TrustProxy      bool
	TimeZone        string
	KeyFile         string
	LogFormat       string
	LogLevel        string
	HashConcurrency int
	Argon2Memory    int // KiB
	Argon2Time      int
	ReadConns       int
	ShutdownTimeout time.Duration
	AccountAttempts int
	AddressAttempts int
	SignUpAttempts  int
}

// envName is the variable for a flag: -metrics-addr → SECUREBASE_METRICS_ADDR.
func envName(flagName string) string {
	return "SECUREBASE_" + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

// parseConfig reads flags for a subcommand. Environment values are set as
// the flags' defaults, so an explicit flag wins, and a bad environment
// value is reported just like a bad flag.
func parseConfig(name string, args []string, getenv func(string) string, stderr io.Writer) (*Config, *flag.FlagSet, error) {
	c := &Config{}
	fs := flag.NewFlagSet("securebase "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.Addr, "addr", "127.0.0.1:8080", "address to serve on")
	fs.StringVar(&c.Database, "database", "sqlite:data/securebase.db", "sqlite:PATH or postgres://… URL")
	fs.StringVar(&c.MetricsAddr, "metrics-addr", "", "address for Prometheus metrics (off when empty; keep it private)")
	fs.BoolVar(&c.InsecureCookies, "insecure-cookies", false, "allow sign-in over plain HTTP on a private network (not needed for localhost)")
	fs.BoolVar(&c.TrustProxy, "trust-proxy", false, "take client address and scheme from X-Forwarded-For/-Proto")
	fs.StringVar(&c.TimeZone, "timezone", "UTC", "time zone for people who have not chosen one (IANA name)")
	fs.StringVar(&c.KeyFile, "key-file", "", "file with a 32-byte hex instance key that wraps every data key again (optional)")
	fs.StringVar(&c.LogFormat, "log-format", "json", "json or text")
	fs.StringVar(&c.LogLevel, "log-level", "info", "debug, info, warn or error")
	fs.IntVar(&c.HashConcurrency, "hash-concurrency", max(runtime.GOMAXPROCS(0), 2), "password hashes run at once (each uses argon2-memory)")
	fs.IntVar(&c.Argon2Memory, "argon2-memory", int(crypt.DefaultParams().Memory), "argon2id memory in KiB")
	fs.IntVar(&c.Argon2Time, "argon2-time", int(crypt.DefaultParams().Time), "argon2id passes")
	fs.IntVar(&c.ReadConns, "read-conns", 0, "database read connections (0 picks the default: 4 on SQLite, 16 on PostgreSQL, also the least)")
	fs.DurationVar(&c.ShutdownTimeout, "shutdown-timeout", 15*time.Second, "how long to let requests finish on shutdown")
	defaults := account.DefaultConfig()
	fs.IntVar(&c.AccountAttempts, "signin-account-limit", defaults.AccountAttempts, "sign-in attempts per account per 15 minutes")
	fs.IntVar(&c.AddressAttempts, "signin-address-limit", defaults.AddressAttempts, "sign-in attempts per network address per 15 minutes")
	fs.IntVar(&c.SignUpAttempts, "signup-limit", defaults.SignUpAttempts, "accounts made per network address per hour")

	var envErrs []error
	fs.VisitAll(func(f *flag.Flag) {
		if v := getenv(envName(f.Name)); v != "" {
			if err := f.Value.Set(v); err != nil {
				envErrs = append(envErrs, fmt.Errorf("%s=%q: %w", envName(f.Name), v, err))
			}
			f.DefValue = v
		}
	})
	if err := errors.Join(envErrs...); err != nil {
		return nil, nil, err
	}
	if err := fs.Parse(args); err != nil {
		return nil, nil, err
	}
	return c, fs, c.validate()
}

// validate checks the configuration as a whole, with messages that say
// which setting is wrong and how to fix it.
func (c *Config) validate() error {
	var errs []error
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		errs = append(errs, fmt.Errorf("-addr %q: want host:port, like 127.0.0.1:8080", c.Addr))
	}
	if c.MetricsAddr != "" {
		if _, _, err := net.SplitHostPort(c.MetricsAddr); err != nil {
			errs = append(errs, fmt.Errorf("-metrics-addr %q: want host:port, like 127.0.0.1:9090", c.MetricsAddr))
		} else if c.MetricsAddr == c.Addr && !strings.HasSuffix(c.Addr, ":0") {
			errs = append(errs, errors.New("-metrics-addr must differ from -addr: metrics stay off the public listener"))
		}
	}
	if _, err := time.LoadLocation(c.TimeZone); err != nil {
		errs = append(errs, fmt.Errorf("-timezone %q: not an IANA time zone name", c.TimeZone))
	}
	if c.LogFormat != "json" && c.LogFormat != "text" {
		errs = append(errs, fmt.Errorf("-log-format %q: use json or text", c.LogFormat))
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		errs = append(errs, fmt.Errorf("-log-level %q: use debug, info, warn or error", c.LogLevel))
	}
	if c.HashConcurrency < 1 || c.HashConcurrency > 256 {
		errs = append(errs, fmt.Errorf("-hash-concurrency %d: use 1 to 256", c.HashConcurrency))
	}
	if c.Argon2Memory < 8*1024 || c.Argon2Memory > 1<<20 {
		errs = append(errs, fmt.Errorf("-argon2-memory %d: use 8192 to 1048576 KiB", c.Argon2Memory))
	}
	if c.Argon2Time < 1 || c.Argon2Time > 16 {
		errs = append(errs, fmt.Errorf("-argon2-time %d: use 1 to 16", c.Argon2Time))
	}
	for name, v := range map[string]int{"-signin-account-limit": c.AccountAttempts, "-signin-address-limit": c.AddressAttempts, "-signup-limit": c.SignUpAttempts} {
		if v < 1 {
			errs = append(errs, fmt.Errorf("%s %d: use 1 or more", name, v))
		}
	}
	if d, _, err := sqlstore.ParseURL(c.Database); err == nil && c.ReadConns != 0 && c.ReadConns < sqlstore.DefaultReadConns(d) {
		errs = append(errs, fmt.Errorf("-read-conns %d: use %d or more for %s, or leave it out for that default", c.ReadConns, sqlstore.DefaultReadConns(d), d))
	}
	if c.ShutdownTimeout < 0 {
		errs = append(errs, errors.New("-shutdown-timeout must not be negative"))
	}
	return errors.Join(errs...)
}

// instanceKey reads the optional key file: 64 hex characters.
func (c *Config) instanceKey() ([]byte, error) {
	if c.KeyFile == "" {
		return nil, nil
	}
	b, err := os.ReadFile(c.KeyFile) // #nosec G304 G703 -- the operator names the key file on the command line
	if err != nil {
		return nil, fmt.Errorf("-key-file: %w", err)
	}
	key, err := hex.DecodeString(strings.TrimSpace(string(b)))
	if err != nil || len(key) != crypt.KeySize {
		return nil, fmt.Errorf("-key-file %s: want 64 hex characters (make one with: securebase keygen)", c.KeyFile)
	}
	return key, nil
}

// accountConfig is the account service's configuration with these limits.
func (c *Config) accountConfig() account.Config {
	a := account.DefaultConfig()
	a.AccountAttempts, a.AddressAttempts, a.SignUpAttempts = c.AccountAttempts, c.AddressAttempts, c.SignUpAttempts
	return a
}

// memoryLimit is the Go runtime's soft memory limit unless GOMEMLIMIT
// says otherwise: room for the server itself plus every password hash
// that may run at once. Each hash allocates its argon2 memory anew, and
// without a limit the heap may double before the collector runs, so a
// burst of sign-ins would take far more memory than it uses.
func (c *Config) memoryLimit() int64 {
	const base = 32 << 20
	hashes := int64(c.HashConcurrency) * int64(c.Argon2Memory) << 10
	return base + hashes + hashes/4
}

func (c *Config) params() crypt.Params {
	return crypt.Params{Memory: uint32(c.Argon2Memory), Time: uint32(c.Argon2Time), Threads: 1} // #nosec G115 -- validate bounds both (8 MiB–1 GiB, 1–16)
}
