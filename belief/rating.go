package belief

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	securebase "github.com/securebase/securebase"
)

// The "how true it feels" scale of the core-belief inventory (C1): 0 is
// "not true at all", 100 "completely true".
const (
	MinRating = 0
	MaxRating = 100
)

// ValidRating reports whether n is on the 0–100 scale.
func ValidRating(n int) bool { return n >= MinRating && n <= MaxRating }

// ParseRating reads a rating typed or posted as text: a whole number from
// 0 to 100, surrounding spaces allowed. Anything else is an error for the
// rating field whose message a person can read.
func ParseRating(s string) (int, error) {
	s = strings.TrimSpace(s)
	n, err := strconv.Atoi(s)
	if err != nil || !ValidRating(n) || strconv.Itoa(n) != s {
		return 0, securebase.FieldError(FieldRating, "Choose a whole number from 0 (not true at all) to 100 (completely true).")
	}
	return n, nil
}

// Point is one rating of one belief: how true it felt, and when.
type Point struct {
	At    time.Time `json:"at"`
	Value int       `json:"value"`
}

// Series is the ratings of one belief over time, oldest first, ready for a
// small chart and its text alternative.
type Series struct {
	Points []Point `json:"points"`
}

// NewSeries checks every value is on the 0–100 scale and orders the points
// by time (points at the same time keep their given order). It copies, so
// the caller's slice is left alone.
func NewSeries(points []Point) (Series, error) {
	ps := make([]Point, len(points))
	copy(ps, points)
	for _, p := range ps {
		if !ValidRating(p.Value) {
			return Series{}, securebase.FieldError(FieldRating, "A rating is a whole number from 0 to 100.")
		}
	}
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].At.Before(ps[j].At) })
	return Series{Points: ps}, nil
}

// ViewBox is the drawing area of a chart in SVG user units. Pad keeps the
// line and its dots off the edges.
type ViewBox struct {
	Width, Height, Pad float64
}

// XY is a point in a ViewBox: X grows to the right, Y downwards, as in SVG.
type XY struct {
	X, Y float64
}

// Scale places the points in the box: time runs left to right in
// proportion to the dates, and the value runs from 0 at the bottom to 100
// at the top on a fixed scale, so charts of different beliefs compare. A
// single point, or points all at one time, sit in the middle. Coordinates
// are rounded to 0.1 so the SVG stays small.
func (s Series) Scale(box ViewBox) []XY {
	if len(s.Points) == 0 {
		return nil
	}
	w, h := box.Width-2*box.Pad, box.Height-2*box.Pad
	first, last := s.Points[0].At, s.Points[len(s.Points)-1].At
	span := last.Sub(first).Seconds()
	out := make([]XY, len(s.Points))
	for i, p := range s.Points {
		x := box.Pad + w/2
		if span > 0 {
			x = box.Pad + w*p.At.Sub(first).Seconds()/span
		}
		y := box.Pad + h*(1-float64(p.Value)/MaxRating)
		out[i] = XY{round1(x), round1(y)}
	}
	return out
}

func round1(f float64) float64 {
	if f < 0 {
		return -round1(-f)
	}
	return float64(int64(f*10+0.5)) / 10
}

// Latest returns the most recent rating, if there is one.
func (s Series) Latest() (Point, bool) {
	if len(s.Points) == 0 {
		return Point{}, false
	}
	return s.Points[len(s.Points)-1], true
}

// Summary is one sentence for the chart's text alternative and the
// inventory list: "From 80 to 55 since March." Dates are said the way a
// person would: a weekday within the last week, a day and month within two
// months, a month within the year, and a month and year before that. now
// is the person's current time, in their location.
func (s Series) Summary(now time.Time) string {
	switch len(s.Points) {
	case 0:
		return "No ratings yet."
	case 1:
		p := s.Points[0]
		return fmt.Sprintf("Rated %d out of 100 %s.", p.Value, onDay(p.At, now))
	}
	first, last := s.Points[0], s.Points[len(s.Points)-1]
	when := since(first.At, now)
	if first.Value == last.Value {
		return fmt.Sprintf("Steady at %d out of 100 %s.", last.Value, when)
	}
	return fmt.Sprintf("From %d to %d out of 100 %s.", first.Value, last.Value, when)
}

// since says when a series began, as "since …".
func since(t, now time.Time) string {
	t = t.In(now.Location())
	days := civilDay(now) - civilDay(t)
	switch {
	case days <= 0:
		return "since earlier today"
	case days == 1:
		return "since yesterday"
	case days < 7:
		return "since " + t.Weekday().String()
	case days < 60:
		return fmt.Sprintf("since %d %s", t.Day(), t.Month())
	case t.Year() == now.Year():
		return "since " + t.Month().String()
	default:
		return fmt.Sprintf("since %s %d", t.Month(), t.Year())
	}
}

// onDay says when a single rating was made, as "today", "on Tuesday", …
func onDay(t, now time.Time) string {
	t = t.In(now.Location())
	days := civilDay(now) - civilDay(t)
	switch {
	case days <= 0:
		return "today"
	case days == 1:
		return "yesterday"
	case days < 7:
		return "on " + t.Weekday().String()
	case t.Year() == now.Year():
		return fmt.Sprintf("on %d %s", t.Day(), t.Month())
	default:
		return fmt.Sprintf("on %d %s %d", t.Day(), t.Month(), t.Year())
	}
}
