package web

import (
	"net/http"
	"strings"
)

type helpView struct {
	Countries []countryOption
}

type countryOption struct {
	Code, Name string
}

// help shows the crisis lines for the person's country, or asks for the
// country and shows international help meanwhile. It works signed out.
func (s *Server) help(w http.ResponseWriter, r *http.Request) error {
	f := newForm(nil)
	code := strings.ToUpper(r.URL.Query().Get("country"))
	status := http.StatusOK
	if code != "" {
		if _, ok := s.Lines.Country(code); !ok {
			f.Errors["country"] = "We don't have lines for that country yet. The international help below works everywhere."
			status = http.StatusNotFound
		}
	}
	f.Set("country", code)
	v := helpView{}
	for _, c := range s.Lines.Countries() {
		v.Countries = append(v.Countries, countryOption{Code: c.Code, Name: c.Name})
	}
	s.render(w, r, status, "help", page{Title: "Help now", Nav: "help", Form: f, Data: v})
	return nil
}

// pillarLead is a pillar page's opening line (the Body and Behaviour tabs).
func pillarLead(slug string) string {
	switch slug {
	case "body":
		return "Your body usually knows you're scared before your mind does. These tools help it settle first, so that thinking clearly becomes possible again."
	case "behaviour":
		return "Once your body is calmer and your beliefs are softer, new ways of relating get easier: asking for what you need, holding a boundary, pausing before you send."
	}
	return ""
}
