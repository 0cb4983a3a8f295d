package web

import (
	"net/http"
	"strconv"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/entries"
	"github.com/securebase/securebase/practice"
)

// Reassurance (B5): the library by theme, the person's own statements and
// their favourites. Favourites are entries with the id FavouriteID(statement),
// so marking one twice stores it once.

type ownStatement struct {
	ID, Text string
	Starred  bool // marked to come first in the flow
	Crisis   bool // reads as crisis language: never offered as reassurance
}

type themeView struct {
	practice.Theme
	Statements []statementView
}

type statementView struct {
	practice.Statement
	Favourite bool
	Anchor    bool // the one place on the page that carries the statement's id
}

type reassureView struct {
	toolView
	Own        []ownStatement
	Favourites []statementView
	Themes     []themeView
	Deck       oneStatement // the one statement shown large (reassure_one.go)
}

// favourites returns the library ids the person marked, newest first.
func (s *Server) favourites(r *http.Request, a securebase.Actor) ([]string, error) {
	entries, err := s.Entries.ListEntries(r.Context(), a, securebase.EntryFilter{Kind: securebase.KindFavourite, Limit: 200})
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		p, err := e.Decode()
		if err != nil {
			return nil, err
		}
		out = append(out, p.(*securebase.Favourite).Statement)
	}
	return out, nil
}

// ownStatements returns the person's own statements, newest first.
func (s *Server) ownStatements(r *http.Request, a securebase.Actor) ([]ownStatement, error) {
	entries, err := s.Entries.ListEntries(r.Context(), a, securebase.EntryFilter{Kind: securebase.KindStatement, Limit: 200})
	if err != nil {
		return nil, err
	}
	var out []ownStatement
	for _, e := range entries {
		p, err := e.Decode()
		if err != nil {
			return nil, err
		}
		st := p.(*securebase.Statement)
		out = append(out, ownStatement{ID: e.ID, Text: st.Words, Starred: st.Starred})
	}
	return out, nil
}

// ownStatementByID finds one of the person's own statements, with whether
// it reads as crisis language.
func (s *Server) ownStatementByID(r *http.Request, a securebase.Actor, id string) (ownStatement, error) {
	if !securebase.ValidID(id) {
		return ownStatement{}, securebase.Errorf(securebase.ENOTFOUND, "There's no statement with that id.")
	}
	e, err := s.Entries.FindEntry(r.Context(), a, securebase.KindStatement, id)
	if err != nil {
		return ownStatement{}, err
	}
	p, err := e.Decode()
	if err != nil {
		return ownStatement{}, err
	}
	text := p.(*securebase.Statement).Words
	return ownStatement{ID: e.ID, Text: text, Crisis: s.Entries.Crisis(text)}, nil
}

func (s *Server) buildReassure(r *http.Request, _ *form) (page, error) {
	a := principal(r).Actor
	favs, err := s.favourites(r, a)
	if err != nil {
		return page{}, err
	}
	isFav := map[string]bool{}
	for _, id := range favs {
		isFav[id] = true
	}
	v := reassureView{toolView: s.newToolView(practice.ToolReassure)}
	if v.Own, err = s.ownStatements(r, a); err != nil {
		return page{}, err
	}
	for i := range v.Own {
		v.Own[i].Crisis = s.Entries.Crisis(v.Own[i].Text)
	}
	for _, id := range favs {
		if st, err := practice.StatementByID(id); err == nil {
			v.Favourites = append(v.Favourites, statementView{st, true, false})
		}
	}
	for _, th := range practice.Themes() {
		tv := themeView{Theme: th}
		list, _ := practice.StatementsByTheme(th.ID)
		for _, st := range list {
			tv.Statements = append(tv.Statements, statementView{st, isFav[st.ID], true})
		}
		v.Themes = append(v.Themes, tv)
	}
	v.deal(deckAt(r, ""))
	return page{view: "reassure", Title: "Reassurance", Nav: "body", Focus: true, Data: v, Scripts: []string{"tools.js"}}, nil
}

// createStatement saves a statement of the person's own.
func (s *Server) createStatement(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	f := newForm(r.PostForm)
	sv, err := s.Entries.Save(r.Context(), principal(r).Actor,
		entries.Draft{Payload: &securebase.Statement{Words: f.Get("text")}, ID: f.Get("id")})
	if err != nil {
		return s.again(w, r, f, err, s.buildReassure)
	}
	return s.redirect(w, r, "/body/reassure#own", savedFlash("statement-saved", sv.Crisis, sv.Safety))
}

func (s *Server) deleteStatement(w http.ResponseWriter, r *http.Request) error {
	if _, err := s.removeOwned(r, securebase.KindStatement); err != nil {
		return err
	}
	return s.redirect(w, r, "/body/reassure#own", "statement-deleted")
}

// toggleFavourite marks or unmarks a library statement, or one of the
// person's own (by its entry id), so it comes first in the flow.
func (s *Server) toggleFavourite(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	id := r.PostForm.Get("statement")
	a := principal(r).Actor
	back := "/body/reassure#" + id
	if r.PostForm.Get("at") != "" { // the star on the one statement shown large
		back = "/body/reassure?at=" + strconv.Itoa(deckAt(r, r.PostForm.Get("at")))
	}
	if _, err := practice.StatementByID(id); err != nil {
		own, ferr := s.ownStatementByID(r, a, id)
		if ferr != nil || own.Crisis {
			return securebase.FieldError("statement", "Choose a statement from the list.")
		}
		back = "/body/reassure#own"
	}
	if back == "/body/reassure#own" {
		on := r.PostForm.Get("favourite") != "off"
		if _, err := s.Entries.Change(r.Context(), a, securebase.KindStatement, id, entries.Latest,
			func(_ *securebase.Entry, p securebase.Payload) error {
				p.(*securebase.Statement).Starred = on
				return nil
			}); err != nil {
			return err
		}
		if on {
			return s.redirect(w, r, back, "favourite-on")
		}
		return s.redirect(w, r, back, "favourite-off")
	}
	on := r.PostForm.Get("favourite") != "off"
	if err := s.setLibraryFavourite(r, a, id, on); err != nil {
		return err
	}
	if !on {
		return s.redirect(w, r, back, "favourite-off")
	}
	return s.redirect(w, r, back, "favourite-on")
}

// setLibraryFavourite stars or unstars a statement of the library: the
// star on /body/reassure and the one in the flow (/sos).
func (s *Server) setLibraryFavourite(r *http.Request, a securebase.Actor, id string, on bool) error {
	if _, err := practice.StatementByID(id); err != nil {
		return securebase.FieldError("statement", "Choose a statement from the list.")
	}
	if !on {
		err := s.Entries.DeleteEntry(r.Context(), a, securebase.KindFavourite, securebase.FavouriteID(id))
		if err != nil && securebase.ErrorCode(err) != securebase.ENOTFOUND {
			return err
		}
		return nil
	}
	_, err := s.setFavourite(r, a, id)
	return err
}

func (s *Server) setFavourite(r *http.Request, a securebase.Actor, statement string) (bool, error) {
	sv, err := s.Entries.Save(r.Context(), a, entries.Draft{Payload: &securebase.Favourite{Statement: statement}}) // Keyed: the id follows
	return sv.Created, err
}

// API: favourites are a set of library statement ids.

func (s *Server) apiFavourites(w http.ResponseWriter, r *http.Request) error {
	favs, err := s.favourites(r, principal(r).Actor)
	if err != nil {
		return err
	}
	if favs == nil {
		favs = []string{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"favourites": favs})
	return nil
}

// pathStatement is the library statement a favourites API path names;
// an id the library does not have is 404.
func pathStatement(r *http.Request) (string, error) {
	id := r.PathValue("statement")
	if _, err := practice.StatementByID(id); err != nil {
		return "", securebase.Errorf(securebase.ENOTFOUND, "There's no statement with that id in the library.")
	}
	return id, nil
}

// apiGetFavourite answers whether one statement is a favourite: 200 with
// it, or 404.
func (s *Server) apiGetFavourite(w http.ResponseWriter, r *http.Request) error {
	id, err := pathStatement(r)
	if err != nil {
		return err
	}
	if _, err := s.Entries.FindEntry(r.Context(), principal(r).Actor, securebase.KindFavourite, securebase.FavouriteID(id)); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]string{"statement": id})
	return nil
}

func (s *Server) apiPutFavourite(w http.ResponseWriter, r *http.Request) error {
	id, err := pathStatement(r)
	if err != nil {
		return err
	}
	created, err := s.setFavourite(r, principal(r).Actor, id)
	if err != nil {
		return err
	}
	code := http.StatusOK
	if created {
		code = http.StatusCreated
	}
	writeJSON(w, code, saved{Item: map[string]string{"statement": id}, Crisis: false})
	return nil
}

func (s *Server) apiDeleteFavourite(w http.ResponseWriter, r *http.Request) error {
	id, err := pathStatement(r)
	if err != nil {
		return err
	}
	if err := s.Entries.DeleteEntry(r.Context(), principal(r).Actor, securebase.KindFavourite, securebase.FavouriteID(id)); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
