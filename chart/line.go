package chart

import (
	"strconv"
	"strings"
	"time"
)

// Point is one value at one time. Lo and Hi are the range around it (the
// lowest and highest check-in of a day), drawn as a band when Line.Band is
// set. Label names the point in the table; empty means its date.
type Point struct {
	At     time.Time
	Value  float64
	Lo, Hi float64
	Label  string
}

// Series is one line.
type Series struct {
	Name   string
	Points []Point // in time order
}

// Line is a line chart over time: one to three series, each drawn in its
// own dash pattern, so the lines differ without colour.
type Line struct {
	ID, Title, Summary string
	// YName says what the values are ("Distress, 0 to 10").
	YName string
	// YMin and YMax fix the value axis (0 and 10 for distress). When they
	// are equal or not finite the axis is taken from the data.
	YMin, YMax float64
	Series     []Series
	// Band draws each point's Lo–Hi range of the first series behind it;
	// BandNames head its two table columns (default "Lowest", "Highest").
	Band      bool
	BandNames [2]string
}

// Layout of a line chart.
const (
	lineHeight = 200
	lineLeft   = 30
	lineRight  = 10
	lineBottom = 22
	maxSeries  = 3
	dotsUpTo   = 40 // draw a dot at each point up to this many points
)

// dash tells the series apart without colour: solid, dashed, dotted.
func dash(i int) string {
	switch i {
	case 1:
		return ` stroke-dasharray="6 4"`
	case 2:
		return ` stroke-dasharray="2 3"`
	}
	return ""
}

// Draw renders the chart. Points whose value is not finite are left out
// (the line breaks there); series beyond the third are left out.
func (l Line) Draw() Chart {
	id := cleanID(l.ID)
	series := l.Series
	if len(series) > maxSeries {
		series = series[:maxSeries]
	}
	// One pass for the extent of time and values.
	var t0, t1 time.Time
	dmin, dmax := 0.0, 0.0 // the values with their bands: the axis
	vmin, vmax := 0.0, 0.0 // the values alone: the description
	n, seen := 0, false
	for si, s := range series {
		for _, p := range s.Points {
			if !finite(p.Value) {
				continue
			}
			lo, hi := p.Value, p.Value
			if l.Band && si == 0 && finite(p.Lo) && finite(p.Hi) {
				lo, hi = min(lo, p.Lo), max(hi, p.Hi)
			}
			if !seen || p.At.Before(t0) {
				t0 = p.At
			}
			if !seen || p.At.After(t1) {
				t1 = p.At
			}
			if !seen || lo < dmin {
				dmin = lo
			}
			if !seen || hi > dmax {
				dmax = hi
			}
			if !seen || p.Value < vmin {
				vmin = p.Value
			}
			if !seen || p.Value > vmax {
				vmax = p.Value
			}
			seen = true
			n++
		}
	}
	ax := valueAxis(l.YMin, l.YMax, dmin, dmax, 5, false)
	names := make([]string, len(series))
	for i, s := range series {
		names[i] = s.Name
	}
	var rows []legendItem
	if len(series) > 1 {
		rows = legendRows(names, lineLeft)
	}
	top := 10.0
	if len(rows) > 0 {
		top = 12 + float64(rows[len(rows)-1].row+1)*legendLine
	}
	plotL, plotR, plotT, plotB := float64(lineLeft), float64(Width-lineRight), top, float64(lineHeight-lineBottom)
	x := func(t time.Time) float64 {
		if !t1.After(t0) {
			return (plotL + plotR) / 2
		}
		f := float64(t.Sub(t0)) / float64(t1.Sub(t0)) // Sub saturates over centuries: clamp
		return plotL + max(0, min(1, f))*(plotR-plotL)
	}
	y := func(v float64) float64 { return ax.scale(v, plotB, plotT) }

	desc := l.describe(series, n, t0, t1, vmin, vmax)
	b := make([]byte, 0, 2048+n*44) // a point costs about 14 bytes of line and 26 of band
	b = open(b, id, l.Title, joinDesc(l.Summary, desc), "line", lineHeight)
	for _, v := range ax.ticks() {
		yy := y(v)
		b = line(b, "chart-grid", plotL, yy, plotR, yy, ` stroke="currentColor" stroke-opacity="0.2"`)
		b = text(b, "chart-tick", plotL-4, yy+4, "end", Value(v))
	}
	if seen {
		for _, tk := range timeTicks(t0, t1, 5) {
			b = text(b, "chart-tick", x(tk.at), float64(lineHeight-6), "middle", tk.label)
		}
	}
	for i, it := range rows {
		ly := 14 + float64(it.row)*legendLine
		b = line(b, "chart-line chart-s"+strconv.Itoa(i+1), it.x, ly, it.x+18, ly, ` stroke="currentColor" stroke-width="2"`+dash(i))
		b = text(b, "chart-legend", it.x+22, ly+4, "", names[i])
	}
	if l.Band && len(series) > 0 {
		b = band(b, series[0].Points, x, y)
	}
	for i, s := range series {
		cls := "chart-line chart-s" + strconv.Itoa(i+1)
		b = path(b, cls, s.Points, x, y, dash(i))
		last := -1
		for j := len(s.Points) - 1; j >= 0; j-- {
			if finite(s.Points[j].Value) {
				last = j
				break
			}
		}
		dots := len(s.Points) <= dotsUpTo
		for j, p := range s.Points {
			if !finite(p.Value) || (!dots && j != last) {
				continue
			}
			r := 2.5
			if j == last {
				r = 3.5
			}
			b = circle(b, "chart-dot chart-s"+strconv.Itoa(i+1), x(p.At), y(p.Value), r, ` fill="currentColor"`)
		}
	}
	return Chart{ID: id, Title: clean(l.Title), Summary: clean(l.Summary), Desc: desc, SVG: finish(b), Table: l.table(series)}
}

// path appends the line through the finite points, broken where a value
// is missing.
func path(b []byte, class string, pts []Point, x func(time.Time) float64, y func(float64) float64, dash string) []byte {
	b = append(b, `<path class="`...)
	b = append(b, class...)
	b = append(b, `" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round" stroke-linecap="round"`...)
	b = append(b, dash...)
	b = append(b, ` d="`...)
	move := true
	for _, p := range pts {
		if !finite(p.Value) {
			move = true
			continue
		}
		if move {
			b = append(b, 'M')
			move = false
		} else {
			b = append(b, 'L')
		}
		b = num(b, x(p.At))
		b = append(b, ' ')
		b = num(b, y(p.Value))
	}
	return append(b, `"/>`...)
}

// band appends the Lo–Hi area of the points that have both.
func band(b []byte, pts []Point, x func(time.Time) float64, y func(float64) float64) []byte {
	ok := func(p Point) bool { return finite(p.Value) && finite(p.Lo) && finite(p.Hi) }
	b = append(b, `<path class="chart-band" fill="currentColor" fill-opacity="0.12" stroke="none" d="`...)
	// One closed shape per run of points with a range.
	for i := 0; i < len(pts); {
		if !ok(pts[i]) {
			i++
			continue
		}
		j := i
		for j < len(pts) && ok(pts[j]) {
			j++
		}
		for k := i; k < j; k++ {
			if k == i {
				b = append(b, 'M')
			} else {
				b = append(b, 'L')
			}
			b = num(b, x(pts[k].At))
			b = append(b, ' ')
			b = num(b, y(max(pts[k].Hi, pts[k].Lo)))
		}
		for k := j - 1; k >= i; k-- {
			b = append(b, 'L')
			b = num(b, x(pts[k].At))
			b = append(b, ' ')
			b = num(b, y(min(pts[k].Hi, pts[k].Lo)))
		}
		b = append(b, 'Z')
		i = j
	}
	return append(b, `"/>`...)
}

// describe says what the chart shows.
func (l Line) describe(series []Series, n int, t0, t1 time.Time, dmin, dmax float64) string {
	if n == 0 {
		return "The chart has no points yet."
	}
	var s strings.Builder
	s.WriteString("Line chart")
	if len(series) > 1 {
		s.WriteString(" with " + strconv.Itoa(len(series)) + " lines (")
		for i, se := range series {
			if i > 0 {
				s.WriteString(", ")
			}
			s.WriteString(clean(se.Name))
		}
		s.WriteString(")")
	}
	s.WriteString(" of " + plural(n, "point", "points") + " " + span(t0, t1) + ".")
	name := clean(l.YName)
	if name == "" {
		name = "Values"
	}
	if dmin == dmax {
		s.WriteString(" " + name + ": " + Value(dmin) + ".")
	} else {
		s.WriteString(" " + name + " between " + Value(dmin) + " and " + Value(dmax) + ".")
	}
	return s.String()
}

// table lists every point: date and value (and the band's range) for one
// series; series, date and value for several.
func (l Line) table(series []Series) Table {
	name := clean(l.YName)
	if name == "" {
		name = "Value"
	}
	t := Table{Caption: clean(l.Title)}
	rows := 0
	for _, s := range series {
		for _, p := range s.Points {
			if finite(p.Value) {
				rows++
			}
		}
	}
	switch {
	case len(series) > 1:
		t.Head = []string{"Line", "Date", name}
		c := newCellBuf(rows*3, 12)
		for _, s := range series {
			for _, p := range s.Points {
				if finite(p.Value) {
					c.text(s.Name)
					c.date(p.At, p.Label)
					c.value(p.Value)
				}
			}
		}
		t.Rows = c.rows(3)
	case l.Band && len(series) > 0:
		lo, hi := clean(l.BandNames[0]), clean(l.BandNames[1])
		if lo == "" {
			lo = "Lowest"
		}
		if hi == "" {
			hi = "Highest"
		}
		t.Head = []string{"Date", name, lo, hi}
		c := newCellBuf(rows*4, 6)
		for _, p := range series[0].Points {
			if finite(p.Value) {
				c.date(p.At, p.Label)
				c.value(p.Value)
				if finite(p.Lo) && finite(p.Hi) {
					c.value(min(p.Lo, p.Hi))
					c.value(max(p.Lo, p.Hi))
				} else {
					c.empty()
					c.empty()
				}
			}
		}
		t.Rows = c.rows(4)
	default:
		t.Head = []string{"Date", name}
		c := newCellBuf(rows*2, 10)
		if len(series) == 1 {
			for _, p := range series[0].Points {
				if finite(p.Value) {
					c.date(p.At, p.Label)
					c.value(p.Value)
				}
			}
		}
		t.Rows = c.rows(2)
	}
	return t
}

// joinDesc puts the caller's summary before the generated description.
func joinDesc(summary, desc string) string {
	summary = clean(summary)
	if summary == "" {
		return desc
	}
	return summary + " " + desc
}
