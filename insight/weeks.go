package insight

import (
	"slices"
	"time"
)

// Episode is one pass through "I'm activated": when it started and ended,
// and distress 0–10 before and after (either may be missing).
type Episode struct {
	Start, End    time.Time
	Before, After *int
}

// eased reports whether distress came down during the episode.
func (e Episode) eased() bool {
	return e.Before != nil && e.After != nil && validRating(*e.Before) && validRating(*e.After) && *e.After < *e.Before
}

// EpisodeWeek is one week's episodes.
type EpisodeWeek struct {
	Week  time.Time `json:"week"`  // the start of its Monday
	Count int       `json:"count"` // episodes that started that week
	Eased int       `json:"eased"` // of those, how many ended with lower distress
	// Minutes is the median length, in minutes, of the eased episodes:
	// how long it took for distress to come down. 0 when Eased is 0.
	Minutes float64 `json:"minutes"`
}

// Episodes is episodes per week and the time it took to recover.
type Episodes struct {
	Status
	Weeks []EpisodeWeek `json:"weeks"` // every week of the span, oldest first
	// Recent and Before count episodes in the last 4 weeks of the span
	// and in the 4 weeks before them.
	Recent, Before int
	// Minutes is the median time to ease over the whole span (0: none eased).
	Minutes float64
	Eased   int
}

// EpisodesNeed is how many episodes the chart waits for.
const EpisodesNeed = 5

// EpisodesByWeek counts episodes per week of the span (weeks start on
// Monday) and the median minutes it took for distress to come down in the
// episodes where it did. An episode belongs to the day it started.
func EpisodesByWeek(eps []Episode, span Span) Episodes {
	first, last, dd := span.days()
	var out Episodes
	if last < first {
		out.Status = notYet(0, EpisodesNeed, episodesNotYet)
		return out
	}
	w0 := monday(first)
	out.Weeks = make([]EpisodeWeek, (monday(last)-w0)/7+1)
	// Lengths of eased episodes, grouped by week for the medians: count
	// per week first, then place each length in its week's run.
	var minutes []float64
	var total int
	for _, e := range eps {
		n := dd.day(e.Start)
		if n < first || n > last {
			continue
		}
		w := &out.Weeks[(n-w0)/7]
		w.Count++
		total++
		switch {
		case n > last-recent:
			out.Recent++
		case n > last-2*recent:
			out.Before++
		}
		if e.eased() && !e.End.Before(e.Start) {
			w.Eased++
			out.Eased++
		}
	}
	if out.Eased > 0 {
		minutes = make([]float64, out.Eased)
		ends := make([]int, len(out.Weeks)) // the next free slot of each week's run
		at := 0
		for i := range out.Weeks {
			ends[i] = at
			at += out.Weeks[i].Eased
		}
		for _, e := range eps {
			n := dd.day(e.Start)
			if n < first || n > last || !e.eased() || e.End.Before(e.Start) {
				continue
			}
			i := (n - w0) / 7
			minutes[ends[i]] = e.End.Sub(e.Start).Minutes()
			ends[i]++
		}
		at = 0
		for i := range out.Weeks {
			w := &out.Weeks[i]
			run := minutes[at : at+w.Eased]
			w.Minutes = median(run)
			at += w.Eased
		}
		out.Minutes = median(minutes)
	}
	for i := range out.Weeks {
		out.Weeks[i].Week = dd.startOf(w0 + 7*i)
	}
	if total < EpisodesNeed {
		out.Status = notYet(total, EpisodesNeed, episodesNotYet)
		return out
	}
	out.Status = Status{Have: total, Need: EpisodesNeed, Summary: out.sentence()}
	return out
}

const episodesNotYet = "After 5 episodes this will show a pattern."

func (e Episodes) sentence() string {
	s := "In the last 4 weeks you had " + count(e.Recent, "episode", "episodes")
	switch {
	case e.Recent < e.Before:
		s += ", fewer than the " + itoa(e.Before) + " in the 4 weeks before."
	case e.Recent > e.Before:
		s += ", more than the " + itoa(e.Before) + " in the 4 weeks before. Hard weeks happen."
	default:
		s += ", as many as in the 4 weeks before."
	}
	if e.Eased > 0 {
		s += " When distress came down, half the time it took " + one(e.Minutes) + " minutes or less."
	}
	return s
}

// median sorts xs in place and returns its middle value (0 when empty).
func median(xs []float64) float64 {
	switch len(xs) {
	case 0:
		return 0
	case 1:
		return xs[0]
	}
	slices.Sort(xs)
	m := len(xs) / 2
	if len(xs)%2 == 1 {
		return xs[m]
	}
	return (xs[m-1] + xs[m]) / 2
}

// Urge is one urge logged in the trigger log or "pause before you send":
// acted on, or surfed (noticed and let pass).
type Urge struct {
	At    time.Time
	Acted bool
}

// UrgeWeek is one week's urges.
type UrgeWeek struct {
	Week   time.Time `json:"week"`
	Surfed int       `json:"surfed"`
	Acted  int       `json:"acted"`
}

// Urges is urges surfed versus acted on, per week.
type Urges struct {
	Status
	Weeks []UrgeWeek `json:"weeks"` // every week of the span, oldest first
	// Totals for the last 4 weeks of the span and the 4 weeks before.
	RecentSurfed, RecentActed, BeforeSurfed, BeforeActed int
}

// UrgesNeed is how many urges the chart waits for.
const UrgesNeed = 5

// UrgesByWeek counts urges surfed and acted on per week of the span.
func UrgesByWeek(urges []Urge, span Span) Urges {
	first, last, dd := span.days()
	var out Urges
	if last < first {
		out.Status = notYet(0, UrgesNeed, urgesNotYet)
		return out
	}
	w0 := monday(first)
	out.Weeks = make([]UrgeWeek, (monday(last)-w0)/7+1)
	total := 0
	for _, u := range urges {
		n := dd.day(u.At)
		if n < first || n > last {
			continue
		}
		w := &out.Weeks[(n-w0)/7]
		total++
		recentDay, beforeDay := n > last-recent, n > last-2*recent && n <= last-recent
		if u.Acted {
			w.Acted++
			if recentDay {
				out.RecentActed++
			} else if beforeDay {
				out.BeforeActed++
			}
		} else {
			w.Surfed++
			if recentDay {
				out.RecentSurfed++
			} else if beforeDay {
				out.BeforeSurfed++
			}
		}
	}
	for i := range out.Weeks {
		out.Weeks[i].Week = dd.startOf(w0 + 7*i)
	}
	if total < UrgesNeed {
		out.Status = notYet(total, UrgesNeed, urgesNotYet)
		return out
	}
	out.Status = Status{Have: total, Need: UrgesNeed, Summary: out.sentence()}
	return out
}

const urgesNotYet = "After 5 urges in your log this will show how many you let pass."

func (u Urges) sentence() string {
	r := u.RecentSurfed + u.RecentActed
	if r == 0 {
		return "You logged no urges in the last 4 weeks. Earlier weeks are in the chart."
	}
	s := "In the last 4 weeks you let " + count(u.RecentSurfed, "urge", "urges") + " pass and acted on " + itoa(u.RecentActed) + "."
	b := u.BeforeSurfed + u.BeforeActed
	if b == 0 {
		return s
	}
	// In tens: "about 7 in 10" reads more easily than a percentage.
	now, then := (u.RecentSurfed*10+r/2)/r, (u.BeforeSurfed*10+b/2)/b
	switch {
	case now > then:
		return s + " That is about " + itoa(now) + " in 10 let pass, up from " + itoa(then) + " in 10 in the 4 weeks before."
	case now < then:
		return s + " That is about " + itoa(now) + " in 10 let pass, after " + itoa(then) + " in 10 in the 4 weeks before."
	}
	return s
}
