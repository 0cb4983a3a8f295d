package belief

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"
)

// TestHintCases pins the engine's behaviour on thoughts written for this
// test (none of them is in either labelled set): the first hint, or no
// hint at all.
func TestHintCases(t *testing.T) {
	h := newTestHinter(t)
	for _, tc := range []struct{ thought, first string }{
		// Person awareness: the same words about me and about someone else.
		{"he's bored of me", TrapMindReading},
		{"I'm bored tonight", ""},
		{"my boss thinks I'm lazy", TrapMindReading},
		{"I think I'll get a takeaway", ""},
		{"I'm such an idiot", TrapLabelling},
		{"he's an idiot", TrapLabelling},
		{"I'm not an idiot for feeling this", ""},
		{"I don't think he's annoyed with me", ""},
		{"I think Priya is annoyed with me", TrapMindReading},
		// Habits are not rules; complaints are.
		{"she always rings on a Sunday", ""},
		{"you never listen to me", TrapOvergeneralising},
		{"nobody ever stays", TrapOvergeneralising},
		// Plans are not should statements; hard rules are.
		{"we should book the tickets", ""},
		{"I should be over this by now", TrapShould},
		{"i dont have to reply tonight", ""},
		// Hedges soften guesses below the line.
		{"maybe he's annoyed with me", ""},
		{"he's going to leave me", TrapFortuneTelling},
		{"he might leave me", ""},
		{"it will pass", ""},
		{"what if he's been in a crash", TrapCatastrophising},
		{"this is a total disaster", TrapCatastrophising},
		{"it was my fault", TrapPersonalising},
		{"it wasn't my fault the bus was late", ""},
		{"either she loves me or she doesn't", TrapAllOrNothing},
		{"I feel like a fraud, so I must be one", TrapEmotional},
		{"she said it was lovely but she was just being polite", TrapDiscounting},
		{"I feel like going for a walk", ""},
		{"I'm anxious and my chest is tight", ""},
		{"", ""},
		{"!!!", ""},
	} {
		hs := h.Hints(tc.thought)
		got := ""
		if len(hs) > 0 {
			got = hs[0].ID
		}
		if got != tc.first {
			t.Errorf("%q: first hint %q, want %q (all: %v)", tc.thought, got, tc.first, hs)
		}
	}
}

func TestHintWhyQuotesTheThought(t *testing.T) {
	h := newTestHinter(t)
	hs := h.Hints("Honestly he’s SO bored of me, I can tell")
	if len(hs) == 0 || hs[0].ID != TrapMindReading {
		t.Fatalf("hints %v", hs)
	}
	want := "‘he’s SO bored of me’ may be a guess at what someone else thinks or feels."
	if hs[0].Why != want {
		t.Errorf("why = %q, want %q", hs[0].Why, want)
	}
	// A long match is cut to eight words with an ellipsis.
	hs = h.Hints("either he texts me back tonight at the very latest or we are done")
	if len(hs) == 0 || !strings.Contains(hs[0].Why, "…’") {
		t.Errorf("long quote not cut: %v", hs)
	}
	for _, thought := range []string{"i'm so needy", "he never replies", "I should be calmer by now"} {
		for _, hn := range h.Hints(thought) {
			q := strings.TrimPrefix(strings.SplitN(hn.Why, "’", 2)[0], "‘")
			if !strings.Contains(thought, strings.TrimSuffix(q, " …")) {
				t.Errorf("%q: why %q does not quote the thought", thought, hn.Why)
			}
			if !strings.HasSuffix(hn.Why, ".") || strings.Contains(hn.Why, "!") {
				t.Errorf("why %q", hn.Why)
			}
		}
	}
}

func TestHintsOrderAndLimit(t *testing.T) {
	h := newTestHinter(t)
	hs := h.Hints("I'm a complete failure, everyone always leaves, he thinks I'm pathetic, I should be over it by now and it's all my fault")
	if len(hs) == 0 || len(hs) > h.maxHints {
		t.Fatalf("%d hints, want 1–%d", len(hs), h.maxHints)
	}
	seen := map[string]bool{}
	for _, hn := range hs {
		if seen[hn.ID] {
			t.Errorf("trap %s twice", hn.ID)
		}
		seen[hn.ID] = true
		if trapIndex(hn.ID) < 0 {
			t.Errorf("unknown trap %s", hn.ID)
		}
	}
	scored := h.score("I'm a complete failure, everyone always leaves, he thinks I'm pathetic")
	if !sort.SliceIsSorted(scored, func(i, j int) bool { return scored[i].score > scored[j].score }) {
		t.Errorf("hints not best first: %+v", scored)
	}
}

func TestHintsOnlyReadMaxThought(t *testing.T) {
	h := newTestHinter(t)
	pad := strings.Repeat("a ", MaxThought/2)
	if hs := h.Hints(pad + "I'm an idiot"); len(hs) != 0 {
		t.Errorf("a trap past MaxThought was read: %v", hs)
	}
	if hs := h.Hints(strings.Repeat("é", MaxThought-20) + ". I'm an idiot"); len(hs) != 1 {
		t.Errorf("a trap inside MaxThought runes was missed: %v", hs)
	}
}

func TestHintsConcurrentAndDeterministic(t *testing.T) {
	h := newTestHinter(t)
	thoughts := []string{"he's bored of me", "I always ruin everything", "what if she leaves", "i'm fine"}
	want := make([]string, len(thoughts))
	for i, th := range thoughts {
		want[i] = fmt.Sprint(h.Hints(th))
	}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; k < 50; k++ {
				for i, th := range thoughts {
					if got := fmt.Sprint(h.Hints(th)); got != want[i] {
						errs <- fmt.Sprintf("%q: %s, want %s", th, got, want[i])
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

func TestTokenize(t *testing.T) {
	h := newTestHinter(t)
	for in, want := range map[string]string{
		"I’m sure he’ll leave":           "i be sure he will leave",
		"im gonna be alone":              "i will be alone",
		"ill never be enough":            "i will never be enough",
		"I feel ill today":               "i feel ill today",
		"she doesnt care, no-one does":   "she do not care nobody do",
		"he's been ignoring me":          "he be be ignore me",
		"Amy's reply was short":          "amy reply be short",
		"they left becuase of me":        "they leave because of me",
		"realized, realised":             "realise realise",
		"caf\xffe":                       "caf e",
		"my co-worker thinks im useless": "my coworker think i be useless",
	} {
		var got []string
		for _, tk := range h.tokenize(in) {
			got = append(got, tk.lemma)
		}
		if strings.Join(got, " ") != want {
			t.Errorf("tokenize(%q) = %q, want %q", in, strings.Join(got, " "), want)
		}
	}
	toks := h.tokenize("I told Priya. Sam said no")
	names := 0
	for _, tk := range toks {
		if tk.name {
			names++
		}
	}
	if names != 1 { // Priya; "Sam" starts a sentence, so it cannot be told from a capital
		t.Errorf("%d names, want 1: %+v", names, toks)
	}
}

func TestCompileErrors(t *testing.T) {
	base := string(hintRulesJSON)
	for name, broken := range map[string]string{
		"unknown field":  strings.Replace(base, `"threshold"`, `"threshhold"`, 1),
		"unknown trap":   strings.Replace(base, `"trap": "labelling"`, `"trap": "labeling"`, 1),
		"no group":       strings.Replace(base, `"@OTHER find|view|consider me"`, `"@NOPE find|view|consider me"`, 1),
		"bad gap":        strings.Replace(base, `"either ~9 or"`, `"either ~99 or"`, 1),
		"gap at start":   strings.Replace(base, `"either ~9 or"`, `"~9 or"`, 1),
		"optional first": strings.Replace(base, `"either ~9 or"`, `"either? or"`, 1),
		"two words":      strings.Replace(base, `"either ~9 or"`, `"either im or"`, 1),
		"inflected":      strings.Replace(base, `"either ~9 or"`, `"either ~9 leaving"`, 1),
		"repeated id":    strings.Replace(base, `"id": "an-either"`, `"id": "an-extreme"`, 1),
		"zero score":     strings.Replace(base, `"score": 1.3, "neg": "ignore", "cues": ["either ~9 or"]`, `"score": 0, "neg": "ignore", "cues": ["either ~9 or"]`, 1),
		"no cues":        strings.Replace(base, `"cues": ["either ~9 or"]`, `"cues": []`, 1),
		"bad neg":        strings.Replace(base, `"score": 1.3, "neg": "ignore", "cues": ["either ~9 or"]`, `"score": 1.3, "neg": "block", "cues": ["either ~9 or"]`, 1),
		"not json":       base[:100],
	} {
		if broken == base {
			t.Fatalf("%s: the replacement did not apply; update the test", name)
		}
		if _, err := compileHinter([]byte(broken)); err == nil {
			t.Errorf("%s: compiled without error", name)
		}
	}
}

// adversarial builds 4,000-character inputs that stress the matcher: one
// long sentence of words that start many cues, or of gap-heavy patterns.
func adversarial() []string {
	words := []string{"i", "he", "feel", "so", "what", "if", "either", "or", "always", "never", "not", "be",
		"my", "fault", "will", "think", "like", "just", "really", "nobody", "everyone", "because", "me", "a", "but"}
	var out []string
	for _, w := range words {
		out = append(out, strings.Repeat(w+" ", MaxThought/(len(w)+1)))
	}
	r := rand.New(rand.NewPCG(1, 2))
	for k := 0; k < 10; k++ {
		var b strings.Builder
		for b.Len() < MaxThought {
			b.WriteString(words[r.IntN(len(words))])
			b.WriteByte(' ')
		}
		out = append(out, b.String()[:MaxThought])
	}
	out = append(out, strings.Repeat("a", MaxThought), strings.Repeat(", ", MaxThought/2), strings.Repeat("é", MaxThought))
	return out
}

func TestHintsBoundedTime(t *testing.T) {
	h := newTestHinter(t)
	var worst time.Duration
	for _, in := range adversarial() {
		start := time.Now()
		h.Hints(in)
		if d := time.Since(start); d > worst {
			worst = d
		}
	}
	t.Logf("worst of %d adversarial 4,000-character inputs: %v", len(adversarial()), worst)
	if worst > 2*time.Second {
		t.Errorf("a 4,000-character thought took %v", worst)
	}
}

func FuzzHints(f *testing.F) {
	for _, s := range []string{"he's bored of me", "I'm such an idiot", "what if she leaves", "ill never be enough",
		"either he loves me or he doesnt", "i feel like a burden so i am one", "‘quoted’ … text", "\xff\xfe", ""} {
		f.Add(s)
	}
	for _, s := range adversarial()[:3] {
		f.Add(s)
	}
	h, err := NewHinter()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, thought string) {
		start := time.Now()
		hs := h.Hints(thought)
		if d := time.Since(start); d > 5*time.Second {
			t.Fatalf("took %v on %d bytes", d, len(thought))
		}
		if len(hs) > h.maxHints {
			t.Fatalf("%d hints", len(hs))
		}
		seen := map[string]bool{}
		for _, hn := range hs {
			if trapIndex(hn.ID) < 0 || seen[hn.ID] {
				t.Fatalf("bad or repeated id %q", hn.ID)
			}
			seen[hn.ID] = true
			if !utf8.ValidString(hn.Why) || !strings.HasPrefix(hn.Why, "‘") || !strings.HasSuffix(hn.Why, ".") {
				t.Fatalf("why %q", hn.Why)
			}
		}
	})
}

func BenchmarkHints(b *testing.B) {
	h, err := NewHinter()
	if err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct{ name, text string }{
		{"short", "he hasn't replied in three hours, he's obviously bored of me and I always ruin everything"},
		{"none", "I'm tired tonight and I'm going to have a bath and an early night"},
		{"4000", adversarial()[len(adversarial())-4]},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				h.Hints(bc.text)
			}
		})
	}
}

func BenchmarkNewHinter(b *testing.B) {
	for b.Loop() {
		if _, err := NewHinter(); err != nil {
			b.Fatal(err)
		}
	}
}
