package web

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/behaviour"
	"github.com/securebase/securebase/entries"
)

// Behaviour, the third pillar (issue 14, D1–D6): the tab, the trigger log
// and the next day's "did the fear come true?". The pause before you send
// is in behaviour_pause.go; needs, flags and the calm-time talk in
// behaviour_tools.go. Every list and sentence of the pillar comes from
// package behaviour (the catalog the save path checks against).

func (s *Server) behave() *behaviour.Catalog { return s.Entries.Behaviour() }

// behaviourTool is one tool on the tab.
type behaviourTool struct{ Href, Name, About string }

func behaviourTools() []behaviourTool {
	return []behaviourTool{
		{"/behaviour/log", "Log a trigger", "What happened, how strong it was, what you felt pulled to do. Under half a minute."},
		{"/behaviour/pause", "Pause before you send", "Write the message here and hold it for a while. It is kept safe until you decide."},
		{"/behaviour/needs", "Say a need, set a boundary", "Build one clear sentence, then copy it out when the moment is right."},
		{"/behaviour/flags", "Consistency over intensity", "Note what you see someone do over time, the steady and the unsteady."},
		{"/behaviour/talk", "Plan a calm-time talk", "Prepare to talk about the pattern when you are both calm, and note how it went."},
	}
}

// triggerEntry is a logged trigger with its entry.
type triggerEntry struct {
	ID      string
	At      time.Time
	Version int
	T       *securebase.Trigger
}

// loadTriggers returns the person's triggers logged in [from, to), newest
// first (zero times: no bound).
func (s *Server) loadTriggers(ctx context.Context, a securebase.Actor, from, to time.Time, limit int) ([]triggerEntry, error) {
	es, err := s.Entries.ListEntries(ctx, a, securebase.EntryFilter{Kind: securebase.KindTrigger, From: from, To: to, Limit: limit})
	if err != nil {
		return nil, err
	}
	out := make([]triggerEntry, 0, len(es))
	for _, e := range es {
		p, err := e.Decode()
		if err != nil {
			return nil, err
		}
		out = append(out, triggerEntry{ID: e.ID, At: e.OccurredAt, Version: e.Version, T: p.(*securebase.Trigger)})
	}
	return out, nil
}

// followUp is the one question a logged fear asks from the morning after.
type followUp struct {
	ID       string
	Question string
	Answers  []behaviour.Item
	Own      string // the fear in the person's own words, when they chose "in my own words"
	Logged   string // "on Tuesday at 21:40"
	Back     string // where the answer returns: "today" or "behaviour"
}

// followUpDays is how long a fear waits for its answer: after that it is
// not asked again (it still counts once answered on its own page).
const followUpDays = 14

// nextFollowUp finds the oldest trigger with a fear that is due its
// question and not answered yet, or nil.
func (s *Server) nextFollowUp(ctx context.Context, a securebase.Actor, now time.Time, loc *time.Location, back string) (*followUp, error) {
	ts, err := s.openFears(ctx, a, now, loc)
	if err != nil {
		return nil, err
	}
	from, to := now.AddDate(0, 0, -followUpDays), now.Add(time.Minute)
	for i := len(ts) - 1; i >= 0; i-- {
		t := ts[i]
		if t.At.Before(from) || !t.At.Before(to) || now.Before(behaviour.FollowUpFrom(t.At, loc)) {
			continue
		}
		q, answers, err := s.behave().FollowUp(t.T.Fear)
		if err != nil {
			continue
		}
		return &followUp{ID: t.ID, Question: q, Answers: answers, Own: t.T.FearOwn, Logged: behaviour.When(t.At, now, loc, behaviour.Clock24), Back: back}, nil
	}
	return nil, nil
}

type behaviourView struct {
	Lead     string
	Tools    []behaviourTool
	Tally    behaviour.UrgeTally
	Surfed   string // SurfedMeaning
	Week     behaviour.WeekSummary
	FollowUp *followUp
	Rates    behaviour.BaseRates
	Waiting  []heldView // held messages not yet decided
	Recent   []triggerView
}

type triggerView struct {
	ID, Happening, Urge, When string
	Activation                int
	CameTrue                  string
}

func (s *Server) triggerViewOf(t triggerEntry, now time.Time, loc *time.Location) triggerView {
	c := s.behave()
	v := triggerView{ID: t.ID, Activation: t.T.Activation, When: behaviour.When(t.At, now, loc, behaviour.Clock24)}
	v.Happening = t.T.HappeningOwn
	if it, err := c.Item(behaviour.Happenings, t.T.Happening); err == nil && !it.Own {
		v.Happening = it.Label
	}
	if id, _ := t.T.Urge(); id != "" {
		v.Urge = t.T.UrgeOwn
		if it, err := c.Item(behaviour.Urges, id); err == nil && !it.Own {
			v.Urge = it.Label
		}
	}
	if it, err := c.Item(behaviour.CameTrue, t.T.CameTrue); err == nil {
		v.CameTrue = it.Label
	}
	return v
}

// buildBehaviour is the Behaviour tab: the pillar in a few words, the
// tools, this week's urges surfed and acted on, the day's question and
// the person's own base rate once there are answers.
func (s *Server) buildBehaviour(r *http.Request, _ *form) (page, error) {
	ctx, a := r.Context(), principal(r).Actor
	now, loc := s.Clock(), s.userLocation(r)
	c := s.behave()
	v := behaviourView{Lead: pillarLead("behaviour"), Tools: behaviourTools(), Surfed: behaviour.SurfedMeaning}
	start := behaviour.WeekStart(now, loc, time.Monday)
	end := start.AddDate(0, 0, 7)
	week, err := s.loadTriggers(ctx, a, start, end, 500)
	if err != nil {
		return page{}, err
	}
	held, err := s.loadHeld(ctx, a, start, end, 500)
	if err != nil {
		return page{}, err
	}
	var logs []behaviour.LogEvent
	var logUrges, heldUrges []behaviour.UrgeEvent
	for _, t := range week {
		logs = append(logs, behaviour.LogEvent{At: t.At, Happening: t.T.Happening, Urges: t.T.Urges, Outcome: t.T.Outcome})
		logUrges = append(logUrges, behaviour.UrgeEvent{At: t.At, Outcome: t.T.Outcome})
	}
	for _, h := range held {
		heldUrges = append(heldUrges, behaviour.UrgeEvent{At: h.At, Outcome: h.H.Outcome})
	}
	v.Week = c.Week(start, loc, logs, heldUrges, 3)
	v.Tally = c.TallyUrges(logUrges, heldUrges)
	if v.FollowUp, err = s.nextFollowUp(ctx, a, now, loc, "behaviour"); err != nil {
		return page{}, err
	}
	all, err := s.loadTriggers(ctx, a, time.Time{}, time.Time{}, 2000)
	if err != nil {
		return page{}, err
	}
	var answers []behaviour.FearAnswer
	for i, t := range all {
		if t.T.Fear != "" && t.T.CameTrue != "" {
			answers = append(answers, behaviour.FearAnswer{Fear: t.T.Fear, CameTrue: t.T.CameTrue})
		}
		if i < 5 {
			v.Recent = append(v.Recent, s.triggerViewOf(t, now, loc))
		}
	}
	v.Rates = c.BaseRates(answers)
	waiting, err := s.loadHeld(ctx, a, now.Add(-behaviourHeldShown), now.Add(time.Minute), 50)
	if err != nil {
		return page{}, err
	}
	for _, h := range waiting {
		if h.H.Status == securebase.HeldWaiting {
			v.Waiting = append(v.Waiting, s.heldViewOf(h, now, loc))
		}
	}
	return page{view: "behaviour", Title: "Behaviour", Nav: "behaviour", Data: v}, nil
}

// The trigger log (D1).

type choiceList struct {
	Name, Legend, Hint string
	Items              []behaviour.Item
	Multi              bool
}

type logView struct {
	NewID      string
	Happenings choiceList
	Urges      choiceList
	Fears      choiceList // optional: what the person feared it meant (D6 asks about it next morning)
	Scale      []int
}

func (s *Server) logView() logView {
	c := s.behave()
	return logView{
		NewID:      securebase.NewID(),
		Happenings: choiceList{Name: "happening", Legend: "What happened?", Hint: "Choose the closest, or say it in your own words.", Items: c.Items(behaviour.Happenings)},
		Urges:      choiceList{Name: "urges", Legend: "What did you feel pulled to do?", Hint: "Choose any that fit. You can leave this out.", Items: c.Items(behaviour.Urges), Multi: true},
		Fears:      choiceList{Name: "fear", Legend: "What were you afraid it meant?", Hint: "You can leave this out. If you choose one, tomorrow morning we'll ask whether it came true.", Items: c.Items(behaviour.Fears)},
		Scale:      securebase.DistressScale(),
	}
}

// buildLog is the first screen of the log: what happened, how strong,
// the urge. Everything else is optional, after saving.
func (s *Server) buildLog(r *http.Request, f *form) (page, error) {
	v := s.logView()
	if f != nil && f.Get("id") != "" {
		v.NewID = f.Get("id")
	}
	return page{view: "behaviour_log", Title: "Log a trigger", Nav: "behaviour", Data: v, Scripts: []string{"behaviour.js"}}, nil
}

// activationOf reads a 0–10 rating from a form; anything else is out of
// range, so the save path's message says what to choose.
func activationOf(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil || s == "" {
		return -1
	}
	return n
}

// createTrigger saves the first screen and goes on to the details.
func (s *Server) createTrigger(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	f := newForm(r.PostForm)
	t := &securebase.Trigger{Happening: f.Get("happening"), HappeningOwn: f.Get("happening_own"),
		Activation: activationOf(f.Get("activation")), Urges: f.Values["urges"], UrgeOwn: f.Get("urges_own"),
		Fear: f.Get("fear"), FearOwn: f.Get("fear_own")}
	details(f, t)
	sv, err := s.Entries.Save(r.Context(), principal(r).Actor, entries.Draft{Payload: t, ID: f.Get("id")})
	if err != nil {
		return s.again(w, r, f, err, s.buildLog)
	}
	return s.redirect(w, r, "/behaviour/triggers/"+sv.ID, savedFlash("trigger-saved", sv.Crisis, sv.Safety))
}

// details reads the optional fields of a trigger that a form sent; a form
// that does not have them leaves them as they are.
func details(f *form, t *securebase.Trigger) {
	if f.Get("details") != "1" {
		return
	}
	t.Body, t.BodyOwn = f.Values["body"], f.Get("body_own")
	t.Fear, t.FearOwn, t.Story = f.Get("fear"), f.Get("fear_own"), f.Get("story")
	t.Instead, t.InsteadOwn = f.Values["instead"], f.Get("instead_own")
	t.Outcome, t.Afterwards = f.Get("outcome"), f.Get("afterwards")
	t.ActivationAfter = nil
	if a := f.Get("activation_after"); a != "" {
		n := activationOf(a)
		t.ActivationAfter = &n
	}
}

type triggerPage struct {
	triggerView
	Version                      int
	Body, Fear, Instead, Outcome choiceList
	Afterwards                   choiceList
	FollowUp                     *followUp
}

// buildTrigger shows a logged trigger with the optional details, one
// question per screen on a phone (behaviour.js), all of them without it.
func (s *Server) buildTrigger(r *http.Request, f *form) (page, error) {
	e, err := s.findOwned(r, securebase.KindTrigger)
	if err != nil {
		return page{}, err
	}
	p, err := e.Decode()
	if err != nil {
		return page{}, err
	}
	t := p.(*securebase.Trigger)
	now, loc := s.Clock(), s.userLocation(r)
	c := s.behave()
	v := triggerPage{triggerView: s.triggerViewOf(triggerEntry{ID: e.ID, At: e.OccurredAt, T: t}, now, loc), Version: e.Version,
		Body:       choiceList{Name: "body", Legend: "What did your body do?", Hint: "Choose any that fit.", Items: c.Items(behaviour.BodySignals), Multi: true},
		Fear:       choiceList{Name: "fear", Legend: "What story did you tell yourself?", Hint: "Tomorrow we'll ask whether it came true.", Items: c.Items(behaviour.Fears)},
		Instead:    choiceList{Name: "instead", Legend: "What did you do instead?", Hint: "Choose any that fit.", Items: c.Items(behaviour.Instead), Multi: true},
		Outcome:    choiceList{Name: "outcome", Legend: "What did you do with the urge?", Items: c.Items(behaviour.Outcomes)},
		Afterwards: choiceList{Name: "afterwards", Legend: "How did it go?", Items: c.Items(behaviour.Afterwards)},
	}
	if t.Fear != "" && t.CameTrue == "" && !now.Before(behaviour.FollowUpFrom(e.OccurredAt, loc)) {
		if q, answers, err := c.FollowUp(t.Fear); err == nil {
			v.FollowUp = &followUp{ID: e.ID, Question: q, Answers: answers, Own: t.FearOwn, Back: "trigger"}
		}
	}
	if f == nil {
		f = newForm(nil)
		f.Values["body"], f.Values["instead"] = t.Body, t.Instead
		for k, val := range map[string]string{"body_own": t.BodyOwn, "fear": t.Fear, "fear_own": t.FearOwn, "story": t.Story,
			"instead_own": t.InsteadOwn, "outcome": t.Outcome, "afterwards": t.Afterwards} {
			f.Set(k, val)
		}
		if t.ActivationAfter != nil {
			f.Set("activation_after", strconv.Itoa(*t.ActivationAfter))
		}
	}
	return page{view: "behaviour_trigger", Title: "Your trigger log", Nav: "behaviour", Form: f, Data: v, Scripts: []string{"behaviour.js"}}, nil
}

// updateTrigger saves the details of a logged trigger.
func (s *Server) updateTrigger(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	f := newForm(r.PostForm)
	f.Set("details", "1")
	e, err := s.findOwned(r, securebase.KindTrigger)
	if err != nil {
		return err
	}
	sv, err := s.Entries.Change(r.Context(), principal(r).Actor, securebase.KindTrigger, e.ID, entries.Latest,
		func(_ *securebase.Entry, p securebase.Payload) error {
			details(f, p.(*securebase.Trigger))
			return nil
		})
	if err != nil {
		return s.again(w, r, f, err, s.buildTrigger)
	}
	return s.redirect(w, r, "/behaviour", savedFlash("trigger-updated", sv.Crisis, sv.Safety))
}

// answerTrigger keeps the answer to "did it happen?" (D6).
func (s *Server) answerTrigger(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	e, err := s.findOwned(r, securebase.KindTrigger)
	if err != nil {
		return err
	}
	answer := r.PostForm.Get("came_true")
	if _, err := s.Entries.Change(r.Context(), principal(r).Actor, securebase.KindTrigger, e.ID, entries.Latest,
		func(_ *securebase.Entry, p securebase.Payload) error {
			p.(*securebase.Trigger).CameTrue = answer
			return nil
		}); err != nil {
		if securebase.ErrorCode(err) == securebase.EINVALID {
			return securebase.FieldError("came_true", "Choose yes, partly or no.")
		}
		return err
	}
	to := "/behaviour#base-rate"
	switch r.PostForm.Get("back") {
	case "today":
		to = "/today"
	case "trigger":
		to = "/behaviour/triggers/" + e.ID
	}
	return s.redirect(w, r, to, "fear-answered")
}

func (s *Server) deleteTrigger(w http.ResponseWriter, r *http.Request) error {
	if _, err := s.removeOwned(r, securebase.KindTrigger); err != nil {
		return err
	}
	return s.redirect(w, r, "/behaviour", "trigger-deleted")
}

// behaviourFlash is what the pillar's flash codes say.
func behaviourFlash(code string) string {
	return map[string]string{
		"trigger-saved":   "Logged. That's the main part done. Add more below if you like, or leave it here.",
		"trigger-updated": "Saved. Noticing it is the first step.",
		"trigger-deleted": "That entry is deleted.",
		"fear-answered":   "Thank you. Your answer counts in your own numbers.",
		"held-saved":      "Your message is held. Nothing has been sent.",
		"held-sent":       "Done. You paused first, and that counts.",
		"held-let-go":     "Let go. The words stay with you, not in their inbox.",
		"held-deleted":    "That message is deleted.",
		"need-saved":      "Saved. You can rehearse it and copy it out whenever you're ready.",
		"need-deleted":    "Deleted.",
		"person-saved":    "Saved. Note moments as you see them.",
		"flag-saved":      "Noted.",
		"person-deleted":  "Deleted, with every moment noted.",
		"talk-saved":      "Your plan is saved.",
		"talk-updated":    "Your notes are saved.",
		"talk-deleted":    "Deleted.",
	}[code]
}
