package web

import (
	"encoding/hex"
	"net/http"
	"time"

	"github.com/securebase/securebase"
)

// Ending a session or a token asks first too (issue 12), the way an entry's
// delete does (confirm.go): the Sign out or Revoke button in Settings posts
// to its route; without confirm=yes the answer is a page that names what
// will end and asks again. Nothing written is lost either way, but a token
// ended by a slip breaks the app that used it, and signing out this browser
// by a slip is a surprise.

type endView struct {
	Token   bool // an access token; otherwise a signed-in browser
	Current bool // this browser: confirming signs out here
	Label   string
	Made    time.Time
	Action  string // the route that ends it, posted again with confirm=yes
}

func (s *Server) confirmEnd(owned string, h func(http.ResponseWriter, *http.Request) error) func(http.ResponseWriter, *http.Request) error {
	kind := securebase.SessionBrowser
	if owned == "token" {
		kind = securebase.SessionToken
	}
	return func(w http.ResponseWriter, r *http.Request) error {
		if err := parseForm(r); err != nil {
			return err
		}
		if r.PostForm.Get("confirm") == "yes" {
			return h(w, r)
		}
		p := principal(r)
		list, err := s.Accounts.Sessions(r.Context(), p, kind)
		if err != nil {
			return err
		}
		id := r.PathValue("id")
		for _, sess := range list {
			if hex.EncodeToString(sess.ID) != id {
				continue
			}
			v := endView{Token: owned == "token", Current: string(sess.ID) == string(p.Session.ID),
				Label: sess.Label, Made: sess.CreatedAt.In(s.userLocation(r)), Action: r.URL.Path}
			title := "Sign out this browser?"
			if v.Token {
				title = "Revoke this token?"
			}
			s.render(w, r, http.StatusOK, "confirm_end", page{Title: title, Nav: "settings", Data: v})
			return nil
		}
		// Another person's, or one that has ended: the same answer as the
		// route itself gives.
		return securebase.Errorf(securebase.ENOTFOUND, "We couldn't find that session. It may have ended already.")
	}
}
