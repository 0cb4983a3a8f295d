package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/entries"
	"github.com/securebase/securebase/insight"
	"github.com/securebase/securebase/practice"
)

// The "I'm activated" flow (B6) is one page, /sos: distress → breathe or
// ground → name it → reassurance → pause → distress again. Without
// scripts it is one long form; sos.js shows one step at a time, makes
// every step skippable, and saves through the offline queue and the API
// with an id it chooses, so a save replayed after a lost connection is
// stored once.

// sosPattern is the breathing in the flow: a slow exhale, four rounds
// (48 s), short enough that the whole flow fits in a minute or two.
const sosPatternID, sosRounds = practice.PatternSlowExhale, 4

type sosView struct {
	ID        string // for the form without scripts; scripts choose their own
	StartedAt int64
	Calm      []toolLink // breathe and ground, the person's best first
	Best      string
	Pattern   *patternView
	Exercise  practice.Exercise
	Regions   []regionView
	Body      []practice.BodyLocation
	Statement sosStatement
	Others    []sosStatement // more to cycle through
	PauseLine string
	Plan      planView
	SignedIn  bool
}

func (s *Server) buildSOS(r *http.Request, f *form) (page, error) {
	base, _ := practice.PatternByID(sosPatternID)
	p, _ := base.WithCycles(sosRounds)
	ex, _ := practice.ExerciseByID(practice.ExerciseSenses)
	v := sosView{ID: securebase.NewID(), StartedAt: s.Clock().UnixMilli(), Pattern: patternViewOf(p.ID, p), Exercise: ex,
		Regions: regionViews(), Body: practice.BodyLocations(), PauseLine: practice.PauseLines()[0].Text,
		Plan: planView{Empty: true}}
	if f != nil { // the form came back (a star, or a problem): the same episode
		if id := f.Get("id"); securebase.ValidID(id) {
			v.ID = id
		}
		v.StartedAt = startedAt(f.Get("started_at"), s.Clock()).UnixMilli()
	}
	calm := []string{practice.ToolBreathe, practice.ToolGround}
	statements := practice.Statements()
	var first []practice.Statement // the person's favourites, shown starred
	if pr := principal(r); pr != nil {
		v.SignedIn = true
		uses, _, err := s.loadUses(r.Context(), pr.Actor, 200)
		if err != nil {
			return page{}, err
		}
		if best := insight.Best(insight.Works(calm, uses), calm, 2); best != "" {
			v.Best = best
			if best == practice.ToolGround {
				calm = []string{practice.ToolGround, practice.ToolBreathe}
			}
		}
		if first, err = s.starredStatements(r, pr.Actor); err != nil {
			return page{}, err
		}
		statements = rotate(statements, int(s.Clock().Unix()/60))
		if v.Plan, err = s.loadPlan(r.Context(), pr.Actor); err != nil {
			return page{}, err
		}
	} else {
		statements = rotate(statements, int(s.Clock().Unix()/60))
	}
	for _, t := range calm {
		tool, _ := practice.ToolByID(t)
		v.Calm = append(v.Calm, toolLink{Tool: tool, Href: toolPath(t)})
	}
	v.Statement, v.Others = s.sosStatements(first, statements, f)
	return page{view: "sos", Title: "I'm activated", Nav: "sos", Focus: true, Data: v, Scripts: []string{"pacer.js", "tools.js", "sos.js"}}, nil
}

// sosStatement is one statement in the flow's reassurance step, with
// whether the person starred it.
type sosStatement struct {
	practice.Statement
	Favourite bool `json:"favourite"`
}

// sosStatements deals the flow's reassurance: the person's favourites
// first, then the library, each once, twelve in all. A statement whose words
// trip the crisis check is never shown (issue 8). When the form comes back
// after a star (no scripts), the statement that was starred stays on screen.
func (s *Server) sosStatements(first, library []practice.Statement, f *form) (sosStatement, []sosStatement) {
	var deck []sosStatement
	seen := map[string]bool{}
	add := func(st practice.Statement, fav bool) {
		if (st.ID != "" && seen[st.ID]) || s.Entries.Crisis(st.Text) {
			return
		}
		seen[st.ID] = st.ID != ""
		deck = append(deck, sosStatement{Statement: st, Favourite: fav})
	}
	if f != nil {
		id := f.Get("star") + f.Get("unstar")
		if st, err := practice.StatementByID(id); err == nil {
			add(st, f.Get("star") != "")
		}
	}
	for _, st := range first {
		add(st, true)
	}
	for _, st := range library {
		if len(deck) == 12 {
			break
		}
		add(st, false)
	}
	if len(deck) == 0 {
		return sosStatement{}, nil
	}
	return deck[0], deck[1:]
}

// starSOS stars (or unstars) the statement on the flow's reassurance step
// without scripts: the flow's form comes back with everything in it, on the
// same statement. With scripts the star posts to /body/favourites and the
// flow never leaves the page (sos.js).
func (s *Server) starSOS(w http.ResponseWriter, r *http.Request, f *form) error {
	id, on := f.Get("star"), true
	if id == "" {
		id, on = f.Get("unstar"), false
	}
	if err := s.setLibraryFavourite(r, principal(r).Actor, id, on); err != nil {
		return s.again(w, r, f, err, s.buildSOS)
	}
	f.Set("statement", id)
	return s.show(w, r, http.StatusOK, s.buildSOS, f, "")
}

// starredStatements are the statements the person starred, newest first:
// library ones, and their own only while their words pass the crisis
// check, so a sentence written in a crisis is never read back to them as
// reassurance (issue 8). Unstarred own statements stay out of the flow.
func (s *Server) starredStatements(r *http.Request, a securebase.Actor) ([]practice.Statement, error) {
	favs, err := s.favourites(r, a)
	if err != nil {
		return nil, err
	}
	own, err := s.ownStatements(r, a)
	if err != nil {
		return nil, err
	}
	var out []practice.Statement
	for _, o := range own {
		if o.Starred && !s.Entries.Crisis(o.Text) {
			out = append(out, practice.Statement{ID: "", Theme: "own", Text: o.Text})
		}
	}
	scripts, err := s.starredScripts(r) // beliefs_flow.go: starred secure scripts (C3)
	if err != nil {
		return nil, err
	}
	out = append(out, scripts...)
	for _, id := range favs {
		if st, err := practice.StatementByID(id); err == nil {
			out = append(out, st)
		}
	}
	return out, nil
}

func rotate[T any](xs []T, n int) []T {
	if len(xs) == 0 {
		return xs
	}
	n %= len(xs)
	return append(append([]T(nil), xs[n:]...), xs[:n]...)
}

// saveSOS stores the flow as an episode (the form without scripts, or a
// script whose queue could not reach the API).
func (s *Server) saveSOS(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	f := newForm(r.PostForm)
	if f.Get("star") != "" || f.Get("unstar") != "" {
		return s.starSOS(w, r, f)
	}
	ep, err := episodeForm(f, s.Clock())
	var sv entries.Saved
	if err == nil {
		sv, err = s.Entries.Save(r.Context(), principal(r).Actor, entries.Draft{Payload: ep, ID: f.Get("id")})
	}
	if err != nil {
		return s.again(w, r, f, err, s.buildSOS)
	}
	// The crisis lines and the safety plan come forward when distress is
	// still high at the end, or crisis language was written.
	return s.redirect(w, r, "/sos/episodes/"+sv.ID, savedFlash("episode-saved", sv.Crisis || highAtEnd(ep.After), sv.Safety))
}

// episodeForm reads the flow's form; the save path checks what it could
// read.
func episodeForm(f *form, now time.Time) (*securebase.Episode, error) {
	ep := &securebase.Episode{EndedAt: now, Pattern: f.Get("pattern"), Exercise: f.Get("exercise"), Statement: f.Get("statement")}
	var v securebase.Validation
	ep.StartedAt = startedAt(f.Get("started_at"), now)
	ep.Before = rating(&v, f, "before")
	ep.After = rating(&v, f, "after")
	ep.Words = wordsForm(&v, f)
	if tools := f.Get("tools"); tools != "" {
		ep.Tools = strings.Split(tools, ",")
	} else { // no script: the tools are what was filled in
		if c := f.Get("calm"); c != "" {
			ep.Tools = append(ep.Tools, c)
		}
		if ep.Emotion != "" || ep.Because != "" || len(ep.Body) > 0 || ep.Intensity != nil {
			ep.Tools = append(ep.Tools, practice.ToolName)
		}
		if f.Get("read") != "" {
			ep.Tools = append(ep.Tools, practice.ToolReassure)
		}
		if ep.Draft != "" {
			ep.Tools = append(ep.Tools, practice.ToolPause)
		}
	}
	if !contains(ep.Tools, practice.ToolBreathe) {
		ep.Pattern = ""
	}
	if !contains(ep.Tools, practice.ToolGround) {
		ep.Exercise = ""
	}
	return ep, v.Err()
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// episodeView is one episode as its page and the lists show it.
type episodeView struct {
	ID         string
	At         time.Time
	Before     *int
	After      *int
	Tools      []string
	Length     string
	Emotion    string
	Because    string
	Body       []string
	Intensity  *int
	Draft      string
	Statement  string
	HighAtEnd  bool
	ChangeText string // "Down by 3", "Up by 1", "No change"; "" when not rated twice
	ToolNames  string
}

func episodeViewOf(e *securebase.Entry, loc *time.Location) (episodeView, error) {
	p, err := e.Decode()
	if err != nil {
		return episodeView{}, err
	}
	ep := p.(*securebase.Episode)
	v := episodeView{ID: e.ID, At: ep.StartedAt.In(loc), Before: ep.Before, After: ep.After, Tools: ep.Tools,
		Length: humanLength(ep.Duration()), Emotion: ep.Emotion, Because: ep.Because, Intensity: ep.Intensity,
		Draft: ep.Draft}
	var names []string
	for _, t := range ep.Tools {
		if tool, err := practice.ToolByID(t); err == nil {
			names = append(names, tool.Name)
		}
	}
	v.ToolNames = strings.Join(names, ", ")
	for _, b := range ep.Body {
		if bl, err := practice.BodyLocationByID(b); err == nil {
			v.Body = append(v.Body, bl.Name)
		}
	}
	if st, err := practice.StatementByID(ep.Statement); err == nil {
		v.Statement = st.Text
	}
	v.HighAtEnd = highAtEnd(ep.After)
	if ep.Before != nil && ep.After != nil {
		v.ChangeText = changeText(*ep.After - *ep.Before)
	}
	return v, nil
}

func (s *Server) episodePage(w http.ResponseWriter, r *http.Request) error {
	e, err := s.findOwned(r, securebase.KindEpisode)
	if err != nil {
		return err
	}
	v, err := episodeViewOf(e, s.userLocation(r))
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "episode", page{Title: "Your episode", Nav: "body", Data: v})
	return nil
}

func (s *Server) deleteEpisode(w http.ResponseWriter, r *http.Request) error {
	if _, err := s.removeOwned(r, securebase.KindEpisode); err != nil {
		return err
	}
	return s.redirect(w, r, "/body/works", "episode-deleted")
}

// loadUses reads the person's most recent episodes and tool uses (up to
// limit of each) as records for package insight, and the episodes too.
func (s *Server) loadUses(ctx context.Context, a securebase.Actor, limit int) ([]insight.Use, []*securebase.Entry, error) {
	episodes, err := s.Entries.ListEntries(ctx, a, securebase.EntryFilter{Kind: securebase.KindEpisode, Limit: limit})
	if err != nil {
		return nil, nil, err
	}
	single, err := s.Entries.ListEntries(ctx, a, securebase.EntryFilter{Kind: securebase.KindToolUse, Limit: limit})
	if err != nil {
		return nil, nil, err
	}
	var uses []insight.Use
	for _, e := range episodes {
		p, err := e.Decode()
		if err != nil {
			return nil, nil, err
		}
		ep := p.(*securebase.Episode)
		uses = append(uses, insight.Use{Tools: ep.Tools, Before: ep.Before, After: ep.After, Duration: ep.Duration(), Episode: true})
	}
	for _, e := range single {
		p, err := e.Decode()
		if err != nil {
			return nil, nil, err
		}
		u := p.(*securebase.ToolUse)
		uses = append(uses, insight.Use{Tools: []string{u.Tool}, Before: u.Before, After: u.After, Duration: u.EndedAt.Sub(u.StartedAt)})
	}
	return uses, episodes, nil
}

type worksRow struct {
	toolLink
	insight.ToolStat
}

type worksView struct {
	Rows     []worksRow
	Recent   []episodeView
	Episodes int
	Singles  int
	Limit    int
}

// worksPage is "what works for me": per tool, uses and the average change
// in distress, then the recent episodes. Plain numbers, from the person's
// own log only.
func (s *Server) worksPage(w http.ResponseWriter, r *http.Request) error {
	const limit = 500
	uses, episodes, err := s.loadUses(r.Context(), principal(r).Actor, limit)
	if err != nil {
		return err
	}
	var ids []string
	for _, t := range practice.Tools() {
		ids = append(ids, t.ID)
	}
	v := worksView{Episodes: len(episodes), Singles: len(uses) - len(episodes), Limit: limit}
	links := toolLinks()
	for i, st := range insight.Works(ids, uses) {
		v.Rows = append(v.Rows, worksRow{toolLink: links[i], ToolStat: st})
	}
	loc := s.userLocation(r)
	for i, e := range episodes {
		if i == 10 {
			break
		}
		ev, err := episodeViewOf(e, loc)
		if err != nil {
			return err
		}
		v.Recent = append(v.Recent, ev)
	}
	s.render(w, r, http.StatusOK, "works", page{Title: "What works for me", Nav: "body", Data: v})
	return nil
}

// apiWorks is the same numbers as JSON.
func (s *Server) apiWorks(w http.ResponseWriter, r *http.Request) error {
	uses, _, err := s.loadUses(r.Context(), principal(r).Actor, 500)
	if err != nil {
		return err
	}
	var ids []string
	for _, t := range practice.Tools() {
		ids = append(ids, t.ID)
	}
	type row struct {
		Tool   string   `json:"tool"`
		Uses   int      `json:"uses"`
		Rated  int      `json:"rated"`
		Change *float64 `json:"average_change"`
	}
	out := []row{}
	for _, st := range insight.Works(ids, uses) {
		rw := row{Tool: st.Tool, Uses: st.Uses, Rated: st.Rated}
		if st.HasChange() {
			c := st.Change
			rw.Change = &c
		}
		out = append(out, rw)
	}
	writeJSON(w, http.StatusOK, map[string]any{"tools": out})
	return nil
}

// changeText says how distress moved, in words.
func changeText(d int) string {
	switch {
	case d < 0:
		return "Down by " + strconv.Itoa(-d)
	case d > 0:
		return "Up by " + strconv.Itoa(d)
	}
	return "No change"
}
