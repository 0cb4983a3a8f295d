package web

import (
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/belief"
	"github.com/securebase/securebase/chart"
	"github.com/securebase/securebase/entries"
)

// Beliefs, the second pillar (C1–C5, issue 13): the tab page, the
// core-belief inventory and its ratings over time, and the JSON hints for
// a thought. The words and rules are package belief's; the step flows are
// in beliefs_flow.go.

// beliefHinter is the thinking-trap hint engine, compiled from its
// embedded rules on first use and read-only afterwards.
var beliefHinter = sync.OnceValues(belief.NewHinter)

// maxBeliefEntries bounds how many entries of one kind the pages read.
const maxBeliefEntries = 500

// beliefLine is one belief as the pages show it: a core wound or one of
// the person's own, with its ratings over time.
type beliefLine struct {
	ID      string // a core wound id, or the key of an own belief
	Name    string // a short name: the wound's, or the person's own words
	Belief  string // the sentence
	Own     bool
	Latest  int
	Rated   bool
	Summary string       // the series in a sentence: the chart's text alternative
	Chart   *chart.Chart // from two ratings on
	Wound   belief.Wound
}

// beliefData is what the person's entries say about their beliefs:
// ratings by belief, and the newest words of each of their own beliefs.
type beliefData struct {
	points map[string][]belief.Point
	own    []string          // own belief keys, in the order they were first named
	words  map[string]string // own key → newest words
}

// loadBeliefs reads every rating: the ratings themselves and the
// re-ratings that end an inquiry (any kind that is BeliefRated).
func (s *Server) loadBeliefs(r *http.Request) (beliefData, error) {
	a := principal(r).Actor
	d := beliefData{points: map[string][]belief.Point{}, words: map[string]string{}}
	for _, k := range []securebase.Kind{securebase.KindBeliefRating, securebase.KindInquiry} {
		list, err := s.Entries.ListEntries(r.Context(), a, securebase.EntryFilter{Kind: k, Limit: maxBeliefEntries})
		if err != nil {
			return d, err
		}
		for i := len(list) - 1; i >= 0; i-- { // oldest first, so ratings at one time keep their order
			e := list[i]
			p, err := e.Decode()
			if err != nil {
				return d, err
			}
			if br, ok := p.(*securebase.BeliefRating); ok && br.Words != "" {
				if _, seen := d.words[br.Belief]; !seen {
					d.own = append(d.own, br.Belief)
				}
				d.words[br.Belief] = br.Words // the newest words win
			}
			rated, ok := p.(securebase.BeliefRated)
			if !ok {
				continue
			}
			if id, n, ok := rated.BeliefRating(); ok {
				d.points[id] = append(d.points[id], belief.Point{At: e.OccurredAt, Value: n})
			}
		}
	}
	return d, nil
}

// lines are the five core wounds, then the person's own beliefs.
func (d beliefData) lines(now time.Time) []beliefLine {
	var out []beliefLine
	for _, w := range belief.Wounds() {
		out = append(out, d.line(beliefLine{ID: w.ID, Name: w.Name, Belief: w.Belief, Wound: w}, now))
	}
	for _, id := range d.own {
		out = append(out, d.line(beliefLine{ID: id, Name: d.words[id], Belief: d.words[id], Own: true}, now))
	}
	return out
}

// find returns the belief with the given id, if the person can rate it.
func (d beliefData) find(id string, now time.Time) (beliefLine, bool) {
	for _, l := range d.lines(now) {
		if l.ID == id {
			return l, true
		}
	}
	return beliefLine{}, false
}

func (d beliefData) line(l beliefLine, now time.Time) beliefLine {
	series, err := belief.NewSeries(d.points[l.ID])
	if err != nil {
		return l
	}
	l.Summary = series.Summary(now)
	if p, ok := series.Latest(); ok {
		l.Latest, l.Rated = p.Value, true
	}
	if len(series.Points) >= 2 {
		pts := make([]chart.Point, len(series.Points))
		for i, p := range series.Points {
			pts[i] = chart.Point{At: p.At, Value: float64(p.Value)}
		}
		c := chart.Line{ID: "belief-" + l.ID, Title: "How true “" + l.Belief + "” has felt", Summary: l.Summary,
			YName: "How true it feels, 0 to 100", YMin: 0, YMax: 100,
			Series: []chart.Series{{Name: "How true", Points: pts}}}.Draw()
		l.Chart = &c
	}
	return l
}

// beliefTool is one tool of the pillar, as the tab lists it.
type beliefTool struct{ Href, Name, About string }

func beliefTools() []beliefTool {
	return []beliefTool{
		{"/beliefs/core", "How true does it feel?", "Rate the old beliefs, and your own, from 0 to 100. Watch them change over weeks."},
		{"/beliefs/inquiry", "Look at a belief", "Four gentle questions about one belief, one at a time."},
		{"/beliefs/thoughts", "Untangle a thought", "Slow down one anxious thought, notice its thinking traps, and find a kinder response."},
		{"/beliefs/scripts", "Secure scripts", "Pair an old belief with a kinder one, and star the ones to hear when you're activated."},
		{"/beliefs/inner-child", "A letter to your younger self", "Offer the comfort you needed back then, one step at a time."},
	}
}

type beliefsView struct {
	Tools   []beliefTool
	Beliefs []beliefLine
	Rated   bool
}

// beliefsPage is the Beliefs tab.
func (s *Server) beliefsPage(w http.ResponseWriter, r *http.Request) error {
	d, err := s.loadBeliefs(r)
	if err != nil {
		return err
	}
	v := beliefsView{Tools: beliefTools()}
	for _, l := range d.lines(s.Clock().In(s.userLocation(r))) {
		if l.Rated {
			v.Beliefs = append(v.Beliefs, l)
			v.Rated = true
		}
	}
	s.render(w, r, http.StatusOK, "beliefs", page{Title: "Beliefs", Nav: "beliefs", Data: v})
	return nil
}

// The inventory (C1): every belief with its latest rating; one belief to
// rate per screen.

type coreView struct {
	Beliefs []beliefLine
	Rate    *beliefLine // the belief being rated, or nil for the list
	NewOwn  bool        // writing a belief of one's own
	NewID   string
	TextMax int
}

func (s *Server) buildBeliefCore(r *http.Request, f *form) (page, error) {
	d, err := s.loadBeliefs(r)
	if err != nil {
		return page{}, err
	}
	now := s.Clock().In(s.userLocation(r))
	v := coreView{Beliefs: d.lines(now), NewID: s.freshID(r), TextMax: securebase.BeliefTextMax}
	id := r.URL.Query().Get("belief")
	if f != nil {
		id = f.Get("belief")
		if id == "" || f.Get("own") != "" {
			v.NewOwn = true
			v.NewID = f.Get("id")
		}
	}
	switch {
	case id == "own" && f == nil:
		v.NewOwn = true
	case id != "" && !v.NewOwn:
		if l, ok := d.find(id, now); ok {
			v.Rate = &l
		}
	}
	title := "How true does it feel?"
	if v.Rate != nil {
		title = "Rate: " + v.Rate.Name
	}
	return page{view: "belief_core", Title: title, Nav: "beliefs", Data: v}, nil
}

// saveBeliefRating stores one rating. A new own belief is named by the
// id of its first rating.
func (s *Server) saveBeliefRating(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	f := newForm(r.PostForm)
	b := &securebase.BeliefRating{Belief: f.Get("belief"), Words: f.Get("text")}
	id := f.Get("id")
	if b.Belief == "" && strings.TrimSpace(b.Words) != "" {
		if id == "" {
			id = securebase.NewID()
		}
		b.Belief = id
	}
	n, err := belief.ParseRating(f.Get("rating"))
	var sv entries.Saved
	if err == nil {
		b.Rating = n
		sv, err = s.Entries.Save(r.Context(), principal(r).Actor, entries.Draft{Payload: b, ID: id})
	}
	if err != nil {
		return s.again(w, r, f, err, s.buildBeliefCore)
	}
	return s.redirect(w, r, "/beliefs/core#b-"+b.Belief, savedFlash("belief-rated", sv.Crisis, sv.Safety))
}

// apiThoughtHints answers the thinking traps a thought's own words
// suggest, best first: {"traps": [{"id", "why"}]}.
func (s *Server) apiThoughtHints(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Thought *string `json:"thought"`
	}
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	if in.Thought == nil {
		return securebase.FieldError("thought", "Send thought, the words of the thought as a string.")
	}
	h, err := beliefHinter()
	if err != nil {
		return err
	}
	hints := h.Hints(*in.Thought)
	if hints == nil {
		hints = []belief.Hint{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"traps": hints})
	return nil
}

// secureForToday is "the secure belief for today" (C3): one of the
// suggested scripts and the person's own (those whose words pass the
// crisis check), a different one each day.
func (s *Server) secureForToday(r *http.Request, now time.Time) (string, error) {
	own, err := s.ownSecureLines(r)
	if err != nil {
		return "", err
	}
	var lines []string
	for _, sc := range belief.Scripts() {
		lines = append(lines, sc.Secure)
	}
	lines = append(lines, own...) // own ones in a stable order
	i := belief.PickForDay(now, strconv.FormatInt(principal(r).User.ID, 10), len(lines))
	return lines[i], nil
}
