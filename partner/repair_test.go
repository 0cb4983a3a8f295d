package partner

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

func TestComposeRepair(t *testing.T) {
	c := mustLoad(t)
	london := zone(t, "Europe/London")
	ny := zone(t, "America/New_York")
	now := at(t, london, "2026-06-10 14:20")
	for _, tc := range []struct {
		name  string
		r     Repair
		back  time.Time
		now   time.Time
		loc   *time.Location
		clock Clock
		want  string
	}{
		{"the full message", Repair{"I'm not going anywhere", "going for a short walk", "We'll work this out together"}, at(t, london, "2026-06-10 16:00"), now, london, Clock24,
			"I'm not going anywhere. I'm going for a short walk, and I'll be back at 16:00. We'll work this out together."},
		{"only the time", Repair{}, at(t, london, "2026-06-10 16:00"), now, london, Clock12, "I'll be back at 4:00 pm."},
		{"a typed I'm is not said twice", Repair{Doing: "I'm  taking a breather."}, at(t, london, "2026-06-10 15:00"), now, london, Clock24,
			"I'm taking a breather, and I'll be back at 15:00."},
		{"capital starter", Repair{Doing: "Going to the shop"}, at(t, london, "2026-06-10 15:00"), now, london, Clock24,
			"I'm going to the shop, and I'll be back at 15:00."},
		{"sentences are finished", Repair{Opener: "still here", Warm: "do you want tea later?"}, at(t, london, "2026-06-10 15:00"), now, london, Clock24,
			"Still here. I'll be back at 15:00. Do you want tea later?"},
		{"tomorrow", Repair{Doing: "sleeping on it"}, at(t, london, "2026-06-11 08:30"), at(t, london, "2026-06-10 23:30"), london, Clock24,
			"I'm sleeping on it, and I'll be back tomorrow at 08:30."},
		{"after midnight is tomorrow", Repair{}, at(t, london, "2026-06-11 00:30"), at(t, london, "2026-06-10 23:50"), london, Clock24,
			"I'll be back tomorrow at 00:30."},
		// Clocks go forward at 02:00 on 8 March 2026 in New York: 23 hours
		// from 09:00 the day before is 09:00 on the clock.
		{"across the spring change", Repair{}, at(t, ny, "2026-03-08 09:00"), at(t, ny, "2026-03-07 09:30"), ny, Clock24,
			"I'll be back tomorrow at 09:00."},
		{"the repeated autumn hour", Repair{}, time.Date(2026, 11, 1, 6, 30, 0, 0, time.UTC), time.Date(2026, 11, 1, 5, 10, 0, 0, time.UTC), ny, Clock24,
			"I'll be back at 01:30."},
		{"the zone of the person, not of the server", Repair{}, time.Date(2026, 6, 10, 20, 0, 0, 0, time.UTC), time.Date(2026, 6, 10, 19, 0, 0, 0, time.UTC), ny, Clock12,
			"I'll be back at 4:00 pm."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := c.ComposeRepair(tc.r, tc.back, tc.now, tc.loc, tc.clock)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("\n got %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestComposeRepairErrors(t *testing.T) {
	c := mustLoad(t)
	now := time.Date(2026, 6, 10, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name   string
		r      Repair
		back   time.Time
		loc    *time.Location
		fields string
	}{
		{"in the past", Repair{}, now.Add(-time.Minute), time.UTC, "back"},
		{"now", Repair{}, now, time.UTC, "back"},
		{"too far", Repair{}, now.Add(MaxRepairWait + time.Minute), time.UTC, "back"},
		{"no zone", Repair{}, now.Add(time.Hour), nil, "zone"},
		{"long doing", Repair{Doing: strings.Repeat("a", 81)}, now.Add(time.Hour), time.UTC, "doing"},
		{"two lines", Repair{Warm: "a\nb", Opener: "\x00"}, now.Add(time.Hour), time.UTC, "warm opener"},
		{"everything", Repair{Warm: "\xff"}, time.Time{}, time.UTC, "warm back"},
	} {
		_, err := c.ComposeRepair(tc.r, tc.back, now, tc.loc, Clock24)
		msgs := FieldMessages(err)
		if !errors.Is(err, ErrInvalid) || len(msgs) != len(strings.Fields(tc.fields)) {
			t.Errorf("%s: %v, want messages for %s", tc.name, msgs, tc.fields)
		}
		for _, f := range strings.Fields(tc.fields) {
			if msgs[f] == "" {
				t.Errorf("%s: no message for %s: %v", tc.name, f, msgs)
			}
		}
	}
	if _, err := c.ComposeRepair(Repair{}, now.Add(MaxRepairWait), now, time.UTC, Clock24); err != nil {
		t.Errorf("exactly MaxRepairWait ahead: %v", err)
	}
}

func TestParseClock(t *testing.T) {
	london := zone(t, "Europe/London")
	ny := zone(t, "America/New_York")
	now := at(t, london, "2026-06-10 14:20")
	for _, tc := range []struct {
		in   string
		now  time.Time
		loc  *time.Location
		want string
	}{
		{"16:00", now, london, "2026-06-10 16:00 BST"},
		{"16.30", now, london, "2026-06-10 16:30 BST"},
		{"16h30", now, london, "2026-06-10 16:30 BST"},
		{" 4pm ", now, london, "2026-06-10 16:00 BST"},
		{"4:30 PM", now, london, "2026-06-10 16:30 BST"},
		{"4.30 p.m.", now, london, "2026-06-10 16:30 BST"},
		{"12am", now, london, "2026-06-11 00:00 BST"},
		{"12pm", now, london, "2026-06-11 12:00 BST"},
		{"9", now, london, "2026-06-11 09:00 BST"},
		{"14:20", now, london, "2026-06-11 14:20 BST"}, // now is not after now
		{"14:21", now, london, "2026-06-10 14:21 BST"},
		{"0:00", now, london, "2026-06-11 00:00 BST"},
		{"23:59", now, london, "2026-06-10 23:59 BST"},
		// New York, the evening before the clocks go forward.
		{"09:00", at(t, ny, "2026-03-07 22:00"), ny, "2026-03-08 09:00 EDT"},
		{"01:59", at(t, ny, "2026-03-07 22:00"), ny, "2026-03-08 01:59 EST"},
		{"03:00", at(t, ny, "2026-03-07 22:00"), ny, "2026-03-08 03:00 EDT"},
	} {
		got, err := ParseClock("back", tc.in, tc.now, tc.loc)
		if err != nil {
			t.Errorf("ParseClock(%q): %v", tc.in, err)
			continue
		}
		if s := got.Format("2006-01-02 15:04 MST"); s != tc.want {
			t.Errorf("ParseClock(%q) = %s, want %s", tc.in, s, tc.want)
		}
	}
	for _, in := range []string{"", "24:00", "16:60", "13pm", "0am", "4 o'clock", "later", "16:0", "-1", "１６:００", "16:00:00", "1600", "99"} {
		if _, err := ParseClock("back", in, now, london); !errors.Is(err, ErrInvalid) || FieldMessages(err)["back"] == "" {
			t.Errorf("ParseClock(%q) = %v, want an invalid time", in, err)
		}
	}
	// 02:30 does not happen in New York on 8 March 2026.
	_, err := ParseClock("back", "02:30", at(t, ny, "2026-03-07 22:00"), ny)
	if msg := FieldMessages(err)["back"]; !strings.Contains(msg, "skipped") {
		t.Errorf("a skipped time: %v", err)
	}
	if _, err := ParseClock("back", "16:00", now, nil); FieldMessages(err)[FieldZone] == "" {
		t.Errorf("no zone: %v", err)
	}
}

func TestParseClockComposes(t *testing.T) {
	// Whatever ParseClock returns, ComposeRepair accepts: the next
	// occurrence of a clock time is always within MaxRepairWait.
	c := mustLoad(t)
	ny := zone(t, "America/New_York")
	for now := time.Date(2026, 3, 7, 0, 13, 0, 0, ny); now.Before(time.Date(2026, 3, 10, 0, 0, 0, 0, ny)); now = now.Add(37 * time.Minute) {
		for h := 0; h < 24; h++ {
			back, err := ParseClock("back", strings.Replace("HH:15", "HH", twoDigits(h), 1), now, ny)
			if err != nil {
				continue // a skipped time
			}
			if _, err := c.ComposeRepair(Repair{}, back, now, ny, Clock24); err != nil {
				t.Fatalf("now %v, back %v: %v", now, back, err)
			}
		}
	}
}

func twoDigits(n int) string { return string([]byte{byte('0' + n/10), byte('0' + n%10)}) }
