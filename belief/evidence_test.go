package belief

import (
	"strings"
	"testing"
	"time"
)

var t0 = time.Date(2026, 3, 1, 20, 0, 0, 0, time.UTC)

// settleTriggers are ten late replies a day apart; settleCheckIns follow
// eight of them with distress under 4 within two hours and two with
// distress still high.
func settleTriggers() []time.Time {
	var ts []time.Time
	for i := 0; i < 10; i++ {
		ts = append(ts, t0.AddDate(0, 0, i))
	}
	return ts
}

func settleCheckIns() []CheckIn {
	var cs []CheckIn
	for i := 0; i < 10; i++ {
		at := t0.AddDate(0, 0, i)
		cs = append(cs, CheckIn{at.Add(10 * time.Minute), 8})
		if i < 8 {
			cs = append(cs, CheckIn{at.Add(time.Duration(30+5*i) * time.Minute), 2})
		} else {
			cs = append(cs, CheckIn{at.Add(90 * time.Minute), 6})
		}
	}
	return cs
}

func TestSettling(t *testing.T) {
	r := DefaultEvidenceRule()
	h := func(m int) time.Duration { return time.Duration(m) * time.Minute }
	many := func(n int, calm bool) ([]time.Time, []CheckIn) {
		var ts []time.Time
		var cs []CheckIn
		for i := 0; i < n; i++ {
			at := t0.Add(time.Duration(i) * 24 * time.Hour)
			ts = append(ts, at)
			d := 7
			if calm {
				d = 1
			}
			cs = append(cs, CheckIn{at.Add(h(40)), d})
		}
		return ts, cs
	}
	fiveT, fiveC := many(5, true)
	fourT, fourC := many(4, true)
	highT, highC := many(6, false)
	for _, tc := range []struct {
		name     string
		kind     string
		triggers []time.Time
		checkIns []CheckIn
		rule     EvidenceRule
		want     []string
	}{
		{"eight of ten", "a late reply", settleTriggers(), settleCheckIns(), r, []string{
			"8 of your last 10 check-ins after a late reply were back under 4 within two hours.",
			"When it came back down, half the time it took 50 minutes or less.",
		}},
		{"too few to say anything", "a late reply", fourT, fourC, r, nil},
		{"exactly the minimum", "a tone shift", fiveT, fiveC, r, []string{
			"5 of your last 5 check-ins after a tone shift were back under 4 within two hours.",
			"When it came back down, half the time it took 40 minutes or less.",
		}},
		{"none settled: one fact, no time", "a late reply", highT, highC, r, []string{
			"0 of your last 6 check-ins after a late reply were back under 4 within two hours.",
		}},
		{"no check-ins", "a late reply", settleTriggers(), nil, r, nil},
		{"check-in before the trigger does not count", "a late reply", fiveT,
			func() []CheckIn {
				var cs []CheckIn
				for _, c := range fiveC {
					cs = append(cs, CheckIn{c.At.Add(-2 * time.Hour), 1})
				}
				return cs
			}(), r, nil},
		{"outside the window does not count", "a late reply", fiveT,
			func() []CheckIn {
				var cs []CheckIn
				for _, c := range fiveC {
					cs = append(cs, CheckIn{c.At.Add(3 * time.Hour), 1})
				}
				return cs
			}(), r, nil},
		{"bad distress ignored", "a late reply", fiveT,
			func() []CheckIn {
				var cs []CheckIn
				for _, c := range fiveC {
					cs = append(cs, CheckIn{c.At, 11})
				}
				return cs
			}(), r, nil},
		{"kind must be a plain phrase", "a late\nreply", fiveT, fiveC, r, nil},
		{"empty kind", "  ", fiveT, fiveC, r, nil},
		{"broken rule", "a late reply", fiveT, fiveC, EvidenceRule{}, nil},
		{"an hour window", "conflict", fiveT, fiveC, EvidenceRule{Window: time.Hour, Below: 3, Last: 10, Min: 5}, []string{
			"5 of your last 5 check-ins after conflict were back under 3 within an hour.",
			"When it came back down, half the time it took 40 minutes or less.",
		}},
		{"90 minute window", "a late reply", fiveT, fiveC, EvidenceRule{Window: 90 * time.Minute, Below: 4, Last: 3, Min: 3}, []string{
			"3 of your last 3 check-ins after a late reply were back under 4 within 90 minutes.",
			"When it came back down, half the time it took 40 minutes or less.",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Settling(tc.kind, tc.triggers, tc.checkIns, tc.rule)
			if len(got) != len(tc.want) {
				t.Fatalf("got %d facts %+v, want %d", len(got), got, len(tc.want))
			}
			for i, f := range got {
				if f.Text != tc.want[i] {
					t.Errorf("fact %d = %q, want %q", i, f.Text, tc.want[i])
				}
			}
		})
	}
}

func TestSettlingUsesTheLatestTriggers(t *testing.T) {
	// Twelve triggers: the two oldest settled, the ten newest did not. Only
	// the newest ten count, given in any order.
	var ts []time.Time
	var cs []CheckIn
	for i := 0; i < 12; i++ {
		at := t0.AddDate(0, 0, i)
		ts = append([]time.Time{at}, ts...)
		d := 6
		if i < 2 {
			d = 1
		}
		cs = append(cs, CheckIn{at.Add(time.Hour), d})
	}
	got := Settling("a late reply", ts, cs, DefaultEvidenceRule())
	if len(got) != 1 || got[0].Settled != 0 || got[0].Counted != 10 {
		t.Fatalf("got %+v, want 0 of 10", got)
	}
}

func TestSpanWords(t *testing.T) {
	for d, want := range map[time.Duration]string{
		time.Hour: "an hour", 2 * time.Hour: "two hours", 12 * time.Hour: "twelve hours",
		90 * time.Minute: "90 minutes", 13 * time.Hour: "780 minutes", 30 * time.Second: "a minute",
	} {
		if got := spanWords(d); got != want {
			t.Errorf("spanWords(%v) = %q, want %q", d, got, want)
		}
	}
	for d, want := range map[time.Duration]string{
		7 * time.Minute: "7 minutes", 17 * time.Minute: "15 minutes", 18 * time.Minute: "20 minutes",
		119*time.Minute + 50*time.Second: "two hours",
	} {
		if got := minutesWords(d); got != want {
			t.Errorf("minutesWords(%v) = %q, want %q", d, got, want)
		}
	}
}

func TestSettlingTextIsPlain(t *testing.T) {
	for _, f := range Settling("a late reply", settleTriggers(), settleCheckIns(), DefaultEvidenceRule()) {
		if strings.Contains(f.Text, "!") || !strings.HasSuffix(f.Text, ".") {
			t.Errorf("fact text %q", f.Text)
		}
	}
}
