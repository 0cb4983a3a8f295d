package safety

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestModelUpToDate retrains the model from the repository and checks
// that model_weights.tsv is exactly what training gives: a changed rule
// (a word moving into the vocabulary) or a changed training file shows
// here. Fix: go run ./safety/cmd/crisis-train, and review the golden diff.
func TestModelUpToDate(t *testing.T) {
	if testing.Short() {
		t.Skip("trains six models")
	}
	got, rep, err := TrainModel("..")
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("model_weights.tsv")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("model_weights.tsv is stale: run go run ./safety/cmd/crisis-train from the repository root")
	}
	t.Logf("threshold %.3f; cross-validated recall %.3f, false alarms %.3f", rep.Threshold, rep.CVRecall, rep.CVFalseAlarms)
	if rep.ForumUsers != 216 {
		t.Errorf("the model read %d C-SSRS users, want all 216 of %s", rep.ForumUsers, CSSRSFile)
	}
	if added := rep.CVFalseAlarms - rep.CVRulesFalseAlarms; added > trainMaxFA+0.005 {
		t.Errorf("cross-validated, the model adds false alarms on %.3f of the negatives, over %.3f", added, trainMaxFA)
	}
	rgot, rrep, err := TrainRecovery("..", got)
	if err != nil {
		t.Fatal(err)
	}
	rwant, err := os.ReadFile("recovery_weights.tsv")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(rgot, rwant) {
		t.Fatalf("recovery_weights.tsv is stale: run go run ./safety/cmd/crisis-train from the repository root")
	}
	t.Logf("recovery model: cross-validated it cancels %.3f of other texts, %.3f of crisis texts", rrep.CVCancelledOther, rrep.CVCancelledCrisis)
	if rrep.CVCancelledCrisis > recoveryMaxLoss+0.005 {
		t.Errorf("cross-validated, the recovery model cancels %.3f of the crisis texts, over %.3f", rrep.CVCancelledCrisis, recoveryMaxLoss)
	}
	egot, erep, err := TrainEntry("..", got)
	if err != nil {
		t.Fatal(err)
	}
	ewant, err := os.ReadFile("entry_weights.tsv")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(egot, ewant) {
		t.Fatalf("entry_weights.tsv is stale: run go run ./safety/cmd/crisis-train from the repository root")
	}
	t.Logf("entry model: cross-validated it finds %.3f of the crisis texts the rest pass, flags %v of the other texts by length", erep.CVRecall, erep.CVFalseAlarms)
	for b, fa := range erep.CVFalseAlarms {
		if fa > entryMaxFA+0.005 {
			t.Errorf("cross-validated, the entry model flags %.3f of the other texts of band %d, over %.3f", fa, b, entryMaxFA)
		}
	}
}

// TestModelFeaturesKnown checks that every feature of the weights file
// still reads against the vocabulary.
func TestModelFeaturesKnown(t *testing.T) {
	d := newTestDetector(t)
	n := 0
	for _, ln := range strings.Split(modelText, "\n") {
		if ln != "" && ln[0] != '#' && !strings.HasPrefix(ln, "bias\t") && !strings.HasPrefix(ln, "threshold\t") {
			n++
		}
	}
	if len(d.m.f) != n {
		t.Errorf("%d of %d features read; the rest name a word the vocabulary lost: retrain", len(d.m.f), n)
	}
}

// TestModelExplained checks that a yes of the model carries its reason
// code and lists features by line, never the writer's words.
func TestModelExplained(t *testing.T) {
	d := newTestDetector(t)
	seen := false
	for _, path := range devFiles {
		for _, s := range readLabelled(t, path) {
			v, found := d.Explain(s.text)
			if v.Reason != modelCode {
				continue
			}
			seen = true
			ok := false
			for _, f := range found {
				if f.Code == modelCode && f.Outcome == "yes" {
					ok = strings.HasPrefix(f.Rule, "model_weights.tsv:") && !strings.Contains(f.Pattern, s.text)
				}
			}
			if !ok {
				t.Errorf("%s: model verdict without a model finding: %+v", s.where, found)
			}
		}
	}
	if !seen {
		t.Error("no labelled sentence was decided by the model")
	}
}

// TestModelVetoes checks that the rules' vetoes hold the model back.
func TestModelVetoes(t *testing.T) {
	d := newTestDetector(t)
	for _, text := range []string{
		"My sister told me she has a plan and has written the notes.",
		"In the film he writes a goodbye letter and gives his dog away.",
		"Years ago I had a plan and wrote the notes. These days I am in a good place.",
	} {
		if v, found := d.Explain(text); v.Reason == modelCode {
			t.Errorf("%q: the model said yes past a veto: %+v", text, found)
		}
	}
}

// TestModelVetoAnyone checks who makes a sentence someone else's for the
// model: a named person or relative always does; no one in particular
// (nobody, everyone) does unless the writer is in it, and only when the
// model answers (lenient), not when it is trained.
func TestModelVetoAnyone(t *testing.T) {
	d := newTestDetector(t)
	for _, c := range []struct {
		text            string
		lenient, strict bool // vetoed
	}{
		{"Nobody will have to worry about me after Sunday.", false, true},
		{"Everyone would be better off without me.", false, true},
		{"Nobody is ever the only one to think anything.", true, true},
		{"My friend wants to die.", true, true},
		{"My guitar goes to Sam and nobody else needs to decide.", true, true},
		{"I gave my guitar to Mo.", false, false},
	} {
		toks := d.v.tokenize(c.text, &scratch{}, true)
		for _, lenient := range []bool{true, false} {
			want := c.strict
			if lenient {
				want = c.lenient
			}
			if got := d.modelVeto(toks, 0, len(toks)-1, 0, lenient) != ""; got != want {
				t.Errorf("%q lenient=%v: vetoed %v, want %v", c.text, lenient, got, want)
			}
		}
	}
}

// TestRecoveryModel: the recovery model reads a whole entry that said yes
// to a past attempt or self-injury alone, and cancels it when it reads as
// a recovery story; it never cancels a wish, a plan or an attempt that is
// live, and Explain names it.
func TestRecoveryModel(t *testing.T) {
	d := newTestDetector(t)
	for _, c := range []struct {
		crisis bool
		text   string
	}{
		// a recovery story the rules alone flag: the attempt is told with
		// today's good news
		{false, "Seven years ago today I swallowed every tablet in the house. Today I walked my daughter to her first day at school and I cried because I'm so lucky to be here for it."},
		// the same attempt, live
		{true, "Seven days ago I swallowed every tablet in the house. Nobody knows and I wish it had worked."},
		// a wish beside the story is never cancelled by it
		{true, "Seven years ago today I swallowed every tablet in the house. I want to die tonight."},
	} {
		v, f := d.Explain(c.text)
		if v.Crisis != c.crisis {
			t.Errorf("%q: crisis = %v, want %v (%+v)", c.text, v.Crisis, c.crisis, f)
		}
		if got := d.CheckEntry(c.text); got != v {
			t.Errorf("%q: CheckEntry %+v, Explain %+v", c.text, got, v)
		}
		named := false
		for _, x := range f {
			named = named || x.Code == recoveryCode
		}
		if named == c.crisis {
			t.Errorf("%q: a recovery finding %v, want %v (%+v)", c.text, named, !c.crisis, f)
		}
	}
}

// TestEntryModel checks how the entry model is asked, with a model of one
// word ("zucchini", which no rule knows): an entry of two or more
// sentences that holds it says yes with reason "entry" and a finding
// naming the weights' line; an entry of one sentence is never asked; a
// sentence the sentence model may not answer for (someone else alone, a
// film) is not read; and it never cancels a yes.
func TestEntryModel(t *testing.T) {
	d, err := NewDetector()
	if err != nil {
		t.Fatal(err)
	}
	if d.e, err = parseModel("bias\t-1\nthreshold\t0\nthreshold-2\t0\nthreshold-5\t0.5\n~zucchini\t1.2\n", d.v); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		text string
		want Verdict
	}{
		{"I bought a zucchini. The kitchen looks nice.", Verdict{Crisis: true, Reason: entryCode}},
		{"I bought a zucchini.", Verdict{}},                                                     // one sentence: not asked
		{"I bought a courgette. The kitchen looks nice.", Verdict{}},                            // no such word
		{"My sister bought a zucchini. The kitchen looks nice.", Verdict{}},                     // someone else alone
		{"I watched a film about a zucchini. The kitchen looks nice.", Verdict{}},               // a film
		{"I bought a zucchini. It was fine. It was fine. It was fine. It was fine.", Verdict{}}, // five sentences: a higher threshold
		{"I bought a zucchini. I want to die.", Verdict{Crisis: true, Reason: "wish"}},          // the rules' yes stands
	} {
		v, f := d.Explain(c.text)
		if v != c.want {
			t.Errorf("%q: %+v, want %+v (findings %+v)", c.text, v, c.want, f)
		}
		if got := d.CheckEntry(c.text); got != v {
			t.Errorf("%q: CheckEntry %+v, Explain %+v", c.text, got, v)
		}
		if v.Reason == entryCode && (len(f) == 0 || f[len(f)-1].Rule != "entry_weights.tsv:5") {
			t.Errorf("%q: findings %+v, want the entry model's with its line", c.text, f)
		}
	}
}

// TestNewDetectorWith checks that the detector built from weight files,
// as crisis-eval -cssrs-cv builds one per fold, decides as NewDetector
// does when given the committed files, and refuses a broken file.
func TestNewDetectorWith(t *testing.T) {
	want := newTestDetector(t)
	var files [3][]byte
	for i, name := range []string{"model_weights.tsv", "recovery_weights.tsv", "entry_weights.tsv"} {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		files[i] = b
	}
	got, err := NewDetectorWith(files[0], files[1], files[2])
	if err != nil {
		t.Fatal(err)
	}
	texts, err := readLabelledJournal("testdata/crisis_journal_ao.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	yes := 0
	for _, tx := range texts {
		g, w := got.CheckEntry(tx.text), want.CheckEntry(tx.text)
		if g != w {
			t.Errorf("%q: NewDetectorWith says %+v, NewDetector %+v", tx.text, g, w)
		}
		if g.Crisis {
			yes++
		}
	}
	if yes == 0 || yes == len(texts) {
		t.Errorf("%d of %d entries said yes: the comparison tells nothing", yes, len(texts))
	}
	if _, err := NewDetectorWith([]byte("bias\tnot-a-number\n"), files[1], files[2]); err == nil {
		t.Error("NewDetectorWith took a model file with a broken bias")
	}
}

// unread names the development sets no model may read, so that a change
// is measured on writing the models have not seen: CP and CQ (journal sets
// written blind, run once for round 64), CJ and CK (written blind as
// development sets before round 60), RU and AL (ordinary
// writing, all other), AU (read by none since round 35 tried it) and CG
// (written for the entry model after round 59; reading it changed
// nothing). AP, AQ, AS, AT, AV to AY and BE are read by the sentence model
// since round 47; BJ to CA by the entry model since round 59, AZ, BA to
// BD, BF to BI, CB and CC since round 60, and CE, CF, CH, CI and CL to CO
// since round 64.
var unread = []string{"crisis_journal_cp.jsonl", "crisis_journal_cq.jsonl", "crisis_journal_cj.jsonl", "crisis_journal_ck.jsonl", "crisis_journal_ru.jsonl", "crisis_journal_al.jsonl", "crisis_journal_au.jsonl", "crisis_journal_cg.jsonl"}

// TestHeldOutUnread checks that no trainer reads a held-out set or a set
// kept unread, and that the golden file holds no held-out entry.
func TestHeldOutUnread(t *testing.T) {
	read := slices.Concat(trainJournals, sentenceJournals, sentenceOnlyJournals, trainGeneral, entryJournals, entryGeneral, trainSentences)
	for _, f := range slices.Concat(HeldOutSets(), unread) {
		if slices.Contains(read, f) {
			t.Errorf("%s is held out or kept unread, but a trainer reads it", f)
		}
	}
	golden, err := os.ReadFile("testdata/crisis_golden.tsv")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range HeldOutSets() {
		if _, err := os.Stat("testdata/" + f); err != nil {
			t.Errorf("held-out set %s: %v", f, err)
		}
		if bytes.Contains(golden, []byte(f+":")) {
			t.Errorf("%s is held out, but the golden file holds its verdicts", f)
		}
	}
}

// TestRecoveryMargin checks that a past attempt told without any recovery
// stays a yes by a clear margin, not by chance: before round 34 the
// recovery model scored "Two years ago I overdosed. I spent a week in
// hospital. It was hard." 0.008 logits under its threshold, and almost any
// retraining read it as a recovery story (docs/safety.md, "After round
// 33"). A retraining that brings such a story within recoveryMargin of
// the threshold fails here, and needs writing that teaches the model
// otherwise (set AR was written for this), not a looser test.
func TestRecoveryMargin(t *testing.T) {
	const recoveryMargin = 1.0 // logits
	d := newTestDetector(t)
	sc := &scratch{unk: map[uint32]string{}}
	for _, text := range []string{
		"Two years ago I overdosed. I spent a week in hospital. It was hard.",
		"When I was nineteen I swallowed a whole box of paracetamol. My sister found me in time. Work is busy.",
		"I tried to kill myself when I was nineteen.",
		"My last attempt was in March.",
		"Five years ago I cut my arms most nights. I wore long sleeves all summer.",
	} {
		v, history := d.scan([]string{text}, sc, nil)
		if !v.Crisis || !history {
			t.Errorf("%q: the rules and sentence model say %+v (history %v); want a yes for history alone", text, v, history)
			continue
		}
		sc.keys = d.entryKeys([]string{text}, sc, sc.keys)
		if s := d.recoveryScore(sc.keys); s > d.r.threshold-recoveryMargin {
			t.Errorf("%q: recovery score %.3f, threshold %.3f: closer than %.1f logits", text, s, d.r.threshold, recoveryMargin)
		}
	}
}

// TestNewWordLeavesModels checks that a word a rule brings in is read by
// the models by its spelling, as before any rule knew it: a new word in
// a rule changes no feature the models see (model_words.txt). Without the
// word list the same rule would change them, which the test also checks,
// so it can fail.
func TestNewWordLeavesModels(t *testing.T) {
	const line = "\nveto ordinary: (before|since) i zorbify the quangle\n"
	texts := []string{
		"Before I zorbify the quangle I'm giving away my books.",
		"zorbified and quangles, Zorbifying all night; my partner's quangle",
		"I want to die. Zorbify. I have a plan for the quangle tonight.",
		"zorbiiify quanglle",
	}
	keys := func(d *Detector) [][]uint64 {
		var all [][]uint64
		sc := &scratch{}
		for _, text := range texts {
			toks := d.v.tokenize(text, sc, true)
			var ks []uint64
			d.eachKey(toks, 0, len(toks), func(k uint64) { ks = append(ks, k) })
			all = append(all, ks)
		}
		return all
	}
	// Without the models, as training reads texts.
	build := func(rules string) *Detector {
		t.Helper()
		d, err := rulesDetector(rules, modelWords)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	before, after := build(rulesText), build(rulesText+line)
	if _, ok := after.v.lemma["zorbify"]; !ok {
		t.Fatal("the added rule did not bring its word into the vocabulary")
	}
	want, got := keys(before), keys(after)
	for i := range texts {
		if !slices.Equal(got[i], want[i]) {
			t.Errorf("%q: the models' features changed when a rule brought in a word:\n got %x\nwant %x", texts[i], got[i], want[i])
		}
	}
	after.v.unread = nil // every word read by its lemma, as without the list
	if slices.EqualFunc(keys(after), want, slices.Equal) {
		t.Error("without the word list the features did not change either: the test cannot fail")
	}
}

// TestModelWordsUpToDate checks that every word of model_words.txt is a
// word of the rules the models are trained beside (model_rules.txt): a
// word the models know by its lemma must still be one. The list may lack
// words the code brought in since it was written (nameSyms); those are
// read by their spelling in training and at inference alike. Fix: go run
// ./safety/cmd/crisis-train -rules.
func TestModelWordsUpToDate(t *testing.T) {
	d, err := trainedRulesDetector("..")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, w := range strings.Split(modelWords, "\n") {
		if w == "" || w[0] == '#' {
			continue
		}
		n++
		if _, ok := d.v.lemma[w]; !ok {
			t.Errorf("model_words.txt lists %q, which model_rules.txt does not know: run go run ./safety/cmd/crisis-train -rules", w)
		}
	}
	if n < 1000 {
		t.Errorf("model_words.txt lists %d words, want the whole vocabulary of model_rules.txt", n)
	}
}

// TestModelReadsAsTrained checks that the detector of rules.txt gives
// every text the models learn from the features the detector of
// model_rules.txt gave it in training, word for word: the rules added
// since then change no feature the models see.
func TestModelReadsAsTrained(t *testing.T) {
	if testing.Short() {
		t.Skip("reads every training text twice")
	}
	live := newTestDetector(t)
	trained, err := trainedRulesDetector("..")
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, f := range trainSentences {
		file, err := readLabelledTSV(filepath.Join("testdata", f))
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range file {
			texts = append(texts, x.text)
		}
	}
	for _, f := range slices.Concat(trainJournals, sentenceJournals, sentenceOnlyJournals, trainGeneral, entryJournals, entryGeneral) {
		file, err := readLabelledJournal(filepath.Join("testdata", f))
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range file {
			texts = append(texts, x.text)
		}
	}
	users, err := ReadCSSRS(filepath.Join("testdata", CSSRSFile))
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range users {
		texts = append(texts, u.Posts...)
	}
	ordinary, err := ReadOrdinary(filepath.Join("testdata", OrdinaryFile))
	if err != nil {
		t.Fatal(err)
	}
	texts = append(texts, ordinary...)
	// Words are compared by lemma: the two vocabularies may number them
	// differently.
	read := func(d *Detector, text string, sc *scratch) []string {
		toks := d.v.tokenize(text, sc, true)
		var out []string
		d.eachKey(toks, 0, len(toks), func(k uint64) {
			for _, id := range [2]uint32{uint32(k >> 32), uint32(k)} { // #nosec G115 -- the two halves of a key
				if id >= uint32(symFirstWord) && id&unknownBit == 0 && int(id) < len(d.v.names) {
					out = append(out, d.v.names[id])
				} else {
					out = append(out, strconv.FormatUint(uint64(id), 16))
				}
			}
		})
		return out
	}
	sa, sb, differ := &scratch{}, &scratch{}, 0
	for _, text := range texts {
		if a, b := read(live, text, sa), read(trained, text, sb); !slices.Equal(a, b) {
			if differ++; differ <= 5 {
				t.Errorf("%.80q: read differently from training:\n now  %v\n then %v", text, a, b)
			}
		}
	}
	if differ > 0 {
		t.Errorf("%d of %d training texts read differently from training", differ, len(texts))
	}
	t.Logf("%d training texts read as in training", len(texts))
}
