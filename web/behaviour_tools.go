package web

import (
	"net/http"
	"time"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/behaviour"
	"github.com/securebase/securebase/entries"
)

// Needs and boundaries (D3), consistency over intensity (D4) and the
// calm-time talk (D5).

// needView is one saved need or boundary, framed to copy out.
type needView struct {
	ID, Type, Said string
}

type needsView struct {
	NeedIntro, BoundaryIntro string
	NeedSlots, BoundarySlots []behaviour.Slot
	NeedExamples             []behaviour.NeedExample
	BoundaryExamples         []behaviour.BoundaryExample
	Saved                    []needView
	Type                     string // the builder shown first
}

func (s *Server) buildNeeds(r *http.Request, f *form) (page, error) {
	c := s.behave()
	v := needsView{NeedIntro: c.NeedIntro(), BoundaryIntro: c.BoundaryIntro(), NeedSlots: c.NeedSlots(), BoundarySlots: c.BoundarySlots(),
		NeedExamples: c.NeedExamples(), BoundaryExamples: c.BoundaryExamples(), Type: securebase.NeedClear}
	if f != nil && f.Get("type") == securebase.NeedBoundary {
		v.Type = securebase.NeedBoundary
	}
	es, err := s.Entries.ListEntries(r.Context(), principal(r).Actor, securebase.EntryFilter{Kind: securebase.KindNeed, Limit: 100})
	if err != nil {
		return page{}, err
	}
	for _, e := range es {
		p, err := e.Decode()
		if err != nil {
			return page{}, err
		}
		n := p.(*securebase.Need)
		nv := needView{ID: e.ID, Type: n.Type}
		if n.Type == securebase.NeedBoundary {
			nv.Said, _ = c.ComposeBoundary(behaviour.Boundary{Limit: n.Limit, Warmth: n.Warmth, Time: n.Time})
		} else {
			nv.Said, _ = c.ComposeNeed(behaviour.Need{When: n.When, Feel: n.Feel, Like: n.Like, Ask: n.Ask})
		}
		v.Saved = append(v.Saved, nv)
	}
	return page{view: "behaviour_needs", Title: "Needs and boundaries", Nav: "behaviour", Data: v, Scripts: []string{"behaviour.js"}}, nil
}

func (s *Server) createNeed(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	f := newForm(r.PostForm)
	n := &securebase.Need{Type: f.Get("type")}
	if n.Type == securebase.NeedBoundary {
		n.Limit, n.Warmth, n.Time = f.Get("limit"), f.Get("warmth"), f.Get("time")
	} else {
		n.When, n.Feel, n.Like, n.Ask = f.Get("when"), f.Get("feel"), f.Get("like"), f.Get("ask")
	}
	sv, err := s.Entries.Save(r.Context(), principal(r).Actor, entries.Draft{Payload: n, ID: f.Get("id")})
	if err != nil {
		return s.again(w, r, f, err, s.buildNeeds)
	}
	return s.redirect(w, r, "/behaviour/needs#saved", savedFlash("need-saved", sv.Crisis, sv.Safety))
}

func (s *Server) deleteNeed(w http.ResponseWriter, r *http.Request) error {
	if _, err := s.removeOwned(r, securebase.KindNeed); err != nil {
		return err
	}
	return s.redirect(w, r, "/behaviour/needs#saved", "need-deleted")
}

// Consistency over intensity (D4).

type personView struct {
	ID, Name string
	Summary  behaviour.FlagSummary
	Notes    []noteView
}

type noteView struct {
	Label, Colour, When, Note string
}

type flagsView struct {
	Intro      string
	Green, Red []behaviour.Flag
	Cycle      behaviour.Cycle
	People     []personView
	Person     *personView // on a person's page
	SafetyPath string
}

func (s *Server) personViewOf(e *securebase.Entry, now time.Time, loc *time.Location, notes bool) (personView, error) {
	c := s.behave()
	p, err := e.Decode()
	if err != nil {
		return personView{}, err
	}
	pp := p.(*securebase.Person)
	v := personView{ID: e.ID, Name: pp.Name}
	obs := make([]behaviour.Observation, len(pp.Notes))
	for i, n := range pp.Notes {
		obs[i] = behaviour.Observation{At: n.At, Flag: n.Flag}
	}
	v.Summary = c.SummariseFlags(obs, now)
	if notes {
		for i := len(pp.Notes) - 1; i >= 0; i-- {
			n := pp.Notes[i]
			nv := noteView{When: behaviour.When(n.At, now, loc, behaviour.Clock24), Note: n.Note}
			if col, ok := c.Colour(n.Flag); ok {
				nv.Colour = string(col)
				if it, err := c.Item(col, n.Flag); err == nil {
					nv.Label = it.Label
				}
			}
			v.Notes = append(v.Notes, nv)
		}
	}
	return v, nil
}

func (s *Server) flagsBase() flagsView {
	c := s.behave()
	return flagsView{Intro: c.FlagsIntro(), Green: c.Flags(behaviour.GreenFlags), Red: c.Flags(behaviour.RedFlags),
		Cycle: c.AnxiousAvoidantCycle(), SafetyPath: behaviour.SafetyPath}
}

func (s *Server) buildFlags(r *http.Request, _ *form) (page, error) {
	v := s.flagsBase()
	now, loc := s.Clock(), s.userLocation(r)
	es, err := s.Entries.ListEntries(r.Context(), principal(r).Actor, securebase.EntryFilter{Kind: securebase.KindPerson, Limit: 50})
	if err != nil {
		return page{}, err
	}
	for _, e := range es {
		pv, err := s.personViewOf(e, now, loc, false)
		if err != nil {
			return page{}, err
		}
		v.People = append(v.People, pv)
	}
	return page{view: "behaviour_flags", Title: "Consistency over intensity", Nav: "behaviour", Data: v}, nil
}

func (s *Server) buildPerson(r *http.Request, _ *form) (page, error) {
	e, err := s.findOwned(r, securebase.KindPerson)
	if err != nil {
		return page{}, err
	}
	v := s.flagsBase()
	pv, err := s.personViewOf(e, s.Clock(), s.userLocation(r), true)
	if err != nil {
		return page{}, err
	}
	v.Person = &pv
	return page{view: "behaviour_person", Title: pv.Name, Nav: "behaviour", Data: v}, nil
}

func (s *Server) createPerson(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	f := newForm(r.PostForm)
	sv, err := s.Entries.Save(r.Context(), principal(r).Actor, entries.Draft{Payload: &securebase.Person{Name: f.Get("name")}, ID: f.Get("id")})
	if err != nil {
		return s.again(w, r, f, err, s.buildFlags)
	}
	return s.redirect(w, r, "/behaviour/people/"+sv.ID, savedFlash("person-saved", sv.Crisis, sv.Safety))
}

// noteFlag adds one moment to a person: a flag, now, and a few words.
func (s *Server) noteFlag(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	f := newForm(r.PostForm)
	e, err := s.findOwned(r, securebase.KindPerson)
	if err != nil {
		return err
	}
	now := s.Clock()
	sv, err := s.Entries.Change(r.Context(), principal(r).Actor, securebase.KindPerson, e.ID, entries.Latest,
		func(_ *securebase.Entry, p securebase.Payload) error {
			pp := p.(*securebase.Person)
			pp.Notes = append(pp.Notes, securebase.FlagNote{Flag: f.Get("flag"), At: now, Note: f.Get("note")})
			return nil
		})
	if err != nil {
		return s.again(w, r, f, err, s.buildPerson)
	}
	return s.redirect(w, r, "/behaviour/people/"+e.ID, savedFlash("flag-saved", sv.Crisis, sv.Safety))
}

func (s *Server) deletePerson(w http.ResponseWriter, r *http.Request) error {
	if _, err := s.removeOwned(r, securebase.KindPerson); err != nil {
		return err
	}
	return s.redirect(w, r, "/behaviour/flags", "person-deleted")
}

// The calm-time talk (D5).

type talkView struct {
	Intro       string
	Plan, After []behaviour.Prompt
	Talks       []talkSummary
	Talk        *talkSummary // on a talk's page
}

type talkSummary struct {
	ID, When string
	Plan     []answered
	After    []answered
}

type answered struct{ Label, Text string }

func (s *Server) talkBase() talkView {
	c := s.behave()
	return talkView{Intro: c.TalkIntro(), Plan: c.TalkPrompts(behaviour.TalkPlan), After: c.TalkPrompts(behaviour.TalkAfter)}
}

func (s *Server) talkSummaryOf(v talkView, e *securebase.Entry, now time.Time, loc *time.Location) (talkSummary, error) {
	p, err := e.Decode()
	if err != nil {
		return talkSummary{}, err
	}
	t := p.(*securebase.Talk)
	ts := talkSummary{ID: e.ID, When: behaviour.When(e.OccurredAt, now, loc, behaviour.Clock24)}
	for _, pr := range v.Plan {
		if a := t.Plan[pr.ID]; a != "" {
			ts.Plan = append(ts.Plan, answered{pr.Label, a})
		}
	}
	for _, pr := range v.After {
		if a := t.After[pr.ID]; a != "" {
			ts.After = append(ts.After, answered{pr.Label, a})
		}
	}
	return ts, nil
}

func (s *Server) buildTalk(r *http.Request, _ *form) (page, error) {
	v := s.talkBase()
	now, loc := s.Clock(), s.userLocation(r)
	es, err := s.Entries.ListEntries(r.Context(), principal(r).Actor, securebase.EntryFilter{Kind: securebase.KindTalk, Limit: 50})
	if err != nil {
		return page{}, err
	}
	for _, e := range es {
		ts, err := s.talkSummaryOf(v, e, now, loc)
		if err != nil {
			return page{}, err
		}
		v.Talks = append(v.Talks, ts)
	}
	return page{view: "behaviour_talk", Title: "Calm-time talk", Nav: "behaviour", Data: v}, nil
}

func (s *Server) buildTalkOne(r *http.Request, f *form) (page, error) {
	e, err := s.findOwned(r, securebase.KindTalk)
	if err != nil {
		return page{}, err
	}
	v := s.talkBase()
	ts, err := s.talkSummaryOf(v, e, s.Clock(), s.userLocation(r))
	if err != nil {
		return page{}, err
	}
	v.Talk = &ts
	if f == nil {
		f = newForm(nil)
		p, _ := e.Decode()
		for k, a := range p.(*securebase.Talk).After {
			f.Set(k, a)
		}
	}
	return page{view: "behaviour_talk_one", Title: "Your calm-time talk", Nav: "behaviour", Form: f, Data: v}, nil
}

func answersOf(f *form, prompts []behaviour.Prompt) map[string]string {
	m := map[string]string{}
	for _, p := range prompts {
		if a := f.Get(p.ID); a != "" {
			m[p.ID] = a
		}
	}
	return m
}

func (s *Server) createTalk(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	f := newForm(r.PostForm)
	t := &securebase.Talk{Plan: answersOf(f, s.talkBase().Plan)}
	sv, err := s.Entries.Save(r.Context(), principal(r).Actor, entries.Draft{Payload: t, ID: f.Get("id")})
	if err != nil {
		return s.again(w, r, f, err, s.buildTalk)
	}
	return s.redirect(w, r, "/behaviour/talks/"+sv.ID, savedFlash("talk-saved", sv.Crisis, sv.Safety))
}

// updateTalk keeps the notes afterwards.
func (s *Server) updateTalk(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	f := newForm(r.PostForm)
	e, err := s.findOwned(r, securebase.KindTalk)
	if err != nil {
		return err
	}
	after := answersOf(f, s.talkBase().After)
	sv, err := s.Entries.Change(r.Context(), principal(r).Actor, securebase.KindTalk, e.ID, entries.Latest,
		func(_ *securebase.Entry, p securebase.Payload) error {
			p.(*securebase.Talk).After = after
			return nil
		})
	if err != nil {
		return s.again(w, r, f, err, s.buildTalkOne)
	}
	return s.redirect(w, r, "/behaviour/talks/"+e.ID, savedFlash("talk-updated", sv.Crisis, sv.Safety))
}

func (s *Server) deleteTalk(w http.ResponseWriter, r *http.Request) error {
	if _, err := s.removeOwned(r, securebase.KindTalk); err != nil {
		return err
	}
	return s.redirect(w, r, "/behaviour/talk", "talk-deleted")
}
