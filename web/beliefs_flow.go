package web

import (
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/behaviour"
	"github.com/securebase/securebase/belief"
	"github.com/securebase/securebase/entries"
	"github.com/securebase/securebase/practice"
)

// The step flows of the Beliefs pillar: one question per screen. Each
// step is a form POST that shows the next step with every earlier answer
// carried in hidden fields, so they work without scripts and nothing
// typed is lost: a refused save comes back on the step of the problem.

// flowStep is one screen of a flow: the form fields it asks.
type flowStep struct {
	Fields []string
}

// flowView is where a flow is, and what it carries from the other steps.
type flowView struct {
	Step, Count int
	Hidden      []field
}

func (v flowView) Last() bool  { return v.Step == v.Count-1 }
func (v flowView) First() bool { return v.Step == 0 }
func (v flowView) Number() int { return v.Step + 1 }

// newFlow places a flow at step (kept within its steps) and carries every
// field of the other steps, and the always-carried ones, as hidden values.
func newFlow(f *form, steps []flowStep, step int, always ...string) flowView {
	step = max(0, min(step, len(steps)-1))
	v := flowView{Step: step, Count: len(steps)}
	for _, name := range always {
		for _, val := range f.Values[name] {
			v.Hidden = append(v.Hidden, field{name, val})
		}
	}
	for i, st := range steps {
		if i == step {
			continue
		}
		for _, name := range st.Fields {
			for _, val := range f.Values[name] {
				v.Hidden = append(v.Hidden, field{name, val})
			}
		}
	}
	return v
}

// nextStep reads where a posted step goes: "next" forward, "back" back.
func nextStep(f *form) int {
	n := 0
	for _, c := range f.Get("step") {
		if c < '0' || c > '9' || n > 100 {
			return 0
		}
		n = n*10 + int(c-'0')
	}
	switch f.Get("go") {
	case "next":
		return n + 1
	case "back":
		return n - 1
	}
	return n
}

// errorStep is the first step with a field that has a message.
func errorStep(f *form, steps []flowStep, fallback int) int {
	for i, st := range steps {
		for _, name := range st.Fields {
			if f.Error(name) != "" {
				return i
			}
		}
	}
	return fallback
}

// optionalRating reads a 0–100 rating that may be left out.
func optionalRating(s string) (*int, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	n, err := belief.ParseRating(s)
	if err != nil {
		return nil, err
	}
	return &n, nil
}

// optionalDistress reads a 0–10 intensity that may be left out.
func optionalDistress(field, s string) (*int, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	n, err := securebase.ParseDistress(field, s)
	if err != nil {
		return nil, err
	}
	return &n, nil
}

// ---- Belief inquiry (C2) ----

func inquirySteps() []flowStep {
	return []flowStep{{[]string{"learned"}}, {[]string{"voice"}}, {[]string{"cost"}}, {[]string{"true_or_familiar"}}, {[]string{"rating"}}}
}

type inquiryView struct {
	Flow      flowView
	Belief    *beliefLine
	Beliefs   []beliefLine
	Question  belief.Question
	Intro     string
	Outro     string
	AnswerMax int
}

func (s *Server) buildInquiry(r *http.Request, f *form) (page, error) {
	d, err := s.loadBeliefs(r)
	if err != nil {
		return page{}, err
	}
	now := s.Clock().In(s.userLocation(r))
	v := inquiryView{Intro: belief.InquiryIntro, Outro: belief.InquiryOutro, AnswerMax: securebase.InquiryAnswerMax}
	step := 0
	if f == nil {
		f = newForm(nil)
		f.Set("belief", r.URL.Query().Get("belief"))
		f.Set("id", s.freshID(r))
	} else {
		step = errorStep(f, inquirySteps(), nextStep(f))
	}
	if l, ok := d.find(f.Get("belief"), now); ok {
		v.Belief = &l
	} else {
		v.Beliefs = d.lines(now)
	}
	v.Flow = newFlow(f, inquirySteps(), step, "belief", "id")
	if qs := belief.Questions(); v.Flow.Step < len(qs) {
		v.Question = qs[v.Flow.Step]
	}
	return page{view: "belief_inquiry", Title: "Look at a belief", Nav: "beliefs", Form: f, Data: v}, nil
}

func (s *Server) postInquiry(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	f := newForm(r.PostForm)
	if f.Get("go") != "save" {
		return s.show(w, r, http.StatusOK, s.buildInquiry, f, "")
	}
	q := &securebase.Inquiry{Belief: f.Get("belief"), Learned: f.Get("learned"), Voice: f.Get("voice"),
		Cost: f.Get("cost"), True: f.Get("true_or_familiar")}
	rating, err := optionalRating(f.Get("rating"))
	var sv entries.Saved
	if err == nil {
		q.Rating = rating
		sv, err = s.Entries.Save(r.Context(), principal(r).Actor, entries.Draft{Payload: q, ID: f.Get("id")})
	}
	if err != nil {
		return s.again(w, r, f, err, s.buildInquiry)
	}
	return s.redirect(w, r, "/beliefs", savedFlash("inquiry-saved", sv.Crisis, sv.Safety))
}

// ---- Thought record (C4) ----

func thoughtSteps() []flowStep {
	return []flowStep{{[]string{"situation"}}, {[]string{"thought"}}, {[]string{"emotion", "before"}},
		{[]string{"trap"}}, {[]string{"evidence_for", "counter_evidence"}}, {[]string{"response"}}, {[]string{"after"}}}
}

type trapChoice struct {
	belief.Trap
	Why     string // the hint's reason, for a suggested trap
	Checked bool
}

type thoughtView struct {
	Flow      flowView
	Thought   string
	Suggested []trapChoice // hinted by the thought's own words, best first
	Others    []trapChoice
	Facts     []belief.Fact
	TextMax   int
}

func (s *Server) buildThoughts(r *http.Request, f *form) (page, error) {
	step := 0
	if f == nil {
		f = newForm(nil)
		f.Set("id", s.freshID(r))
	} else {
		step = errorStep(f, thoughtSteps(), nextStep(f))
	}
	if step > 1 && strings.TrimSpace(f.Get("thought")) == "" {
		step = 1 // every later step shows the thought
		if f.Errors["thought"] == "" {
			f.Errors["thought"] = "Write the thought in a few words first. It stays in view for the steps after."
		}
	}
	v := thoughtView{Flow: newFlow(f, thoughtSteps(), step, "id"), Thought: strings.TrimSpace(f.Get("thought")), TextMax: securebase.ThoughtMax}
	switch v.Flow.Step {
	case 3:
		h, err := beliefHinter()
		if err != nil {
			return page{}, err
		}
		hinted := map[string]string{}
		var order []string
		for _, hint := range h.Hints(v.Thought) {
			hinted[hint.ID] = hint.Why
			order = append(order, hint.ID)
		}
		for _, id := range order {
			t, _ := belief.TrapByID(id)
			v.Suggested = append(v.Suggested, trapChoice{t, hinted[id], f.Has("trap", id)})
		}
		for _, t := range belief.Traps() {
			if _, ok := hinted[t.ID]; !ok {
				v.Others = append(v.Others, trapChoice{t, "", f.Has("trap", t.ID)})
			}
		}
	case 4:
		var err error
		if v.Facts, err = s.settlingFacts(r); err != nil {
			return page{}, err
		}
	}
	return page{view: "belief_thoughts", Title: "Untangle a thought", Nav: "beliefs", Form: f, Data: v}, nil
}

func (s *Server) postThought(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	f := newForm(r.PostForm)
	if f.Get("go") != "save" {
		return s.show(w, r, http.StatusOK, s.buildThoughts, f, "")
	}
	t := &securebase.ThoughtRecord{Situation: f.Get("situation"), Thought: f.Get("thought"), Emotion: f.Get("emotion"),
		Traps: f.Values["trap"], For: f.Get("evidence_for"), Against: f.Get("counter_evidence"), Response: f.Get("response")}
	var err error
	if t.Before, err = optionalDistress("before", f.Get("before")); err != nil {
		return s.again(w, r, f, err, s.buildThoughts)
	}
	if t.After, err = optionalDistress("after", f.Get("after")); err != nil {
		return s.again(w, r, f, err, s.buildThoughts)
	}
	sv, err := s.Entries.Save(r.Context(), principal(r).Actor, entries.Draft{Payload: t, ID: f.Get("id")})
	if err != nil {
		return s.again(w, r, f, err, s.buildThoughts)
	}
	return s.redirect(w, r, "/beliefs", savedFlash("thought-saved", sv.Crisis, sv.Safety))
}

// settlingFacts are plain facts from the person's own check-ins after
// things that happened (from any kind that is Triggered): at most two,
// for the triggers with the most to say. None until there is enough.
func (s *Server) settlingFacts(r *http.Request) ([]belief.Fact, error) {
	a := principal(r).Actor
	times := map[string][]time.Time{}
	for _, in := range securebase.KindInfos() {
		if _, ok := in.New().(securebase.Triggered); !ok {
			continue
		}
		list, err := s.Entries.ListEntries(r.Context(), a, securebase.EntryFilter{Kind: in.Kind, Limit: maxBeliefEntries})
		if err != nil {
			return nil, err
		}
		for _, e := range list {
			p, err := e.Decode()
			if err != nil {
				return nil, err
			}
			for _, id := range p.(securebase.Triggered).Triggers() {
				times[id] = append(times[id], e.OccurredAt)
			}
		}
	}
	if len(times) == 0 {
		return nil, nil
	}
	list, err := s.Entries.ListEntries(r.Context(), a, securebase.EntryFilter{Kind: securebase.KindCheckIn, Limit: maxBeliefEntries})
	if err != nil {
		return nil, err
	}
	var checkIns []belief.CheckIn
	for _, e := range list {
		p, err := e.Decode()
		if err != nil {
			return nil, err
		}
		checkIns = append(checkIns, belief.CheckIn{At: e.OccurredAt, Distress: p.(*securebase.CheckIn).Distress})
	}
	return settlingFactsFrom(times, checkIns, s.behave()), nil
}

// settlingFactsFrom says, for the two kinds of trigger with the most
// triggers followed by a check-in, how often distress came back down.
// Triggers the happenings list does not name are left out.
func settlingFactsFrom(times map[string][]time.Time, checkIns []belief.CheckIn, cat *behaviour.Catalog) []belief.Fact {
	var found [][]belief.Fact
	for id, ts := range times {
		item, err := cat.Item(behaviour.Happenings, id)
		if err != nil || item.Label == "" {
			continue
		}
		kind := strings.ToLower(item.Label[:1]) + item.Label[1:]
		if fs := belief.Settling(kind, ts, checkIns, belief.DefaultEvidenceRule()); len(fs) > 0 {
			found = append(found, fs)
		}
	}
	sort.Slice(found, func(i, j int) bool {
		if found[i][0].Counted != found[j][0].Counted {
			return found[i][0].Counted > found[j][0].Counted
		}
		return found[i][0].Text < found[j][0].Text
	})
	var out []belief.Fact
	for i := 0; i < len(found) && i < 2; i++ {
		out = append(out, found[i][0])
	}
	return out
}

// ---- Secure scripts (C3) ----

type ownScript struct {
	ID, Anxious, Secure, From string
	Starred, Crisis           bool
}

// ownScripts are the person's scripts, newest first, with whether their
// words read as crisis language.
func (s *Server) ownScripts(r *http.Request) ([]ownScript, error) {
	list, err := s.Entries.ListEntries(r.Context(), principal(r).Actor, securebase.EntryFilter{Kind: securebase.KindScript, Limit: maxBeliefEntries})
	if err != nil {
		return nil, err
	}
	var out []ownScript
	for _, e := range list {
		p, err := e.Decode()
		if err != nil {
			return nil, err
		}
		sc := p.(*securebase.Script)
		out = append(out, ownScript{ID: e.ID, Anxious: sc.Anxious, Secure: sc.Secure, From: sc.From, Starred: sc.Starred,
			Crisis: s.Entries.Crisis(sc.Anxious, sc.Secure)})
	}
	return out, nil
}

// starredScripts are the secure sides of the person's starred scripts,
// for the reassurance step of the "I'm activated" flow: never one whose
// words read as crisis language.
func (s *Server) starredScripts(r *http.Request) ([]practice.Statement, error) {
	own, err := s.ownScripts(r)
	if err != nil {
		return nil, err
	}
	var out []practice.Statement
	for _, o := range own {
		if o.Starred && !o.Crisis {
			out = append(out, practice.Statement{Theme: "own", Text: o.Secure})
		}
	}
	return out, nil
}

type woundScripts struct {
	Wound   belief.Wound
	Scripts []suggestedScript
}

type suggestedScript struct {
	belief.Script
	Kept bool // already among the person's scripts
}

type scriptsView struct {
	Own    []ownScript
	Wounds []woundScripts
	Max    int
}

func (s *Server) buildScripts(r *http.Request, _ *form) (page, error) {
	own, err := s.ownScripts(r)
	if err != nil {
		return page{}, err
	}
	kept := map[string]bool{}
	for _, o := range own {
		kept[o.From] = true
	}
	v := scriptsView{Own: own, Max: securebase.ScriptMax}
	for _, w := range belief.Wounds() {
		ws := woundScripts{Wound: w}
		list, _ := belief.ScriptsFor(w.ID)
		for _, sc := range list {
			ws.Scripts = append(ws.Scripts, suggestedScript{sc, kept[sc.ID]})
		}
		v.Wounds = append(v.Wounds, ws)
	}
	return page{view: "belief_scripts", Title: "Secure scripts", Nav: "beliefs", Data: v}, nil
}

// saveScript keeps a script: the person's own pair, or a suggested pair
// (from) starred, its words copied so they stay as they were.
func (s *Server) saveScript(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	f := newForm(r.PostForm)
	sc := &securebase.Script{Anxious: f.Get("anxious"), Secure: f.Get("secure"), From: f.Get("from"), Starred: f.Get("starred") != ""}
	if sc.From != "" && strings.TrimSpace(sc.Secure) == "" {
		if sug, err := belief.ScriptByID(sc.From); err == nil {
			sc.Anxious, sc.Secure, sc.Starred = sug.Anxious, sug.Secure, true
		}
	}
	sv, err := s.Entries.Save(r.Context(), principal(r).Actor, entries.Draft{Payload: sc, ID: f.Get("id")})
	if err != nil {
		return s.again(w, r, f, err, s.buildScripts)
	}
	return s.redirect(w, r, "/beliefs/scripts#own", savedFlash("script-saved", sv.Crisis, sv.Safety))
}

// starScript stars or unstars one of the person's scripts. One whose
// words read as crisis language cannot be starred.
func (s *Server) starScript(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	on := r.PostForm.Get("starred") != "off"
	e, err := s.findOwned(r, securebase.KindScript)
	if err != nil {
		return err
	}
	_, err = s.Entries.Change(r.Context(), principal(r).Actor, securebase.KindScript, e.ID, entries.Latest,
		func(_ *securebase.Entry, p securebase.Payload) error {
			sc := p.(*securebase.Script)
			if on && s.Entries.Crisis(sc.Anxious, sc.Secure) {
				return securebase.FieldError("starred", "This one stays out of the “I'm activated” flow.")
			}
			sc.Starred = on
			return nil
		})
	if err != nil {
		return err
	}
	if on {
		return s.redirect(w, r, "/beliefs/scripts#own", "script-starred")
	}
	return s.redirect(w, r, "/beliefs/scripts#own", "script-unstarred")
}

func (s *Server) deleteScript(w http.ResponseWriter, r *http.Request) error {
	if _, err := s.removeOwned(r, securebase.KindScript); err != nil {
		return err
	}
	return s.redirect(w, r, "/beliefs/scripts#own", "script-deleted")
}

// ---- Inner child letter (C5) ----

func letterSteps() []flowStep {
	return []flowStep{{nil}, {[]string{"validate"}}, {[]string{"reassure"}}, {[]string{"take_care"}}, {[]string{"meet_need"}}, {[]string{"grief"}}}
}

type letterLink struct {
	ID       string
	At       time.Time
	Finished bool
}

type letterView struct {
	Flow    flowView
	Step    belief.Step // the reparenting step on this screen (steps 1–4)
	Intro   string
	Caution string
	Grief   string
	Letters []letterLink
	Max     int
}

func letterFrom(f *form) *securebase.Letter {
	return &securebase.Letter{Validating: f.Get("validate"), Reassure: f.Get("reassure"), TakeCare: f.Get("take_care"),
		MeetNeed: f.Get("meet_need"), Grief: f.Get("grief")}
}

func (s *Server) buildLetter(r *http.Request, f *form) (page, error) {
	a := principal(r).Actor
	step := 0
	if f == nil {
		f = newForm(nil)
		f.Set("id", s.freshID(r))
		if id := r.URL.Query().Get("draft"); securebase.ValidID(id) {
			e, err := s.Entries.FindEntry(r.Context(), a, securebase.KindLetter, id)
			if err != nil {
				return page{}, err
			}
			p, err := e.Decode()
			if err != nil {
				return page{}, err
			}
			l := p.(*securebase.Letter)
			f.Set("id", id)
			for name, val := range map[string]string{"validate": l.Validating, "reassure": l.Reassure, "take_care": l.TakeCare, "meet_need": l.MeetNeed, "grief": l.Grief} {
				f.Set(name, val)
			}
			step = 1
		}
	} else {
		step = errorStep(f, letterSteps(), nextStep(f))
	}
	v := letterView{Flow: newFlow(f, letterSteps(), step, "id"), Intro: belief.LetterIntro, Caution: belief.LetterCaution,
		Grief: belief.GriefNote, Max: securebase.LetterPartMax}
	if st := belief.Steps(); v.Flow.Step >= 1 && v.Flow.Step <= len(st) {
		v.Step = st[v.Flow.Step-1]
	}
	if v.Flow.Step == 0 {
		list, err := s.Entries.ListEntries(r.Context(), a, securebase.EntryFilter{Kind: securebase.KindLetter, Limit: 20})
		if err != nil {
			return page{}, err
		}
		for _, e := range list {
			p, err := e.Decode()
			if err != nil {
				return page{}, err
			}
			v.Letters = append(v.Letters, letterLink{e.ID, e.UpdatedAt.In(s.userLocation(r)), p.(*securebase.Letter).Finished})
		}
	}
	return page{view: "belief_letter", Title: "A letter to your younger self", Nav: "beliefs", Form: f, Data: v}, nil
}

// postLetter moves through the letter, keeping the draft at every step
// once anything is written; "stop" keeps it and leaves, "finish" marks it
// done.
func (s *Server) postLetter(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	f := newForm(r.PostForm)
	l := letterFrom(f)
	l.Finished = f.Get("go") == "finish"
	written := strings.TrimSpace(strings.Join(l.Text(), "")) != ""
	var sv entries.Saved
	if written || l.Finished {
		var err error
		if sv, err = s.keepLetter(r, f.Get("id"), l); err != nil {
			return s.again(w, r, f, err, s.buildLetter)
		}
	}
	switch f.Get("go") {
	case "stop":
		flash := "letter-kept"
		if !written {
			flash = ""
		}
		return s.redirect(w, r, "/beliefs", savedFlash(flash, sv.Crisis, sv.Safety))
	case "finish":
		return s.redirect(w, r, "/beliefs", savedFlash("letter-done", sv.Crisis, sv.Safety))
	}
	if sv.Crisis || sv.Safety {
		// What was written calls for care: the draft is kept, and the
		// care panel comes forward on the letter's page.
		return s.redirect(w, r, "/beliefs/inner-child?draft="+sv.ID, savedFlash("letter-kept", sv.Crisis, sv.Safety))
	}
	return s.show(w, r, http.StatusOK, s.buildLetter, f, "")
}

// keepLetter stores the letter under id: new the first time, replaced
// after that.
func (s *Server) keepLetter(r *http.Request, id string, l *securebase.Letter) (entries.Saved, error) {
	a := principal(r).Actor
	if securebase.ValidID(id) {
		if _, err := s.Entries.FindEntry(r.Context(), a, securebase.KindLetter, id); err == nil {
			return s.Entries.Change(r.Context(), a, securebase.KindLetter, id, entries.Latest,
				func(_ *securebase.Entry, p securebase.Payload) error {
					*p.(*securebase.Letter) = *l
					return nil
				})
		} else if securebase.ErrorCode(err) != securebase.ENOTFOUND {
			return entries.Saved{}, err
		}
	}
	return s.Entries.Save(r.Context(), a, entries.Draft{Payload: l, ID: id})
}
