package proof_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/proof"
)

// logCanaries is everything a person types or holds that no log may
// carry, with the scanner that finds any of it in any encoding.
type logCanaries struct {
	scanner *proof.Scanner
	marker  string
	n       int // secrets added
}

func (c *logCanaries) Add(secrets ...string) {
	for _, s := range secrets {
		if s != "" {
			c.n++
			c.scanner.Add(s)
		}
	}
}

func (c *logCanaries) next(what string) string {
	s := fmt.Sprintf("%s %s %03d", c.marker, what, c.n)
	c.Add(s)
	return s
}

// TestLogsHoldNoSecrets runs the real binary at debug level behind a
// (trusted) proxy and walks a person's whole life through it: sign-up,
// wrong passwords, a wrong and a right recovery key, entries of every
// kind with canary text, a token with a canary name, every route of the
// table with canaries in its query, form, JSON body, path and headers,
// malformed requests, sign-out, account deletion. Then every log line and
// the metrics page are scanned for each canary, password, recovery key,
// token, cookie, address and user agent, raw and encoded: 0 hits.
func TestLogsHoldNoSecrets(t *testing.T) {
	bin := binary(t)
	metricsAddr := freeAddr(t)
	p, err := proof.Start(bin, "-database", "sqlite:"+t.TempDir()+"/logs.db", "-log-level", "debug", "-trust-proxy",
		"-metrics-addr", metricsAddr, "-argon2-memory", "8192", "-argon2-time", "1")
	if err != nil {
		t.Fatal(err)
	}
	defer p.Kill()
	marker := proof.NewCanaries(0).Marker
	c := &logCanaries{scanner: proof.NewScanner(), marker: marker}
	c.Add(marker)
	address := "203.0.113.187"
	c.Add(address, "Firefox/"+marker)

	newAgent := func() *proof.Agent {
		a := proof.NewAgent(proof.Loopback(), p.URL)
		a.Header.Set("X-Forwarded-For", address)
		a.Header.Set("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/"+marker)
		a.Header.Set("Referer", p.URL+"/"+c.next("referer"))
		return a
	}
	requests := 0
	do := func(a *proof.Agent, r proof.Request) *proof.Response {
		t.Helper()
		res, err := a.Do(r)
		if err != nil {
			t.Fatalf("%s %s: %v", r.Method, r.Path, err)
		}
		requests++
		if res.Status >= 500 {
			t.Errorf("%s %s: %d", r.Method, r.Path, res.Status)
		}
		return res
	}
	username := func() string { return "lg" + strings.ToLower(proof.NewCanaries(0).Marker[4:18]) }
	signUp := func(a *proof.Agent) {
		t.Helper()
		name, password := username(), c.next("password")
		c.Add(name)
		if err := a.SignUp(name, password); err != nil {
			t.Fatal(err)
		}
		requests++
		c.Add(a.User.RecoveryKey, a.Session())
	}

	a := newAgent()
	signUp(a)
	// Wrong passwords, a wrong and then the right recovery key.
	for range 3 {
		do(newAgent(), proof.Form("POST", "/signin", url.Values{"username": {a.User.Name}, "password": {c.next("wrong password")}}))
	}
	do(newAgent(), proof.Form("POST", "/reset", url.Values{"username": {a.User.Name}, "recovery_key": {"ABCD-" + marker}, "password": {c.next("new password")}}))
	b := newAgent()
	newPassword := c.next("reset password")
	if res := do(b, proof.Form("POST", "/reset", url.Values{"username": {a.User.Name}, "recovery_key": {a.User.RecoveryKey}, "password": {newPassword}})); res.Status != http.StatusSeeOther {
		t.Fatalf("reset: %d", res.Status)
	}
	a = b
	a.User.Password = newPassword
	c.Add(a.Session())
	token, err := a.NewToken(c.next("token name"))
	if err != nil {
		t.Fatal(err)
	}
	c.Add(token, token[4:])
	api := a.WithToken(token)
	api.Header = a.Header.Clone()

	// Entries of every kind, with canary text, through the API.
	for _, k := range securebase.Kinds() {
		s, err := proof.SampleFor(k)
		if err != nil {
			t.Error(err)
			continue
		}
		for i := range 3 {
			do(api, s.Save(s.ID("log-"+string(k), i), c.next("entry text")))
		}
		do(api, s.Get(s.ID("log-"+string(k), 0)))
	}
	do(a, proof.Form("POST", "/checkins", url.Values{"distress": {"9"}, "note": {"I want to die " + c.next("crisis note")}}))
	do(a, proof.Form("POST", "/settings/prefs", url.Values{"country": {"NZ"}, "time_zone": {c.next("zone")}}))
	do(a, proof.Form("POST", "/settings/password", url.Values{"current": {c.next("wrong current")}, "password": {c.next("next password")}}))

	// Every route of the table, with canaries wherever input goes.
	routes, err := proof.Routes()
	if err != nil {
		t.Fatal(err)
	}
	targets, problems := proof.Classify(routes)
	if len(problems) > 0 {
		t.Fatalf("unclassified routes:\n%s", strings.Join(problems, "\n"))
	}
	for _, tg := range targets {
		paths := tg.Paths()
		if tg.HasID() {
			id, secrets, err := tg.Fixture.Make(a)
			if err != nil {
				t.Fatal(err)
			}
			c.Add(secrets...)
			paths = []string{proof.Fill(tg.Pattern, id, nil), proof.Fill(tg.Pattern, url.PathEscape(c.next("path id")), nil)}
		} else if len(tg.Params) > 0 {
			paths = append(paths, proof.Fill(tg.Pattern, "", func(string) string { return url.PathEscape(c.next("path")) }))
		}
		for _, path := range paths {
			q := url.Values{}
			for _, k := range []string{"q", "day", "next", "country", "limit", "after", "from", "v"} {
				q.Set(k, c.next("query "+k))
			}
			r := proof.Request{Method: tg.Method, Path: path + "?" + q.Encode()}
			switch {
			case tg.Method == http.MethodGet:
			case proof.IsAPI(path):
				r = proof.JSON(tg.Method, r.Path, map[string]any{"id": c.next("json id"), "note": c.next("json note"), "distress": 3, "version": 1})
			default:
				f := url.Values{}
				for _, k := range []string{"username", "password", "current", "note", "label", "confirm", "recovery_key", "key", "key_password", "time_zone", "next", "id", "carry.note"} {
					f.Set(k, c.next("form "+k))
				}
				f.Set("distress", "4")
				r = proof.Form(tg.Method, r.Path, f)
			}
			for _, who := range []*proof.Agent{a, api} {
				if proof.IsAPI(path) != (who == api) {
					continue
				}
				do(who, r)
				// A route may have ended the session: sign in again, or,
				// if the account is gone, make a new one.
				if res := do(a, proof.Get("/api/v1/me")); res.Status == http.StatusUnauthorized {
					if err := a.SignIn(a.User.Name, a.User.Password); err != nil {
						signUp(a)
					}
					c.Add(a.Session())
					if token, err = a.NewToken(c.next("token name")); err != nil {
						t.Fatal(err)
					}
					c.Add(token, token[4:])
					api.Token = token
				}
			}
		}
	}

	// Malformed requests straight on the socket: a bad request line, a
	// header without a colon, an oversized header, a malformed form.
	badForm := "%zz=" + marker + "&password=%"
	for _, raw := range []string{
		"GET /" + marker + " HTTP/1.1 extra\r\nHost: x\r\nConnection: close\r\n\r\n",
		"GET /help HTTP/1.1\r\nHost: x\r\nBad " + marker + "\r\nConnection: close\r\n\r\n",
		"GET /help HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Big: " + strings.Repeat(marker, 3000) + "\r\n\r\n",
		fmt.Sprintf("POST /signin HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\n%s", len(badForm), badForm),
	} {
		sendRaw(t, p.URL, raw)
		requests++
	}
	do(a, proof.Form("POST", "/settings/delete", url.Values{"password": {a.User.Password}}))

	metrics, err := http.Get("http://" + metricsAddr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	mtext, _ := io.ReadAll(metrics.Body)
	metrics.Body.Close()
	if err := p.Stop(); err != nil {
		t.Fatal(err)
	}

	logs := p.Logs.String()
	lines, requestLines := 0, 0
	var hits []proof.Hit
	sc := bufio.NewScanner(strings.NewReader(logs))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		lines++
		var rec map[string]any
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Errorf("log line %d is not JSON: %s", lines, sc.Text())
		}
		if rec["msg"] == "request" {
			requestLines++
		}
		hits = append(hits, c.scanner.Scan(fmt.Sprintf("log line %d", lines), sc.Bytes())...)
	}
	hits = append(hits, c.scanner.Scan("/metrics", mtext)...)
	for i, h := range hits {
		if i < 10 {
			t.Errorf("a secret in the logs: %s", h)
		}
	}
	if requestLines < requests/2 {
		t.Fatalf("positive control failed: %d request log lines for %d requests", requestLines, requests)
	}
	t.Logf("FIGURE logs: %d requests over %d routes, %d log lines (%d request lines) and the metrics page scanned for %d byte patterns (%d canaries: passwords, recovery keys, tokens, cookies, entry text, query, form, path, headers, address, user agent): %d hits",
		requests, len(targets), lines, requestLines, c.scanner.Needles(), c.n, len(hits))
}

func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// sendRaw writes raw bytes to the server and reads whatever comes back.
func sendRaw(t *testing.T, base, raw string) {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(5 * time.Second))
	if _, err := conn.Write([]byte(raw)); err != nil {
		return // the server may close early on a huge header
	}
	_, _ = io.Copy(io.Discard, conn)
}
