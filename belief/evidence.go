package belief

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// CheckIn is what the evidence step needs from one check-in: when it was
// made and the distress rating, 0–10. The web layer fills it from the
// person's check-in entries.
type CheckIn struct {
	At       time.Time
	Distress int
}

// EvidenceRule says how to read a person's check-ins after a kind of
// trigger. The zero value is not useful; start from DefaultEvidenceRule.
type EvidenceRule struct {
	Window time.Duration // how long after a trigger a check-in still counts
	Below  int           // "settled" means a check-in with distress under this
	Last   int           // how many of the most recent triggers to look at
	Min    int           // say nothing unless at least this many can be read
}

// DefaultEvidenceRule looks at the last ten triggers, asks whether distress
// was back under 4 within two hours, and stays quiet with fewer than five
// triggers that have a check-in after them: fewer is too little to mean
// much.
func DefaultEvidenceRule() EvidenceRule {
	return EvidenceRule{Window: 2 * time.Hour, Below: 4, Last: 10, Min: 5}
}

// Fact is one plain sentence about a person's own logs, with the numbers
// behind it so a page can show them in a table or chart.
type Fact struct {
	Text    string        `json:"text"`
	Settled int           `json:"settled"` // triggers followed by a check-in under Below within Window
	Counted int           `json:"counted"` // triggers followed by any check-in within Window
	Median  time.Duration `json:"-"`       // middle time to settle, over the settled triggers (0 if not given); the text says it in words
}

// Settling reads a person's check-ins after the times a trigger of one
// kind happened (a late reply, a tone shift, …) and says, in the person's
// terms, how often distress came back down: "8 of your last 10 check-ins
// after a late reply were back under 4 within two hours." When at least
// Min triggers settled, a second fact gives the middle time it took.
//
// kind names the trigger as a phrase that follows "after", like "a late
// reply"; it comes from the page's own list, not from what a person typed.
// A trigger counts when at least one check-in falls after it and within
// Window; it settled when any of those is under Below. Check-ins with a
// distress outside 0–10 are ignored. With fewer than Min counted triggers,
// or a kind that is not a short plain phrase, Settling returns nothing:
// a weak fact is worse than none.
func Settling(kind string, triggers []time.Time, checkIns []CheckIn, r EvidenceRule) []Fact {
	kind = strings.TrimSpace(kind)
	if !plainLine(kind, 60) || r.Window <= 0 || r.Last < 1 || r.Min < 1 || r.Below < 1 || r.Below > 10 {
		return nil
	}
	cs := make([]CheckIn, 0, len(checkIns))
	for _, c := range checkIns {
		if c.Distress >= 0 && c.Distress <= 10 {
			cs = append(cs, c)
		}
	}
	sort.Slice(cs, func(i, j int) bool { return cs[i].At.Before(cs[j].At) })
	ts := make([]time.Time, len(triggers))
	copy(ts, triggers)
	sort.Slice(ts, func(i, j int) bool { return ts[i].After(ts[j]) }) // newest first

	var counted, settled int
	var took []time.Duration
	for _, t := range ts {
		if counted == r.Last {
			break
		}
		// First check-in strictly after t.
		i := sort.Search(len(cs), func(i int) bool { return cs[i].At.After(t) })
		seen, calm := false, time.Duration(-1)
		for ; i < len(cs) && cs[i].At.Sub(t) <= r.Window; i++ {
			seen = true
			if cs[i].Distress < r.Below {
				calm = cs[i].At.Sub(t)
				break
			}
		}
		if !seen {
			continue
		}
		counted++
		if calm >= 0 {
			settled++
			took = append(took, calm)
		}
	}
	if counted < r.Min {
		return nil
	}
	checkins := "check-ins"
	if counted == 1 {
		checkins = "check-in"
	}
	verb := "were"
	if settled == 1 {
		verb = "was"
	}
	facts := []Fact{{
		Text:    fmt.Sprintf("%d of your last %d %s after %s %s back under %d within %s.", settled, counted, checkins, kind, verb, r.Below, spanWords(r.Window)),
		Settled: settled, Counted: counted,
	}}
	if settled >= r.Min {
		sort.Slice(took, func(i, j int) bool { return took[i] < took[j] })
		m := median(took)
		facts[0].Median = m
		facts = append(facts, Fact{
			Text:    fmt.Sprintf("When it came back down, half the time it took %s or less.", minutesWords(m)),
			Settled: settled, Counted: counted, Median: m,
		})
	}
	return facts
}

func median(sorted []time.Duration) time.Duration {
	n := len(sorted)
	if n%2 == 1 {
		return sorted[n/2]
	}
	return (sorted[n/2-1] + sorted[n/2]) / 2
}

// spanWords says a window the way a person would: "an hour", "two hours",
// "90 minutes".
func spanWords(d time.Duration) string {
	switch {
	case d == time.Hour:
		return "an hour"
	case d%time.Hour == 0 && d/time.Hour <= 12:
		words := [...]string{"", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"}
		return words[d/time.Hour] + " hours"
	default:
		return minutesWords(d)
	}
}

// minutesWords rounds a time to whole minutes (to five above a quarter of
// an hour, since finer would be false precision) and says it.
func minutesWords(d time.Duration) string {
	m := int((d + 30*time.Second) / time.Minute)
	if m > 15 {
		m = (m + 2) / 5 * 5
	}
	switch {
	case m <= 1:
		return "a minute"
	case m >= 120 && m%60 == 0 && m <= 12*60:
		return spanWords(time.Duration(m) * time.Minute)
	default:
		return fmt.Sprintf("%d minutes", m)
	}
}
