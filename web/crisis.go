package web

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/safety"
)

// The safety net (G1, G4, issue 8): which country's lines a page shows,
// the device's last known country, the country picker inside every care
// panel, the public JSON of the lines, and the help pages on getting more
// help and on safety in a relationship.

// countryCookie keeps the device's last known country, so a person who is
// signed out, or whose session ended, still meets their own lines. It
// holds a two-letter code and nothing else.
const countryCookie = "sb_country"

// crisisView is a country's lines as a page shows them at this moment:
// free lines that answer day and night first, closed lines last.
type crisisView struct {
	safety.Country
	Lines        []safety.LineNow
	Abuse        []safety.LineNow
	Checked      string // "21 November 2026"
	AbuseChecked string
}

func (s *Server) crisisViewOf(c safety.Country) crisisView {
	// Opening hours are kept to the minute, so the lines arranged at the
	// start of a minute hold for all of it: every page shows them, and
	// arranging them once per country and minute instead of on each
	// request also lets the page memo compare them by pointer (issue 15).
	now := s.Clock().Truncate(time.Minute)
	if v, ok := s.lineViews.Load(c.Code); ok {
		if lv := v.(*lineView); lv.at.Equal(now) {
			return lv.view
		}
	}
	at := now
	if len(c.Zones) > 0 {
		if loc, ok := s.location(c.Zones[0]); ok {
			now = now.In(loc)
		}
	}
	v := crisisView{Country: c, Lines: safety.Arrange(c.Lines, now), Abuse: safety.Arrange(c.Abuse, now),
		Checked: safety.HumanDate(c.Checked), AbuseChecked: safety.HumanDate(c.AbuseChecked)}
	s.lineViews.Store(c.Code, &lineView{at: at, view: v})
	return v
}

// lineView is a country's lines as arranged at the start of minute at.
// Shared between requests: never changed once made.
type lineView struct {
	at   time.Time
	view crisisView
}

// countryCode is the country whose lines the request should see: the
// signed-in person's choice, else this device's last known country.
func (s *Server) countryCode(r *http.Request) string {
	if p := principal(r); p != nil && p.User.Prefs.Country != "" {
		return p.User.Prefs.Country
	}
	if c, err := r.Cookie(countryCookie); err == nil {
		if known, ok := s.Lines.Country(c.Value); ok {
			return known.Code
		}
	}
	return ""
}

// crisisFor returns the lines to show: the person's or the device's
// country, the one asked for on /help, or the international fallback.
func (s *Server) crisisFor(r *http.Request) (crisisView, bool) {
	code := s.countryCode(r)
	if q := r.URL.Query().Get("country"); q != "" && r.URL.Path == "/help" {
		code = q
	}
	if c, ok := s.Lines.Country(code); ok {
		return s.crisisViewOf(c), true
	}
	return s.crisisViewOf(s.Lines.Fallback()), false
}

// rememberCountry keeps code on this device; "" forgets it.
func (s *Server) rememberCountry(w http.ResponseWriter, code string) {
	c := &http.Cookie{Name: countryCookie, Value: code, Path: "/", MaxAge: 400 * 24 * 3600,
		Secure: !s.cfg.InsecureCookies, HttpOnly: true, SameSite: http.SameSiteLaxMode} // #nosec G124 -- Secure unless -insecure-cookies
	if code == "" {
		c.MaxAge = -1
	}
	http.SetCookie(w, c)
}

// syncCountry copies a signed-in person's country to the device, so it is
// still known after they sign out or their session ends.
func (s *Server) syncCountry(w http.ResponseWriter, r *http.Request) {
	p := principal(r)
	if p == nil || p.User.Prefs.Country == "" {
		return
	}
	if c, err := r.Cookie(countryCookie); err != nil || c.Value != p.User.Prefs.Country {
		s.rememberCountry(w, p.User.Prefs.Country)
	}
}

// countryOptions are the countries of the directory, for pickers.
func (s *Server) countryOptions() []countryOption {
	s.countriesOnce.Do(func() {
		for _, c := range s.Lines.Countries() {
			s.countries = append(s.countries, countryOption{Code: c.Code, Name: c.Name})
		}
	})
	return slices.Clip(s.countries) // shared: an append copies
}

// chooseCountry is every care panel's picker: it remembers the country on
// this device and, for a signed-in person, in their settings.
func (s *Server) chooseCountry(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	c, ok := s.Lines.Country(r.PostForm.Get("country"))
	if !ok {
		return securebase.FieldError("country", "Choose a country from the list. If yours isn't there, the international help works everywhere.")
	}
	if p := principal(r); p != nil {
		prefs := p.User.Prefs
		prefs.Country = c.Code
		if err := s.Accounts.UpdatePrefs(r.Context(), p, prefs); err != nil {
			return err
		}
	}
	s.rememberCountry(w, c.Code)
	return s.redirect(w, r, safeNext(r.PostForm.Get("next"), "/help"), "country")
}

// signupCountry guesses the country for the sign-up form from the
// browser's languages ("en-GB" → GB); the page's script may then prefer
// the browser's time zone. The person can change it either way.
func (s *Server) signupCountry(r *http.Request) string {
	for _, region := range languageRegions(r.Header.Get("Accept-Language")) {
		if c, ok := s.Lines.Country(region); ok {
			return c.Code
		}
	}
	return ""
}

// languageRegions reads the two-letter regions of an Accept-Language
// header in its order ("en-GB,en;q=0.8,fr-CA" → GB, CA), at most eight.
func languageRegions(header string) []string {
	var out []string
	for _, part := range strings.SplitN(header, ",", 32) {
		tag, _, _ := strings.Cut(strings.TrimSpace(part), ";")
		if _, region, ok := strings.Cut(tag, "-"); ok {
			if code, ok := countryParam(region); ok {
				out = append(out, code)
				if len(out) == 8 {
					break
				}
			}
		}
	}
	return out
}

// countryParam reads a country code a person or client sent: two ASCII
// letters, any case, surrounding space ignored.
func countryParam(s string) (string, bool) {
	s = strings.ToUpper(strings.TrimSpace(s))
	if len(s) != 2 || s[0] < 'A' || s[0] > 'Z' || s[1] < 'A' || s[1] > 'Z' {
		return "", false
	}
	return s, true
}

// apiLine is a line in the public JSON.
type apiLine struct {
	safety.Line
	AlwaysOpen bool `json:"always_open"`
	OpenNow    bool `json:"open_now"`
}

type apiCountry struct {
	Code            string    `json:"code,omitempty"`
	Name            string    `json:"name"`
	Known           bool      `json:"known"`
	Emergency       string    `json:"emergency,omitempty"`
	EmergencyNote   string    `json:"emergency_note,omitempty"`
	Lines           []apiLine `json:"lines"`
	Checked         string    `json:"checked"`
	HowChecked      string    `json:"how_checked"`
	Abuse           []apiLine `json:"abuse"`
	AbuseChecked    string    `json:"abuse_checked,omitempty"`
	AbuseHowChecked string    `json:"abuse_how_checked,omitempty"`
	At              string    `json:"at"` // the moment open_now and the order describe
}

func apiLines(ls []safety.LineNow) []apiLine {
	out := []apiLine{}
	for _, l := range ls {
		out = append(out, apiLine{Line: l.Line, AlwaysOpen: l.AlwaysOpen(), OpenNow: l.OpenNow})
	}
	return out
}

// apiCrisisLines is GET /api/v1/crisis-lines?country=GB: public, cacheable
// JSON of one country's lines (or the international fallback, with known
// false), in the order a person should meet them now. Without ?country it
// lists the countries there are lines for.
func (s *Server) apiCrisisLines(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	var body any
	if !q.Has("country") {
		body = map[string]any{"countries": s.countryOptionsJSON()}
	} else {
		code, ok := countryParam(q.Get("country"))
		if !ok {
			return securebase.FieldError("country", "Give the country as two letters (ISO 3166-1), like GB or US.")
		}
		c, known := s.Lines.Country(code)
		if !known {
			c = s.Lines.Fallback()
		}
		v := s.crisisViewOf(c)
		body = apiCountry{Code: c.Code, Name: c.Name, Known: known, Emergency: c.Emergency, EmergencyNote: c.EmergencyNote,
			Lines: apiLines(v.Lines), Checked: c.Checked, HowChecked: c.HowChecked, Abuse: apiLines(v.Abuse),
			AbuseChecked: c.AbuseChecked, AbuseHowChecked: c.AbuseHowChecked, At: s.Clock().UTC().Truncate(time.Minute).Format(time.RFC3339)}
	}
	data, err := json.Marshal(body)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(data)
	etag := `"` + hex.EncodeToString(sum[:8]) + `"`
	h := w.Header()
	// Public: the same for everyone. An hour: open-now and the order
	// follow the clock, and the data changes only with a release.
	h.Set("Cache-Control", "public, max-age=3600")
	h.Set("ETag", etag)
	h.Set("Vary", "Accept-Encoding")
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	h.Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(append(data, '\n'))
	return nil
}

type countryJSON struct {
	Code  string `json:"code"`
	Name  string `json:"name"`
	Abuse bool   `json:"abuse_services"`
}

func (s *Server) countryOptionsJSON() []countryJSON {
	var out []countryJSON
	for _, c := range s.Lines.Countries() {
		out = append(out, countryJSON{Code: c.Code, Name: c.Name, Abuse: len(c.Abuse) > 0})
	}
	return out
}

// helpMore is G4, "When to get more help": signs that self-help is not
// enough, kinds of help, how to find it, a first session, and a part for
// the secure partner (#partner). Not a directory of providers.
func (s *Server) helpMore(w http.ResponseWriter, r *http.Request) error {
	s.render(w, r, http.StatusOK, "help_more", page{Title: "When to get more help", Nav: "help"})
	return nil
}

// helpSafety is the page on safety when a partner hurts, threatens or
// controls someone. Its address and title are plain on purpose: browser
// history may be seen by the partner.
func (s *Server) helpSafety(w http.ResponseWriter, r *http.Request) error {
	s.render(w, r, http.StatusOK, "help_safety", page{Title: "Help", Nav: "help"})
	return nil
}

// signupView is what the sign-up page needs for its country field.
type signupView struct {
	Countries []countryOption
	Zones     map[string]string // time zone → country code, written as JSON into the page
}

func (s *Server) signupData() signupView {
	return signupView{Countries: s.countryOptions(), Zones: s.Lines.ZoneCountries()}
}

// signupCountryField reads the sign-up form's country: empty (not chosen)
// or a country there are lines for.
func (s *Server) signupCountryField(f *form) (string, error) {
	code := strings.TrimSpace(f.Get("country"))
	if code == "" {
		return "", nil
	}
	c, ok := s.Lines.Country(code)
	if !ok {
		return "", securebase.FieldError("country", "Choose a country from the list, or leave it for now.")
	}
	return c.Code, nil
}
