package partner

import (
	"fmt"
	"time"
)

// baselineFile is the shape of data/baseline.json.
type baselineFile struct {
	About     string   `json:"about"`
	Intro     string   `json:"intro"`
	EveryDays int      `json:"every_days"`
	Markers   []Item   `json:"markers"`
	None      string   `json:"none"`
	One       string   `json:"one"`
	TwoOrMore []string `json:"two_or_more"`
}

// FieldMarkers names the baseline check's choices in errors.
const FieldMarkers = "markers"

// Level is how much load the baseline check (F5) found.
type Level string

// The levels, by how many markers are present.
const (
	Steady  Level = "steady" // none
	Notice  Level = "notice" // one: worth noticing
	Loaded  Level = "loaded" // two or more: guidance, and when to bring in help
	minLoad       = 2
)

// BaselineIntro opens the check.
func (c *Catalog) BaselineIntro() string { return c.baseline.Intro }

// BaselineEvery is how often the check is offered.
func (c *Catalog) BaselineEvery() time.Duration {
	return time.Duration(c.baseline.EveryDays) * 24 * time.Hour
}

// BaselineMarkers returns the depletion markers the check asks about.
func (c *Catalog) BaselineMarkers() []Item { return append([]Item(nil), c.baseline.Markers...) }

// BaselineResult is what one check found and what to say about it.
type BaselineResult struct {
	Present []Item // the markers ticked, in list order
	Level   Level
	// Lines are the words to show, in order.
	Lines []string
	// HelpPath is set when two or more markers are present: the page
	// links to "when to bring in help" (F6).
	HelpPath string
}

// CheckBaseline reads the markers a person ticked. With two or more it
// returns guidance and points to HelpPath. Unknown ids are an error, not
// silently dropped: a count that is off by one changes the answer.
func (c *Catalog) CheckBaseline(ticked []string) (BaselineResult, error) {
	if len(ticked) > len(c.baseline.Markers) {
		return BaselineResult{}, invalid(FieldMarkers, "Choose from the list.", "more ticks than markers")
	}
	seen := map[string]bool{}
	for _, id := range ticked {
		found := false
		for _, m := range c.baseline.Markers {
			found = found || m.ID == id
		}
		if !found {
			return BaselineResult{}, notFound(FieldMarkers)
		}
		seen[id] = true
	}
	var r BaselineResult
	for _, m := range c.baseline.Markers {
		if seen[m.ID] {
			r.Present = append(r.Present, m)
		}
	}
	switch n := len(r.Present); {
	case n == 0:
		r.Level, r.Lines = Steady, []string{c.baseline.None}
	case n < minLoad:
		r.Level, r.Lines = Notice, []string{c.baseline.One}
	default:
		r.Level, r.Lines, r.HelpPath = Loaded, append([]string(nil), c.baseline.TwoOrMore...), HelpPath
	}
	return r, nil
}

func (c *Catalog) checkBaseline() error {
	if err := words("baseline", append([]string{c.baseline.Intro, c.baseline.None, c.baseline.One}, c.baseline.TwoOrMore...)...); err != nil {
		return err
	}
	if c.baseline.EveryDays < 7 || c.baseline.EveryDays > 31 {
		return fmt.Errorf("partner: baseline every %d days, want 7–31", c.baseline.EveryDays)
	}
	if len(c.baseline.TwoOrMore) < 2 {
		return fmt.Errorf("partner: baseline guidance for two or more markers is missing")
	}
	if len(c.baseline.Markers) < 6 {
		return fmt.Errorf("partner: want the seed's six depletion markers at least")
	}
	return checkItems("baseline markers", c.baseline.Markers)
}
