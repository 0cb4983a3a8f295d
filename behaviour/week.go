package behaviour

import (
	"sort"
	"time"
)

// The weekly look-back (E2) takes its behaviour numbers from here: the
// week's top triggers from the log (D1) and urges surfed against acted on
// from the log and held messages (D2). Times are whatever the entries say
// happened; the caller passes the person's time zone.

// WeekStart returns 00:00 local time on the most recent first day of the
// week (first, usually time.Monday) at or before t.
func WeekStart(t time.Time, loc *time.Location, first time.Weekday) time.Time {
	l := t.In(loc)
	back := (int(l.Weekday()) - int(first) + 7) % 7
	y, m, d := l.Date()
	s := time.Date(y, m, d-back, 0, 0, 0, 0, loc)
	if s.Day() != time.Date(y, m, d-back, 12, 0, 0, 0, loc).Day() {
		// The clocks jumped forward at that midnight (Santiago, Havana):
		// time.Date lands on the evening before; the day starts at the jump.
		if _, end := s.ZoneBounds(); !end.IsZero() {
			s = end
		}
	}
	return s
}

// LogEvent is what the weekly look-back needs from one log entry.
type LogEvent struct {
	At        time.Time
	Happening string
	Urges     []string
	Outcome   string // "" when not given yet
}

// Count is how often one item came up.
type Count struct {
	Item Item
	N    int
}

// WeekSummary is the behaviour part of one week's look-back.
type WeekSummary struct {
	Start, End time.Time // [Start, End), seven calendar days in loc
	Logged     int       // log entries in the week
	// TopTriggers and TopUrges are the most frequent things that happened
	// and urges felt, most first, ties in list order; at most top each.
	TopTriggers []Count
	TopUrges    []Count
	Urges       UrgeTally
}

// Week summarises the week that starts at start (use WeekStart). The week
// ends seven calendar days later in loc, so a week with a change of clocks
// is 167 or 169 hours long. Entries outside the week are left out.
func (c *Catalog) Week(start time.Time, loc *time.Location, logs []LogEvent, held []UrgeEvent, top int) WeekSummary {
	s := start.In(loc)
	y, m, d := s.Date()
	w := WeekSummary{Start: s, End: time.Date(y, m, d+7, s.Hour(), s.Minute(), 0, 0, loc)}
	in := func(t time.Time) bool { return !t.Before(w.Start) && t.Before(w.End) }
	triggers := map[string]int{}
	urges := map[string]int{}
	var outcomes, heldIn []UrgeEvent
	for _, e := range logs {
		if !in(e.At) {
			continue
		}
		w.Logged++
		if c.Has(Happenings, e.Happening) {
			triggers[e.Happening]++
		}
		seen := map[string]bool{}
		for _, u := range e.Urges {
			if c.Has(Urges, u) && !seen[u] {
				seen[u] = true
				urges[u]++
			}
		}
		outcomes = append(outcomes, UrgeEvent{At: e.At, Outcome: e.Outcome})
	}
	for _, h := range held {
		if in(h.At) {
			heldIn = append(heldIn, h)
		}
	}
	w.TopTriggers = c.top(Happenings, triggers, top)
	w.TopUrges = c.top(Urges, urges, top)
	w.Urges = c.TallyUrges(outcomes, heldIn)
	return w
}

// top returns the n most counted items of a list, ties in list order.
func (c *Catalog) top(l List, counts map[string]int, n int) []Count {
	var out []Count
	for _, it := range c.items[l] {
		if k := counts[it.ID]; k > 0 {
			out = append(out, Count{Item: it, N: k})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].N > out[j].N })
	if n >= 0 && len(out) > n {
		out = out[:n]
	}
	return out
}
