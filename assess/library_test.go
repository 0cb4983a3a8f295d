package assess

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func mustLoad(t testing.TB) *Library {
	t.Helper()
	lib, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	return lib
}

func mustInstrument(t testing.TB, id string) *Instrument {
	t.Helper()
	in, ok := mustLoad(t).Instrument(id)
	if !ok {
		t.Fatalf("no instrument %q", id)
	}
	return in
}

func TestLoad(t *testing.T) {
	lib := mustLoad(t)
	var ids []string
	for _, in := range lib.Instruments() {
		ids = append(ids, in.ID)
	}
	if want := []string{"ecr-r", "ecr", "ecr-rs"}; !slices.Equal(ids, want) {
		t.Errorf("instruments = %v, want %v", ids, want)
	}
	if got := lib.Default().ShortName; got != "ECR-R" {
		t.Errorf("default = %s, want ECR-R", got)
	}
	if _, ok := lib.Instrument("nope"); ok {
		t.Error("Instrument(nope) found something")
	}
	// The published keys, written out here independently of the JSON files.
	tests := []struct {
		id         string
		items      int
		anxiety    []int
		reverse    []int
		about, cue string
	}{
		{"ecr-r", 36, seq(1, 18, 1), []int{9, 11, 20, 22, 26, 27, 28, 29, 30, 31, 33, 34, 35, 36}, "", "commercial"},
		{"ecr", 36, seq(2, 36, 2), []int{3, 15, 19, 22, 25, 27, 29, 31, 33, 35}, "", "research"},
		{"ecr-rs", 9, []int{7, 8, 9}, []int{1, 2, 3, 4}, "this person", "commercial"},
	}
	for _, tt := range tests {
		in, _ := lib.Instrument(tt.id)
		if len(in.Items) != tt.items || in.Min != 1 || in.Max != 7 {
			t.Errorf("%s: %d items on %d..%d, want %d on 1..7", tt.id, len(in.Items), in.Min, in.Max, tt.items)
		}
		var anx, rev []int
		for _, it := range in.Items {
			if it.Scale == Anxiety {
				anx = append(anx, it.Number)
			}
			if it.Reverse {
				rev = append(rev, it.Number)
			}
			if tt.about != "" && !strings.Contains(it.Text, tt.about) {
				t.Errorf("%s item %d does not say %q", tt.id, it.Number, tt.about)
			}
		}
		if !slices.Equal(anx, tt.anxiety) || !slices.Equal(rev, tt.reverse) {
			t.Errorf("%s: anxiety items %v, reverse %v; want %v, %v", tt.id, anx, rev, tt.anxiety, tt.reverse)
		}
		if in.About != tt.about || !strings.Contains(in.Terms, tt.cue) || in.Citation == "" {
			t.Errorf("%s: about %q, terms %q", tt.id, in.About, in.Terms)
		}
	}
}

func seq(from, to, step int) []int {
	var s []int
	for i := from; i <= to; i += step {
		s = append(s, i)
	}
	return s
}

// Nineteen ECR-R items are ECR items kept word for word, with the same key
// (ecr.md). The ECR's data-set codebook writes "him/her" where the ECR-R
// writes "him or her"; otherwise the texts must match exactly, which
// catches a typo in either file.
func TestSharedItems(t *testing.T) {
	lib := mustLoad(t)
	r, _ := lib.Instrument("ecr-r")
	e, _ := lib.Instrument("ecr")
	pairs := map[int]int{4: 6, 5: 10, 6: 4, 11: 22, 12: 26, 14: 16, 19: 1, 20: 15, 21: 21, 22: 3,
		23: 9, 24: 23, 25: 7, 26: 19, 28: 27, 29: 33, 30: 25, 32: 13, 33: 29}
	for rn, en := range pairs {
		a, b := r.Items[rn-1], e.Items[en-1]
		if b.Text = strings.ReplaceAll(b.Text, "him/her", "him or her"); a.Text != b.Text {
			t.Errorf("ECR-R %d %q != ECR %d %q", rn, a.Text, en, b.Text)
		}
		if a.Scale != b.Scale || a.Reverse != b.Reverse {
			t.Errorf("ECR-R %d and ECR %d are keyed differently", rn, en)
		}
	}
}

const goodInstrument = `{"id": "toy", "name": "Toy", "short_name": "T", "citation": "c", "terms": "t",
 "instructions": "i", "min": 1, "max": 5, "anchors": [{"value": 1, "label": "no"}],
 "scales": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
 "items": [{"number": 1, "scale": "a", "text": "x"}, {"number": 2, "scale": "b", "text": "y", "reverse": true}]}`

func TestParseInstrumentInvalid(t *testing.T) {
	if _, err := ParseInstrument([]byte(goodInstrument)); err != nil {
		t.Fatalf("good instrument: %v", err)
	}
	tests := []struct{ name, old, new, want string }{
		{"unknown field", `"reverse": true`, `"reversed": true`, "unknown field"},
		{"unknown scale", `"scale": "b"`, `"scale": "c"`, `unknown scale "c"`},
		{"empty scale", `"scale": "b"`, `"scale": "a"`, `scale "b" has no items`},
		{"duplicate scale", `"id": "b"`, `"id": "a"`, "appears twice"},
		{"range", `"max": 5`, `"max": 1`, "range 1..1"},
		{"negative range", `"min": 1`, `"min": -1`, "range -1..5"},
		{"numbering", `"number": 2`, `"number": 3`, "number items 1..n"},
		{"duplicate number", `"number": 2`, `"number": 1`, "number items 1..n"},
		{"no citation", `"citation": "c"`, `"citation": ""`, "citation"},
		{"bad id", `"id": "toy"`, `"id": "Toy Box"`, "id must be"},
		{"anchor", `"value": 1`, `"value": 9`, "anchor 9"},
		{"trailing data", `]}`, `]} {}`, "after the JSON"},
	}
	for _, tt := range tests {
		data := strings.Replace(goodInstrument, tt.old, tt.new, 1)
		_, err := ParseInstrument([]byte(data))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want it to mention %q", tt.name, err, tt.want)
		}
	}
}

func TestLoadFS(t *testing.T) {
	signs := `{"intro": "i", "groups": [{"id": "g", "name": "G", "signs": [{"id": "s", "text": "t", "tools": ["breathe"]}]}]}`
	good := fstest.MapFS{
		"instruments/toy.json": {Data: []byte(goodInstrument)},
		"signs.json":           {Data: []byte(signs)},
	}
	lib, err := LoadFS(good)
	if err != nil {
		t.Fatal(err)
	}
	if lib.Default().ID != "toy" {
		t.Errorf("default without ecr-r = %s, want the first, toy", lib.Default().ID)
	}
	tests := []struct {
		name  string
		file  string
		data  string
		wants string
	}{
		{"id and file name differ", "instruments/toy.json", strings.Replace(goodInstrument, `"toy"`, `"box"`, 1), "match the file name"},
		{"unknown tool", "signs.json", strings.Replace(signs, "breathe", "run", 1), `unknown tool "run"`},
		{"no tool", "signs.json", strings.Replace(signs, `"breathe"`, ``, 1), "points to no tool"},
		{"duplicate sign", "signs.json", strings.Replace(signs, `"t", "tools": ["breathe"]}`, `"t", "tools": ["breathe"]}, {"id": "s", "text": "u", "tools": ["name"]}`, 1), "appears twice"},
		{"tool twice", "signs.json", strings.Replace(signs, `["breathe"]`, `["breathe", "breathe"]`, 1), "twice"},
		{"empty group", "signs.json", strings.Replace(signs, `[{"id": "s", "text": "t", "tools": ["breathe"]}]`, `[]`, 1), "has no signs"},
	}
	for _, tt := range tests {
		fsys := fstest.MapFS{}
		for k, v := range good {
			fsys[k] = v
		}
		fsys[tt.file] = &fstest.MapFile{Data: []byte(tt.data)}
		if _, err := LoadFS(fsys); err == nil || !strings.Contains(err.Error(), tt.wants) {
			t.Errorf("%s: err = %v, want it to mention %q", tt.name, err, tt.wants)
		}
	}
	if _, err := LoadFS(fstest.MapFS{"signs.json": good["signs.json"]}); err == nil {
		t.Error("LoadFS without instruments succeeded")
	}
}

func TestSigns(t *testing.T) {
	s := mustLoad(t).Signs()
	var groups []string
	for _, g := range s.Groups {
		groups = append(groups, g.ID)
		if n := len(g.Signs); n < 6 || n > 9 {
			t.Errorf("group %s has %d signs, want 6 to 9", g.ID, n)
		}
	}
	if want := []string{"emotional", "cognitive", "behavioural"}; !slices.Equal(groups, want) {
		t.Errorf("groups = %v, want %v", groups, want)
	}
	if _, ok := s.Sign("flooding"); !ok {
		t.Error(`Sign("flooding") not found`)
	}

	// bending-limits -> needs, beliefs; pleasing -> needs, name;
	// rereading -> pause, beliefs. Counts: beliefs 2, needs 2, name 1,
	// pause 1, the rest 0; ties keep the order of Tools.
	tools, unknown := s.SuggestTools([]string{"bending-limits", "pleasing", "rereading", "bogus", "pleasing"})
	if want := []string{"beliefs", "needs", "name", "pause", "breathe", "ground", "reassure"}; !slices.Equal(tools, want) {
		t.Errorf("SuggestTools = %v, want %v", tools, want)
	}
	if !slices.Equal(unknown, []string{"bogus"}) {
		t.Errorf("unknown = %v, want [bogus]", unknown)
	}
	if tools, _ := s.SuggestTools(nil); !slices.Equal(tools, Tools()) {
		t.Errorf("SuggestTools(nil) = %v, want the program order %v", tools, Tools())
	}
}

func TestErrorsAreTyped(t *testing.T) {
	in := mustInstrument(t, "ecr-r")
	_, err := in.Score(map[int]int{1: 8, 40: 3})
	var ae *AnswerError
	if !errors.As(err, &ae) || ae.Item != 1 || ae.NoItem {
		t.Fatalf("err = %v, want an *AnswerError for item 1 first", err)
	}
	for _, want := range []string{"ECR-R item 1: answer 8 is outside 1 to 7", "ECR-R has no item 40"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("err = %q, want it to contain %q", err, want)
		}
	}
	var re *RangeError
	if _, err := in.ScoreRange(nil, 5, 1); !errors.As(err, &re) {
		t.Errorf("ScoreRange(5, 1) err = %v, want *RangeError", err)
	}
}
