package practice

import (
	"testing"
	"time"
)

func FuzzParseGrowth(f *testing.F) {
	f.Add(GrowthSpace, "4", GrowthConflict, "1")
	f.Add(GrowthBaseline, "", "other", "5")
	f.Add(GrowthSpace, "05", GrowthSpace, "+3")
	f.Add("", "\xff", GrowthOverthinking, "99999999999999999999")
	f.Fuzz(func(t *testing.T, k1, v1, k2, v2 string) {
		form := map[string]string{k1: v1, k2: v2}
		got, err := ParseGrowth(form)
		if err != nil {
			if got != nil {
				t.Fatalf("result %v with error %v", got, err)
			}
			checkFieldError(t, err, v1, v2)
			return
		}
		if len(got) == 0 {
			t.Fatal("no error and nothing rated")
		}
		for id, v := range got {
			if v < GrowthMin || v > GrowthMax || GrowthLabel(v) == "" {
				t.Fatalf("%s = %d off the scale", id, v)
			}
			if form[id] == "" {
				t.Fatalf("%s rated without a value", id)
			}
		}
	})
}

func FuzzParseWeekday(f *testing.F) {
	for _, s := range []string{"sunday", "Monday", "", "0", "saturday\x00", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseWeekday(s)
		if err != nil {
			checkFieldError(t, err, s)
			return
		}
		if d < time.Sunday || d > time.Saturday {
			t.Fatalf("weekday %d", d)
		}
		// A chosen day always opens on that weekday, in any zone.
		r := ReflectionDue(d, time.Time{}, time.Date(2025, 3, 30, 1, 30, 0, 0, time.UTC), nil)
		if r.Opened.Weekday() != d || !r.Due {
			t.Fatalf("opened %v for %v", r.Opened, d)
		}
	})
}
