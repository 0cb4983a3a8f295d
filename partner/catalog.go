// Package partner is the secure partner's track of Secure Base as data and
// rules (F1–F7): the decoder for protest behaviour, "not gone" repair
// messages, boundary delivery, the calm-time planner, the partner's own
// baseline check, when to bring in help, and the short list of signals that
// linked partners may send each other.
//
// The package is pure: no I/O, no clock, no other package of the project.
// Its words live in embedded JSON (data/*.json), read and checked once by
// Load; the *Catalog is read-only afterwards and every accessor returns a
// fresh copy. Functions that need the time take it as an argument.
//
// Ids are stable: they are stored in people's entries and exports. Never
// rename or reuse one; the tests keep every id ever shipped.
//
// The words speak to the steady partner with respect for both people (see
// VOICE.md): the anxious partner is never cast as a problem, the secure
// partner never as a therapist, and a boundary is care, not rejection.
// Anything that may be about violence or control points to SafetyPath,
// never to attachment work. docs/partner-safety.md is the design that the
// linked-partner feature follows; the signal rules here are its first part.
package partner

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

// Paths of the pages this package points to. They are built by other
// engineers; the names are fixed in TEAM.md.
const (
	// SafetyPath is relationship safety and intimate-partner violence.
	// Its name is neutral on purpose: browser history may be seen.
	SafetyPath = "/help/safety"
	// CrisisPath lists crisis lines for the person's country.
	CrisisPath = "/help"
	// MorePath is "when to see a clinician" (G4).
	MorePath = "/help/more"
	// HelpPath is this track's "when to bring in help" (F6).
	HelpPath = "/partner/help"
)

// Item is one choice with a short label and a one-line explanation.
type Item struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	About string `json:"about"`
}

// Line is a short line of text with a stable id.
type Line struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

// Slot is one blank of a composer: its id is the form field, Label the
// words beside it, Hint a line of help and Example a filled-in sample.
type Slot struct {
	ID       string `json:"id"`
	Label    string `json:"label"`
	Hint     string `json:"hint"`
	Example  string `json:"example"`
	Max      int    `json:"max"`
	Required bool   `json:"required,omitempty"`
}

// Prompt is one question of a planner, with examples of answers.
type Prompt struct {
	ID       string   `json:"id"`
	Label    string   `json:"label"`
	Hint     string   `json:"hint"`
	Examples []string `json:"examples"`
}

// Catalog is the validated data of the partner track. It is read-only
// after Load returns.
type Catalog struct {
	decoder    decoderFile
	repair     repairFile
	boundaries boundariesFile
	talk       talkFile
	baseline   baselineFile
	help       helpFile
	signals    signalsFile
}

// Load reads and checks the embedded data. It fails loudly rather than
// serving a half-valid catalog; the server calls it once at start-up.
func Load() (*Catalog, error) { return load(data) }

func load(fsys fs.FS) (*Catalog, error) {
	c := &Catalog{}
	files := map[string]any{
		"decoder": &c.decoder, "repair": &c.repair, "boundaries": &c.boundaries, "talk": &c.talk,
		"baseline": &c.baseline, "help": &c.help, "signals": &c.signals,
	}
	for name, v := range files {
		if err := decode(fsys, "data/"+name+".json", v); err != nil {
			return nil, err
		}
	}
	for _, check := range []func() error{c.checkDecoder, c.checkRepair, c.checkBoundaries, c.checkTalk, c.checkBaseline, c.checkHelp, c.checkSignals} {
		if err := check(); err != nil {
			return nil, err
		}
	}
	return c, nil
}

func decode(fsys fs.FS, name string, v any) error {
	raw, err := fs.ReadFile(fsys, name)
	if err != nil {
		return fmt.Errorf("partner: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("partner: %s: %w", name, err)
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

// ids checks a list's ids: kebab-case, at most 40 characters, no repeats.
func ids(where string, list []string) error {
	if len(list) == 0 {
		return fmt.Errorf("partner: %s is empty", where)
	}
	seen := map[string]bool{}
	for _, id := range list {
		if !isKebab(id) {
			return fmt.Errorf("partner: %s: id %q is not kebab-case of at most 40 characters", where, id)
		}
		if seen[id] {
			return fmt.Errorf("partner: %s: id %q appears twice", where, id)
		}
		seen[id] = true
	}
	return nil
}

// words checks that every text is there and tidy.
func words(where string, texts ...string) error {
	for _, s := range texts {
		if s == "" || strings.TrimSpace(s) != s || strings.Contains(s, "  ") {
			return fmt.Errorf("partner: %s: empty or untidy text %q", where, s)
		}
	}
	return nil
}

func checkItems(where string, items []Item) error {
	list := make([]string, len(items))
	for i, it := range items {
		list[i] = it.ID
		if err := words(where+" "+it.ID, it.Label, it.About); err != nil {
			return err
		}
	}
	return ids(where, list)
}

func checkLines(where string, lines []Line) error {
	list := make([]string, len(lines))
	for i, l := range lines {
		list[i] = l.ID
		if err := words(where+" "+l.ID, l.Text); err != nil {
			return err
		}
	}
	return ids(where, list)
}

// checkSlots checks a composer's slots against the ids the code expects.
func checkSlots(where string, slots []Slot, want ...string) error {
	if len(slots) != len(want) {
		return fmt.Errorf("partner: %s slots: want %v", where, want)
	}
	for i, s := range slots {
		if s.ID != want[i] {
			return fmt.Errorf("partner: %s slot %d is %q, want %q", where, i, s.ID, want[i])
		}
		if err := words(where+" slot "+s.ID, s.Label, s.Hint, s.Example); err != nil {
			return err
		}
		if s.Max < 5 || s.Max > 500 {
			return fmt.Errorf("partner: %s slot %s: max %d outside 5–500", where, s.ID, s.Max)
		}
	}
	return nil
}

func checkPrompts(where string, ps []Prompt) error {
	list := make([]string, len(ps))
	for i, p := range ps {
		list[i] = p.ID
		if len(p.Examples) == 0 {
			return fmt.Errorf("partner: %s prompt %s has no example", where, p.ID)
		}
		if err := words(where+" "+p.ID, append([]string{p.Label, p.Hint}, p.Examples...)...); err != nil {
			return err
		}
	}
	return ids(where, list)
}

func copyPrompts(ps []Prompt) []Prompt {
	out := make([]Prompt, len(ps))
	for i, p := range ps {
		out[i] = p
		out[i].Examples = append([]string(nil), p.Examples...)
	}
	return out
}
