package main

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// logBuffer collects an app's log lines for tests that read them.
type logBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// running is an App started in process on a free loopback port.
type running struct {
	URL     string
	Metrics string // the metrics listener's URL, when -metrics-addr was given
	Logs    *logBuffer
	stop    func()
}

// startApp runs the real App with flags as a person would give them. It
// uses a fresh SQLite file unless args name a -database.
func startApp(t testing.TB, args ...string) *running {
	t.Helper()
	base := []string{"-addr", "127.0.0.1:0", "-database", "sqlite:" + filepath.Join(t.TempDir(), "sb.db")}
	cfg, _, err := parseConfig("serve", append(base, args...), func(string) string { return "" }, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	logs := &logBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	app, err := NewApp(ctx, cfg, io.Discard, logs)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- app.Run(ctx) }()
	<-app.ready
	r := &running{URL: "http://" + app.Addr(), Logs: logs}
	if m := app.MetricsAddr(); m != "" {
		r.Metrics = "http://" + m
	}
	var once sync.Once
	r.stop = func() {
		once.Do(func() {
			cancel()
			if err := <-done; err != nil {
				t.Errorf("app stopped with: %v", err)
			}
		})
	}
	t.Cleanup(r.stop)
	return r
}

func TestConfig(t *testing.T) {
	env := map[string]string{"SECUREBASE_ADDR": "127.0.0.1:9999", "SECUREBASE_TIMEZONE": "Europe/Berlin"}
	getenv := func(k string) string { return env[k] }
	cfg, _, err := parseConfig("serve", []string{"-addr", "127.0.0.1:7777"}, getenv, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Addr != "127.0.0.1:7777" || cfg.TimeZone != "Europe/Berlin" || cfg.Database != "sqlite:data/securebase.db" {
		t.Fatalf("flag over env over default: %+v", cfg)
	}
	if _, _, err := parseConfig("serve", []string{"-read-conns", "4"}, getenv, io.Discard); err != nil {
		t.Fatalf("-read-conns at the default: %v", err)
	}
	for name, c := range map[string]struct {
		args []string
		env  map[string]string
		want string
	}{
		"bad addr":     {[]string{"-addr", "nonsense"}, nil, "-addr"},
		"bad zone":     {[]string{"-timezone", "Mars/Base"}, nil, "-timezone"},
		"bad env bool": {nil, map[string]string{"SECUREBASE_INSECURE_COOKIES": "perhaps"}, "SECUREBASE_INSECURE_COOKIES"},
		"same ports":   {[]string{"-addr", "127.0.0.1:1", "-metrics-addr", "127.0.0.1:1"}, nil, "-metrics-addr"},
		"tiny argon":   {[]string{"-argon2-memory", "64"}, nil, "-argon2-memory"},
		"bad db":       {[]string{"-database", "mysql://x"}, nil, "database"},
		"few readers":  {[]string{"-read-conns", "2"}, nil, "-read-conns 2: use 4 or more for sqlite"},
		"few pg":       {[]string{"-read-conns", "8", "-database", "postgres://db.internal/x"}, nil, "-read-conns 8: use 16 or more for postgres"},
		"few in env":   {nil, map[string]string{"SECUREBASE_READ_CONNS": "1"}, "-read-conns 1"},
	} {
		_, _, err := parseConfig("serve", c.args, func(k string) string { return c.env[k] }, io.Discard)
		if err == nil && name == "bad db" {
			_, err = NewApp(context.Background(), &Config{Database: "mysql://x", TimeZone: "UTC", LogFormat: "json", LogLevel: "info"}, io.Discard, io.Discard)
		}
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want a message naming %s", name, err, c.want)
		}
	}
}

func TestServeAndShutdown(t *testing.T) {
	start := time.Now()
	app := startApp(t)
	t.Logf("start-up took %v", time.Since(start))
	for _, path := range []string{"/healthz", "/readyz", "/signin"} {
		res, err := http.Get(app.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != 200 {
			t.Fatalf("%s: %d", path, res.StatusCode)
		}
	}
	app.stop()
	if _, err := http.Get(app.URL + "/healthz"); err == nil {
		t.Fatal("still serving after shutdown")
	}
	if !strings.Contains(app.Logs.String(), `"route":"signin"`) {
		t.Fatalf("no request log line:\n%s", app.Logs.String())
	}
}

func TestCommands(t *testing.T) {
	ctx := context.Background()
	var out strings.Builder
	if err := run(ctx, []string{"version"}, os.Getenv, nil, &out, io.Discard); err != nil || !strings.HasPrefix(out.String(), "securebase ") {
		t.Fatalf("version: %q %v", out.String(), err)
	}
	out.Reset()
	if err := run(ctx, []string{"keygen"}, os.Getenv, nil, &out, io.Discard); err != nil || len(strings.TrimSpace(out.String())) != 64 {
		t.Fatalf("keygen: %q %v", out.String(), err)
	}
	dbURL := "sqlite:" + filepath.Join(t.TempDir(), "m.db")
	out.Reset()
	if err := run(ctx, []string{"migrate", "-database", dbURL}, os.Getenv, nil, &out, io.Discard); err != nil || !strings.Contains(out.String(), "schema version") {
		t.Fatalf("migrate: %q %v", out.String(), err)
	}
	dest := filepath.Join(t.TempDir(), "backup.db")
	if err := run(ctx, []string{"backup", "-database", dbURL, dest}, os.Getenv, nil, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dest); err != nil {
		t.Fatal(err)
	}
	if err := run(ctx, []string{"backup", "-database", dbURL}, os.Getenv, nil, io.Discard, io.Discard); err == nil {
		t.Fatal("backup without a file name")
	}
	if err := run(ctx, []string{"frobnicate"}, os.Getenv, nil, io.Discard, io.Discard); err == nil {
		t.Fatal("unknown command accepted")
	}
}

func TestMetricsListener(t *testing.T) {
	app := startApp(t, "-metrics-addr", "127.0.0.1:0")
	if res, err := http.Get(app.URL + "/signin"); err == nil {
		res.Body.Close()
	}
	res, err := http.Get(app.Metrics + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	for _, want := range []string{`securebase_requests_total{route="signin",status="200"} 1`, "securebase_request_duration_seconds_bucket", "securebase_users 0"} {
		if !strings.Contains(string(body), want) {
			t.Errorf("metrics lack %q:\n%s", want, body)
		}
	}
	// Metrics are not on the public listener.
	res, err = http.Get(app.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusNotFound {
		t.Fatalf("/metrics on the public listener: %d", res.StatusCode)
	}
}
