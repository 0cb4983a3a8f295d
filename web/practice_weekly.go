package web

// The weekly reflection (E2) and the signs of growing security (E4),
// issue 15. Both are entry kinds saved through s.Entries.Save like every
// other; the pages only read forms and show what insight counts.

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/behaviour"
	"github.com/securebase/securebase/belief"
	"github.com/securebase/securebase/entries"
	"github.com/securebase/securebase/insight"
	"github.com/securebase/securebase/practice"
)

// logged is what the trigger log and other kinds record across kinds,
// read through the root interfaces Triggered, Urged and BeliefRated, so a
// kind added later joins the numbers without a change here.
type logged struct {
	Tagged  []insight.Tagged
	Urges   []insight.Urge
	Beliefs []insight.BeliefRating
	// Own names the person's own beliefs by their own words (the newest
	// rating that carries words), for the belief chart beside the wounds.
	Own []insight.Named
}

// loadLogged reads every entry since from (zero: all) of the kinds that
// implement Triggered, Urged or BeliefRated.
func (s *Server) loadLogged(ctx context.Context, a securebase.Actor, from time.Time) (logged, error) {
	var out logged
	for _, info := range securebase.KindInfos() {
		p := info.New()
		_, tr := p.(securebase.Triggered)
		_, ur := p.(securebase.Urged)
		_, br := p.(securebase.BeliefRated)
		if !tr && !ur && !br {
			continue
		}
		es, err := s.Entries.ListEntries(ctx, a, securebase.EntryFilter{Kind: info.Kind, From: from, Limit: 5000})
		if err != nil {
			return out, err
		}
		for _, e := range es {
			p, err := e.Decode()
			if err != nil {
				return out, err
			}
			if t, ok := p.(securebase.Triggered); ok {
				if ids := t.Triggers(); len(ids) > 0 {
					out.Tagged = append(out.Tagged, insight.Tagged{At: e.OccurredAt, IDs: ids})
				}
			}
			if u, ok := p.(securebase.Urged); ok {
				if _, outcome := u.Urge(); outcome != securebase.UrgeNone {
					out.Urges = append(out.Urges, insight.Urge{At: e.OccurredAt, Acted: outcome == securebase.UrgeActed})
				}
			}
			if b, ok := p.(securebase.BeliefRated); ok {
				if id, n, ok := b.BeliefRating(); ok {
					out.Beliefs = append(out.Beliefs, insight.BeliefRating{Belief: id, At: e.OccurredAt, Strength: n})
				}
			}
			// Newest first: the first words seen for a belief are its name.
			if b, ok := p.(*securebase.BeliefRating); ok && strings.TrimSpace(b.Words) != "" &&
				!slices.ContainsFunc(out.Own, func(n insight.Named) bool { return n.ID == b.Belief }) {
				out.Own = append(out.Own, insight.Named{ID: b.Belief, Name: strings.TrimSpace(b.Words)})
			}
		}
	}
	return out, nil
}

var (
	namesOnce                sync.Once
	triggerNames, woundNames []insight.Named
)

// vocabularies are the names of triggers (package behaviour's "what
// happened") and core beliefs (package belief's wounds), for charts.
func vocabularies() (triggers, wounds []insight.Named) {
	namesOnce.Do(func() {
		if c, err := behaviour.Load(); err == nil {
			for _, it := range c.Items(behaviour.Happenings) {
				triggerNames = append(triggerNames, insight.Named{ID: it.ID, Name: it.Label})
			}
		}
		for _, w := range belief.Wounds() {
			woundNames = append(woundNames, insight.Named{ID: w.ID, Name: w.Belief})
		}
	})
	return triggerNames, woundNames
}

// weeklyView is the weekly reflection's page.
type weeklyView struct {
	Due      practice.Reflection
	Week     string // the day the reflection opened, YYYY-MM-DD
	Day      string // the chosen weekday, lower case
	DayName  string
	Days     []string
	Prompts  []practice.Prompt
	Triggers insight.Triggers
	Surfed   int
	Acted    int
	Urges    int
	Earlier  []weeklyItem
	Max      int
}

type weeklyItem struct {
	ID   string
	At   time.Time
	Week string
}

// weekNumbers counts the seven days before the reflection opened.
func (s *Server) weekNumbers(ctx context.Context, a securebase.Actor, opened time.Time, loc *time.Location) (insight.Triggers, int, int, error) {
	span := insight.Span{From: opened.AddDate(0, 0, -7), To: opened.AddDate(0, 0, -1), Loc: loc}
	lg, err := s.loadLogged(ctx, a, span.From)
	if err != nil {
		return insight.Triggers{}, 0, 0, err
	}
	names, _ := vocabularies()
	tr := insight.TopTriggers(lg.Tagged, names, span, 3)
	surfed, acted := 0, 0
	for _, w := range insight.UrgesByWeek(lg.Urges, span).Weeks {
		surfed += w.Surfed
		acted += w.Acted
	}
	return tr, surfed, acted, nil
}

func (s *Server) buildWeekly(r *http.Request, f *form) (page, error) {
	ctx, a := r.Context(), principal(r).Actor
	loc, now := s.userLocation(r), s.Clock()
	prefs := principal(r).User.Prefs
	day := reflectionDay(prefs)
	past, err := s.Entries.ListEntries(ctx, a, securebase.EntryFilter{Kind: securebase.KindWeekly, Limit: 60})
	if err != nil {
		return page{}, err
	}
	var last time.Time
	if len(past) > 0 {
		last = past[0].OccurredAt
	}
	v := weeklyView{Due: practice.ReflectionDue(day, last, now, loc), Prompts: practice.WeeklyPrompts(),
		Day: lowerDay(day), DayName: day.String(), Max: securebase.WeeklyAnswerMax}
	for d := time.Monday; d <= time.Saturday+1; d++ {
		v.Days = append(v.Days, lowerDay(d%7))
	}
	if v.Triggers, v.Surfed, v.Acted, err = s.weekNumbers(ctx, a, v.Due.Opened, loc); err != nil {
		return page{}, err
	}
	v.Urges = v.Surfed + v.Acted
	v.Week = v.Due.Opened.In(loc).Format(time.DateOnly)
	for _, e := range past {
		p, err := e.Decode()
		if err != nil {
			return page{}, err
		}
		v.Earlier = append(v.Earlier, weeklyItem{ID: e.ID, At: e.OccurredAt.In(loc), Week: p.(*securebase.Weekly).Week})
	}
	if f == nil {
		f = newForm(nil)
		f.Set("id", s.freshID(r))
	}
	return page{view: "weekly", Title: "Weekly reflection", Nav: "today", Data: v, Form: f}, nil
}

func lowerDay(d time.Weekday) string {
	s := d.String()
	return string(s[0]+'a'-'A') + s[1:]
}

func (s *Server) saveWeekly(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	f := newForm(r.PostForm)
	ctx, a := r.Context(), principal(r).Actor
	if d := f.Get("reflection_day"); d != "" {
		// The chosen day: a preference, not an entry.
		prefs := principal(r).User.Prefs
		if _, err := practice.ParseWeekday(d); err != nil {
			return s.again(w, r, f, securebase.FieldError("reflection_day", "Choose a day of the week."), s.buildWeekly)
		}
		prefs.ReflectionDay = d
		if err := s.Accounts.UpdatePrefs(ctx, principal(r), prefs); err != nil {
			return err
		}
		return s.redirect(w, r, "/weekly", "prefs")
	}
	// The week and its urge counts are what the page showed the person
	// (hidden fields), so a reflection keeps the numbers it was written
	// beside; the save path checks their bounds.
	p := &securebase.Weekly{Week: f.Get("week"),
		Triggers: f.Get("triggers"), Vulnerability: f.Get("vulnerability"), Pattern: f.Get("pattern"), Behaviour: f.Get("behaviour")}
	var v securebase.Validation
	for _, c := range []struct {
		name string
		n    *int
	}{{"surfed", &p.Surfed}, {"acted", &p.Acted}} {
		if raw := f.Get(c.name); raw != "" {
			n, err := strconv.Atoi(raw)
			if err != nil {
				v.Add(c.name, "Use a number from 0 to 10,000.")
			}
			*c.n = n
		}
	}
	if err := v.Err(); err != nil {
		return s.again(w, r, f, err, s.buildWeekly)
	}
	sv, err := s.Entries.Save(ctx, a, entries.Draft{Payload: p, ID: f.Get("id")})
	if err != nil {
		return s.again(w, r, f, err, s.buildWeekly)
	}
	return s.redirect(w, r, "/weekly/"+sv.Entry.ID, flashFor("weekly-saved", sv))
}

// flashFor adds the care suffixes a save calls for.
func flashFor(code string, sv entries.Saved) string { return savedFlash(code, sv.Crisis, sv.Safety) }

func (s *Server) weeklyEntry(w http.ResponseWriter, r *http.Request) error {
	e, err := s.findOwned(r, securebase.KindWeekly)
	if err != nil {
		return err
	}
	p, err := e.Decode()
	if err != nil {
		return err
	}
	wk := p.(*securebase.Weekly)
	type answer struct{ Title, Question, Text string }
	var as []answer
	for i, pr := range practice.WeeklyPrompts() {
		if t := wk.Answers()[i].Value; t != "" {
			as = append(as, answer{pr.Title, pr.Question, t})
		}
	}
	s.render(w, r, http.StatusOK, "weekly_entry", page{Title: "Weekly reflection", Nav: "today", Data: struct {
		At      time.Time
		Week    string
		Answers []answer
		Surfed  int
		Acted   int
	}{e.OccurredAt.In(s.userLocation(r)), wk.Week, as, wk.Surfed, wk.Acted}})
	return nil
}

// growthView is the signs of growing security: the rating form and the
// chart of earlier ratings.
type growthView struct {
	Question string
	Note     string
	Items    []practice.GrowthItem
	Scale    []practice.GrowthLevel
	Due      bool
	Chart    *chartView
	Count    int
}

func (s *Server) loadGrowth(ctx context.Context, a securebase.Actor) ([]insight.GrowthRating, []*securebase.Entry, error) {
	es, err := s.Entries.ListEntries(ctx, a, securebase.EntryFilter{Kind: securebase.KindGrowth, Limit: 500})
	if err != nil {
		return nil, nil, err
	}
	var out []insight.GrowthRating
	for i := len(es) - 1; i >= 0; i-- {
		p, err := es[i].Decode()
		if err != nil {
			return nil, nil, err
		}
		for _, rt := range p.(*securebase.Growth).Ratings() {
			if *rt.Value > 0 {
				out = append(out, insight.GrowthRating{At: es[i].OccurredAt, Item: rt.ID, Value: *rt.Value})
			}
		}
	}
	return out, es, nil
}

func growthNames() []insight.Named {
	var out []insight.Named
	for _, it := range practice.GrowthItems() {
		out = append(out, insight.Named{ID: it.ID, Name: it.Title})
	}
	return out
}

func (s *Server) buildGrowth(r *http.Request, f *form) (page, error) {
	ctx, a := r.Context(), principal(r).Actor
	loc, now := s.userLocation(r), s.Clock()
	ratings, es, err := s.loadGrowth(ctx, a)
	if err != nil {
		return page{}, err
	}
	var last time.Time
	if len(es) > 0 {
		last = es[0].OccurredAt
	}
	v := growthView{Question: practice.GrowthQuestion, Note: practice.GrowthNote, Items: practice.GrowthItems(),
		Scale: practice.GrowthScale(), Due: practice.GrowthDue(last, now, loc), Count: len(es)}
	v.Chart = growthChart(insight.GrowthOverMonths(ratings, growthNames(), loc))
	if f == nil {
		f = newForm(nil)
		f.Set("id", s.freshID(r))
	}
	return page{view: "growth", Title: "Signs of growing security", Nav: "today", Data: v, Form: f}, nil
}

func (s *Server) saveGrowth(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	f := newForm(r.PostForm)
	g := &securebase.Growth{}
	var v securebase.Validation
	for _, rt := range g.Ratings() {
		raw := f.Get(rt.ID)
		if raw == "" {
			continue
		}
		n, err := strconv.Atoi(raw)
		if err != nil || n < securebase.GrowthMin || n > securebase.GrowthMax {
			v.Add(rt.ID, "Choose a number from 1 to 5.")
			continue
		}
		*rt.Value = n
	}
	err := v.Err()
	var sv entries.Saved
	if err == nil {
		sv, err = s.Entries.Save(r.Context(), principal(r).Actor, entries.Draft{Payload: g, ID: f.Get("id")})
	}
	if err != nil {
		return s.again(w, r, f, err, s.buildGrowth)
	}
	return s.redirect(w, r, "/growth", flashFor("growth-saved", sv))
}
