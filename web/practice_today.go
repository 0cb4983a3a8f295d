package web

// Today's practice (E1, issue 15): the four daily practices ticked when
// done today, "practised on N of the last 28 days" (a count, never a
// streak), the last episode in one line, a welcome back after a gap, the
// hard-day mode, and everything saved on the day, each opening its entry.

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/practice"
)

// practiceToday is Today's practice part.
type practiceToday struct {
	HardDay     bool
	Dailies     []practice.DailyStatus
	Done        int
	Consistency string
	Welcome     *practice.Welcome
	LastEpisode string // "Yesterday evening: 9 → 6 with breathing", "" when none
	LastHref    string
	WeeklyDue   bool
	GrowthDue   bool
	BodyTools   []toolLink
}

// savedItem is one entry in "Earlier today": what it is, when, and where
// it opens.
type savedItem struct {
	ID       string
	Kind     securebase.Kind
	At       time.Time
	Title    string
	Detail   string
	Note     string
	Href     string
	Distress int
	CheckIn  bool
}

// entryHrefs says where an entry of each kind opens; "{id}" is replaced
// by its id. A kind with pages adds its line here; one without is listed
// by its title, unlinked.
var entryHrefs = map[securebase.Kind]string{
	securebase.KindCheckIn:   "/checkins/{id}/edit",
	securebase.KindEpisode:   "/sos/episodes/{id}",
	securebase.KindToolUse:   "/body/works",
	securebase.KindAttempt:   "/attachment/attempts/{id}/result",
	securebase.KindSigns:     "/attachment/signs",
	securebase.KindPattern:   "/body/breathe/{id}",
	securebase.KindStatement: "/body/reassure",
	securebase.KindFavourite: "/body/reassure",
	securebase.KindPlan:      "/safety-plan",
	securebase.KindWeekly:    "/weekly/{id}",
	securebase.KindGrowth:    "/growth",
	"thought":                "/beliefs/thoughts/{id}",
	"script":                 "/beliefs/scripts/{id}",
}

// practiceKinds are the registered kinds that count as practice.
func practiceKinds() []securebase.Kind {
	var out []securebase.Kind
	for _, k := range practice.PracticeKinds() {
		if _, ok := securebase.InfoOf(securebase.Kind(k)); ok {
			out = append(out, securebase.Kind(k))
		}
	}
	return out
}

// markOf turns an entry into a practice mark, with the tools it used.
func markOf(e *securebase.Entry) (practice.Mark, error) {
	m := practice.Mark{Kind: string(e.Kind), At: e.OccurredAt}
	switch e.Kind {
	case securebase.KindEpisode, securebase.KindToolUse:
		p, err := e.Decode()
		if err != nil {
			return m, err
		}
		switch p := p.(type) {
		case *securebase.Episode:
			m.Tools = p.Tools
		case *securebase.ToolUse:
			m.Tools = []string{p.Tool}
		}
	}
	return m, nil
}

// dayEntries reads everything saved on [day, next): every kind, newest
// first, and the practice marks of the 28 days up to next.
func (s *Server) dayEntries(ctx context.Context, a securebase.Actor, day, next, windowStart time.Time) (items []*securebase.Entry, marks []practice.Mark, err error) {
	pk := practiceKinds()
	for _, info := range securebase.KindInfos() {
		from := day
		isPractice := slices.Contains(pk, info.Kind)
		if isPractice && windowStart.Before(day) {
			from = windowStart
		}
		es, err := s.Entries.ListEntries(ctx, a, securebase.EntryFilter{Kind: info.Kind, From: from, To: next, Limit: 1000})
		if err != nil {
			return nil, nil, err
		}
		for _, e := range es {
			if !e.OccurredAt.Before(day) {
				items = append(items, e)
			}
			if isPractice {
				m, err := markOf(e)
				if err != nil {
					return nil, nil, err
				}
				marks = append(marks, m)
			}
		}
	}
	slices.SortStableFunc(items, func(x, y *securebase.Entry) int { return y.OccurredAt.Compare(x.OccurredAt) })
	return items, marks, nil
}

// savedItemOf says one entry in a line.
func savedItemOf(e *securebase.Entry, loc *time.Location) (savedItem, error) {
	it := savedItem{ID: e.ID, Kind: e.Kind, At: e.OccurredAt.In(loc)}
	if info, ok := securebase.InfoOf(e.Kind); ok {
		it.Title = info.Title
	}
	if h, ok := entryHrefs[e.Kind]; ok {
		it.Href = strings.ReplaceAll(h, "{id}", e.ID)
	}
	switch e.Kind {
	case securebase.KindCheckIn, securebase.KindEpisode, securebase.KindToolUse, securebase.KindWeekly, securebase.KindGrowth:
	default:
		return it, nil
	}
	p, err := e.Decode()
	if err != nil {
		return it, err
	}
	switch p := p.(type) {
	case *securebase.CheckIn:
		it.Title, it.CheckIn, it.Distress, it.Note = "Check-in", true, p.Distress, p.Note
	case *securebase.Episode:
		it.Title, it.Detail = "I'm activated", episodeLine(p)
	case *securebase.ToolUse:
		it.Title = "Body tool: " + toolName(p.Tool)
		it.Detail = ratingChange(p.Before, p.After)
	case *securebase.Weekly:
		it.Title = "Weekly reflection"
	case *securebase.Growth:
		it.Title = "Signs of growing security"
	}
	return it, nil
}

// toolName is a tool's name in lower case for a sentence ("breathe").
func toolName(id string) string {
	switch id {
	case practice.ToolBreathe:
		return "breathing"
	case practice.ToolGround:
		return "grounding"
	case practice.ToolName:
		return "naming the feeling"
	case practice.ToolReassure:
		return "reassurance"
	case practice.ToolPause:
		return "a pause"
	}
	if t, err := practice.ToolByID(id); err == nil {
		return strings.ToLower(t.Name)
	}
	return id
}

func ratingChange(before, after *int) string {
	if before == nil || after == nil {
		return ""
	}
	return fmt.Sprintf("%d → %d", *before, *after)
}

// episodeLine says an episode's distress and tools: "9 → 6 with breathing".
func episodeLine(ep *securebase.Episode) string {
	var b strings.Builder
	b.WriteString(ratingChange(ep.Before, ep.After))
	if len(ep.Tools) > 0 {
		names := make([]string, len(ep.Tools))
		for i, t := range ep.Tools {
			names[i] = toolName(t)
		}
		if b.Len() > 0 {
			b.WriteString(" ")
		}
		b.WriteString("with " + joinAnd(names))
	}
	if b.Len() == 0 {
		return "you came through it"
	}
	return b.String()
}

func joinAnd(xs []string) string {
	switch len(xs) {
	case 0:
		return ""
	case 1:
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}

// whenWords says a past moment relative to now: "Yesterday evening",
// "This morning", "Tuesday afternoon", "3 March".
func whenWords(t, now time.Time, loc *time.Location) string {
	t, now = t.In(loc), now.In(loc)
	part := "night"
	switch h := t.Hour(); {
	case h >= 5 && h < 12:
		part = "morning"
	case h >= 12 && h < 17:
		part = "afternoon"
	case h >= 17 && h < 22:
		part = "evening"
	}
	ty, tm, td := t.Date()
	ny, nm, nd := now.Date()
	days := int(time.Date(ny, nm, nd, 12, 0, 0, 0, time.UTC).Sub(time.Date(ty, tm, td, 12, 0, 0, 0, time.UTC)).Hours() / 24)
	switch {
	case days == 0 && part == "night" && t.Hour() >= 22:
		return "Tonight"
	case days == 0 && part == "night":
		return "Last night"
	case days == 0:
		return "This " + part
	case days == 1:
		return "Yesterday " + part
	case days < 7:
		return t.Weekday().String() + " " + part
	}
	return t.Format("2 January")
}

// buildPracticeToday fills Today's practice part from the day's marks.
func (s *Server) buildPracticeToday(r *http.Request, marks []practice.Mark, now time.Time, loc *time.Location) (*practiceToday, error) {
	ctx, a := r.Context(), principal(r).Actor
	prefs := principal(r).User.Prefs
	v := &practiceToday{HardDay: prefs.HardDay, BodyTools: toolLinks()}
	if v.HardDay {
		return v, nil
	}
	v.Dailies = practice.Today(marks, now, loc)
	for _, d := range v.Dailies {
		if d.Done {
			v.Done++
		}
	}
	v.Consistency = practice.Practised(marks, now, loc, 0).Sentence()
	var last time.Time
	var lastWeekly time.Time
	for _, m := range marks {
		if m.At.After(last) {
			last = m.At
		}
		if m.Kind == string(securebase.KindWeekly) && m.At.After(lastWeekly) {
			lastWeekly = m.At
		}
	}
	if last.IsZero() {
		// Nothing in the window: the latest practice ever, if any.
		for _, k := range practiceKinds() {
			es, err := s.Entries.ListEntries(ctx, a, securebase.EntryFilter{Kind: k, Limit: 1})
			if err != nil {
				return nil, err
			}
			if len(es) > 0 && es[0].OccurredAt.After(last) {
				last = es[0].OccurredAt
			}
		}
	}
	if w, ok := practice.WelcomeBack(last, now, loc); ok {
		v.Welcome = &w
	}
	eps, err := s.Entries.ListEntries(ctx, a, securebase.EntryFilter{Kind: securebase.KindEpisode, Limit: 1})
	if err != nil {
		return nil, err
	}
	if len(eps) > 0 {
		p, err := eps[0].Decode()
		if err != nil {
			return nil, err
		}
		v.LastEpisode = whenWords(eps[0].OccurredAt, now, loc) + ": " + episodeLine(p.(*securebase.Episode))
		v.LastHref = "/sos/episodes/" + eps[0].ID
	}
	v.WeeklyDue = practice.ReflectionDue(reflectionDay(prefs), lastWeekly, now, loc).Due
	gs, err := s.Entries.ListEntries(ctx, a, securebase.EntryFilter{Kind: securebase.KindGrowth, Limit: 1})
	if err != nil {
		return nil, err
	}
	var lastGrowth time.Time
	if len(gs) > 0 {
		lastGrowth = gs[0].OccurredAt
	}
	v.GrowthDue = practice.GrowthDue(lastGrowth, now, loc)
	return v, nil
}

// reflectionDay is the person's chosen day for the weekly reflection.
func reflectionDay(p securebase.Prefs) time.Weekday {
	if d, err := practice.ParseWeekday(p.ReflectionDay); err == nil {
		return d
	}
	return practice.DefaultReflectionDay
}

// setHardDay turns the hard-day mode on or off (one tap on Today).
func (s *Server) setHardDay(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	p := principal(r)
	prefs := p.User.Prefs
	prefs.HardDay = r.PostForm.Get("on") == "1"
	if err := s.Accounts.UpdatePrefs(r.Context(), p, prefs); err != nil {
		return err
	}
	code := "hard-day-off"
	if prefs.HardDay {
		code = "hard-day-on"
	}
	return s.redirect(w, r, "/today", code)
}
