package web_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
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

// env is a real server over a real SQLite store, with a clock tests move.
type env struct {
	t        *testing.T
	db       *sqlstore.DB
	srv      *web.Server
	accounts *account.Service
	saves    *entries.Service
	logs     *syncBuffer

	mu  sync.Mutex
	now time.Time
}

type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func (e *env) clock() time.Time { e.mu.Lock(); defer e.mu.Unlock(); return e.now }
func (e *env) advance(d time.Duration) {
	e.mu.Lock()
	e.now = e.now.Add(d)
	e.mu.Unlock()
}

// testDetector is the crisis check, built once per test binary: it is
// immutable and safe for concurrent use, and building it takes a second
// or more under -race.
var testDetector = sync.OnceValues(safety.NewDetector)

func newEnv(t *testing.T) *env {
	t.Helper()
	return newEnvOn(t, sqlstore.Options{})
}

// newEnvOn is newEnv over a fresh SQLite store opened with opts (a full
// disk test caps its size).
func newEnvOn(t *testing.T, opts sqlstore.Options) *env {
	t.Helper()
	db, err := sqlstore.Open(context.Background(), "sqlite:"+filepath.Join(t.TempDir(), "web.db"), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	e := &env{t: t, db: db, logs: &syncBuffer{}, now: time.Date(2026, 11, 21, 23, 40, 0, 0, time.UTC)}
	lines, err := safety.LoadDirectory()
	if err != nil {
		t.Fatal(err)
	}
	detector, err := testDetector()
	if err != nil {
		t.Fatal(err)
	}
	abuse, err := safety.NewAbuseCheck()
	if err != nil {
		t.Fatal(err)
	}
	w, _ := crypt.NewWrapper(nil)
	e.accounts = account.New(account.Deps{Users: db, Sessions: db, Limits: db, Links: db,
		Hasher: crypt.NewHasher(crypt.Params{Memory: 64, Time: 1, Threads: 1}, 4), Wrapper: w,
		Policy: securebase.NewPasswordPolicy(), Clock: e.clock}, account.DefaultConfig())
	library, err := assess.Load()
	if err != nil {
		t.Fatal(err)
	}
	e.saves = entries.New(entries.Deps{Store: db, Detector: detector, Abuse: abuse, Assess: library, Lines: lines, Clock: e.clock})
	e.srv, err = web.New(web.Deps{Accounts: e.accounts, Entries: e.saves, DB: db, Lines: lines, Assess: library, Feeds: db,
		Logger: slog.New(slog.NewJSONHandler(e.logs, nil)), Clock: e.clock, Metrics: web.NewMetrics()},
		web.Config{TimeZone: time.UTC, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// client is a browser stand-in: it keeps cookies by name (Secure cookies
// included, as a browser on localhost would) and sends forms.
type client struct {
	e       *env
	cookies map[string]string
	header  http.Header
	addr    string // the client's network address, for rate limits
}

func (e *env) client() *client {
	return &client{e: e, cookies: map[string]string{}, header: http.Header{}, addr: "192.0.2.10:5555"}
}

type response struct {
	*httptest.ResponseRecorder
	body string
}

func (c *client) do(method, path string, body io.Reader, contentType string) *response {
	c.e.t.Helper()
	r := httptest.NewRequest(method, path, body)
	r.RemoteAddr = c.addr
	if contentType != "" {
		r.Header.Set("Content-Type", contentType)
	}
	for k, v := range c.header {
		r.Header[k] = v
	}
	for name, value := range c.cookies {
		r.AddCookie(&http.Cookie{Name: name, Value: value})
	}
	w := httptest.NewRecorder()
	c.e.srv.ServeHTTP(w, r)
	for _, ck := range w.Result().Cookies() {
		if ck.MaxAge < 0 {
			delete(c.cookies, ck.Name)
		} else {
			c.cookies[ck.Name] = ck.Value
		}
	}
	text := w.Body.String()
	if strings.Contains(text, "ZgotmplZ") {
		// html/template blanked an unsafe value: a link or attribute is broken.
		c.e.t.Errorf("%s %s: the page holds ZgotmplZ (a value html/template refused)", method, path)
	}
	return &response{ResponseRecorder: w, body: text}
}

func (c *client) get(path string) *response { return c.do("GET", path, nil, "") }

func (c *client) post(path string, form url.Values) *response {
	return c.do("POST", path, strings.NewReader(form.Encode()), "application/x-www-form-urlencoded")
}

func (c *client) json(method, path, body string) *response {
	return c.do(method, path, strings.NewReader(body), "application/json")
}

// signUp creates an account and returns the recovery key shown.
func (c *client) signUp(name, password string) string {
	c.e.t.Helper()
	res := c.post("/signup", url.Values{"username": {name}, "password": {password}})
	if res.Code != http.StatusOK {
		c.e.t.Fatalf("sign up %s: %d\n%s", name, res.Code, res.body)
	}
	m := regexp.MustCompile(`[0-9A-Z]{4}(-[0-9A-Z]{4}){7}`).FindString(res.body)
	if m == "" {
		c.e.t.Fatal("no recovery key on the page")
	}
	return m
}

func expect(t *testing.T, res *response, code int, contains ...string) {
	t.Helper()
	if res.Code != code {
		t.Fatalf("status %d, want %d\n%s", res.Code, code, res.body)
	}
	for _, s := range contains {
		if !strings.Contains(res.body, s) {
			t.Fatalf("response lacks %q\n%s", s, res.body)
		}
	}
}

func regexpMust(p string) *regexp.Regexp { return regexp.MustCompile(p) }

var idRE = regexp.MustCompile(`/checkins/([a-z2-7]{26})/edit`)

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// actorOf unlocks a person's data key the way a sign-in does, for tests
// that look at the store directly.
func actorOf(t *testing.T, e *env, name string) securebase.Actor {
	t.Helper()
	in, err := e.accounts.SignIn(context.Background(), name, pw, account.Client{Address: "192.0.2.99", Device: "test"})
	if err != nil {
		t.Fatal(err)
	}
	return in.Principal.Actor
}

// sameEntries fails unless two exports are JSON and hold the same entries
// in the same order; it returns the second, decoded.
// byKindAndID sorts an export's entries by kind, then id.
func byKindAndID(v any) []any {
	list, _ := v.([]any)
	out := append([]any(nil), list...)
	key := func(x any) string {
		m, _ := x.(map[string]any)
		k, _ := m["kind"].(string)
		id, _ := m["id"].(string)
		return k + "\x00" + id
	}
	sort.SliceStable(out, func(i, j int) bool { return key(out[i]) < key(out[j]) })
	return out
}

func sameEntries(t *testing.T, first, second string) map[string]any {
	t.Helper()
	var x1, x2 map[string]any
	if err := json.Unmarshal([]byte(first), &x1); err != nil {
		t.Fatalf("the first export is not JSON: %v", err)
	}
	if err := json.Unmarshal([]byte(second), &x2); err != nil {
		t.Fatalf("the second export is not JSON: %v", err)
	}
	if list, ok := x1["entries"].([]any); !ok || len(list) == 0 {
		t.Fatal("the first export has no entries to compare")
	}
	// Entries at the same moment are listed in the order of their stored
	// ids, which are keyed hashes under each account's own key; so the
	// round trip keeps the set, not the order of ties.
	e1, err1 := json.Marshal(byKindAndID(x1["entries"]))
	e2, err2 := json.Marshal(byKindAndID(x2["entries"]))
	if err1 != nil || err2 != nil {
		t.Fatalf("%v %v", err1, err2)
	}
	if string(e1) != string(e2) {
		t.Fatalf("entries changed in the round trip:\n%s\n%s", e1, e2)
	}
	return x2
}
