package chart

import (
	"math"
	"testing"
)

// What a chart costs over a heavy year (ENGINEERING.md budgets the
// insights page at 500 requests/s on 2 cores):
//
//	go test ./chart -run x -bench . -benchmem

func yearOfDays() []Point {
	pts := make([]Point, 364)
	for i := range pts {
		v := 6 - float64(i)/120 + math.Sin(float64(i)/5)
		pts[i] = Point{At: day0.AddDate(0, 0, i), Value: v, Lo: v - 1.5, Hi: v + 2}
	}
	return pts
}

func yearOfWeeks() []Bar {
	bars := make([]Bar, 52)
	for i := range bars {
		w := day0.AddDate(0, 0, 7*i)
		bars[i] = Bar{Label: "Week of " + w.Format("2 January 2006"), Short: w.Format("2 Jan"), Value: float64(i % 5), Value2: float64(i % 3)}
	}
	return bars
}

func BenchmarkLineYear(b *testing.B) {
	l := Line{ID: "distress", Title: "Check-in distress by day", YName: "Distress, 0 to 10", YMax: 10, Band: true, Series: []Series{{Name: "Mean", Points: yearOfDays()}}}
	b.ReportAllocs()
	reportCPU(b, func() {
		l.Draw()
	})
}

func BenchmarkBarsYear(b *testing.B) {
	c := Bars{ID: "urges", Title: "Urges per week", LabelName: "Week", ValueName: "Let pass", Value2Name: "Acted on", Bars: yearOfWeeks()}
	b.ReportAllocs()
	reportCPU(b, func() {
		c.Draw()
	})
}

func BenchmarkPaired(b *testing.B) {
	c := Paired{ID: "works", Title: "Before and after", AName: "Before", BName: "After", Max: 10, Groups: []Pair{
		{"Breathing", 7.4, 4.1, "12"}, {"Grounding", 6.2, 4.9, "5"}, {"Naming the feeling", 6, 5, "9"}, {"Reassurance", 5.5, 4.5, "7"}, {"A pause", 5, 5, "3"}}}
	b.ReportAllocs()
	reportCPU(b, func() {
		c.Draw()
	})
}

func BenchmarkScatterYear(b *testing.B) {
	pts := make([]XY, 12)
	for i := range pts {
		pts[i] = XY{At: day0.AddDate(0, i, 0), X: 3 + float64(i%3)/10, Y: 5.5 - float64(i)/8}
	}
	c := Scatter{ID: "path", Title: "Questionnaire", XName: "Avoidance", YName: "Anxiety", Min: 1, Max: 7, Mid: true, Points: pts}
	b.ReportAllocs()
	reportCPU(b, func() {
		c.Draw()
	})
}

// BenchmarkInsightsPage draws every chart the insights page shows for a
// heavy year: distress by day, before/after, episodes, triggers, urges,
// beliefs, the questionnaire path, practice and the signs of growth.
func BenchmarkInsightsPage(b *testing.B) {
	days := yearOfDays()
	weeks := yearOfWeeks()
	beliefs := make([]Series, 3)
	for i := range beliefs {
		pts := make([]Point, 24)
		for j := range pts {
			pts[j] = Point{At: day0.AddDate(0, 0, 15*j+i), Value: float64(90 - 2*j - i*5)}
		}
		beliefs[i] = Series{Name: "Belief", Points: pts}
	}
	months := make([]Point, 12)
	for i := range months {
		months[i] = Point{At: day0.AddDate(0, i, 0), Value: 2 + float64(i)/4}
	}
	path := make([]XY, 12)
	for i := range path {
		path[i] = XY{At: day0.AddDate(0, i, 0), X: 3, Y: 5.5 - float64(i)/8}
	}
	b.ReportAllocs()
	reportCPU(b, func() {
		Line{ID: "distress", Title: "Distress", YMax: 10, Band: true, Series: []Series{{Name: "Mean", Points: days}}}.Draw()
		Paired{ID: "works", Title: "Before and after", AName: "Before", BName: "After", Max: 10, Groups: []Pair{{"Breathing", 7.4, 4.1, "12"}, {"Grounding", 6.2, 4.9, "5"}, {"Naming", 6, 5, "9"}, {"Reassurance", 5.5, 4.5, "7"}, {"A pause", 5, 5, "3"}}}.Draw()
		Bars{ID: "episodes", Title: "Episodes", ValueName: "Episodes", Bars: weeks}.Draw()
		Bars{ID: "triggers", Title: "Triggers", ValueName: "Times", Horizontal: true, Bars: weeks[:5]}.Draw()
		Bars{ID: "urges", Title: "Urges", ValueName: "Let pass", Value2Name: "Acted on", Bars: weeks}.Draw()
		Line{ID: "beliefs", Title: "Beliefs", YMax: 100, Series: beliefs}.Draw()
		Scatter{ID: "path", Title: "Path", Min: 1, Max: 7, Mid: true, Points: path}.Draw()
		Bars{ID: "practice", Title: "Practice", ValueName: "Days", Max: 7, Bars: weeks}.Draw()
		Line{ID: "growth", Title: "Growth", YMin: 1, YMax: 5, Series: []Series{{Name: "Mean", Points: months}}}.Draw()
	})
}
