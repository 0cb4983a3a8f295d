package web

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/securebase/securebase"
)

// Fuzz targets for the web layer's own parsers of user input: the API's
// list cursor, ?day=, the HH:MM of an edit, ?next= and the User-Agent.

func FuzzParseCursor(f *testing.F) {
	f.Add("1763768400000.abcdefghijklmnopqrstuvwxyz")
	f.Add("-1.x")
	f.Add("9223372036854775807.a")
	f.Add(".")
	f.Fuzz(func(t *testing.T, s string) {
		c, ok := parseCursor(s)
		if !ok {
			return
		}
		if !securebase.ValidID(c.ID) {
			t.Fatalf("cursor with an invalid id %q", c.ID)
		}
		back, ok := parseCursor(formatCursor(&securebase.Entry{ID: c.ID, OccurredAt: c.OccurredAt}))
		if !ok || back.ID != c.ID || !back.OccurredAt.Equal(c.OccurredAt) {
			t.Fatalf("cursor %q does not round-trip", s)
		}
	})
}

func FuzzDayOf(f *testing.F) {
	for _, s := range []string{"2026-11-21", "2026-13-45", "", "0000-01-01", "9999-12-31", "2026-02-29"} {
		f.Add(s, "Europe/Dublin")
	}
	// Zones whose clocks once jumped forward at midnight: time.Date lands on
	// the evening before (CI's fuzzer found one); Apia skipped 2011-12-30.
	f.Add("1912-01-01", "Africa/Abidjan")
	f.Add("1975-01-01", "Africa/Bissau")
	f.Add("2011-12-30", "Pacific/Apia")
	f.Add("2026-09-06", "America/Santiago")
	now := time.Date(2026, 11, 21, 23, 40, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, q, zone string) {
		loc, err := time.LoadLocation(zone)
		if err != nil || zone == "Local" {
			loc = time.UTC
		}
		day, err := dayOf(q, now, loc)
		if err != nil {
			if securebase.ErrorCode(err) != securebase.EINVALID {
				t.Fatalf("dayOf(%q) = %v", q, err)
			}
			return
		}
		// The answer is the first instant of its local day (a day that starts
		// late, at a jump forward at midnight, is fine), and that day is q
		// itself, or the next day that exists when q's zone skipped q.
		if day.Add(-time.Nanosecond).Format(time.DateOnly) == day.Format(time.DateOnly) {
			t.Fatalf("dayOf(%q) in %s = %v, not a day's start", q, loc, day)
		}
		if q == "" {
			return
		}
		if got := day.Format(time.DateOnly); got != q && day.Add(-time.Nanosecond).Format(time.DateOnly) >= q {
			t.Fatalf("dayOf(%q) in %s = %v, another day", q, loc, day)
		}
	})
}

func FuzzWithClock(f *testing.F) {
	for _, s := range []string{"23:10", "24:00", "7:5", "", "23:10:99", "-1:00"} {
		f.Add(s)
	}
	base := time.Date(2026, 11, 21, 9, 30, 15, 0, time.UTC)
	f.Fuzz(func(t *testing.T, hhmm string) {
		got, err := withClock(base, hhmm)
		if err != nil {
			if securebase.ErrorFields(err)["time"] == "" {
				t.Fatalf("withClock(%q) = %v", hhmm, err)
			}
			return
		}
		if y, m, d := got.Date(); y != 2026 || m != 11 || d != 21 {
			t.Fatalf("withClock(%q) moved the day: %v", hhmm, got)
		}
	})
}

// FuzzSafeNext: whatever ?next= says, the result is a path on this site
// as a browser reads it (tabs and newlines dropped, "\" read as "/").
func FuzzSafeNext(f *testing.F) {
	for _, s := range []string{"/today", "//evil.example", "/\t/evil.example", "/\\evil.example", "https://evil.example", "/settings#sessions"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, next string) {
		got := safeNext(next, "/today")
		browser := strings.Map(func(r rune) rune {
			switch r {
			case '\t', '\n', '\r':
				return -1
			case '\\':
				return '/'
			}
			return r
		}, got)
		u, err := url.Parse(browser) // an unparseable path ("/%zz") is still a path to a browser
		if !strings.HasPrefix(browser, "/") || strings.HasPrefix(browser, "//") || err == nil && (u.Host != "" || u.Scheme != "") {
			t.Fatalf("safeNext(%q) = %q, which a browser reads as %q", next, got, browser)
		}
	})
}

func FuzzDeviceLabel(f *testing.F) {
	f.Add("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0")
	f.Add("")
	f.Fuzz(func(t *testing.T, ua string) {
		label := deviceLabel(ua)
		if label == "" || len(label) > 40 || (len(ua) > 40 && strings.Contains(label, ua)) {
			t.Fatalf("deviceLabel(%q) = %q", ua, label)
		}
	})
}
