// Package behaviour is the third pillar of Secure Base as data and rules:
// the vocabulary of the trigger and protest log (D1), pause before you send
// (D2), needs and boundaries (D3), consistency over intensity (D4), calm-time
// talk (D5), "did the fear come true?" (D6), and the counts the weekly look
// back (E2) takes from the log.
//
// The package is pure: no I/O, no clock, no other package of the project.
// Its words live in embedded JSON (data/*.json), are read and checked once by
// Load, and are then read-only: a *Catalog can be shared by every request.
// Every accessor returns a fresh copy, so a caller may sort or change what it
// gets. Functions that need the time take it as an argument.
//
// Ids are stable: they are stored in people's entries and exports. Never
// rename or reuse one; add new items with new ids (kebab-case). The tests
// keep a list of every id ever shipped and fail when one disappears.
//
// Every sentence a person reads follows VOICE.md in the shared folder: warm,
// plain, second person, short, no exclamation marks, no shame. The voice test
// checks the mechanical part of that. The frameworks come from the source
// articles (see docs/behaviour.md); the sentences are our own.
package behaviour

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"strings"
)

// data holds the package's words. It is never written.
//
//go:embed data/*.json
var data embed.FS

// List names one list of choices. Its value is also the form and JSON field
// name the web layer uses for it, so errors land next to the right input.
type List string

// The lists of the log (D1), the fear follow-up (D6), the pause (D2) and the
// flags (D4).
const (
	Happenings   List = "happening"    // what happened
	BodySignals  List = "body"         // what the body did
	Fears        List = "fear"         // the story I told myself
	Urges        List = "urges"        // the protest behaviour I felt pulled toward
	Instead      List = "instead"      // what I did instead
	Outcomes     List = "outcome"      // what I did with the urge
	Afterwards   List = "afterwards"   // how it went
	CameTrue     List = "came_true"    // the answer to "did it happen?"
	Holds        List = "hold"         // how long a message is held
	Questions    List = "question"     // fear-or-security questions while it waits
	HeldOutcomes List = "held_outcome" // what became of a held message
	GreenFlags   List = "green"        // signs of steadiness
	RedFlags     List = "red"          // signs of unsteadiness
)

// OwnWords is the id of the "in my own words" item of every list that has
// one. Choosing it means the person types the label themselves.
const OwnWords = "own-words"

// Item is one choice in a list.
type Item struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	// About explains the item in one line, for a hint or a screen reader.
	About string `json:"about"`
	// Own marks "in my own words": the page asks for a few words.
	Own bool `json:"own,omitempty"`
}

// Catalog is the validated vocabulary of the behaviour pillar. It is
// read-only after Load returns.
type Catalog struct {
	items map[List][]Item
	index map[List]map[string]int

	fears    []Fear
	outcomes map[List][]Outcome // Outcomes and HeldOutcomes
	holds    []Hold
	waiting  []Line
	released []Line

	needs needsFile
	flags flagsFile
	talk  talkFile
}

// Load reads and checks the embedded data. It fails loudly rather than
// serving a half-valid catalog; the server calls it once at start-up.
func Load() (*Catalog, error) { return load(data) }

func load(fsys fs.FS) (*Catalog, error) {
	var lf logFile
	var pf pauseFile
	c := &Catalog{items: map[List][]Item{}, index: map[List]map[string]int{}, outcomes: map[List][]Outcome{}}
	for name, v := range map[string]any{"log": &lf, "pause": &pf, "needs": &c.needs, "flags": &c.flags, "talk": &c.talk} {
		if err := decode(fsys, "data/"+name+".json", v); err != nil {
			return nil, err
		}
	}
	c.fears = lf.Fears
	c.holds = pf.Holds
	c.outcomes[Outcomes] = lf.Outcomes
	c.outcomes[HeldOutcomes] = pf.HeldOutcomes
	c.waiting, c.released = pf.Waiting, pf.Released

	fearItems := make([]Item, len(lf.Fears))
	for i, f := range lf.Fears {
		fearItems[i] = f.Item
	}
	lists := map[List][]Item{
		Happenings: lf.Happenings, BodySignals: lf.Body, Fears: fearItems, Urges: lf.Urges,
		Instead: lf.Instead, Outcomes: outcomeItems(lf.Outcomes), Afterwards: lf.Afterwards,
		CameTrue: lf.CameTrue, Holds: holdItems(pf.Holds), Questions: pf.Questions,
		HeldOutcomes: outcomeItems(pf.HeldOutcomes),
		GreenFlags:   flagItems(c.flags.Green), RedFlags: flagItems(c.flags.Red),
	}
	for l, items := range lists {
		if err := c.addList(l, items); err != nil {
			return nil, err
		}
	}
	if err := c.check(); err != nil {
		return nil, err
	}
	return c, nil
}

func decode(fsys fs.FS, name string, v any) error {
	raw, err := fs.ReadFile(fsys, name)
	if err != nil {
		return fmt.Errorf("behaviour: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("behaviour: %s: %w", name, err)
	}
	return nil
}

// isKebab reports whether id has the shape of every id: lower-case words
// of letters and digits joined by single hyphens, at most 40 characters.
func isKebab(id string) bool {
	if id == "" || len(id) > 40 || id[0] == '-' || id[len(id)-1] == '-' || strings.Contains(id, "--") {
		return false
	}
	for _, r := range id {
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') && r != '-' {
			return false
		}
	}
	return true
}

// checkID reports a malformed id.
func checkID(where, id string) error {
	if !isKebab(id) {
		return fmt.Errorf("behaviour: %s: id %q is not kebab-case of at most 40 characters", where, id)
	}
	return nil
}

// checkWords reports a missing or untidy sentence.
func checkWords(where, s string) error {
	if s == "" || strings.TrimSpace(s) != s || strings.Contains(s, "  ") {
		return fmt.Errorf("behaviour: %s: empty or untidy text %q", where, s)
	}
	return nil
}

func (c *Catalog) addList(l List, items []Item) error {
	if len(items) == 0 {
		return fmt.Errorf("behaviour: list %s is empty", l)
	}
	idx := map[string]int{}
	own := 0
	for i, it := range items {
		where := fmt.Sprintf("%s[%d]", l, i)
		if err := checkID(where, it.ID); err != nil {
			return err
		}
		if _, dup := idx[it.ID]; dup {
			return fmt.Errorf("behaviour: %s: id %q appears twice", l, it.ID)
		}
		idx[it.ID] = i
		if err := checkWords(where+".label", it.Label); err != nil {
			return err
		}
		if err := checkWords(where+".about", it.About); err != nil {
			return err
		}
		if it.Own != (it.ID == OwnWords) {
			return fmt.Errorf("behaviour: %s: only the item %q is in a person's own words", where, OwnWords)
		}
		if it.Own {
			own++
		}
	}
	if wantOwn := ownList(l); (own == 1) != wantOwn {
		return fmt.Errorf("behaviour: list %s: %d own-words items, want %v", l, own, wantOwn)
	}
	c.items[l] = items
	c.index[l] = idx
	return nil
}

// ownList reports the lists that end in "in my own words".
func ownList(l List) bool {
	switch l {
	case Happenings, BodySignals, Fears, Urges, Instead:
		return true
	}
	return false
}

// Items returns a copy of a list, in the order a page shows it, or nil for
// a list the catalog does not have.
func (c *Catalog) Items(l List) []Item {
	return append([]Item(nil), c.items[l]...)
}

// Item returns one item of a list, or a *FieldError (ErrNotFound) naming
// the list as the field.
func (c *Catalog) Item(l List, id string) (Item, error) {
	i, ok := c.index[l][id]
	if !ok {
		return Item{}, notFound(string(l))
	}
	return c.items[l][i], nil
}

// Has reports whether id is an item of list l.
func (c *Catalog) Has(l List, id string) bool {
	_, ok := c.index[l][id]
	return ok
}

// CheckIDs checks a multiple choice: every id must be in the list. It
// returns the ids without repeats, in the list's order, so two entries with
// the same choices store the same thing. No ids is a valid answer.
func (c *Catalog) CheckIDs(l List, ids []string) ([]string, error) {
	if len(ids) > len(c.items[l]) {
		return nil, invalid(string(l), "Choose from the list.", "more choices than items")
	}
	seen := map[int]bool{}
	for _, id := range ids {
		i, ok := c.index[l][id]
		if !ok {
			return nil, notFound(string(l))
		}
		seen[i] = true
	}
	out := make([]string, 0, len(seen))
	for i, it := range c.items[l] {
		if seen[i] {
			out = append(out, it.ID)
		}
	}
	return out, nil
}

// check runs every area's checks of the data the code relies on.
func (c *Catalog) check() error {
	for _, f := range []func() error{c.checkLog, c.checkPause, c.checkNeeds, c.checkFlags, c.checkTalk} {
		if err := f(); err != nil {
			return err
		}
	}
	return nil
}
