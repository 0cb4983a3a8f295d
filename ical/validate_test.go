package ical

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"
	"github.com/teambition/rrule-go"
)

// The feed is checked by two parsers that are not ours: go-ical, a
// maintained Go iCalendar library (decode, its encoder's structural
// checks, and recurrence expansion with rrule-go), and ical.js, the
// parser of Mozilla Thunderbird's calendar, run under node.

// zonesToCheck have summer time north and south, half-hour and
// 45-minute offsets, midnight changes, negative summer time (Dublin),
// rules that are not "the nth Sunday" (Jerusalem, Gaza, Casablanca),
// zones that stopped changing clocks (Mexico City, Tehran, São Paulo),
// and none at all.
var zonesToCheck = []string{
	"Europe/Berlin", "America/New_York", "Australia/Sydney", "America/Santiago", "Australia/Lord_Howe",
	"Asia/Jerusalem", "Asia/Gaza", "Africa/Casablanca", "America/Mexico_City", "Asia/Tehran",
	"America/Sao_Paulo", "Asia/Kolkata", "Pacific/Chatham", "America/St_Johns", "Europe/Dublin",
	"America/Havana", "Pacific/Apia", "Antarctica/Troll", "Europe/London", "Asia/Tokyo", "Pacific/Auckland",
}

// feedFor is one reminder at 08:30 on Monday, Wednesday and Saturday in
// zone, made in made's week, with the feed written at now.
func feedFor(zone string, now time.Time) Feed {
	return Feed{Domain: "test.invalid", Now: now, Reminders: []Reminder{
		rem("z", zone, 8, 30, time.Monday, time.Wednesday, time.Saturday),
	}}
}

// expected lists the first n occurrences a reminder should have: the
// chosen days from its first event on, at its wall-clock time in its zone,
// read as RFC 5545 reads a local time (wallTime).
func expected(t *testing.T, r Reminder, n int) []time.Time {
	t.Helper()
	loc, first, err := plan(r)
	if err != nil {
		t.Fatal(err)
	}
	var out []time.Time
	y, m, d := first.Date()
	for i := 0; len(out) < n; i++ {
		day := time.Date(y, m, d+i, 12, 0, 0, 0, loc)
		if slices.Contains(r.Days, day.Weekday()) {
			out = append(out, wallTime(day.Year(), day.Month(), day.Day(), r.Hour, r.Minute, loc))
		}
	}
	return out
}

// wallTime is the instant of a local time as RFC 5545 (3.3.5) reads it:
// a time that happens twice (clocks going back) is the first of the two.
// A time that does not happen (clocks going forward) is left to Go's
// reading; the tests allow for the gap there.
func wallTime(y int, m time.Month, d, h, min int, loc *time.Location) time.Time {
	goTime := time.Date(y, m, d, h, min, 0, 0, loc)
	wall := time.Date(y, m, d, h, min, 0, 0, time.UTC)
	best := time.Time{}
	for _, probe := range []time.Time{goTime.Add(-12 * time.Hour), goTime, goTime.Add(12 * time.Hour)} {
		_, off := probe.In(loc).Zone()
		u := wall.Add(-time.Duration(off) * time.Second)
		l := u.In(loc)
		if l.Hour() == h && l.Minute() == min && l.Day() == d && (best.IsZero() || u.Before(best)) {
			best = u
		}
	}
	if best.IsZero() {
		return goTime
	}
	return best.In(loc)
}

func TestGoIcal(t *testing.T) {
	for _, zone := range append([]string{"UTC"}, zonesToCheck...) {
		f := feedFor(zone, made)
		feed, err := Encode(f)
		if err != nil {
			t.Fatalf("%s: %v", zone, err)
		}
		cal, err := goical.NewDecoder(bytes.NewReader(feed)).Decode()
		if err != nil {
			t.Fatalf("%s: go-ical cannot decode the feed: %v", zone, err)
		}
		// The library's encoder checks the structure RFC 5545 asks for
		// (one VERSION and PRODID, one UID and DTSTAMP per event, …).
		var again bytes.Buffer
		if err := goical.NewEncoder(&again).Encode(cal); err != nil {
			t.Fatalf("%s: go-ical refuses to write the feed back: %v", zone, err)
		}
		events := cal.Events()
		if len(events) != 1 {
			t.Fatalf("%s: %d events", zone, len(events))
		}
		ev := events[0]
		if uid, _ := ev.Props.Text(goical.PropUID); uid != "z@test.invalid" {
			t.Errorf("%s: UID %q", zone, uid)
		}
		if sum, _ := ev.Props.Text(goical.PropSummary); sum != Title(KindPractice) {
			t.Errorf("%s: summary %q", zone, sum)
		}
		if got := ev.Props.Get(goical.PropDateTimeStart).Params.Get(goical.ParamTimezoneID); (zone == "UTC") != (got == "") || (zone != "UTC" && got != zone) {
			t.Errorf("%s: DTSTART TZID %q", zone, got)
		}
		set, err := ev.RecurrenceSet(nil)
		if err != nil || set == nil {
			t.Fatalf("%s: recurrence: %v", zone, err)
		}
		want := expected(t, f.Reminders[0], 450) // about three years
		got := set.Between(want[0].Add(-time.Second), want[len(want)-1].Add(time.Second), true)
		if len(got) != len(want) {
			t.Fatalf("%s: %d occurrences, want %d", zone, len(got), len(want))
		}
		for i := range want {
			if !got[i].Equal(want[i]) {
				t.Fatalf("%s: occurrence %d at %v, want %v", zone, i, got[i], want[i])
			}
		}
	}
}

// TestVTimezone evaluates each VTIMEZONE the feed carries, as a client
// without its own zone data would, and compares the offset it gives with
// Go's at every hour from a year before the first event to ten years
// after the feed was written, and a second either side of every change.
func TestVTimezone(t *testing.T) {
	// Reminders made in 2025, and in 2019: before Mexico, Iran and Brazil
	// stopped changing their clocks, so their rules end (UNTIL) in the
	// window.
	for _, since := range []time.Time{made, time.Date(2019, 1, 7, 12, 0, 0, 0, time.UTC)} {
		now := since.AddDate(1, 5, 0)
		for _, zone := range zonesToCheck {
			loc, _ := LoadZone(zone)
			f := feedFor(zone, now)
			f.Reminders[0].Since = since
			feed, err := Encode(f)
			if err != nil {
				t.Fatal(err)
			}
			cal, err := goical.NewDecoder(bytes.NewReader(feed)).Decode()
			if err != nil {
				t.Fatal(err)
			}
			var vtz *goical.Component
			for _, c := range cal.Children {
				if c.Name == goical.CompTimezone {
					vtz = c
				}
			}
			if vtz == nil {
				t.Fatalf("%s: no VTIMEZONE", zone)
			}
			if id, _ := vtz.Props.Text(goical.PropTimezoneID); id != zone {
				t.Fatalf("%s: TZID %q", zone, id)
			}
			from, until := since.AddDate(-1, 0, 0), now.AddDate(10, 0, 0)
			at := offsets(t, zone, vtz, until)
			check := func(u time.Time) {
				_, want := u.In(loc).Zone()
				if got := at(u); got != want {
					t.Fatalf("%s at %v: the VTIMEZONE says %+d s, Go says %+d s\n%s", zone, u, got, want, feed)
				}
			}
			for u := from.Truncate(time.Hour).Add(15 * time.Minute); u.Before(until); u = u.Add(time.Hour) {
				check(u)
			}
			for _, tr := range transitions(loc, from, until) {
				check(tr.at.Add(-time.Second))
				check(tr.at)
			}
			t.Logf("made %d, %s: %d observances, %d with a yearly rule, %d of them ended", since.Year(), zone, len(vtz.Children),
				strings.Count(string(feed), "RRULE:FREQ=YEARLY"), strings.Count(string(feed), ";UNTIL="))
		}
	}
}

// offsets reads the observances of a VTIMEZONE into onsets (expanding
// each yearly rule with rrule-go up to until) and returns the offset in
// force at any instant.
func offsets(t *testing.T, zone string, vtz *goical.Component, until time.Time) func(time.Time) int {
	t.Helper()
	type onset struct {
		at       time.Time
		from, to int
	}
	var ons []onset
	for _, obs := range vtz.Children {
		start, err := time.Parse("20060102T150405", obs.Props.Get(goical.PropDateTimeStart).Value)
		if err != nil {
			t.Fatalf("%s: DTSTART: %v", zone, err)
		}
		from, to := parseOffset(t, obs.Props.Get(goical.PropTimezoneOffsetFrom).Value), parseOffset(t, obs.Props.Get(goical.PropTimezoneOffsetTo).Value)
		starts := []time.Time{start}
		if p := obs.Props.Get(goical.PropRecurrenceRule); p != nil {
			opt, err := rrule.StrToROption(p.Value)
			if err != nil {
				t.Fatalf("%s: RRULE %q: %v", zone, p.Value, err)
			}
			opt.Dtstart = start // wall clock, as UTC
			r, err := rrule.NewRRule(*opt)
			if err != nil {
				t.Fatal(err)
			}
			// UNTIL is UTC and the onsets here are wall clocks read as
			// UTC; the feed puts UNTIL two days past the last change, so
			// the comparison cannot go wrong by the zone's offset.
			starts = r.Between(start, until.Add(48*time.Hour), true)
		}
		for _, s := range starts {
			ons = append(ons, onset{at: s.Add(-time.Duration(from) * time.Second), from: from, to: to})
		}
	}
	sort.Slice(ons, func(i, j int) bool { return ons[i].at.Before(ons[j].at) })
	return func(u time.Time) int {
		i := sort.Search(len(ons), func(i int) bool { return ons[i].at.After(u) })
		if i == 0 {
			return ons[0].from
		}
		return ons[i-1].to
	}
}

func parseOffset(t *testing.T, s string) int {
	t.Helper()
	if len(s) != 5 && len(s) != 7 {
		t.Fatalf("offset %q", s)
	}
	n := func(a string) int { v, _ := strconv.Atoi(a); return v }
	sec := n(s[1:3])*3600 + n(s[3:5])*60
	if len(s) == 7 {
		sec += n(s[5:7])
	}
	if s[0] == '-' {
		return -sec
	}
	return sec
}

// TestIcalJS imports the feed into ical.js, the calendar parser Mozilla
// Thunderbird uses. Without node or the package it says so; under
// CI=true it fails, because CI installs both (npm ci).
func TestIcalJS(t *testing.T) {
	node, err := exec.LookPath("node")
	script, _ := filepath.Abs(filepath.Join("testdata", "icaljs.mjs"))
	_, pkgErr := os.Stat(filepath.Join("..", "node_modules", "ical.js", "package.json"))
	if err != nil || pkgErr != nil {
		msg := "CANNOT RUN: the calendar client check needs node and the npm package ical.js (run npm ci in the repository root)"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	dir := t.TempDir()
	laterFold, checked := 0, 0
	zones := append([]string{"UTC"}, zonesToCheck...)
	since := make([]time.Time, len(zones))
	for z := range zones {
		since[z] = made
	}
	// Made in 2019: the rules of zones that stopped changing clocks end in
	// the feed (UNTIL), and ical.js has to stop with them.
	for _, zone := range []string{"America/Mexico_City", "America/Sao_Paulo", "Pacific/Apia", "Asia/Tehran"} {
		zones = append(zones, zone)
		since = append(since, time.Date(2019, 1, 7, 12, 0, 0, 0, time.UTC))
	}
	feeds := make([]Feed, len(zones))
	args := []string{script, "400"}
	for z, zone := range zones {
		f := feedFor(zone, since[z].AddDate(0, 6, 0))
		f.Reminders[0].Since = since[z]
		sunday := rem("s", zone, 2, 30, time.Sunday) // a time some zones skip or repeat once a year
		sunday.Kind = KindReflection
		sunday.Since = since[z]
		f.Reminders = append(f.Reminders, sunday)
		feeds[z] = f
		feed, err := Encode(f)
		if err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(dir, "feed"+strconv.Itoa(z)+".ics")
		if err := os.WriteFile(file, feed, 0o600); err != nil {
			t.Fatal(err)
		}
		args = append(args, file)
	}
	cmd := exec.Command(node, args...) // #nosec G204 -- node and a script of ours
	cmd.Dir = ".."                     // so that node finds node_modules
	out, err := cmd.Output()
	if err != nil {
		var stderr string
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		t.Fatalf("ical.js: %v\n%s", err, stderr)
	}
	results := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(results) != len(zones) {
		t.Fatalf("ical.js read %d feeds of %d", len(results), len(zones))
	}
	for z, zone := range zones {
		f := feeds[z]
		var got struct {
			Version, Prodid string
			Zones           []string
			Events          []struct {
				UID, Summary, Description string
				Duration                  int
				Recurring                 bool
				Alarm                     string
				Times                     []string
			}
		}
		if err := json.Unmarshal([]byte(results[z]), &got); err != nil {
			t.Fatalf("%s: %v: %s", zone, err, results[z])
		}
		if got.Version != "2.0" || got.Prodid != ProdID || len(got.Events) != 2 {
			t.Fatalf("%s: %+v", zone, got)
		}
		for i, ev := range got.Events {
			r := f.Reminders[i]
			if ev.UID != r.ID+"@test.invalid" || ev.Summary != Title(r.Kind) || ev.Description != Description ||
				!ev.Recurring || !strings.EqualFold(ev.Alarm, "display") || ev.Duration != int(length(r.Kind).Seconds()) {
				t.Errorf("%s: event %d: uid %q, summary %q, description %q, recurring %v, alarm %q, duration %d",
					zone, i, ev.UID, ev.Summary, ev.Description, ev.Recurring, ev.Alarm, ev.Duration)
			}
			want := expected(t, r, len(ev.Times))
			if len(ev.Times) != 400 {
				t.Fatalf("%s: event %d: %d occurrences", zone, i, len(ev.Times))
			}
			for k, s := range ev.Times {
				checked++
				at, err := time.Parse(time.RFC3339, s)
				if err != nil {
					t.Fatal(err)
				}
				w := want[k]
				local := at.In(w.Location())
				switch {
				case local.Equal(w):
					// Where a time happens twice, RFC 5545 means the first;
					// some clients take the other, at the same wall time.
				case local.Year() == w.Year() && local.YearDay() == w.YearDay() && local.Hour() == r.Hour && local.Minute() == r.Minute:
					laterFold++
				case w.Hour() != r.Hour || w.Minute() != r.Minute:
					// The wall time does not exist that day (clocks jump
					// over it); any reading lands within the jump.
					_, before := w.Add(-12 * time.Hour).Zone()
					_, after := w.Add(12 * time.Hour).Zone()
					jump := time.Duration(max(after-before, before-after)) * time.Second
					if d := at.Sub(w); d < -jump || d > jump {
						t.Errorf("%s: event %d, %v in a gap: ical.js says %v", zone, i, w, at)
					}
				default:
					t.Fatalf("%s: event %d occurrence %d: ical.js says %v (%v), want %v (%v)", zone, i, k, at.UTC(), local, w.UTC(), w)
				}
			}
		}
	}
	t.Logf("ical.js placed %d occurrences in %d zones; %d at a wall time that happens twice took the second of the two", checked, len(zones), laterFold)
}
