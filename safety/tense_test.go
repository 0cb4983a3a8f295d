package safety

import "testing"

// TestToldInPast checks the reading of a sentence's tense (tense.go): a
// past form with nothing of now, no present verb and no "if", "wish" or
// "would" beside it, in the clause of its risk match.
func TestToldInPast(t *testing.T) {
	d := newTestDetector(t)
	for _, c := range []struct {
		text string
		past bool
	}{
		{"I wanted to die every day that winter.", true},
		{"The week he left I wanted to be dead.", true},
		{"I genuinely didn't want to be alive.", true},
		{"I genuinely didnt want to be alive.", true},
		{"For years I was sure my family was better off without me.", true},
		{"I want to die.", false},
		{"I wanted to die all day today.", false},
		{"Last night I wanted to die.", false},
		{"I wanted to die and I still do.", false},
		{"I'm so tired I wanted to scream.", false},
		{"Everyone would be better off if I wasn't alive.", false},
		{"If I was gone Mum could stop worrying.", false},
		{"I need to stop.", false},
		// Round 54: a later clause is the other half of the story.
		{"I wanted to die every day that winter, and today I bought tulips.", true},
		{"I wanted to die that winter and now I run a bakery.", true},
		{"I wanted to die that winter, and today I feel it again.", false},
		{"I wanted to die that winter, and tonight I do.", false},
		{"I wanted to die that winter, and I'm sure I still do.", false},
	} {
		toks, b, sc := firstSentence(d, c.text)
		d.find(toks, 0, min(b+1, len(toks)), sc)
		if got := d.toldInPast(toks, 0, b, d.riskClauseEnd(toks, sc.hits), sc); got != c.past {
			t.Errorf("%q: told in the past tense %v, want %v", c.text, got, c.past)
		}
	}
}

// TestRound52 checks whole entries: a wish told in the past tense in a
// story of getting through it is no longer a yes; told of now, or beside
// an act, it still is.
func TestRound52(t *testing.T) {
	checkEntries(t, []entryCase{
		{false, "The year Dad left I wanted to be dead. I got through it with a lot of help, and my kids are my whole world."},
		{true, "I wanted to die all day today."},
		{true, "Last night I wanted to die."},
		{true, "I wanted to die and I still do."},
		{true, "I wanted to die. I took the pills an hour ago."},
		{true, "Everyone would be better off if I was not alive."},
		{true, "I wanted to die."},
	})
}

// firstSentence tokenizes text and returns its tokens, the end of its
// first sentence (toks[0:b]) and the scratch that holds what the tokenizer
// marked (sc.past).
func firstSentence(d *Detector, text string) ([]token, int, *scratch) {
	sc := &scratch{}
	toks := d.v.tokenize(text, sc, true)
	b := 0
	for b < len(toks) && toks[b].s != symBound {
		b++
	}
	return toks, b, sc
}
