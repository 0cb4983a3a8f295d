package behaviour

import (
	"errors"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
)

func mustLoad(t testing.TB) *Catalog {
	t.Helper()
	c, err := Load()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return c
}

// shipped lists every id this package has ever shipped, list by list. Ids
// are stored in people's entries and exports, so an id may never vanish or
// change: this test fails when one does. A new id must be added here on
// purpose, which is the moment to check it is kebab-case and new.
var shipped = map[List]string{
	Happenings:   "late-reply short-reply tone-shift needs-space plans-changed cancelled-plan conflict their-phone an-ex seen-online time-with-others less-affection far-away forgotten time-apart someone-new criticism own-words",
	BodySignals:  "tight-chest racing-heart fast-breath stomach throat restless hot-face shaky tense drained numb tearful wired own-words",
	Fears:        "leaving dont-care angry someone-else losing-interest did-wrong too-much something-bad forgotten-me own-words",
	Urges:        "texting-or-calling checking-location checking-socials going-quiet picking-a-fight threatening-to-leave over-giving keeping-score making-jealous asking-again checking-their-phone turning-up own-words",
	Instead:      "breathed grounded held-message named-feeling reassured-myself waited-for-facts said-need-once moved reached-out own-thing wrote-it-down gave-space own-words",
	Outcomes:     "let-it-pass did-something-else waited-then-chose acted-partly acted no-urge",
	Afterwards:   "calmer same harder closer talked too-soon",
	CameTrue:     "yes partly no",
	Holds:        "10-minutes 30-minutes 1-hour 2-hours next-morning",
	Questions:    "fear-or-security hoping-for calm-version one-need known-or-guessed tomorrow",
	HeldOutcomes: "let-go rewrote sent-after-wait sent-early",
	GreenFlags:   "responds communicates stays-in-conflict safe-to-open-up consistent keeps-plans repairs respects-no curious includes-you",
	RedFlags:     "inconsistent withdraws-in-conflict poor-communication punishes-openness dismisses-feelings breaks-plans pushes-limits on-their-terms controls-or-frightens",
	TalkPlan:     "when-where opening understand asking offering if-heated",
	TalkAfter:    "went-well was-hard agreed next-time feel-now",
}

func ids(c *Catalog, l List) []string {
	var out []string
	switch l {
	case TalkPlan, TalkAfter:
		for _, p := range c.TalkPrompts(l) {
			out = append(out, p.ID)
		}
	default:
		for _, it := range c.Items(l) {
			out = append(out, it.ID)
		}
	}
	return out
}

func TestStableIDs(t *testing.T) {
	c := mustLoad(t)
	for l, want := range shipped {
		got := ids(c, l)
		have := map[string]bool{}
		for _, id := range got {
			have[id] = true
			if !isKebab(id) {
				t.Errorf("%s: id %q is not kebab-case", l, id)
			}
		}
		known := map[string]bool{}
		for _, id := range strings.Fields(want) {
			known[id] = true
			if !have[id] {
				t.Errorf("%s: shipped id %q is gone; ids are stored in entries and must stay", l, id)
			}
		}
		for _, id := range got {
			if !known[id] {
				t.Errorf("%s: new id %q: add it to shipped once you are sure of it", l, id)
			}
		}
	}
}

func TestIDsUnique(t *testing.T) {
	c := mustLoad(t)
	for l := range shipped {
		seen := map[string]bool{}
		for _, id := range ids(c, l) {
			if seen[id] {
				t.Errorf("%s: id %q twice", l, id)
			}
			seen[id] = true
		}
	}
	// A flag observation stores the id alone, so green and red must not
	// share one.
	for _, id := range ids(c, GreenFlags) {
		if c.Has(RedFlags, id) {
			t.Errorf("flag %q is green and red", id)
		}
	}
}

func TestAccessorsReturnCopies(t *testing.T) {
	c := mustLoad(t)
	c.Items(Urges)[0].Label = "changed"
	c.Fears()[0].Feared = "changed"
	c.Holds()[0].Minutes = 999
	c.TalkPrompts(TalkPlan)[0].Examples[0] = "changed"
	c.AnxiousAvoidantCycle().Paragraphs[0] = "changed"
	c.Flags(RedFlags)[0].Label = "changed"
	c.NeedExamples()[0].Feel = "changed"
	c.Outcomes(Outcomes)[0].Urge = Acted
	c.Waiting()[0].Text = "changed"
	fresh := mustLoad(t)
	for _, pair := range [][2]string{
		{c.Items(Urges)[0].Label, fresh.Items(Urges)[0].Label},
		{c.Fears()[0].Feared, fresh.Fears()[0].Feared},
		{c.TalkPrompts(TalkPlan)[0].Examples[0], fresh.TalkPrompts(TalkPlan)[0].Examples[0]},
		{c.AnxiousAvoidantCycle().Paragraphs[0], fresh.AnxiousAvoidantCycle().Paragraphs[0]},
		{c.Flags(RedFlags)[0].Label, fresh.Flags(RedFlags)[0].Label},
		{c.NeedExamples()[0].Feel, fresh.NeedExamples()[0].Feel},
		{string(c.Outcomes(Outcomes)[0].Urge), string(fresh.Outcomes(Outcomes)[0].Urge)},
		{c.Waiting()[0].Text, fresh.Waiting()[0].Text},
	} {
		if pair[0] != pair[1] || pair[0] == "changed" {
			t.Errorf("a caller's change reached the catalog: %q, want %q", pair[0], pair[1])
		}
	}
	if c.Holds()[0].Minutes != fresh.Holds()[0].Minutes {
		t.Error("a caller's change to a hold reached the catalog")
	}
}

func TestLookups(t *testing.T) {
	c := mustLoad(t)
	it, err := c.Item(Urges, "keeping-score")
	if err != nil || it.Label != "Keeping score" {
		t.Fatalf("Item(urges, keeping-score) = %+v, %v", it, err)
	}
	for _, l := range []List{Happenings, Urges, Fears, "nonsense"} {
		_, err := c.Item(l, "no-such-thing")
		if !errors.Is(err, ErrNotFound) {
			t.Errorf("Item(%s, unknown) = %v, want ErrNotFound", l, err)
		}
		if msgs := FieldMessages(err); msgs[string(l)] == "" {
			t.Errorf("Item(%s, unknown): no message for field %s: %v", l, l, msgs)
		}
	}
	if got := c.Items("nonsense"); got != nil {
		t.Errorf("Items(nonsense) = %v, want nil", got)
	}
	f, err := c.Fear("leaving")
	if err != nil || !strings.Contains(f.Question, "leaving") {
		t.Errorf("Fear(leaving) = %+v, %v", f, err)
	}
	if _, err := c.Fear("x"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Fear(x) = %v", err)
	}
	o, err := c.Outcome(HeldOutcomes, "sent-early")
	if err != nil || o.Urge != Acted {
		t.Errorf("Outcome(held, sent-early) = %+v, %v", o, err)
	}
	if _, err := c.Outcome(Urges, "over-giving"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Outcome on a list without outcomes = %v, want ErrNotFound", err)
	}
	if col, ok := c.Colour("responds"); !ok || col != GreenFlags {
		t.Errorf("Colour(responds) = %v %v", col, ok)
	}
	if col, ok := c.Colour("inconsistent"); !ok || col != RedFlags {
		t.Errorf("Colour(inconsistent) = %v %v", col, ok)
	}
	if _, ok := c.Colour("late-reply"); ok {
		t.Error("a happening is not a flag")
	}
}

func TestCheckIDs(t *testing.T) {
	c := mustLoad(t)
	for _, tc := range []struct {
		name string
		in   []string
		want string
		err  error
	}{
		{"none", nil, "", nil},
		{"list order, no repeats", []string{"keeping-score", "going-quiet", "keeping-score"}, "going-quiet keeping-score", nil},
		{"own words", []string{"own-words", "checking-location"}, "checking-location own-words", nil},
		{"unknown", []string{"going-quiet", "stalking"}, "", ErrNotFound},
		{"empty id", []string{""}, "", ErrNotFound},
		{"a happening is not an urge", []string{"late-reply"}, "", ErrNotFound},
		{"too many", strings.Fields(strings.Repeat("going-quiet ", 14)), "", ErrInvalid},
	} {
		got, err := c.CheckIDs(Urges, tc.in)
		if !errors.Is(err, tc.err) || (tc.err == nil && err != nil) {
			t.Errorf("%s: err %v, want %v", tc.name, err, tc.err)
			continue
		}
		if err == nil && strings.Join(got, " ") != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
}

// dataFS returns the embedded data with one file's text changed by edit.
func dataFS(t *testing.T, file string, edit func(string) string) fs.FS {
	t.Helper()
	m := fstest.MapFS{}
	for _, name := range []string{"log", "pause", "needs", "flags", "talk"} {
		raw, err := fs.ReadFile(data, "data/"+name+".json")
		if err != nil {
			t.Fatal(err)
		}
		s := string(raw)
		if name == file {
			s = edit(s)
			if s == string(raw) {
				t.Fatalf("edit of %s changed nothing", file)
			}
		}
		m["data/"+name+".json"] = &fstest.MapFile{Data: []byte(s)}
	}
	return m
}

func replace(old, new string) func(string) string {
	return func(s string) string { return strings.Replace(s, old, new, 1) }
}

// TestLoadRefusesBadData checks that each rule of Load can fail: a
// catalog that passes only because its checks never run would pass too.
func TestLoadRefusesBadData(t *testing.T) {
	if _, err := load(dataFS(t, "", nil)); err != nil {
		t.Fatalf("unchanged data: %v", err)
	}
	for _, tc := range []struct {
		name, file string
		edit       func(string) string
		want       string
	}{
		{"unknown field", "log", replace(`"label": "A late reply"`, `"lable": "A late reply"`), "unknown field"},
		{"not JSON", "talk", replace(`{`, `[`), "talk"},
		{"duplicate id", "log", replace(`"id": "short-reply"`, `"id": "late-reply"`), "twice"},
		{"id case", "log", replace(`"id": "an-ex"`, `"id": "An-Ex"`), "kebab"},
		{"id spaces", "log", replace(`"id": "an-ex"`, `"id": "an ex"`), "kebab"},
		{"empty label", "log", replace(`"label": "Conflict"`, `"label": ""`), "empty"},
		{"untrimmed about", "log", replace(`"about": "Your heart beats fast or hard."`, `"about": "Your heart beats fast or hard. "`), "untidy"},
		{"own words on the wrong item", "log", replace(`"id": "an-ex", "label": "An ex", "about": "An ex came up: a message, a mention, a photo or a meeting."`, `"id": "an-ex", "label": "An ex", "about": "An ex came up: a message, a mention, a photo or a meeting.", "own": true`), "own words"},
		{"own words missing", "log", replace(`{"id": "own-words", "label": "In my own words", "about": "Something else. Name it in a few words.", "own": true}`, `{"id": "aches", "label": "Aches", "about": "A dull ache somewhere."}`), "own-words items"},
		{"outcome class", "log", replace(`"urge": "acted"}`, `"urge": "maybe"}`), "urge"},
		{"no acted outcome", "pause", replace(`"urge": "acted"}`, `"urge": "surfed"}`), "acted"},
		{"came true ids", "log", replace(`{"id": "partly"`, `{"id": "somewhat"`), "came_true"},
		{"fear without question", "log", replace(`"question": "When you logged this, you feared they were angry with you. Were they?"`, `"question": ""`), "empty"},
		{"hold order", "pause", replace(`"minutes": 30}`, `"minutes": 5}`), "hold"},
		{"hold with both", "pause", replace(`"minutes": 10}`, `"minutes": 10, "morning": true}`), "hold"},
		{"no morning hold", "pause", replace(`"morning": true}`, `"minutes": 600}`), "morning"},
		{"waiting line id", "pause", replace(`{"id": "wave"`, `{"id": "Wave"`), "kebab"},
		{"need slot order", "needs", replace(`{"id": "feel"`, `{"id": "feels"`), "slot"},
		{"slot max", "needs", replace(`"max": 120`, `"max": 5`), "max"},
		{"example that cannot compose", "needs", replace(`"feel": "a little lost"`, `"feel": ""`), "busy-days"},
		{"example too long", "needs", replace(`"limit": "I can't think clearly after eleven"`, `"limit": "`+strings.Repeat("long ", 50)+`"`), "late-talks"},
		{"flag both colours", "flags", replace(`{"id": "inconsistent"`, `{"id": "responds"`), "both"},
		{"green safety flag", "flags", replace(`"id": "curious", "label": "Curious about you", "about": "They ask about your life and remember what you told them."`, `"id": "curious", "label": "Curious about you", "about": "They ask about your life and remember what you told them.", "safety": true`), "safety"},
		{"no safety flag", "flags", replace(`, "safety": true`, ``), "safety"},
		{"talk prompt twice", "talk", replace(`{"id": "opening"`, `{"id": "when-where"`), "twice"},
		{"talk prompt without example", "talk", replace(`"examples": ["Tired, and a bit lighter."]`, `"examples": []`), "example"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := load(dataFS(t, tc.file, tc.edit))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("load = %v, want an error about %q", err, tc.want)
			}
		})
	}
}
