package behaviour

import (
	"testing"
	"time"
)

func TestWeekStart(t *testing.T) {
	london := zone(t, "Europe/London")
	for _, tc := range []struct {
		now   string
		first time.Weekday
		want  string
	}{
		{"2026-06-10 15:00", time.Monday, "2026-06-08 00:00 BST"}, // a Wednesday
		{"2026-06-08 00:00", time.Monday, "2026-06-08 00:00 BST"}, // the Monday itself
		{"2026-06-07 23:59", time.Monday, "2026-06-01 00:00 BST"}, // Sunday night
		{"2026-06-10 15:00", time.Sunday, "2026-06-07 00:00 BST"}, // Sunday-first week
		{"2026-03-31 09:00", time.Monday, "2026-03-30 00:00 BST"}, // after the change
		{"2026-03-29 12:00", time.Monday, "2026-03-23 00:00 GMT"}, // the day clocks change
	} {
		got := WeekStart(at(t, london, tc.now), london, tc.first)
		if s := got.Format("2006-01-02 15:04 MST"); s != tc.want {
			t.Errorf("WeekStart(%s, %v) = %s, want %s", tc.now, tc.first, s, tc.want)
		}
	}
	// Chile's clocks jump from 00:00 to 01:00 on 6 September 2026, a Sunday:
	// a Sunday-first week starts at the jump, not on Saturday evening.
	santiago := zone(t, "America/Santiago")
	got := WeekStart(at(t, santiago, "2026-09-08 12:00"), santiago, time.Sunday)
	if s := got.Format("2006-01-02 15:04"); s != "2026-09-06 01:00" {
		t.Errorf("WeekStart in Santiago = %s, want 2026-09-06 01:00", s)
	}
}

func TestWeek(t *testing.T) {
	c := mustLoad(t)
	london := zone(t, "Europe/London")
	// The week of 23 March 2026 has the change to summer time in it.
	start := WeekStart(at(t, london, "2026-03-25 12:00"), london, time.Monday)
	logs := []LogEvent{
		{At: at(t, london, "2026-03-22 23:59"), Happening: "late-reply", Outcome: "acted"}, // week before
		{At: at(t, london, "2026-03-23 00:00"), Happening: "late-reply", Urges: []string{"texting-or-calling", "texting-or-calling"}, Outcome: "let-it-pass"},
		{At: at(t, london, "2026-03-24 21:00"), Happening: "tone-shift", Urges: []string{"going-quiet"}, Outcome: "acted"},
		{At: at(t, london, "2026-03-26 22:00"), Happening: "late-reply", Urges: []string{"texting-or-calling", "checking-socials"}},
		{At: at(t, london, "2026-03-28 10:00"), Happening: "conflict", Outcome: "no-urge"},
		{At: at(t, london, "2026-03-29 23:59"), Happening: "tone-shift", Urges: []string{"ghost"}, Outcome: "did-something-else"},
		{At: at(t, london, "2026-03-29 23:30"), Happening: "mystery"},
		{At: at(t, london, "2026-03-30 00:00"), Happening: "conflict", Outcome: "acted"}, // next week
	}
	held := []UrgeEvent{
		{At: at(t, london, "2026-03-24 23:00"), Outcome: "let-go"},
		{At: at(t, london, "2026-03-25 23:00"), Outcome: "sent-early"},
		{At: at(t, london, "2026-03-27 23:00")},                    // still held
		{At: at(t, london, "2026-03-31 08:00"), Outcome: "let-go"}, // next week
	}
	w := c.Week(start, london, logs, held, 2)
	if w.End.Sub(w.Start) != 167*time.Hour {
		t.Errorf("the week with the spring change lasts %v, want 167h", w.End.Sub(w.Start))
	}
	if w.Logged != 6 {
		t.Errorf("logged %d, want 6", w.Logged)
	}
	got := func(cs []Count) []string {
		var out []string
		for _, c := range cs {
			out = append(out, c.Item.ID+"="+string(rune('0'+c.N)))
		}
		return out
	}
	if g := got(w.TopTriggers); len(g) != 2 || g[0] != "late-reply=2" || g[1] != "tone-shift=2" {
		t.Errorf("top triggers %v, want late-reply=2 tone-shift=2 (ties in list order)", g)
	}
	if g := got(w.TopUrges); len(g) != 2 || g[0] != "texting-or-calling=2" || g[1] != "checking-socials=1" {
		t.Errorf("top urges %v", g)
	}
	want := UrgeTally{Surfed: 3, Acted: 2, LogSurfed: 2, LogActed: 1, HeldSurfed: 1, HeldActed: 1, Uncounted: 4}
	if w.Urges != want {
		t.Errorf("urges %+v, want %+v", w.Urges, want)
	}
	if all := c.Week(start, london, logs, held, -1); len(all.TopTriggers) != 3 {
		t.Errorf("top -1 should keep every trigger: %v", all.TopTriggers)
	}
}
