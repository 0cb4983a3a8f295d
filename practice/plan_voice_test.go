package practice

import (
	"strings"

	"github.com/securebase/securebase"
	"testing"
	"time"
)

// planText gathers every string of the daily and weekly plan and the signs
// of growing security that a person reads, with the messages of their
// validation errors.
func planText() map[string]string {
	out := map[string]string{"GrowthQuestion": GrowthQuestion, "GrowthNote": GrowthNote}
	for _, d := range Dailies() {
		out["daily "+d.ID+" name"] = d.Name
		out["daily "+d.ID+" prompt"] = d.Prompt
	}
	for _, p := range WeeklyPrompts() {
		out["prompt "+p.ID+" title"] = p.Title
		out["prompt "+p.ID+" question"] = p.Question
		out["prompt "+p.ID+" hint"] = p.Hint
	}
	for _, it := range GrowthItems() {
		out["growth "+it.ID+" title"] = it.Title
		out["growth "+it.ID+" statement"] = it.Statement
	}
	for _, l := range GrowthScale() {
		out["growth level "+l.Label] = l.Label
	}
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	for _, gap := range []int{3, 10, 40} {
		w, _ := WelcomeBack(now.AddDate(0, 0, -gap), now, nil)
		out["welcome title "+w.Title] = w.Title
		out["welcome "+w.Text] = w.Text
	}
	for _, n := range []int{0, 1, 11, 28} {
		out["consistency "+string(rune('a'+n))] = Consistency{Practised: n, Window: 28}.Sentence()
	}
	_, errWeekday := ParseWeekday("x")
	_, errGrowth := ParseGrowth(map[string]string{GrowthSpace: "9", "x": "1"})
	_, errNone := ParseGrowth(nil)
	_, errDaily := DailyByID("x")
	_, errPrompt := PromptByID("x")
	for i, err := range []error{errWeekday, errGrowth, errNone, errDaily, errPrompt} {
		for f, m := range securebase.ErrorFields(err) {
			out["error "+string(rune('a'+i))+" "+f] = m
		}
	}
	return out
}

// TestPlanVoice holds the plan's words to the same rules as TestVoice,
// and to two of its own: no streaks, and no count of missed days.
func TestPlanVoice(t *testing.T) {
	texts := planText()
	if len(texts) < 50 {
		t.Fatalf("only %d texts gathered", len(texts))
	}
	var words, sentences, syllables int
	for label, s := range texts {
		if strings.TrimSpace(s) != s || s == "" || strings.Contains(s, "  ") {
			t.Errorf("%s: empty, untrimmed or double-spaced %q", label, s)
		}
		if strings.Contains(s, "!") {
			t.Errorf("%s: exclamation mark in %q", label, s)
		}
		for _, r := range s {
			if isEmoji(r) {
				t.Errorf("%s: emoji %U in %q", label, r, s)
			}
		}
		if m := bannedWords.FindString(s); m != "" {
			t.Errorf("%s: %q has no place in our voice: %q", label, m, s)
		}
		low := strings.ToLower(s)
		for _, w := range []string{"streak", "missed", "behind", "in a row", "don't break", "lost your"} {
			if strings.Contains(low, w) {
				t.Errorf("%s: %q counts what was not done: %q", label, w, s)
			}
		}
		for _, sent := range sentenceEnd.Split(s, -1) {
			n := len(strings.Fields(sent))
			if n == 0 {
				continue
			}
			if n > 20 {
				t.Errorf("%s: sentence of %d words: %q", label, n, sent)
			}
			sentences++
			words += n
			for _, w := range strings.Fields(sent) {
				syllables += countSyllables(w)
			}
		}
	}
	grade := 0.39*float64(words)/float64(sentences) + 11.8*float64(syllables)/float64(words) - 15.59
	t.Logf("%d texts, Flesch–Kincaid grade %.1f", len(texts), grade)
	if grade > 8 {
		t.Errorf("Flesch–Kincaid grade %.1f, want 8 or lower", grade)
	}
}
