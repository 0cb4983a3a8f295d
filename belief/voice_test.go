package belief

import (
	"math"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode"

	securebase "github.com/securebase/securebase"
)

// ourVoice gathers every sentence this package says to a person in the
// app's own voice, labelled by where it comes from.
func ourVoice(t *testing.T) map[string]string {
	out := map[string]string{
		"InquiryIntro": InquiryIntro, "InquiryOutro": InquiryOutro,
		"LetterIntro": LetterIntro, "GriefNote": GriefNote, "LetterCaution": LetterCaution,
	}
	for _, w := range Wounds() {
		out["wound "+w.ID+" name"] = w.Name
		out["wound "+w.ID+" forms"] = w.Forms
		out["wound "+w.ID+" shows up"] = w.ShowsUp
	}
	for _, q := range Questions() {
		out["question "+q.ID] = q.Question
		out["question "+q.ID+" prompt"] = q.Prompt
	}
	for _, tr := range Traps() {
		out["trap "+tr.ID+" name"] = tr.Name
		out["trap "+tr.ID+" explain"] = tr.Explain
		out["trap "+tr.ID+" ask"] = tr.Ask
	}
	for _, s := range Steps() {
		out["step "+s.ID+" name"] = s.Name
		out["step "+s.ID+" prompt"] = s.Prompt
	}
	for _, s := range Scripts() {
		out["script "+s.ID+" secure"] = s.Secure
	}
	h := newTestHinter(t)
	for _, tr := range h.traps {
		out["hint why "+tr.id] = tr.why
	}
	for _, r := range h.rules {
		if r.why != "" {
			out["rule why "+r.id] = r.why
		}
	}
	for label, err := range map[string]error{
		"rating": func() error { _, err := ParseRating("x"); return err }(),
		"series": func() error { _, err := NewSeries([]Point{{Value: 101}}); return err }(),
	} {
		for f, m := range securebase.ErrorFields(err) {
			out["error "+label+" "+f] = m
		}
	}
	now := time.Date(2026, 5, 20, 21, 0, 0, 0, time.UTC)
	s, _ := NewSeries([]Point{{now.AddDate(0, -3, 0), 80}, {now, 55}})
	out["series summary"] = s.Summary(now)
	for _, f := range Settling("a late reply", settleTriggers(), settleCheckIns(), DefaultEvidenceRule()) {
		out["fact "+f.Text[:10]] = f.Text
	}
	return out
}

// believed gathers the lines a person says to themselves or might write:
// the anxious beliefs and the examples. They may say "always" or "never",
// because that is how the belief sounds; they still follow the mechanics.
func believed() map[string]string {
	out := map[string]string{}
	for _, w := range Wounds() {
		out["wound "+w.ID+" belief"] = w.Belief
	}
	for _, s := range Scripts() {
		out["script "+s.ID+" anxious"] = s.Anxious
	}
	for _, q := range Questions() {
		out["question "+q.ID+" example"] = q.Example
	}
	for _, s := range Steps() {
		out["step "+s.ID+" example"] = s.Example
	}
	return out
}

// Words that shame, command or promise a cure have no place in our voice.
var bannedVoice = regexp.MustCompile(`(?i)\b(you should|you must|you need to|you have to|should have|fail\w*|cure\w*|fix\w*|broken|guarantee\w*|always|never|just relax|calm down|crazy|needy|oops|sorry|please|users?|diagnos\w*|disorder)\b`)

var sentenceEnd = regexp.MustCompile(`[.?:;]\s+|[.?]$`)

func TestVoice(t *testing.T) {
	ours, theirs := ourVoice(t), believed()
	if len(ours) < 90 || len(theirs) < 40 {
		t.Fatalf("only %d + %d texts gathered; is a list missing?", len(ours), len(theirs))
	}
	var words, sentences, syllables int
	check := func(label, s string, ours bool) {
		if strings.TrimSpace(s) != s || s == "" {
			t.Errorf("%s: empty or untrimmed %q", label, s)
		}
		if strings.Contains(s, "!") {
			t.Errorf("%s: exclamation mark in %q", label, s)
		}
		if strings.Contains(s, "  ") {
			t.Errorf("%s: double space in %q", label, s)
		}
		for _, r := range s {
			if r >= 0x1F000 || (r >= 0x2600 && r <= 0x27BF) || r == 0xFE0F || (unicode.Is(unicode.So, r) && r != '°') {
				t.Errorf("%s: emoji %U in %q", label, r, s)
			}
		}
		if !ours {
			return
		}
		if m := bannedVoice.FindString(s); m != "" && !strings.HasPrefix(label, "trap ") {
			t.Errorf("%s: %q has no place in our voice: %q", label, m, s)
		}
		for _, sent := range sentenceEnd.Split(s, -1) {
			n := len(strings.Fields(sent))
			if n == 0 {
				continue
			}
			if n > 25 {
				t.Errorf("%s: sentence of %d words, keep it to 25: %q", label, n, sent)
			}
			sentences++
			words += n
			for _, w := range strings.Fields(sent) {
				syllables += countSyllables(w)
			}
		}
	}
	for l, s := range ours {
		check(l, s, true)
	}
	for l, s := range theirs {
		check(l, s, false)
	}
	// Trap lines may name the words a trap uses ("always, never or
	// everyone"), but never tell a person what they should do.
	for _, tr := range Traps() {
		for _, s := range []string{tr.Explain, tr.Ask} {
			if regexp.MustCompile(`(?i)\byou (should|must|have to)\b`).MatchString(s) {
				t.Errorf("trap %s: commands the person: %q", tr.ID, s)
			}
		}
	}
	grade := 0.39*float64(words)/float64(sentences) + 11.8*float64(syllables)/float64(words) - 15.59
	t.Logf("%d texts of ours, %d sentences, %d words, Flesch–Kincaid grade %.1f", len(ours), sentences, words, grade)
	if grade > 8 || math.IsNaN(grade) {
		t.Errorf("Flesch–Kincaid grade %.1f, want 8 or lower", grade)
	}
}

// countSyllables estimates syllables the usual rough way, as the practice
// package's voice test does.
func countSyllables(word string) int {
	w := strings.ToLower(strings.TrimFunc(word, func(r rune) bool { return !unicode.IsLetter(r) }))
	if w == "" {
		return 0
	}
	n, prevVowel := 0, false
	for _, r := range w {
		v := strings.ContainsRune("aeiouy", r)
		if v && !prevVowel {
			n++
		}
		prevVowel = v
	}
	silentE := strings.HasSuffix(w, "e") && !strings.HasSuffix(w, "le")
	silentEd := strings.HasSuffix(w, "ed") && !strings.HasSuffix(w, "ted") && !strings.HasSuffix(w, "ded")
	if (silentE || silentEd) && n > 1 {
		n--
	}
	return max(n, 1)
}
