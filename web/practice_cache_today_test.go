package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/securebase/securebase/belief"
	"github.com/securebase/securebase/web"
)

// TestTodayCachesFollowWrites: Today keeps the person's own secure
// beliefs and open fears per person (issue 15, speed); a script saved or
// deleted, and a fear answered, show on the very next Today, and nobody
// sees another person's.
func TestTodayCachesFollowWrites(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.signUp("rowan", pw)
	other := e.client()
	other.signUp("hazel", pw)
	const mine = "Rowan is allowed a slow reply"
	seen := false
	// Each day: Today without a script (kept), then a script saved and
	// Today again. In 2n+2 days (two whole cycles of n+1) the own line is picked at least once.
	for day := range 2*len(belief.Scripts()) + 2 {
		// A day passes between visits: sign in again each morning.
		expect(t, c.post("/signin", url.Values{"username": {"rowan"}, "password": {pw}}), http.StatusSeeOther)
		expect(t, other.post("/signin", url.Values{"username": {"hazel"}, "password": {pw}}), http.StatusSeeOther)
		expect(t, c.get("/today"), 200)
		expect(t, other.get("/today"), 200)
		id := "own-" + string(rune('a'+day%26))
		expect(t, c.post("/beliefs/scripts", url.Values{"id": {id}, "anxious": {"they are gone"}, "secure": {mine}}), http.StatusSeeOther)
		if strings.Contains(c.get("/today").body, mine) {
			seen = true
			if strings.Contains(other.get("/today").body, mine) {
				t.Fatal("another person's Today shows Rowan's script")
			}
			expect(t, c.post("/beliefs/scripts/"+id+"/delete", url.Values{"confirm": {"yes"}}), http.StatusSeeOther)
			if strings.Contains(c.get("/today").body, mine) {
				t.Fatal("a deleted script is still today's secure belief")
			}
			break
		}
		expect(t, c.post("/beliefs/scripts/"+id+"/delete", url.Values{"confirm": {"yes"}}), http.StatusSeeOther)
		e.advance(24 * time.Hour)
	}
	if !seen {
		t.Fatal("a script saved after Today was read never became the secure belief for today")
	}

	// A fear logged at night asks its question the next morning; once
	// answered it is gone from Today at once.
	e.advance(time.Duration(23-e.clock().Hour())*time.Hour + 30*time.Minute)
	expect(t, c.post("/behaviour/triggers", url.Values{"id": {"tr-1"}, "happening": {"late-reply"}, "activation": {"8"}, "urges": {"texting-or-calling"}}), http.StatusSeeOther)
	expect(t, c.post("/behaviour/triggers/tr-1", url.Values{"fear": {"leaving"}, "outcome": {"let-it-pass"}}), http.StatusSeeOther)
	e.advance(9 * time.Hour)
	expect(t, c.get("/today"), 200, "Did the fear come true?")
	if strings.Contains(other.get("/today").body, "fear-ask-title") {
		t.Fatal("another person's Today asks Rowan's fear")
	}
	expect(t, c.post("/behaviour/triggers/tr-1/answer", url.Values{"came_true": {"no"}, "back": {"today"}}), http.StatusSeeOther)
	if strings.Contains(c.get("/today").body, "fear-ask-title") {
		t.Fatal("an answered fear still asks on Today")
	}
}

// TestCacheDroppedOnNewKey: a password change (a new key) and deleting
// the account leave nothing of the person's in the cache.
func TestCacheDroppedOnNewKey(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.signUp("alder", pw)
	expect(t, c.get("/today"), 200)
	if web.CachedItems(e.srv) == 0 {
		t.Fatal("Today kept nothing: the test cannot see a drop")
	}
	const next = "a new and longer passphrase"
	expect(t, c.post("/settings/password", url.Values{"current": {pw}, "password": {next}}), http.StatusSeeOther)
	if n := web.CachedItems(e.srv); n != 0 {
		t.Fatalf("%d results kept across a password change", n)
	}
	// Signing out, here or everywhere, leaves nothing of theirs in memory.
	expect(t, c.get("/today"), 200)
	expect(t, c.post("/signout", nil), http.StatusSeeOther)
	if n := web.CachedItems(e.srv); n != 0 {
		t.Fatalf("%d results kept after signing out", n)
	}
	expect(t, c.post("/signin", url.Values{"username": {"alder"}, "password": {next}}), http.StatusSeeOther)
	expect(t, c.get("/today"), 200)
	expect(t, c.post("/settings/signout-everywhere", nil), http.StatusSeeOther)
	if n := web.CachedItems(e.srv); n != 0 {
		t.Fatalf("%d results kept after signing out everywhere", n)
	}
	expect(t, c.post("/signin", url.Values{"username": {"alder"}, "password": {next}}), http.StatusSeeOther)
	expect(t, c.get("/today"), 200)
	expect(t, c.post("/settings/delete", url.Values{"password": {next}}), http.StatusSeeOther)
	if n := web.CachedItems(e.srv); n != 0 {
		t.Fatalf("%d results kept after the account was deleted", n)
	}
}
