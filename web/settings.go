package web

import (
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/account"
	"github.com/securebase/securebase/partner"
	"github.com/securebase/securebase/safety"
)

type settingsView struct {
	Countries []safety.Country
	Sessions  []sessionView
	Tokens    []sessionView
	TokenDays []int  // the lifetimes a token can have, the default first
	NewToken  string // shown once, right after it is made
	NewKey    string // a new recovery key, shown once
	HereFor   []hereFor
	Linked    bool   // linked with a partner (F7): Settings offers the unlink too
	Unlink    string // partner.UnlinkNote
}

// hereFor is one answer to "who are you here for?" (issue 16).
type hereFor struct{ Value, Label string }

var hereForChoices = []hereFor{
	{securebase.HereOwn, "My own attachment"},
	{securebase.HerePartner, "My partner's attachment"},
	{securebase.HereBoth, "Both"},
}

type sessionView struct {
	ID      string
	Label   string
	Current bool
	*securebase.Session
}

// settings shows every setting on one page, in sections.
func (s *Server) settings(w http.ResponseWriter, r *http.Request) error {
	return s.renderSettings(w, r, http.StatusOK, nil, "", settingsView{})
}

func (s *Server) renderSettings(w http.ResponseWriter, r *http.Request, status int, f *form, errMsg string, v settingsView) error {
	p := principal(r)
	if f == nil {
		f = newForm(nil)
	}
	// An error in another section (a token, the password) must not show
	// the saved preferences as empty: saving them next would erase them.
	if _, typed := f.Values["country"]; !typed {
		f.Set("country", p.User.Prefs.Country)
	}
	if _, typed := f.Values["time_zone"]; !typed {
		f.Set("time_zone", p.User.Prefs.TimeZone)
	}
	if _, typed := f.Values["here_for"]; !typed {
		f.Set("here_for", p.User.Prefs.HereFor)
		if p.User.Prefs.HereFor == "" {
			f.Set("here_for", securebase.HereOwn)
		}
	}
	v.Countries = s.Lines.Countries()
	v.HereFor = hereForChoices
	v.TokenDays = account.TokenLifetimes()
	for _, kind := range []string{securebase.SessionBrowser, securebase.SessionToken} {
		list, err := s.Accounts.Sessions(r.Context(), p, kind)
		if err != nil {
			return err
		}
		for _, sess := range list {
			sv := sessionView{ID: hex.EncodeToString(sess.ID), Label: sess.Label, Session: sess,
				Current: string(sess.ID) == string(p.Session.ID)}
			if kind == securebase.SessionBrowser {
				v.Sessions = append(v.Sessions, sv)
			} else {
				v.Tokens = append(v.Tokens, sv)
			}
		}
	}
	st, err := s.Accounts.Linked(r.Context(), p)
	if err != nil {
		return err
	}
	v.Linked, v.Unlink = st.Link != nil, partner.UnlinkNote
	s.render(w, r, status, "settings", page{Title: "Settings", Nav: "settings", Form: f, Error: errMsg, Data: v})
	return nil
}

// updatePrefs saves the country (for crisis lines) and the time zone.
func (s *Server) updatePrefs(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	f := newForm(r.PostForm)
	prefs := principal(r).User.Prefs
	var v securebase.Validation
	if code := strings.ToUpper(strings.TrimSpace(f.Get("country"))); code == "" {
		prefs.Country = ""
	} else if c, ok := s.Lines.Country(code); ok {
		prefs.Country = c.Code
	} else {
		v.Add("country", "We don't have crisis lines for that country yet. Choose another, or leave it empty to see international help.")
	}
	if tz := strings.TrimSpace(f.Get("time_zone")); tz == "" {
		prefs.TimeZone = ""
	} else if _, ok := s.location(tz); ok {
		prefs.TimeZone = tz
	} else {
		v.Add("time_zone", "We don't know that time zone. Use a name like Europe/London or America/New_York.")
	}
	// Who you are here for (issue 16): only when the form asks it.
	if _, asked := r.PostForm["here_for"]; asked {
		switch hf := f.Get("here_for"); hf {
		case securebase.HereOwn, securebase.HerePartner, securebase.HereBoth:
			prefs.HereFor = hf
		default:
			v.Add("here_for", "Choose who you are here for from the list.")
		}
	}
	if err := v.Err(); err != nil {
		f.fail(err)
		return s.renderSettings(w, r, http.StatusBadRequest, f, message(err), settingsView{})
	}
	if err := s.Accounts.UpdatePrefs(r.Context(), principal(r), prefs); err != nil {
		return err
	}
	s.rememberCountry(w, prefs.Country)
	return s.redirect(w, r, safeNext(f.Get("next"), "/settings"), "prefs")
}

func (s *Server) changePassword(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	f := newForm(r.PostForm)
	in, err := s.Accounts.ChangePassword(r.Context(), principal(r), f.Get("current"), f.Get("password"), deviceLabel(r.UserAgent()))
	if err != nil {
		f.fail(err)
		f.Set("current", "")
		f.Set("password", "")
		return s.renderSettings(w, r, status(err), f, message(err), settingsView{})
	}
	s.cache.forget(in.User.ID) // a new key: nothing read under the old one stays (issue 15)
	s.setSessionCookie(w, in)
	return s.redirect(w, r, "/settings", "password")
}

func (s *Server) newRecoveryKey(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	f := newForm(r.PostForm)
	rk, in, err := s.Accounts.NewRecoveryKey(r.Context(), principal(r), f.Get("key_password"), deviceLabel(r.UserAgent()))
	if err != nil {
		if msg := securebase.ErrorFields(err)["current"]; msg != "" {
			f.Errors["key_password"] = msg
		}
		f.Set("key_password", "")
		return s.renderSettings(w, r, status(err), f, message(err), settingsView{})
	}
	// The data key changed with it: this browser carries on in a new
	// session, every other one has ended.
	s.setSessionCookie(w, in)
	state(r).principal = in.Principal
	s.render(w, r, http.StatusOK, "recovery", page{Title: "Your new recovery key", Data: recoveryView{Key: rk.String(), Next: "/settings"}})
	return nil
}

// signoutEverywhere ends every session and token, this one too, and
// replaces the data key.
func (s *Server) signoutEverywhere(w http.ResponseWriter, r *http.Request) error {
	if err := s.Accounts.SignOutEverywhere(r.Context(), principal(r)); err != nil {
		return err
	}
	s.cache.forget(principal(r).User.ID) // a new key: nothing read under the old one stays
	s.clearSessionCookie(w)
	return s.redirect(w, r, "/signin", "everywhere")
}

// revokeSession ends one session or token. Ending the current session is
// the same as signing out.
func (s *Server) revokeSession(w http.ResponseWriter, r *http.Request) error {
	p := principal(r)
	id := r.PathValue("id")
	if err := s.Accounts.Revoke(r.Context(), p, id); err != nil {
		return err
	}
	if id == hex.EncodeToString(p.Session.ID) {
		s.clearSessionCookie(w)
		return s.redirect(w, r, "/signin", "signed-out")
	}
	flash := "revoked"
	if strings.HasPrefix(r.URL.Path, "/settings/tokens/") {
		flash = "token-revoked"
	}
	return s.redirect(w, r, "/settings#sessions", flash)
}

func (s *Server) createToken(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	f := newForm(r.PostForm)
	days, _ := strconv.Atoi(f.Get("days")) // 0 (the default) when missing; anything else unknown is refused
	if f.Get("days") != "" && days == 0 {
		days = -1
	}
	token, err := s.Accounts.CreateToken(r.Context(), principal(r), strings.TrimSpace(f.Get("label")), days)
	if err != nil {
		f.fail(err)
		return s.renderSettings(w, r, status(err), f, message(err), settingsView{})
	}
	return s.renderSettings(w, r, http.StatusOK, nil, "", settingsView{NewToken: token})
}

func (s *Server) deleteAccountPage(w http.ResponseWriter, r *http.Request) error {
	s.render(w, r, http.StatusOK, "delete", page{Title: "Delete your account", Nav: "settings"})
	return nil
}

func (s *Server) deleteAccount(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	f := newForm(r.PostForm)
	if err := s.Accounts.DeleteAccount(r.Context(), principal(r), f.Get("password")); err != nil {
		f.fail(err)
		f.Set("password", "")
		s.render(w, r, status(err), "delete", page{Title: "Delete your account", Nav: "settings", Form: f, Error: message(err)})
		return nil
	}
	s.cache.forget(principal(r).User.ID) // nothing of theirs stays in memory (issue 15)
	s.clearSessionCookie(w)
	state(r).principal = nil
	return s.redirect(w, r, "/", "deleted")
}
