package web

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/securebase/securebase/account"
)

// cookieName is __Host-sb: the prefix makes browsers insist on Secure,
// Path=/ and no Domain, so no subdomain can plant or read it.
func (s *Server) cookieName() string {
	if s.cfg.InsecureCookies {
		return "sb"
	}
	return "__Host-sb"
}

func (s *Server) setSessionCookie(w http.ResponseWriter, in *account.SignedIn) {
	http.SetCookie(w, s.cookie(s.cookieName(), in.Secret.String(), in.Session.ExpiresAt))
}

func (s *Server) clearSessionCookie(w http.ResponseWriter) {
	http.SetCookie(w, s.cookie(s.cookieName(), "", time.Time{}))
}

// askToSignIn answers a signed-in route without a session. A GET is sent
// to the sign-in page and back. A POST (a session that ended while the
// person was writing) gets the sign-in form at once, carrying what they
// typed, so signing in can finish the save instead of losing it.
func (s *Server) askToSignIn(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodGet {
		http.Redirect(w, r, "/signin?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
		return
	}
	_ = parseForm(r)
	f := newForm(nil)
	f.Set("next", r.URL.Path)
	f.Carry = carried(r.PostForm)
	s.render(w, r, http.StatusUnauthorized, "signin", page{Title: "Sign in", Form: f,
		Notice: "Your session ended, so we haven't saved yet. Sign in and we'll bring back what you wrote."})
}

// carried returns the posted fields worth keeping across a sign-in.
func carried(v url.Values) []field {
	var out []field
	for k, vals := range v {
		if k == "password" || k == "current" || strings.HasPrefix(k, "carry") {
			continue
		}
		for _, val := range vals {
			out = append(out, field{Name: k, Value: val})
		}
	}
	return out
}

// safeNext accepts only a local path, so ?next= cannot send anyone away.
// Browsers drop tabs and newlines from a URL and read "\\" as "/", so
// "/\t/evil.example" would be "//evil.example" to them: any control
// character or backslash makes next unusable.
func safeNext(next, fallback string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") ||
		strings.ContainsFunc(next, func(r rune) bool { return r < 0x20 || r == 0x7f || r == '\\' }) {
		return fallback
	}
	return next
}

// deviceLabel names a browser the way a person would ("Firefox on
// Android") from its User-Agent, for the list of sessions. The full
// User-Agent is never stored.
func deviceLabel(ua string) string {
	browser := "A browser"
	for _, b := range []struct{ token, name string }{
		{"Edg/", "Edge"}, {"OPR/", "Opera"}, {"Firefox/", "Firefox"}, {"Chrome/", "Chrome"}, {"Safari/", "Safari"},
	} {
		if strings.Contains(ua, b.token) {
			browser = b.name
			break
		}
	}
	system := ""
	for _, o := range []struct{ token, name string }{
		{"Android", "Android"}, {"iPhone", "iPhone"}, {"iPad", "iPad"}, {"Mac OS X", "Mac"},
		{"Windows", "Windows"}, {"CrOS", "ChromeOS"}, {"Linux", "Linux"},
	} {
		if strings.Contains(ua, o.token) {
			system = o.name
			break
		}
	}
	if system == "" {
		return browser
	}
	return browser + " on " + system
}
