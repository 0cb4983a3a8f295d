package practice

import (
	"regexp"
	"strings"
	"testing"

	"github.com/securebase/securebase"
)

// idPattern is the shape of every stable id: lower case, digits, hyphens.
var idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// checkIDs fails when ids are not unique or not in idPattern.
func checkIDs(t *testing.T, what string, ids []string) {
	t.Helper()
	seen := map[string]bool{}
	for _, id := range ids {
		if !idPattern.MatchString(id) {
			t.Errorf("%s id %q is not lower-case-with-hyphens", what, id)
		}
		if seen[id] {
			t.Errorf("%s id %q appears twice", what, id)
		}
		seen[id] = true
	}
}

func ids[T any](items []T, key func(T) string) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = key(it)
	}
	return out
}

func TestUniqueIDs(t *testing.T) {
	checkIDs(t, "pattern", ids(Patterns(), func(p Pattern) string { return p.ID }))
	checkIDs(t, "phase kind", ids(PhaseKinds(), func(k PhaseKind) string { return k.ID }))
	checkIDs(t, "exercise", ids(Exercises(), func(e Exercise) string { return e.ID }))
	checkIDs(t, "region", ids(Regions(), func(r Region) string { return r.ID }))
	checkIDs(t, "body location", ids(BodyLocations(), func(b BodyLocation) string { return b.ID }))
	checkIDs(t, "theme", ids(Themes(), func(th Theme) string { return th.ID }))
	checkIDs(t, "statement", ids(Statements(), func(s Statement) string { return s.ID }))
	checkIDs(t, "tool", ids(Tools(), func(tl Tool) string { return tl.ID }))
	checkIDs(t, "pause line", ids(PauseLines(), func(l Line) string { return l.ID }))
	for _, k := range PhaseKinds() {
		if !knownKind(k.ID) {
			t.Errorf("phase kind %q missing from knownKind", k.ID)
		}
	}
}

func TestEmotionVocabulary(t *testing.T) {
	words := Emotions()
	if len(words) < 80 {
		t.Errorf("%d emotion words, want at least 80", len(words))
	}
	perRegion := map[string]int{}
	seen := map[string]bool{}
	wordShape := regexp.MustCompile(`^[a-z]+( [a-z]+)?$`)
	for _, w := range words {
		if !wordShape.MatchString(w.Word) {
			t.Errorf("word %q is not one or two lower-case words", w.Word)
		}
		if seen[w.Word] {
			t.Errorf("word %q appears twice", w.Word)
		}
		seen[w.Word] = true
		if _, err := RegionByID(w.Region); err != nil {
			t.Errorf("word %q has unknown region %q", w.Word, w.Region)
		}
		if w.Meaning == "" || strings.Contains(strings.ToLower(w.Meaning), w.Word) {
			t.Errorf("word %q: meaning %q is empty or repeats the word", w.Word, w.Meaning)
		}
		perRegion[w.Region]++
		got, err := Emotion(strings.ToUpper(" " + w.Word + " "))
		if err != nil || got != w {
			t.Errorf("Emotion(%q) = %v, %v", w.Word, got, err)
		}
	}
	for _, r := range Regions() {
		in, err := EmotionsIn(r.ID)
		if err != nil || len(in) != perRegion[r.ID] || len(in) < 15 {
			t.Errorf("region %s has %d words (%v), want at least 15", r.ID, len(in), err)
		}
	}
	t.Logf("%d emotion words: %v", len(words), perRegion)
	if _, err := Emotion("on   edge"); err != nil {
		t.Errorf("inner spaces not folded: %v", err)
	}
}

func TestRegionsCoverTheGrid(t *testing.T) {
	corners := map[[2]bool]string{}
	for _, r := range Regions() {
		corners[[2]bool{r.Pleasant, r.HighEnergy}] = r.ID
		wantPrefix := map[bool]string{true: "pleasant-", false: "unpleasant-"}[r.Pleasant]
		wantSuffix := map[bool]string{true: "high", false: "low"}[r.HighEnergy]
		if r.ID != wantPrefix+wantSuffix {
			t.Errorf("region %q flags do not match its id", r.ID)
		}
	}
	if len(corners) != 4 {
		t.Errorf("regions cover %d corners of the grid, want 4", len(corners))
	}
}

func TestBodyLocations(t *testing.T) {
	want := []string{"chest", "throat", "stomach", "shoulders", "jaw", "head", "hands", "whole-body"}
	for _, id := range want {
		if _, err := BodyLocationByID(id); err != nil {
			t.Errorf("body location %q missing", id)
		}
	}
}

func TestStatements(t *testing.T) {
	all := Statements()
	if len(all) < 40 {
		t.Errorf("%d statements, want at least 40", len(all))
	}
	seenText := map[string]bool{}
	total := 0
	for _, th := range Themes() {
		ss, err := StatementsByTheme(th.ID)
		if err != nil || len(ss) < 5 {
			t.Errorf("theme %s has %d statements (%v), want at least 5", th.ID, len(ss), err)
		}
		total += len(ss)
		for _, s := range ss {
			if s.Theme != th.ID || !strings.HasPrefix(s.ID, th.ID+"-") {
				t.Errorf("statement %s is filed under %s", s.ID, th.ID)
			}
			if err := ValidateStatement(s.Text); err != nil {
				t.Errorf("statement %s fails our own rule: %v", s.ID, err)
			}
			if seenText[s.Text] {
				t.Errorf("statement text repeated: %q", s.Text)
			}
			seenText[s.Text] = true
			if got, err := StatementByID(s.ID); err != nil || got != s {
				t.Errorf("StatementByID(%q) = %v, %v", s.ID, got, err)
			}
		}
		t.Logf("theme %s: %d statements", th.ID, len(ss))
	}
	if total != len(all) {
		t.Errorf("themes hold %d statements, library has %d", total, len(all))
	}
}

func TestExercises(t *testing.T) {
	want := []string{ExerciseSenses, ExerciseFeet, ExerciseOrient}
	for _, id := range want {
		e, err := ExerciseByID(id)
		if err != nil {
			t.Fatalf("ExerciseByID(%q): %v", id, err)
		}
		if e.Intro == "" || len(e.Steps) < 3 || len(e.Steps) > 8 {
			t.Errorf("%s: intro %q, %d steps", id, e.Intro, len(e.Steps))
		}
		for i, s := range e.Steps {
			if s.Prompt == "" || s.Count < 0 || s.Count > 5 {
				t.Errorf("%s step %d = %+v", id, i, s)
			}
		}
	}
	senses, _ := ExerciseByID(ExerciseSenses)
	for i, want := range []int{5, 4, 3, 2, 1} {
		if senses.Steps[i].Count != want {
			t.Errorf("5-4-3-2-1 step %d counts %d, want %d", i, senses.Steps[i].Count, want)
		}
	}
}

func TestTools(t *testing.T) {
	want := []string{ToolBreathe, ToolGround, ToolName, ToolReassure, ToolPause}
	got := ids(Tools(), func(tl Tool) string { return tl.ID })
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("Tools() ids = %v, want %v", got, want)
	}
	for _, tl := range Tools() {
		if tl.Name == "" || tl.Description == "" {
			t.Errorf("tool %s lacks a name or description", tl.ID)
		}
	}
}

func TestLookupsNotFound(t *testing.T) {
	lookups := map[string]func(string) error{
		"pattern":   func(s string) error { _, err := PatternByID(s); return err },
		"exercise":  func(s string) error { _, err := ExerciseByID(s); return err },
		"region":    func(s string) error { _, err := RegionByID(s); return err },
		"emotion":   func(s string) error { _, err := Emotion(s); return err },
		"body":      func(s string) error { _, err := BodyLocationByID(s); return err },
		"theme":     func(s string) error { _, err := StatementsByTheme(s); return err },
		"statement": func(s string) error { _, err := StatementByID(s); return err },
		"tool":      func(s string) error { _, err := ToolByID(s); return err },
	}
	const secret = "my-private-words"
	for name, lookup := range lookups {
		for _, in := range []string{"", secret, CustomID} {
			err := lookup(in)
			if securebase.ErrorCode(err) != securebase.ENOTFOUND || securebase.ErrorMessage(err) == "" {
				t.Errorf("%s lookup of %q: %v", name, in, err)
			}
			if err != nil && strings.Contains(err.Error(), secret) {
				t.Errorf("%s lookup puts the input in the log text: %v", name, err)
			}
		}
	}
	if _, err := EmotionsIn("sideways"); securebase.ErrorCode(err) != securebase.ENOTFOUND {
		t.Errorf("EmotionsIn(unknown) = %v", err)
	}
}
