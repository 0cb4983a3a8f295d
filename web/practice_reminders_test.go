package web_test

import (
	"bytes"
	"encoding/json"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"

	"github.com/securebase/securebase/ical"
)

var feedRE = regexp.MustCompile(`https://[^/"]+(/calendar/[A-Za-z0-9_-]{43}\.ics)`)

// TestCalendarFeed picks practice times, makes the private feed, reads it
// without a session, checks it with go-ical and with ical.js (Mozilla
// Thunderbird's parser), and replaces and turns off the link.
func TestCalendarFeed(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.signUp("linden", pw)
	expect(t, c.post("/settings/prefs", url.Values{"time_zone": {"Europe/Berlin"}}), 303)
	expect(t, c.post("/checkins", url.Values{"distress": {"8"}, "note": {"lonely and anxious tonight"}}), 303)
	expect(t, c.get("/reminders"), 200, "Make a calendar link", "Europe/Berlin")
	expect(t, c.post("/reminders", url.Values{"practice_time": {"8:3"}, "practice_days": {"mon"}}), 400, "Choose a time, such as 08:30.")
	expect(t, c.post("/reminders", url.Values{"practice_time": {"08:30"}}), 400, "Choose at least one day.")
	expect(t, c.post("/reminders", url.Values{"practice_time": {"08:30"}, "practice_days": {"mon", "wed"}, "reflection_time": {"19:00"}}), 303)
	expect(t, c.post("/reminders/link", nil), 303)
	page := c.get("/reminders")
	expect(t, page, 200, `value="08:30"`, `value="wed" checked`, "Turn off the link")
	m := feedRE.FindStringSubmatch(page.body)
	if m == nil {
		t.Fatalf("no feed link on the page\n%s", page.body)
	}
	path := m[1]

	stranger := e.client() // no session: a calendar app
	res := stranger.get(path)
	expect(t, res, 200, "BEGIN:VCALENDAR", "TZID=Europe/Berlin:", "RRULE:FREQ=WEEKLY;BYDAY=MO,WE", "SUMMARY:Secure Base: a few minutes for you")
	for _, word := range []string{"lonely", "anxious", "distress", "check-in", "linden"} {
		if strings.Contains(strings.ToLower(res.body), word) {
			t.Errorf("the feed says %q", word)
		}
	}
	if ct := res.Result().Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/calendar") {
		t.Errorf("Content-Type %q", ct)
	}
	if len(stranger.cookies) != 0 {
		t.Errorf("the feed set cookies: %v", stranger.cookies)
	}
	// A maintained Go library reads it and its encoder accepts the structure.
	cal, err := goical.NewDecoder(strings.NewReader(res.body)).Decode()
	if err != nil {
		t.Fatalf("go-ical cannot decode the feed: %v", err)
	}
	var again bytes.Buffer
	if err := goical.NewEncoder(&again).Encode(cal); err != nil {
		t.Fatalf("go-ical refuses to write the feed back: %v", err)
	}
	events := cal.Events()
	if len(events) != 2 {
		t.Fatalf("%d events, want 2", len(events))
	}
	set, err := events[0].RecurrenceSet(nil)
	if err != nil || set == nil {
		t.Fatalf("recurrence: %v", err)
	}
	berlin, _ := time.LoadLocation("Europe/Berlin")
	for _, at := range set.Between(e.clock(), e.clock().AddDate(1, 0, 0), true) {
		at = at.In(berlin)
		if at.Hour() != 8 || at.Minute() != 30 || (at.Weekday() != time.Monday && at.Weekday() != time.Wednesday) {
			t.Fatalf("an occurrence at %v", at)
		}
	}
	// ical.js, a real calendar client's parser, places the occurrences.
	icalJS(t, res.body, berlin)
	// The same reminders give the same bytes: a calendar can ask with its ETag.
	stranger.header.Set("If-None-Match", res.Result().Header.Get("ETag"))
	expect(t, stranger.get(path), 304)
	stranger.header.Del("If-None-Match")
	// A changed time is the same event, one sequence on.
	expect(t, c.post("/reminders", url.Values{"practice_time": {"09:00"}, "practice_days": {"mon", "wed"}}), 303)
	expect(t, stranger.get(path), 200, "TZID=Europe/Berlin:", "T090000", "SEQUENCE:1")
	// The export keeps the times but not the secret.
	secret := strings.TrimSuffix(strings.TrimPrefix(path, "/calendar/"), ".ics")
	if x := c.get("/settings/export.json"); strings.Contains(x.body, secret) || !strings.Contains(x.body, "practice 09:00") {
		t.Errorf("the export holds the secret, or not the times")
	}
	// A new link ends the old one; turning it off ends both.
	expect(t, c.post("/reminders/link", nil), 303)
	expect(t, stranger.get(path), 404)
	m = feedRE.FindStringSubmatch(c.get("/reminders").body)
	if m == nil || m[1] == path {
		t.Fatal("no new link")
	}
	expect(t, stranger.get(m[1]), 200, "BEGIN:VCALENDAR")
	expect(t, c.post("/reminders/link/delete", nil), 303)
	expect(t, stranger.get(m[1]), 404)
	expect(t, stranger.get("/calendar/"+strings.Repeat("A", 43)+".ics"), 404)
	expect(t, stranger.get("/calendar/short.ics"), 404)
	expect(t, c.get("/reminders"), 200, "Make a calendar link")
}

// icalJS reads the feed with ical.js and checks that every occurrence of
// the practice reminder is at 08:30 in Berlin, from the feed's own
// VTIMEZONE.
func icalJS(t *testing.T, feed string, loc *time.Location) {
	t.Helper()
	node, err := exec.LookPath("node")
	script, _ := filepath.Abs(filepath.Join("..", "ical", "testdata", "icaljs.mjs"))
	_, pkgErr := os.Stat(filepath.Join("..", "node_modules", "ical.js", "package.json"))
	if err != nil || pkgErr != nil {
		msg := "CANNOT RUN: the calendar client check needs node and the npm package ical.js (run npm ci in the repository root)"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Log(msg)
		return
	}
	file := filepath.Join(t.TempDir(), "feed.ics")
	if err := os.WriteFile(file, []byte(feed), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, script, "120", file) // #nosec G204 -- node and a script of ours
	cmd.Dir = ".."
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("ical.js: %v", err)
	}
	var got struct {
		Events []struct {
			Summary string   `json:"summary"`
			Times   []string `json:"times"`
		} `json:"events"`
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("ical.js output: %v", err)
	}
	if len(got.Events) != 2 || got.Events[0].Summary != ical.Title(ical.KindPractice) || got.Events[1].Summary != ical.Title(ical.KindReflection) {
		t.Fatalf("ical.js read %+v", got.Events)
	}
	n := 0
	for _, s := range got.Events[0].Times {
		at, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		at = at.In(loc)
		if at.Hour() != 8 || at.Minute() != 30 || (at.Weekday() != time.Monday && at.Weekday() != time.Wednesday) {
			t.Fatalf("ical.js places an occurrence at %v", at)
		}
		n++
	}
	if n != 120 {
		t.Fatalf("ical.js gave %d occurrences, want 120", n)
	}
	t.Logf("FIGURE calendar feed: go-ical decodes and re-encodes it; ical.js places %d occurrences at 08:30 Europe/Berlin across clock changes", n)
}

// TestSettingsLeadToReminders: settings, where people look for them,
// lead to the reminders.
func TestSettingsLeadToReminders(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.signUp("wren", pw)
	expect(t, c.get("/settings"), 200, `href="/reminders"`, "Set up reminders")
}
