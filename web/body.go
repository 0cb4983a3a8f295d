package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/entries"
	"github.com/securebase/securebase/practice"
)

// The body tools (B1–B5) live under /body. Each tool page is one form:
// distress before (optional), the tool itself, distress after, and a save
// that logs a ToolUse. Scripts make the tools come alive (the pacer, one
// grounding step at a time, the pause timer); without them every page
// still reads top to bottom and saves.

// toolPath is each tool's page. Other features link to these paths, so
// they never change; a tool without a page of its own yet is "".
func toolPath(id string) string {
	switch id {
	case practice.ToolBreathe:
		return "/body/breathe"
	case practice.ToolGround:
		return "/body/ground"
	case practice.ToolName:
		return "/body/name"
	case practice.ToolReassure:
		return "/body/reassure"
	case practice.ToolPause:
		return "/body/pause"
	}
	return ""
}

type toolLink struct {
	practice.Tool
	Href string
}

func toolLinks() []toolLink {
	var out []toolLink
	for _, t := range practice.Tools() {
		out = append(out, toolLink{Tool: t, Href: toolPath(t.ID)})
	}
	return out
}

// bodyPage is the Body section: the tools, the flow, what works, the plan.
func (s *Server) bodyPage(w http.ResponseWriter, r *http.Request) error {
	s.render(w, r, http.StatusOK, "body", page{Title: "Body", Nav: "body", Data: struct {
		Lead  string
		Tools []toolLink
	}{pillarLead("body"), toolLinks()}})
	return nil
}

// toolView is what every tool page gets.
type toolView struct {
	Tool      practice.Tool
	StartedAt int64 // Unix ms when the page was made; scripts reset it on load

	Pattern   *patternView
	Exercise  practice.Exercise
	Exercises []practice.Exercise

	Regions []regionView
	Body    []practice.BodyLocation

	PauseIntro   string
	PauseLines   []practice.Line
	PauseLengths []int
	Statement    practice.Statement
}

type regionView struct {
	practice.Region
	Words []practice.EmotionWord
}

func regionViews() []regionView {
	var out []regionView
	for _, reg := range practice.Regions() {
		words, _ := practice.EmotionsIn(reg.ID)
		out = append(out, regionView{Region: reg, Words: words})
	}
	return out
}

func (s *Server) newToolView(tool string) toolView {
	t, _ := practice.ToolByID(tool)
	return toolView{Tool: t, StartedAt: s.Clock().UnixMilli()}
}

func (s *Server) buildGround(r *http.Request, f *form) (page, error) {
	id := r.URL.Query().Get("exercise")
	if f != nil && f.Get("exercise") != "" {
		id = f.Get("exercise")
	}
	if id == "" {
		id = practice.ExerciseSenses
	}
	ex, err := practice.ExerciseByID(id)
	if err != nil {
		return page{}, securebase.Errorf(securebase.ENOTFOUND, "There's no grounding exercise with that name.")
	}
	v := s.newToolView(practice.ToolGround)
	v.Exercise, v.Exercises = ex, practice.Exercises()
	return page{view: "ground", Title: ex.Name, Nav: "body", Focus: true, Data: v, Scripts: []string{"tools.js"}}, nil
}

func (s *Server) buildName(*http.Request, *form) (page, error) {
	v := s.newToolView(practice.ToolName)
	v.Regions, v.Body = regionViews(), practice.BodyLocations()
	return page{view: "name", Title: "Name the feeling", Nav: "body", Focus: true, Data: v, Scripts: []string{"tools.js"}}, nil
}

func (s *Server) buildPause(r *http.Request, _ *form) (page, error) {
	v := s.newToolView(practice.ToolPause)
	v.PauseIntro, v.PauseLines = practice.PauseIntro, practice.PauseLines()
	for _, d := range practice.PauseLengths() {
		v.PauseLengths = append(v.PauseLengths, int(d/time.Minute))
	}
	v.Statement = s.pickStatement(r)
	return page{view: "pause", Title: "Pause before you act", Nav: "body", Focus: true, Data: v, Scripts: []string{"tools.js"}}, nil
}

// pickStatement returns a reassurance to show: a favourite when there is
// one, else one from the library, changing with the minute.
func (s *Server) pickStatement(r *http.Request) practice.Statement {
	all := practice.Statements()
	if p := principal(r); p != nil {
		if favs, err := s.favourites(r, p.Actor); err == nil && len(favs) > 0 {
			if st, err := practice.StatementByID(favs[int(s.Clock().Unix()/60)%len(favs)]); err == nil {
				return st
			}
		}
	}
	return all[int(s.Clock().Unix()/60)%len(all)]
}

// logTool saves one use of a tool from any tool page.
func (s *Server) logTool(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	f := newForm(r.PostForm)
	u, err := toolUseForm(f, s.Clock())
	var sv entries.Saved
	if err == nil {
		sv, err = s.Entries.Save(r.Context(), principal(r).Actor, entries.Draft{Payload: u, ID: f.Get("id")})
	}
	if err != nil {
		return s.again(w, r, f, err, s.toolPage(u.Tool, f.Get("pattern")))
	}
	return s.redirect(w, r, "/body/works", savedFlash("practice-saved", sv.Crisis || highAtEnd(u.After), sv.Safety))
}

// highAtEnd reports a rating at the end of a tool or the flow that is
// still high: the crisis lines and the safety plan come forward.
func highAtEnd(after *int) bool { return after != nil && *after >= securebase.DistressHigh }

// toolPage is the page of a tool, to show a tool's form again with what
// was typed and why it could not be saved.
func (s *Server) toolPage(tool, pattern string) build {
	switch tool {
	case practice.ToolBreathe:
		return s.buildBreathe(pattern)
	case practice.ToolGround:
		return s.buildGround
	case practice.ToolName:
		return s.buildName
	case practice.ToolPause:
		return s.buildPause
	case practice.ToolReassure:
		return s.buildReassure
	}
	return func(*http.Request, *form) (page, error) {
		return page{}, securebase.FieldError("tool", "Choose a tool from the list.")
	}
}

// toolUseForm reads a tool page's form. Errors keep every value; the save
// path checks what the form could read.
func toolUseForm(f *form, now time.Time) (*securebase.ToolUse, error) {
	u := &securebase.ToolUse{Tool: f.Get("tool"), Pattern: f.Get("pattern"), Exercise: f.Get("exercise"),
		Statement: f.Get("statement"), EndedAt: now}
	var v securebase.Validation
	u.StartedAt = startedAt(f.Get("started_at"), now)
	u.Before = rating(&v, f, "before")
	u.After = rating(&v, f, "after")
	u.Words = wordsForm(&v, f)
	return u, v.Err()
}

// wordsForm reads the "name it" and "pause" fields of a form.
func wordsForm(v *securebase.Validation, f *form) securebase.Words {
	w := securebase.Words{Emotion: f.Get("emotion"), Because: f.Get("because"), Draft: f.Get("draft"),
		Body: f.Values["body"]}
	if own := securebase.OneLine(f.Get("emotion_own")); own != "" {
		w.Emotion = own
	}
	w.Intensity = rating(v, f, "intensity")
	return w
}

// rating reads an optional rating on the distress scale: empty means
// skipped.
func rating(v *securebase.Validation, f *form, field string) *int {
	if f.Get(field) == "" {
		return nil
	}
	n, err := securebase.ParseDistress(field, f.Get(field))
	if err != nil {
		v.Add(field, fmt.Sprintf("Choose a number from %d to %d, or leave it out.", securebase.DistressMin, securebase.DistressMax))
		return nil
	}
	return &n
}

// startedAt reads the Unix ms a script put in the form. A missing or
// strange value (a page kept open for days) falls back to now.
func startedAt(ms string, now time.Time) time.Time {
	n, err := strconv.ParseInt(ms, 10, 64)
	if err != nil {
		return now
	}
	t := time.UnixMilli(n)
	if t.After(now) || now.Sub(t) > securebase.MaxEpisodeLength {
		return now
	}
	return t
}

// valuesOf is a tiny helper for building forms in code.
func valuesOf(pairs ...string) url.Values {
	v := url.Values{}
	for i := 0; i+1 < len(pairs); i += 2 {
		v.Add(pairs[i], pairs[i+1])
	}
	return v
}
