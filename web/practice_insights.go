package web

// Insights (E3, issue 15): every chart of package chart drawn from the
// numbers of package insight, each with its summary in words and its data
// as a table; below a threshold only the honest "not yet" sentence.

import (
	"bytes"
	"context"
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/assess"
	"github.com/securebase/securebase/chart"
	"github.com/securebase/securebase/insight"
	"github.com/securebase/securebase/practice"
)

// chartView is one chart on a page: its title and summary always, the
// drawing and table only when there is enough to show.
type chartView struct {
	ID      string
	Title   string
	Summary string
	Enough  bool
	Chart   chart.Chart
}

func chartOf(st insight.Status, c chart.Chart) *chartView {
	return &chartView{ID: c.ID, Title: c.Title, Summary: st.Summary, Enough: st.Enough(), Chart: c}
}

func notYet(id, title string, st insight.Status) *chartView {
	return &chartView{ID: id, Title: title, Summary: st.Summary}
}

func weekLabel(t time.Time) (string, string) {
	return "Week of " + t.Format("2 January 2006"), t.Format("2 Jan")
}

func growthChart(g insight.Growth) *chartView {
	const id, title = "growth", "Signs of growing security by month"
	if !g.Enough() {
		return notYet(id, title, g.Status)
	}
	pts := make([]chart.Point, len(g.Months))
	for i, m := range g.Months {
		pts[i] = chart.Point{At: m.Month, Value: m.Mean, Label: m.Month.Format("January 2006")}
	}
	return chartOf(g.Status, chart.Line{ID: id, Title: title, Summary: g.Summary, YName: "Mean rating, 1 to 5",
		YMin: 1, YMax: 5, Series: []chart.Series{{Name: "All signs", Points: pts}}}.Draw())
}

// insightsView is the page: one chart per question, in the order.
type insightsView struct {
	Cards []template.HTML // each chart, rendered by the "_chart" template
	Any   bool
}

// insightData is everything the insights page counts, read once.
type insightData struct {
	checkins []insight.CheckIn
	uses     []insight.Use
	episodes []insight.Episode
	logged   logged
	scores   []insight.Score
	practice []time.Time
	growth   []insight.GrowthRating
}

func (s *Server) loadInsights(ctx context.Context, a securebase.Actor, from time.Time) (insightData, error) {
	var d insightData
	var err error
	read := func(k securebase.Kind, fn func(*securebase.Entry, securebase.Payload)) error {
		if _, ok := securebase.InfoOf(k); !ok {
			return nil
		}
		es, err := s.Entries.ListEntries(ctx, a, securebase.EntryFilter{Kind: k, From: from, Limit: 5000})
		if err != nil {
			return err
		}
		for i := len(es) - 1; i >= 0; i-- {
			p, err := es[i].Decode()
			if err != nil {
				return err
			}
			fn(es[i], p)
		}
		return nil
	}
	if err = read(securebase.KindCheckIn, func(e *securebase.Entry, p securebase.Payload) {
		d.checkins = append(d.checkins, insight.CheckIn{At: e.OccurredAt, Distress: p.(*securebase.CheckIn).Distress})
		d.practice = append(d.practice, e.OccurredAt)
	}); err != nil {
		return d, err
	}
	if err = read(securebase.KindEpisode, func(e *securebase.Entry, p securebase.Payload) {
		ep := p.(*securebase.Episode)
		d.episodes = append(d.episodes, insight.Episode{Start: ep.StartedAt, End: ep.EndedAt, Before: ep.Before, After: ep.After})
		d.uses = append(d.uses, insight.Use{Tools: ep.Tools, Before: ep.Before, After: ep.After, Duration: ep.Duration(), Episode: true})
		d.practice = append(d.practice, e.OccurredAt)
	}); err != nil {
		return d, err
	}
	if err = read(securebase.KindToolUse, func(e *securebase.Entry, p securebase.Payload) {
		u := p.(*securebase.ToolUse)
		d.uses = append(d.uses, insight.Use{Tools: []string{u.Tool}, Before: u.Before, After: u.After, Duration: u.EndedAt.Sub(u.StartedAt)})
		d.practice = append(d.practice, e.OccurredAt)
	}); err != nil {
		return d, err
	}
	for _, k := range practiceKinds() {
		switch k {
		case securebase.KindCheckIn, securebase.KindEpisode, securebase.KindToolUse:
			continue
		}
		if err = read(k, func(e *securebase.Entry, _ securebase.Payload) { d.practice = append(d.practice, e.OccurredAt) }); err != nil {
			return d, err
		}
	}
	if err = read(securebase.KindAttempt, func(e *securebase.Entry, p securebase.Payload) {
		at := p.(*securebase.Attempt)
		if at.Result == nil || at.CompletedAt == nil {
			return
		}
		x, okx := at.Result.Scale(assess.Avoidance)
		y, oky := at.Result.Scale(assess.Anxiety)
		if okx && oky && x.Scored && y.Scored {
			d.scores = append(d.scores, insight.Score{At: *at.CompletedAt, Anxiety: y.Mean, Avoidance: x.Mean})
		}
	}); err != nil {
		return d, err
	}
	if d.logged, err = s.loadLogged(ctx, a, from); err != nil {
		return d, err
	}
	rs, _, err := s.loadGrowth(ctx, a)
	d.growth = rs
	return d, err
}

func toolNames() []insight.Named {
	var out []insight.Named
	for _, t := range practice.Tools() {
		out = append(out, insight.Named{ID: t.ID, Name: t.Name})
	}
	return out
}

// insightCharts draws every chart for a year of data.
func insightCharts(d insightData, span insight.Span, loc *time.Location) []*chartView {
	var out []*chartView
	trig, wounds := vocabularies()

	dist := insight.DistressOverDays(d.checkins, span)
	if dist.Enough() {
		pts := make([]chart.Point, len(dist.Days))
		for i, dd := range dist.Days {
			pts[i] = chart.Point{At: dd.Day, Value: dd.Mean, Lo: float64(dd.Min), Hi: float64(dd.Max)}
		}
		out = append(out, chartOf(dist.Status, chart.Line{ID: "distress", Title: "Check-in distress by day", Summary: dist.Summary,
			YName: "Distress, 0 to 10", YMin: 0, YMax: 10, Band: true, Series: []chart.Series{{Name: "Mean", Points: pts}}}.Draw()))
	} else {
		out = append(out, notYet("distress", "Check-in distress by day", dist.Status))
	}

	pairs := insight.BeforeAfter(toolNames(), d.uses)
	if pairs.Enough() {
		var gs []chart.Pair
		for _, p := range pairs.Pairs {
			if p.Rated > 0 {
				gs = append(gs, chart.Pair{Label: p.Name, A: p.Before, B: p.After, Note: strconv.Itoa(p.Rated)})
			}
		}
		out = append(out, chartOf(pairs.Status, chart.Paired{ID: "works", Title: "Distress before and after each tool", Summary: pairs.Summary,
			LabelName: "Tool", AName: "Before", BName: "After", NoteName: "Rated uses", Max: 10, Groups: gs}.Draw()))
	} else {
		out = append(out, notYet("works", "Distress before and after each tool", pairs.Status))
	}

	eps := insight.EpisodesByWeek(d.episodes, span)
	if eps.Enough() {
		bars := make([]chart.Bar, len(eps.Weeks))
		for i, w := range eps.Weeks {
			l, sh := weekLabel(w.Week)
			bars[i] = chart.Bar{Label: l, Short: sh, Value: float64(w.Count)}
		}
		out = append(out, chartOf(eps.Status, chart.Bars{ID: "episodes", Title: "Times you felt activated, by week", Summary: eps.Summary,
			LabelName: "Week", ValueName: "Episodes", Bars: bars}.Draw()))
	} else {
		out = append(out, notYet("episodes", "Times you felt activated, by week", eps.Status))
	}

	tr := insight.TopTriggers(d.logged.Tagged, trig, span, 5)
	if tr.Enough() {
		bars := make([]chart.Bar, len(tr.Top))
		for i, t := range tr.Top {
			bars[i] = chart.Bar{Label: t.Name, Value: float64(t.Count)}
		}
		out = append(out, chartOf(tr.Status, chart.Bars{ID: "triggers", Title: "What set you off most", Summary: tr.Summary,
			LabelName: "Trigger", ValueName: "Times", Horizontal: true, Bars: bars}.Draw()))
	} else {
		out = append(out, notYet("triggers", "What set you off most", tr.Status))
	}

	ur := insight.UrgesByWeek(d.logged.Urges, span)
	if ur.Enough() {
		bars := make([]chart.Bar, len(ur.Weeks))
		for i, w := range ur.Weeks {
			l, sh := weekLabel(w.Week)
			bars[i] = chart.Bar{Label: l, Short: sh, Value: float64(w.Surfed), Value2: float64(w.Acted)}
		}
		out = append(out, chartOf(ur.Status, chart.Bars{ID: "urges", Title: "Urges let pass and acted on, by week", Summary: ur.Summary,
			LabelName: "Week", ValueName: "Let pass", Value2Name: "Acted on", Bars: bars}.Draw()))
	} else {
		out = append(out, notYet("urges", "Urges let pass and acted on, by week", ur.Status))
	}

	bs := insight.BeliefStrength(d.logged.Beliefs, slices.Concat(wounds, d.logged.Own))
	if bs.Enough() {
		// The three beliefs rated most often, so a person's own belief
		// shows when it is the one they return to.
		most := slices.Clone(bs.Series)
		slices.SortStableFunc(most, func(a, b insight.BeliefSeries) int { return len(b.Points) - len(a.Points) })
		var series []chart.Series
		for _, sr := range most {
			if len(series) == 3 {
				break
			}
			pts := make([]chart.Point, len(sr.Points))
			for i, p := range sr.Points {
				pts[i] = chart.Point{At: p.At.In(loc), Value: float64(p.Strength)}
			}
			series = append(series, chart.Series{Name: sr.Name, Points: pts})
		}
		out = append(out, chartOf(bs.Status, chart.Line{ID: "beliefs", Title: "How true your core beliefs feel", Summary: bs.Summary,
			YName: "How true, 0 to 100", YMin: 0, YMax: 100, Series: series}.Draw()))
	} else {
		out = append(out, notYet("beliefs", "How true your core beliefs feel", bs.Status))
	}

	path := insight.QuestionnairePath(d.scores, loc)
	if path.Enough() {
		pts := make([]chart.XY, len(path.Points))
		for i, p := range path.Points {
			pts[i] = chart.XY{At: p.At.In(loc), X: p.Avoidance, Y: p.Anxiety}
		}
		out = append(out, chartOf(path.Status, chart.Scatter{ID: "path", Title: "Your questionnaire results over time", Summary: path.Summary,
			XName: "Avoidance", YName: "Anxiety", Min: 1, Max: 7, Mid: true, Points: pts}.Draw()))
	} else {
		out = append(out, notYet("path", "Your questionnaire results over time", path.Status))
	}

	pr := insight.PracticeByWeek(d.practice, span)
	if pr.Enough() {
		bars := make([]chart.Bar, len(pr.Weeks))
		for i, w := range pr.Weeks {
			l, sh := weekLabel(w.Week)
			bars[i] = chart.Bar{Label: l, Short: sh, Value: float64(w.Days)}
		}
		out = append(out, chartOf(pr.Status, chart.Bars{ID: "practice", Title: "Days you practised, by week", Summary: pr.Summary,
			LabelName: "Week", ValueName: "Days", Max: 7, Bars: bars}.Draw()))
	} else {
		out = append(out, notYet("practice", "Days you practised, by week", pr.Status))
	}

	out = append(out, growthChart(insight.GrowthOverMonths(d.growth, growthNames(), loc)))
	return out
}

// buildInsights draws the charts of the last year. The result is kept per
// person with each chart already rendered to HTML (practice_cache.go):
// counting a year and executing a few hundred table rows through
// html/template is the page's cost, and it only changes when the person
// writes or the day turns.
func (s *Server) buildInsights(r *http.Request, _ *form) (page, error) {
	loc, now := s.userLocation(r), s.Clock()
	a := principal(r).Actor
	key := now.In(loc).Format(time.DateOnly) + " " + loc.String()
	v, err := s.cache.load(r.Context(), a, "insights", key, now, func() (any, error) {
		span := insight.Year(now, loc)
		d, err := s.loadInsights(r.Context(), a, span.From)
		if err != nil {
			return nil, err
		}
		v := insightsView{}
		t := s.views.pages["insights"]
		for _, c := range insightCharts(d, span, loc) {
			v.Any = v.Any || c.Enough
			var buf bytes.Buffer
			if err := t.ExecuteTemplate(&buf, s.views.name("insights", "_chart"), c); err != nil {
				return nil, err
			}
			v.Cards = append(v.Cards, template.HTML(buf.String())) // #nosec G203 -- the output of html/template, escaped there
		}
		return v, nil
	})
	if err != nil {
		return page{}, err
	}
	return page{view: "insights", Title: "Insights", Nav: "insights", Data: v}, nil
}
