package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/securebase/securebase/account"
	"github.com/securebase/securebase/sqlstore"
	"github.com/securebase/securebase/web"
)

// TestTokenAsSessionCookie (issue 10, finding 7): an access token put in
// the session cookie is not a browser session. Every API route answers
// 401 and every page treats the request as signed out; nothing panics.
func TestTokenAsSessionCookie(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.signUp("hazel", pw)
	in, err := e.accounts.SignIn(context.Background(), "hazel", pw, account.Client{Address: "192.0.2.10", Device: ""})
	if err != nil {
		t.Fatal(err)
	}
	token, err := e.accounts.CreateToken(context.Background(), in.Principal, "phone", 0)
	if err != nil {
		t.Fatal(err)
	}
	forged := e.client()
	forged.cookies["__Host-sb"] = token
	for _, rt := range e.srv.Routes() {
		if rt.Method != "GET" || strings.Contains(rt.Pattern, "{") {
			continue
		}
		res := forged.get(rt.Pattern)
		if res.Code >= 500 {
			t.Errorf("GET %s with a token as the cookie: %d", rt.Pattern, res.Code)
		}
		if rt.Access == web.API && res.Code != http.StatusUnauthorized {
			t.Errorf("GET %s with a token as the cookie: %d, want 401", rt.Pattern, res.Code)
		}
		forged.cookies["__Host-sb"] = token // a cleared cookie comes back for the next route
	}
	if strings.Contains(e.logs.String(), `"panic"`) {
		t.Error("the log shows a panic")
	}
}

// TestSecretsAreNotCarriedToSignIn (finding 7): when a session ends while
// a form is being sent, the sign-in page carries what was typed so it can
// be saved after signing in, but never a password or a key.
func TestSecretsAreNotCarriedToSignIn(t *testing.T) {
	e := newEnv(t)
	stale := e.client()
	stale.cookies["__Host-sb"] = "c2Vzc2lvbi10aGF0LWhhcy1lbmRlZC1hbHJlYWR5LWJ5LW5vdw"
	const secret = "my-very-secret-password-typed-here"
	for path, field := range map[string]string{
		"/settings/recovery-key": "key_password",
		"/settings/password":     "current",
		"/settings/delete":       "password",
		"/settings/tokens":       "password",
	} {
		res := stale.post(path, url.Values{field: {secret}, "password": {secret}, "recovery_key": {secret}, "label": {"kept"}})
		if res.Code != http.StatusUnauthorized {
			t.Errorf("POST %s with an ended session: %d, want 401", path, res.Code)
		}
		if strings.Contains(res.body, secret) {
			t.Errorf("POST %s with an ended session: the sign-in page carries the %s typed", path, field)
		}
	}
}

// TestDeletingAnAccountNeedsThePassword (finding 7): typing the username
// is not enough; someone holding a stolen cookie cannot delete the
// account without the password.
func TestDeletingAnAccountNeedsThePassword(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.signUp("rowan", pw)
	res := c.post("/settings/delete", url.Values{"confirm": {"rowan"}})
	if res.Code == http.StatusSeeOther {
		t.Fatal("the account was deleted with only the username typed")
	}
	if n, _ := e.db.CountUsers(context.Background()); n != 1 {
		t.Fatalf("%d accounts after a refused deletion", n)
	}
	expect(t, c.post("/settings/delete", url.Values{"password": {"not my password"}}), http.StatusUnauthorized, "doesn")
	res = c.post("/settings/delete", url.Values{"password": {pw}})
	if res.Code != http.StatusSeeOther {
		t.Fatalf("delete with the password: %d\n%s", res.Code, res.body)
	}
	if n, _ := e.db.CountUsers(context.Background()); n != 0 {
		t.Fatalf("%d accounts after deletion", n)
	}
}

// TestWritesRacingDeletion (finding 7): saves that race the deletion of
// their account end with a calm 4xx (the session is gone, or the entry
// is), never a 500.
func TestWritesRacingDeletion(t *testing.T) {
	for trial := range 10 {
		e := newEnv(t)
		c := e.client()
		c.signUp("aspen", pw)
		in, err := e.accounts.SignIn(context.Background(), "aspen", pw, account.Client{Address: "192.0.2.10", Device: ""})
		if err != nil {
			t.Fatal(err)
		}
		token, err := e.accounts.CreateToken(context.Background(), in.Principal, "writer", 0)
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		var mu sync.Mutex
		statuses := map[int]int{}
		stop := make(chan struct{})
		started := make(chan struct{}, 4)
		for range 4 {
			api := e.client()
			api.header.Set("Authorization", "Bearer "+token)
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; ; i++ {
					select {
					case <-stop:
						return
					default:
					}
					res := api.json("POST", "/api/v1/checkins", `{"distress": 4, "note": "racing"}`)
					mu.Lock()
					statuses[res.Code]++
					mu.Unlock()
					if i == 0 {
						started <- struct{}{}
					}
					if res.Code == http.StatusUnauthorized {
						return
					}
				}
			}()
		}
		for range 4 {
			<-started
		}
		if err := e.accounts.DeleteAccount(context.Background(), in.Principal, pw); err != nil {
			t.Fatal(err)
		}
		close(stop)
		wg.Wait()
		for code, n := range statuses {
			if code >= 500 {
				t.Errorf("trial %d: %d saves racing the deletion answered %d", trial, n, code)
			}
		}
	}
}

// TestFullDiskIsCalm (finding 7): on a full disk, signing in (which must
// count the attempt) answers a calm 503 that says what happened, not a
// 500, and /readyz stops saying ready so a load balancer looks elsewhere.
func TestFullDiskIsCalm(t *testing.T) {
	e := newEnvOn(t, sqlstore.Options{MaxBytes: 1 << 20})
	c := e.client()
	c.signUp("full", pw)
	expect(t, c.get("/readyz"), http.StatusOK)
	note := strings.Repeat("a long evening written out in full ", 50)
	for i := 0; ; i++ {
		res := c.post("/checkins", url.Values{"distress": {"5"}, "note": {note}})
		if res.Code == http.StatusServiceUnavailable {
			break
		}
		if res.Code >= 500 || i > 2000 {
			t.Fatalf("save %d on a filling disk: %d", i, res.Code)
		}
	}
	// Sign-in attempts are counted in the database; fill what is left.
	for i := 0; ; i++ {
		res := e.client().post("/signin", url.Values{"username": {"someone-" + strconv.Itoa(i)}, "password": {pw}})
		if res.Code == http.StatusServiceUnavailable {
			if !strings.Contains(res.body, "out of storage space") {
				t.Fatalf("the sign-in page on a full disk does not say what happened:\n%s", res.body)
			}
			break
		}
		if res.Code >= 500 || i > 5000 {
			t.Fatalf("sign-in %d on a full disk: %d", i, res.Code)
		}
	}
	expect(t, c.get("/readyz"), http.StatusServiceUnavailable)
}
