package insight

import (
	"math"
	"slices"
	"time"
)

// BeliefRating is one rating of how true a belief feels, 0–100 (C1).
type BeliefRating struct {
	Belief   string
	At       time.Time
	Strength int
}

// BeliefPoint is one rating in a belief's series.
type BeliefPoint struct {
	At       time.Time `json:"at"`
	Strength int       `json:"strength"`
}

// BeliefSeries is one belief's ratings over time.
type BeliefSeries struct {
	Belief string        `json:"belief"`
	Name   string        `json:"name"`
	Points []BeliefPoint `json:"points"` // oldest first
}

// Change is the last rating minus the first (0 with fewer than two).
func (b BeliefSeries) Change() int {
	if len(b.Points) < 2 {
		return 0
	}
	return b.Points[len(b.Points)-1].Strength - b.Points[0].Strength
}

// Beliefs is belief strength over time, per belief.
type Beliefs struct {
	Status
	Series []BeliefSeries `json:"series"` // in the order of the names given, rated ones only
}

// BeliefsNeed is how many ratings of one belief make a line.
const BeliefsNeed = 2

// BeliefStrength groups ratings by belief and orders each belief's ratings
// by time. All points share one allocation. Ratings of beliefs not in names
// or off the 0–100 scale are left out.
func BeliefStrength(ratings []BeliefRating, names []Named) Beliefs {
	// Count per belief, then place each rating in its belief's run.
	starts := make([]int, len(names)+1)
	for _, r := range ratings {
		if i := index(names, r.Belief); i >= 0 && r.Strength >= 0 && r.Strength <= 100 {
			starts[i+1]++
		}
	}
	for i := 1; i < len(starts); i++ {
		starts[i] += starts[i-1]
	}
	points := make([]BeliefPoint, starts[len(names)])
	next := slices.Clone(starts[:len(names)])
	for _, r := range ratings {
		if i := index(names, r.Belief); i >= 0 && r.Strength >= 0 && r.Strength <= 100 {
			points[next[i]] = BeliefPoint{At: r.At, Strength: r.Strength}
			next[i]++
		}
	}
	var out Beliefs
	most := 0
	for i, nm := range names {
		run := points[starts[i]:starts[i+1]:starts[i+1]]
		if len(run) == 0 {
			continue
		}
		slices.SortStableFunc(run, func(a, b BeliefPoint) int { return a.At.Compare(b.At) })
		out.Series = append(out.Series, BeliefSeries{Belief: nm.ID, Name: nm.Name, Points: run})
		most = max(most, len(run))
	}
	if most < BeliefsNeed {
		out.Status = notYet(most, BeliefsNeed, "Rate a belief a second time, and this will show how it changes.")
		return out
	}
	out.Status = Status{Have: most, Need: BeliefsNeed, Summary: out.sentence()}
	return out
}

// sentence names the belief whose strength fell the most, or says that
// none has yet, without treating a rise as a setback.
func (b Beliefs) sentence() string {
	best := -1
	for i, s := range b.Series {
		if len(s.Points) >= BeliefsNeed && s.Change() < 0 && (best < 0 || s.Change() < b.Series[best].Change()) {
			best = i
		}
	}
	if best < 0 {
		return "None of your beliefs feels less true yet than when you first rated it. Old beliefs take time to loosen."
	}
	s := b.Series[best]
	return "\u201c" + s.Name + "\u201d feels less true than at first: from " + itoa(s.Points[0].Strength) +
		" to " + itoa(s.Points[len(s.Points)-1].Strength) + " of 100."
}

// Score is one scored questionnaire: anxiety and avoidance on the
// instrument's scale (1–7 for the ECR-R).
type Score struct {
	At                 time.Time `json:"at"`
	Anxiety, Avoidance float64
}

// Path is the questionnaire results in time order: the points of the
// two-dimensional map, joined from first to latest.
type Path struct {
	Status
	Points []Score `json:"points"` // oldest first; results with a missing score left out
}

// PathNeed is how many results make a path.
const PathNeed = 2

// QuestionnairePath orders the scored results by time, leaving out any
// with a score that is not a finite number. The summary says how far each
// dimension moved since the first result, in the scale's own units, and
// never names a type: the numbers describe, they do not label.
func QuestionnairePath(scores []Score, loc *time.Location) Path {
	pts := make([]Score, 0, len(scores))
	for _, s := range scores {
		if finite(s.Anxiety) && finite(s.Avoidance) {
			pts = append(pts, s)
		}
	}
	slices.SortStableFunc(pts, func(a, b Score) int { return a.At.Compare(b.At) })
	out := Path{Points: pts}
	if len(pts) < PathNeed {
		out.Status = notYet(len(pts), PathNeed, "After your second questionnaire, this will show how your results move over time.")
		return out
	}
	if loc == nil {
		loc = time.UTC
	}
	a, b := pts[0], pts[len(pts)-1]
	out.Status = Status{Have: len(pts), Need: PathNeed, Summary: "Since your first result in " + a.At.In(loc).Format("January 2006") +
		", anxiety moved from " + one(a.Anxiety) + " to " + one(b.Anxiety) +
		" and avoidance from " + one(a.Avoidance) + " to " + one(b.Avoidance) + ". Lower numbers on both sit nearer the secure part of the map."}
	return out
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
