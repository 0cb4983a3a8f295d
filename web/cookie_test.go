package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/securebase/securebase/account"
)

// TestCookiesLiveByTheServersClock: every cookie the server sets lives for
// a span counted on the server's own clock (the one sessions expire by),
// not the machine's. The test clock is days away from the machine's, so a
// cookie counted on the machine's clock would be off by those days.
func TestCookiesLiveByTheServersClock(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	w := c.do("POST", "/signup", strings.NewReader(url.Values{"username": {"clockwise"}, "password": {pw}}.Encode()),
		"application/x-www-form-urlencoded")
	lifetime := int(account.DefaultConfig().SessionLifetime / time.Second)
	got := map[string]*http.Cookie{}
	for _, ck := range w.Result().Cookies() {
		got[ck.Name] = ck
	}
	session := got["__Host-sb"]
	if session == nil || session.MaxAge != lifetime || !session.HttpOnly || !session.Secure || session.SameSite != http.SameSiteLaxMode {
		t.Fatalf("session cookie %+v; want Max-Age %d (the session's lifetime on the server's clock)", session, lifetime)
	}
	w = c.post("/checkins", url.Values{"distress": {"3"}})
	for _, ck := range w.Result().Cookies() {
		if ck.Name == "sb_flash" && (ck.MaxAge != 60 || !ck.HttpOnly || !ck.Secure) {
			t.Fatalf("flash cookie %+v", ck)
		}
	}
	w = c.get("/today") // reads and clears the flash
	for _, ck := range w.Result().Cookies() {
		if ck.Name == "sb_flash" && ck.MaxAge >= 0 {
			t.Fatalf("the flash was not cleared: %+v", ck)
		}
	}
}
