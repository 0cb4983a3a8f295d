package chart

import (
	"math"
	"testing"
	"time"
)

// The fuzz targets feed every chart arbitrary numbers, times and labels:
// the output must stay well-formed SVG with finite numbers, and nothing
// may panic.

func FuzzLine(f *testing.F) {
	f.Add("Mean", "Mon", 4.0, 6.5, 3.0, 2.0, 9.0, 0.0, 10.0, int64(0), int64(86400), true, uint8(1))
	f.Add("", "\xff<", math.NaN(), math.Inf(1), -1e308, 1e308, math.Inf(-1), 5.0, 5.0, int64(-1<<62), int64(1<<62), false, uint8(3))
	f.Add("a", "b", 1.0, 1.0, 1.0, 1.0, 1.0, math.NaN(), 1.0, int64(5), int64(5), true, uint8(2))
	f.Fuzz(func(t *testing.T, name, label string, v1, v2, v3, lo, hi, ymin, ymax float64, t1, t2 int64, band bool, ns uint8) {
		a, b := time.Unix(t1, 0).UTC(), time.Unix(t2, 0).UTC()
		pts := []Point{{At: a, Value: v1, Lo: lo, Hi: hi, Label: label}, {At: b, Value: v2, Lo: hi, Hi: lo}, {At: b, Value: v3}}
		series := make([]Series, int(ns%5))
		for i := range series {
			series[i] = Series{Name: name, Points: pts[:i%3+1]}
		}
		c := Line{ID: name, Title: label, Summary: name, YName: label, YMin: ymin, YMax: ymax, Band: band, Series: series}.Draw()
		checkSVG(t, c)
	})
}

func FuzzBars(f *testing.F) {
	f.Add("Week of 3 March", "3 Mar", 4.0, 1.0, 0.0, "Let pass", false, uint16(12))
	f.Add("\x00", "", math.NaN(), math.Inf(1), math.Inf(1), "", true, uint16(500))
	f.Add("x", "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy", -5.0, 1e300, 1e-300, "b", false, uint16(1))
	f.Fuzz(func(t *testing.T, label, short string, v, v2, top float64, name2 string, horizontal bool, n uint16) {
		bars := make([]Bar, int(n%450))
		for i := range bars {
			bars[i] = Bar{Label: label, Short: short, Value: v * float64(i%3), Value2: v2}
		}
		c := Bars{ID: label, Title: label, ValueName: short, Value2Name: name2, Max: top, Horizontal: horizontal, Bars: bars}.Draw()
		checkSVG(t, c)
	})
}

func FuzzPaired(f *testing.F) {
	f.Add("Breathing", "Before", "After", 7.4, 4.1, 10.0, uint8(3))
	f.Add("", "", "\xff", math.NaN(), math.Inf(-1), -1.0, uint8(0))
	f.Fuzz(func(t *testing.T, label, an, bn string, a, b, top float64, n uint8) {
		groups := make([]Pair, int(n%20))
		for i := range groups {
			groups[i] = Pair{Label: label, A: a, B: b * float64(i), Note: an}
		}
		c := Paired{ID: label, Title: label, AName: an, BName: bn, NoteName: bn, Max: top, Groups: groups}.Draw()
		checkSVG(t, c)
	})
}

func FuzzScatter(f *testing.F) {
	f.Add("Anxiety", 3.1, 5.4, 2.9, 4.4, 1.0, 7.0, true, int64(0))
	f.Add("\xff", math.NaN(), math.Inf(1), -1e308, 1e308, 7.0, 1.0, false, int64(1<<62))
	f.Fuzz(func(t *testing.T, name string, x1, y1, x2, y2, lo, hi float64, mid bool, at int64) {
		when := time.Unix(at, 0).UTC()
		c := Scatter{ID: name, Title: name, XName: name, YName: name, Min: lo, Max: hi, Mid: mid,
			Corners: [4]string{name, "", name, name},
			Points:  []XY{{At: when, X: x1, Y: y1, Label: name}, {At: when, X: x2, Y: y2}, {At: when, X: x1, Y: y2}}}.Draw()
		checkSVG(t, c)
	})
}
