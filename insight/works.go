// Package insight turns what a person logged into the plain numbers they
// see about themselves: which tools they use and how their distress
// changes (E3, "what works for me"). It is pure: records in, numbers out,
// no I/O, no clock, no globals.
package insight

import (
	"math"
	"slices"
	"sort"
	"time"
)

// Use is one logged use of regulation tools: a single tool on its own, or
// the tools of one "I'm activated" episode. Before and After are distress
// ratings 0–10; either may be missing, because every step can be skipped.
type Use struct {
	Tools    []string
	Before   *int
	After    *int
	Duration time.Duration
	Episode  bool
}

// ToolStat is how one tool has gone for a person.
type ToolStat struct {
	Tool  string
	Uses  int // times used, inside episodes or on their own
	Rated int // uses with distress both before and after
	// Change is the mean of after − before over the rated uses, rounded
	// to one decimal: negative means distress went down.
	Change float64
}

// HasChange reports whether there is any rated use to average.
func (t ToolStat) HasChange() bool { return t.Rated > 0 }

// Drop is the mean fall in distress as a positive number (0 if it rose).
func (t ToolStat) Drop() float64 { return math.Max(0, -t.Change) }

// Rise is the mean rise in distress as a positive number (0 if it fell).
func (t ToolStat) Rise() float64 { return math.Max(0, t.Change) }

// Works counts, for each tool in order, how often it was used and how
// distress changed. A tool used twice in one episode counts once. Inside
// an episode the change belongs to the whole flow, so it is counted for
// every tool in it; the page says so.
func Works(tools []string, uses []Use) []ToolStat {
	// Tools are a handful, so a position in the list beats a map: no
	// allocation per use, one for the result.
	out := make([]ToolStat, len(tools))
	sum := make([]int, len(tools))
	for i, t := range tools {
		out[i].Tool = t
	}
	for _, u := range uses {
		for j, t := range u.Tools {
			i := slices.Index(tools, t)
			if i < 0 || repeated(u.Tools, j) {
				continue
			}
			st := &out[i]
			st.Uses++
			if u.Before != nil && u.After != nil {
				st.Rated++
				sum[i] += *u.After - *u.Before
			}
		}
	}
	for i := range out {
		if out[i].Rated > 0 {
			out[i].Change = math.Round(float64(sum[i])/float64(out[i].Rated)*10) / 10
		}
	}
	return out
}

// Best returns the tool among candidates with the largest mean fall in
// distress over at least minRated rated uses, or "" when none has enough
// data yet. Ties keep the candidates' order.
func Best(stats []ToolStat, candidates []string, minRated int) string {
	by := map[string]ToolStat{}
	for _, s := range stats {
		by[s.Tool] = s
	}
	ranked := append([]string(nil), candidates...)
	sort.SliceStable(ranked, func(i, j int) bool { return by[ranked[i]].Change < by[ranked[j]].Change })
	for _, t := range ranked {
		if s := by[t]; s.Rated >= minRated && s.Change < 0 {
			return t
		}
	}
	return ""
}
