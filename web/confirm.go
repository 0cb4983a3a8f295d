package web

import (
	"net/http"
	"strings"
	"time"

	"github.com/securebase/securebase"
)

// Deleting is safe (issue 12): every form that deletes a person's entry
// asks first. The delete button posts to its route as before; without
// confirm=yes the answer is a page that says what will go and asks again,
// with "Yes, delete it" (the same route, confirm=yes) and "Keep it". No
// script is needed. A new kind's delete route (POST …/{id}/delete with
// Owned set to its kind) is covered without any change here.

type confirmView struct {
	Kind    string
	When    time.Time
	Summary string
	Action  string // the route that deletes, posted again with confirm=yes
	Back    string // where "Keep it" goes
}

// confirmDeletes wraps the handler of every route that deletes an entry
// from a form, so the first press shows the confirm page.
func (s *Server) confirmDeletes(routes []Route) []Route {
	for i, rt := range routes {
		if rt.Method != http.MethodPost || !strings.HasSuffix(rt.Pattern, "/{id}/delete") {
			continue
		}
		in, ok := securebase.InfoOf(securebase.Kind(rt.Owned))
		if !ok {
			if rt.Owned == "session" || rt.Owned == "token" {
				routes[i].handle = s.confirmEnd(rt.Owned, rt.handle) // confirm_end.go
			}
			continue
		}
		routes[i].handle = s.confirmFirst(in, rt.handle)
	}
	return routes
}

func (s *Server) confirmFirst(in securebase.KindInfo, h func(http.ResponseWriter, *http.Request) error) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		if err := parseForm(r); err != nil {
			return err
		}
		if r.PostForm.Get("confirm") == "yes" {
			return h(w, r)
		}
		e, err := s.findOwned(r, in.Kind) // another's or a gone entry: the same 404 as the delete
		if err != nil {
			return err
		}
		loc := s.userLocation(r)
		v := confirmView{Kind: in.Title, When: e.OccurredAt.In(loc), Action: r.URL.Path, Back: entryPage(e.Kind, e.ID)}
		if v.Back == "" {
			v.Back = "/journal"
		}
		if fields, err := s.readableFields(e, loc); err == nil {
			v.Summary = summary(fields)
		}
		s.render(w, r, http.StatusOK, "confirm", page{Title: "Delete this?", Data: v})
		return nil
	}
}
