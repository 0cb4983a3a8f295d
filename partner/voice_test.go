package partner

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode"
)

// userText gathers every string in the package that a person reads, with a
// label saying where it comes from.
func userText(t *testing.T) map[string]string {
	c := mustLoad(t)
	out := map[string]string{}
	add := func(label, s string) { out[label] = s }
	lines := func(name string, ls []Line) {
		for _, l := range ls {
			add(name+" "+l.ID, l.Text)
		}
	}
	add("decoder intro", c.DecoderIntro())
	add("not excusing", c.NotExcusing())
	for _, s := range c.Situations() {
		for k, v := range map[string]string{"label": s.Label, "surface": s.Surface, "underneath": s.Underneath, "answer": s.Answer} {
			add("situation "+s.ID+" "+k, v)
		}
		if s.Note != "" {
			add("situation "+s.ID+" note", s.Note)
		}
		for i, r := range s.Replies {
			add(fmt.Sprintf("situation %s reply %d", s.ID, i), r)
		}
	}
	add("repair intro", c.RepairIntro())
	lines("opener", c.Openers())
	lines("doing", c.Doing())
	lines("warm", c.WarmLines())
	lines("repair tip", c.RepairTips())
	slots := func(name string, ss []Slot) {
		for _, s := range ss {
			add(name+" slot "+s.ID+" label", s.Label)
			add(name+" slot "+s.ID+" hint", s.Hint)
			add(name+" slot "+s.ID+" example", s.Example)
		}
	}
	slots("repair", c.RepairSlots())
	now := time.Date(2026, 6, 10, 14, 20, 0, 0, time.UTC)
	for i, o := range c.Openers() {
		d, w := c.Doing()[i%len(c.Doing())], c.WarmLines()[i%len(c.WarmLines())]
		s, err := c.ComposeRepair(Repair{o.Text, d.Text, w.Text}, now.Add(time.Duration(i+1)*5*time.Hour), now, time.UTC, Clock(i%2))
		if err != nil {
			t.Fatal(err)
		}
		add("repair sample "+o.ID, s)
	}
	add("boundary intro", c.BoundaryIntro())
	slots("boundary", c.BoundarySlots())
	lines("delivery tip", c.DeliveryTips())
	for _, e := range c.DeliveryExamples() {
		for k, v := range map[string]string{"situation": e.Situation, "abandonment": e.Abandonment, "cue": e.AbandonmentCue, "care": e.Care, "why": e.Why} {
			add("delivery "+e.ID+" "+k, v)
		}
	}
	bs := c.BoundarySlots()
	b, _ := c.ComposeBoundary(Boundary{bs[0].Example, bs[1].Example, bs[2].Example})
	add("boundary sample", b)
	add("talk intro", c.TalkIntro())
	for _, p := range c.TalkPrompts() {
		add("talk "+p.ID+" label", p.Label)
		add("talk "+p.ID+" hint", p.Hint)
		for i, e := range p.Examples {
			add(fmt.Sprintf("talk %s example %d", p.ID, i), e)
		}
	}
	add("baseline intro", c.BaselineIntro())
	for _, m := range c.BaselineMarkers() {
		add("baseline "+m.ID+" label", m.Label)
		add("baseline "+m.ID+" about", m.About)
	}
	for i, ticked := range [][]string{nil, {"manager"}, {"manager", "resentment"}} {
		r, _ := c.CheckBaseline(ticked)
		for j, l := range r.Lines {
			add(fmt.Sprintf("baseline result %d line %d", i, j), l)
		}
	}
	add("help intro", c.HelpIntro())
	for _, r := range c.Routes() {
		add("route "+r.ID+" title", r.Title)
		add("route "+r.ID+" about", r.About)
		if r.CouplesNote != "" {
			add("route "+r.ID+" couples", r.CouplesNote)
		}
		for _, m := range r.Markers {
			add("sign "+m.ID+" label", m.Label)
			add("sign "+m.ID+" about", m.About)
		}
	}
	add("signals intro", c.SignalsIntro())
	for _, k := range c.SignalKinds() {
		add("signal "+k.ID+" label", k.Label)
		s := Signal{Kind: k.ID}
		switch k.Param {
		case ParamNumber:
			s.Number = ptr(7)
		case ParamTime:
			s.At = ptr(now.Add(3 * time.Hour))
		}
		shown, err := c.ShowSignal(s, now, time.UTC, Clock24)
		if err != nil {
			t.Fatal(err)
		}
		add("signal "+k.ID+" shown", shown.Text)
	}
	add("limit message", LimitMessage(now.Add(10*time.Minute), now, time.UTC, Clock24))
	for k, v := range map[string]string{"LinkIntro": LinkIntro, "LinkChoice": LinkChoice, "LinkPressure": LinkPressure, "DeclineNote": DeclineNote, "NoReceipts": NoReceipts, "UnlinkNote": UnlinkNote} {
		add(k, v)
	}
	for label, err := range errorSamples(c, now) {
		for field, msg := range FieldMessages(err) {
			add("error "+label+" "+field, msg)
		}
	}
	return out
}

// errorSamples triggers each validation rule once.
func errorSamples(c *Catalog, now time.Time) map[string]error {
	errs := map[string]error{}
	_, errs["situation"] = c.Situation("x")
	_, errs["repair"] = c.ComposeRepair(Repair{Opener: "\xff", Doing: "a\nb", Warm: strings.Repeat("x", 200)}, now, now, time.UTC, Clock24)
	_, errs["repair control"] = c.ComposeRepair(Repair{Opener: "\x00"}, now, now, nil, Clock24)
	_, errs["clock"] = ParseClock("back", "x", now, time.UTC)
	_, errs["boundary"] = c.ComposeBoundary(Boundary{})
	_, errs["talk"] = c.CheckTalk(nil)
	_, errs["talk field"] = c.CheckTalk(map[string]string{"x": "y"})
	_, errs["baseline"] = c.CheckBaseline([]string{"x"})
	_, errs["baseline many"] = c.CheckBaseline(make([]string, 50))
	_, errs["help"] = c.HelpFor([]string{"x"}, 0)
	_, errs["help many"] = c.HelpFor(make([]string, 50), 0)
	_, errs["parse"] = ParseSignal([]byte("x"))
	_, errs["parse long"] = ParseSignal(make([]byte, MaxSignalBytes+1))
	errs["signal"] = c.CheckSignal(&Signal{Kind: "activated", At: ptr(now), Words: "http://x"}, now)
	errs["signal 2"] = c.CheckSignal(&Signal{Kind: "here-back-at", Number: ptr(1)}, now)
	errs["signal kind"] = c.CheckSignal(&Signal{Kind: "x"}, now)
	_, errs["show"] = c.ShowSignal(Signal{Kind: "activated"}, now, nil, Clock24)
	_, errs["show number"] = c.ShowSignal(Signal{Kind: "activated"}, now, time.UTC, Clock24)
	_, errs["show time"] = c.ShowSignal(Signal{Kind: "here-back-at"}, now, time.UTC, Clock24)
	_, errs["code"] = ParseInviteCode("x")
	_, errs["code bytes"] = InviteCode(nil)
	return errs
}

// bannedWords follows practice/voice_test.go and behaviour/voice_test.go.
var bannedWords = regexp.MustCompile(`(?i)\b(should|must|fail\w*|cure\w*|fix\w*|broken|guarantee\w*|always|never|just relax|calm down|weak\w*|crazy|needy|clingy|desperate|dramatic|hysteric\w*|obsess\w*|psycho\w*|pathetic|toxic|manipulat\w*|overreact\w*|too sensitive|get over|oops|sorry|please|users?|diagnos\w*|disorder\w*)\b`)

var sentenceEnd = regexp.MustCompile(`[.?:;]\s+|[.?]$`)

func TestVoice(t *testing.T) {
	texts := userText(t)
	if len(texts) < 300 {
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

// countSyllables estimates syllables the usual rough way.
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
