package web

import (
	"context"
	"net/http"
	"strconv"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/assess"
	"github.com/securebase/securebase/entries"
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
	sg := &securebase.Signs{Selected: r.PostForm["sign"]}
	if sg.Selected == nil {
		sg.Selected = []string{}
	}
	_, err := s.Entries.Save(r.Context(), actor, entries.Draft{Payload: sg, Version: max(version, 0)})
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
