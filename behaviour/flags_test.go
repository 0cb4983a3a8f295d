package behaviour

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestSummariseFlags(t *testing.T) {
	c := mustLoad(t)
	now := time.Date(2026, 6, 30, 20, 0, 0, 0, time.UTC)
	daysAgo := func(d int, flag string) Observation { return Observation{At: now.AddDate(0, 0, -d), Flag: flag} }
	for _, tc := range []struct {
		name       string
		obs        []Observation
		total      int
		green, red int
		recent     [2]int
		before     [2]int
		lines      []string
		safety     bool
	}{
		{name: "nothing", lines: []string{"Nothing noted yet. When you notice something, big or small, add it here."}},
		{name: "one note", obs: []Observation{daysAgo(0, "responds")}, total: 1, green: 1, recent: [2]int{1, 0},
			lines: []string{
				"You noted 1 moment on one day: 1 green flag and 0 red flags.",
				"That is only a few notes. A pattern shows over weeks, not days.",
				"These are moments you saw. They describe what happened, not who someone is.",
			}},
		{name: "a trend over eight weeks", obs: []Observation{
			daysAgo(50, "inconsistent"), daysAgo(45, "inconsistent"), daysAgo(40, "responds"), daysAgo(33, "breaks-plans"),
			daysAgo(20, "responds"), daysAgo(10, "keeps-plans"), daysAgo(3, "responds"), daysAgo(1, "repairs"),
		}, total: 8, green: 5, red: 3, recent: [2]int{4, 0}, before: [2]int{1, 3},
			lines: []string{
				"You noted 8 moments over 7 weeks: 5 green flags and 3 red flags.",
				"Noted most often: Responds (3 times), Inconsistent (2 times).",
				"Last 4 weeks: 4 green, 0 red. The 4 weeks before: 1 green, 3 red.",
				"These are moments you saw. They describe what happened, not who someone is.",
			}},
		{name: "a safety flag", obs: []Observation{daysAgo(2, "controls-or-frightens"), daysAgo(1, "responds"), daysAgo(5, "on-their-terms"), daysAgo(6, "responds"), daysAgo(9, "responds")},
			total: 5, green: 3, red: 2, recent: [2]int{3, 2}, safety: true,
			lines: []string{
				"You noted 5 moments over 9 days: 3 green flags and 2 red flags.",
				"Noted most often: Responds (3 times).",
				"These are moments you saw. They describe what happened, not who someone is.",
				"You noted something that may be about your safety. If you feel afraid, the relationship safety page has people who can help.",
			}},
		{name: "future and unknown notes are left out", obs: []Observation{{At: now.Add(time.Hour), Flag: "responds"}, daysAgo(1, "wonderful"), daysAgo(1, "repairs")},
			total: 1, green: 1, recent: [2]int{1, 0},
			lines: []string{
				"You noted 1 moment on one day: 1 green flag and 0 red flags.",
				"That is only a few notes. A pattern shows over weeks, not days.",
				"These are moments you saw. They describe what happened, not who someone is.",
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := c.SummariseFlags(tc.obs, now)
			if s.Total != tc.total || s.Green != tc.green || s.Red != tc.red {
				t.Errorf("total %d green %d red %d, want %d %d %d", s.Total, s.Green, s.Red, tc.total, tc.green, tc.red)
			}
			if s.Recent.Green != tc.recent[0] || s.Recent.Red != tc.recent[1] || s.Before.Green != tc.before[0] || s.Before.Red != tc.before[1] {
				t.Errorf("windows %+v %+v, want %v %v", s.Recent, s.Before, tc.recent, tc.before)
			}
			if s.Safety != tc.safety {
				t.Errorf("safety %v", s.Safety)
			}
			if !reflect.DeepEqual(s.Lines, tc.lines) {
				t.Errorf("lines\n got %q\nwant %q", s.Lines, tc.lines)
			}
			sum := 0
			for i, fc := range s.Counts {
				sum += fc.N
				if i > 0 && fc.N > s.Counts[i-1].N {
					t.Errorf("counts out of order: %+v", s.Counts)
				}
			}
			if sum != s.Total {
				t.Errorf("counts add to %d, total %d", sum, s.Total)
			}
		})
	}
}

// TestFlagSummaryGivesNoVerdict checks that no summary, however lopsided,
// names the person or passes judgement.
func TestFlagSummaryGivesNoVerdict(t *testing.T) {
	c := mustLoad(t)
	now := time.Date(2026, 6, 30, 20, 0, 0, 0, time.UTC)
	verdicts := []string{"avoidant", "secure", "anxious", "toxic", "narciss", "abusive", "leave them", "stay with", "good partner", "bad partner", "is a ", "they are"}
	for _, flags := range [][]Flag{c.Flags(RedFlags), c.Flags(GreenFlags)} {
		var obs []Observation
		for i := range 40 {
			obs = append(obs, Observation{At: now.AddDate(0, 0, -i), Flag: flags[i%len(flags)].ID})
		}
		for _, line := range c.SummariseFlags(obs, now).Lines {
			for _, v := range verdicts {
				if strings.Contains(strings.ToLower(line), v) {
					t.Errorf("summary line %q passes a verdict (%q)", line, v)
				}
			}
		}
	}
}

func TestCycle(t *testing.T) {
	c := mustLoad(t)
	cy := c.AnxiousAvoidantCycle()
	text := strings.ToLower(strings.Join(cy.Paragraphs, " "))
	for _, want := range []string{"closer", "away", "alarm", "loop"} {
		if !strings.Contains(text, want) {
			t.Errorf("the cycle does not mention %q", want)
		}
	}
}
