package web

import (
	"context"
	"fmt"
	"net/http"
	"sort"
	"time"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/entries"
	"github.com/securebase/securebase/partner"
)

// The secure partner's track (issue 16, F1–F6): the tab page /partner, the
// decoder, the repair composer, boundary delivery, the calm-time planner,
// the baseline check and when to bring in help. The words and rules are
// package partner's; the saves go through s.Entries like every kind's.

// partnerNav marks the track's tab in the main navigation.
const partnerNav = "partner"

// mergeErrs joins the field messages of two validation errors (either may
// be nil), keeping the first message for a field.
func mergeErrs(a, b error) error {
	if a == nil {
		return b
	}
	if b == nil {
		return a
	}
	var v securebase.Validation
	for _, err := range []error{a, b} {
		fields := securebase.ErrorFields(err)
		keys := make([]string, 0, len(fields))
		for k := range fields {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			v.Add(k, fields[k])
		}
	}
	return v.Err()
}

// latest returns the person's newest entries of a kind, at most n.
// partners is the secure partner's track's catalog: the one the save path
// checks against (loaded once, with the entries service).
func (s *Server) partners() *partner.Catalog { return s.Entries.Partner() }

func (s *Server) latest(ctx context.Context, a securebase.Actor, k securebase.Kind, n int) ([]*securebase.Entry, error) {
	return s.Entries.ListEntries(ctx, a, securebase.EntryFilter{Kind: k, Limit: n})
}

// viewsOf decodes each entry of list, all of one kind with payload P,
// and makes its view with f, in the list's order.
func viewsOf[P securebase.Payload, V any](list []*securebase.Entry, f func(*securebase.Entry, P) V) ([]V, error) {
	out := make([]V, 0, len(list))
	for _, e := range list {
		p, err := e.Decode()
		if err != nil {
			return nil, err
		}
		pp, ok := p.(P)
		if !ok {
			return nil, fmt.Errorf("entry %s holds %T", e.ID, p)
		}
		out = append(out, f(e, pp))
	}
	return out, nil
}

// partnerTool is one tool of the track on its tab page.
type partnerTool struct {
	Path, Title, About string
}

var partnerTools = []partnerTool{
	{"/partner/decoder", "What might this mean?", "Pick what happened. See what it may be saying underneath, and how to answer."},
	{"/partner/repair", "A \"not gone\" message", "A short note that you are coming back, and when. Copy it out."},
	{"/partner/boundaries", "Say a boundary with care", "The limit, the connection, the timeline. Save it to rehearse."},
	{"/partner/talk", "Plan a calm-time talk", "Name the pattern together when you are both calm."},
	{"/partner/baseline", "Check your own baseline", "Being the steady one takes energy. See how much you have left."},
	{"/partner/help", "When to bring in help", "Signs that more skill is not the answer, and where to turn."},
}

type partnerHomeView struct {
	Tools       []partnerTool
	HereFor     string
	LastCheck   time.Time // the newest baseline check, zero if none
	CheckDue    bool
	PartnerLast bool          // the person is here for themselves: their own track comes first elsewhere
	Linked      bool          // linked with a partner (F7, partnerlink.go); never suggested when not
	Signals     []shownSignal // the newest signals between the two, when linked
}

func (s *Server) buildPartnerHome(r *http.Request, _ *form) (page, error) {
	p := principal(r)
	v := partnerHomeView{Tools: partnerTools, HereFor: p.User.Prefs.HereFor, PartnerLast: !p.User.Prefs.PartnerFirst()}
	list, err := s.latest(r.Context(), p.Actor, securebase.KindBaseline, 1)
	if err != nil {
		return page{}, err
	}
	if len(list) > 0 {
		v.LastCheck = list[0].OccurredAt.In(s.userLocation(r))
	}
	v.CheckDue = v.LastCheck.IsZero() || s.Clock().Sub(v.LastCheck) >= s.partners().BaselineEvery()
	if err := s.homeSignals(r, &v); err != nil {
		return page{}, err
	}
	return page{view: "partner", Title: "For your partner", Nav: partnerNav, Data: v}, nil
}

// F1: the decoder.

type decoderView struct {
	Intro, NotExcusing string
	Situations         []partner.Situation
	Situation          *partner.Situation
	SafetyPath         string
}

func (s *Server) buildDecoder(r *http.Request, _ *form) (page, error) {
	c := s.partners()
	v := decoderView{Intro: c.DecoderIntro(), NotExcusing: c.NotExcusing(), Situations: c.Situations(), SafetyPath: partner.SafetyPath}
	return page{view: "partner_decoder", Title: "What might this mean?", Nav: partnerNav, Data: v}, nil
}

func (s *Server) decoderSituation(w http.ResponseWriter, r *http.Request) error {
	c := s.partners()
	sit, err := c.Situation(r.PathValue("situation"))
	if err != nil {
		return securebase.Errorf(securebase.ENOTFOUND, "We don't have that situation. All of them are listed on the decoder page.")
	}
	v := decoderView{Intro: c.DecoderIntro(), NotExcusing: c.NotExcusing(), Situation: &sit, SafetyPath: partner.SafetyPath}
	s.render(w, r, http.StatusOK, "partner_situation", page{Title: sit.Label, Nav: partnerNav, Data: v, Scripts: []string{"partner.js"}})
	return nil
}

// F2: the repair composer.

type repairView struct {
	Intro                 string
	Slots                 map[string]partner.Slot
	Openers, Doing, Warm  []partner.Line
	Tips                  []partner.Line
	Message               string
	Back                  string
	HasMessage, Suggested bool
}

func (s *Server) repairView() repairView {
	c := s.partners()
	v := repairView{Intro: c.RepairIntro(), Slots: map[string]partner.Slot{}, Openers: c.Openers(), Doing: c.Doing(),
		Warm: c.WarmLines(), Tips: c.RepairTips()}
	for _, sl := range c.RepairSlots() {
		v.Slots[sl.ID] = sl
	}
	return v
}

func (s *Server) buildRepair(r *http.Request, f *form) (page, error) {
	v := s.repairView()
	fresh := newForm(nil)
	if f == nil {
		// The first line is ready to go: the fastest repair is one tap
		// and a time.
		fresh.Set(partner.SlotOpener, v.Openers[0].Text)
	}
	return page{view: "partner_repair", Title: "A \"not gone\" message", Nav: partnerNav, Form: fresh, Data: v}, nil
}

func (s *Server) saveRepair(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	f := newForm(r.PostForm)
	now := s.Clock()
	p := &securebase.Repair{Opener: f.Get("opener"), Doing: f.Get("doing"), Warm: f.Get("warm")}
	back, backErr := partner.ParseClock(partner.SlotBack, f.Get("back"), now, s.userLocation(r))
	if backErr != nil {
		// Say every problem at once: check the words with a time that
		// would do.
		p.Back = now.Add(time.Hour)
		textErr := p.Validate()
		if textErr == nil {
			textErr = entries.PartnerErr(s.partners().CheckRepair(&partner.Repair{Opener: p.Opener, Doing: p.Doing, Warm: p.Warm}))
		}
		return s.again(w, r, f, mergeErrs(entries.PartnerErr(backErr), textErr), s.buildRepair)
	}
	p.Back = back
	sv, err := s.Entries.Save(r.Context(), principal(r).Actor, entries.Draft{Payload: p})
	if err != nil {
		return s.again(w, r, f, err, s.buildRepair)
	}
	return s.redirect(w, r, "/partner/repair/message", savedFlash("repair-saved", sv.Crisis, sv.Safety))
}

// composeRepair says a stored repair message the way it read when it was
// written: "at 16:00" today, "tomorrow at 08:00".
func (s *Server) composeRepair(e *securebase.Entry, loc *time.Location) (string, *securebase.Repair, error) {
	p, err := e.Decode()
	if err != nil {
		return "", nil, err
	}
	rp := p.(*securebase.Repair)
	parts := partner.Repair{Opener: rp.Opener, Doing: rp.Doing, Warm: rp.Warm}
	msg, err := s.partners().ComposeRepair(parts, rp.Back, e.OccurredAt, loc, partner.Clock24)
	if err != nil {
		// An imported message may be older than its return time allows:
		// say the time of day alone.
		msg, err = s.partners().ComposeRepair(parts, rp.Back, rp.Back.Add(-time.Minute), loc, partner.Clock24)
	}
	return msg, rp, err
}

func (s *Server) repairMessage(w http.ResponseWriter, r *http.Request) error {
	v := s.repairView()
	list, err := s.latest(r.Context(), principal(r).Actor, securebase.KindRepair, 1)
	if err != nil {
		return err
	}
	if len(list) > 0 {
		loc := s.userLocation(r)
		msg, rp, err := s.composeRepair(list[0], loc)
		if err != nil {
			return err
		}
		v.Message, v.HasMessage, v.Back = msg, true, partner.Clock24.Time(rp.Back.In(loc))
	}
	s.render(w, r, http.StatusOK, "partner_message", page{Title: "Your \"not gone\" message", Nav: partnerNav, Data: v, Scripts: []string{"partner.js"}})
	return nil
}

// F3: boundary delivery.

type savedBoundary struct {
	ID, Bare, Care string
	When           time.Time
}

type boundaryView struct {
	Intro    string
	Slots    []partner.Slot
	Tips     []partner.Line
	Examples []partner.DeliveryExample
	Saved    []savedBoundary
}

func (s *Server) buildBoundaries(r *http.Request, _ *form) (page, error) {
	c := s.partners()
	v := boundaryView{Intro: c.BoundaryIntro(), Slots: c.BoundarySlots()}
	list, err := s.latest(r.Context(), principal(r).Actor, securebase.KindPartnerBoundary, 20)
	if err != nil {
		return page{}, err
	}
	loc := s.userLocation(r)
	v.Saved, err = viewsOf(list, func(e *securebase.Entry, b *securebase.PartnerBoundary) savedBoundary {
		care, err := c.ComposeBoundary(partner.Boundary{Connection: b.Connection, Limit: b.Limit, Timeline: b.Timeline})
		if err != nil {
			care = b.Limit
		}
		bare, err := c.ComposeBoundary(partner.Boundary{Limit: b.Limit})
		if err != nil {
			bare = b.Limit
		}
		return savedBoundary{ID: e.ID, Bare: bare, Care: care, When: e.OccurredAt.In(loc)}
	})
	if err != nil {
		return page{}, err
	}
	return page{view: "partner_boundaries", Title: "Say a boundary with care", Nav: partnerNav, Data: v}, nil
}

func (s *Server) buildBoundaryWays(r *http.Request, _ *form) (page, error) {
	c := s.partners()
	v := boundaryView{Intro: c.BoundaryIntro(), Tips: c.DeliveryTips(), Examples: c.DeliveryExamples()}
	return page{view: "partner_ways", Title: "One boundary, two ways", Nav: partnerNav, Data: v}, nil
}

func (s *Server) saveBoundary(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	f := newForm(r.PostForm)
	p := &securebase.PartnerBoundary{Connection: f.Get("connection"), Limit: f.Get("limit"), Timeline: f.Get("timeline")}
	sv, err := s.Entries.Save(r.Context(), principal(r).Actor, entries.Draft{Payload: p})
	if err != nil {
		return s.again(w, r, f, err, s.buildBoundaries)
	}
	return s.redirect(w, r, "/partner/boundaries#saved", savedFlash("boundary-saved", sv.Crisis, sv.Safety))
}

func (s *Server) deleteBoundary(w http.ResponseWriter, r *http.Request) error {
	if _, err := s.removeOwned(r, securebase.KindPartnerBoundary); err != nil {
		return err
	}
	return s.redirect(w, r, "/partner/boundaries#saved", "boundary-deleted")
}

// F4: the calm-time planner.

type savedTalk struct {
	ID      string
	When    time.Time
	Answers []talkAnswer
}

type talkAnswer struct{ Label, Text string }

type partnerTalkView struct {
	Intro   string
	Prompts []partner.Prompt
	Saved   []savedTalk
}

func (s *Server) buildPartnerTalk(r *http.Request, _ *form) (page, error) {
	c := s.partners()
	v := partnerTalkView{Intro: c.TalkIntro(), Prompts: c.TalkPrompts()}
	list, err := s.latest(r.Context(), principal(r).Actor, securebase.KindPartnerTalk, 10)
	if err != nil {
		return page{}, err
	}
	loc := s.userLocation(r)
	v.Saved, err = viewsOf(list, func(e *securebase.Entry, t *securebase.PartnerTalk) savedTalk {
		st := savedTalk{ID: e.ID, When: e.OccurredAt.In(loc)}
		for _, pr := range v.Prompts {
			if a := t.Answers[pr.ID]; a != "" {
				st.Answers = append(st.Answers, talkAnswer{Label: pr.Label, Text: a})
			}
		}
		return st
	})
	if err != nil {
		return page{}, err
	}
	return page{view: "partner_talk", Title: "Plan a calm-time talk", Nav: partnerNav, Data: v}, nil
}

func (s *Server) savePartnerTalk(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	f := newForm(r.PostForm)
	p := &securebase.PartnerTalk{Answers: map[string]string{}}
	for _, pr := range s.partners().TalkPrompts() {
		p.Answers[pr.ID] = f.Get(pr.ID)
	}
	sv, err := s.Entries.Save(r.Context(), principal(r).Actor, entries.Draft{Payload: p})
	if err != nil {
		return s.again(w, r, f, err, s.buildPartnerTalk)
	}
	return s.redirect(w, r, "/partner/talk#saved", savedFlash("talk-saved", sv.Crisis, sv.Safety))
}

func (s *Server) deletePartnerTalk(w http.ResponseWriter, r *http.Request) error {
	if _, err := s.removeOwned(r, securebase.KindPartnerTalk); err != nil {
		return err
	}
	return s.redirect(w, r, "/partner/talk#saved", "talk-deleted")
}

// F5: my own baseline.

type baselineView struct {
	Intro     string
	Markers   []partner.Item
	LastCheck time.Time
	Next      time.Time
	Result    *partner.BaselineResult
}

// lastBaseline is the person's newest baseline check, or nil.
func (s *Server) lastBaseline(ctx context.Context, a securebase.Actor) (*securebase.Entry, *securebase.Baseline, error) {
	list, err := s.latest(ctx, a, securebase.KindBaseline, 1)
	if err != nil || len(list) == 0 {
		return nil, nil, err
	}
	p, err := list[0].Decode()
	if err != nil {
		return nil, nil, err
	}
	return list[0], p.(*securebase.Baseline), nil
}

func (s *Server) baselineView(r *http.Request) (baselineView, error) {
	c := s.partners()
	v := baselineView{Intro: c.BaselineIntro(), Markers: c.BaselineMarkers()}
	e, b, err := s.lastBaseline(r.Context(), principal(r).Actor)
	if err != nil || e == nil {
		return v, err
	}
	loc := s.userLocation(r)
	v.LastCheck = e.OccurredAt.In(loc)
	v.Next = v.LastCheck.Add(c.BaselineEvery())
	res, err := c.CheckBaseline(b.Markers)
	if err != nil {
		return v, err
	}
	v.Result = &res
	return v, nil
}

func (s *Server) buildBaseline(r *http.Request, _ *form) (page, error) {
	v, err := s.baselineView(r)
	if err != nil {
		return page{}, err
	}
	return page{view: "partner_baseline", Title: "Check your own baseline", Nav: partnerNav, Data: v}, nil
}

func (s *Server) saveBaseline(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	f := newForm(r.PostForm)
	p := &securebase.Baseline{Markers: r.PostForm["marker"]}
	sv, err := s.Entries.Save(r.Context(), principal(r).Actor, entries.Draft{Payload: p})
	if err != nil {
		return s.again(w, r, f, err, s.buildBaseline)
	}
	return s.redirect(w, r, "/partner/baseline/result", savedFlash("baseline-saved", sv.Crisis, sv.Safety))
}

func (s *Server) baselineResult(w http.ResponseWriter, r *http.Request) error {
	v, err := s.baselineView(r)
	if err != nil {
		return err
	}
	if v.Result == nil {
		return s.redirect(w, r, "/partner/baseline", "")
	}
	s.render(w, r, http.StatusOK, "partner_result", page{Title: "Your baseline", Nav: partnerNav, Data: v})
	return nil
}

// F6: when to bring in help.

type partnerHelpPage struct {
	Intro    string
	Routes   []partner.Route
	Result   *partner.HelpResult
	Loaded   bool // the latest baseline check found two or more markers
	MorePath string
}

func (s *Server) partnerHelpView(r *http.Request) (partnerHelpPage, int, error) {
	c := s.partners()
	v := partnerHelpPage{Intro: c.HelpIntro(), Routes: c.Routes(), MorePath: partner.MorePath}
	_, b, err := s.lastBaseline(r.Context(), principal(r).Actor)
	n := 0
	if b != nil {
		n = len(b.Markers)
	}
	v.Loaded = n >= 2
	return v, n, err
}

func (s *Server) buildPartnerHelp(r *http.Request, _ *form) (page, error) {
	v, _, err := s.partnerHelpView(r)
	if err != nil {
		return page{}, err
	}
	return page{view: "partner_help", Title: "When to bring in help", Nav: partnerNav, Data: v}, nil
}

// partnerHelpCheck answers the ticked signs on the page, without storing
// them: which signs fit is said once, to the person, and kept nowhere.
// It is a POST so that the signs never sit in the browser's history.
func (s *Server) partnerHelpCheck(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	f := newForm(r.PostForm)
	v, n, err := s.partnerHelpView(r)
	if err != nil {
		return err
	}
	res, err := s.partners().HelpFor(r.PostForm["sign"], n)
	if err != nil {
		return s.again(w, r, f, entries.PartnerErr(err), s.buildPartnerHelp)
	}
	v.Result = &res
	s.render(w, r, http.StatusOK, "partner_help", page{Title: "When to bring in help", Nav: partnerNav, Form: f, Data: v})
	return nil
}
