package web

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/account"
)

// Body limits. Forms are small; an import carries a whole export, and a
// little room for the form around it.
const (
	maxBody   = 256 << 10
	maxImport = securebase.ImportMaxBytes + 64<<10
)

// request is what middleware learns about a request, kept in its context.
type request struct {
	id        string
	nonce     string
	route     string
	principal *account.Principal
	notes     notes // what the previous save left for this page (render.go)
	ids       int   // fresh ids drawn as marks (render_memo.go)
}

type ctxKey struct{}

func state(r *http.Request) *request {
	if st, ok := r.Context().Value(ctxKey{}).(*request); ok {
		return st
	}
	return &request{}
}

// principal returns who is signed in, or nil.
func principal(r *http.Request) *account.Principal { return state(r).principal }

func randomString(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// recorder remembers the status and size of a response for the log line.
type recorder struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (rec *recorder) WriteHeader(code int) {
	if rec.status == 0 {
		rec.status = code
	}
	rec.ResponseWriter.WriteHeader(code)
}

func (rec *recorder) Write(b []byte) (int, error) {
	if rec.status == 0 {
		rec.status = http.StatusOK
	}
	n, err := rec.ResponseWriter.Write(b)
	rec.bytes += n
	return n, err
}

func (rec *recorder) Unwrap() http.ResponseWriter { return rec.ResponseWriter }

// outer wraps every request: the log line, metrics, panic recovery,
// security headers with a fresh CSP nonce, and cross-origin protection.
func (s *Server) outer(next http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, securebase.Errorf(securebase.EFORBIDDEN,
			"This form came from another site, so we didn't act on it. Go back to Secure Base and try again from there."))
	}))
	guarded := cop.Handler(next)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		st := &request{id: randomString(9), nonce: randomString(18), route: "unmatched"}
		r = r.WithContext(context.WithValue(r.Context(), ctxKey{}, st))
		rec := &recorder{ResponseWriter: w}
		s.Metrics.inFlight.Add(1)
		defer func() {
			s.Metrics.inFlight.Add(-1)
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				s.Logger.Error("panic", "request_id", st.id, "route", st.route, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
				if rec.status == 0 {
					s.fail(rec, r, errors.New("panic"))
				}
			}
			d := time.Since(start)
			s.Metrics.observe(st.route, rec.status, d)
			s.Logger.LogAttrs(r.Context(), slog.LevelInfo, "request",
				slog.String("request_id", st.id), slog.String("method", r.Method), slog.String("route", st.route),
				slog.Int("status", rec.status), slog.Int("bytes", rec.bytes), slog.Float64("ms", float64(d.Microseconds())/1000))
		}()
		s.securityHeaders(rec, r, st.nonce)
		guarded.ServeHTTP(rec, r)
	})
}

func (s *Server) securityHeaders(w http.ResponseWriter, r *http.Request, nonce string) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'none'; script-src 'self' 'nonce-"+nonce+"'; style-src 'self'; "+
		"img-src 'self' data:; connect-src 'self'; manifest-src 'self'; worker-src 'self'; "+
		"form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()")
	if s.https(r) {
		h.Set("Strict-Transport-Security", "max-age=63072000")
	}
}

func (s *Server) https(r *http.Request) bool {
	return r.TLS != nil || s.cfg.TrustProxy && r.Header.Get("X-Forwarded-Proto") == "https"
}

// wrap adapts a route: it names the request for logs, loads the session,
// enforces the route's access rule and body limit, and renders errors.
func (s *Server) wrap(rt Route) http.Handler {
	limit := int64(maxBody)
	if rt.BodyLimit > 0 {
		limit = rt.BodyLimit
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		st := state(r)
		st.route = rt.Name
		if !rt.Cached {
			w.Header().Set("Cache-Control", "no-store")
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		if err := s.authenticate(w, r, rt); err != nil {
			s.fail(w, r, err)
			return
		}
		if rt.Access == SignedIn && st.principal == nil {
			s.askToSignIn(w, r)
			return
		}
		if r.Method == http.MethodGet && rt.Access != API && !rt.Sessionless {
			s.takeNotes(w, r)
		}
		if err := rt.handle(w, r); err != nil {
			s.fail(w, r, err)
		}
	})
}

// authenticate loads the principal from the session cookie or, on the
// API, a bearer token. A stale cookie is cleared, not an error: the page
// then asks the person to sign in.
func (s *Server) authenticate(w http.ResponseWriter, r *http.Request, rt Route) error {
	st := state(r)
	if rt.Access == API {
		if auth := r.Header.Get("Authorization"); auth != "" {
			token, ok := strings.CutPrefix(auth, "Bearer ")
			if !ok {
				return securebase.Errorf(securebase.EUNAUTHORIZED, "Send the token as: Authorization: Bearer sbp_…")
			}
			p, err := s.Accounts.Authenticate(r.Context(), strings.TrimSpace(token))
			if err != nil {
				return err
			}
			st.principal = p
			return nil
		}
	}
	c, err := r.Cookie(s.cookieName())
	if err != nil || rt.Sessionless {
		if rt.Access == API {
			return securebase.Errorf(securebase.EUNAUTHORIZED, "Sign in, or send a personal access token as: Authorization: Bearer sbp_…")
		}
		return nil
	}
	p, err := s.Accounts.Authenticate(r.Context(), c.Value)
	if err == nil && p.Session.Kind != securebase.SessionBrowser {
		// A token pasted into the cookie is not a browser session: the
		// request is signed out, and the API says so.
		err = securebase.Errorf(securebase.EUNAUTHORIZED, "That cookie isn't a browser session. Sign in, or send a personal access token as: Authorization: Bearer sbp_…")
	}
	switch securebase.ErrorCode(err) {
	case "":
		st.principal = p
	case securebase.EUNAUTHORIZED:
		s.clearSessionCookie(w)
		if rt.Access == API {
			return err
		}
	default:
		return err
	}
	return nil
}

// clientAddress is the address rate limits count against.
func (s *Server) clientAddress(r *http.Request) string {
	if s.cfg.TrustProxy {
		if xff := r.Header.Get("X-Forwarded-For"); xff != "" {
			parts := strings.Split(xff, ",")
			return strings.TrimSpace(parts[len(parts)-1])
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
