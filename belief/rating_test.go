package belief

import (
	"errors"
	"testing"
	"time"

	securebase "github.com/securebase/securebase"
)

func TestParseRating(t *testing.T) {
	for in, want := range map[string]int{"0": 0, "100": 100, " 55 ": 55, "7": 7} {
		got, err := ParseRating(in)
		if err != nil || got != want {
			t.Errorf("ParseRating(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "-1", "101", "5.5", "07", "+5", "1e2", "fifty", "\xff", "9999999999999999999999"} {
		_, err := ParseRating(in)
		var e *securebase.Error
		if !errors.As(err, &e) || e.Fields[FieldRating] == "" {
			t.Errorf("ParseRating(%q) = %v, want a rating field error", in, err)
		}
	}
	if !ValidRating(0) || !ValidRating(100) || ValidRating(-1) || ValidRating(101) {
		t.Error("ValidRating bounds")
	}
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 21, 30, 0, 0, time.UTC) }

func TestSeries(t *testing.T) {
	in := []Point{{day(2026, 5, 1), 40}, {day(2026, 3, 1), 80}, {day(2026, 4, 1), 60}}
	s, err := NewSeries(in)
	if err != nil {
		t.Fatal(err)
	}
	if s.Points[0].Value != 80 || s.Points[2].Value != 40 {
		t.Errorf("not sorted by time: %+v", s.Points)
	}
	if in[0].Value != 40 {
		t.Error("NewSeries changed the caller's slice")
	}
	if _, err := NewSeries([]Point{{day(2026, 1, 1), -1}}); err == nil {
		t.Error("a value under 0 was accepted")
	}
	p, ok := s.Latest()
	if !ok || p.Value != 40 {
		t.Errorf("Latest = %+v, %v", p, ok)
	}
	if _, ok := (Series{}).Latest(); ok {
		t.Error("an empty series has no latest point")
	}

	box := ViewBox{Width: 300, Height: 100, Pad: 10}
	xy := s.Scale(box)
	// March 1 → May 1 is 61 days; April 1 is 31 days in.
	want := []XY{{10, 26}, {10 + 280*31.0/61, 42}, {290, 58}}
	for i := range want {
		if xy[i].X != round1(want[i].X) || xy[i].Y != want[i].Y {
			t.Errorf("point %d = %+v, want %+v", i, xy[i], want[i])
		}
	}
	one, _ := NewSeries([]Point{{day(2026, 5, 1), 100}})
	if got := one.Scale(box); len(got) != 1 || got[0] != (XY{150, 10}) {
		t.Errorf("single point = %+v, want the middle at the top", got)
	}
	if (Series{}).Scale(box) != nil {
		t.Error("an empty series scales to nothing")
	}
	zero, _ := NewSeries([]Point{{day(2026, 5, 1), 0}, {day(2026, 5, 1), 0}})
	if got := zero.Scale(box); got[0] != (XY{150, 90}) || got[1] != (XY{150, 90}) {
		t.Errorf("same-time points = %+v", got)
	}
}

func TestSummary(t *testing.T) {
	now := day(2026, 6, 10)
	mk := func(ps ...Point) Series { s, _ := NewSeries(ps); return s }
	for _, tc := range []struct {
		s    Series
		want string
	}{
		{Series{}, "No ratings yet."},
		{mk(Point{now, 70}), "Rated 70 out of 100 today."},
		{mk(Point{now.AddDate(0, 0, -1), 70}), "Rated 70 out of 100 yesterday."},
		{mk(Point{day(2026, 6, 7), 70}), "Rated 70 out of 100 on Sunday."},
		{mk(Point{day(2026, 4, 2), 70}), "Rated 70 out of 100 on 2 April."},
		{mk(Point{day(2025, 12, 24), 70}), "Rated 70 out of 100 on 24 December 2025."},
		{mk(Point{day(2026, 3, 4), 80}, Point{now, 55}), "From 80 to 55 out of 100 since March."},
		{mk(Point{day(2026, 5, 4), 80}, Point{now, 55}), "From 80 to 55 out of 100 since 4 May."},
		{mk(Point{day(2026, 6, 8), 30}, Point{now, 55}), "From 30 to 55 out of 100 since Monday."},
		{mk(Point{now.AddDate(0, 0, -1), 30}, Point{now, 55}), "From 30 to 55 out of 100 since yesterday."},
		{mk(Point{now.Add(-time.Hour), 30}, Point{now, 55}), "From 30 to 55 out of 100 since earlier today."},
		{mk(Point{day(2025, 11, 4), 60}, Point{now, 60}), "Steady at 60 out of 100 since November 2025."},
	} {
		if got := tc.s.Summary(now); got != tc.want {
			t.Errorf("Summary = %q, want %q", got, tc.want)
		}
	}
	// Dates are read in the person's own zone: at 11:00 on 2 June in
	// Auckland (23:00 on 1 June in UTC), a rating made at 01:00 UTC on 1
	// June (13:00 in Auckland) was yesterday there, though today in UTC.
	akl := time.FixedZone("NZST", 12*3600)
	nowAKL := time.Date(2026, 6, 2, 11, 0, 0, 0, akl)
	s := mk(Point{time.Date(2026, 6, 1, 1, 0, 0, 0, time.UTC), 50})
	if got := s.Summary(nowAKL); got != "Rated 50 out of 100 yesterday." {
		t.Errorf("zoned summary = %q", got)
	}
	if got := s.Summary(nowAKL.UTC()); got != "Rated 50 out of 100 today." {
		t.Errorf("UTC summary = %q", got)
	}
}
