package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/content"
	"github.com/securebase/securebase/practice"
)

// Learn (H1, H2): the lessons and the questions people ask. The content
// package owns the words and renders them once at start; these handlers
// only pick what to show. The pages are public, like /help: the lessons
// are general reading, and a partner or a curious person can read them
// before making an account. Which lessons a person has read is marked in
// their own browser (static/learn.js), never sent here; see docs/learn.md.

type learnGroup struct {
	content.Pillar
	Lessons []content.Lesson
}

type learnIndexView struct {
	Groups  []learnGroup
	FAQ     content.FAQ
	Lessons int
}

func (s *Server) learnIndex(w http.ResponseWriter, r *http.Request) error {
	v := learnIndexView{FAQ: s.learn.FAQ(), Lessons: len(s.learn.Lessons())}
	for _, p := range content.Pillars() {
		v.Groups = append(v.Groups, learnGroup{Pillar: p, Lessons: s.learn.InPillar(p.ID)})
	}
	s.render(w, r, http.StatusOK, "learn", page{Title: "Learn", Nav: "learn", Data: v, Scripts: []string{"learn.js"}})
	return nil
}

type learnLessonView struct {
	Lesson content.Lesson
	Pillar content.Pillar
	Next   *content.Lesson
}

func (s *Server) learnLesson(w http.ResponseWriter, r *http.Request) error {
	l, ok := s.learn.Lesson(r.PathValue("slug"))
	if !ok {
		return securebase.Errorf(securebase.ENOTFOUND, "There's no lesson by that name. All the lessons are listed on the Learn page.")
	}
	v := learnLessonView{Lesson: l}
	for _, p := range content.Pillars() {
		if p.ID == l.Pillar {
			v.Pillar = p
		}
	}
	if next, ok := s.learn.Next(l.Slug); ok {
		v.Next = &next
	}
	s.render(w, r, http.StatusOK, "learn_lesson", page{Title: l.Title, Nav: "learn", Data: v, Scripts: []string{"learn.js"}})
	return nil
}

func (s *Server) learnFAQ(w http.ResponseWriter, r *http.Request) error {
	f := s.learn.FAQ()
	s.render(w, r, http.StatusOK, "learn_faq", page{Title: f.Title, Nav: "learn", Data: f})
	return nil
}

// pageExists answers content.IsRoute from the route table: a path is a
// page when a GET route matches it and it does not name a person's own
// object. The one {id} a lesson may name is a built-in breathing pattern,
// which is the same for everyone.
func pageExists(mux *http.ServeMux, routes []Route) content.IsRoute {
	owned := map[string]bool{}
	for _, rt := range routes {
		if rt.Owned != "" {
			owned[rt.Method+" "+rt.Pattern] = true
		}
	}
	return func(p string) bool {
		_, pattern := mux.Handler(&http.Request{Method: http.MethodGet, Host: "localhost", URL: &url.URL{Path: p}})
		switch {
		case pattern == "" || pattern == "/":
			return false
		case pattern == "GET /body/breathe/{id}":
			_, err := practice.PatternByID(strings.TrimPrefix(p, "/body/breathe/"))
			return err == nil
		case owned[pattern]:
			return false
		}
		return true
	}
}
