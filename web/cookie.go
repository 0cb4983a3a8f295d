package web

import (
	"net/http"
	"time"
)

// cookie builds every cookie the server sets, alike: Path=/, HttpOnly,
// SameSite=Lax, and Secure unless the operator chose -insecure-cookies.
// It lives until until, counted on the server's own clock (Deps.Clock),
// the clock sessions expire by; a zero until removes the cookie.
func (s *Server) cookie(name, value string, until time.Time) *http.Cookie {
	maxAge := -1
	if !until.IsZero() {
		maxAge = max(int(until.Sub(s.Clock()).Seconds()), 1)
	}
	// #nosec G124 -- HttpOnly, SameSite=Lax, and Secure unless the operator serves plain HTTP on a private network (-insecure-cookies)
	return &http.Cookie{Name: name, Value: value, Path: "/", MaxAge: maxAge,
		Secure: !s.cfg.InsecureCookies, HttpOnly: true, SameSite: http.SameSiteLaxMode}
}
