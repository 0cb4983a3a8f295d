package chart

import (
	"strings"
	"time"
)

// XY is one point on a map at one time: a questionnaire result with
// avoidance across (X) and anxiety up (Y).
type XY struct {
	At    time.Time
	X, Y  float64
	Label string // names the point in the table; empty means its date
}

// Scatter is a square map of points joined in the order given, from the
// first to the latest, which is drawn larger: the questionnaire's path.
type Scatter struct {
	ID, Title, Summary string
	XName, YName       string // "Avoidance", "Anxiety"
	// Min and Max are the scale of both axes (1 and 7 for the ECR-R).
	// When they are equal or not finite the scale comes from the data.
	Min, Max float64
	// Mid draws dashed lines through the middle of the scale.
	Mid bool
	// Corners are soft words for the four corners, written small:
	// top left, top right, bottom left, bottom right. Empty ones are left out.
	Corners [4]string
	Points  []XY // in time order
}

// Layout of the map.
const (
	mapHeight = 320
	mapLeft   = 40
	mapRight  = 12
	mapTop    = 10
	mapBottom = 44
)

// Draw renders the map. Points with a coordinate that is not finite are
// left out.
func (c Scatter) Draw() Chart {
	id := cleanID(c.ID)
	n := 0
	dmin, dmax := 0.0, 0.0
	first, latest := -1, -1
	for i, p := range c.Points {
		if !finite(p.X) || !finite(p.Y) {
			continue
		}
		if first < 0 {
			first = i
			dmin, dmax = min(p.X, p.Y), max(p.X, p.Y)
		}
		latest = i
		dmin, dmax = min(dmin, p.X, p.Y), max(dmax, p.X, p.Y)
		n++
	}
	ax := valueAxis(c.Min, c.Max, dmin, dmax, 6, false)
	plotL, plotR := float64(mapLeft), float64(Width-mapRight)
	plotT, plotB := float64(mapTop), float64(mapHeight-mapBottom)
	x := func(v float64) float64 { return ax.scale(v, plotL, plotR) }
	y := func(v float64) float64 { return ax.scale(v, plotB, plotT) }

	desc := c.describe(n, first, latest)
	b := make([]byte, 0, 2048+n*120)
	b = open(b, id, c.Title, joinDesc(c.Summary, desc), "map", mapHeight)
	b = rect(b, "chart-frame", plotL, plotT, plotR-plotL, plotB-plotT, ` fill="none" stroke="currentColor" stroke-opacity="0.3"`)
	if c.Mid {
		m := (ax.lo + ax.hi) / 2
		b = line(b, "chart-mid", x(m), plotT, x(m), plotB, ` stroke="currentColor" stroke-opacity="0.5" stroke-dasharray="4 4"`)
		b = line(b, "chart-mid", plotL, y(m), plotR, y(m), ` stroke="currentColor" stroke-opacity="0.5" stroke-dasharray="4 4"`)
	}
	for i, w := range c.Corners {
		if w == "" {
			continue
		}
		cx, anchor := plotL+6, "start"
		if i%2 == 1 {
			cx, anchor = plotR-6, "end"
		}
		cy := plotT + 16
		if i >= 2 {
			cy = plotB - 8
		}
		b = text(b, "chart-region", cx, cy, anchor, w)
	}
	for _, v := range ax.ticks() {
		b = text(b, "chart-tick", x(v), plotB+16, "middle", Value(v))
		b = text(b, "chart-tick", plotL-6, y(v)+4, "end", Value(v))
	}
	b = text(b, "chart-axis", (plotL+plotR)/2, float64(mapHeight-6), "middle", c.XName)
	// The y axis name, turned to run up the left edge.
	b = append(b, `<text class="chart-axis" x="0" y="0" text-anchor="middle" transform="translate(12 `...)
	b = num(b, (plotT+plotB)/2)
	b = append(b, `) rotate(-90)">`...)
	b = esc(b, c.YName)
	b = append(b, `</text>`...)
	if n > 1 {
		b = append(b, `<path class="chart-path" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round" d="`...)
		move := true
		for _, p := range c.Points {
			if !finite(p.X) || !finite(p.Y) {
				continue
			}
			if move {
				b = append(b, 'M')
				move = false
			} else {
				b = append(b, 'L')
			}
			b = num(b, x(p.X))
			b = append(b, ' ')
			b = num(b, y(p.Y))
		}
		b = append(b, `"/>`...)
	}
	for i, p := range c.Points {
		if !finite(p.X) || !finite(p.Y) {
			continue
		}
		if i == latest {
			b = circle(b, "chart-dot chart-now", x(p.X), y(p.Y), 7, ` fill="currentColor" stroke="currentColor" stroke-width="2"`)
		} else {
			b = circle(b, "chart-dot", x(p.X), y(p.Y), 4.5, ` fill="none" stroke="currentColor" stroke-width="2"`)
		}
	}
	return Chart{ID: id, Title: clean(c.Title), Summary: clean(c.Summary), Desc: desc, SVG: finish(b), Table: c.table()}
}

func (c Scatter) describe(n, first, latest int) string {
	if n == 0 {
		return "The map has no points yet."
	}
	xn, yn := clean(c.XName), clean(c.YName)
	if xn == "" {
		xn = "Across"
	}
	if yn == "" {
		yn = "Up"
	}
	f, l := c.Points[first], c.Points[latest]
	var s strings.Builder
	s.WriteString("Map of " + plural(n, "point", "points") + " " + span(f.At, l.At) + ", " + strings.ToLower(yn) + " up and " + strings.ToLower(xn) + " across")
	if finite(c.Min) && finite(c.Max) && c.Max > c.Min {
		s.WriteString(", each from " + Value(c.Min) + " to " + Value(c.Max))
	}
	s.WriteString(".")
	if n > 1 {
		s.WriteString(" The first: " + yn + " " + Value(f.Y) + ", " + strings.ToLower(xn) + " " + Value(f.X) + ".")
		s.WriteString(" The latest, drawn larger: " + yn + " " + Value(l.Y) + ", " + strings.ToLower(xn) + " " + Value(l.X) + ".")
	} else {
		s.WriteString(" " + yn + " " + Value(l.Y) + ", " + strings.ToLower(xn) + " " + Value(l.X) + ".")
	}
	return s.String()
}

func (c Scatter) table() Table {
	xn, yn := clean(c.XName), clean(c.YName)
	if xn == "" {
		xn = "Across"
	}
	if yn == "" {
		yn = "Up"
	}
	n := 0
	for _, p := range c.Points {
		if finite(p.X) && finite(p.Y) {
			n++
		}
	}
	t := Table{Caption: clean(c.Title), Head: []string{"Date", yn, xn}}
	cb := newCellBuf(n*3, 8)
	for _, p := range c.Points {
		if finite(p.X) && finite(p.Y) {
			cb.date(p.At, p.Label)
			cb.value(p.Y)
			cb.value(p.X)
		}
	}
	t.Rows = cb.rows(3)
	return t
}
