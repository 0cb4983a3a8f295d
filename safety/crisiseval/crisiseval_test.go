package crisiseval

import (
	"errors"
	"io/fs"
	"math"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/securebase/securebase/safety"
)

func near(a, b float64) bool { return math.Abs(a-b) < 5e-4 }

func TestWilson(t *testing.T) {
	cases := []struct {
		p      Prop
		lo, hi float64
	}{
		{Prop{0, 10}, 0, 0.2775},
		{Prop{5, 10}, 0.2366, 0.7634},
		{Prop{10, 10}, 0.7225, 1},
		{Prop{1, 100}, 0.0018, 0.0545},
	}
	for _, c := range cases {
		lo, hi := c.p.Wilson()
		if !near(lo, c.lo) || !near(hi, c.hi) {
			t.Errorf("Wilson(%d/%d) = [%.4f, %.4f], want [%.4f, %.4f]", c.p.K, c.p.N, lo, hi, c.lo, c.hi)
		}
	}
	if lo, hi := (Prop{}).Wilson(); lo != 0 || hi != 1 {
		t.Errorf("empty Wilson = [%v, %v], want [0, 1]", lo, hi)
	}
}

func TestAUC(t *testing.T) {
	cases := []struct {
		pos, neg []float64
		want     float64
	}{
		{[]float64{1, 2}, []float64{0}, 1},
		{[]float64{0}, []float64{1, 2}, 0},
		{[]float64{1}, []float64{1}, 0.5},
		{[]float64{0.5, 0}, []float64{0, 0}, 0.75}, // one win, one tie of two pairs each
		{[]float64{3, 1}, []float64{2, 0}, 0.75},
	}
	for _, c := range cases {
		if got := AUC(c.pos, c.neg); !near(got, c.want) {
			t.Errorf("AUC(%v, %v) = %v, want %v", c.pos, c.neg, got, c.want)
		}
	}
	if !math.IsNaN(AUC(nil, []float64{1})) {
		t.Error("AUC with no positives must be NaN")
	}
	lo, hi := HanleyMcNeil(0.8, 100, 100)
	if !(lo < 0.8 && hi > 0.8 && hi-lo < 0.2) {
		t.Errorf("Hanley–McNeil interval [%v, %v] around 0.8 looks wrong", lo, hi)
	}
	pos := []float64{0.9, 0.8, 0.7, 0.3, 0.6}
	neg := []float64{0.1, 0.4, 0.2, 0.5, 0.35}
	blo, bhi := BootstrapAUC(pos, neg, 500)
	if a := AUC(pos, neg); !(blo <= a && a <= bhi) {
		t.Errorf("bootstrap interval [%v, %v] does not hold the AUC %v", blo, bhi, a)
	}
	if blo2, bhi2 := BootstrapAUC(pos, neg, 500); blo2 != blo || bhi2 != bhi {
		t.Error("the bootstrap is not reproducible")
	}
}

func TestParsePostList(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{`['one', 'two']`, []string{"one", "two"}},
		{`["it's", 'say "hi"']`, []string{"it's", `say "hi"`}},
		{`['a\nb', 'c\\d', 'e\'f']`, []string{"a\nb", `c\d`, "e'f"}},
		{`[]`, nil},
		{`['complete', 'cut off mid`, []string{"complete", "cut off mid"}},
	}
	for _, c := range cases {
		got, err := ParsePostList(c.in)
		if err != nil || !reflect.DeepEqual(got, c.want) {
			t.Errorf("ParsePostList(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
	if _, err := ParsePostList("no list"); err == nil {
		t.Error("a cell that is not a list must be an error")
	}
}

func FuzzParsePostList(f *testing.F) {
	for _, s := range []string{`['a', "b"]`, `['\`, `["`, `[`, `['x\'`, "[''", `[1, 2]`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		posts, err := ParsePostList(s)
		if err != nil {
			return
		}
		for _, p := range posts {
			if len(p) > len(s) {
				t.Fatalf("a post longer than its cell: %q from %q", p, s)
			}
		}
	})
}

func TestSentences(t *testing.T) {
	got := Sentences("One. Two! Three? Mr.Smith stays. Four")
	want := []string{"One.", "Two!", "Three?", "Mr.Smith stays.", "Four"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Sentences = %q, want %q", got, want)
	}
}

func TestWithoutApostrophes(t *testing.T) {
	es := []Entry{{ID: "1", Text: "I'll go. Don’t ‘wait’."}, {ID: "2", Text: "plain"}}
	got := WithoutApostrophes(es)
	if got[0].Text != "Ill go. Dont wait." || got[1].Text != "plain" || got[0].ID != "1" {
		t.Errorf("WithoutApostrophes = %+v", got)
	}
	if es[0].Text != "I'll go. Don’t ‘wait’." {
		t.Errorf("WithoutApostrophes changed its argument: %q", es[0].Text)
	}
}

// dataDir finds ../shared/data from the repository. Without it the test
// cannot run: it says so, and under CI=true (where CI's checkout sits
// beside ../shared) it fails.
func dataDir(t *testing.T) string {
	dir := "../../../shared/data"
	if _, err := os.Stat(dir + "/cssrs-dev/dev.csv"); err != nil {
		if os.Getenv("CI") == "true" || !errors.Is(err, fs.ErrNotExist) {
			t.Fatalf("the shared test data is missing (%v): CI's checkout must sit beside ../shared", err)
		}
		t.Skipf("SKIPPED, NOT PASSED: %v; put the shared data beside the repository to measure the crisis check", err)
	}
	return dir
}

// TestRealWritingSanity runs the app's check over the C-SSRS development
// users and the GoEmotions dev split with loose floors, far from the
// measured figures (docs/safety.md), so that a broken rule file fails CI
// while ordinary rule work never fights a number. Since round 33 the
// sentence model learns from these C-SSRS users, so the figures here are
// on its training data: a floor for breakage, not a measurement
// (crisis-eval -cssrs-cv measures). `make crisis-eval` prints
// the full report with intervals.
func TestRealWritingSanity(t *testing.T) {
	dir := dataDir(t)
	d, err := safety.NewDetector()
	if err != nil {
		t.Fatal(err)
	}
	decide := func(texts ...string) (bool, string) {
		v := d.CheckEntry(texts...)
		return v.Crisis, v.Reason
	}
	users, err := LoadCSSRS(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(users) != 216 {
		t.Errorf("cssrs-dev has %d users, want 216", len(users))
	}
	c := EvalCSSRS(users, decide)
	t.Logf("C-SSRS dev: user recall %s; Supportive posts flagged %s; AUC %.3f [%.3f, %.3f]",
		c.UserRecall, c.PostsFlagged["Supportive"], c.AUC, c.AUCBoot[0], c.AUCBoot[1])
	// The model beside the rules (Round 11, branch crisismodel) flags more
	// supporters' posts; the floors here are issue 9's targets (Supportive
	// posts <= 0.10, GoEmotions <= 1%), looser than the rules-only floors.
	if c.UserRecall.Rate() < 0.55 || c.PostsFlagged["Supportive"].Rate() > 0.10 || c.AUC < 0.65 {
		t.Errorf("C-SSRS figures fell through the sanity floors (recall >= 0.55, Supportive posts <= 0.10, AUC >= 0.65)")
	}
	cs, err := LoadGoEmotions(dir, "dev")
	if err != nil {
		t.Fatal(err)
	}
	g := EvalGoEmotions(cs, decide)
	t.Logf("GoEmotions dev: flagged %s", g.All)
	if g.All.N < 5000 || g.All.Rate() > 0.01 {
		t.Errorf("GoEmotions dev: %s flagged; want at most 1%% of at least 5,000 comments", g.All)
	}
}

// TestEvalCSSRSBy checks that each user is checked by its own decider, as
// crisis-eval -cssrs-cv gives each fold the models trained without it.
func TestEvalCSSRSBy(t *testing.T) {
	users := []User{
		{ID: "a", Label: "Ideation", Posts: []string{"p1", "p2"}},
		{ID: "b", Label: "Attempt", Posts: []string{"p3"}},
		{ID: "c", Label: "Supportive", Posts: []string{"p4", "p5"}},
	}
	yes := func(...string) (bool, string) { return true, "x" }
	no := func(...string) (bool, string) { return false, "" }
	r := EvalCSSRSBy(users, func(i int) Decider {
		if i == 1 {
			return yes
		}
		return no
	})
	if r.UserRecall.K != 1 || r.UserRecall.N != 2 {
		t.Errorf("user recall %s, want 1/2: only user b's decider says yes", r.UserRecall)
	}
	if p := r.PostsFlagged["Supportive"]; p.K != 0 || p.N != 2 {
		t.Errorf("Supportive posts flagged %s, want 0/2", p)
	}
	if p := r.PostsFlagged["Attempt"]; p.K != 1 {
		t.Errorf("Attempt posts flagged %s, want 1/1", p)
	}
}

// TestCSSRSCopy checks that the copy the sentence model trains on
// (safety/testdata/cssrs_dev.jsonl) holds the development users unchanged,
// in the order of dev.csv, which -cssrs-cv's folds rely on.
func TestCSSRSCopy(t *testing.T) {
	users, err := LoadCSSRS(dataDir(t))
	if err != nil {
		t.Fatal(err)
	}
	cp, err := safety.ReadCSSRS("../testdata/" + safety.CSSRSFile)
	if err != nil {
		t.Fatal(err)
	}
	if len(cp) != len(users) {
		t.Fatalf("the copy holds %d users, dev.csv %d", len(cp), len(users))
	}
	for i, u := range users {
		c := cp[i]
		if c.ID != u.ID || c.Label != u.Label || !slices.Equal(c.Posts, u.Posts) || c.Crisis() != u.Crisis() {
			t.Errorf("user %d (%s) differs between the copy and dev.csv", i, u.ID)
		}
	}
}

// TestCountLines checks the line record on a made-up check: a yes counts
// for every rule that said it, alone only when no other rule did, and the
// entries the check says no to count for none.
func TestCountLines(t *testing.T) {
	es := []Entry{
		{ID: "1", Label: "crisis", Text: "a"},
		{ID: "2", Label: "crisis", Text: "a b"},
		{ID: "3", Label: "other", Text: "b"},
		{ID: "4", Label: "other", Text: "b"},
		{ID: "5", Label: "other", Text: "c"},
	}
	pattern := map[string]string{"a": "pattern a", "b": "pattern b|x"}
	explain := func(text string) (bool, []Yes) {
		if text == "c" {
			return false, nil // a rule matched but was cancelled
		}
		var yes []Yes
		for _, w := range strings.Fields(text) {
			yes = append(yes, Yes{Where: w, Pattern: pattern[w]})
		}
		return true, yes
	}
	got := CountLines(es, explain)
	want := []LineRecord{
		{Where: "b", Pattern: "pattern b|x", Crisis: 1, Other: 2, OtherAlone: 2},
		{Where: "a", Pattern: "pattern a", Crisis: 2, CrisisAlone: 1},
	}
	if !slices.Equal(got, want) {
		t.Fatalf("CountLines = %+v, want %+v", got, want)
	}
	var b strings.Builder
	WriteLines(&b, got, 1)
	if out := b.String(); !strings.Contains(out, `| b | 1 / 2 | 0 / 2 | pattern b\|x |`) || strings.Contains(out, "pattern a") {
		t.Errorf("WriteLines with one row:\n%s", out)
	}
}

func TestCountIdioms(t *testing.T) {
	es := []Entry{
		{ID: "1", Label: "crisis", Text: "x"},
		{ID: "2", Label: "crisis", Text: "x y"},
		{ID: "3", Label: "other", Text: "y"},
		{ID: "4", Label: "other", Text: "y"},
		{ID: "5", Label: "crisis", Text: "x said yes"},
	}
	explain := func(text string) (bool, []string) {
		if strings.HasSuffix(text, "yes") {
			return true, []string{"x"} // cancelled one match, another said yes
		}
		return false, strings.Fields(text)
	}
	got := CountIdioms(es, explain)
	want := []IdiomRecord{
		{Where: "x", Missed: 2, Example: "x"},
		{Where: "y", Missed: 1, Quiet: 2, Example: "x y"},
	}
	if !slices.Equal(got, want) {
		t.Fatalf("CountIdioms = %+v, want %+v", got, want)
	}
	var b strings.Builder
	WriteIdioms(&b, got, func(w string) string { return "idiom " + w + "|z" }, 1)
	if out := b.String(); !strings.Contains(out, `| x | 2 / 0 | idiom x\|z | x |`) || strings.Contains(out, "idiom y") {
		t.Errorf("WriteIdioms with one row:\n%s", out)
	}
}
