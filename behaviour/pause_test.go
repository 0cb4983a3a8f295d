package behaviour

import (
	"errors"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the same zone rules on every machine that runs the tests
)

func zone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("zone %s: %v", name, err)
	}
	return loc
}

func at(t testing.TB, loc *time.Location, s string) time.Time {
	t.Helper()
	v, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestReleaseAt(t *testing.T) {
	c := mustLoad(t)
	ny := zone(t, "America/New_York")
	london := zone(t, "Europe/London")
	sydney := zone(t, "Australia/Sydney")
	for _, tc := range []struct {
		name    string
		loc     *time.Location
		now     time.Time
		hold    string
		want    string // local wall time of the release
		elapsed time.Duration
	}{
		{"10 minutes", london, at(t, london, "2026-06-10 23:40"), "10-minutes", "2026-06-10 23:50 BST", 10 * time.Minute},
		{"2 hours over midnight", london, at(t, london, "2026-06-10 23:40"), "2-hours", "2026-06-11 01:40 BST", 2 * time.Hour},
		{"evening to next morning", london, at(t, london, "2026-06-10 23:40"), "next-morning", "2026-06-11 08:00 BST", 8*time.Hour + 20*time.Minute},
		{"afternoon to next morning", london, at(t, london, "2026-06-10 14:00"), "next-morning", "2026-06-11 08:00 BST", 18 * time.Hour},
		{"small hours mean this morning", london, at(t, london, "2026-06-11 01:30"), "next-morning", "2026-06-11 08:00 BST", 6*time.Hour + 30*time.Minute},
		{"04:59 is still the night", london, at(t, london, "2026-06-11 04:59"), "next-morning", "2026-06-11 08:00 BST", 3*time.Hour + time.Minute},
		{"05:00 is the day", london, at(t, london, "2026-06-11 05:00"), "next-morning", "2026-06-12 08:00 BST", 27 * time.Hour},
		{"07:59 waits for the next day", london, at(t, london, "2026-06-11 07:59"), "next-morning", "2026-06-12 08:00 BST", 24*time.Hour + time.Minute},
		{"last day of the year", london, at(t, london, "2026-12-31 22:00"), "next-morning", "2027-01-01 08:00 GMT", 10 * time.Hour},
		// Clocks go forward at 02:00 on 8 March 2026 in New York.
		{"spring night is an hour shorter", ny, at(t, ny, "2026-03-07 23:40"), "next-morning", "2026-03-08 08:00 EDT", 7*time.Hour + 20*time.Minute},
		{"10 minutes across the gap are real minutes", ny, at(t, ny, "2026-03-08 01:55"), "10-minutes", "2026-03-08 03:05 EDT", 10 * time.Minute},
		{"small hours after the gap", ny, at(t, ny, "2026-03-08 03:30"), "next-morning", "2026-03-08 08:00 EDT", 4*time.Hour + 30*time.Minute},
		// Clocks go back at 02:00 on 1 November 2026 in New York.
		{"autumn night is an hour longer", ny, at(t, ny, "2026-10-31 23:40"), "next-morning", "2026-11-01 08:00 EST", 9*time.Hour + 20*time.Minute},
		// Southern hemisphere: Sydney goes back on 5 April 2026 at 03:00.
		{"southern autumn", sydney, at(t, sydney, "2026-04-04 22:00"), "next-morning", "2026-04-05 08:00 AEST", 11 * time.Hour},
		{"now in another zone", ny, at(t, london, "2026-06-11 03:00"), "next-morning", "2026-06-11 08:00 EDT", 10 * time.Hour},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := c.ReleaseAt(tc.now, tc.loc, tc.hold)
			if err != nil {
				t.Fatal(err)
			}
			if s := got.Format("2006-01-02 15:04 MST"); s != tc.want {
				t.Errorf("release %s, want %s", s, tc.want)
			}
			if d := got.Sub(tc.now); d != tc.elapsed {
				t.Errorf("held for %v, want %v", d, tc.elapsed)
			}
			if !got.After(tc.now) {
				t.Errorf("release %v is not after now %v", got, tc.now)
			}
			if got.Location() != tc.loc {
				t.Errorf("release in %v, want %v", got.Location(), tc.loc)
			}
		})
	}
}

func TestReleaseAtRepeatedHour(t *testing.T) {
	// 01:30 happens twice in New York on 1 November 2026. An hour's hold
	// that starts at the first 01:30 (EDT) ends at the second (EST).
	c := mustLoad(t)
	ny := zone(t, "America/New_York")
	first := time.Date(2026, 11, 1, 5, 30, 0, 0, time.UTC) // 01:30 EDT
	got, err := c.ReleaseAt(first, ny, "1-hour")
	if err != nil {
		t.Fatal(err)
	}
	if s := got.Format("15:04 MST"); s != "01:30 EST" {
		t.Errorf("release %s, want 01:30 EST", s)
	}
	if got.Sub(first) != time.Hour {
		t.Errorf("held %v, want 1h", got.Sub(first))
	}
}

func TestReleaseAtEveryHourOfAYear(t *testing.T) {
	// Every hour of 2026 in zones with and without changes of clocks: the
	// morning hold always ends at 08:00 local, after now, within 31 hours.
	c := mustLoad(t)
	for _, name := range []string{"Europe/London", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "America/Santiago", "Pacific/Chatham"} {
		loc := zone(t, name)
		for now := time.Date(2026, 1, 1, 0, 7, 0, 0, loc); now.Year() == 2026; now = now.Add(time.Hour) {
			got, err := c.ReleaseAt(now, loc, "next-morning")
			if err != nil {
				t.Fatal(err)
			}
			if got.Hour() != MorningHour || got.Minute() != 0 {
				t.Fatalf("%s %v: release %v is not 08:00", name, now, got)
			}
			if d := got.Sub(now); d <= 0 || d > 31*time.Hour {
				t.Fatalf("%s %v: release %v, %v later", name, now, got, d)
			}
		}
	}
}

func TestReleaseAtErrors(t *testing.T) {
	c := mustLoad(t)
	now := time.Date(2026, 6, 10, 12, 0, 0, 0, time.UTC)
	if _, err := c.ReleaseAt(now, nil, "10-minutes"); !errors.Is(err, ErrInvalid) || FieldMessages(err)[FieldZone] == "" {
		t.Errorf("no zone: %v", err)
	}
	for _, id := range []string{"", "forever", "5-minutes", "late-reply"} {
		if _, err := c.ReleaseAt(now, time.UTC, id); !errors.Is(err, ErrNotFound) || FieldMessages(err)[FieldHold] == "" {
			t.Errorf("hold %q: %v", id, err)
		}
	}
}

func TestHoldsShortestFirst(t *testing.T) {
	c := mustLoad(t)
	now := time.Date(2026, 6, 10, 9, 0, 0, 0, time.UTC)
	var last time.Time
	for _, h := range c.Holds() {
		got, err := c.ReleaseAt(now, time.UTC, h.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !got.After(last) {
			t.Errorf("hold %s ends at %v, not after the one before", h.ID, got)
		}
		last = got
	}
	if h := c.Holds(); h[0].Minutes != 10 || !h[len(h)-1].Morning {
		t.Errorf("holds run from %+v to %+v, want 10 minutes to the morning", h[0], h[len(h)-1])
	}
}

func TestTallyUrges(t *testing.T) {
	c := mustLoad(t)
	ev := func(ids ...string) []UrgeEvent {
		var out []UrgeEvent
		for _, id := range ids {
			out = append(out, UrgeEvent{Outcome: id})
		}
		return out
	}
	for _, tc := range []struct {
		name     string
		logs     []UrgeEvent
		held     []UrgeEvent
		want     UrgeTally
		sentence string
	}{
		{"nothing", nil, nil, UrgeTally{}, "No urges counted yet. An urge counts once you note what you did with it."},
		{"log only", ev("let-it-pass", "did-something-else", "waited-then-chose", "acted-partly", "acted", "no-urge", ""), nil,
			UrgeTally{Surfed: 3, Acted: 2, LogSurfed: 3, LogActed: 2, Uncounted: 2}, "You surfed 3 urges and acted on 2."},
		{"held only", nil, ev("let-go", "rewrote", "sent-after-wait", "sent-early", ""),
			UrgeTally{Surfed: 3, Acted: 1, HeldSurfed: 3, HeldActed: 1, Uncounted: 1}, "You surfed 3 urges and acted on 1."},
		{"both", ev("let-it-pass"), ev("let-go"), UrgeTally{Surfed: 2, LogSurfed: 1, HeldSurfed: 1}, "You surfed 2 urges and acted on none."},
		{"one", ev("let-it-pass"), nil, UrgeTally{Surfed: 1, LogSurfed: 1}, "You surfed 1 urge and acted on none."},
		{"ids from the other list do not count", ev("let-go"), ev("let-it-pass"), UrgeTally{Uncounted: 2}, "No urges counted yet. An urge counts once you note what you did with it."},
		{"acted only", ev("acted"), nil, UrgeTally{Acted: 1, LogActed: 1}, "You surfed 0 urges and acted on 1."},
	} {
		got := c.TallyUrges(tc.logs, tc.held)
		if got != tc.want {
			t.Errorf("%s: %+v, want %+v", tc.name, got, tc.want)
		}
		if s := got.Sentence(); s != tc.sentence {
			t.Errorf("%s: %q, want %q", tc.name, s, tc.sentence)
		}
	}
}

func TestCheckHeld(t *testing.T) {
	c := mustLoad(t)
	h := Held{Message: "  Why haven't you answered?\r\nAre we okay?  ", Hold: "next-morning"}
	if err := c.CheckHeld(&h); err != nil {
		t.Fatal(err)
	}
	if h.Message != "Why haven't you answered?\nAre we okay?" {
		t.Errorf("message %q", h.Message)
	}
	for _, tc := range []struct {
		h      Held
		fields string
	}{
		{Held{Message: " ", Hold: "1-hour"}, "message"},
		{Held{Message: "hi", Hold: "1-week"}, "hold"},
		{Held{Message: strings.Repeat("a", MaxMessage+1), Hold: ""}, "hold message"},
		{Held{Message: "a\x1bb", Hold: "1-hour"}, "message"},
	} {
		msgs := FieldMessages(c.CheckHeld(&tc.h))
		for _, f := range strings.Fields(tc.fields) {
			if msgs[f] == "" {
				t.Errorf("%+v: no message for %s: %v", tc.h, f, msgs)
			}
		}
		if len(msgs) != len(strings.Fields(tc.fields)) {
			t.Errorf("%+v: messages %v, want %s", tc.h, msgs, tc.fields)
		}
	}
}
