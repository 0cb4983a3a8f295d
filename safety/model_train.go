package safety

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"go/scanner"
	gotoken "go/token"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Training the model (model.go). Everything it reads is in the
// repository, and none of it is an evaluation set:
//
//   - crisis sentences and hard negatives: safety/testdata/crisis_labelled.tsv,
//     crisis_dev.tsv and crisis_heldout5.tsv (one sentence a line);
//   - journal entries: sets A, C, D, F, G, H, I and J (the first eight),
//     and since round 29 every other set written blind or for training and
//     run since: B, E, L, S, U–Z and AA–AI (trainJournals); since round
//     34 also AJ to AO (each run once as held out) and AR (written for
//     training: past attempts and self-injury in matched pairs, told with
//     and without recovery, so that the recovery model learns that time
//     gone by is not recovery), read by this model and the recovery model
//     but not the entry model (sentenceJournals). Each was held out for
//     one run or written for training, then a development set; with all
//     of them the model reads more kinds of writing, at the cost said in
//     docs/safety.md (rounds 29 and 34); since round 47 also AP, AQ,
//     AS, AT and AV to AY (each run once as held out but AT, then
//     development sets) and BE (written for training: matched pairs on
//     bridges, "way out" and recent attempts), read by this model alone
//     (sentenceOnlyJournals);
//   - general writing, all of it not crisis: set M (trainGeneral);
//   - since round 33, forum writing: the 216 C-SSRS development users
//     (CSSRSFile, a copy of ../shared/data/cssrs-dev, Gaur et al. 2019,
//     CC BY 4.0). A user labelled Ideation, Behavior or Attempt is one
//     crisis bag of all their posts (training picks the sentence it scores
//     highest, as below); each post of a Supportive or Indicator user is a
//     negative. They take no part in choosing the threshold, which stays
//     set by the journal and general writing. With them the model learns
//     how people write about suicide to help someone else, and how risk
//     reads in long forum posts; since the model has read these users,
//     their figures are measured by cross-validation over users
//     (crisis-eval -cssrs-cv, TrainModelFold);
//   - ordinary writing about attachment, fear and hard feelings, all of it
//     negative: the lessons and FAQ (content/), the thinking-trap dev set
//     (belief/testdata/hints_dev.tsv), and the app's own sentences (string
//     literals of the root package, belief/ and practice/, and the page
//     templates), read from a snapshot (OrdinaryFile) so that copy edits
//     do not change the model. A text of these the rules say yes to is
//     left out.
//
// Never read here: sets K, N, O, P, Q, R and T (the entry model's own,
// entry_train.go: with them the sentence model's threshold rose and it
// found fewer crisis entries on the sets it had not read, round 29), set
// RU (false alarms on ordinary anxious-attachment writing), set AL
// (ordinary forum comments, the same for general writing), sets AZ, BA
// to BD and BF to BI (each run once, for rounds 42 to 48), CB and CC (run
// once, for round 59) and CG (written for the entry model after round 59):
// development sets read by no model (unread in model_test.go); sets BJ to
// CA and CD (the entry model's since round 59, entry_train.go), set AU (written for
// training; round 35 tried it and kept none), any set held out for the
// next round (HeldOutSets, heldout.go), and GoEmotions.
//
// An entry labelled crisis says so in at least one sentence, not in all:
// training picks, for each such entry, the sentence the model scores
// highest (two rounds of multiple-instance learning), and uses every
// sentence of every other text as a negative. Sentences a veto holds back
// (model.go) are left out: the model never answers for them.
//
// The threshold is chosen by five-fold cross-validation over the texts
// (text i in fold i mod 5): the lowest score at which the model, where the
// rules pass, raises false alarms on at most 3% of the negative labelled
// sentences and journal entries and on at most 0.4% of the ordinary and
// general writing (C-SSRS posts take no part). Round 29 set them at 1.85%
// and 0.3%; with the C-SSRS users read, the model is quieter on general
// writing, and round 33 spent part of that on recall (2.5%). Round 47,
// reading eight more journal sets, spent more (3%): with those sets read
// the first budget binds; without them the second would.

// TrainReport holds the training data's sizes and the cross-validated
// figures that chose the threshold.
type TrainReport struct {
	Texts, Crisis, HardNegative, Ordinary int
	ForumUsers, ForumPosts                int // C-SSRS users read, and their posts
	Sentences, Features, Weights          int
	Threshold                             float64 // a probability
	CVRecall, CVFalseAlarms               float64 // rules or model, on the labelled texts
	CVRulesRecall, CVRulesFalseAlarms     float64 // the rules alone, the same texts
	CVOrdinaryFalseAlarms                 float64 // rules or model, ordinary writing
}

const (
	trainFolds        = 5
	trainIters        = 200
	trainRate         = 0.3
	trainL2           = 1e-4
	trainMinDF        = 2
	trainMILRound     = 2
	trainMaxFA        = 0.03
	trainMaxGeneralFA = 0.004
)

type trainSent struct {
	keys []int32 // feature indexes
	veto bool
}

type trainBag struct {
	pos, hard, rules bool
	forum            bool // a C-SSRS user's posts: no part in the threshold
	sents            []trainSent
}

// trainJournals are the journal sets the models learn from: the first
// eight (A, C, D, F–J), then, since round 29, every set held out once or
// written for training and a development set since (see the comment at
// the top of this file and docs/safety.md).
var trainJournals = []string{
	"crisis_journal.jsonl", "crisis_journal_c.jsonl", "crisis_journal_d.jsonl",
	"crisis_journal_f.jsonl", "crisis_journal_g.jsonl", "crisis_journal_h.jsonl",
	"crisis_journal_i.jsonl", "crisis_journal_j.jsonl", "crisis_journal_b.jsonl",
	"crisis_journal_e.jsonl", "crisis_journal_l.jsonl", "crisis_journal_s.jsonl",
	"crisis_journal_u.jsonl", "crisis_journal_v.jsonl", "crisis_journal_w.jsonl",
	"crisis_journal_x.jsonl", "crisis_journal_y.jsonl", "crisis_journal_z.jsonl",
	"crisis_journal_aa.jsonl", "crisis_journal_ab.jsonl", "crisis_journal_ac.jsonl",
	"crisis_journal_ad.jsonl", "crisis_journal_ae.jsonl", "crisis_journal_af.jsonl",
	"crisis_journal_ag.jsonl", "crisis_journal_ah.jsonl", "crisis_journal_ai.jsonl",
}

// sentenceJournals are read by the sentence and recovery models only
// (round 34): AJ to AO, each run once as a held-out set, and AR, written
// for training. The entry model does not read them: reading them, it said
// yes more often to joins of quiet sentences (TestEntryModelJoins 0.39%
// → 1.06% at two to four sentences) and to ordinary anxious-attachment
// writing (set RU, 17 → 23 of 600).
var sentenceJournals = []string{
	"crisis_journal_aj.jsonl", "crisis_journal_ak.jsonl", "crisis_journal_am.jsonl",
	"crisis_journal_an.jsonl", "crisis_journal_ao.jsonl", "crisis_journal_ar.jsonl",
}

// trainGeneral holds general writing, all of it not crisis (strong feeling,
// jokes, people supporting someone else), read like the ordinary writing:
// the threshold keeps the model quiet on it (trainMaxGeneralFA).
var trainGeneral = []string{"crisis_journal_m.jsonl"}

// sentenceOnlyJournals are read by the sentence model alone (round 47):
// AP, AQ, AS, AT and AV to AY, each run once as a held-out set (AT
// written after round 34) and a development set since, and BE, written
// for training. The recovery model does not read them: reading them, it
// came within a logit of cancelling a plain story of a recent overdose
// (TestRecoveryMargin, docs/safety.md round 45).
var sentenceOnlyJournals = []string{
	"crisis_journal_ap.jsonl", "crisis_journal_aq.jsonl", "crisis_journal_as.jsonl",
	"crisis_journal_at.jsonl", "crisis_journal_av.jsonl", "crisis_journal_aw.jsonl",
	"crisis_journal_ax.jsonl", "crisis_journal_ay.jsonl", "crisis_journal_be.jsonl",
}
var trainSentences = []string{"crisis_labelled.tsv", "crisis_dev.tsv", "crisis_heldout5.tsv"}

// TrainModel trains the model from the repository at root and returns
// the contents of model_weights.tsv. It is deterministic: the same
// repository gives the same bytes.
func TrainModel(root string) ([]byte, TrainReport, error) {
	return trainModel(root, func(int) bool { return true })
}

// TrainModelFold trains the model as TrainModel does, but without the
// C-SSRS users i of CSSRSFile with i%folds == fold, so that the evaluation
// can measure the check on users it did not learn from (crisis-eval
// -cssrs-cv).
func TrainModelFold(root string, fold, folds int) ([]byte, TrainReport, error) {
	return trainModel(root, func(i int) bool { return i%folds != fold })
}

// trainModel is TrainModel reading only the C-SSRS users i of CSSRSFile
// for which use(i) is true: the evaluation's cross-validation leaves one
// fold of users out.
func trainModel(root string, use func(int) bool) ([]byte, TrainReport, error) {
	var rep TrainReport
	d, err := trainedRulesDetector(root)
	if err != nil {
		return nil, rep, err
	}
	// The models learn from the first reading of an entry; the second,
	// with "you" as the writer (voice.go), is asked only after them.
	d.you = nil
	tr := &trainer{d: d, sc: &scratch{unk: map[uint32]string{}}, index: map[uint64]int32{}, seen: map[string]bool{}}
	td := filepath.Join(root, "safety", "testdata")
	for _, f := range trainSentences {
		if err := tr.readTSV(filepath.Join(td, f)); err != nil {
			return nil, rep, err
		}
	}
	for _, f := range slices.Concat(trainJournals, sentenceJournals, sentenceOnlyJournals) {
		if err := tr.readJournal(filepath.Join(td, f), true); err != nil {
			return nil, rep, err
		}
	}
	for _, f := range trainGeneral {
		if err := tr.readJournal(filepath.Join(td, f), false); err != nil {
			return nil, rep, err
		}
	}
	ordinary, err := ReadOrdinary(filepath.Join(td, OrdinaryFile))
	if err != nil {
		return nil, rep, err
	}
	for _, t := range ordinary {
		tr.add(t, false, false)
	}
	users, err := ReadCSSRS(filepath.Join(td, CSSRSFile))
	if err != nil {
		return nil, rep, err
	}
	for i, u := range users {
		if !use(i) {
			continue
		}
		rep.ForumUsers++
		rep.ForumPosts += len(u.Posts)
		if u.Crisis() {
			tr.addForum(u.Posts, true)
			continue
		}
		for _, p := range u.Posts {
			tr.addForum([]string{p}, false)
		}
	}
	tr.prune()
	rep.Texts = len(tr.bags)
	for _, b := range tr.bags {
		switch {
		case b.pos:
			rep.Crisis++
		case b.hard:
			rep.HardNegative++
		default:
			rep.Ordinary++
		}
		rep.Sentences += len(b.sents)
	}
	rep.Features = len(tr.keys)

	// Cross-validation chooses the threshold.
	scores := make([]float64, len(tr.bags))
	for k := 0; k < trainFolds; k++ {
		var in []int
		for i := range tr.bags {
			if i%trainFolds != k {
				in = append(in, i)
			}
		}
		w, bias := tr.train(in)
		for i := range tr.bags {
			if i%trainFolds == k {
				scores[i] = tr.bagScore(i, w, bias)
			}
		}
	}
	threshold := tr.chooseThreshold(scores)
	rep.Threshold = 1 / (1 + math.Exp(-threshold))
	var pos, posHit, posRules, hard, hardHit, hardRules, ord, ordHit float64
	for i, b := range tr.bags {
		if b.forum {
			continue
		}
		yes := b.rules || scores[i] >= threshold
		switch {
		case b.pos:
			pos++
			posHit += b2f(yes)
			posRules += b2f(b.rules)
		case b.hard:
			hard++
			hardHit += b2f(yes)
			hardRules += b2f(b.rules)
		default:
			ord++
			ordHit += b2f(yes)
		}
	}
	rep.CVRecall, rep.CVRulesRecall = posHit/pos, posRules/pos
	rep.CVFalseAlarms, rep.CVRulesFalseAlarms = hardHit/hard, hardRules/hard
	rep.CVOrdinaryFalseAlarms = ordHit / ord

	all := make([]int, len(tr.bags))
	for i := range all {
		all[i] = i
	}
	w, bias := tr.train(all)
	out, n := tr.write(w, bias, threshold, rep)
	rep.Weights = n
	return out, rep, nil
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

type trainer struct {
	d     *Detector
	sc    *scratch
	bags  []trainBag
	index map[uint64]int32
	keys  []uint64 // feature index -> key
	df    []int
	seen  map[string]bool
	unk   map[uint32]string // masked hash -> word, built by idName
}

// firstSight reports whether text is new to the trainer (case and spacing
// aside), and remembers it: a text seen twice is used once.
func (tr *trainer) firstSight(text string) bool {
	norm := strings.ToLower(strings.Join(strings.Fields(text), " "))
	if norm == "" || tr.seen[norm] {
		return false
	}
	tr.seen[norm] = true
	return true
}

// feature returns the index of feature k, giving a new one the next.
func (tr *trainer) feature(k uint64) int32 {
	i, ok := tr.index[k]
	if !ok {
		i = int32(len(tr.keys)) // #nosec G115 -- far fewer features than 2^31
		tr.index[k] = i
		tr.keys = append(tr.keys, k)
		tr.df = append(tr.df, 0)
	}
	return i
}

// add reads one text into a bag; a text seen before is skipped.
func (tr *trainer) add(text string, pos, hard bool) {
	if !tr.firstSight(text) {
		return
	}
	rules := tr.d.CheckEntry(text).Crisis
	if !pos && !hard && rules {
		return // ordinary writing the rules flag: perhaps not ordinary
	}
	b := trainBag{pos: pos, hard: hard, rules: rules}
	tr.readSentences(&b, text)
	tr.keep(b)
}

// addForum reads a C-SSRS user's posts into one bag: all of a crisis
// user's posts (pos; training picks the sentence the model scores
// highest, as for a journal entry), or one post of another user.
func (tr *trainer) addForum(posts []string, pos bool) {
	b := trainBag{pos: pos, hard: true, forum: true}
	for _, text := range posts {
		if tr.firstSight(text) {
			tr.readSentences(&b, text)
		}
	}
	tr.keep(b)
}

// readSentences adds the sentences of text to b, each with its features
// and whether a veto holds the model back in it.
func (tr *trainer) readSentences(b *trainBag, text string) {
	tr.d.eachSentence(text, tr.sc, func(toks []token, a, c int, bits vetoBits) {
		s := trainSent{veto: tr.d.modelVeto(toks, a, c, bits, false) != ""}
		tr.d.eachKey(toks, a, c, func(k uint64) { s.keys = append(s.keys, tr.feature(k)) })
		if len(s.keys) > 0 {
			b.sents = append(b.sents, s)
		}
	})
}

// keep adds b to the training bags, unless it has no sentence, and
// counts the documents each feature of its sentences appears in.
func (tr *trainer) keep(b trainBag) {
	if len(b.sents) == 0 {
		return
	}
	for _, s := range b.sents {
		if s.veto {
			continue
		}
		for _, k := range uniq(s.keys) {
			tr.df[k]++
		}
	}
	tr.bags = append(tr.bags, b)
}

func uniq(ks []int32) []int32 {
	out := append([]int32(nil), ks...)
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	n := 0
	for i, k := range out {
		if i == 0 || k != out[n-1] {
			out[n] = k
			n++
		}
	}
	return out[:n]
}

// prune drops features seen in fewer than trainMinDF sentences and
// renumbers the rest in order of first sight.
func (tr *trainer) prune() {
	re := tr.renumber()
	for bi := range tr.bags {
		for si := range tr.bags[bi].sents {
			s := &tr.bags[bi].sents[si]
			s.keys = remap(s.keys, re)
		}
	}
}

// renumber keeps the features seen at least trainMinDF times, in order of
// first sight, and returns each old index's new one (-1: dropped).
func (tr *trainer) renumber() []int32 {
	re := make([]int32, len(tr.keys))
	var keys []uint64
	for i, k := range tr.keys {
		re[i] = -1
		if tr.df[i] >= trainMinDF {
			re[i] = int32(len(keys)) // #nosec G115 -- far fewer features than 2^31
			keys = append(keys, k)
		}
	}
	tr.keys = keys
	return re
}

// remap renumbers ks in place by re, dropping the features re drops.
func remap(ks, re []int32) []int32 {
	n := 0
	for _, k := range ks {
		if re[k] >= 0 {
			ks[n] = re[k]
			n++
		}
	}
	return ks[:n]
}

func (tr *trainer) readTSV(path string) error {
	file, err := readLabelledTSV(path)
	for _, t := range file {
		tr.add(t.text, t.crisis, true)
	}
	return err
}

// readJournal reads a journal set; hard says whether its texts other than
// crisis count as hard negatives (a journal set) or as ordinary writing
// (general writing, trainGeneral).
func (tr *trainer) readJournal(path string, hard bool) error {
	file, err := readLabelledJournal(path)
	for _, t := range file {
		tr.add(t.text, t.crisis, hard || t.crisis)
	}
	return err
}

var (
	tagRE      = regexp.MustCompile(`(?s)<[^>]*>|\{\{.*?\}\}`)
	frontRE    = regexp.MustCompile(`(?s)\A---\n.*?\n---\n`)
	paragraphs = regexp.MustCompile(`\n\s*\n`)
)

// CSSRSFile holds the C-SSRS development users (../shared/data/cssrs-dev,
// Gaur et al. 2019, CC BY 4.0) under safety/testdata, one JSON object a
// line: {"user", "label", "posts"}, in the order of dev.csv.
const CSSRSFile = "cssrs_dev.jsonl"

// ForumUser is one C-SSRS user: the psychiatrists' label and every post.
type ForumUser struct {
	ID    string   `json:"user"`
	Label string   `json:"label"`
	Posts []string `json:"posts"`
}

// Crisis reports whether the user's label is Ideation, Behavior or
// Attempt.
func (u ForumUser) Crisis() bool {
	return u.Label == "Ideation" || u.Label == "Behavior" || u.Label == "Attempt"
}

// ReadCSSRS reads CSSRSFile.
func ReadCSSRS(path string) ([]ForumUser, error) { return readJSONLines[ForumUser](path) }

// readJSONLines reads a file of the repository holding one JSON value a
// line, each at most 4 MiB (the longest, a C-SSRS user's posts, is about
// 33 KB).
func readJSONLines[T any](path string) ([]T, error) {
	f, err := os.Open(path) // #nosec G304 -- a file of the repository
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []T
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64<<10), 4<<20)
	for sc.Scan() {
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		out = append(out, v)
	}
	return out, sc.Err()
}

// OrdinaryFile is the snapshot of the repository's ordinary writing the
// model trains on, under safety/testdata: one JSON string a line. It is a
// snapshot, not read live, so that editing a lesson or a button's words
// never makes the model stale; crisis-train -ordinary takes it again.
const OrdinaryFile = "model_ordinary.jsonl"

// ReadOrdinary reads the snapshot of ordinary writing.
func ReadOrdinary(path string) ([]string, error) { return readJSONLines[string](path) }

// OrdinarySnapshot gathers the repository's ordinary writing afresh, in
// the form of OrdinaryFile (crisis-train -ordinary).
func OrdinarySnapshot(root string) ([]byte, error) {
	var b bytes.Buffer
	for _, t := range ordinaryTexts(root) {
		line, err := json.Marshal(t)
		if err != nil {
			return nil, err
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	return b.Bytes(), nil
}

// ordinaryTexts gathers the repository's own writing that is not crisis
// language, in a fixed order.
func ordinaryTexts(root string) []string {
	var out []string
	glob := func(p string) []string {
		m, _ := filepath.Glob(filepath.Join(root, p))
		return m
	}
	for _, p := range append(glob("content/*.md"), glob("content/lessons/*.md")...) {
		b, err := os.ReadFile(p) // #nosec G304 -- a file of the repository
		if err != nil {
			continue
		}
		s := frontRE.ReplaceAllString(string(b), "")
		out = append(out, paragraphs.Split(s, -1)...)
	}
	if b, err := os.ReadFile(filepath.Join(root, "belief", "testdata", "hints_dev.tsv")); err == nil { // #nosec G304 -- a file of the repository
		for _, ln := range strings.Split(string(b), "\n") {
			if f := strings.Split(ln, "\t"); len(ln) > 0 && ln[0] != '#' && len(f) == 3 {
				out = append(out, f[2])
			}
		}
	}
	var gofiles []string
	for _, dir := range []string{".", "belief", "practice"} {
		for _, p := range glob(filepath.Join(dir, "*.go")) {
			if !strings.HasSuffix(p, "_test.go") {
				gofiles = append(gofiles, p)
			}
		}
	}
	for _, p := range gofiles {
		out = append(out, goStrings(p)...)
	}
	for _, p := range glob("web/templates/*.html") {
		b, err := os.ReadFile(p) // #nosec G304 -- a file of the repository
		if err != nil {
			continue
		}
		s := tagRE.ReplaceAllString(string(b), "\n\n")
		for _, para := range paragraphs.Split(s, -1) {
			if len(strings.Fields(para)) >= 4 {
				out = append(out, para)
			}
		}
	}
	return out
}

// goStrings returns the string literals of a Go file that read as prose:
// four words or more, mostly letters.
func goStrings(path string) []string {
	src, err := os.ReadFile(path) // #nosec G304 -- a file of the repository
	if err != nil {
		return nil
	}
	fs := gotoken.NewFileSet()
	var s scanner.Scanner
	s.Init(fs.AddFile(path, -1, len(src)), src, nil, 0)
	var out []string
	for {
		_, tok, lit := s.Scan()
		if tok == gotoken.EOF {
			break
		}
		if tok != gotoken.STRING {
			continue
		}
		v, err := strconv.Unquote(lit)
		if err != nil || len(strings.Fields(v)) < 4 {
			continue
		}
		letters := 0
		for _, r := range v {
			if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == ' ' {
				letters++
			}
		}
		if letters*10 >= len(v)*8 {
			out = append(out, v)
		}
	}
	return out
}

// eachSentence calls f with each sentence of text and its veto bits, the
// way decide reads them.
func (d *Detector) eachSentence(text string, sc *scratch, f func(toks []token, a, b int, bits vetoBits)) {
	toks := d.v.tokenize(text, sc, true)
	for a := 0; a < len(toks); {
		b := a
		for b < len(toks) && toks[b].s != symBound {
			b++
		}
		d.find(toks, a, min(b+1, len(toks)), sc)
		_, _, bits, _, _ := d.judge(toks, sc.hits, nil)
		f(toks, a, b, bits)
		a = b + 1
	}
}

// train fits the weights on the bags in idx: class-balanced logistic loss
// with an L2 penalty, full-batch AdaGrad in a fixed order, and
// multiple-instance rounds for crisis entries of several sentences.
func (tr *trainer) train(idx []int) ([]float64, float64) {
	nf := len(tr.keys)
	w := make([]float64, nf)
	bias := 0.0
	type ex struct {
		keys []int32
		y    float64
	}
	for round := 0; round <= trainMILRound; round++ {
		var exs []ex
		for _, i := range idx {
			b := &tr.bags[i]
			var cand []int
			for si, s := range b.sents {
				if !s.veto {
					cand = append(cand, si)
				}
			}
			switch {
			case !b.pos:
				for _, si := range cand {
					exs = append(exs, ex{b.sents[si].keys, 0})
				}
			case len(cand) == 1:
				exs = append(exs, ex{b.sents[cand[0]].keys, 1})
			case len(cand) > 1 && round > 0:
				best, bs := -1, math.Inf(-1)
				for _, si := range cand {
					if s := logit(b.sents[si].keys, w, bias); s > bs {
						best, bs = si, s
					}
				}
				exs = append(exs, ex{b.sents[best].keys, 1})
			}
		}
		keys := make([][]int32, len(exs))
		ys := make([]float64, len(exs))
		for i, e := range exs {
			keys[i], ys[i] = e.keys, e.y
		}
		w, bias = fitLogistic(keys, ys, nf, trainL2, trainIters)
	}
	return w, bias
}

// fitLogistic fits a logistic regression on examples keys[i] (feature
// indexes below nf) with labels ys[i] (0 or 1): class-balanced loss with an
// L2 penalty, iters steps of full-batch AdaGrad in a fixed order, so the
// same data gives the same weights. Both models train with it.
func fitLogistic(keys [][]int32, ys []float64, nf int, l2 float64, iters int) ([]float64, float64) {
	var npos, nneg float64
	for _, y := range ys {
		if y == 1 {
			npos++
		} else {
			nneg++
		}
	}
	n := npos + nneg
	wpos, wneg := n/(2*npos), n/(2*nneg)
	w := make([]float64, nf)
	bias := 0.0
	g := make([]float64, nf)
	acc := make([]float64, nf)
	accB := 0.0
	for it := 0; it < iters; it++ {
		for j := range g {
			g[j] = l2 * w[j]
		}
		gb := 0.0
		for i, ks := range keys {
			p := 1 / (1 + math.Exp(-logit(ks, w, bias)))
			c := wneg
			if ys[i] == 1 {
				c = wpos
			}
			r := c * (p - ys[i]) / n
			for _, k := range ks {
				g[k] += r
			}
			gb += r
		}
		for j, gj := range g {
			if gj == 0 {
				continue
			}
			acc[j] += gj * gj
			w[j] -= trainRate * gj / (math.Sqrt(acc[j]) + 1e-8)
		}
		accB += gb * gb
		bias -= trainRate * gb / (math.Sqrt(accB) + 1e-8)
	}
	return w, bias
}

func logit(keys []int32, w []float64, bias float64) float64 {
	s := bias
	for _, k := range keys {
		s += w[k]
	}
	return s
}

// bagScore is a text's score: its highest sentence the model may answer
// for, or -Inf.
func (tr *trainer) bagScore(i int, w []float64, bias float64) float64 {
	best := math.Inf(-1)
	for _, s := range tr.bags[i].sents {
		if !s.veto {
			best = math.Max(best, logit(s.keys, w, bias))
		}
	}
	return best
}

// chooseThreshold returns the lowest logit at which rules or model flag
// at most trainMaxFA of the negative labelled texts.
func (tr *trainer) chooseThreshold(scores []float64) float64 {
	var hard, rules int
	var free []float64
	for i, b := range tr.bags {
		if b.pos || !b.hard || b.forum {
			continue
		}
		hard++
		if b.rules {
			rules++
		} else {
			free = append(free, scores[i])
		}
	}
	// The model's own budget: a share of the negatives the rules pass, so
	// that the rules' false alarms on one training set (recovery stories,
	// say) do not silence the model everywhere; and a smaller share of the
	// ordinary and general writing, which is most of what people write.
	var general []float64
	for i, b := range tr.bags {
		if !b.pos && !b.hard && !b.rules && !b.forum {
			general = append(general, scores[i])
		}
	}
	return max(budgetThreshold(free, trainMaxFA), budgetThreshold(general, trainMaxGeneralFA))
}

// budgetThreshold returns the lowest logit, rounded up to four decimals as
// written in the file, at which at most share of scores reach it.
func budgetThreshold(scores []float64, share float64) float64 {
	sort.Sort(sort.Reverse(sort.Float64Slice(scores)))
	allowed := int(share * float64(len(scores)))
	if allowed >= len(scores) {
		return math.Inf(-1)
	}
	return math.Ceil(scores[allowed]*1e4+1e-6) / 1e4
}

// write renders model_weights.tsv and returns it with its number of
// weights.
func (tr *trainer) write(w []float64, bias, threshold float64, rep TrainReport) ([]byte, int) {
	lines := tr.weightLines(tr.keys, w)
	var buf bytes.Buffer
	fmt.Fprintf(&buf, `# Weights of the crisis-language model beside the rules (safety/model.go).
# Written by: go run ./safety/cmd/crisis-train. Do not edit by hand;
# TestModelUpToDate checks this file is what training gives now.
# A line is: words of the feature (a lemma, "~word" for a word no rule
# knows, "<s>" the start or end of a sentence, "," a comma), then its weight.
# "threshold" is on the summed score (logit): probability %.3f.
# Trained on %d texts (%d crisis, %d hard negatives, %d ordinary), %d sentences,
# %d features of which %d weights are written.
# Five-fold cross-validation on the labelled texts, rules or model:
# recall %.3f, false alarms %.3f (the rules alone: %.3f, %.3f);
# ordinary writing flagged %.4f.
`, rep.Threshold, rep.Texts, rep.Crisis, rep.HardNegative, rep.Ordinary, rep.Sentences,
		rep.Features, len(lines), rep.CVRecall, rep.CVFalseAlarms, rep.CVRulesRecall,
		rep.CVRulesFalseAlarms, rep.CVOrdinaryFalseAlarms)
	fmt.Fprintf(&buf, "bias\t%s\nthreshold\t%s\n", strconv.FormatFloat(bias, 'f', 4, 64),
		strconv.FormatFloat(threshold, 'f', 4, 64))
	for _, l := range lines {
		buf.WriteString(l)
	}
	return buf.Bytes(), len(lines)
}

// weightLines renders a weights file's feature lines, "words<TAB>weight\n"
// for each of keys with a weight w[i] not zero at four decimals, sorted by
// the feature's words. All three models write their files with it.
func (tr *trainer) weightLines(keys []uint64, w []float64) []string {
	type line struct{ name, w string }
	var lines []line
	for i, k := range keys {
		ws := strconv.FormatFloat(w[i], 'f', 4, 64)
		if ws == "0.0000" || ws == "-0.0000" {
			continue
		}
		lines = append(lines, line{tr.keyName(k), ws})
	}
	sort.Slice(lines, func(i, j int) bool { return lines[i].name < lines[j].name })
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = l.name + "\t" + l.w + "\n"
	}
	return out
}

func (tr *trainer) keyName(k uint64) string {
	a, b := uint32(k>>32), uint32(k) // #nosec G115 -- the two halves of a key
	if a == 0 {
		return tr.idName(b)
	}
	return tr.idName(a) + "\t" + tr.idName(b)
}

func (tr *trainer) idName(id uint32) string {
	switch {
	case id == uint32(symBound):
		return "<s>"
	case id == uint32(symComma):
		return ","
	case id == personID:
		return "<person>"
	case id <= nearID(0) && id > nearID(len(nearNames)):
		return nearNames[nearID(0)-id]
	case id == unknownBit:
		return "~"
	case id&unknownBit != 0:
		if tr.unk == nil {
			// The word behind each hash; on a collision the first in order.
			tr.unk = map[uint32]string{}
			for h, w := range tr.sc.unk {
				m := h &^ unknownBit
				if old, ok := tr.unk[m]; !ok || w < old {
					tr.unk[m] = w
				}
			}
		}
		return "~" + tr.unk[id&^unknownBit]
	}
	return tr.d.v.names[id]
}
