package web

import (
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/entries"
	"github.com/securebase/securebase/practice"
)

// patternView is a breathing pattern ready for the pacer.
type patternView struct {
	ID, Name, Summary, Tip, Source, Rhythm, Length string
	Cycles                                         int
	Custom, Adjustable                             bool
	Rate                                           string
	Plan                                           pacerPlan
}

// pacerPlan is what the pacer script reads: each phase change as an
// offset from the start, in ms, and the words to show.
type pacerPlan struct {
	Steps      []practice.Step   `json:"steps"`
	DurationMS int64             `json:"duration_ms"`
	Labels     map[string]string `json:"labels"`
}

func patternViewOf(id string, p practice.Pattern) *patternView {
	labels := map[string]string{}
	for _, k := range practice.PhaseKinds() {
		labels[k.ID] = k.Label
	}
	v := &patternView{ID: id, Name: p.Name, Summary: p.Summary, Tip: p.Tip, Source: p.Source, Rhythm: p.Rhythm(),
		Cycles: p.Cycles, Custom: p.Custom, Adjustable: p.Adjustable, Length: humanLength(p.Duration()),
		Plan: pacerPlan{Steps: practice.Schedule(p), DurationMS: p.Duration().Milliseconds(), Labels: labels}}
	return v
}

// humanLength says "1 min 16 s", "5 min", "48 s".
func humanLength(d time.Duration) string {
	d = d.Round(time.Second)
	m, s := int(d/time.Minute), int((d%time.Minute)/time.Second)
	switch {
	case m == 0:
		return fmt.Sprintf("%d s", s)
	case s == 0:
		return fmt.Sprintf("%d min", m)
	}
	return fmt.Sprintf("%d min %d s", m, s)
}

// ownPattern is a person's stored pattern, checked again by practice's
// rules: a pattern imported or stored under older rules that no longer
// runs comes back with the reason instead of a broken pacer.
type ownPattern struct {
	ID      string
	Name    string
	Rhythm  string
	Problem string
	Pattern practice.Pattern
}

func ownPatternOf(e *securebase.Entry) (ownPattern, error) {
	p, err := e.Decode()
	if err != nil {
		return ownPattern{}, err
	}
	sp := p.(*securebase.Pattern)
	phases := make([]practice.Phase, len(sp.Phases))
	for i, ph := range sp.Phases {
		phases[i] = practice.Phase{Kind: ph.Kind, Seconds: ph.Seconds}
	}
	op := ownPattern{ID: e.ID, Name: sp.Name}
	pat, err := practice.NewCustom(sp.Name, phases, sp.Cycles)
	if err != nil {
		op.Problem = securebase.ErrorMessage(err)
		if fields := securebase.ErrorFields(err); len(fields) > 1 { // one reason reads better than "a few things"
			keys := slices.Sorted(maps.Keys(fields))
			op.Problem = fields[keys[0]]
		}
		return op, nil
	}
	op.Rhythm, op.Pattern = pat.Rhythm(), pat
	return op, nil
}

type breatheView struct {
	Builtin []patternView
	Own     []ownPattern
	Kinds   []practice.PhaseKind
	Rows    []int
	Safety  string
}

func (s *Server) buildBreatheIndex(r *http.Request, f *form) (page, error) {
	v := breatheView{Kinds: practice.PhaseKinds(), Rows: []int{0, 1, 2, 3, 4}, Safety: practice.BreathingSafety}
	for _, p := range practice.Patterns() {
		v.Builtin = append(v.Builtin, *patternViewOf(p.ID, p))
	}
	entries, err := s.Entries.ListEntries(r.Context(), principal(r).Actor, securebase.EntryFilter{Kind: securebase.KindPattern, Limit: 100})
	if err != nil {
		return page{}, err
	}
	for _, e := range entries {
		op, err := ownPatternOf(e)
		if err != nil {
			return page{}, err
		}
		v.Own = append(v.Own, op)
	}
	// A first visit offers a breath to start from.
	fresh := newForm(valuesOf("phases.0.kind", "in", "phases.0.seconds", "4", "phases.1.kind", "hold",
		"phases.2.kind", "out", "phases.2.seconds", "6", "phases.3.kind", "rest", "cycles", "6"))
	return page{view: "breathe", Title: "Breathe", Nav: "body", Form: fresh, Data: v}, nil
}

// breathePattern is the pacer for one pattern: a built-in id or the id of
// the person's own pattern.
func (s *Server) breathePattern(w http.ResponseWriter, r *http.Request) error {
	return s.show(w, r, http.StatusOK, s.buildBreathe(r.PathValue("id")), nil, "")
}

// loadPattern finds a pattern by id with ?cycles= and ?rate= applied.
// It returns field messages for the adjust form.
func (s *Server) loadPattern(r *http.Request, id string) (*patternView, map[string]string, error) {
	p, err := practice.PatternByID(id)
	if err != nil {
		if !securebase.ValidID(id) {
			return nil, nil, securebase.Errorf(securebase.ENOTFOUND, "There's no breathing pattern with that name.")
		}
		e, err := s.Entries.FindEntry(r.Context(), principal(r).Actor, securebase.KindPattern, id)
		if err != nil {
			return nil, nil, err
		}
		op, err := ownPatternOf(e)
		if err != nil {
			return nil, nil, err
		}
		if op.Problem != "" {
			return nil, nil, securebase.Errorf(securebase.EINVALID, "This pattern can't run as it is. %s", op.Problem)
		}
		p = op.Pattern
	}
	q := r.URL.Query()
	problems := map[string]string{}
	rate := ""
	if rs := q.Get("rate"); rs != "" && p.Adjustable {
		if rp, err := practice.ParseResonance(rs); err == nil {
			p, rate = rp, rs
		} else {
			problems["rate"] = securebase.ErrorFields(err)["rate"]
		}
	}
	if cs := q.Get("cycles"); cs != "" {
		n, err := strconv.Atoi(cs)
		var wp practice.Pattern
		if err == nil {
			wp, err = p.WithCycles(n)
		}
		if err != nil {
			problems["cycles"] = "Choose from 1 to 60 rounds, under 30 minutes in all."
		} else {
			p = wp
		}
	}
	v := patternViewOf(id, p)
	v.Rate = rate
	return v, problems, nil
}

// buildBreathe is the pacer page of one pattern.
func (s *Server) buildBreathe(id string) build {
	return func(r *http.Request, _ *form) (page, error) {
		pv, problems, err := s.loadPattern(r, id)
		if err != nil {
			return page{}, err
		}
		fresh := newForm(nil)
		fresh.Set("cycles", strconv.Itoa(pv.Cycles))
		fresh.Set("rate", pv.Rate)
		for k, msg := range problems {
			fresh.Errors[k] = msg
		}
		v := s.newToolView(practice.ToolBreathe)
		v.Pattern = pv
		return page{view: "pattern", Title: pv.Name, Nav: "body", Focus: true, Form: fresh,
			Data: struct {
				toolView
				Safety string
			}{v, practice.BreathingSafety}, Scripts: []string{"pacer.js", "tools.js"}}, nil
	}
}

// createPattern saves a person's own pattern from the form on /body/breathe.
func (s *Server) createPattern(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	f := newForm(r.PostForm)
	cf := practice.CustomForm{Name: f.Get("name"), Cycles: f.Get("cycles")}
	for i := 0; i < practice.MaxPhases; i++ {
		k, sec := f.Get(practice.PhaseKindField(i)), f.Get(practice.PhaseSecondsField(i))
		if i >= 5 && k == "" && sec == "" {
			break
		}
		cf.Phases = append(cf.Phases, practice.PhaseForm{Kind: k, Seconds: sec})
	}
	p, err := practice.ParseCustom(cf)
	var sv entries.Saved
	if err == nil {
		sv, err = s.Entries.Save(r.Context(), principal(r).Actor, entries.Draft{Payload: storedPattern(p), ID: f.Get("id")})
	}
	if err != nil {
		if securebase.ErrorCode(err) != securebase.EINVALID {
			return err
		}
		f.fail(err)
		return s.show(w, r, http.StatusBadRequest, s.buildBreatheIndex, f, "Your pattern needs a change before it can be saved. See the notes below.")
	}
	return s.redirect(w, r, "/body/breathe/"+sv.ID, savedFlash("pattern-saved", sv.Crisis, sv.Safety))
}

func storedPattern(p practice.Pattern) *securebase.Pattern {
	sp := &securebase.Pattern{Name: p.Name, Cycles: p.Cycles}
	for _, ph := range p.Phases {
		if ph.Seconds > 0 {
			sp.Phases = append(sp.Phases, securebase.PatternPhase{Kind: ph.Kind, Seconds: ph.Seconds})
		}
	}
	return sp
}

func (s *Server) deletePattern(w http.ResponseWriter, r *http.Request) error {
	if _, err := s.removeOwned(r, securebase.KindPattern); err != nil {
		return err
	}
	return s.redirect(w, r, "/body/breathe", "pattern-deleted")
}
