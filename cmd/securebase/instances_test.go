package main

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/securebase/securebase/internal/testenv"
)

// noRedirect is an HTTP client that shows redirects instead of following.
var noRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

func postForm(t *testing.T, base, path string, form url.Values, cookie string) *http.Response {
	t.Helper()
	req, _ := http.NewRequest("POST", base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if cookie != "" {
		req.Header.Set("Cookie", "__Host-sb="+cookie)
	}
	res, err := noRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func getPage(t *testing.T, base, path, cookie string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", base+path, nil)
	if cookie != "" {
		req.Header.Set("Cookie", "__Host-sb="+cookie)
	}
	res, err := noRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

func sessionCookie(res *http.Response) string {
	for _, c := range res.Cookies() {
		if c.Name == "__Host-sb" {
			return c.Value
		}
	}
	return ""
}

// TestTwoInstancesOnePostgres starts two instances on one PostgreSQL
// schema at the same moment (migrations under the advisory lock): a
// session made on one works on the other, and what one saves the other shows.
func TestTwoInstancesOnePostgres(t *testing.T) {
	db := testenv.Postgres(t)
	apps := make(chan *running, 2)
	for range 2 {
		go func() { apps <- startApp(t, "-database", db) }()
	}
	one, two := <-apps, <-apps

	res := postForm(t, one.URL, "/signup", url.Values{"username": {"both"}, "password": {"two doors one house"}}, "")
	res.Body.Close()
	cookie := sessionCookie(res)
	if res.StatusCode != 200 || cookie == "" {
		t.Fatalf("sign up on one: %d", res.StatusCode)
	}
	// One has seen Today and the list before two saves: what one keeps in
	// memory must not hide two's save (the entries stamp, issue 15).
	for range 2 {
		for _, path := range []string{"/today", "/api/v1/checkins", "/insights"} {
			if code, _ := getPage(t, one.URL, path, cookie); code != 200 {
				t.Fatalf("one %s: %d", path, code)
			}
		}
	}
	for i, note := range []string{"saved through two", "and a second time"} {
		res = postForm(t, two.URL, "/checkins", url.Values{"distress": {"3"}, "note": {note}}, cookie)
		res.Body.Close()
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("check in on two with one's session: %d", res.StatusCode)
		}
		for _, path := range []string{"/today", "/api/v1/checkins"} {
			code, body := getPage(t, one.URL, path, cookie)
			if code != 200 || !strings.Contains(body, note) {
				t.Fatalf("one's %s does not show what two saved (save %d): %d", path, i+1, code)
			}
		}
	}
	// Signing out on one ends the session on two.
	postForm(t, one.URL, "/signout", nil, cookie).Body.Close()
	if code, _ := getPage(t, two.URL, "/today", cookie); code != http.StatusSeeOther {
		t.Fatalf("two still accepts a session ended on one: %d", code)
	}
}
