package safety

import (
	"bufio"
	"cmp"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// update rewrites the golden file: go test ./safety/ -run Golden -update
var update = flag.Bool("update", false, "rewrite testdata/crisis_golden.tsv from the current rules")

// Files of labelled sentences (label TAB text) used while writing rules.
// They are dev data: they say little about new writing, which the fresh
// journal set and the make crisis-eval figures measure.
var devFiles = []string{"testdata/crisis_labelled.tsv", "testdata/crisis_heldout5.tsv", "testdata/crisis_dev.tsv"}

// Loose floors: they catch a broken rule file, not a one-sentence change
// (the golden file shows every flip). See docs/safety.md for the figures.
// The false-alarm ceiling was 2% until round 34, when the sentence model
// read more crisis writing and flagged 32 of these 1,458 sentences, not
// 29: still inside its training budget (trainMaxFA, 2.5% then, 3% since
// round 47), and far below
// what a broken rule file flags.
const (
	devRecallFloor      = 0.60
	devFalseAlarmCeil   = 0.03
	freshRecallFloor    = 0.60
	freshFalseAlarmCeil = 0.10
)

type labelled struct {
	crisis bool
	text   string
	where  string
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
		out = append(out, labelled{crisis: label == "1", text: text, where: fmt.Sprintf("%s:%d", strings.TrimPrefix(path, "testdata/"), n)})
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("reading %s: %v", path, err)
	}
	return out
}

// journalEntry is one entry of the fresh journal set.
type journalEntry struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	Kind  string `json:"kind"`
	Text  string `json:"text"`
}

func readJournal(t testing.TB) []journalEntry {
	t.Helper()
	return readJournalFile(t, "testdata/crisis_journal.jsonl")
}

// readJournalFile reads a fresh journal set. The held-out second set
// (crisis_journal_b.jsonl) is read only by make crisis-eval, never here.
func readJournalFile(t testing.TB, path string) []journalEntry {
	t.Helper()
	f, err := os.Open(path) // #nosec G304 -- a test data file named in this package
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []journalEntry
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var e journalEntry
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatal(err)
		}
		out = append(out, e)
	}
	return out
}

// symmetric is one pronoun template written out four ways.
type symmetric struct {
	crisis   bool
	template string
	versions [4]string
}

func readSymmetry(t testing.TB) []symmetric {
	t.Helper()
	forms := []map[string]string{
		{"{S}": "he", "{O}": "him", "{P}": "his", "{BE}": "is", "{WAS}": "was", "{HAS}": "has", "{DOES}": "does", "{S'S}": "he's", "{REFL}": "himself"},
		{"{S}": "she", "{O}": "her", "{P}": "her", "{BE}": "is", "{WAS}": "was", "{HAS}": "has", "{DOES}": "does", "{S'S}": "she's", "{REFL}": "herself"},
		{"{S}": "they", "{O}": "them", "{P}": "their", "{BE}": "are", "{WAS}": "were", "{HAS}": "have", "{DOES}": "do", "{S'S}": "they're", "{REFL}": "themselves"},
		{"{S}": "my partner", "{O}": "my partner", "{P}": "my partner's", "{BE}": "is", "{WAS}": "was", "{HAS}": "has", "{DOES}": "does", "{S'S}": "my partner's", "{REFL}": "themselves"},
	}
	var out []symmetric
	for _, l := range readLabelled(t, "testdata/crisis_symmetry.txt") {
		s := symmetric{crisis: l.crisis, template: l.text}
		for i, f := range forms {
			v := l.text
			for k, w := range f {
				v = strings.ReplaceAll(v, k, w)
			}
			if strings.Contains(v, "{") {
				t.Fatalf("%s: unknown placeholder in %q", l.where, l.text)
			}
			s.versions[i] = strings.ToUpper(v[:1]) + v[1:]
		}
		out = append(out, s)
	}
	return out
}

// sharedDetector is built once per test binary: a Detector is immutable
// and safe for concurrent use, and building one takes a second or more
// under -race.
var sharedDetector = sync.OnceValues(NewDetector)

func newTestDetector(t testing.TB) *Detector {
	t.Helper()
	d, err := sharedDetector()
	if err != nil {
		t.Fatalf("NewDetector: %v", err)
	}
	return d
}

// TestDevSet reports the figures on the sentences the rules were written
// against, with loose floors.
func TestDevSet(t *testing.T) {
	d := newTestDetector(t)
	tp, pos, fp, neg := 0, 0, 0, 0
	for _, path := range devFiles {
		for _, s := range readLabelled(t, path) {
			got := d.Check(s.text)
			if s.crisis {
				pos++
				if got {
					tp++
				}
			} else {
				neg++
				if got {
					fp++
				}
			}
		}
	}
	recall, fa := float64(tp)/float64(pos), float64(fp)/float64(neg)
	t.Logf("dev sentences: recall %d/%d = %.3f, false alarms %d/%d = %.3f", tp, pos, recall, fp, neg, fa)
	if recall < devRecallFloor || fa > devFalseAlarmCeil {
		t.Errorf("dev recall %.3f (floor %.2f), false alarms %.3f (ceiling %.2f)", recall, devRecallFloor, fa, devFalseAlarmCeil)
	}
}

// TestFreshJournalSet reports the fresh journal set (written before the
// redesign and never tuned on) with loose floors; docs/safety.md has the
// measured figures.
func TestFreshJournalSet(t *testing.T) {
	d := newTestDetector(t)
	es := readJournal(t)
	tp, pos, fp, neg := 0, 0, 0, 0
	for _, e := range es {
		got := d.CheckEntry(e.Text).Crisis
		if e.Label == "crisis" {
			pos++
			if got {
				tp++
			}
		} else {
			neg++
			if got {
				fp++
			}
		}
	}
	if len(es) < 300 || pos < 150 || neg < 150 {
		t.Fatalf("journal set has %d entries (%d crisis); want at least 300, half of each", len(es), pos)
	}
	recall, fa := float64(tp)/float64(pos), float64(fp)/float64(neg)
	t.Logf("fresh journal set: recall %d/%d = %.3f, false alarms %d/%d = %.3f", tp, pos, recall, fp, neg, fa)
	if recall < freshRecallFloor || fa > freshFalseAlarmCeil {
		t.Errorf("fresh recall %.3f (floor %.2f), false alarms %.3f (ceiling %.2f)", recall, freshRecallFloor, fa, freshFalseAlarmCeil)
	}
}

// TestPronounSymmetry checks that every template gets one answer for he,
// she, they and "my partner".
func TestPronounSymmetry(t *testing.T) {
	d := newTestDetector(t)
	wrong := 0
	for _, s := range readSymmetry(t) {
		var got [4]bool
		for i, v := range s.versions {
			got[i] = d.Check(v)
		}
		if got != [4]bool{got[0], got[0], got[0], got[0]} {
			t.Errorf("%q: he/she/they/my partner answer %v", s.template, got)
		}
		if got[0] != s.crisis {
			wrong++
			t.Logf("same answer for all four, but not the label %v: %q", s.crisis, s.template)
		}
	}
	t.Logf("%d templates answered against their label (symmetric all the same)", wrong)
}

// TestJoinedSentencesStayQuiet checks the design's promise: sentences that
// pass one by one still pass when joined into one entry, however many.
// A text that passes only because the recovery model read it as a
// recovery story (recovery.go) is left out: that model judges a whole
// entry, and other sentences beside the story change its reading.
func TestJoinedSentencesStayQuiet(t *testing.T) {
	// The recovery and entry models, and the second reading of an entry
	// written as "you" (voice.go), read the whole entry; the property is
	// the rules' and the sentence model's (TestEntryModelJoins and
	// TestSecondPersonJoins measure the others on joins).
	d, err := NewDetector()
	if err != nil {
		t.Fatal(err)
	}
	d.r, d.e, d.you = nil, nil, nil
	quiet := quietSentences(t, d, false)
	r := rand.New(rand.NewPCG(1, 2))
	for n := range 3000 {
		k := 2 + n%7
		parts := make([]string, k)
		for i := range parts {
			parts[i] = quiet[r.IntN(len(quiet))]
		}
		joined := strings.Join(parts, " ")
		if v := d.CheckEntry(joined); v.Crisis {
			t.Fatalf("%d quiet sentences joined say yes (%s): %q", k, v.Reason, joined)
		}
		if v := d.CheckEntry(parts...); v.Crisis {
			t.Fatalf("%d quiet fields of one entry say yes (%s): %q", k, v.Reason, parts)
		}
	}
}

// quietSentences returns the sentences of the dev files that d passes,
// each ending in a full stop so it stays a sentence when joined; with
// otherOnly, only those labelled not crisis.
func quietSentences(t *testing.T, d *Detector, otherOnly bool) []string {
	var quiet []string
	for _, path := range devFiles {
		for _, s := range readLabelled(t, path) {
			if otherOnly && s.crisis || d.Check(s.text) {
				continue
			}
			text := strings.TrimSpace(s.text)
			if !strings.ContainsAny(text[len(text)-1:], ".!?") {
				text += "."
			}
			quiet = append(quiet, text)
		}
	}
	return quiet
}

// TestEntryModelJoins joins random ordinary sentences the detector
// passes (labelled not crisis) into entries of 2 to 8 sentences: the
// entry model, which reads them together, may say yes to a few, but its
// thresholds by length (entry.go) must keep that share small and about
// the same for short and long entries.
func TestEntryModelJoins(t *testing.T) {
	d, err := NewDetector()
	if err != nil {
		t.Fatal(err)
	}
	d.you = nil // TestSecondPersonJoins
	// Quiet for the rules and the sentence model alone, so that a join
	// can say yes only through the entry model (TestJoinedSentencesStayQuiet).
	rulesAndModel, err := NewDetector()
	if err != nil {
		t.Fatal(err)
	}
	rulesAndModel.r, rulesAndModel.e, rulesAndModel.you = nil, nil, nil
	quiet := quietSentences(t, rulesAndModel, true)
	r := rand.New(rand.NewPCG(3, 4))
	var yes, total [9]int
	weak := 0
	for n := range 4200 {
		k := 2 + n%7
		parts := make([]string, k)
		for i := range parts {
			parts[i] = quiet[r.IntN(len(quiet))]
		}
		total[k]++
		text := strings.Join(parts, " ")
		if v := d.CheckEntry(text); v.Crisis {
			if v.Reason != entryCode {
				// A weak line (weak.go) borne out by the entry model is
				// the entry model's yes too, and counts against its
				// budget; no other rule may say yes.
				_, found := d.Explain(text)
				if len(found) == 0 || !strings.HasPrefix(found[len(found)-1].Outcome, "yes: a weak line") {
					t.Fatalf("joined quiet sentences say yes for %s, not the entry model: %q", v.Reason, parts)
				}
				weak++
			}
			yes[k]++
		}
	}
	t.Logf("of which a weak line borne out: %d of 4200", weak)
	share := func(from, to int) float64 {
		var y, n int
		for k := from; k <= to; k++ {
			y, n = y+yes[k], n+total[k]
		}
		return float64(y) / float64(n)
	}
	short, long := share(2, 4), share(5, 8)
	t.Logf("entry model on joins of quiet other sentences: 2-4 sentences %.4f, 5-8 sentences %.4f", short, long)
	if short > 0.02 || long > 0.02 {
		t.Errorf("the entry model flags %.3f of joins of 2-4 and %.3f of 5-8 quiet sentences; want at most 0.02 each", short, long)
	}
}

// TestGolden compares every verdict with testdata/crisis_golden.tsv, so a
// rule change shows each sentence it flips in review.
func TestGolden(t *testing.T) {
	d := newTestDetector(t)
	var b strings.Builder
	b.WriteString("# Verdicts of the crisis-language check on every test sentence (issue 9).\n")
	b.WriteString("# Written by: go test ./safety/ -run Golden -update. Review the diff of every rule change.\n")
	b.WriteString("# source<TAB>label<TAB>yes/no<TAB>reason code<TAB>text\n")
	line := func(where string, crisis bool, text string) {
		v := d.CheckEntry(text)
		yes, label := "no", "other"
		if v.Crisis {
			yes = "yes"
		}
		if crisis {
			label = "crisis"
		}
		// One line per text: a tab reads as a space and a line break as \n.
		text = strings.NewReplacer("\t", " ", "\n", `\n`).Replace(text)
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\t%s\n", where, label, yes, v.Reason, text)
	}
	for _, path := range devFiles {
		for _, s := range readLabelled(t, path) {
			line(s.where, s.crisis, s.text)
		}
	}
	// The journal sets, in this order. A, C and D are development sets; E
	// was not tuned on (round 10), and training reads it since round 29.
	// Rounds 13 to 15: F, G and I (each held out for one run) and H, J, L
	// and M (written for training) are development and training sets; K
	// and N were each held out for one run. Rounds 16 to 19: O, S, U, V, X
	// and Y were each held out for one run; P, Q, R, T and W were written
	// for training or rule work; RU
	// (ordinary anxious-attachment writing, all other) measures false
	// alarms on the app's own kind of writing. Round 21: AB, AC and AD
	// (the weakest kinds and their look-alikes; writing about partners and
	// exes) were written for training, and no trainer reads them since
	// (docs/safety.md). Z, AA and AE were held out for one run each
	// (rounds 21 to 23), AF to AP for rounds 24 to 34, AQ, AS, AV to AZ,
	// BA to BD and BF to CA for rounds 36 to 58. AL (ordinary forum
	// comments, all other) measures false alarms on general writing. Since
	// round 29 the sentence model reads B, E, L, S, U–Z and AA–AI, and
	// since round 34 AJ to AO too and AR (past attempts and self-injury,
	// told with and without recovery, written for training). AT (written
	// blind after round 34, read by no model) and AU (veiled goodbyes and
	// their look-alikes, written for training, read by none since round 35
	// found no gain) are development sets. A set held out for a coming
	// round is never here (TestHeldOutUnread).
	for _, f := range []string{"crisis_journal.jsonl", "crisis_journal_c.jsonl", "crisis_journal_d.jsonl", "crisis_journal_e.jsonl",
		"crisis_journal_f.jsonl", "crisis_journal_g.jsonl", "crisis_journal_h.jsonl", "crisis_journal_i.jsonl", "crisis_journal_j.jsonl",
		"crisis_journal_k.jsonl", "crisis_journal_l.jsonl", "crisis_journal_m.jsonl", "crisis_journal_n.jsonl", "crisis_journal_o.jsonl",
		"crisis_journal_p.jsonl", "crisis_journal_q.jsonl", "crisis_journal_r.jsonl", "crisis_journal_s.jsonl", "crisis_journal_t.jsonl",
		"crisis_journal_u.jsonl", "crisis_journal_v.jsonl", "crisis_journal_w.jsonl", "crisis_journal_x.jsonl", "crisis_journal_y.jsonl",
		"crisis_journal_ru.jsonl", "crisis_journal_ab.jsonl", "crisis_journal_ac.jsonl", "crisis_journal_ad.jsonl", "crisis_journal_z.jsonl", "crisis_journal_aa.jsonl", "crisis_journal_ae.jsonl", "crisis_journal_af.jsonl", "crisis_journal_ag.jsonl", "crisis_journal_ah.jsonl", "crisis_journal_ai.jsonl", "crisis_journal_aj.jsonl", "crisis_journal_ak.jsonl", "crisis_journal_al.jsonl", "crisis_journal_am.jsonl", "crisis_journal_an.jsonl", "crisis_journal_ao.jsonl", "crisis_journal_ap.jsonl", "crisis_journal_aq.jsonl", "crisis_journal_ar.jsonl", "crisis_journal_as.jsonl", "crisis_journal_at.jsonl", "crisis_journal_au.jsonl", "crisis_journal_av.jsonl", "crisis_journal_aw.jsonl", "crisis_journal_ax.jsonl", "crisis_journal_ay.jsonl", "crisis_journal_az.jsonl", "crisis_journal_ba.jsonl", "crisis_journal_bb.jsonl", "crisis_journal_bc.jsonl", "crisis_journal_be.jsonl", "crisis_journal_bd.jsonl", "crisis_journal_bf.jsonl", "crisis_journal_bg.jsonl", "crisis_journal_bh.jsonl", "crisis_journal_bi.jsonl", "crisis_journal_bj.jsonl", "crisis_journal_bk.jsonl", "crisis_journal_bl.jsonl", "crisis_journal_bm.jsonl", "crisis_journal_bn.jsonl", "crisis_journal_bo.jsonl", "crisis_journal_bp.jsonl", "crisis_journal_bq.jsonl", "crisis_journal_br.jsonl", "crisis_journal_bs.jsonl", "crisis_journal_bt.jsonl", "crisis_journal_bu.jsonl", "crisis_journal_bv.jsonl", "crisis_journal_bw.jsonl", "crisis_journal_bx.jsonl", "crisis_journal_by.jsonl", "crisis_journal_bz.jsonl", "crisis_journal_ca.jsonl", "crisis_journal_cd.jsonl", "crisis_journal_cb.jsonl", "crisis_journal_cc.jsonl", "crisis_journal_cg.jsonl", "crisis_journal_cj.jsonl", "crisis_journal_ck.jsonl", "crisis_journal_ce.jsonl", "crisis_journal_cf.jsonl", "crisis_journal_ch.jsonl", "crisis_journal_ci.jsonl", "crisis_journal_cl.jsonl", "crisis_journal_cm.jsonl", "crisis_journal_cn.jsonl", "crisis_journal_co.jsonl", "crisis_journal_cp.jsonl", "crisis_journal_cq.jsonl"} {
		for _, e := range readJournalFile(t, "testdata/"+f) {
			line(f+":"+e.ID, e.Label == "crisis", e.Text)
		}
	}
	for _, s := range readSymmetry(t) {
		for _, v := range s.versions {
			line("crisis_symmetry.txt", s.crisis, v)
		}
	}
	const path = "testdata/crisis_golden.tsv"
	if *update {
		if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (write it with: go test ./safety/ -run Golden -update)", err)
	}
	got := strings.Split(b.String(), "\n")
	old := strings.Split(string(want), "\n")
	diffs := 0
	for i := 0; i < len(got) || i < len(old); i++ {
		var g, o string
		if i < len(got) {
			g = got[i]
		}
		if i < len(old) {
			o = old[i]
		}
		if g != o {
			diffs++
			if diffs <= 30 {
				t.Errorf("line %d\n was: %s\n now: %s", i+1, o, g)
			}
		}
	}
	if diffs > 0 {
		t.Errorf("%d lines differ from %s; verdicts changed, by file:\n%s\nif every flip is right: go test ./safety/ -run Golden -update",
			diffs, path, cmp.Or(goldenFlips(old, got), noFlips))
	}
}

// goldenFlips counts, per source file, the verdicts that changed between
// two versions of the golden file: crisis entries found and lost, other
// entries flagged and cleared. Lines are matched by their source (and, for
// a source written on several lines, their order under it), so a set
// added or removed moves nothing else. It is how a change is read in
// review: a retrained model moves dozens of verdicts near its thresholds
// (docs/safety.md, round 18b), and only the balance per set, on sets no
// model trains on, says whether it reads new writing better.
func goldenFlips(old, got []string) string {
	// verdicts calls f with each line's file, its key (source and place
	// under that source), label and verdict.
	verdicts := func(lines []string, f func(file, key, label, yes string)) {
		seen := map[string]int{}
		for _, ln := range lines {
			fs := strings.Split(ln, "\t")
			if len(fs) < 3 || strings.HasPrefix(ln, "#") {
				continue
			}
			key := fs[0] + "#" + strconv.Itoa(seen[fs[0]])
			seen[fs[0]]++
			file, _, _ := strings.Cut(fs[0], ":")
			if fs[1] == "yes" || fs[1] == "no" { // a file before the label column
				f(file, key, "", fs[1])
			} else {
				f(file, key, fs[1], fs[2])
			}
		}
	}
	was := map[string]string{}
	verdicts(old, func(_, key, _, yes string) { was[key] = yes })
	type count struct{ found, lost, flagged, cleared int }
	counts := map[string]*count{}
	var files []string
	verdicts(got, func(file, key, label, yes string) {
		if w, ok := was[key]; !ok || w == yes {
			return
		}
		c := counts[file]
		if c == nil {
			c = &count{}
			counts[file] = c
			files = append(files, file)
		}
		switch crisis := label == "crisis"; {
		case crisis && yes == "yes":
			c.found++
		case crisis:
			c.lost++
		case yes == "yes":
			c.flagged++
		default:
			c.cleared++
		}
	})
	var b strings.Builder
	for _, f := range files {
		c := counts[f]
		fmt.Fprintf(&b, "  %s: crisis found %d, lost %d; other flagged %d, cleared %d\n", f, c.found, c.lost, c.flagged, c.cleared)
	}
	return b.String()
}

// noFlips is what TestGolden says when lines differ but no verdict does.
const noFlips = "  none: only lines added, removed or rewritten\n"

// TestGoldenFlips checks the summary TestGolden prints when verdicts
// change: lines matched by source, not by place; an old file without the
// label column; a source written on several lines.
func TestGoldenFlips(t *testing.T) {
	old := []string{
		"# source<TAB>yes/no<TAB>reason code<TAB>text",
		"a.jsonl:1\tno\t\tfound now",
		"a.jsonl:2\tyes\twish\tlost now",
		"a.jsonl:3\tno\t\tflagged now",
		"b.jsonl:1\tyes\tmodel\tcleared now",
		"sym.txt\tyes\twish\tfirst form",
		"sym.txt\tyes\twish\tsecond form, lost",
	}
	got := []string{
		"# source<TAB>label<TAB>yes/no<TAB>reason code<TAB>text",
		"new.jsonl:1\tcrisis\tyes\twish\ta new set moves nothing",
		"a.jsonl:1\tcrisis\tyes\twish\tfound now",
		"a.jsonl:2\tcrisis\tno\t\tlost now",
		"a.jsonl:3\tother\tyes\tentry\tflagged now",
		"b.jsonl:1\tother\tno\t\tcleared now",
		"sym.txt\tcrisis\tyes\twish\tfirst form",
		"sym.txt\tcrisis\tno\t\tsecond form, lost",
	}
	want := "  a.jsonl: crisis found 1, lost 1; other flagged 1, cleared 0\n" +
		"  b.jsonl: crisis found 0, lost 0; other flagged 0, cleared 1\n" +
		"  sym.txt: crisis found 0, lost 1; other flagged 0, cleared 0\n"
	if s := goldenFlips(old, got); s != want {
		t.Errorf("goldenFlips:\n%s\nwant:\n%s", s, want)
	}
	if s := goldenFlips(got, got); s != "" {
		t.Errorf("no change, yet goldenFlips says:\n%s", s)
	}
}

// TestCheckCases pins the labelling decisions of docs/safety.md.
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
		{"Why do you want to die?", false},
		{"This comment needs to die.", false},
		{"I want capitalism to die.", false},
		{"I hope he dies.", false},
		// idioms and hyperbole
		{"I'd kill for a coffee.", false},
		{"This deadline is killing me.", false},
		{"I died laughing.", false},
		{"She's killing it at work.", false},
		{"I'm dead tired.", false},
		{"My phone died.", false},
		{"I feel like I'm dying inside when he doesn't text back.", false},
		{"I'd rather die than text him first.", false},
		{"I'd rather be dead than feel like this for another day.", true},
		// the writer, whoever else is named
		{"Without him I don't see why I'd keep going.", true},
		{"Without her I don't see why I'd keep going.", true},
		{"Everyone would be better off without me.", true},
		{"I want to go to sleep and not wake up.", true},
		{"I've been saving up my pills.", true},
		{"I cut again last night.", true},
		{"Burned myself on the hob this evening, on purpose, twice.", true},
		{"I burned myself on the hob making pasta.", false},
		// plans, preparation, past attempts
		{"I have a plan now.", true},
		{"My last attempt was in March.", true},
		{"I ended up in A&E after taking the tablets.", true},
		{"I have a plan for the weekend.", false},
		{"My last attempt at sourdough was a disaster.", false},
		// normalisation: case, curly quotes, contractions, stretched letters
		{"I DON’T WANT TO BE ALIVE", true},
		{"i dont wanna be alive", true},
		{"I wanttt to diiiie", true},
		{"I’m going to kill myself", true},
		{"self-harm again tonight", true},
		// stated recovery and a reported question answered no cancel their sentence
		{"I used to hurt myself as a teenager but I'm in a much better place now.", false},
		{"My therapist asked if I'd ever felt suicidal and I said no.", false},
		{"My therapist asked if I'd ever felt suicidal and I said yes.", true},
		{"It's not that I want to die, I want the panic to stop.", false},
		{"I'm scared of dying on the flight.", false},
		{"I don't want to die, I want the fighting to stop.", false},
		// structure
		{"", false},
		{"...", false},
		{"\"\"\"", false},
	}
	for _, c := range cases {
		if got := d.Check(c.text); got != c.want {
			_, f := d.Explain(c.text)
			t.Errorf("Check(%q) = %v, want %v; findings %+v", c.text, got, c.want, f)
		}
	}
}

// TestExplainAgrees checks that Explain gives CheckEntry's verdict, names
// a rule for every yes, and never returns the writer's words.
func TestExplainAgrees(t *testing.T) {
	d := newTestDetector(t)
	for _, path := range devFiles {
		for _, s := range readLabelled(t, path) {
			v := d.CheckEntry(s.text)
			ev, found := d.Explain(s.text)
			if v != ev {
				t.Fatalf("%s: CheckEntry %+v, Explain %+v", s.where, v, ev)
			}
			yes, recovery := false, false
			for _, f := range found {
				if strings.HasPrefix(f.Outcome, "yes") { // "yes", or "yes: a weak line, borne out by…"
					yes = true
					if f.Code == "" || !strings.HasPrefix(f.Rule, "rules.txt:") && !(f.Code == "model" && strings.HasPrefix(f.Rule, "model_weights.tsv:")) && !(f.Code == entryCode && strings.HasPrefix(f.Rule, "entry_weights.tsv:")) {
						t.Errorf("%s: finding without a code or rule: %+v", s.where, f)
					}
				}
				if f.Code == recoveryCode {
					recovery = true
					if !strings.HasPrefix(f.Rule, "recovery_weights.tsv:") {
						t.Errorf("%s: recovery finding without its lines: %+v", s.where, f)
					}
				}
			}
			// The recovery model, when it speaks, turns the findings'
			// yes into the entry's no (recovery.go).
			if recovery && (!yes || v.Crisis) {
				t.Errorf("%s: recovery finding with verdict %+v and findings %+v", s.where, v, found)
			}
			if yes && recovery {
				yes = false
			}
			if yes != v.Crisis || (v.Crisis && v.Reason == "") {
				t.Errorf("%s: verdict %+v but findings %+v", s.where, v, found)
			}
		}
	}
}

// TestEntryFields checks that an entry's fields are read one by one: a yes
// in any field decides, and words split across fields never join.
func TestEntryFields(t *testing.T) {
	d := newTestDetector(t)
	if !d.CheckEntry("Grocery list", "I want to die.").Crisis {
		t.Error("a crisis field after an ordinary one was missed")
	}
	if d.CheckEntry("I want to", "die of embarrassment").Crisis {
		t.Error("words from two fields were joined")
	}
	if d.CheckEntry().Crisis || d.CheckEntry("", "").Crisis {
		t.Error("an empty entry said yes")
	}
}

func TestConcurrentChecks(t *testing.T) {
	d := newTestDetector(t)
	set := readLabelled(t, devFiles[0])
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
// letters, long words and long sentences with many matches.
func hugeText(n int) string {
	parts := []string{
		"I want to die of embarrassment, ", "no no no not never ", "\"she said ",
		"want to to to want to ", "i i i i ", "diiiiiiiiiiie ", "kill myself laughing, ",
		"better off without ", "self self harm harm ", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa ",
		"It’s fine, he’ll text back. ", "can't won't don't shouldn't've ", "« quote » ",
		"i want i hope i wish he would die ", "pills pills the the ",
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
		for i := 0; i < 5; i++ {
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

// entry4000 is a 4,000-character journal entry: ordinary writing with the
// words that make the detector look hardest (idioms, pills, goodbye, plans),
// ending in one crisis sentence so the whole entry is read.
func entry4000() string {
	base := "He still hasn't replied and it's been four hours. I know he's at work, but my chest " +
		"is tight and I've typed a fourth message three times. I'm dying to know what he meant " +
		"by \"we need to talk\". I tried the breathing tool and grounding; distress went from 8 " +
		"to 6. Took two paracetamol for the headache. Mum rang about Gran's funeral plans and we " +
		"said goodbye after an hour. My plan for the weekend is sleep. This deadline is killing me. "
	const tail = ". I don't want to be alive any more and I have a plan now."
	var b strings.Builder
	for b.Len() < 4000 {
		b.WriteString(base)
	}
	return b.String()[:4000-len(tail)] + tail
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
	for b.Loop() {
		d.Check(text)
	}
}

// BenchmarkCheckEntry4000 is the budget of issue 9: at most 1 ms for a
// 4,000-character entry.
func BenchmarkCheckEntry4000(b *testing.B) {
	d := newTestDetector(b)
	text := entry4000()
	if len(text) != 4000 || !d.Check(text) {
		b.Fatalf("want a 4,000-character entry that says yes, got %d characters", len(text))
	}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		d.CheckEntry(text)
	}
}

func BenchmarkCheck500K(b *testing.B) {
	d := newTestDetector(b)
	text := hugeText(500_000)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	d.Check(text) // warm the scratch pool
	for b.Loop() {
		d.Check(text)
	}
}

// TestEntry4000Budget checks the 1 ms budget loosely in every test run
// (the benchmark measures it properly): the best of twenty checks of a
// 4,000-character entry must take under 5 ms even on a loaded machine.
func TestEntry4000Budget(t *testing.T) {
	d := newTestDetector(t)
	text := entry4000()
	best := time.Duration(1 << 62)
	for range 20 {
		start := time.Now()
		d.CheckEntry(text)
		best = min(best, time.Since(start))
	}
	t.Logf("4,000-character entry: best of 20 checks %v", best)
	if best > 5*time.Millisecond {
		t.Errorf("a 4,000-character entry took %v", best)
	}
}

func BenchmarkNewDetector(b *testing.B) {
	for b.Loop() {
		if _, err := NewDetector(); err != nil {
			b.Fatal(err)
		}
	}
}

// TestRecoveryReach checks how far stated recovery reaches (round 9): the
// sentence before and after it; any sentence of the entry told as the past;
// never a sentence that says it is back, and never what follows a contrast.
// Each case is one entry, written as one text.
func TestRecoveryReach(t *testing.T) {
	d := newTestDetector(t)
	cases := []struct {
		crisis bool
		text   []string
	}{
		// the next sentence states recovery
		{false, []string{"At fifteen I used to cut.", "I haven't for eleven years."}},
		// the sentence before states recovery
		{false, []string{"I don't feel that way any more.", "I used to think everyone would be better off without me."}},
		// a question in one sentence, answered no in the next
		{false, []string{"My GP asked whether I'd thought about ending my life.", "I told her no."}},
		// told as the past, recovery further on in the entry
		{false, []string{"Two years ago I overdosed.", "I spent a week in hospital.", "It was hard.", "Therapy helped me."}},
		// without the recovery the same story is a yes
		{true, []string{"Two years ago I overdosed.", "I spent a week in hospital.", "It was hard."}},
		// a sentence that says it is back is not cancelled
		{true, []string{"I haven't cut in a year.", "I cut again tonight."}},
		// a contrast after the recovery keeps what follows
		{true, []string{"I'm a year clean but I cut again last night."}},
		{true, []string{"These days I feel okay most mornings, but at night I want to kill myself."}},
		// recovery two sentences away does not reach a present-tense yes
		{true, []string{"I want to die.", "Work was long.", "Therapy helped me."}},
		// round 13: the sentence after a yes tells when it was, and
		// recovery comes later in the entry
		{false, []string{"After the divorce I hoarded my tablets and wrote to each of the kids.", "That was six years ago.", "Work is busy.", "I don't have thoughts like that any more."}},
		// the same without the recovery is a yes
		{true, []string{"After the divorce I hoarded my tablets and wrote to each of the kids.", "That was six years ago.", "Work is busy."}},
		// a yes that says it is back stays a yes whatever follows
		{true, []string{"I hoarded my tablets again tonight.", "The first time was six years ago.", "I don't have thoughts like that any more."}},
		// an attempt goes on from a sentence told as the past, and
		// recovery comes later in the entry
		{false, []string{"When I was nineteen I swallowed a whole box of paracetamol.", "My sister found me in time.", "Work is busy.", "I'm safe and happy these days."}},
		{true, []string{"When I was nineteen I swallowed a whole box of paracetamol.", "My sister found me in time.", "Work is busy."}},
		// hyperbole: a trivial trigger in the sentence
		{false, []string{"If I have to sit through one more budget meeting I'll kill myself."}},
		{true, []string{"If I have to live one more day like this I'll kill myself."}},
	}
	for _, c := range cases {
		joined := strings.Join(c.text, " ")
		if got := d.CheckEntry(joined).Crisis; got != c.crisis {
			_, f := d.Explain(joined)
			t.Errorf("%q: crisis = %v, want %v (%+v)", joined, got, c.crisis, f)
		}
	}
}

// TestPossessiveOrIs: after a noun, 's is "is" or "has" when the next word
// could not follow an owner ("my partner's been", "my friend's in"), so the
// noun is the sentence's subject; before a noun it stays an owner, and a
// relative's pills can still be the writer's means.
func TestPossessiveOrIs(t *testing.T) {
	checkEntries(t, []entryCase{
		{false, "My partner's been talking about wanting to die."},
		{false, "My best friend's in hospital after a suicide attempt."},
		{false, "My brother's not sure he wants to be alive any more."},
		{false, "Her husband's going to kill himself if she leaves, he keeps saying."},
		{true, "I swallowed all of my dad's pills last night."},
		{true, "I know where my mum's tablets are and I'm going to take them all."},
		{true, "I want to die. My flatmate's in Spain so nobody will check on me."},
	})
}

// TestAppositiveSubject: a person set between commas right before the
// words is their subject ("My daughter, Ruby, took an overdose"); a person
// before one comma only is more likely an object, and the writer stays the
// subject (round 38).
func TestAppositiveSubject(t *testing.T) {
	checkEntries(t, []entryCase{
		{false, "My fifteen-year-old, Ruby, took an overdose this evening."},
		{false, "My daughter, Ruby, took an overdose this evening."},
		{false, "Sam, my best friend, tried to kill herself last year."},
		{false, "Our neighbour, Mr Patel, tried to hang himself in the garage."},
		{true, "After the fight, took the whole packet."},
		{true, "I took an overdose this evening, Ruby, and I'm sorry."},
		{true, "Last night, after he left, I took an overdose."},
	})
}

// TestOrdinaryReason: a move stated beside giving things away, affairs
// put in order or goodbyes cancels those lines in its sentence and the
// sentences beside it (round 38); it cancels nothing else, and giving
// without a stated reason still says yes.
func TestOrdinaryReason(t *testing.T) {
	checkEntries(t, []entryCase{
		{false, "Gave away all my winter coats because I'm moving to Brisbane next month and won't need them."},
		{false, "Spent the day putting my affairs in order before the move to Canada."},
		{false, "I'm saying goodbye to everyone this week before the move to Perth."},
		{false, "It's my last night in the old flat. Tomorrow the new place."},
		{false, "Gave away most of my books to the school library. Everything has to go before the move to Leeds."},
		{true, "Gave away all my books. I won't need them where I'm going."},
		{true, "Before the move to Perth I want to die."},
		{true, "We're moving to Leeds in March. I've decided how I'm going to kill myself."},
		{true, "Gave away my guitar and my records to my brother. I won't need any of it after Friday."},
	})
}

// TestUrgesResisted: an urge to self-harm told with its resisting ("it
// passed without me doing anything") is not a yes; an urge acted on, or
// resisted before and not now, still says yes; an ordinary
// reason for farewell letters (leaving to work abroad) cancels them, a
// trip does not (round 40).
func TestUrgesResisted(t *testing.T) {
	checkEntries(t, []entryCase{
		{false, "Had the old urge to cut tonight after the argument, sat with it, rang my sister instead, and it passed without me doing anything."},
		{false, "The urge to cut was strong after the fight with Jae. It passed without me doing anything."},
		{false, "The pull to hurt myself was strong after he left, and it passed without me hurting myself."},
		{true, "The urge to cut only passed after I did it."},
		{true, "I didn't act on it last night. Tonight I'm going to cut deeper."},
		{true, "The urge to cut is back and I can't fight it any more."},
		{false, "Wrote letters to each of my students for the last day of school, since I'm leaving to teach in Seoul."},
		{true, "I've given my things away so nobody has to deal with my stuff after I'm dead. It feels like packing for a trip."},
	})
}

// TestDecidingAllocatesNothing: once its scratch has grown, deciding an
// entry allocates nothing on any path by which a veto cancels a match,
// since Explain's reasons are constants (round 40's narrow vetoes first
// built theirs by joining strings). The scratch is held here, not taken
// from the pool, which the race detector empties at random.
func TestDecidingAllocatesNothing(t *testing.T) {
	d := newTestDetector(t)
	sc := d.pool.Get().(*scratch)
	for _, text := range []string{
		"I want to die.",
		"Gave away all my winter coats because I'm moving to Brisbane next month and won't need them.",
		"Gave away most of my books to the school library. Everything has to go before the move to Leeds.",
		"We are sorting everything before the move to Leeds. Gave away most of my books to the school library.",
		"Had the old urge to cut tonight after the argument, and it passed without me doing anything.",
		"I used to cut. I haven't for eleven years.",
		"If she mentions my weight once more I'll walk into the sea. Kidding.",
		"My daughter, Ruby, took an overdose this evening.",
		"If I have to sit through one more meeting I'll walk into the sea.",
	} {
		texts := []string{text}
		decide := func() {
			v, history := d.scan(texts, sc, nil)
			d.finish(texts, v, history, sc, nil)
		}
		decide()
		if n := testing.AllocsPerRun(20, decide); n != 0 {
			t.Errorf("%q: %v allocations a decision, want 0", text, n)
		}
	}
}

// TestTrivialOnceMore: a trivial thing sat through once more cancels the
// wish, intent or means in its own sentence, and only there (round 41).
func TestTrivialOnceMore(t *testing.T) {
	checkEntries(t, []entryCase{
		{false, "If I have to sit through one more group project meeting I'm going to throw myself off the library roof."},
		{false, "if i have to sit through another quarterly review i will walk into the sea"},
		{true, "If I have to sit through one more meeting I'll scream. Tonight I'm going to throw myself off the library roof."},
		{true, "If I have to do one more day of this I'm going to kill myself."},
	})
}

// TestRecentAttempts checks round 37's lines: a recent attempt named by
// how long ago it was, by its day or by its number says yes; the ordinary
// sense of "attempt" and someone else's overdose do not. The cases live
// here, not in crisis_dev.tsv, because that file trains the sentence
// model: adding them there moved its threshold and a hundred verdicts
// (docs/safety.md, round 37).
func TestRecentAttempts(t *testing.T) {
	checkEntries(t, []entryCase{
		{true, "my attempt was four days ago and nothing has changed."},
		{true, "Got home from A&E after Sunday's attempt."},
		{true, "Overdose on Saturday. Home by Monday with a leaflet."},
		{true, "Second attempt in a year. Survived again."},
		{true, "So that's attempt number three."},
		{true, "Attempt number two, Tuesday. A&E, stomach pump."},
		{true, "I took forty paracetamol last night."},
		{false, "I take 30 units of insulin before dinner."},
		{false, "I take 40 mg of oxycodone after surgery."},
		{true, "The attempt on Saturday didn't work."},
		{true, "Last week's overdose wasn't a cry for help."},
		{false, "My brother's overdose on Saturday scared us all."},
		{false, "Second attempt in a year at the driving test and I passed!"},
		{false, "My attempt at sourdough was four days ago and it's still sitting there."},
		{false, "Attempt number three at the crossword and I gave up."},
		{false, "Sunday's attempt at the half marathon went better than I hoped."},
		{false, "The attempt on Saturday to fix the boiler was a disaster."},
		{false, "Her overdose last week was a shock to all of us."},
		{false, "Second attempt this week to get him to talk about us, and he walked out again."},
	})
}

// entryCase is one entry of a table test and the answer it must get.
type entryCase struct {
	crisis bool
	text   string
}

// checkEntries checks each case's text as one entry and shows, for a wrong
// answer, the findings that led to it.
func checkEntries(t *testing.T, cases []entryCase) {
	t.Helper()
	d := newTestDetector(t)
	for _, c := range cases {
		if got := d.CheckEntry(c.text).Crisis; got != c.crisis {
			_, f := d.Explain(c.text)
			t.Errorf("%q: crisis = %v, want %v (%+v)", c.text, got, c.crisis, f)
		}
	}
}

// TestRound42 checks round 42's lines: ordinary reasons (graduating,
// retiring, emigrating, leaving for university), embarrassment told as
// dying on the spot, trivial heights, self-harm as the name of a kind of
// work, and years without suicidal thoughts; and that what sits beside
// them still says yes.
func TestRound42(t *testing.T) {
	checkEntries(t, []entryCase{
		{false, "Giving all my old textbooks to the first-years since I graduate next month and won't need them anymore."},
		{false, "Giving away most of my furniture before we emigrate."},
		{false, "giving away all my old figures before uni, no space in halls"},
		{false, "I spilled wine on his shirt and wanted to die right there."},
		{false, "I wanted to crawl under the table and die."},
		{false, "It had kissy faces. I want to die and be reborn as a different person."},
		{false, "I'm throwing myself off the nearest bean bag."},
		{false, "The self-harm cases on my caseload stay with me."},
		{false, "I haven't wanted to die in over three years."},
		{false, "I've not had suicidal thoughts for eighteen months."},
		{true, "Giving away my things since I retire from all of it tonight. I have the pills ready."},
		{true, "I want to die and never come back."},
		{true, "I fantasise about stepping off the kerb into a lorry."},
		{true, "I keep thinking about stepping off the chair with the rope."},
		{true, "Kept the strongest painkillers back from after the op. There's a whole jar now."},
		{true, "I haven't wanted to die in three years. Tonight I do, and I have a plan."},
	})
}

// TestRound43 checks round 43's lines: clear statements of hopelessness,
// plans, means, farewells, self-injury, attempts, preparation, burden and
// passive wishes that no line read, each beside a look-alike that must
// stay quiet.
func TestRound43(t *testing.T) {
	checkEntries(t, []entryCase{
		{true, "Honestly I don't see the point in staying alive any more."},
		{false, "I don't see the point in staying up for the fireworks."},
		{true, "I can't see any way out except not being here."},
		{false, "I can't see any way out except the fire escape, the lift is broken."},
		{true, "the only exit left is the permanent one"},
		{false, "The only exit is through the gift shop."},
		{true, "I'm too tired to go on living."},
		{false, "I'm too tired to go on the trip."},
		{true, "going to sleep for good tonight"},
		{false, "I'm giving up sugar for good."},
		{true, "Eleven years since his funeral and I'm ready to join him in the ground."},
		{false, "I'm ready to join my dad at the match on Saturday."},
		{true, "Not planning to be alive when they open it."},
		{false, "Not planning on being around when my in-laws visit."},
		{true, "They don't know it was goodbye."},
		{false, "We didn't know it was goodbye when we hugged at the airport."},
		{true, "I've worked out the time and the place."},
		{false, "She booked the time and the venue for the party."},
		{true, "The drop from the top floor is enough to kill me."},
		{false, "This workload is enough to kill me."},
		{true, "I've been sitting with the pills since lunch."},
		{true, "There are two fresh cuts on my forearm."},
		{true, "I held the lighter on my wrist on purpose."},
		{false, "I banged my head on the door frame again, this flat is tiny."},
		{true, "I stood in the lake meaning to go under."},
		{false, "I've been meaning to jump on a call with you."},
		{true, "I checked that the policy pays out for suicide."},
		{true, "I've been watching videos about how to kill myself."},
		{false, "The school warned parents that kids were googling how to kill yourself in a game."},
		{true, "The best thing I could do is stop existing."},
		{false, "The best thing I could do for them is stop texting first."},
		{true, "Every night I ask God to let tonight be my last."},
		{true, "By Sunday I'll be somewhere no one can hurt me."},
		{false, "I moved somewhere no one can hurt me, and I'm safe now."},
	})
}

// TestRound44 checks round 44's lines: recovery stories told in shapes
// the earlier lines did not know, an urge that passed within the hour, a
// new job abroad, anaesthesia, and clear statements of means, self-injury,
// burden and a world without the partner; each beside a look-alike.
func TestRound44(t *testing.T) {
	checkEntries(t, []entryCase{
		{false, "When I was a young mother I tried to take my own life. I'm eighty now and I'm glad I stayed."},
		{true, "When I was a young mother I tried to take my own life. Tonight I want to again."},
		{false, "I spent most of 2019 cutting my arms. Whatever happens, I'm proud of who I am now."},
		{false, "This time last year I was in hospital after an overdose. I think I'm getting better."},
		{false, "The urge to cut came back tonight, I rang my friend, and it passed within the hour."},
		{false, "Getting my affairs in order before I start the new job in Singapore."},
		{false, "The anaesthetist asked what music I wanted to go under to."},
		{false, "I'm going to emigrate and die gloriously on an iceberg."},
		{true, "Bought rope at the hardware shop today for myself."},
		{false, "Bought rope at the hardware shop today for the tent."},
		{true, "Went to three chemists, two boxes from each."},
		{true, "I've been standing at the balcony for a long time."},
		{true, "Nothing helped, and I cut, four lines on my upper arm."},
		{false, "I cut the sandwiches into triangles."},
		{true, "I don't want to live in a world without him."},
		{false, "I don't want to live in a world where people are cruel to animals."},
		{true, "They'd all breathe easier if I was gone."},
	})
}

// TestRound45 checks round 45: self-injury repeated is meant whatever
// accident word stands near; attempts told minutes after; plans known
// "where and how"; take-backs, trivial scenes and ordinary reasons; and
// recovery told as a change.
func TestRound45(t *testing.T) {
	checkEntries(t, []entryCase{
		{true, "Hit my head against the doorframe over and over until Mum shouted up the stairs."},
		{false, "I slipped on the stairs and bruised my knee against the doorframe."},
		{true, "I took all of them about twenty minutes ago."},
		{false, "I took all of them to the tip about twenty minutes ago."},
		{true, "I'm done trying to live."},
		{true, "ive got it all figured out, where and how."},
		{true, "Used the razor from a pencil sharpener."},
		{true, "Held my hand over the kettle steam on purpose until it blistered."},
		{false, "i want to die. jk but these trainers are ruined."},
		{false, "If my manager schedules one more quick sync I will actually walk into the sea."},
		{false, "Spent the weekend on the big declutter before the baby comes. Gave away all my going-out clothes."},
		{false, "Got my affairs in order, a will and the insurance. Six months backpacking in South America."},
		{false, "I've gone from wanting to die every day to having a life I want to protect."},
		{false, "I don't keep stockpiles anymore."},
	})
}

// TestMeantOverrulesAccident checks that a sign the harm was meant, at the
// very end of a sentence too, overrules the accident words near a
// self-injury line: the line itself says yes, not only the model.
func TestMeantOverrulesAccident(t *testing.T) {
	d := newTestDetector(t)
	for _, text := range []string{
		"I hit my head against the door until Mum shouted up the stairs, repeatedly.",
		"I hit my head against the door until Mum shouted up the stairs, on purpose.",
		"Hit my head against the doorframe over and over until Mum shouted up the stairs.",
	} {
		_, fs := d.Explain(text)
		ok := false
		for _, f := range fs {
			if f.Code == "selfharm" && f.Outcome == "yes" {
				ok = true
			}
		}
		if !ok {
			t.Errorf("%q: no self-injury line said yes: %+v", text, fs)
		}
	}
}

// TestRound48 holds both sides of round 48: "my suicide attempt" is a past
// attempt (read by the recovery model), not an intent; giving away all of
// one's things and walking into the sea wait for the rest of the entry.
func TestRound48(t *testing.T) {
	checkEntries(t, []entryCase{
		{true, "My suicide is planned for Friday."},
		{true, "I keep thinking about my suicide and how calm it would be."},
		{true, "My suicide note is written and in the drawer."},
		{true, "My suicide attempt was three weeks ago and nothing has changed."},
		{false, "Told my new partner about my suicide attempt from years back. He listened and held my hand. I felt safe saying it."},
		{false, "Did my suicide intervention training this weekend, so now I can ask people straight out."},
		{true, "I've given away all my records to my brother. He won't need to wait long for the rest."},
		{false, "Gave away all my maternity clothes to my cousin, we're definitely done at three."},
		{true, "After the kids are asleep I'm going to drive to the coast and walk into the sea."},
		{false, "If the bus is late one more time I will simply walk into the sea."},
	})
}

// TestRound49 checks the shorthand of online writing about self-harm and
// suicide (round 49): "sh", "ctb", "self delete", "wana", "tn", and
// self-harm urges named as the subject of their sentence.
func TestRound49(t *testing.T) {
	checkEntries(t, []entryCase{
		{true, "I want to sh so bad right now."},
		{true, "sh urges are really bad tonight"},
		{true, "The urges to sh are getting worse and worse."},
		{true, "gonna sh tonight idc anymore"},
		{true, "i'm going to ctb tonight"},
		{true, "I want to self delete."},
		{true, "I'm going to self-delete this weekend."},
		{true, "i wana die"},
		{true, "gonna kill myself tn"},
		{false, "Oh sh*t, I forgot my keys again."},
		{false, "I have been clean from sh for a year today and I'm proud."},
		{false, "Moving to TN next month for the new job."},
		{false, "Going to self delete my old posts tonight, they're cringe."},
		{false, "My self-harm urges were strong last year, but they passed and I'm steady now."},
	})
}

// TestRound51 checks dialect words read by the rules (vocab_dialect.go),
// years long past, and a wish told as the past that the recovery model
// may now read as a story (pastStory in detect.go).
func TestRound51(t *testing.T) {
	checkEntries(t, []entryCase{
		{true, "I cannae keep going. Nae reason tae stay."},
		{true, "I dinnae want tae be here any mair."},
		{false, "Went tae the shops wi ma wee sister, got chips, grand day."},
		{false, "Mi cyaan tek dis heat, mi a go dead a di bus stop lol"},
		{false, "In 1975 I wanted to die. Now I sing in the choir and grow tomatoes."},
		{false, "In 1979 I wanted to die, and I told nobody. Tonight I sat with my granddaughter and taught her to knit."},
		{true, "When I was at uni I wanted to die most days. It never really left. Tonight it is louder than ever."},
		{true, "Three weeks now of waking up wanting to die. It used to be a flicker. Now it sits with me through breakfast."},
	})
}

// TestDialectModelsReadSpelling checks that a dialect word is its
// standard words for the rules and one word, by its spelling, for the
// models, as they read it in training.
func TestDialectModelsReadSpelling(t *testing.T) {
	d := newTestDetector(t)
	toks := d.v.tokenize("cannae go", &scratch{}, true)
	var words []string
	for _, tok := range toks {
		if tok.s >= symFirstWord {
			words = append(words, d.v.names[tok.s])
		}
	}
	if got := strings.Join(words, " "); got != "can not go" {
		t.Errorf("the rules read %q, want %q", got, "can not go")
	}
	var unigrams []uint64
	d.eachKey(toks, 0, len(toks), func(k uint64) {
		if k>>32 == 0 {
			unigrams = append(unigrams, k)
		}
	})
	want := []uint64{unigram(unknownBit | wordHash([]byte("cannae"))&^unknownBit), unigram(uint32(d.v.lemma["go"]))}
	if !slices.Equal(unigrams, want) {
		t.Errorf("the models read %x, want %x", unigrams, want)
	}
}

// TestRound53 checks the act, now or just done (round 53): at a height,
// the water or the railway and not sure of going home; every pill held or
// laid out; a poison drunk; pills taken minutes ago; "I tried" with when
// and no object. Each beside a look-alike that must stay quiet.
func TestRound53(t *testing.T) {
	checkEntries(t, []entryCase{
		{true, "Not sure I am going home alive."},
		{true, "At the cliff car park with the engine off, not sure I'm driving home"},
		{false, "Not sure I am going home for Christmas this year."},
		{false, "Standing on the bridge watching the fireworks with the kids, best night of the year."},
		{true, "Sitting on the bathroom floor with every pill in the house in a bowl."},
		{true, "holding all of mums pills in my hand in the bathroom"},
		{false, "Sorted every pill in the house into the weekly organiser for Nan."},
		{true, "I drank the bleach from under the sink ten minutes ago."},
		{false, "My toddler nearly drank the bleach, I am shaking."},
		{true, "Took them about an hour ago and my ears are ringing."},
		{false, "Took them to the park an hour ago, they loved the swings."},
		{true, "Yesterday I tried. My sister found me."},
		{false, "Yesterday I tried the new pasta place."},
		{false, "Two years since I tried. I run a bakery now and I love my life."},
	})
}

// TestRound54 checks round 54's three readings, each beside a look-alike:
// a diary sentence that opens with its verb is the writer's however many
// others it names (writerLeads); the later clause of a recovery story
// ("…, and today I planted tomatoes") does not bring the past into the
// present, while "again" or a clause ending on its verb does
// (riskClauseEnd); "old me" and "the old voice" tell a wish as the past,
// unless it is back.
func TestRound54(t *testing.T) {
	checkEntries(t, []entryCase{
		{true, "Wrote a letter to Mum and one to Jess tonight and left them on the hall table for after."},
		{true, "Decided it is going to be Friday night when Tom is at his brother's, the pills and the whisky."},
		{true, "Put the letters for Mum and Dan in the drawer where they will look first."},
		{true, "gonna do it saturday when everyone's out at the game"},
		{false, "Wrote a letter to Mum and one to Jess tonight about the party."},
		{false, "Took the kids to the river and Sam swam."},
		{false, "I wanted to die every day that spring, and today I planted tomatoes."},
		{true, "I used to want to die, and tonight I want to again."},
		{true, "I wanted to die every day that spring, and I still do."},
		{true, "I wanted to die every day that spring, and tonight I do."},
		{false, "Old me would have taken this rejection as proof I should die. I texted my friend instead."},
		{false, "The old voice said everyone would be better off without me. I named it and made tea."},
		{true, "The old voice is back tonight and it says everyone would be better off without me."},
		{true, "The old thought came back again tonight: I want to die."},
	})
}

// TestRound56 checks round 56's readings beside their look-alikes: a place
// before "wanting" is no subject (atPlace), while a person there still is;
// wanting death with no "to" and no "be", as Patois and Pidgin say it
// (both first tried in round 55); and idioms of everyday talk that no
// longer swallow the crisis phrase they overlap.
func TestRound56(t *testing.T) {
	checkEntries(t, []entryCase{
		{true, "Been lying here in the dark wanting to be dead for hours."},
		{true, "Sat on the kitchen floor wanting to die, the kettle going cold."},
		{false, "A girl on the news wanting to die because of the bullies, it broke my heart."},
		{false, "My sister is lying in her room wanting to die and I don't know what to do."},
		{false, "There should be no more excuses from the council."},
		{true, "Mi tired. Mi want dead, fi real."},
		{true, "Abeg, I wan die."},
		{false, "I want dead quiet when I read."},
		{true, "They would all sleep better if I was gone for good."},
		{false, "I'll be gone for a week, so Mum is feeding the cat."},
		{false, "I'm going for a run before work."},
		{true, "I can't see any reason to keep going with this life."},
		{false, "I can't see any reason to keep going with this diet."},
		{true, "I don't want to live in a world where she pretends I never existed."},
		{false, "I don't want to live in a flat with no garden."},
		{true, "I'm done trying to live."},
		{true, "Everything in me wants to be dead right now."},
		{false, "You were dead right about the boiler."},
		{true, "The flat is sorted so nobody has a mess to deal with once I'm gone on Sunday."},
		{false, "I'm going on holiday on Sunday, the flat is sorted."},
		{true, "He left in March. I haven't slept properly since. Tonight I'd rather be dead than start again without him."},
		{false, "I'd rather die than sing karaoke at the Christmas do."},
		{true, "I'd rather be dead than be this much trouble to my son."},
	})
}

// TestRound58 checks round 58's reading: an intent or a means told in the
// past tense as done is history, like a past attempt, so a story of
// getting through it is read by the recovery model; told about today, in
// a later clause of now, or not as done, it stays a yes.
func TestRound58(t *testing.T) {
	checkEntries(t, []entryCase{
		{false, "I attempted suicide the winter I lost my job. That was eleven years ago. I have a garden now, and a dog who snores."},
		{false, "Three years ago I tried to end it after the divorce. Today I taught my son to ride his bike."},
		{true, "I tried to end it last night. I'm still here and I don't know what to do."},
		{true, "I tried to end it. Nobody knows."},
		{true, "Ten years since I tried to jump off the bridge and I think about it most days."},
		{true, "I looked at the wedding photos and thought, I could end my life this month and they'd still have these."},
	})
}

// TestRound61 checks the act now or just done, told plainly, in the shapes
// round 61 wrote lines for, each beside an ordinary sentence with the same
// words; and that a sentence opening with the writer is the writer's for
// the sentence model, whoever it names after (writerFirst).
func TestRound61(t *testing.T) {
	checkEntries(t, []entryCase{
		{true, "Drank the weed killer from the garage about twenty minutes ago."},
		{true, "Stirred the rat poison into my coffee and finished the cup."},
		{false, "Put the rat poison behind the shed where the dog can't reach it."},
		{true, "I swallowed most of my sertraline about an hour ago."},
		{false, "I took most of my sertraline with food this morning like the GP said."},
		{true, "I took everything in the first aid box an hour ago."},
		{true, "Sitting in the kitchen with the rifle across my knees."},
		{false, "Sitting in the kitchen with the cat across my knees."},
		{true, "The engine is running in the garage and the door is down."},
		{false, "The car is running rough so it's in the garage till Friday."},
		{true, "Some nights I wish a stroke would take me first."},
		{false, "Some nights I wish the bus would come on time for once."},
		{true, "I asked the bank whether the policy pays out if it's suicide."},
		{false, "The insurer says the policy does not cover mould damage."},
		{true, "I can't live without him and I'm not going to try."},
		{false, "I can't live without coffee and I'm not going to try."},
		{true, "My tablets are in my lap and I keep counting them."},
		{true, "Banging my head against the wall and now it's bleeding."},
		{false, "Banged my head on the cupboard door and it bled a bit."},
		{true, "They'd cry for a month and then they'd be free of me."},
		{true, "Everyone would be better off if I was gone for good."},
	})
}

// TestRound62 checks round 62's widening of round 61's lines and its few
// new kinds, each beside an ordinary sentence with the same words.
func TestRound62(t *testing.T) {
	checkEntries(t, []entryCase{
		{true, "Drank the antifreeze at about eleven, everything's spinning."},
		{true, "Swallowed a cup of drain cleaner this evening and my throat is raw."},
		{false, "Bought drain cleaner this evening and the sink finally works."},
		{true, "Rang to ask if the policy pays out if I die by my own hand."},
		{true, "The rifle's in the shed and I took the key while he slept."},
		{false, "Lost the key to the shed again, so the mower stays out."},
		{true, "I'm done trying to stay alive."},
		{false, "I'm done trying to stay on top of the laundry."},
		{true, "Been saving my tablets so I can overdose."},
		{true, "Every night I pray for God to take me in my sleep."},
		{false, "Every night I pray for God to keep the children safe."},
		{true, "Hugged them all like it was the last time, because it is."},
		{false, "Hugged them all like it was the last time, because the flight is long."},
		{true, "Sat with the engine running in the garage this morning till I blacked out."},
	})
}

// TestRound63 checks round 63's lines for the act now or just done, each
// beside an ordinary sentence with the same words, and a negated "stop"
// read through "thinking that" (negRaised).
func TestRound63(t *testing.T) {
	checkEntries(t, []entryCase{
		{true, "Swallowed the drain cleaner and my throat is on fire."},
		{false, "Poured the drain cleaner down the sink and it finally cleared."},
		{true, "Took the whole lot of my tramadol about twenty minutes ago."},
		{true, "I've injected all of my insulin."},
		{false, "I've injected my insulin before dinner like the nurse showed me."},
		{true, "Thirty tablets and the rest of the vodka, done."},
		{true, "Every box from the bathroom cabinet is on the bed now."},
		{true, "Took a razor apart in the bathroom."},
		{true, "This is goodbye for real."},
		{false, "This is goodbye for now, see you all in March."},
		{true, "Most days I'd prefer not to exist."},
		{false, "I'd prefer not to work weekends."},
		{true, "I can't stop thinking that I want to die."},
		{false, "I don't think that I want to die, I think I want a holiday."},
	})
}

// TestWriterFirst checks which sentences open with the writer, for the
// sentence model's veto (writerFirst): not the owner of someone else named
// just after, nor "I", which is the speaker and needs no exception.
func TestWriterFirst(t *testing.T) {
	d := newTestDetector(t)
	for _, c := range []struct {
		text string
		want bool
	}{
		{"My plan is the pills with the wine once Sam is at work.", true},
		{"me and the pills and the hotel room in Leeds on Friday", true},
		{"Myself, I think Priya would cope.", true},
		{"My sister Sam says she has a plan to quit smoking.", false},
		{"My little brother wants to move out.", false},
		{"My flatmate Priya is away.", false},
		{"Part of me wants to leave him.", false},
		{"Marcus called me from the bridge.", false},
		{"I gave my jacket to Sam.", false},
	} {
		toks, b, _ := firstSentence(d, c.text)
		if got := d.writerFirst(toks, 0, b); got != c.want {
			t.Errorf("%q: writerFirst %v, want %v", c.text, got, c.want)
		}
	}
}
