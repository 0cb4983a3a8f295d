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

// buildSigns is the checklist: the stored ticks on a visit, what was
// ticked when a save comes back.
func (s *Server) buildSigns(r *http.Request, f *form) (page, error) {
	e, sg, err := s.loadSigns(r.Context(), principal(r).Actor)
	if err != nil {
		return page{}, err
	}
	selected := sg.Selected
	if f != nil {
		selected = f.Values["sign"]
	}
	fresh := newForm(nil)
	fresh.Values["sign"] = sg.Selected
	v := signsView{Checklist: s.Assess.Signs(), Saved: e != nil}
	if e != nil {
		v.Version = e.Version
	}
	ids, _ := s.Assess.Signs().SuggestTools(selected)
	v.Suggested = suggestionsFor(ids)
	return page{view: "signs", Title: "Signs I recognise", Nav: "insights", Form: fresh, Data: v}, nil
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
		return s.again(w, r, f, err, s.buildSigns)
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
	// Kept per person and dropped on any write of theirs (practice_cache.go):
	// Today read and decrypted the signs checklist on every visit.
	v, err := s.cache.load(ctx, actor, "suggestions", "", s.Clock(), func() (any, error) { return s.readSuggestions(ctx, actor) })
	if err != nil {
		return suggestions{}, err
	}
	return v.(suggestions), nil
}

func (s *Server) readSuggestions(ctx context.Context, actor securebase.Actor) (suggestions, error) {
	_, sg, err := s.loadSigns(ctx, actor)
	if err != nil {
		return suggestions{}, err
	}
	ids, _ := s.Assess.Signs().SuggestTools(sg.Selected)
	return suggestions{Tools: suggestionsFor(ids[:min(3, len(ids))]), FromSigns: len(sg.Selected) > 0}, nil
}
