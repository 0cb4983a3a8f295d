package insight

import (
	"math"
	"strconv"
	"time"
)

// Span is the stretch of calendar days an aggregation looks at: from the
// date of From to the date of To, both included, in Loc (UTC when nil).
// Records outside it are left out.
type Span struct {
	From, To time.Time
	Loc      *time.Location
}

// Year returns the span of the 364 days (52 whole weeks) that end with
// now's date: the default look-back of the insights page.
func Year(now time.Time, loc *time.Location) Span {
	return Span{From: now.AddDate(0, 0, -363), To: now, Loc: loc}
}

// days returns the span's first and last day numbers and a dayer for it.
func (s Span) days() (first, last int, dd dayer) {
	loc := s.Loc
	if loc == nil {
		loc = time.UTC
	}
	dd = newDayer(loc, s.From, s.To)
	return dd.day(s.From), dd.day(s.To), dd
}

// Status says whether a result has enough data to mean something, and
// what it means in one or two plain sentences. Before there is enough,
// Summary says when there will be ("After 5 episodes this will show a
// pattern."), so a page never draws a chart out of two points.
type Status struct {
	Have    int    `json:"have"`    // what counts toward Need so far
	Need    int    `json:"need"`    // the threshold
	Summary string `json:"summary"` // the result in words, or the "not yet" sentence
}

// Enough reports whether the result has reached its threshold.
func (s Status) Enough() bool { return s.Have >= s.Need }

// notYet builds the status for a result below its threshold.
func notYet(have, need int, sentence string) Status {
	return Status{Have: have, Need: need, Summary: sentence}
}

// recent is the length, in days, of the "last 4 weeks" that summaries
// compare with the 4 weeks before.
const recent = 28

// one formats x with at most one decimal: 4, 4.2, 10.
func one(x float64) string {
	x = math.Round(x*10) / 10
	if x == 0 {
		x = 0 // no "-0"
	}
	return strconv.FormatFloat(x, 'f', -1, 64)
}

// count says n things: "1 episode", "6 episodes".
func count(n int, singular, plural string) string {
	if n == 1 {
		return "1 " + singular
	}
	return strconv.Itoa(n) + " " + plural
}

// Named is an id with the words a person sees for it: a tool, a trigger,
// a belief, a sign of growth. Aggregations keep the order given.
type Named struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// index returns the position of id in names, or -1.
func index(names []Named, id string) int {
	for i := range names {
		if names[i].ID == id {
			return i
		}
	}
	return -1
}

// itoa formats n.
func itoa(n int) string { return strconv.Itoa(n) }
