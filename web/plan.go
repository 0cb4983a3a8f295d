package web

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/entries"
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
	Updated time.Time // when the person last changed it (zero: never); the printed plan carries it
}

// loadPlan returns the person's plan, or an empty one (version 0).
func (s *Server) loadPlan(ctx context.Context, a securebase.Actor) (planView, error) {
	e, err := s.Entries.FindEntry(ctx, a, securebase.KindPlan, securebase.PlanID)
	if securebase.ErrorCode(err) == securebase.ENOTFOUND {
		return planViewOf(nil)
	}
	if err != nil {
		return planView{Empty: true}, err
	}
	return planViewOf(e)
}

// planViewOf shows a stored plan (nil: none yet) part by part.
func planViewOf(e *securebase.Entry) (planView, error) {
	v := planView{Empty: true}
	texts := map[string]string{}
	if e != nil {
		p, err := e.Decode()
		if err != nil {
			return v, err
		}
		texts, v.Version, v.Updated = p.(*securebase.Plan).Sections, e.Version, e.UpdatedAt
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
	if !v.Updated.IsZero() {
		v.Updated = v.Updated.In(s.userLocation(r))
	}
	s.render(w, r, http.StatusOK, "plan", page{Title: "My safety plan", Nav: "body", Data: v, Scripts: []string{"tools.js"}})
	return nil
}

// buildPlanEdit is the plan's form, filled with the stored plan on a visit.
func (s *Server) buildPlanEdit(r *http.Request, _ *form) (page, error) {
	v, err := s.loadPlan(r.Context(), principal(r).Actor)
	if err != nil {
		return page{}, err
	}
	fresh := newForm(nil)
	for _, p := range v.Parts {
		fresh.Set(p.ID, p.Text)
	}
	fresh.Set("version", strconv.Itoa(v.Version))
	return page{view: "plan_edit", Title: "Edit my safety plan", Nav: "body", Form: fresh, Data: v}, nil
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
	sv, err := s.Entries.Save(r.Context(), principal(r).Actor, entries.Draft{Payload: p, Version: max(version, 0)})
	if err != nil {
		return s.again(w, r, f, err, s.buildPlanEdit)
	}
	return s.redirect(w, r, "/safety-plan", savedFlash("plan-saved", sv.Crisis, sv.Safety))
}

// API: GET and PUT /api/v1/plan.

func (s *Server) apiGetPlan(w http.ResponseWriter, r *http.Request) error {
	v, err := s.loadPlan(r.Context(), principal(r).Actor)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, apiPlanOf(v))
	return nil
}

func apiPlanOf(v planView) map[string]any {
	sections := map[string]string{}
	for _, p := range v.Parts {
		sections[p.ID] = p.Text
	}
	return map[string]any{"sections": sections, "version": v.Version}
}

// apiPutPlan saves the plan. With a version, 0 creates it and n replaces
// version n (a stale one is 409); without one, it replaces whatever is
// stored: the client has nothing to compare.
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
	d := entries.Draft{Payload: p, Version: entries.Latest}
	if in.Version != nil {
		if *in.Version < 0 {
			return securebase.FieldError("version", "Send the version you last read: 0 for a new plan, or a whole number from 1.")
		}
		d.Version = *in.Version
	}
	sv, err := s.Entries.Save(r.Context(), principal(r).Actor, d)
	if err != nil {
		return err
	}
	v, err := planViewOf(sv.Entry)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, saved{Item: apiPlanOf(v), Crisis: sv.Crisis, Safety: sv.Safety})
	return nil
}
