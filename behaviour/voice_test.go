package behaviour

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode"
)

// userText gathers every string in the package that a person reads, with a
// label saying where it comes from: the data, the sentences the functions
// build, and the message of every kind of validation error.
func userText(t *testing.T) map[string]string {
	c := mustLoad(t)
	out := map[string]string{}
	add := func(label, s string) { out[label] = s }
	for l := range shipped {
		if l == TalkPlan || l == TalkAfter {
			continue
		}
		for _, it := range c.Items(l) {
			add(fmt.Sprintf("%s %s label", l, it.ID), it.Label)
			add(fmt.Sprintf("%s %s about", l, it.ID), it.About)
		}
	}
	for _, f := range c.Fears() {
		add("fear "+f.ID+" feared", "You "+f.Feared+".")
		add("fear "+f.ID+" question", f.Question)
	}
	for _, l := range c.Waiting() {
		add("waiting "+l.ID, l.Text)
	}
	for _, l := range c.Released() {
		add("released "+l.ID, l.Text)
	}
	add("need intro", c.NeedIntro())
	add("boundary intro", c.BoundaryIntro())
	for _, s := range append(c.NeedSlots(), c.BoundarySlots()...) {
		add("slot "+s.ID+" label", s.Label)
		add("slot "+s.ID+" hint", s.Hint)
		add("slot "+s.ID+" example", s.Example)
	}
	for _, e := range c.NeedExamples() {
		add("need example "+e.ID+" situation", e.Situation)
		add("need example "+e.ID+" why", e.Why)
		s, _ := c.ComposeNeed(e.Need)
		add("need example "+e.ID, s)
	}
	for _, e := range c.BoundaryExamples() {
		add("boundary example "+e.ID+" situation", e.Situation)
		add("boundary example "+e.ID+" why", e.Why)
		s, _ := c.ComposeBoundary(e.Boundary)
		add("boundary example "+e.ID, s)
	}
	add("flags intro", c.FlagsIntro())
	cy := c.AnxiousAvoidantCycle()
	add("cycle title", cy.Title)
	for i, p := range cy.Paragraphs {
		add(fmt.Sprintf("cycle %d", i), p)
	}
	add("talk intro", c.TalkIntro())
	for _, form := range []List{TalkPlan, TalkAfter} {
		for _, p := range c.TalkPrompts(form) {
			add("talk "+p.ID+" label", p.Label)
			add("talk "+p.ID+" hint", p.Hint)
			for i, e := range p.Examples {
				add(fmt.Sprintf("talk %s example %d", p.ID, i), e)
			}
		}
	}
	add("surfed meaning", SurfedMeaning)
	for i, tally := range []UrgeTally{{}, {Surfed: 1}, {Surfed: 4, Acted: 2}} {
		add(fmt.Sprintf("tally %d", i), tally.Sentence())
	}
	var all []FearAnswer
	for _, f := range c.Fears() {
		all = append(all, answers(f.ID, 1, 1, 3)...)
	}
	for i, set := range [][]FearAnswer{nil, answers("leaving", 0, 0, 1), answers("angry", 1, 0, 0), answers("angry", 0, 1, 0), all} {
		r := c.BaseRates(set)
		add(fmt.Sprintf("base rates %d note", i), r.Note)
		for _, fr := range r.Fears {
			add(fmt.Sprintf("base rates %d %s", i, fr.Fear.ID), fr.Sentence)
		}
	}
	now := time.Date(2026, 6, 30, 20, 0, 0, 0, time.UTC)
	var obs []Observation
	for i, f := range append(c.Flags(GreenFlags), c.Flags(RedFlags)...) {
		obs = append(obs, Observation{At: now.AddDate(0, 0, -3*i), Flag: f.ID}, Observation{At: now.AddDate(0, 0, -i), Flag: f.ID})
	}
	for i, set := range [][]Observation{nil, obs[:1], obs} {
		for j, line := range c.SummariseFlags(set, now).Lines {
			add(fmt.Sprintf("flag summary %d line %d", i, j), line)
		}
	}
	for label, err := range errorSamples(c) {
		for field, msg := range FieldMessages(err) {
			add("error "+label+" "+field, msg)
		}
	}
	return out
}

// errorSamples triggers each validation rule once.
func errorSamples(c *Catalog) map[string]error {
	errs := map[string]error{}
	bad := Log{Happening: "own-words", Activation: 11, Body: []string{"x"}, Story: "\xff"}
	errs["log"] = c.CheckLog(&bad)
	bad = Log{Happening: "x", Activation: 1, Story: strings.Repeat("x", MaxStory+1), Urges: []string{"own-words"}, UrgeOwn: "a\nb"}
	errs["log 2"] = c.CheckLog(&bad)
	bad = Log{Happening: "", Activation: 1, Story: "\x00"}
	errs["log 3"] = c.CheckLog(&bad)
	_, errs["activation"] = ParseActivation("activation", "x")
	_, errs["need"] = c.ComposeNeed(Need{})
	_, errs["boundary"] = c.ComposeBoundary(Boundary{})
	_, errs["talk"] = c.CheckTalk(TalkPlan, nil)
	_, errs["talk field"] = c.CheckTalk(TalkPlan, map[string]string{"x": "y"})
	_, errs["zone"] = c.ReleaseAt(time.Now(), nil, "1-hour")
	_, errs["hold"] = c.ReleaseAt(time.Now(), time.UTC, "x")
	errs["held"] = c.CheckHeld(&Held{})
	_, errs["ids"] = c.CheckIDs(Urges, make([]string, 50))
	return errs
}

// Words that shame, command, label or promise a cure have no place in our
// voice. The list follows practice/voice_test.go and adds the labels people
// with anxious attachment are most often called.
var bannedWords = regexp.MustCompile(`(?i)\b(should|must|fail\w*|cure\w*|fix\w*|broken|guarantee\w*|always|never|just relax|calm down|weak\w*|crazy|needy|clingy|desperate|dramatic|hysteric\w*|obsess\w*|psycho\w*|pathetic|toxic|manipulat\w*|overreact\w*|too sensitive|get over|oops|sorry|please|users?|diagnos\w*|disorder\w*)\b`)

// sentenceEnd splits text into sentences.
var sentenceEnd = regexp.MustCompile(`[.?:;]\s+|[.?]$`)

func TestVoice(t *testing.T) {
	texts := userText(t)
	if len(texts) < 300 {
		t.Fatalf("only %d texts gathered; is userText missing a list?", len(texts))
	}
	checkVoice(t, texts)
}

func checkVoice(t *testing.T, texts map[string]string) {
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

func TestBannedWordsCatch(t *testing.T) {
	for _, s := range []string{"You should text less.", "Stop being needy.", "That was dramatic!", "You failed today.", "NEVER do this."} {
		if bannedWords.FindString(s) == "" {
			t.Errorf("the voice check lets %q through", s)
		}
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
