// Package assess holds the attachment questionnaires of Secure Base as data
// and scores them.
//
// A questionnaire (an [Instrument]) is a JSON file embedded from
// instruments/*.json: its citation, terms of use, instructions, response
// range, scales and items with their published wording and reverse keys.
// One generic scorer serves every instrument, so adding a questionnaire
// means adding a file, not code. The same package scores one person in the
// web app ([Instrument.Score]), whole data sets for research and checks
// ([ScoreCSV], [Alpha]), orders items for an attempt ([Order]), and carries
// the unscored "Signs I recognise" checklist ([Library.Signs]).
//
// Scores describe; they do not diagnose. [Region] and [FirstPillar] turn
// scores into soft words and a place to begin, never into a label.
//
// The package is pure: it imports no other package of the project and keeps
// no mutable state. Call [Load] once at start-up and share the [Library];
// everything it returns is read-only.
package assess

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// files holds the shipped questionnaires and checklist. It is the only
// package-level variable, and it is read-only.
//
//go:embed instruments/*.json signs.json
var files embed.FS

// DefaultID is the id of the questionnaire the app offers first (A1).
const DefaultID = "ecr-r"

// The two dimensions of adult attachment that [Region] and [FirstPillar]
// read. An instrument may carry other scales; these two are the ones the
// app draws on its map.
const (
	Anxiety   = "anxiety"
	Avoidance = "avoidance"
)

// An Instrument is one questionnaire, loaded from a JSON file whose fields
// are named by the json tags below (see docs/instruments.md).
type Instrument struct {
	ID        string `json:"id"`         // stable, lower case: "ecr-r"
	Name      string `json:"name"`       // full published name
	ShortName string `json:"short_name"` // "ECR-R"
	Citation  string `json:"citation"`   // reference to show with every result
	Source    string `json:"source"`     // where the items and terms come from
	Terms     string `json:"terms"`      // who may use it and how
	// About is the phrase the items use for the one person they ask about
	// ("this person"), empty for questionnaires about relationships in
	// general. Item texts keep the phrase; the app shows the chosen name
	// beside them.
	About        string   `json:"about,omitempty"`
	Instructions string   `json:"instructions"` // our own words
	Min          int      `json:"min"`          // lowest answer, e.g. 1
	Max          int      `json:"max"`          // highest answer, e.g. 7
	Anchors      []Anchor `json:"anchors"`
	Scales       []Scale  `json:"scales"`
	Items        []Item   `json:"items"`

	scale []int // scale index of each item, parallel to Items
}

// An Anchor labels one point of the response range. The published forms
// label only some points (both ends and the middle); the others show their
// number.
type Anchor struct {
	Value int    `json:"value"`
	Label string `json:"label"`
}

// A Scale is one score an instrument yields, the mean of its items.
type Scale struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"` // our own words, for the result page
}

// An Item is one statement. Text is the published wording and must not be
// edited: a validated questionnaire is valid only as published.
type Item struct {
	Number  int    `json:"number"` // 1..n, the published order
	Scale   string `json:"scale"`
	Reverse bool   `json:"reverse"` // scored as min+max-answer
	Text    string `json:"text"`
}

// A Library is the set of questionnaires and the signs checklist, parsed
// and validated once.
type Library struct {
	instruments []*Instrument // DefaultID first, then by id
	byID        map[string]*Instrument
	signs       *Signs
}

// Load parses the questionnaires and checklist built into the binary.
// An error here means a shipped file is broken, so callers should stop.
func Load() (*Library, error) {
	return LoadFS(files)
}

// LoadFS parses questionnaires from instruments/*.json and the checklist
// from signs.json in fsys, the layout of this package's directory. It lets
// an operator ship other instruments (os.DirFS) without rebuilding, and
// tests check validation with small in-memory files.
func LoadFS(fsys fs.FS) (*Library, error) {
	names, err := fs.Glob(fsys, "instruments/*.json")
	if err != nil {
		return nil, fmt.Errorf("assess: %w", err)
	}
	if len(names) == 0 {
		return nil, errors.New("assess: no instruments/*.json found")
	}
	lib := &Library{byID: make(map[string]*Instrument)}
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("assess: %w", err)
		}
		in, err := ParseInstrument(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if in.ID+".json" != path.Base(name) {
			return nil, fmt.Errorf("assess: %s: id %q should match the file name", name, in.ID)
		}
		lib.byID[in.ID] = in
		lib.instruments = append(lib.instruments, in)
	}
	slices.SortFunc(lib.instruments, func(a, b *Instrument) int {
		if (a.ID == DefaultID) != (b.ID == DefaultID) {
			if a.ID == DefaultID {
				return -1
			}
			return 1
		}
		return strings.Compare(a.ID, b.ID)
	})
	data, err := fs.ReadFile(fsys, "signs.json")
	if err != nil {
		return nil, fmt.Errorf("assess: %w", err)
	}
	if lib.signs, err = parseSigns(data); err != nil {
		return nil, fmt.Errorf("signs.json: %w", err)
	}
	return lib, nil
}

// Instrument returns the questionnaire with the given id.
func (l *Library) Instrument(id string) (*Instrument, bool) {
	in, ok := l.byID[id]
	return in, ok
}

// Instruments returns every questionnaire, the default first, then by id.
func (l *Library) Instruments() []*Instrument {
	return slices.Clone(l.instruments)
}

// Default returns the questionnaire the app offers first: the ECR-R, or,
// if an operator's library lacks it, the first by id.
func (l *Library) Default() *Instrument {
	return l.instruments[0]
}

// ParseInstrument decodes and validates one instrument file. Unknown fields
// are errors, so a misspelt "reverse" cannot silently drop a key.
func ParseInstrument(data []byte) (*Instrument, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	in := new(Instrument)
	if err := dec.Decode(in); err != nil {
		return nil, fmt.Errorf("assess: decoding instrument: %w", err)
	}
	if dec.More() {
		return nil, errors.New("assess: decoding instrument: data after the JSON object")
	}
	if err := in.validate(); err != nil {
		return nil, fmt.Errorf("assess: instrument %q: %w", in.ID, err)
	}
	return in, nil
}

// maxPoints bounds the response range; no questionnaire we know of has more
// than 11 points, and a bound keeps arithmetic and forms small.
const maxPoints = 101

// validate checks what the scorer relies on and fills the item-to-scale
// index. Item numbers must run 1..n in order, so that a column Qn and an
// answer for item n mean the same thing everywhere.
func (in *Instrument) validate() error {
	switch {
	case !validID(in.ID):
		return errors.New("id must be lower-case letters, digits and hyphens")
	case in.Name == "" || in.ShortName == "":
		return errors.New("name and short_name are required")
	case in.Citation == "" || in.Terms == "":
		return errors.New("citation and terms are required: ship no questionnaire without them")
	case in.Instructions == "":
		return errors.New("instructions are required")
	case in.Min < 0 || in.Min >= in.Max || in.Max-in.Min+1 > maxPoints:
		return fmt.Errorf("range %d..%d: want 0 <= min < max with at most %d points", in.Min, in.Max, maxPoints)
	case len(in.Scales) == 0 || len(in.Items) == 0:
		return errors.New("at least one scale and one item are required")
	}
	seen := make(map[int]bool)
	for _, a := range in.Anchors {
		if a.Value < in.Min || a.Value > in.Max || a.Label == "" || seen[a.Value] {
			return fmt.Errorf("anchor %d %q: want a unique value in %d..%d and a label", a.Value, a.Label, in.Min, in.Max)
		}
		seen[a.Value] = true
	}
	index := make(map[string]int, len(in.Scales))
	for i, s := range in.Scales {
		if s.ID == "" || s.Name == "" {
			return fmt.Errorf("scale %d: id and name are required", i+1)
		}
		if _, dup := index[s.ID]; dup {
			return fmt.Errorf("scale %q appears twice", s.ID)
		}
		index[s.ID] = i
	}
	counts := make([]int, len(in.Scales))
	in.scale = make([]int, len(in.Items))
	for i, it := range in.Items {
		if it.Number != i+1 {
			return fmt.Errorf("item %d is listed as number %d: number items 1..n in order", i+1, it.Number)
		}
		if strings.TrimSpace(it.Text) == "" {
			return fmt.Errorf("item %d has no text", it.Number)
		}
		s, ok := index[it.Scale]
		if !ok {
			return fmt.Errorf("item %d: unknown scale %q", it.Number, it.Scale)
		}
		in.scale[i] = s
		counts[s]++
	}
	for i, n := range counts {
		if n == 0 {
			return fmt.Errorf("scale %q has no items", in.Scales[i].ID)
		}
	}
	return nil
}

// validID reports whether id is fit for a file name and a URL.
func validID(id string) bool {
	return id != "" && strings.Trim(id, "abcdefghijklmnopqrstuvwxyz0123456789-") == ""
}

// scaleIndex returns the position of scale id in in.Scales, or -1.
func (in *Instrument) scaleIndex(id string) int {
	return slices.IndexFunc(in.Scales, func(s Scale) bool { return s.ID == id })
}
