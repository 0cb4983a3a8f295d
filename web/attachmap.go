package web

import (
	"strconv"
	"strings"
	"time"

	"github.com/securebase/securebase/assess"
)

// The attachment map: anxiety up, avoidance across, one point per finished
// attempt, joined oldest to newest. It is inline SVG with a title, a
// description and the same numbers as a table, coloured by classes in
// app.css (no inline style: the CSP forbids it). The region words sit in
// the corners as soft labels; the numbers always come first.

// mapPoint is one finished attempt on the map.
type mapPoint struct {
	When               time.Time
	Anxiety, Avoidance float64
	Current            bool
}

// mapDot is a point placed in SVG coordinates.
type mapDot struct {
	X, Y               string
	When               time.Time
	Anxiety, Avoidance string
	Region             string
	Current            bool
}

type mapLabel struct {
	X, Y, Anchor, Text string
}

// mapView is everything the _map template draws.
type mapView struct {
	Title, Desc            string
	Left, Right, Top, Base string // the plot's edges
	Width, Height          string
	MidX, MidY             string // the midpoint lines
	Path                   string // the line through every point, oldest first
	Dots                   []mapDot
	Ticks                  []mapLabel // the numbers along both axes
	Regions                []mapLabel
	AxisX, AxisY           mapLabel // "Avoidance" under the plot, "Anxiety" beside it
	Min, Max               int
	Earlier                bool // more than one point
}

// The plot area inside a 0 0 340 340 viewBox, leaving room for the axes.
const (
	plotLeft   = 52.0
	plotRight  = 328.0
	plotTop    = 12.0
	plotBottom = 288.0
)

func f1(x float64) string { return strconv.FormatFloat(x, 'f', 1, 64) }
func f2(x float64) string { return strconv.FormatFloat(x, 'f', 2, 64) }

// buildMap places points (oldest first) on in's range.
func buildMap(in *assess.Instrument, pts []mapPoint) *mapView {
	lo, hi := float64(in.Min), float64(in.Max)
	x := func(v float64) float64 { return plotLeft + (v-lo)/(hi-lo)*(plotRight-plotLeft) }
	y := func(v float64) float64 { return plotBottom - (v-lo)/(hi-lo)*(plotBottom-plotTop) }
	mid := in.Midpoint()
	m := &mapView{Left: f1(plotLeft), Right: f1(plotRight), Top: f1(plotTop), Base: f1(plotBottom),
		Width: f1(plotRight - plotLeft), Height: f1(plotBottom - plotTop),
		MidX: f1(x(mid)), MidY: f1(y(mid)), Min: in.Min, Max: in.Max, Earlier: len(pts) > 1,
		AxisX: mapLabel{f1((plotLeft + plotRight) / 2), "334", "middle", "Avoidance"},
		// The anxiety label is drawn turned a quarter to the left, so its
		// x is minus the height it centres on.
		AxisY: mapLabel{f1(-(plotTop + plotBottom) / 2), "16", "middle", "Anxiety"}}
	step := max(1, (in.Max-in.Min)/10) // at most about ten numbers per axis
	for v := in.Min; v <= in.Max; v += step {
		fv := float64(v)
		m.Ticks = append(m.Ticks,
			mapLabel{f1(x(fv)), f1(plotBottom + 18), "middle", strconv.Itoa(v)},
			mapLabel{f1(plotLeft - 8), f1(y(fv) + 5), "end", strconv.Itoa(v)})
	}
	pad := 8.0
	m.Regions = []mapLabel{
		{f1(plotLeft + pad), f1(plotTop + 18), "start", assess.RegionAnxious},
		{f1(plotRight - pad), f1(plotTop + 18), "end", assess.RegionFearful},
		{f1(plotLeft + pad), f1(plotBottom - pad), "start", assess.RegionSecure},
		{f1(plotRight - pad), f1(plotBottom - pad), "end", assess.RegionAvoidant},
	}
	var path strings.Builder
	var current mapDot
	for i, p := range pts {
		d := mapDot{X: f1(x(p.Avoidance)), Y: f1(y(p.Anxiety)), When: p.When, Anxiety: f2(p.Anxiety),
			Avoidance: f2(p.Avoidance), Region: assess.Region(p.Anxiety, p.Avoidance, in), Current: p.Current}
		if i == 0 {
			path.WriteString("M")
		} else {
			path.WriteString(" L")
		}
		path.WriteString(d.X + " " + d.Y)
		m.Dots = append(m.Dots, d)
		if p.Current {
			current = d
		}
	}
	if current.X == "" {
		current = m.Dots[len(m.Dots)-1]
	}
	m.Path = path.String()
	m.Title = "Your results on the attachment map"
	var desc strings.Builder
	desc.WriteString("Avoidance runs across from " + strconv.Itoa(in.Min) + " to " + strconv.Itoa(in.Max) +
		", anxiety runs up from " + strconv.Itoa(in.Min) + " to " + strconv.Itoa(in.Max) + ". ")
	desc.WriteString("The result from " + current.When.Format("2 January 2006") + " is at anxiety " + current.Anxiety +
		" and avoidance " + current.Avoidance)
	if current.Region != "" {
		desc.WriteString(", in the part of the map often called " + current.Region)
	}
	desc.WriteString(".")
	if len(pts) > 1 {
		first := m.Dots[0]
		desc.WriteString(" A line joins all " + strconv.Itoa(len(pts)) + " results in time order, starting on " +
			first.When.Format("2 January 2006") + " at anxiety " + first.Anxiety + " and avoidance " + first.Avoidance + ".")
	}
	m.Desc = desc.String()
	return m
}
