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

// knownCookieName holds the known-browser value (account/known.go): a
// browser that has signed in before is never slowed by other people's
// wrong passwords.
func (s *Server) knownCookieName() string {
	if s.cfg.InsecureCookies {
		return "sbk"
	}
	return "__Host-sbk"
}

func (s *Server) setSessionCookie(w http.ResponseWriter, in *account.SignedIn) {
	http.SetCookie(w, s.cookie(s.cookieName(), in.Secret.String(), in.Session.ExpiresAt))
	if in.Known != "" {
		// It outlives the session on purpose (400 days, the longest
		// browsers keep a cookie), and is sent only to this site (Strict).
		c := s.cookie(s.knownCookieName(), in.Known, s.Clock().Add(400*24*time.Hour)) // #nosec G124 -- s.cookie sets HttpOnly and Secure (unless -insecure-cookies); SameSite is made stricter below
		c.SameSite = http.SameSiteStrictMode
		http.SetCookie(w, c)
	}
}

// client is what a sign-in needs to know about the browser asking.
func (s *Server) client(r *http.Request) account.Client {
	c := account.Client{Address: s.clientAddress(r), Device: deviceLabel(r.UserAgent())}
	if k, err := r.Cookie(s.knownCookieName()); err == nil {
		c.Known = k.Value
	}
	return c
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

// carried returns the posted fields worth keeping across a sign-in: what
// a person wrote, never a password, key or token they typed (those would
// be sent back in the page).
func carried(v url.Values) []field {
	var out []field
	for k, vals := range v {
		if secretField(k) || strings.HasPrefix(k, "carry") {
			continue
		}
		for _, val := range vals {
			out = append(out, field{Name: k, Value: val})
		}
	}
	return out
}

// secretField reports whether a form field holds a secret: a password
// (new, current, or to confirm), a recovery key or a token.
func secretField(name string) bool {
	n := strings.ToLower(name)
	return n == "current" || n == "key" || strings.Contains(n, "password") || strings.Contains(n, "recovery") ||
		strings.Contains(n, "token") || strings.Contains(n, "secret")
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
