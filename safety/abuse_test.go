package safety

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"
)

type abuseLabelled struct {
	crisis bool
	text   string
}

func readAbuseSet(t testing.TB, path string) []abuseLabelled {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []abuseLabelled
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		label, text, ok := strings.Cut(line, "\t")
		if !ok || (label != "0" && label != "1") {
			t.Fatalf("%s: bad line %q", path, line)
		}
		out = append(out, abuseLabelled{label == "1", text})
	}
	return out
}

// abuseWilson is the 95% Wilson abuseScore interval for k successes in n.
func abuseWilson(k, n int) (lo, hi float64) {
	if n == 0 {
		return 0, 1
	}
	const z = 1.959964
	p, nf := float64(k)/float64(n), float64(n)
	d := 1 + z*z/nf
	c := (p + z*z/(2*nf)) / d
	h := z * math.Sqrt(p*(1-p)/nf+z*z/(4*nf*nf)) / d
	return c - h, c + h
}

type abuseScore struct {
	tp, fn, fp, tn int
	misses, alarms []string
}

func measureAbuse(t testing.TB, c *AbuseCheck, set []abuseLabelled) abuseScore {
	var s abuseScore
	for _, l := range set {
		got := c.Check(l.text)
		switch {
		case l.crisis && got:
			s.tp++
		case l.crisis:
			s.fn++
			s.misses = append(s.misses, l.text)
		case got:
			s.fp++
			var ids []string
			for _, m := range c.Explain(l.text) {
				ids = append(ids, m.Rule)
			}
			s.alarms = append(s.alarms, l.text+" ["+strings.Join(ids, ",")+"]")
		default:
			s.tn++
		}
	}
	return s
}

func (s abuseScore) String() string {
	rlo, rhi := abuseWilson(s.tp, s.tp+s.fn)
	flo, fhi := abuseWilson(s.fp, s.fp+s.tn)
	return fmt.Sprintf("recall %d/%d = %.3f (95%% Wilson %.3f–%.3f); false alarms %d/%d = %.3f (95%% Wilson %.3f–%.3f)",
		s.tp, s.tp+s.fn, float64(s.tp)/float64(s.tp+s.fn), rlo, rhi, s.fp, s.fp+s.tn, float64(s.fp)/float64(s.fp+s.tn), flo, fhi)
}

func newAbuse(t testing.TB) *AbuseCheck {
	t.Helper()
	c, err := NewAbuseCheck()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestAbuseDev: the sentences the rules were tuned on all pass.
func TestAbuseDev(t *testing.T) {
	s := measureAbuse(t, newAbuse(t), readAbuseSet(t, "testdata/abuse_dev.tsv"))
	for _, m := range s.misses {
		t.Errorf("missed: %s", m)
	}
	for _, a := range s.alarms {
		t.Errorf("false alarm: %s", a)
	}
	t.Logf("dev: %s", s)
}

// TestAbuseHeldOut measures the held-out set, written before the rules
// and never tuned on. The floors are the figures first measured, rounded
// down, so a change that makes the check worse fails here.
func TestAbuseHeldOut(t *testing.T) {
	set := readAbuseSet(t, "testdata/abuse_heldout.tsv")
	pos := 0
	for _, l := range set {
		if l.crisis {
			pos++
		}
	}
	if len(set) < 150 || pos*2 > len(set) {
		t.Fatalf("held-out set: %d sentences, %d positive; want at least 150, half or more of them negative", len(set), pos)
	}
	s := measureAbuse(t, newAbuse(t), set)
	t.Logf("FIGURE IPV held-out (%d sentences): %s", len(set), s)
	for _, m := range s.misses {
		t.Logf("missed: %s", m)
	}
	for _, a := range s.alarms {
		t.Logf("false alarm: %s", a)
	}
	if r := float64(s.tp) / float64(s.tp+s.fn); r < abuseRecallFloor {
		t.Errorf("recall %.3f under the floor %.2f", r, abuseRecallFloor)
	}
	if f := float64(s.fp) / float64(s.fp+s.tn); f > abuseAlarmCeiling {
		t.Errorf("false alarms %.3f over the ceiling %.2f", f, abuseAlarmCeiling)
	}
}

// The floors from the first measurement of the held-out set.
const abuseRecallFloor, abuseAlarmCeiling = 0.95, 0.03

func TestAbuseExplain(t *testing.T) {
	c := newAbuse(t)
	got := c.Explain("He hit me. Then he took my passport and he follows me to work.")
	var ids []string
	for _, m := range got {
		ids = append(ids, string(m.Harm)+":"+m.Rule)
	}
	want := "physical:hit-me control:takes-my-things follow:follows-me follow:follows-me-to"
	if strings.Join(ids, " ") != want {
		t.Errorf("Explain = %v, want %s", ids, want)
	}
	for _, text := range []string{"", "   ", "He would never hit me.", "Marcus hit the gym."} {
		if c.Check(text) {
			t.Errorf("Check(%q) = true", text)
		}
	}
}

func TestAbuseRulesRefused(t *testing.T) {
	for _, r := range [][]AbuseRule{
		{{ID: "a", Pattern: "Hit me"}},
		{{ID: "a", Pattern: "* me"}},
		{{ID: "a", Pattern: "hit? me"}},
		{{ID: "a", Pattern: "hit me"}, {ID: "a", Pattern: "slap me"}},
		{{ID: "", Pattern: "hit me"}},
		{{ID: "a", Pattern: "hit m'e"}},
	} {
		if _, err := compileAbuse(r); err == nil {
			t.Errorf("rules %+v accepted", r)
		}
	}
}

func FuzzAbuseCheck(f *testing.F) {
	for _, s := range []string{"He hit me.", "my ex-husband keeps calling from new numbers", "", "he won't let me!!", "ﬁancé threatened-to kill me"} {
		f.Add(s)
	}
	c, err := NewAbuseCheck()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := c.Check(s)
		if got != (len(c.Explain(s)) > 0) {
			t.Fatalf("Check and Explain disagree on %q", s)
		}
	})
}

func BenchmarkAbuseCheck(b *testing.B) {
	c := newAbuse(b)
	text := strings.Repeat("My partner didn't reply for three hours and I spiralled, so I wrote it all down here. ", 20)
	b.SetBytes(int64(len(text)))
	for i := 0; i < b.N; i++ {
		c.Check(text)
	}
}

// TestAbuseRuleCount keeps docs/safety.md's count of rules true.
func TestAbuseRuleCount(t *testing.T) {
	if n := len(abuseRules()); n != 69 {
		t.Errorf("%d rules; docs/safety.md says 69: update both", n)
	}
}
