// Package web is Secure Base over HTTP: server-rendered pages that work
// without JavaScript, a JSON API under /api/v1, the middleware that keeps
// both private (CSP with a per-response nonce, cross-origin protection,
// no-store, body limits) and the static files, all embedded in the binary.
//
// It depends on the domain (securebase), on account for who is asking, and
// on the pure packages for content; never on sqlstore.
package web

import (
	"html/template"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/account"
	"github.com/securebase/securebase/assess"
	"github.com/securebase/securebase/content"
	"github.com/securebase/securebase/entries"
	"github.com/securebase/securebase/safety"
)

// Deps are the services the server uses. All are required.
type Deps struct {
	Accounts *account.Service
	Entries  *entries.Service // every save, read and delete of a person's entries
	DB       securebase.Pinger
	Lines    *safety.Directory
	Logger   *slog.Logger
	Clock    securebase.Clock
	Metrics  *Metrics
	Assess   *assess.Library        // questionnaires and the signs checklist (A1, A2)
	Feeds    securebase.FeedService // private calendar feeds (E5, issue 15); nil: none
}

// Config tunes the server.
type Config struct {
	// InsecureCookies drops the Secure attribute and the __Host- prefix,
	// for an instance served over plain HTTP on a private network. Browsers
	// treat http://localhost as secure, so local use does not need it.
	InsecureCookies bool
	// TrustProxy takes the client address from X-Forwarded-For's last hop
	// (for rate limits) when a reverse proxy sits in front.
	TrustProxy bool
	// TimeZone is the default for people who have not chosen one.
	TimeZone *time.Location
	// Version is shown on /healthz.
	Version string
}

// Server is the HTTP side of Secure Base. Build it with New.
type Server struct {
	Deps
	cache *personCache // Today's history and Insights per person (issue 15)
	marks marks        // render_memo.go: stand-ins for the nonce and fresh ids
	// fields is Today's empty check-in fields, rendered once (issue 15).
	fields     template.HTML
	fieldsOnce sync.Once
	cfg        Config
	views      *views
	static     *staticFiles
	routes     []Route
	handler    http.Handler
	zones      sync.Map // time zone name → *time.Location
	lineViews  sync.Map // country code → *lineView (crisis.go)
	worker     string   // the service worker, built once
	learn      *content.Library

	// countries are the care panel's country options, made once: the
	// directory is fixed when the server starts (issue 15, speed).
	countries     []countryOption
	countriesOnce sync.Once
}

// New builds a Server: it parses every template and hashes every static
// file once, here, so no request pays for it.
func New(d Deps, cfg Config) (*Server, error) {
	if cfg.TimeZone == nil {
		cfg.TimeZone = time.UTC
	}
	s := &Server{Deps: d, cfg: cfg, cache: newPersonCache(), marks: newMarks()}
	if s.Entries != nil && s.Entries.Store != nil {
		// Every write drops the person's cached Today and Insights.
		s.Entries.Store = changeNotifier{EntryService: s.Entries.Store, changed: s.cache.forget}
	}
	var err error
	if s.static, err = loadStatic(); err != nil {
		return nil, err
	}
	if s.views, err = loadViews(s.static); err != nil {
		return nil, err
	}
	s.routes = s.routeTable()
	mux := http.NewServeMux()
	for _, rt := range s.routes {
		mux.Handle(rt.Method+" "+rt.Pattern, s.wrap(rt))
	}
	// Lessons link to pages, so they load once the routes are known.
	if s.learn, err = content.Load(pageExists(mux, s.routes)); err != nil {
		return nil, err
	}
	s.worker = buildWorker(s.static, s.learn.Paths())
	mux.Handle("/", s.wrap(Route{Access: Public, Name: "not found", handle: s.notFound}))
	s.handler = s.outer(mux)
	return s, nil
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// Routes returns the route table, for tests that must cover every route
// (the isolation matrix) without anyone keeping a second list.
func (s *Server) Routes() []Route { return append([]Route(nil), s.routes...) }
