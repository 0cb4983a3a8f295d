package practice

import (
	"math"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/securebase/securebase"
)

// userText gathers every string in the package that a person reads, with a
// label saying where it comes from, including the messages of every kind of
// validation error.
func userText() map[string]string {
	out := map[string]string{"BreathingSafety": BreathingSafety, "PauseIntro": PauseIntro}
	add := func(label, s string) { out[label] = s }
	for _, p := range Patterns() {
		add("pattern "+p.ID+" name", p.Name)
		add("pattern "+p.ID+" summary", p.Summary)
		add("pattern "+p.ID+" tip", p.Tip)
	}
	for _, k := range PhaseKinds() {
		add("kind "+k.ID+" label", k.Label)
		add("kind "+k.ID+" hint", k.Hint)
	}
	for _, e := range Exercises() {
		add("exercise "+e.ID+" name", e.Name)
		add("exercise "+e.ID+" intro", e.Intro)
		for i, s := range e.Steps {
			add("exercise "+e.ID+" step "+string(rune('0'+i)), s.Prompt)
		}
	}
	for _, r := range Regions() {
		add("region "+r.ID+" name", r.Name)
		add("region "+r.ID+" description", r.Description)
	}
	for _, w := range Emotions() {
		add("emotion "+w.Word, w.Meaning)
	}
	for _, b := range BodyLocations() {
		add("body "+b.ID, b.Name)
	}
	for _, th := range Themes() {
		add("theme "+th.ID+" name", th.Name)
		add("theme "+th.ID+" fear", th.Fear)
	}
	for _, s := range Statements() {
		add("statement "+s.ID, s.Text)
	}
	for _, l := range PauseLines() {
		add("pause line "+l.ID, l.Text)
	}
	for _, tl := range Tools() {
		add("tool "+tl.ID+" name", tl.Name)
		add("tool "+tl.ID+" description", tl.Description)
	}
	if p, err := NewCustom("Mine", []Phase{{KindIn, 4}, {KindTopUp, 1.5}, {KindOut, 6}}, 3); err == nil {
		add("custom summary", p.Summary)
	}
	for label, err := range errorSamples() {
		add("error "+label, securebase.ErrorMessage(err))
		for field, msg := range securebase.ErrorFields(err) {
			add("error "+label+" "+field, msg)
		}
	}
	return out
}

// errorSamples triggers each validation rule once.
func errorSamples() map[string]error {
	errs := map[string]error{}
	custom := func(label, name string, phases []Phase, cycles int) {
		_, errs[label] = NewCustom(name, phases, cycles)
	}
	custom("empty", "", nil, 0)
	custom("long name", strings.Repeat("a", 61), inOut(4, 4), 1)
	custom("two lines", "a\nb", inOut(4, 4), 1)
	custom("bad utf8", "\xff", inOut(4, 4), 1)
	custom("range", "x", inOut(30, -1), 1)
	custom("nan", "x", []Phase{{KindIn, math.NaN()}, {"what", 1}, {KindOut, 1}}, 1)
	custom("topup", "x", []Phase{{KindTopUp, 1}, {KindOut, 1}}, 1)
	custom("zero", "x", inOut(0, 0), 1)
	custom("no in", "x", inOut(0, 4), 1)
	custom("no out", "x", inOut(4, 0), 1)
	custom("many", "x", make([]Phase, 20), 1)
	custom("long", "x", inOut(20, 20), 60)
	_, errs["form"] = ParseCustom(CustomForm{Name: "x", Cycles: "y", Phases: []PhaseForm{{"in", "z"}}})
	_, errs["rate"] = Resonance(9)
	_, errs["rate text"] = ParseResonance("fast")
	errs["statement empty"] = ValidateStatement("")
	errs["statement long"] = ValidateStatement(strings.Repeat("x", 300))
	errs["statement utf8"] = ValidateStatement("\xff")
	errs["statement control"] = ValidateStatement("a\x00b")
	_, errs["pattern id"] = PatternByID("x")
	_, errs["exercise id"] = ExerciseByID("x")
	_, errs["region id"] = RegionByID("x")
	_, errs["emotion"] = Emotion("x")
	_, errs["body id"] = BodyLocationByID("x")
	_, errs["theme id"] = StatementsByTheme("x")
	_, errs["statement id"] = StatementByID("x")
	_, errs["tool id"] = ToolByID("x")
	return errs
}

// Words that shame, command or promise a cure have no place in our voice.
var bannedWords = regexp.MustCompile(`(?i)\b(should|must|fail\w*|cure\w*|fix\w*|broken|guarantee\w*|always|never|just relax|calm down|weak\w*|crazy|needy|oops|sorry|please|users?)\b`)

// sentenceEnd splits text into sentences.
var sentenceEnd = regexp.MustCompile(`[.?:;]\s+|[.?]$`)

func TestVoice(t *testing.T) {
	texts := userText()
	if len(texts) < 250 {
		t.Fatalf("only %d texts gathered; is userText missing a list?", len(texts))
	}
	var words, sentences, syllables int
	for label, s := range texts {
		if strings.TrimSpace(s) != s || s == "" {
			t.Errorf("%s: empty or untrimmed text %q", label, s)
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
		if strings.Contains(s, "  ") {
			t.Errorf("%s: double space in %q", label, s)
		}
		for _, sent := range sentenceEnd.Split(s, -1) {
			n := len(strings.Fields(sent))
			if n == 0 {
				continue
			}
			if n > 20 {
				t.Errorf("%s: sentence of %d words, keep it to 20: %q", label, n, sent)
			}
			sentences++
			words += n
			for _, w := range strings.Fields(sent) {
				syllables += countSyllables(w)
			}
		}
	}
	grade := 0.39*float64(words)/float64(sentences) + 11.8*float64(syllables)/float64(words) - 15.59
	t.Logf("%d texts, %d sentences, %d words, Flesch–Kincaid grade %.1f", len(texts), sentences, words, grade)
	if grade > 8 {
		t.Errorf("Flesch–Kincaid grade %.1f, want 8 or lower (a reading age of about 12)", grade)
	}
}

func isEmoji(r rune) bool {
	return r >= 0x1F000 || (r >= 0x2600 && r <= 0x27BF) || (r >= 0x2B00 && r <= 0x2BFF) ||
		r == 0xFE0F || r == 0x200D || (unicode.Is(unicode.So, r) && r != '°')
}

// countSyllables estimates syllables the usual rough way: groups of vowels,
// less a silent final e or -ed. It is close enough for a grade over many texts.
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

func TestCountSyllables(t *testing.T) {
	for w, want := range map[string]int{"breathe": 1, "you": 1, "anxious": 2, "gentle": 2, "overwhelmed": 3, "rested": 2, "4": 0} {
		if got := countSyllables(w); got != want {
			t.Errorf("countSyllables(%q) = %d, want %d", w, got, want)
		}
	}
}
