package web

import (
	"net/http"
	"strings"

	"github.com/securebase/securebase"
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

// section is one of the program's sections. Each says what it is for;
// the features that fill it arrive with their own routes.
type section struct {
	Slug, Title, Lead string
}

func sections() []section {
	return []section{
		{"body", "Body", "Your body usually knows you're scared before your mind does. These tools help it settle first, so that thinking clearly becomes possible again."},
		{"beliefs", "Beliefs", "Old beliefs, like “people always leave”, can colour every message you read. Here you look at them slowly, with curiosity, and try kinder ones."},
		{"behaviour", "Behaviour", "Once your body is calmer and your beliefs are softer, new ways of relating get easier: asking for what you need, holding a boundary, pausing before you send."},
		{"insights", "Insights", "What you log here turns into a picture of what helps you. Every number is worked out from your own entries."},
	}
}

func (s *Server) section(w http.ResponseWriter, r *http.Request) error {
	name := r.PathValue("name")
	for _, sec := range sections() {
		if sec.Slug == name {
			s.render(w, r, http.StatusOK, "section", page{Title: sec.Title, Nav: sec.Slug, Data: sec})
			return nil
		}
	}
	return securebase.Errorf(securebase.ENOTFOUND, "There's no section with that name.")
}
