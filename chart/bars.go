package chart

import (
	"math"
	"strings"
	"unicode/utf8"
)

// Bar is one bar. Value2 is stacked on Value when the chart has a second
// name (urges acted on above urges let pass). Label names the bar in the
// table and, on a horizontal chart, above the bar; Short is its label on
// a vertical chart's axis ("3 Mar"), thinned so that labels never crowd.
type Bar struct {
	Label  string
	Short  string
	Value  float64
	Value2 float64
}

// Bars is a bar chart: vertical columns for a run of weeks, or horizontal
// bars for named things (the top triggers), optionally stacked in two
// parts.
type Bars struct {
	ID, Title, Summary string
	// LabelName heads the table's first column ("Week", "Trigger").
	LabelName string
	// ValueName says what the values are ("Episodes"); Value2Name, when
	// set, what the stacked part is, and makes the chart stacked.
	ValueName, Value2Name string
	// Max fixes the top of the value axis; 0 or less takes it from the data.
	Max        float64
	Horizontal bool
	Bars       []Bar
}

// Layout of bar charts.
const (
	barsHeight = 200
	barsLeft   = 30
	barsBottom = 22
	hRow       = 36 // one horizontal bar with its label
	hBar       = 14
	hValueRoom = 44 // room after the longest bar for its value
	maxBars    = 400
	maxAxis    = 8 // labels on a vertical chart's axis
)

// Draw renders the chart. Values that are not finite, or below zero,
// count as 0; bars beyond 400 are left out.
func (c Bars) Draw() Chart {
	id := cleanID(c.ID)
	bars := c.Bars
	if len(bars) > maxBars {
		bars = bars[:maxBars]
	}
	stacked := clean(c.Value2Name) != ""
	dmax := 0.0
	for _, br := range bars {
		dmax = max(dmax, total(br, stacked))
	}
	top := c.Max
	if !finite(top) || top <= 0 {
		top = 0
	}
	ax := valueAxis(0, top, 0, dmax, 4, wholeBars(bars))
	desc := c.describe(bars, stacked)
	kind := "bars"
	if c.Horizontal {
		kind = "hbars"
	}
	var rows []legendItem
	if stacked {
		rows = legendRows([]string{c.ValueName, c.Value2Name}, 4)
	}
	head := 10.0
	if len(rows) > 0 {
		head = 12 + float64(rows[len(rows)-1].row+1)*legendLine
	}
	height := barsHeight
	if c.Horizontal {
		height = int(head) + len(bars)*hRow + 4
	}
	b := make([]byte, 0, 1536+len(bars)*120)
	b = open(b, id, c.Title, joinDesc(c.Summary, desc), kind, height)
	for i, it := range rows {
		ly := 14 + float64(it.row)*legendLine
		if i == 0 {
			b = rect(b, "chart-bar chart-s1", it.x, ly-8, 12, 12, ` fill="currentColor" fill-opacity="0.75"`)
			b = text(b, "chart-legend", it.x+18, ly+3, "", c.ValueName)
		} else {
			b = rect(b, "chart-bar chart-s2", it.x, ly-8, 12, 12, ` fill="currentColor" fill-opacity="0.25" stroke="currentColor"`)
			b = text(b, "chart-legend", it.x+18, ly+3, "", c.Value2Name)
		}
	}
	if c.Horizontal {
		b = c.horizontal(b, bars, ax, head, stacked)
	} else {
		b = c.vertical(b, bars, ax, head, stacked)
	}
	return Chart{ID: id, Title: clean(c.Title), Summary: clean(c.Summary), Desc: desc, SVG: finish(b), Table: c.table(bars, stacked)}
}

func (c Bars) vertical(b []byte, bars []Bar, ax axis, top float64, stacked bool) []byte {
	plotL, plotR, plotT, plotB := float64(barsLeft), float64(Width-10), top, float64(barsHeight-barsBottom)
	for _, v := range ax.ticks() {
		y := ax.scale(v, plotB, plotT)
		b = line(b, "chart-grid", plotL, y, plotR, y, ` stroke="currentColor" stroke-opacity="0.2"`)
		b = text(b, "chart-tick", plotL-4, y+4, "end", Value(v))
	}
	if len(bars) == 0 {
		return b
	}
	slot := (plotR - plotL) / float64(len(bars))
	w := max(slot*0.7, 1)
	// Thin the axis labels so that none overlaps the next: at most
	// maxAxis, and each given room for the widest label (7 units a
	// character, with a gap).
	labelled, widest := 0, 0
	for _, br := range bars {
		if n := utf8.RuneCountInString(clean(br.Short)); n > 0 {
			labelled++
			widest = max(widest, n)
		}
	}
	every := max((labelled+maxAxis-1)/maxAxis, int(math.Ceil(float64(7*widest+8)/slot)), 1)
	// Each part's bars share one group, so their class and paint are
	// written once, not 52 times.
	b = append(b, `<g class="chart-bar chart-s1" fill="currentColor" fill-opacity="0.75">`...)
	for i, br := range bars {
		x := plotL + float64(i)*slot + (slot-w)/2
		y1 := ax.scale(amount(br.Value), plotB, plotT)
		b = rect(b, "", x, y1, w, plotB-y1, "")
	}
	b = append(b, `</g>`...)
	if stacked {
		b = append(b, `<g class="chart-bar chart-s2" fill="currentColor" fill-opacity="0.25" stroke="currentColor" stroke-width="0.5">`...)
		for i, br := range bars {
			x := plotL + float64(i)*slot + (slot-w)/2
			v1 := amount(br.Value)
			y1 := ax.scale(v1, plotB, plotT)
			y2 := ax.scale(v1+amount(br.Value2), plotB, plotT)
			b = rect(b, "", x, y2, w, y1-y2, "")
		}
		b = append(b, `</g>`...)
	}
	k := 0
	for i, br := range bars {
		if s := clean(br.Short); s != "" {
			if k%every == 0 {
				x := plotL + float64(i)*slot + slot/2
				b = text(b, "chart-tick", x, float64(barsHeight-6), "middle", s)
			}
			k++
		}
	}
	return b
}

func (c Bars) horizontal(b []byte, bars []Bar, ax axis, top float64, stacked bool) []byte {
	left, room := 4.0, float64(Width-4-hValueRoom)
	for i, br := range bars {
		y := top + float64(i)*hRow
		b = text(b, "chart-label", left, y+12, "", br.Label)
		v1 := amount(br.Value)
		w1 := ax.scale(v1, 0, room)
		b = rect(b, "chart-bar chart-s1", left, y+16, w1, hBar, ` fill="currentColor" fill-opacity="0.75"`)
		end := left + w1
		if stacked {
			w2 := ax.scale(v1+amount(br.Value2), 0, room) - w1
			b = rect(b, "chart-bar chart-s2", end, y+16, w2, hBar, ` fill="currentColor" fill-opacity="0.25" stroke="currentColor" stroke-width="0.5"`)
			end += w2
		}
		b = text(b, "chart-value", end+4, y+27, "", Value(total(br, stacked)))
	}
	return b
}

// wholeBars reports whether every bar holds whole numbers (counts).
func wholeBars(bars []Bar) bool {
	for _, br := range bars {
		if v, w := amount(br.Value), amount(br.Value2); v != math.Trunc(v) || w != math.Trunc(w) {
			return false
		}
	}
	return true
}

// amount is a bar's value as drawn: not finite or negative counts as 0.
func amount(v float64) float64 {
	if !finite(v) || v < 0 {
		return 0
	}
	return v
}

func total(br Bar, stacked bool) float64 {
	if stacked {
		return amount(br.Value) + amount(br.Value2)
	}
	return amount(br.Value)
}

func (c Bars) describe(bars []Bar, stacked bool) string {
	if len(bars) == 0 {
		return "The chart has no bars yet."
	}
	hi, lo := 0, 0
	for i, br := range bars {
		if total(br, stacked) > total(bars[hi], stacked) {
			hi = i
		}
		if total(br, stacked) < total(bars[lo], stacked) {
			lo = i
		}
	}
	name := clean(c.ValueName)
	if name == "" {
		name = "Value"
	}
	var s strings.Builder
	s.WriteString("Bar chart of " + plural(len(bars), "bar", "bars"))
	if stacked {
		s.WriteString(", each split into " + strings.ToLower(name) + " and " + strings.ToLower(clean(c.Value2Name)))
	}
	s.WriteString(". ")
	if len(bars) == 1 {
		s.WriteString(name + ": " + Value(total(bars[0], stacked)) + ".")
		return s.String()
	}
	s.WriteString("Highest: " + clean(bars[hi].Label) + ", " + Value(total(bars[hi], stacked)) + ".")
	s.WriteString(" Lowest: " + clean(bars[lo].Label) + ", " + Value(total(bars[lo], stacked)) + ".")
	return s.String()
}

func (c Bars) table(bars []Bar, stacked bool) Table {
	first := clean(c.LabelName)
	if first == "" {
		first = "Label"
	}
	name := clean(c.ValueName)
	if name == "" {
		name = "Value"
	}
	t := Table{Caption: clean(c.Title)}
	cols := 2
	t.Head = []string{first, name}
	if stacked {
		t.Head = append(t.Head, clean(c.Value2Name))
		cols = 3
	}
	cb := newCellBuf(len(bars)*cols, 10)
	for _, br := range bars {
		cb.text(br.Label)
		cb.value(amount(br.Value))
		if stacked {
			cb.value(amount(br.Value2))
		}
	}
	t.Rows = cb.rows(cols)
	return t
}

// Pair is one group of two bars: a tool's distress before and after.
// Note adds a few words to the table ("12 rated uses").
type Pair struct {
	Label string
	A, B  float64
	Note  string
}

// Paired draws two bars per group, one above the other, each with its
// name and value written at its end, so the pair reads without colour.
type Paired struct {
	ID, Title, Summary string
	// LabelName heads the table's first column ("Tool").
	LabelName string
	// AName and BName name the two bars ("Before", "After").
	AName, BName string
	// NoteName heads the notes column; no notes, no column.
	NoteName string
	// Max fixes the top of the scale (10 for distress); 0 or less takes it
	// from the data.
	Max    float64
	Groups []Pair
}

// Layout of paired bars.
const (
	pairRow  = 56
	pairBar  = 13
	pairRoom = 92 // room after a bar for "Before 10"
)

// Draw renders the chart. Values that are not finite, or below zero,
// count as 0; groups beyond 400 are left out.
func (c Paired) Draw() Chart {
	id := cleanID(c.ID)
	groups := c.Groups
	if len(groups) > maxBars {
		groups = groups[:maxBars]
	}
	an, bn := clean(c.AName), clean(c.BName)
	if an == "" {
		an = "First"
	}
	if bn == "" {
		bn = "Second"
	}
	dmax := 0.0
	for _, g := range groups {
		dmax = max(dmax, amount(g.A), amount(g.B))
	}
	top := c.Max
	if !finite(top) || top <= 0 {
		top = 0
	}
	ax := valueAxis(0, top, 0, dmax, 4, false)
	desc := c.describe(groups, an, bn)
	height := 6 + len(groups)*pairRow
	b := make([]byte, 0, 1024+len(groups)*400)
	b = open(b, id, c.Title, joinDesc(c.Summary, desc), "paired", height)
	room := float64(Width - 4 - pairRoom)
	for i, g := range groups {
		y := 4 + float64(i)*pairRow
		b = text(b, "chart-label", 4, y+12, "", g.Label)
		wa := ax.scale(amount(g.A), 0, room)
		b = rect(b, "chart-bar chart-s1", 4, y+17, wa, pairBar, ` fill="currentColor" fill-opacity="0.3" stroke="currentColor" stroke-width="0.5"`)
		b = text(b, "chart-value", 8+wa, y+27, "", an+" "+Value(amount(g.A)))
		wb := ax.scale(amount(g.B), 0, room)
		b = rect(b, "chart-bar chart-s2", 4, y+33, wb, pairBar, ` fill="currentColor" fill-opacity="0.75"`)
		b = text(b, "chart-value", 8+wb, y+43, "", bn+" "+Value(amount(g.B)))
	}
	return Chart{ID: id, Title: clean(c.Title), Summary: clean(c.Summary), Desc: desc, SVG: finish(b), Table: c.table(groups, an, bn)}
}

func (c Paired) describe(groups []Pair, an, bn string) string {
	if len(groups) == 0 {
		return "The chart has no bars yet."
	}
	var s strings.Builder
	s.WriteString("Paired bars for " + plural(len(groups), "group", "groups") + ": " + strings.ToLower(an) + " and " + strings.ToLower(bn) + ".")
	for _, g := range groups {
		s.WriteString(" " + clean(g.Label) + ": " + Value(amount(g.A)) + " then " + Value(amount(g.B)) + ".")
	}
	return s.String()
}

func (c Paired) table(groups []Pair, an, bn string) Table {
	first := clean(c.LabelName)
	if first == "" {
		first = "Label"
	}
	t := Table{Caption: clean(c.Title), Head: []string{first, an, bn}}
	cols := 3
	if note := clean(c.NoteName); note != "" {
		t.Head = append(t.Head, note)
		cols = 4
	}
	cb := newCellBuf(len(groups)*cols, 8)
	for _, g := range groups {
		cb.text(g.Label)
		cb.value(amount(g.A))
		cb.value(amount(g.B))
		if cols == 4 {
			cb.text(g.Note)
		}
	}
	t.Rows = cb.rows(cols)
	return t
}
