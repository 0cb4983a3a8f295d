package safety

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

// Floors the detector must keep. Recall matters most: a missed crisis
// costs more than an extra, gentle offer of crisis lines.
//
// The tuning floors sit just under what the detector reaches on the
// sentences it was fitted to (round 6: recall 907/944 = 0.961, false
// alarms 9/1082 = 0.008; the folded held-out sets' misses were not all
// tuned away); they say little about new writing. The held-out floors are
// NOT targets: they sit just under the score the round-6 final held-out
// set got on its one untouched run (recall 70/108 = 0.648, false alarms
// 10/110 = 0.091) and only guard against regressions. The gap to the 0.90
// goal on fresh sentences is real and is reported in docs/safety.md.
const (
	tuningRecallFloor     = 0.95
	tuningFalseAlarmCeil  = 0.01
	heldOutRecallFloor    = 0.64
	heldOutFalseAlarmCeil = 0.095
	heldOutPath           = "testdata/crisis_heldout5.tsv"
)

type labelled struct {
	crisis bool
	text   string
	line   int
}

func readLabelled(t testing.TB, path string) []labelled {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("opening %s: %v", path, err)
	}
	defer f.Close()
	var out []labelled
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		label, text, ok := strings.Cut(line, "\t")
		if !ok || (label != "0" && label != "1") || strings.TrimSpace(text) == "" {
			t.Fatalf("%s:%d: want label<TAB>sentence, got %q", path, n, line)
		}
		out = append(out, labelled{crisis: label == "1", text: text, line: n})
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("reading %s: %v", path, err)
	}
	return out
}

// score runs the detector over a labelled set and reports recall and the
// false-alarm rate, with every mistake for the failure message.
func score(d *Detector, set []labelled) (recall, falseAlarm float64, pos, neg int, mistakes []string) {
	tp, fp := 0, 0
	for _, s := range set {
		got := d.Check(s.text)
		if s.crisis {
			pos++
			if got {
				tp++
			} else {
				mistakes = append(mistakes, fmt.Sprintf("line %d missed: %s", s.line, s.text))
			}
		} else {
			neg++
			if got {
				fp++
				mistakes = append(mistakes, fmt.Sprintf("line %d false alarm: %s", s.line, s.text))
			}
		}
	}
	return float64(tp) / float64(pos), float64(fp) / float64(neg), pos, neg, mistakes
}

func newTestDetector(t testing.TB) *Detector {
	t.Helper()
	d, err := NewDetector()
	if err != nil {
		t.Fatalf("NewDetector: %v", err)
	}
	return d
}

func checkSet(t *testing.T, path string, recallFloor, falseAlarmCeil float64) {
	d := newTestDetector(t)
	set := readLabelled(t, path)
	recall, falseAlarm, pos, neg, mistakes := score(d, set)
	t.Logf("%s: recall %.3f (%d crisis sentences), false-alarm rate %.3f (%d other sentences)",
		path, recall, pos, falseAlarm, neg)
	for _, m := range mistakes {
		t.Log(m)
	}
	if len(set) < 100 {
		t.Errorf("%s has %d sentences; want at least 100", path, len(set))
	}
	if recall < recallFloor {
		t.Errorf("recall %.3f below floor %.2f", recall, recallFloor)
	}
	if falseAlarm > falseAlarmCeil {
		t.Errorf("false-alarm rate %.3f above ceiling %.2f", falseAlarm, falseAlarmCeil)
	}
}

// TestTuningSet measures the sentences the rules were tuned on.
func TestTuningSet(t *testing.T) {
	checkSet(t, "testdata/crisis_labelled.tsv", tuningRecallFloor, tuningFalseAlarmCeil)
	set := readLabelled(t, "testdata/crisis_labelled.tsv")
	neg := 0
	for _, s := range set {
		if !s.crisis {
			neg++
		}
	}
	if len(set) < 300 || 2*neg < len(set) {
		t.Errorf("tuning set has %d sentences, %d negatives; want >= 300 with at least half negatives", len(set), neg)
	}
}

// TestHeldOutSet measures sentences written after tuning stopped. They are
// never used to change a rule; see docs/safety.md.
func TestHeldOutSet(t *testing.T) {
	checkSet(t, heldOutPath, heldOutRecallFloor, heldOutFalseAlarmCeil)
	set := readLabelled(t, heldOutPath)
	pos := 0
	for _, s := range set {
		if s.crisis {
			pos++
		}
	}
	if len(set) < 200 || pos < 100 || len(set)-pos < 100 {
		t.Errorf("held-out set has %d sentences, %d crisis; want >= 200 with >= 100 of each", len(set), pos)
	}
}

// TestCheckCases pins the decisions documented in docs/safety.md.
func TestCheckCases(t *testing.T) {
	d := newTestDetector(t)
	cases := []struct {
		text string
		want bool
	}{
		// denial is not flagged, hedged denial is
		{"I'm not suicidal.", false},
		{"I'm not suicidal, but I think about not waking up.", true},
		{"I would never hurt myself.", false},
		{"I never want to wake up.", true},
		// someone else, and quotations by someone else
		{"My friend said she wants to die, how do I help?", false},
		{`He texted me "I want to kill myself" and I froze.`, false},
		{`I wrote "I want to kill myself" in my diary.`, true},
		// idioms
		{"I'd kill for a coffee.", false},
		{"This deadline is killing me.", false},
		{"I died laughing.", false},
		{"She's killing it at work.", false},
		{"I'm dead tired.", false},
		{"My phone died.", false},
		{"I feel like I'm dying inside when he doesn't text back.", false},
		// indirect positives
		{"Everyone would be better off without me.", true},
		{"I want to go to sleep and not wake up.", true},
		{"I've been saving up my pills.", true},
		{"I cut again last night.", true},
		// normalisation: case, curly quotes, contractions, stretched letters
		{"I DON’T WANT TO BE ALIVE", true},
		{"i dont wanna be alive", true},
		{"I wanttt to diiiie", true},
		{"I’m going to kill myself", true},
		{"self-harm again tonight", true},
		// round 5: preparation, spread over sentences, burden, means
		{"I've got the rope. I just need to pick a day.", true},
		{"Updated my will today and picked out who gets the cat.", true},
		{"It's over. I'm done. Goodbye everyone, I love you.", true},
		{"I'd be doing everyone a favour by disappearing permanently.", true},
		{"I asked my doctor for more pills than I need so I'd have a supply.", true},
		{"Took a handful of sleeping pills an hour ago.", true},
		{"i dont wanna exsist no more", true},
		{"I take all my pills in the morning with breakfast.", false},
		{"I got some ibuprofen and a hot water bottle for the cramps.", false},
		{"I'm ending things with him this weekend.", false},
		{"I'd rather die than text him first.", false},
		{"I'd rather be dead than feel like this for another day.", true},
		// stated recovery and a reported question answered no cancel their sentence
		{"I used to hurt myself as a teenager but I'm in a much better place now.", false},
		{"My therapist asked if I'd ever felt suicidal and I said no.", false},
		{"My therapist asked if I'd ever felt suicidal and I said yes.", true},
		{"It's not that I want to die, I want the panic to stop.", false},
		// round 6: the concept layer and the model
		{"I keep imagining my own coffin and feeling at ease.", true},
		{"How much codeine is too much?", true},
		{"I have taken something and I feel strange.", true},
		{"I'm scared of dying on the flight.", false},
		{"I thought I was going to die on that rollercoaster.", false},
		{"My hopes died when he left.", false},
		{"I think Priya wants to die.", false},
		{"We studied death rituals in my anthropology lecture.", false},
		{"I'm not scared of dying anymore.", true},
		{"I don't want to die, I want the fighting to stop.", false},
		// structure
		{"", false},
		{"...", false},
		{"\"\"\"", false},
	}
	for _, c := range cases {
		if got := d.Check(c.text); got != c.want {
			t.Errorf("Check(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

func TestConcurrentChecks(t *testing.T) {
	d := newTestDetector(t)
	set := readLabelled(t, "testdata/crisis_labelled.tsv")
	want := make([]bool, len(set))
	for i, s := range set {
		want[i] = d.Check(s.text)
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := g; i < len(set); i += 3 {
				if got := d.Check(set[i].text); got != want[i] {
					t.Errorf("goroutine %d: Check(%q) = %v, want %v", g, set[i].text, got, want[i])
				}
			}
		}(g)
	}
	wg.Wait()
}

// hugeText builds n bytes of text meant to make the detector work hard:
// near-miss phrases, idioms, negations, quotes that never close, stretched
// letters and long words.
func hugeText(n int) string {
	parts := []string{
		"I want to die of embarrassment. ", "no no no not never ", "\"she said ",
		"want to to to want to ", "i i i i ", "diiiiiiiiiiie ", "kill myself laughing, ",
		"better off without ", "self self harm harm ", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa ",
		"It’s fine, he’ll text back. ", "can't won't don't shouldn't've ", "« quote » ",
	}
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		b.WriteString(parts[i%len(parts)])
	}
	return b.String()[:n]
}

// TestHugeInputIsLinear checks 500,000 characters finish quickly and that
// ten times the text costs about ten times the time, not a hundred.
func TestHugeInputIsLinear(t *testing.T) {
	d := newTestDetector(t)
	small, large := hugeText(50_000), hugeText(500_000)
	d.Check(small) // warm the pool
	timeIt := func(s string) time.Duration {
		best := time.Duration(1 << 62)
		for i := 0; i < 3; i++ {
			start := time.Now()
			d.Check(s)
			if e := time.Since(start); e < best {
				best = e
			}
		}
		return best
	}
	ts, tl := timeIt(small), timeIt(large)
	t.Logf("50,000 chars: %v; 500,000 chars: %v", ts, tl)
	if tl > 5*time.Second {
		t.Errorf("500,000 characters took %v", tl)
	}
	if tl > 30*ts+10*time.Millisecond {
		t.Errorf("not linear: 10x the text took %.1fx the time", float64(tl)/float64(ts))
	}
}

func BenchmarkCheckParagraph(b *testing.B) {
	d := newTestDetector(b)
	text := "He still hasn't replied and it's been four hours. I know he's at work, but my chest " +
		"is tight and I've typed a fourth message three times. I'm dying to know what he meant " +
		"by \"we need to talk\". I tried the breathing tool and grounding; distress went from 8 " +
		"to 6. I'm not going to send it yet. Tomorrow I'll bring it up in calm time."
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	d.Check(text) // warm the scratch pool
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d.Check(text)
	}
}

func BenchmarkCheck500K(b *testing.B) {
	d := newTestDetector(b)
	text := hugeText(500_000)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	d.Check(text) // warm the scratch pool
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d.Check(text)
	}
}
