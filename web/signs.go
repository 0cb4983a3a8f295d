package web

import (
	"context"
	"net/http"
	"strconv"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/assess"
)

// "Signs I recognise" (A2): an unscored checklist, one entry per person,
// that decides which tools Today suggests first.

// loadSigns returns the person's signs entry and selection; a person who
// never saved the checklist has no entry (nil) and an empty selection.
func (s *Server) loadSigns(ctx context.Context, actor securebase.Actor) (*securebase.Entry, *securebase.Signs, error) {
	e, err := s.Entries.FindEntry(ctx, actor, securebase.KindSigns, securebase.SignsID)
	if securebase.ErrorCode(err) == securebase.ENOTFOUND {
		return nil, &securebase.Signs{Selected: []string{}}, nil
	}
	if err != nil {
		return nil, nil, err
	}
	p, err := e.Decode()
	if err != nil {
		return nil, nil, err
	}
	return e, p.(*securebase.Signs), nil
}

// checkSigns keeps only ids the checklist has, in the checklist's order;
// any other id is a 400 naming how many were not recognised.
func checkSigns(list *assess.Signs, selected []string) (*securebase.Signs, error) {
	sg := &securebase.Signs{Selected: selected}
	if err := sg.Validate(); err != nil {
		return nil, err
	}
	chosen := map[string]bool{}
	unknown := 0
	for _, id := range sg.Selected {
		if _, ok := list.Sign(id); ok {
			chosen[id] = true
		} else {
			unknown++
		}
	}
	if unknown > 0 {
		return nil, securebase.FieldError("selected", "We didn't recognise "+plural(unknown, "sign")+" in what was sent. Choose from the checklist and save again.")
	}
	ordered := []string{}
	for _, g := range list.Groups {
		for _, sign := range g.Signs {
			if chosen[sign.ID] {
				ordered = append(ordered, sign.ID)
			}
		}
	}
	sg.Selected = ordered
	return sg, nil
}

// saveSigns stores the selection: creates the entry the first time, and
// otherwise replaces it if version is the stored one (0 skips the check).
func (s *Server) saveSigns(ctx context.Context, actor securebase.Actor, sg *securebase.Signs, version int) (e *securebase.Entry, created bool, err error) {
	if e, _, err = s.loadSigns(ctx, actor); err != nil {
		return nil, false, err
	}
	if e == nil {
		if e, err = securebase.NewEntry(sg, "", s.Clock()); err != nil {
			return nil, false, err
		}
		created, err = s.Entries.CreateEntry(ctx, actor, e)
		if err == nil && !created { // another window saved first
			err = errSignsChanged
		}
		return e, created, err
	}
	if version != 0 && version != e.Version {
		return nil, false, errSignsChanged
	}
	if e.Data, err = securebase.EncodePayload(sg); err != nil {
		return nil, false, err
	}
	e.OccurredAt = s.Clock()
	return e, false, s.Entries.UpdateEntry(ctx, actor, e)
}

var errSignsChanged = securebase.Errorf(securebase.ECONFLICT,
	"Your checklist changed in another window since you opened it. Your ticks are still here; look them over and save again.")

type signsView struct {
	Checklist *assess.Signs
	Saved     bool
	Version   int
	Suggested []suggestion
}

func (s *Server) signsPage(w http.ResponseWriter, r *http.Request) error {
	e, sg, err := s.loadSigns(r.Context(), principal(r).Actor)
	if err != nil {
		return err
	}
	f := newForm(nil)
	f.Values["sign"] = sg.Selected
	return s.renderSigns(w, r, http.StatusOK, f, "", e, sg.Selected)
}

func (s *Server) renderSigns(w http.ResponseWriter, r *http.Request, status int, f *form, errMsg string, e *securebase.Entry, selected []string) error {
	v := signsView{Checklist: s.Assess.Signs(), Saved: e != nil}
	if e != nil {
		v.Version = e.Version
	}
	ids, _ := s.Assess.Signs().SuggestTools(selected)
	v.Suggested = suggestionsFor(ids)
	s.render(w, r, status, "signs", page{Title: "Signs I recognise", Nav: "insights", Form: f, Error: errMsg, Data: v})
	return nil
}

func (s *Server) saveSignsForm(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	f := newForm(r.PostForm)
	actor := principal(r).Actor
	version, _ := strconv.Atoi(f.Get("version"))
	sg, err := checkSigns(s.Assess.Signs(), r.PostForm["sign"])
	if err == nil {
		_, _, err = s.saveSigns(r.Context(), actor, sg, version)
	}
	if err != nil {
		code := securebase.ErrorCode(err)
		if code != securebase.EINVALID && code != securebase.ECONFLICT {
			return err
		}
		e, _, lerr := s.loadSigns(r.Context(), actor)
		if lerr != nil {
			return lerr
		}
		return s.renderSigns(w, r, status(err), f, message(err), e, r.PostForm["sign"])
	}
	return s.redirect(w, r, "/attachment/signs", "signs-saved")
}

// suggestions is Today's "Suggested for you": the first few tools in the
// order the person's signs give, body first when they have none.
type suggestions struct {
	Tools     []suggestion
	FromSigns bool
}

func (s *Server) suggestions(ctx context.Context, actor securebase.Actor) (suggestions, error) {
	_, sg, err := s.loadSigns(ctx, actor)
	if err != nil {
		return suggestions{}, err
	}
	ids, _ := s.Assess.Signs().SuggestTools(sg.Selected)
	return suggestions{Tools: suggestionsFor(ids[:min(3, len(ids))]), FromSigns: len(sg.Selected) > 0}, nil
}
