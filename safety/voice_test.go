package safety

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestSecondPerson checks when an entry is read again with "you" as the
// writer (voice.go): only an entry with no word of the writer, of two
// sentences or more or of one with two "you" words, never a question, an
// "if you" clause or a sentence about a song, and only the rules.
func TestSecondPerson(t *testing.T) {
	d := newTestDetector(t)
	for _, c := range []struct {
		text string
		yes  bool
	}{
		{"You wake up at four every morning. You lie there and wish you could die.", true},
		{"You've been cutting yourself again. Long sleeves in July.", true},
		// one sentence with one "you": most often said to someone
		{"You lie there wishing to die.", false},
		{"Honestly you should go die.", false},
		// one sentence with two: self-address (round 62)
		{"You lie there and wish you could die.", true},
		{"You keep telling yourself it will pass, but you want to die.", true},
		// the writer is in the entry, so "you" is someone else
		{"You said you want to die. I can't stop thinking about it.", false},
		{"Dear Sam. You want to kill yourself and we are all scared.", false},
		// asked of someone
		{"Have you thought about killing yourself? Please tell someone.", false},
		// anyone's, up to the comma
		{"If you feel like ending your life, call a crisis line. You matter.", false},
		{"When you want to die, the worst thing is being alone. Reach out.", false},
		// a song
		{"That song about losing your will to live is a bop. The beat is great.", false},
	} {
		v, found := d.Explain(c.text)
		if v.Crisis != c.yes {
			t.Errorf("%q: got %+v, want crisis %v", c.text, v, c.yes)
			continue
		}
		if d.CheckEntry(c.text) != v {
			t.Errorf("%q: CheckEntry and Explain differ", c.text)
		}
		second := false
		for _, f := range found {
			switch {
			case f.Code == voiceCode:
				second = true
			case second && f.Outcome == "yes" && !strings.HasPrefix(f.Rule, "rules.txt:"):
				t.Errorf("%q: the second reading is the rules' alone, got %+v", c.text, f)
			}
		}
		if second != c.yes {
			t.Errorf("%q: findings of the second reading %v, want %v: %+v", c.text, second, c.yes, found)
		}
	}
	// Without the table the entry is never read again.
	plain, err := NewDetector()
	if err != nil {
		t.Fatal(err)
	}
	plain.you = nil
	if v := plain.CheckEntry("You wake up at four every morning. You lie there and wish you could die."); v.Crisis {
		t.Errorf("without the second reading: %+v", v)
	}
}

// TestSecondPersonJoins joins random ordinary writing that has no word
// of the writer into entries of two to eight pieces: sentences of the dev
// files labelled not crisis, and the texts of the general-writing sets M
// and R (advice, replies, comments: most of them say "you"), each quiet
// for the detector without the second reading. Read again with "you" as
// the writer, few joins may say yes.
func TestSecondPersonJoins(t *testing.T) {
	d := newTestDetector(t)
	without, err := NewDetector()
	if err != nil {
		t.Fatal(err)
	}
	without.you = nil
	pieces := quietSentences(t, without, true)
	for _, path := range []string{"testdata/crisis_journal_m.jsonl", "testdata/crisis_journal_r.jsonl"} {
		for _, e := range readJournalFile(t, path) {
			if e.Label != "crisis" && !without.Check(e.Text) {
				pieces = append(pieces, e.Text)
			}
		}
	}
	var quiet []string
	withYou := 0
	sc := &scratch{}
	for _, s := range pieces {
		sc.writer, sc.you = false, 0
		d.noteVoice(d.v.tokenize(s, sc, true), sc)
		if !sc.writer {
			quiet = append(quiet, s)
			if sc.you > 0 {
				withYou++
			}
		}
	}
	if withYou < 80 {
		t.Fatalf("only %d quiet pieces say you without the writer", withYou)
	}
	r := rand.New(rand.NewPCG(5, 6))
	yes, joins := 0, 3000
	for n := range joins {
		parts := make([]string, 2+n%7)
		for i := range parts {
			parts[i] = quiet[r.IntN(len(quiet))]
		}
		if d.CheckEntry(strings.Join(parts, " ")).Crisis {
			yes++
		}
	}
	share := float64(yes) / float64(joins)
	t.Logf("%d quiet pieces without the writer (%d say you); joins of 2-8 flagged: %d of %d = %.4f", len(quiet), withYou, yes, joins, share)
	if share > 0.02 {
		t.Errorf("joins of quiet pieces with no writer flagged %.3f; want at most 0.02", share)
	}
}
