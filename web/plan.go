package web

import (
	"context"
	"net/http"
	"strconv"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/safety"
)

// The safety plan (G3): one sealed entry, id securebase.PlanID, with the
// person's words for each of the six parts in safety.PlanSections.

type planPart struct {
	safety.PlanSection
	Text string
}

type planView struct {
	Parts   []planPart
	Version int
	Empty   bool
}

// loadPlan returns the person's plan, or an empty one (version 0).
func (s *Server) loadPlan(ctx context.Context, a securebase.Actor) (planView, error) {
	v := planView{Empty: true}
	texts := map[string]string{}
	e, err := s.Entries.FindEntry(ctx, a, securebase.KindPlan, securebase.PlanID)
	switch securebase.ErrorCode(err) {
	case "":
		p, err := e.Decode()
		if err != nil {
			return v, err
		}
		texts, v.Version = p.(*securebase.Plan).Sections, e.Version
	case securebase.ENOTFOUND:
	default:
		return v, err
	}
	for _, sec := range safety.PlanSections() {
		if texts[sec.ID] != "" {
			v.Empty = false
		}
		v.Parts = append(v.Parts, planPart{PlanSection: sec, Text: texts[sec.ID]})
	}
	return v, nil
}

func (s *Server) planPage(w http.ResponseWriter, r *http.Request) error {
	v, err := s.loadPlan(r.Context(), principal(r).Actor)
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "plan", page{Title: "My safety plan", Nav: "body", Data: v, Scripts: []string{"tools.js"}})
	return nil
}

func (s *Server) planEdit(w http.ResponseWriter, r *http.Request) error {
	v, err := s.loadPlan(r.Context(), principal(r).Actor)
	if err != nil {
		return err
	}
	f := newForm(nil)
	for _, p := range v.Parts {
		f.Set(p.ID, p.Text)
	}
	f.Set("version", strconv.Itoa(v.Version))
	s.render(w, r, http.StatusOK, "plan_edit", page{Title: "Edit my safety plan", Nav: "body", Form: f, Data: v})
	return nil
}

// savePlan stores the plan: a first save creates it, later saves need the
// version that was read, so two devices never overwrite each other.
func (s *Server) savePlan(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	f := newForm(r.PostForm)
	p := &securebase.Plan{Sections: map[string]string{}}
	for _, sec := range safety.PlanSections() {
		p.Sections[sec.ID] = f.Get(sec.ID)
	}
	version, _ := strconv.Atoi(f.Get("version"))
	err := s.storePlan(r.Context(), principal(r).Actor, p, version)
	if err != nil {
		if code := securebase.ErrorCode(err); code != securebase.EINVALID && code != securebase.ECONFLICT {
			return err
		}
		f.fail(err)
		v, lerr := s.loadPlan(r.Context(), principal(r).Actor)
		if lerr != nil {
			return lerr
		}
		s.render(w, r, status(err), "plan_edit", page{Title: "Edit my safety plan", Nav: "body", Form: f, Error: message(err), Data: v})
		return nil
	}
	return s.redirect(w, r, "/safety-plan", s.savedFlash("plan-saved", p))
}

// storePlan creates the plan (version 0) or updates it (the version read).
func (s *Server) storePlan(ctx context.Context, a securebase.Actor, p *securebase.Plan, version int) error {
	if err := checkPlan(p); err != nil {
		return err
	}
	if version == 0 {
		e, err := securebase.NewEntry(p, securebase.PlanID, s.Clock())
		if err != nil {
			return err
		}
		created, err := s.Entries.CreateEntry(ctx, a, e)
		if err == nil && !created {
			return securebase.Errorf(securebase.ECONFLICT, "Your plan was saved from another window or device since you opened it. Your text is still here; check it and save again.")
		}
		return err
	}
	data, err := securebase.EncodePayload(p)
	if err != nil {
		return err
	}
	return s.Entries.UpdateEntry(ctx, a, &securebase.Entry{ID: securebase.PlanID, Kind: securebase.KindPlan,
		OccurredAt: s.Clock(), Version: version, Data: data})
}

// checkPlan refuses parts that are not in safety.PlanSections.
func checkPlan(p securebase.Payload) error {
	for id := range p.(*securebase.Plan).Sections {
		if _, ok := safety.PlanSectionByID(id); !ok {
			return securebase.FieldError("sections", "A plan has six parts: "+planIDs()+".")
		}
	}
	return nil
}

func planIDs() string {
	out := ""
	for i, sec := range safety.PlanSections() {
		if i > 0 {
			out += ", "
		}
		out += sec.ID
	}
	return out
}

// API: GET and PUT /api/v1/plan.

func (s *Server) apiGetPlan(w http.ResponseWriter, r *http.Request) error {
	v, err := s.loadPlan(r.Context(), principal(r).Actor)
	if err != nil {
		return err
	}
	sections := map[string]string{}
	for _, p := range v.Parts {
		sections[p.ID] = p.Text
	}
	writeJSON(w, http.StatusOK, map[string]any{"sections": sections, "version": v.Version})
	return nil
}

func (s *Server) apiPutPlan(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Sections map[string]string `json:"sections"`
		Version  *int              `json:"version"`
	}
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	p := &securebase.Plan{Sections: in.Sections}
	if p.Sections == nil {
		p.Sections = map[string]string{}
	}
	if err := p.Validate(); err != nil {
		return err
	}
	// Without a version the plan is simply replaced (or created): the
	// client has nothing to compare. With one, a stale version is 409.
	if in.Version == nil {
		cur, err := s.loadPlan(r.Context(), principal(r).Actor)
		if err != nil {
			return err
		}
		in.Version = &cur.Version
	}
	if err := s.storePlan(r.Context(), principal(r).Actor, p, *in.Version); err != nil {
		return err
	}
	v, err := s.loadPlan(r.Context(), principal(r).Actor)
	if err != nil {
		return err
	}
	sections := map[string]string{}
	for _, part := range v.Parts {
		sections[part.ID] = part.Text
	}
	writeJSON(w, http.StatusOK, saved{Item: map[string]any{"sections": sections, "version": v.Version}, Crisis: s.crisisIn(p), Safety: s.abuseIn(p)})
	return nil
}
