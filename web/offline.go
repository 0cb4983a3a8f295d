package web

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"sort"
	"strings"

	"github.com/securebase/securebase/practice"
)

// Offline (I5): a web app manifest and a service worker at the root scope.
// The worker keeps the static files, and, for a signed-in person, the
// pages that must work without a network: the flow, the body tools, help
// with their country's lines, their safety plan and the Learn lessons.
// Pages are cached
// only from a signed-in browser and dropped at sign-out. Episodes made
// offline wait in IndexedDB (offline.js) and go to the API when the
// network returns, with ids chosen on the device, so none is doubled.

//go:embed sw.js
var swSource string

// offlinePages are the pages the worker keeps for offline use.
func offlinePages() []string {
	pages := []string{"/sos", "/body", "/body/breathe", "/body/ground", "/body/name", "/body/pause",
		"/body/reassure", "/help", "/help/more", "/help/safety", "/safety-plan", "/behaviour/pause"}
	for _, p := range practice.Patterns() {
		pages = append(pages, "/body/breathe/"+p.ID)
	}
	for _, e := range practice.Exercises() {
		pages = append(pages, "/body/ground?exercise="+e.ID)
	}
	return pages
}

// buildWorker fills the worker's version, static files and pages. The
// version changes whenever any static file does, so a new release
// replaces the old cache.
func buildWorker(st *staticFiles, learn []string) string {
	var names []string
	for name := range st.files {
		names = append(names, name)
	}
	sort.Strings(names)
	var urls []string
	h := sha256.New()
	for _, n := range names {
		urls = append(urls, st.url(n))
		h.Write([]byte(st.url(n)))
	}
	pages := append(offlinePages(), learn...) // Learn: read offline too
	h.Write([]byte(strings.Join(pages, ",")))
	h.Write([]byte(swSource))
	staticJSON, _ := json.Marshal(urls)
	pagesJSON, _ := json.Marshal(pages)
	return strings.NewReplacer(
		`"__VERSION__"`, `"`+hex.EncodeToString(h.Sum(nil)[:6])+`"`,
		`["__STATIC__"]`, string(staticJSON),
		`["__PAGES__"]`, string(pagesJSON),
	).Replace(swSource)
}

func (s *Server) serviceWorker(w http.ResponseWriter, r *http.Request) error {
	h := w.Header()
	h.Set("Content-Type", "text/javascript; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	h.Set("Service-Worker-Allowed", "/")
	_, _ = w.Write([]byte(s.worker))
	return nil
}

func (s *Server) manifest(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "application/manifest+json")
	w.Header().Set("Cache-Control", "no-cache")
	writeManifest(w, s.static.url("icon.svg"))
	return nil
}

func writeManifest(w http.ResponseWriter, icon string) {
	m := map[string]any{
		"name":             "Secure Base",
		"short_name":       "Secure Base",
		"description":      "Calm your body, notice old beliefs, practise secure ways of relating.",
		"start_url":        "/today",
		"scope":            "/",
		"display":          "standalone",
		"background_color": "#f7f6f2",
		"theme_color":      "#1f6f6b",
		"icons":            []map[string]string{{"src": icon, "sizes": "any", "type": "image/svg+xml", "purpose": "any"}},
		"shortcuts": []map[string]string{
			{"name": "I'm activated", "url": "/sos"},
			{"name": "Help now", "url": "/help"},
		},
	}
	_ = json.NewEncoder(w).Encode(m)
}
