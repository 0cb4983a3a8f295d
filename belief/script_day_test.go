package belief

import (
	"testing"
	"time"
)

func TestPickForDayCycles(t *testing.T) {
	for _, n := range []int{2, 3, 7, 30} {
		for _, person := range []string{"", "u-1", "someone else"} {
			start := time.Date(2020, 1, 1, 12, 0, 0, 0, time.UTC)
			prev := -1
			// Walk 6 whole cycles, aligned to cycle starts by day number.
			first := civilDay(start)
			off := floorMod(first, int64(n))
			start = start.AddDate(0, 0, int(int64(n)-off)%n)
			for c := 0; c < 6; c++ {
				seen := map[int]bool{}
				for d := 0; d < n; d++ {
					day := start.AddDate(0, 0, c*n+d)
					i := PickForDay(day, person, n)
					if i < 0 || i >= n {
						t.Fatalf("n=%d: index %d out of range", n, i)
					}
					if seen[i] {
						t.Errorf("n=%d person %q cycle %d: index %d twice in one cycle", n, person, c, i)
					}
					seen[i] = true
					if i == prev {
						t.Errorf("n=%d person %q: index %d two days running (%s)", n, person, i, day.Format("2006-01-02"))
					}
					prev = i
				}
			}
		}
	}
}

func TestPickForDayStable(t *testing.T) {
	d := time.Date(2026, 5, 20, 8, 0, 0, 0, time.UTC)
	if PickForDay(d, "p", 0) != -1 || PickForDay(d, "p", 1) != 0 {
		t.Error("edge sizes")
	}
	a := PickForDay(d, "person-1", 30)
	if b := PickForDay(d.Add(15*time.Hour), "person-1", 30); a != b {
		t.Errorf("same calendar day gave %d and %d", a, b)
	}
	// The day turns at the person's midnight: 23:30 in Auckland is the next
	// day there while it is still the same day in UTC.
	akl := time.FixedZone("NZST", 12*3600)
	late := time.Date(2026, 5, 20, 23, 30, 0, 0, akl)
	if PickForDay(late, "person-1", 30) != PickForDay(time.Date(2026, 5, 20, 1, 0, 0, 0, time.UTC), "person-1", 30) {
		t.Error("the day is not read in the time's own zone")
	}
	// Different people get different orders (not guaranteed for one day,
	// so compare a month).
	same := 0
	for i := 0; i < 30; i++ {
		day := d.AddDate(0, 0, i)
		if PickForDay(day, "person-1", 30) == PickForDay(day, "person-2", 30) {
			same++
		}
	}
	if same > 10 {
		t.Errorf("two people share %d of 30 days", same)
	}
	// Golden values: the pick must not change between versions, or a
	// person's "secure belief for today" would jump.
	golden := map[string]int{"2026-05-20": PickForDay(d, "golden", 30)}
	if got := ScriptForDay(d, "golden"); got.ID != Scripts()[golden["2026-05-20"]].ID {
		t.Errorf("ScriptForDay disagrees with PickForDay")
	}
	want := []int{6, 4, 27, 26, 28, 24, 29} // recorded from the first release of PickForDay
	for i, w := range want {
		if got := PickForDay(d.AddDate(0, 0, i), "golden", 30); got != w {
			t.Errorf("day %d: pick %d, want %d (the daily pick changed)", i, got, w)
		}
	}
}
