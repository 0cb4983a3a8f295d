package insight

import (
	"fmt"
	"math"
	"regexp"
	"strings"
	"testing"
	"time"
)

func zone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("load %s: %v", name, err)
	}
	return loc
}

func TestCalendar(t *testing.T) {
	for n := -50000; n < 50000; n += 7 {
		y, m, d := civilFromDays(n)
		want := time.Unix(int64(n)*86400, 0).UTC()
		if y != want.Year() || m != want.Month() || d != want.Day() || daysFromCivil(y, int(m), d) != n {
			t.Fatalf("day %d: %d-%d-%d, want %s", n, y, m, d, want.Format(time.DateOnly))
		}
		if mo := monday(n); time.Unix(int64(mo)*86400, 0).UTC().Weekday() != time.Monday || n-mo < 0 || n-mo > 6 {
			t.Fatalf("monday(%d) = %d", n, mo)
		}
		if k := monthNumber(n); startOfMonth(k, time.UTC).Month() != m || startOfMonth(k, time.UTC).Year() != y {
			t.Fatalf("month of day %d: %d → %v", n, k, startOfMonth(k, time.UTC))
		}
	}
}

func TestDistressOverDays(t *testing.T) {
	berlin := zone(t, "Europe/Berlin")
	at := func(m time.Month, d, h, min int) time.Time { return time.Date(2025, m, d, h, min, 0, 0, berlin) }
	cs := []CheckIn{
		{at(3, 29, 23, 30), 6}, // CET
		{at(3, 30, 0, 30), 8},  // clocks go forward at 02:00 on the 30th
		{at(3, 30, 23, 30), 2}, // CEST: still the 30th, 22 hours after the last
		{at(3, 30, 12, 0), 5},
		{at(3, 30, 12, 0), 11}, // off the scale
		{at(3, 30, 12, 0), -1}, // off the scale
		{at(2, 1, 12, 0), 9},   // before the span
		{at(4, 2, 12, 0), 9},   // after the span
	}
	span := Span{From: at(3, 1, 12, 0), To: at(4, 1, 9, 0), Loc: berlin}
	got := DistressOverDays(cs, span)
	if len(got.Days) != 2 {
		t.Fatalf("days %+v", got.Days)
	}
	d29, d30 := got.Days[0], got.Days[1]
	if d29.Day != at(3, 29, 0, 0) || d29.N != 1 || d29.Mean != 6 || d29.Min != 6 || d29.Max != 6 {
		t.Errorf("29th: %+v", d29)
	}
	if d30.Day != at(3, 30, 0, 0) || d30.N != 3 || d30.Mean != 5 || d30.Min != 2 || d30.Max != 8 {
		t.Errorf("30th: %+v", d30)
	}
	if got.Enough() || got.Have != 4 || got.Summary != distressNotYet {
		t.Errorf("status %+v", got.Status)
	}
	// The same check-ins seen from UTC: 23:30 CET on the 29th is 22:30
	// UTC, 00:30 CET on the 30th is 23:30 UTC on the 29th.
	utc := DistressOverDays(cs, Span{From: span.From, To: span.To})
	if len(utc.Days) != 2 || utc.Days[0].N != 2 || utc.Days[1].N != 2 {
		t.Errorf("in UTC: %+v", utc.Days)
	}
	// An empty span or no data is "not yet", never a panic.
	for _, s := range []Span{{From: span.To, To: span.From}, span} {
		if r := DistressOverDays(nil, s); r.Enough() || len(r.Days) != 0 || r.Summary == "" {
			t.Errorf("empty: %+v", r)
		}
	}
}

func TestDistressSentence(t *testing.T) {
	now := time.Date(2025, 6, 30, 20, 0, 0, 0, time.UTC)
	// days check-ins from age from days ago back, all at distress v.
	run := func(from, days, v int) []CheckIn {
		var cs []CheckIn
		for i := range days {
			cs = append(cs, CheckIn{now.AddDate(0, 0, -from-i), v})
		}
		return cs
	}
	span := Year(now, nil)
	for _, c := range []struct {
		cs   []CheckIn
		want string
	}{
		{append(run(0, 28, 3), run(28, 28, 6)...), "In the last 4 weeks your check-ins averaged distress 3 of 10, lower than 6 in the 4 weeks before."},
		{append(run(0, 28, 6), run(28, 28, 3)...), "In the last 4 weeks your check-ins averaged distress 6 of 10, higher than 3 in the 4 weeks before. Harder stretches come and go."},
		{append(run(0, 28, 4), run(28, 28, 4)...), "In the last 4 weeks your check-ins averaged distress 4 of 10, the same as in the 4 weeks before."},
		{run(0, 14, 4), "In the last 4 weeks your check-ins averaged distress 4 of 10."},
		{append(run(27, 1, 1), run(28, 10, 9)...), "In the last 4 weeks your check-ins averaged distress 1 of 10, lower than 9 in the 4 weeks before."},
		{run(60, 10, 5), "You have no check-ins in the last 4 weeks. Your earlier days are in the chart."},
		{run(0, 6, 5), distressNotYet},
	} {
		if got := DistressOverDays(c.cs, span); got.Summary != c.want {
			t.Errorf("got %q\nwant %q", got.Summary, c.want)
		}
	}
}

func TestBeforeAfter(t *testing.T) {
	uses := []Use{
		{Tools: []string{"breathe"}, Before: n(8), After: n(5)},
		{Tools: []string{"breathe", "name", "breathe"}, Before: n(9), After: n(6), Episode: true},
		{Tools: []string{"breathe"}, Before: n(7), After: n(3)},
		{Tools: []string{"ground"}, Before: n(6), After: n(6)},
		{Tools: []string{"ground"}, Before: n(6)},
		{Tools: []string{"name"}, Before: n(2), After: n(12)}, // off the scale: a use, not rated
	}
	got := BeforeAfter(tools[:3], uses)
	b := got.Pairs[0]
	if b.Uses != 3 || b.Rated != 3 || b.Before != 8 || math.Abs(b.After-14.0/3) > 1e-9 {
		t.Errorf("breathe: %+v", b)
	}
	if g := got.Pairs[1]; g.Uses != 2 || g.Rated != 1 || g.Change() != 0 {
		t.Errorf("ground: %+v", g)
	}
	if nm := got.Pairs[2]; nm.Uses != 2 || nm.Rated != 1 {
		t.Errorf("name: %+v", nm)
	}
	if !got.Enough() || got.Summary != "Breathing has helped you most so far: over 3 rated uses, distress went from 8 to 4.7 of 10 on average." {
		t.Errorf("summary %q", got.Summary)
	}
	// The change agrees with Works for every tool (Works takes ratings as
	// stored, so leave out the one off the scale).
	ids := []string{"breathe", "ground", "name"}
	onScale := BeforeAfter(tools[:3], uses[:5])
	for i, w := range Works(ids, uses[:5]) {
		if w.Rated != onScale.Pairs[i].Rated || (w.Rated > 0 && w.Change != math.Round(onScale.Pairs[i].Change()*10)/10) {
			t.Errorf("%s: Works %+v, BeforeAfter %+v", ids[i], w, onScale.Pairs[i])
		}
	}
	if r := BeforeAfter(tools, uses[:2]); r.Enough() || r.Have != 2 {
		t.Errorf("two rated uses: %+v", r.Status)
	}
	worse := []Use{{Tools: []string{"pause"}, Before: n(3), After: n(5)}, {Tools: []string{"pause"}, Before: n(3), After: n(5)}, {Tools: []string{"pause"}, Before: n(3), After: n(5)}}
	if r := BeforeAfter(tools, worse); !r.Enough() || !strings.HasPrefix(r.Summary, "So far no tool") {
		t.Errorf("no tool helped: %+v", r.Status)
	}
}

func TestEpisodesByWeek(t *testing.T) {
	ny := zone(t, "America/New_York")
	// Sunday 9 March 2025: clocks go forward in New York.
	at := func(d, h int) time.Time { return time.Date(2025, 3, d, h, 0, 0, 0, ny) }
	ep := func(start time.Time, minutes, before, after int) Episode {
		return Episode{Start: start, End: start.Add(time.Duration(minutes) * time.Minute), Before: n(before), After: n(after)}
	}
	eps := []Episode{
		ep(at(3, 9), 10, 8, 5),             // Monday, week of 3 March
		ep(at(9, 23), 30, 8, 4),            // Sunday night, same week, after the change
		ep(at(9, 1), 20, 7, 7),             // not eased
		ep(at(10, 0), 5, 9, 2),             // Monday: the next week
		{Start: at(11, 8), End: at(11, 9)}, // unrated
		ep(at(11, 8), 60, 6, 12),           // after off the scale: not eased
		ep(at(20, 8), 60, 6, 5),            // after the span
	}
	got := EpisodesByWeek(eps, Span{From: at(3, 0), To: at(14, 12), Loc: ny})
	if len(got.Weeks) != 2 {
		t.Fatalf("weeks: %+v", got.Weeks)
	}
	w1, w2 := got.Weeks[0], got.Weeks[1]
	if w1.Week != at(3, 0) || w1.Count != 3 || w1.Eased != 2 || w1.Minutes != 20 {
		t.Errorf("week 1: %+v", w1)
	}
	if w2.Week != at(10, 0) || w2.Count != 3 || w2.Eased != 1 || w2.Minutes != 5 {
		t.Errorf("week 2: %+v", w2)
	}
	if got.Eased != 3 || got.Minutes != 10 || got.Have != 6 || !got.Enough() {
		t.Errorf("totals: %+v", got)
	}
	if got.Summary != "In the last 4 weeks you had 6 episodes, more than the 0 in the 4 weeks before. Hard weeks happen. When distress came down, half the time it took 10 minutes or less." {
		t.Errorf("summary %q", got.Summary)
	}
	if r := EpisodesByWeek(eps[:4], Span{From: at(1, 0), To: at(14, 0), Loc: ny}); r.Enough() || r.Summary != "After 5 episodes this will show a pattern." {
		t.Errorf("four episodes: %+v", r.Status)
	}
}

func TestUrgesByWeek(t *testing.T) {
	now := time.Date(2025, 6, 29, 12, 0, 0, 0, time.UTC) // a Sunday
	var us []Urge
	for i := range 28 {
		us = append(us, Urge{At: now.AddDate(0, 0, -i), Acted: i%4 == 0})    // 21 surfed, 7 acted
		us = append(us, Urge{At: now.AddDate(0, 0, -28-i), Acted: i%2 == 0}) // 14 and 14
	}
	got := UrgesByWeek(us, Span{From: now.AddDate(0, 0, -55), To: now})
	if len(got.Weeks) != 8 || got.RecentSurfed != 21 || got.RecentActed != 7 || got.BeforeSurfed != 14 || got.BeforeActed != 14 {
		t.Fatalf("%+v", got)
	}
	if got.Summary != "In the last 4 weeks you let 21 urges pass and acted on 7. That is about 8 in 10 let pass, up from 5 in 10 in the 4 weeks before." {
		t.Errorf("summary %q", got.Summary)
	}
	sum := 0
	for _, w := range got.Weeks {
		sum += w.Surfed + w.Acted
		if w.Week.Weekday() != time.Monday {
			t.Errorf("week starts %v", w.Week)
		}
	}
	if sum != 56 {
		t.Errorf("weeks hold %d urges", sum)
	}
}

func TestTopTriggers(t *testing.T) {
	now := time.Date(2025, 6, 29, 12, 0, 0, 0, time.UTC)
	logs := []Tagged{
		{now, []string{"tone", "tone", "late-reply"}}, // tone counts once here
		{now, []string{"tone"}},
		{now, []string{"space", "mine"}},
		{now, []string{"late-reply"}},
		{now, nil}, // no trigger: not an entry that counts
		{now, []string{"conflict"}},
		{now.AddDate(0, 0, -10), []string{"conflict"}}, // outside the week
	}
	week := Span{From: now.AddDate(0, 0, -6), To: now}
	got := TopTriggers(logs, triggers, week, 3)
	want := []TriggerCount{{"late-reply", "A late reply", 2}, {"tone", "A change in tone", 2}, {"space", "Your partner needing space", 1}}
	if fmt.Sprint(got.Top) != fmt.Sprint(want) || got.Entries != 5 || got.Other != 1 {
		t.Errorf("got %+v", got)
	}
	if got.Summary != "A late reply came up most often: in 2 of the 5 moments you logged. Next was A change in tone, in 2." {
		t.Errorf("summary %q", got.Summary)
	}
	if all := TopTriggers(logs, triggers, week, 0); len(all.Top) != 4 {
		t.Errorf("all: %+v", all.Top)
	}
	if few := TopTriggers(logs[:2], triggers, week, 3); few.Enough() {
		t.Errorf("two entries enough: %+v", few.Status)
	}
}

func TestBeliefStrength(t *testing.T) {
	d := func(m time.Month) time.Time { return time.Date(2025, m, 1, 20, 0, 0, 0, time.UTC) }
	rs := []BeliefRating{
		{"abandon", d(5), 60}, {"abandon", d(1), 90}, {"abandon", d(3), 70},
		{"too-much", d(2), 40}, {"too-much", d(4), 50},
		{"unknown", d(1), 10}, {"alone", d(1), 101}, {"alone", d(2), 30},
	}
	got := BeliefStrength(rs, beliefs)
	if len(got.Series) != 3 {
		t.Fatalf("series %+v", got.Series)
	}
	a := got.Series[0]
	if a.Belief != "abandon" || len(a.Points) != 3 || a.Points[0].Strength != 90 || a.Points[2].Strength != 60 || a.Change() != -30 {
		t.Errorf("abandon: %+v", a)
	}
	if got.Series[1].Belief != "too-much" || got.Series[1].Change() != 10 || got.Series[2].Belief != "alone" || len(got.Series[2].Points) != 1 {
		t.Errorf("others: %+v", got.Series[1:])
	}
	if got.Summary != "\u201cPeople I love will leave\u201d feels less true than at first: from 90 to 60 of 100." {
		t.Errorf("summary %q", got.Summary)
	}
	if r := BeliefStrength(rs[3:5], beliefs); !strings.HasPrefix(r.Summary, "None of your beliefs") {
		t.Errorf("rising only: %q", r.Summary)
	}
	if r := BeliefStrength(rs[6:], beliefs); r.Enough() {
		t.Errorf("one rating: %+v", r.Status)
	}
}

func TestQuestionnairePath(t *testing.T) {
	d := func(m time.Month) time.Time { return time.Date(2025, m, 1, 20, 0, 0, 0, time.UTC) }
	got := QuestionnairePath([]Score{{d(6), 4.1, 3}, {d(3), 5.2, 3.3}, {d(4), math.NaN(), 3}, {d(5), 4.6, math.Inf(1)}}, nil)
	if len(got.Points) != 2 || got.Points[0].Anxiety != 5.2 {
		t.Fatalf("points %+v", got.Points)
	}
	if got.Summary != "Since your first result in March 2025, anxiety moved from 5.2 to 4.1 and avoidance from 3.3 to 3. Lower numbers on both sit nearer the secure part of the map." {
		t.Errorf("summary %q", got.Summary)
	}
	if r := QuestionnairePath(got.Points[:1], nil); r.Enough() {
		t.Error("one result is a path")
	}
}

func TestPracticeByWeek(t *testing.T) {
	lon := zone(t, "Europe/London")
	// Sunday 26 October 2025: clocks go back; the day has 25 hours.
	at := func(d, h int) time.Time { return time.Date(2025, 10, d, h, 30, 0, 0, lon) }
	times := []time.Time{at(20, 8), at(20, 22), at(21, 7), at(26, 0), at(26, 23), at(27, 0), at(25, 23)}
	got := PracticeByWeek(times, Span{From: at(20, 0), To: at(27, 12), Loc: lon})
	if len(got.Weeks) != 2 || got.Weeks[0].Days != 4 || got.Weeks[1].Days != 1 {
		t.Fatalf("weeks %+v", got.Weeks)
	}
	if got.Recent != 5 || !got.Enough() || got.Summary != "In the last 4 weeks you practised on 5 days, and on 0 in the 4 weeks before." {
		t.Errorf("%+v", got.Status)
	}
	if r := PracticeByWeek(times[:3], Span{From: at(20, 0), To: at(27, 12), Loc: lon}); r.Enough() {
		t.Error("two days are enough")
	}
}

func TestGrowthOverMonths(t *testing.T) {
	tokyo := zone(t, "Asia/Tokyo")
	rs := []GrowthRating{
		{time.Date(2025, 2, 1, 0, 30, 0, 0, tokyo), "space", 2}, // 31 January in UTC
		{time.Date(2025, 2, 3, 0, 30, 0, 0, tokyo), "space", 4},
		{time.Date(2025, 2, 3, 0, 30, 0, 0, tokyo), "conflict", 3},
		{time.Date(2025, 4, 3, 0, 30, 0, 0, tokyo), "space", 5},
		{time.Date(2025, 4, 3, 0, 30, 0, 0, tokyo), "conflict", 3},
		{time.Date(2025, 4, 3, 0, 30, 0, 0, tokyo), "nope", 5},
		{time.Date(2025, 4, 3, 0, 30, 0, 0, tokyo), "conflict", 6},
	}
	got := GrowthOverMonths(rs, signs, tokyo)
	if len(got.Months) != 2 || got.Months[0].Month != time.Date(2025, 2, 1, 0, 0, 0, 0, tokyo) || got.Months[0].N != 3 {
		t.Fatalf("months %+v", got.Months)
	}
	sp := index(signs, "space")
	if m := got.Months[0].Items[sp]; m.N != 2 || m.Mean != 3 {
		t.Errorf("space in February: %+v", m)
	}
	if got.Summary != "Comfort with space has grown the most since February 2025: from 3 to 5 of 5." {
		t.Errorf("summary %q", got.Summary)
	}
	if utc := GrowthOverMonths(rs, signs, nil); len(utc.Months) != 3 || utc.Months[0].Month.Month() != time.January {
		t.Errorf("in UTC: %+v", utc.Months)
	}
	if r := GrowthOverMonths(rs[:3], signs, tokyo); r.Enough() || r.Have != 1 {
		t.Errorf("one month: %+v", r.Status)
	}
	if r := GrowthOverMonths(nil, signs, tokyo); r.Enough() || r.Months != nil {
		t.Errorf("none: %+v", r)
	}
}

// TestAgainstNaive checks the one-pass day and week arithmetic against a
// plain version built on time.Time and maps, over heavy years in zones
// with and without summer time.
func TestAgainstNaive(t *testing.T) {
	for _, name := range []string{"Europe/Berlin", "America/Santiago", "Australia/Lord_Howe", "Asia/Kolkata", "UTC"} {
		loc := zone(t, name)
		now := time.Date(2025, 11, 5, 21, 0, 0, 0, loc)
		y := heavyYear(uint64(len(name)), now, loc)
		span := Year(now, loc)
		key := func(t time.Time) string { return t.In(loc).Format(time.DateOnly) }
		weekOf := func(t time.Time) string {
			l := t.In(loc)
			d := time.Date(l.Year(), l.Month(), l.Day(), 12, 0, 0, 0, loc)
			return key(d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7)))
		}
		from, to := key(span.From), key(span.To)
		in := func(t time.Time) bool { k := key(t); return k >= from && k <= to }

		dist := map[string][]int{}
		for _, c := range y.checkins {
			if in(c.At) {
				dist[key(c.At)] = append(dist[key(c.At)], c.Distress)
			}
		}
		got := DistressOverDays(y.checkins, span)
		if len(got.Days) != len(dist) {
			t.Fatalf("%s: %d days, want %d", name, len(got.Days), len(dist))
		}
		for _, d := range got.Days {
			vs := dist[key(d.Day)]
			sum := 0
			for _, v := range vs {
				sum += v
			}
			if d.N != len(vs) || math.Abs(d.Mean-float64(sum)/float64(len(vs))) > 1e-9 || d.Day.Hour() != 0 && d.Day.Hour() != 1 {
				t.Fatalf("%s %s: %+v, want %v", name, key(d.Day), d, vs)
			}
		}

		days := map[string]map[string]bool{}
		for _, p := range y.practice {
			if in(p) {
				w := weekOf(p)
				if days[w] == nil {
					days[w] = map[string]bool{}
				}
				days[w][key(p)] = true
			}
		}
		for _, w := range PracticeByWeek(y.practice, span).Weeks {
			if w.Days != len(days[key(w.Week)]) {
				t.Fatalf("%s week of %s: %d days, want %d", name, key(w.Week), w.Days, len(days[key(w.Week)]))
			}
		}

		urges := map[string][2]int{}
		for _, u := range y.urges {
			if in(u.At) {
				c := urges[weekOf(u.At)]
				if u.Acted {
					c[1]++
				} else {
					c[0]++
				}
				urges[weekOf(u.At)] = c
			}
		}
		for _, w := range UrgesByWeek(y.urges, span).Weeks {
			if c := urges[key(w.Week)]; w.Surfed != c[0] || w.Acted != c[1] {
				t.Fatalf("%s week of %s: %+v, want %v", name, key(w.Week), w, c)
			}
		}

		eps := map[string]int{}
		for _, e := range y.episodes {
			if in(e.Start) {
				eps[weekOf(e.Start)]++
			}
		}
		ew := EpisodesByWeek(y.episodes, span)
		total := 0
		for _, w := range ew.Weeks {
			if w.Count != eps[key(w.Week)] {
				t.Fatalf("%s week of %s: %d episodes, want %d", name, key(w.Week), w.Count, eps[key(w.Week)])
			}
			total += w.Count
		}
		if len(ew.Weeks) != 52 && len(ew.Weeks) != 53 {
			t.Errorf("%s: %d weeks in a year", name, len(ew.Weeks))
		}
		_ = total
	}
}

// TestSummariesVoice holds every summary to the voice guide's mechanical
// rules over many generated years.
func TestSummariesVoice(t *testing.T) {
	banned := regexp.MustCompile(`(?i)\b(should|must|fail\w*|cure\w*|fix\w*|broken|streak\w*|missed|behind|always|never|sorry|please|users?|NaN|Inf)\b`)
	seen := map[string]bool{}
	for seed := range uint64(40) {
		now := time.Date(2025, 1+time.Month(seed%12), 10, 20, 0, 0, 0, time.UTC)
		y := heavyYear(seed, now, time.UTC)
		cut := int(seed * 7 % 200) // some years are nearly empty
		span := Year(now, nil)
		if seed%3 == 0 {
			span = Span{From: now.AddDate(0, 0, -int(seed)), To: now}
		}
		for _, s := range []Status{
			DistressOverDays(y.checkins[:cut%len(y.checkins)], span).Status,
			BeforeAfter(tools, y.uses[:cut]).Status,
			EpisodesByWeek(y.episodes[:cut%len(y.episodes)], span).Status,
			UrgesByWeek(y.urges[:cut], span).Status,
			TopTriggers(y.logs[:cut], triggers, span, 5).Status,
			BeliefStrength(y.beliefs[:cut%len(y.beliefs)], beliefs).Status,
			QuestionnairePath(y.scores[:cut%len(y.scores)], nil).Status,
			PracticeByWeek(y.practice[:cut], span).Status,
			GrowthOverMonths(y.growth[:cut%len(y.growth)], signs, nil).Status,
		} {
			seen[s.Summary] = true
			if s.Summary == "" || strings.Contains(s.Summary, "!") || strings.Contains(s.Summary, "  ") {
				t.Errorf("summary %q", s.Summary)
			}
			if m := banned.FindString(s.Summary); m != "" {
				t.Errorf("%q in %q", m, s.Summary)
			}
			if !s.Enough() && !strings.Contains(s.Summary, "this will show") && !strings.Contains(s.Summary, "Rate a belief") {
				t.Errorf("a not-yet summary that does not say when: %q", s.Summary)
			}
		}
	}
	if len(seen) < 20 {
		t.Errorf("only %d different summaries seen", len(seen))
	}
}

// TestDayer checks the fast day numbers and day starts against time's own
// over two years in zones with odd clock changes, minute by minute
// around every change and hourly elsewhere.
func TestDayer(t *testing.T) {
	for _, name := range []string{"Europe/Berlin", "America/Santiago", "Australia/Lord_Howe", "Asia/Kathmandu", "America/St_Johns", "Pacific/Apia", "America/Havana", "UTC"} {
		loc := zone(t, name)
		from := time.Date(2024, 1, 1, 0, 0, 0, 0, loc)
		to := time.Date(2025, 12, 31, 23, 0, 0, 0, loc)
		d := newDayer(loc, from, to)
		for u := from.Add(-72 * time.Hour); u.Before(to.Add(72 * time.Hour)); u = u.Add(time.Hour) {
			if got, want := d.day(u), dayNumber(u, loc); got != want {
				t.Fatalf("%s %v: day %d, want %d", name, u, got, want)
			}
		}
		for n := d.day(from) - 3; n <= d.day(to)+3; n++ {
			if got, want := d.startOf(n), startOfDay(n, loc); !got.Equal(want) {
				t.Fatalf("%s day %d: starts %v, want %v", name, n, got, want)
			}
		}
	}
}
