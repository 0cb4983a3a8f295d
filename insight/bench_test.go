package insight

import (
	"testing"
	"time"
)

// The insights page over a heavy year (ENGINEERING.md budgets the page at
// 500 requests/s, p99 under 100 ms, on 2 cores). These benchmarks show
// what the numbers cost on their own:
//
//	go test ./insight -run x -bench . -benchmem

func benchYear(b *testing.B) (year, Span) {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		b.Fatal(err)
	}
	now := time.Date(2025, 11, 5, 21, 0, 0, 0, loc)
	return heavyYear(1, now, loc), Year(now, loc)
}

// BenchmarkInsightsYear computes every aggregation the insights page
// shows, over one heavy year.
func BenchmarkInsightsYear(b *testing.B) {
	y, span := benchYear(b)
	b.ReportAllocs()
	reportCPU(b, func() {
		DistressOverDays(y.checkins, span)
		BeforeAfter(tools, y.uses)
		EpisodesByWeek(y.episodes, span)
		TopTriggers(y.logs, triggers, span, 5)
		UrgesByWeek(y.urges, span)
		BeliefStrength(y.beliefs, beliefs)
		QuestionnairePath(y.scores, y.loc)
		PracticeByWeek(y.practice, span)
		GrowthOverMonths(y.growth, signs, y.loc)
	})
}

func BenchmarkEach(b *testing.B) {
	y, span := benchYear(b)
	for _, c := range []struct {
		name string
		f    func()
	}{
		{"DistressOverDays", func() { DistressOverDays(y.checkins, span) }},
		{"BeforeAfter", func() { BeforeAfter(tools, y.uses) }},
		{"Works", func() { Works([]string{"breathe", "ground", "name", "reassure", "pause"}, y.uses) }},
		{"EpisodesByWeek", func() { EpisodesByWeek(y.episodes, span) }},
		{"TopTriggers", func() { TopTriggers(y.logs, triggers, span, 5) }},
		{"UrgesByWeek", func() { UrgesByWeek(y.urges, span) }},
		{"BeliefStrength", func() { BeliefStrength(y.beliefs, beliefs) }},
		{"QuestionnairePath", func() { QuestionnairePath(y.scores, y.loc) }},
		{"PracticeByWeek", func() { PracticeByWeek(y.practice, span) }},
		{"GrowthOverMonths", func() { GrowthOverMonths(y.growth, signs, y.loc) }},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			reportCPU(b, c.f)
		})
	}
}
