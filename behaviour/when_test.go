package behaviour

import (
	"testing"
	"time"
)

func TestWhen(t *testing.T) {
	london := zone(t, "Europe/London")
	now := at(t, london, "2026-03-28 22:30") // a Saturday; clocks change tonight
	for _, tc := range []struct {
		t     string
		clock Clock
		want  string
	}{
		{"2026-03-28 23:40", Clock24, "at 23:40"},
		{"2026-03-28 23:40", Clock12, "at 11:40 pm"},
		{"2026-03-29 08:00", Clock24, "tomorrow at 08:00"},
		{"2026-03-29 00:05", Clock12, "tomorrow at 12:05 am"},
		{"2026-03-29 12:00", Clock12, "tomorrow at 12:00 pm"},
		{"2026-03-31 09:15", Clock24, "on Tuesday at 09:15"},
		{"2026-04-03 09:15", Clock24, "on Friday at 09:15"},
		{"2026-04-04 09:15", Clock24, "on 4 April at 09:15"},
		{"2026-04-05 09:15", Clock24, "on 5 April at 09:15"},
		{"2026-03-27 09:15", Clock24, "on 27 March at 09:15"},
	} {
		if got := When(at(t, london, tc.t), now, london, tc.clock); got != tc.want {
			t.Errorf("When(%s) = %q, want %q", tc.t, got, tc.want)
		}
	}
	// The same instant reads by the zone it is shown in.
	ny := zone(t, "America/New_York")
	if got := When(time.Date(2026, 6, 11, 3, 0, 0, 0, time.UTC), time.Date(2026, 6, 10, 20, 0, 0, 0, time.UTC), ny, Clock24); got != "at 23:00" {
		t.Errorf("New York: %q", got)
	}
}
