package web_test

import (
	"net/url"
	"strings"
	"testing"
)

// TestOnboarding: after the key, three skippable screens; the country
// screen uses the country picker and comes back to the next screen.
func TestOnboarding(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	res := c.post("/signup", url.Values{"username": {"wren.Tree"}, "password": {pw}})
	expect(t, res, 200, `href="/welcome"`, "data-copy")
	key := regexpMust(`[0-9A-Z]{4}(-[0-9A-Z]{4}){7}`).FindString(res.body)
	expect(t, c.get("/welcome"), 200, "Body.", "Beliefs.", "Behaviour.", `href="/welcome?step=2"`, `href="/today"`)
	expect(t, c.get("/welcome?step=2"), 200, `action="/country"`, `value="/welcome?step=3"`)
	res = c.post("/country", url.Values{"country": {"GB"}, "next": {"/welcome?step=3"}})
	if res.Code != 303 || res.Header().Get("Location") != "/welcome?step=3" {
		t.Fatalf("country: %d %q", res.Code, res.Header().Get("Location"))
	}
	expect(t, c.get("/welcome?step=3"), 200, "I'm activated", "Samaritans", `href="/today"`)
	// The downloaded key names the account.
	res = c.post("/recovery-key/download", url.Values{"key": {key}})
	if cd := res.Header().Get("Content-Disposition"); cd != `attachment; filename="securebase-recovery-key-wren.tree.txt"` {
		t.Errorf("download named %q", cd)
	}
}

// TestJournal: every kind shows by day and opens its page, or a readable
// view of the entry when the kind has none.
func TestJournal(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.signUp("journal-person", pw)
	expect(t, c.get("/journal"), 200, "Nothing saved in these two weeks")
	expect(t, c.post("/checkins", url.Values{"distress": {"6"}, "note": {"no reply since nine"}}), 303)
	expect(t, c.post("/body/log", url.Values{"tool": {"name"}, "emotion": {"abandoned"}, "because": {"the phone was quiet"}, "intensity": {"7"}}), 303)
	res := c.get("/journal")
	expect(t, res, 200, "no reply since nine", "Check-ins", "Body tools: single uses", "abandoned")
	if !idRE.MatchString(res.body) {
		t.Fatal("the check-in does not open its edit page")
	}
	view := regexpMust(`/journal/tooluse/[a-z2-7]{26}`).FindString(res.body)
	if view == "" {
		t.Fatalf("the tool use has no readable view:\n%s", res.body)
	}
	expect(t, c.get(view), 200, "the phone was quiet", "abandoned")
	// Another person's entry is not found.
	other := e.client()
	other.signUp("someone-else", pw)
	expect(t, other.get(view), 404)
	expect(t, c.get("/journal?until=2020-01-01"), 200, "Nothing saved")
	if strings.Contains(c.get("/journal").body, "/section/") {
		t.Error("the frame still links a placeholder section")
	}
}

// TestDeleteConfirms: a delete button's first press asks; Keep it leaves
// the entry; confirm=yes deletes it; another person gets 404 either way.
func TestDeleteConfirms(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.signUp("careful-person", pw)
	expect(t, c.post("/checkins", url.Values{"distress": {"4"}, "note": {"a slow morning"}}), 303)
	id := idRE.FindStringSubmatch(c.get("/today").body)[1]
	other := e.client()
	other.signUp("not-the-owner", pw)
	expect(t, other.post("/checkins/"+id+"/delete", nil), 404)
	expect(t, other.post("/checkins/"+id+"/delete", url.Values{"confirm": {"yes"}}), 404)
	res := c.post("/checkins/"+id+"/delete", nil)
	expect(t, res, 200, "Delete this?", "a slow morning", `name="confirm" value="yes"`, "Keep it", `action="/checkins/`+id+`/delete"`)
	expect(t, c.get("/today"), 200, "a slow morning")
	expect(t, c.post("/checkins/"+id+"/delete", url.Values{"confirm": {"yes"}}), 303)
	if strings.Contains(c.get("/today").body, "a slow morning") {
		t.Fatal("confirmed, and the check-in is still there")
	}
	// Account deletion asks for the password.
	expect(t, c.get("/settings/delete"), 200, `type="password"`)
	expect(t, c.post("/settings/delete", url.Values{"password": {"not it at all"}}), 401)
}

// TestReadableExport: the readable export says names, not ids; dates a
// person reads; fields in the order filled; the plan in its own order.
func TestReadableExport(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.signUp("reader", pw)
	expect(t, c.post("/body/log", url.Values{"tool": {"breathe"}, "pattern": {"4-7-8"}, "before": {"7"}, "after": {"4"}}), 303)
	expect(t, c.post("/body/favourites", url.Values{"statement": {firstStatement(t, c)}}), 303)
	expect(t, c.post("/safety-plan", url.Values{"safer-surroundings": {"phone in the kitchen"}, "warning-signs": {"I stop eating"}, "version": {"0"}}), 303)
	res := c.get("/settings/export.html")
	expect(t, res, 200, "distress before</dt><dd>7 of 10", "4-7-8 breathing", "Breathe", "My warning signs", "“")
	body := res.body
	if strings.Index(body, "My warning signs") > strings.Index(body, "Making my surroundings safer") {
		t.Error("the plan's parts are not in the plan's own order")
	}
	if i, j := strings.Index(body, "distress before"), strings.Index(body, "distress after"); i < 0 || j < i {
		t.Error("distress after comes before distress before")
	}
	shown := regexpMust(`datetime="[^"]*"`).ReplaceAllString(body, "") // machine dates for machines only
	if m := regexpMust(`.{0,60}\d{4}-\d\d-\d\dT\d\d:\d\d`).FindString(shown); m != "" {
		t.Errorf("the export holds a machine date: %s", m)
	}
	// The printed plan: a date, and the prompts marked to stay off paper.
	expect(t, c.get("/safety-plan"), 200, `class="print-only plan-date"`, "plan-empty")
}

func firstStatement(t *testing.T, c *client) string {
	t.Helper()
	m := regexpMust(`name="statement" value="([a-z0-9-]+)"`).FindStringSubmatch(c.get("/body/reassure").body)
	if m == nil {
		t.Fatal("no statement on the reassurance page")
	}
	return m[1]
}

// TestStaticGzip: styles and scripts go gzipped to a browser that accepts
// it, and plain to one that does not.
func TestStaticGzip(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	plain := c.get("/static/app.css")
	c.header.Set("Accept-Encoding", "gzip, deflate, br")
	zipped := c.get("/static/app.css")
	if zipped.Header().Get("Content-Encoding") != "gzip" || len(zipped.body)*2 > len(plain.body) || plain.Header().Get("Content-Encoding") != "" {
		t.Fatalf("app.css: %d bytes gzipped (%q), %d plain", len(zipped.body), zipped.Header().Get("Content-Encoding"), len(plain.body))
	}
	c.header.Set("Accept-Encoding", "gzip;q=0")
	if c.get("/static/app.css").Header().Get("Content-Encoding") != "" {
		t.Error("gzip refused with q=0 and sent all the same")
	}
}
