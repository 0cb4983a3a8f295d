package web

// Today's practice (E1, issue 15): the four daily practices ticked when
// done today, "practised on N of the last 28 days" (a count, never a
// streak), the last episode in one line, a welcome back after a gap, the
// hard-day mode, and everything saved on the day, each opening its entry.

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"net/http"
	"slices"
	"strings"
	"sync"
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

// practiceKinds are the registered kinds that count as practice; the
// registry is fixed when the program starts.
var practiceKinds = sync.OnceValue(func() []securebase.Kind {
	var out []securebase.Kind
	for _, k := range practice.PracticeKinds() {
		if _, ok := securebase.InfoOf(securebase.Kind(k)); ok {
			out = append(out, securebase.Kind(k))
		}
	}
	return out
})

// kindTitles are the registry's titles, read once.
var kindTitles = sync.OnceValue(func() map[securebase.Kind]string {
	out := map[securebase.Kind]string{}
	for _, in := range securebase.KindInfos() {
		out[in.Kind] = in.Title
	}
	return out
})

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

// practiceHistory is what Today needs from the days before today: the
// practice marks of the window, the latest practice, episode, weekly
// reflection and growth rating. It changes only when the person writes,
// so it is cached per person and day (practice_cache.go).
type practiceHistory struct {
	marks        []practice.Mark
	lastPractice time.Time
	episode      *securebase.Entry // the latest episode before today
	lastWeekly   time.Time
	lastGrowth   time.Time
}

// history reads (or takes from the cache) the practice before day.
func (s *Server) history(ctx context.Context, a securebase.Actor, day time.Time, loc *time.Location) (*practiceHistory, error) {
	key := day.Format(time.DateOnly) + " " + loc.String()
	v, err := s.cache.load(ctx, a, "history", key, s.Clock(), func() (any, error) { return s.readHistory(ctx, a, day) })
	if err != nil {
		return nil, err
	}
	return v.(*practiceHistory), nil
}

// readHistory reads the practice before day from the store.
func (s *Server) readHistory(ctx context.Context, a securebase.Actor, day time.Time) (*practiceHistory, error) {
	h := &practiceHistory{}
	window := day.AddDate(0, 0, 1-practice.ConsistencyWindow)
	latest := func(k securebase.Kind, f securebase.EntryFilter) (*securebase.Entry, error) {
		f.Kind, f.To, f.Limit = k, day, 1
		es, err := s.Entries.ListEntries(ctx, a, f)
		if err != nil || len(es) == 0 {
			return nil, err
		}
		return es[0], nil
	}
	for _, k := range practiceKinds() {
		es, err := s.Entries.ListEntries(ctx, a, securebase.EntryFilter{Kind: k, From: window, To: day, Limit: 2000})
		if err != nil {
			return nil, err
		}
		for _, e := range es {
			m, err := markOf(e)
			if err != nil {
				return nil, err
			}
			h.marks = append(h.marks, m)
			h.lastPractice = later(h.lastPractice, e.OccurredAt)
			if k == securebase.KindWeekly {
				h.lastWeekly = later(h.lastWeekly, e.OccurredAt)
			}
		}
		if len(es) == 0 {
			e, err := latest(k, securebase.EntryFilter{})
			if err != nil {
				return nil, err
			}
			if e != nil {
				h.lastPractice = later(h.lastPractice, e.OccurredAt)
			}
		}
	}
	var err error
	if h.episode, err = latest(securebase.KindEpisode, securebase.EntryFilter{}); err != nil {
		return nil, err
	}
	g, err := latest(securebase.KindGrowth, securebase.EntryFilter{})
	if err != nil {
		return nil, err
	}
	if g != nil {
		h.lastGrowth = g.OccurredAt
	}
	return h, nil
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// dayEntries is what a person saved on one day, as Today shows it.
// Shared between requests through the cache: never changed once made.
type dayEntries struct {
	entries []*securebase.Entry
	items   []savedItem     // "Earlier today", in the order saved
	marks   []practice.Mark // the practice among them
}

// dayEntries reads (or takes from the cache) what the person saved on
// day. It is kept under the person's entries stamp like the rest
// (practice_cache.go), so a save through any instance shows at once.
func (s *Server) dayEntries(r *http.Request, day time.Time, loc *time.Location) (*dayEntries, error) {
	ctx, a := r.Context(), principal(r).Actor
	key := day.Format(time.DateOnly) + " " + loc.String()
	v, err := s.cache.load(ctx, a, "day", key, s.Clock(), func() (any, error) {
		saved, err := s.Entries.ListEntries(ctx, a, securebase.EntryFilter{From: day, To: day.AddDate(0, 0, 1), Limit: 500})
		if err != nil {
			return nil, err
		}
		d := &dayEntries{entries: saved}
		pk := practiceKinds()
		for _, e := range saved {
			it, err := savedItemOf(e, loc)
			if err != nil {
				return nil, err
			}
			d.items = append(d.items, it)
			if slices.Contains(pk, e.Kind) {
				m, err := markOf(e)
				if err != nil {
					return nil, err
				}
				d.marks = append(d.marks, m)
			}
		}
		return d, nil
	})
	if err != nil {
		return nil, err
	}
	return v.(*dayEntries), nil
}

// savedItemOf says one entry in a line.
func savedItemOf(e *securebase.Entry, loc *time.Location) (savedItem, error) {
	it := savedItem{ID: e.ID, Kind: e.Kind, At: e.OccurredAt.In(loc)}
	it.Title = kindTitles()[e.Kind]
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
		it.Title = "Body tool: " + toolPhrase(p.Tool)
		it.Detail = ratingChange(p.Before, p.After)
	case *securebase.Weekly:
		it.Title = "Weekly reflection"
	case *securebase.Growth:
		it.Title = "Signs of growing security"
	}
	return it, nil
}

// toolPhrase is a tool's name in lower case for a sentence ("breathe").
func toolPhrase(id string) string {
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
			names[i] = toolPhrase(t)
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
	part := "evening"
	switch h := t.Hour(); {
	case h < 12:
		part = "morning"
	case h < 17:
		part = "afternoon"
	}
	ty, tm, td := t.Date()
	ny, nm, nd := now.Date()
	days := int(time.Date(ny, nm, nd, 12, 0, 0, 0, time.UTC).Sub(time.Date(ty, tm, td, 12, 0, 0, 0, time.UTC)).Hours() / 24)
	late, early := t.Hour() >= 22, t.Hour() < 5
	switch {
	case days == 0 && late:
		return "Tonight"
	case days == 0 && early, days == 1 && late:
		return "Last night"
	case days == 0:
		return "This " + part
	case days == 1 && early:
		return "Early yesterday morning"
	case days == 1:
		return "Yesterday " + part
	case days < 7 && late:
		return t.Weekday().String() + " night"
	case days < 7 && early:
		return "Early " + t.Weekday().String() + " morning"
	case days < 7:
		return t.Weekday().String() + " " + part
	}
	return t.Format("2 January")
}

// practiceToday is Today's practice part, kept per person for the minute
// (practice_cache.go): it is a pure function of the person's entries
// (their stamp), their prefs (the prefs version), the day, the zone and
// the time to the minute, so it is built with now cut to the minute and
// shared by the visits of that minute. Shared: never changed once made.
func (s *Server) practiceToday(r *http.Request, day time.Time, today *dayEntries, now time.Time, loc *time.Location) (*practiceToday, error) {
	now = now.Truncate(time.Minute)
	key := fmt.Sprintf("%s %s %d %d", day.Format(time.DateOnly), loc, now.Unix(), principal(r).User.PrefsVersion)
	v, err := s.cache.load(r.Context(), principal(r).Actor, "practice today", key, now, func() (any, error) {
		return s.buildPracticeToday(r, day, today, now, loc)
	})
	if err != nil {
		return nil, err
	}
	return v.(*practiceToday), nil
}

// buildPracticeToday fills Today's practice part from the history before
// today (cached) and today's entries (read fresh, newest first).
func (s *Server) buildPracticeToday(r *http.Request, day time.Time, today *dayEntries, now time.Time, loc *time.Location) (*practiceToday, error) {
	prefs := principal(r).User.Prefs
	v := &practiceToday{HardDay: prefs.HardDay, BodyTools: toolLinks()}
	if v.HardDay {
		return v, nil
	}
	h, err := s.history(r.Context(), principal(r).Actor, day, loc)
	if err != nil {
		return nil, err
	}
	marks := append(slices.Clip(h.marks), today.marks...)
	last, lastWeekly, lastGrowth, episode := h.lastPractice, h.lastWeekly, h.lastGrowth, h.episode
	for _, m := range today.marks {
		last = later(last, m.At)
	}
	for _, e := range today.entries {
		switch e.Kind {
		case securebase.KindWeekly:
			lastWeekly = later(lastWeekly, e.OccurredAt)
		case securebase.KindGrowth:
			lastGrowth = later(lastGrowth, e.OccurredAt)
		case securebase.KindEpisode:
			if episode == nil || e.OccurredAt.After(episode.OccurredAt) {
				episode = e
			}
		}
	}
	v.Dailies = practice.Today(marks, now, loc)
	for _, d := range v.Dailies {
		if d.Done {
			v.Done++
		}
	}
	v.Consistency = practice.Practised(marks, now, loc, 0).Sentence()
	if w, ok := practice.WelcomeBack(last, now, loc); ok {
		v.Welcome = &w
	}
	if episode != nil {
		p, err := episode.Decode()
		if err != nil {
			return nil, err
		}
		v.LastEpisode = whenWords(episode.OccurredAt, now, loc) + ": " + episodeLine(p.(*securebase.Episode))
		v.LastHref = "/sos/episodes/" + episode.ID
	}
	v.WeeklyDue = practice.ReflectionDue(reflectionDay(prefs), lastWeekly, now, loc).Due
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

// emptyCheckInFields renders the check-in form's fields for an empty form,
// once: they are the same for everyone until something is typed.
func (s *Server) emptyCheckInFields() template.HTML {
	s.fieldsOnce.Do(func() {
		var buf bytes.Buffer
		t := s.views.pages["today"]
		f := newForm(nil)
		if t.ExecuteTemplate(&buf, s.views.name("today", "_distress"), f) == nil && t.ExecuteTemplate(&buf, s.views.name("today", "_note"), f) == nil {
			s.fields = template.HTML(buf.String()) // #nosec G203 -- the output of html/template, escaped there
		}
	})
	return s.fields
}
