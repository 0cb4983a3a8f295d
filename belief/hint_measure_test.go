package belief

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"sort"
	"strings"
	"testing"
)

// labelled is one thought of a labelled set with its traps (none: empty).
type labelled struct {
	line  int
	topic string
	traps []string
	text  string
}

// readLabelled reads a set: topic<TAB>traps<TAB>thought, "#" comments.
func readLabelled(t testing.TB, path string) []labelled {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer f.Close()
	var out []labelled
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.Split(line, "\t")
		if len(parts) != 3 {
			t.Fatalf("%s:%d: want 3 tab-separated fields, got %d", path, n, len(parts))
		}
		l := labelled{line: n, topic: parts[0], text: parts[2]}
		if parts[1] != "none" {
			l.traps = strings.Split(parts[1], ",")
		}
		out = append(out, l)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// ratio is k successes out of n, with its 95% Wilson interval.
type ratio struct{ k, n int }

func (r ratio) value() float64 {
	if r.n == 0 {
		return math.NaN()
	}
	return float64(r.k) / float64(r.n)
}

// wilson returns the 95% Wilson score interval (Wilson 1927), which stays
// inside [0, 1] and behaves at small n and at 0 or n successes.
func (r ratio) wilson() (lo, hi float64) {
	if r.n == 0 {
		return 0, 1
	}
	const z = 1.959964
	n, p := float64(r.n), r.value()
	d := 1 + z*z/n
	c := (p + z*z/(2*n)) / d
	h := z * math.Sqrt(p*(1-p)/n+z*z/(4*n*n)) / d
	return math.Max(0, c-h), math.Min(1, c+h)
}

func (r ratio) String() string {
	if r.n == 0 {
		return "  –   (0/0)"
	}
	lo, hi := r.wilson()
	return fmt.Sprintf("%.3f (%d/%d, 95%% CI %.3f–%.3f)", r.value(), r.k, r.n, lo, hi)
}

// metrics are the figures the hint engine is judged by.
type metrics struct {
	size, none   int
	top1, top3   ratio // over thoughts with at least one labelled trap
	precisionAt1 ratio // first hint right, over thoughts that got any hint
	noneHinted   ratio // thoughts labelled none that got a hint
	precision    map[string]*ratio
	recall       map[string]*ratio
	mistakes     []string
}

func measure(h *Hinter, set []labelled) metrics {
	m := metrics{size: len(set), precision: map[string]*ratio{}, recall: map[string]*ratio{}}
	for _, tr := range Traps() {
		m.precision[tr.ID], m.recall[tr.ID] = &ratio{}, &ratio{}
	}
	for _, l := range set {
		hints := h.Hints(l.text)
		want := map[string]bool{}
		for _, t := range l.traps {
			want[t] = true
		}
		got := map[string]bool{}
		var ids []string
		for _, hn := range hints {
			got[hn.ID] = true
			ids = append(ids, hn.ID)
			m.precision[hn.ID].n++
			if want[hn.ID] {
				m.precision[hn.ID].k++
			}
		}
		for t := range want {
			m.recall[t].n++
			if got[t] {
				m.recall[t].k++
			}
		}
		if len(l.traps) == 0 {
			m.none++
			m.noneHinted.n++
			if len(hints) > 0 {
				m.noneHinted.k++
			}
		} else {
			m.top1.n++
			m.top3.n++
			if len(hints) > 0 && want[hints[0].ID] {
				m.top1.k++
			}
			for i := 0; i < len(hints) && i < 3; i++ {
				if want[hints[i].ID] {
					m.top3.k++
					break
				}
			}
		}
		if len(hints) > 0 {
			m.precisionAt1.n++
			if want[hints[0].ID] {
				m.precisionAt1.k++
			}
		}
		if !sameSet(want, got) {
			wl := append([]string(nil), l.traps...)
			sort.Strings(wl)
			m.mistakes = append(m.mistakes, fmt.Sprintf("line %d: want [%s] got [%s]: %s",
				l.line, strings.Join(wl, ","), strings.Join(ids, ","), l.text))
		}
	}
	return m
}

func sameSet(a, b map[string]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}

// report prints the figures as docs/belief.md shows them.
func (m metrics) report(t *testing.T, name string) {
	t.Logf("%s: %d thoughts, %d labelled none", name, m.size, m.none)
	t.Logf("  top-1 hit rate            %v", m.top1)
	t.Logf("  top-3 hit rate            %v", m.top3)
	t.Logf("  first hint right, when any %v", m.precisionAt1)
	t.Logf("  no-trap thoughts hinted   %v", m.noneHinted)
	t.Logf("  %-26s %-40s %s", "trap", "precision", "recall")
	for _, tr := range Traps() {
		t.Logf("  %-26s %-40v %v", tr.ID, *m.precision[tr.ID], *m.recall[tr.ID])
	}
}

// TestHintsDev measures the hint engine on the dev set, the only set the
// rules were tuned on. With -v it lists every thought whose hints differ
// from its labels.
func TestHintsDev(t *testing.T) {
	h := newTestHinter(t)
	set := readLabelled(t, "testdata/hints_dev.tsv")
	m := measure(h, set)
	m.report(t, "dev set")
	if testing.Verbose() && os.Getenv("BELIEF_MISTAKES") != "" {
		for _, s := range m.mistakes {
			t.Log(s)
		}
	}
}

func newTestHinter(t testing.TB) *Hinter {
	t.Helper()
	h, err := NewHinter()
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// TestHintTrace prints, for each line of BELIEF_TRACE, the tokens and the
// cue matches behind its hints: a tool for writing rules.
func TestHintTrace(t *testing.T) {
	in := os.Getenv("BELIEF_TRACE")
	if in == "" {
		t.Skip("set BELIEF_TRACE to one or more thoughts, one per line")
	}
	h := newTestHinter(t)
	for _, text := range strings.Split(in, "\n") {
		toks := h.tokenize(text)
		var ls []string
		for _, tk := range toks {
			l := tk.lemma
			if tk.name {
				l += "(name)"
			}
			ls = append(ls, l)
		}
		t.Logf("%s\n  tokens: %s", text, strings.Join(ls, " "))
		for _, f := range h.matchAll(toks) {
			r := h.rules[f.rule]
			t.Logf("  %-24s %-28s %.2f %q", r.id, Traps()[r.trap].ID, f.score, text[toks[f.sp.first].start:toks[f.sp.last].end])
		}
		for _, s := range h.score(text) {
			t.Logf("  => %s %.2f (%s) %s", Traps()[s.trap].ID, s.score, s.rule, s.why)
		}
	}
}

// TestHintsOnGoEmotions measures how often hints fire on ordinary Reddit
// comments written by other people (GoEmotions, Demszky et al. 2020, in
// ../shared/data/goemotions): those labelled only neutral, and those
// labelled with an anxious feeling. The comments are not labelled for
// thinking traps, so the neutral rate is an upper bound on false alarms
// in text none of our rules were written from. Opt-in, because the data
// lives outside the repository:
//
//	BELIEF_GOEMOTIONS=../shared/data/goemotions/test.tsv go test ./belief -run TestHintsOnGoEmotions -v
func TestHintsOnGoEmotions(t *testing.T) {
	path := os.Getenv("BELIEF_GOEMOTIONS")
	if path == "" {
		t.Skip("set BELIEF_GOEMOTIONS to a GoEmotions TSV file to measure")
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	h := newTestHinter(t)
	// 27 is neutral; 9 disappointment, 12 embarrassment, 14 fear, 19
	// nervousness, 24 remorse, 25 sadness.
	anxious := map[string]bool{"9": true, "12": true, "14": true, "19": true, "24": true, "25": true}
	var neutral, feeling ratio
	per := map[string]int{}
	var samples []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		parts := strings.Split(sc.Text(), "\t")
		if len(parts) < 2 {
			continue
		}
		labels := strings.Split(parts[1], ",")
		hs := h.Hints(parts[0])
		switch {
		case len(labels) == 1 && labels[0] == "27":
			neutral.n++
			if len(hs) > 0 {
				neutral.k++
				per[hs[0].ID]++
				if len(samples) < 40 {
					samples = append(samples, hs[0].ID+": "+parts[0])
				}
			}
		default:
			for _, l := range labels {
				if anxious[l] {
					feeling.n++
					if len(hs) > 0 {
						feeling.k++
					}
					break
				}
			}
		}
	}
	t.Logf("neutral comments with a hint:          %v", neutral)
	t.Logf("anxious-feeling comments with a hint:  %v", feeling)
	t.Logf("first hint on neutral comments, by trap: %v", per)
	if os.Getenv("BELIEF_MISTAKES") != "" {
		for _, s := range samples {
			t.Log(s)
		}
	}
}
