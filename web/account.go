package web

import (
	"net/http"
	"regexp"
	"strings"
	"time"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/account"
	"github.com/securebase/securebase/crypt"
)

func (s *Server) home(w http.ResponseWriter, r *http.Request) error {
	if principal(r) != nil {
		http.Redirect(w, r, "/today", http.StatusSeeOther)
		return nil
	}
	s.render(w, r, http.StatusOK, "home", page{Title: "A calm place to practise feeling secure"})
	return nil
}

func (s *Server) signupPage(w http.ResponseWriter, r *http.Request) error {
	f := newForm(nil)
	f.Set("country", s.signupCountry(r))
	s.render(w, r, http.StatusOK, "signup", page{Title: "Create your account", Form: f, Data: s.signupData()})
	return nil
}

// signup creates the account and shows the recovery key once, in this
// response: it is stored nowhere, so there is no page to come back to.
func (s *Server) signup(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	f := newForm(r.PostForm)
	country, err := s.signupCountryField(f)
	var in *account.SignedIn
	var rk crypt.RecoveryKey
	if err == nil {
		in, rk, err = s.Accounts.SignUp(r.Context(), f.Get("username"), f.Get("password"), s.clientAddress(r), deviceLabel(r.UserAgent()))
	}
	if err != nil {
		f.fail(err)
		f.Set("password", "")
		s.render(w, r, status(err), "signup", page{Title: "Create your account", Form: f, Error: message(err), Data: s.signupData()})
		return nil
	}
	prefs := securebase.Prefs{Country: country}
	if loc, ok := s.location(f.Get("time_zone")); ok && loc != s.cfg.TimeZone {
		prefs.TimeZone = f.Get("time_zone") // the browser's zone, so "today" is the person's today
	}
	switch hf := f.Get("here_for"); hf { // who you are here for (issue 16); anything else is "my own"
	case securebase.HerePartner, securebase.HereBoth:
		prefs.HereFor = hf
	}
	if prefs != (securebase.Prefs{}) {
		_ = s.Accounts.UpdatePrefs(r.Context(), in.Principal, prefs) // best effort: settings can change both
	}
	if country != "" {
		s.rememberCountry(w, country)
	}
	s.setSessionCookie(w, in)
	state(r).principal = in.Principal
	s.render(w, r, http.StatusOK, "recovery", page{Title: "Your recovery key", Data: recoveryView{Key: rk.String(), Next: "/welcome"}})
	return nil
}

// recoveryKeyShape is how a recovery key is shown: eight groups of four
// Crockford base32 characters.
var recoveryKeyShape = regexp.MustCompile(`^[0-9A-Z]{4}(-[0-9A-Z]{4}){7}$`)

// recoveryKeyDownload returns the key the page posted as a text file. The
// server only echoes it back; it keeps no copy.
func (s *Server) recoveryKeyDownload(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	key := r.PostForm.Get("key")
	if !recoveryKeyShape.MatchString(key) {
		return securebase.Errorf(securebase.EINVALID, "That isn't a recovery key we made.")
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	name := "securebase-recovery-key.txt"
	if p := principal(r); p != nil {
		name = recoveryFileName(p.User.Username)
	}
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	// #nosec G705 -- only the key's own shape ([0-9A-Z-]) is echoed, as a text/plain download with nosniff
	_, _ = w.Write([]byte("Secure Base recovery key\n\n" + key + "\n\n" +
		"With this key you can set a new password if you forget yours. Without either, your writing cannot be opened by anyone, including the people who run the server.\n" +
		"Keep it somewhere safe and private, such as a password manager or a printed copy at home.\n"))
	return nil
}

func (s *Server) signinPage(w http.ResponseWriter, r *http.Request) error {
	if principal(r) != nil {
		http.Redirect(w, r, safeNext(r.URL.Query().Get("next"), "/today"), http.StatusSeeOther) // #nosec G710 -- safeNext keeps it on this site
		return nil
	}
	f := newForm(nil)
	f.Set("next", r.URL.Query().Get("next"))
	s.render(w, r, http.StatusOK, "signin", page{Title: "Sign in", Form: f})
	return nil
}

// signin starts a session. When the form carries writing from a session
// that ended mid-save, it shows that writing back, ready to save.
func (s *Server) signin(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	f := newForm(r.PostForm)
	f.Carry = carriedBack(r.PostForm)
	in, err := s.Accounts.SignIn(r.Context(), f.Get("username"), f.Get("password"), s.client(r))
	if err != nil {
		f.Set("password", "")
		s.render(w, r, status(err), "signin", page{Title: "Sign in", Form: f, Error: message(err)})
		return nil
	}
	s.setSessionCookie(w, in)
	if in.RecoveryKey != nil {
		// An account from before key rotation, brought up to date: its
		// old recovery key no longer opens it, so the new one is shown
		// once, now.
		state(r).principal = in.Principal
		s.render(w, r, http.StatusOK, "recovery", page{Title: "Your new recovery key", Data: recoveryView{Key: in.RecoveryKey.String(), Next: "/today"},
			Notice: "We've strengthened how your writing is locked. Your old recovery key no longer works; here is a new one."})
		return nil
	}
	next := safeNext(f.Get("next"), "/today")
	if len(f.Carry) > 0 {
		state(r).principal = in.Principal
		s.render(w, r, http.StatusOK, "resume", page{Title: "Save what you wrote", Form: f, Data: next})
		return nil
	}
	return s.redirect(w, r, next, "signed-in")
}

// carriedBack reads the fields a sign-in form carried (carry.NAME).
func carriedBack(v map[string][]string) []field {
	var out []field
	for k, vals := range v {
		if name, ok := strings.CutPrefix(k, "carry."); ok {
			for _, val := range vals {
				out = append(out, field{Name: name, Value: val})
			}
		}
	}
	return out
}

func (s *Server) resetPage(w http.ResponseWriter, r *http.Request) error {
	s.render(w, r, http.StatusOK, "reset", page{Title: "Set a new password with your recovery key"})
	return nil
}

func (s *Server) reset(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	f := newForm(r.PostForm)
	in, err := s.Accounts.Reset(r.Context(), f.Get("username"), f.Get("recovery_key"), f.Get("password"), s.client(r))
	if err != nil {
		f.fail(err)
		f.Set("password", "")
		s.render(w, r, status(err), "reset", page{Title: "Set a new password with your recovery key", Form: f, Error: message(err)})
		return nil
	}
	s.cache.forget(in.User.ID) // a new key: nothing read under the old one stays (issue 15)
	s.setSessionCookie(w, in)
	return s.redirect(w, r, "/today", "reset")
}

func (s *Server) signout(w http.ResponseWriter, r *http.Request) error {
	if err := s.Accounts.SignOut(r.Context(), principal(r)); err != nil && securebase.ErrorCode(err) != securebase.ENOTFOUND {
		return err
	}
	s.cache.forget(principal(r).User.ID) // nothing of theirs waits in memory after they leave
	s.clearSessionCookie(w)
	state(r).principal = nil
	return s.redirect(w, r, "/signin", "signed-out")
}

// location returns a named time zone, cached after its first load.
func (s *Server) location(name string) (*time.Location, bool) {
	if name == "" {
		return s.cfg.TimeZone, false
	}
	if v, ok := s.zones.Load(name); ok {
		return v.(*time.Location), true
	}
	loc, err := time.LoadLocation(name)
	if err != nil || name == "Local" {
		return s.cfg.TimeZone, false
	}
	s.zones.Store(name, loc)
	return loc, true
}

// userLocation is where the signed-in person's days begin and end.
func (s *Server) userLocation(r *http.Request) *time.Location {
	loc, _ := s.location(principal(r).User.Prefs.TimeZone)
	return loc
}
