package safety

import (
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/securebase/securebase/internal/testenv"
)

// The trainer of the statistical layer (model.go). `go generate ./safety/`
// runs TestTrainModel with SAFETY_TRAIN=1, which writes model_weights.txt;
// TestModelUpToDate retrains in memory and checks the embedded weights
// still match the data and the code.
//
// Data: every sentence of the tuning file and of the reported held-out
// sets listed in trainSets (weight 1), and the phrases of the Suicide Risk
// Lexicon v1.0 (Low, Rankin, Bentley, Nock & Ghosh; Apache License 2.0;
// ../shared/data/suicide-risk-lexicon) at weight lexWeight: phrases of the
// ideation and self-injury constructs as crisis, phrases of grief,
// relationships, anxiety, panic, loneliness and health as not. The lexicon
// gives the model words no sentence of ours used; our sentences teach it
// the hard negatives of this app.
//
// Method: L2-regularised logistic regression, full-batch AdaGrad for a
// fixed number of steps from zero weights, so training is deterministic.
// The regularisation and the threshold are chosen by 5-fold
// cross-validation over our sentences (the lexicon is always in training):
// the threshold is the lowest at which the model alone raises at most
// cvFalseAlarmTarget false alarms on held-out folds.

var trainSets = []string{"testdata/crisis_labelled.tsv"}

const (
	lexiconCSV         = "../../shared/data/suicide-risk-lexicon/suicide_risk_lexicon_validated_24-08-02T21-27-35.csv"
	lexWeight          = 0.5
	trainSteps         = 300
	trainRate          = 0.5
	cvFalseAlarmTarget = 0.04
	pruneBelow         = 0.02
)

var (
	lexPositive = []string{"Passive suicidal ideation", "Active suicidal ideation & suicidal planning",
		"Direct self-injury", "Other suicidal language"}
	lexNegative = []string{"Grief & bereavement", "Relationship issues", "Anxiety", "Panic",
		"Loneliness & isolation", "Physical health issues & disability"}
)

type trainDoc struct {
	units []trainUnit
	y, wt float64
	fold  int // -1 for lexicon phrases
}

type trainUnit struct {
	feats map[uint64]float64
	idx   []int32 // dense feature indices, set by densify
	cnt   []float64
	self  bool
	other bool
}

// densify numbers the features in key order and fills idx and cnt.
func densify(docs []trainDoc) []uint64 {
	set := map[uint64]bool{}
	for _, d := range docs {
		for _, u := range d.units {
			for k := range u.feats {
				set[k] = true
			}
		}
	}
	keys := make([]uint64, 0, len(set))
	for k := range set {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(a, b int) bool { return keys[a] < keys[b] })
	index := make(map[uint64]int32, len(keys))
	for i, k := range keys {
		index[k] = int32(i)
	}
	for _, d := range docs {
		for j := range d.units {
			u := &d.units[j]
			ks := make([]uint64, 0, len(u.feats))
			for k := range u.feats {
				ks = append(ks, k)
			}
			sort.Slice(ks, func(a, b int) bool { return ks[a] < ks[b] })
			u.idx, u.cnt = u.idx[:0], u.cnt[:0]
			for _, k := range ks {
				u.idx = append(u.idx, index[k])
				u.cnt = append(u.cnt, u.feats[k])
			}
		}
	}
	return keys
}

var rawWord = regexp.MustCompile(`[\p{L}\p{N}*]+`)

// docFeatures runs Check's pipeline up to the windows and returns the
// features of each unit. names collects a readable name for each key.
func (d *Detector) docFeatures(text string, names map[uint64]string) []trainUnit {
	raw := map[uint32]string{}
	for _, w := range rawWord.FindAllString(strings.Map(unicode.ToLower, text), -1) {
		raw[wordHash([]byte(w))] = w
	}
	name := func(t token) string {
		if t.s >= symFirstWord {
			return d.v.names[t.s]
		}
		if t.h == nameHash {
			return "<name>"
		}
		if w, ok := raw[t.h]; ok {
			return w
		}
		return fmt.Sprintf("#%08x", t.h)
	}
	sc := &scratch{}
	toks := d.v.tokenize(text, sc, true)
	d.find(toks, sc)
	if len(sc.mask) > 0 {
		d.applyMasks(toks, sc)
	}
	var units []trainUnit
	cueNameOf := map[int]string{}
	for n, b := range cueBitNames() {
		cueNameOf[trailingZeros(b)] = n
	}
	d.forUnits(toks, sc, func(u unit, rawBits uint64) bool {
		tu := trainUnit{feats: map[uint64]float64{}, self: rawBits&cueSelf != 0, other: rawBits&cueOther != 0}
		d.unitFeatures(toks, u.from, u.to, rawBits, func(k uint64) { tu.feats[k]++ })
		prev := ""
		neg := false
		for p := u.from; p < u.to; p++ {
			s := toks[p].s
			if s == symComma || s == symQuote || d.v.flags[s]&flagSoft != 0 {
				neg = false
			}
			h := d.tokHash(toks[p])
			if h == 0 {
				prev = ""
				continue
			}
			w := name(toks[p])
			if neg {
				h, w = negHash(h), "not_"+w
			}
			if d.v.flags[s]&flagNeg != 0 {
				neg = true
			}
			names[keyWord|uint64(h)] = "w " + w
			if prev != "" {
				ph, _ := featureHash(prev)
				names[keyPair|uint64(pairHash(ph, h))] = "p " + prev + " " + w
			}
			prev = w
		}
		for b := rawBits; b != 0; b &= b - 1 {
			names[keyCue|uint64(trailingZeros(b))] = "c " + cueNameOf[trailingZeros(b)]
		}
		units = append(units, tu)
		return false
	})
	return units
}

func trailingZeros(b uint64) int {
	n := 0
	for b&1 == 0 && n < 64 {
		b >>= 1
		n++
	}
	return n
}

// trainingData reads every source. It fails if the lexicon is missing.
func trainingData(t testing.TB, d *Detector, names map[uint64]string) []trainDoc {
	var docs []trainDoc
	i := 0
	for _, path := range trainSets {
		for _, s := range readLabelled(t, path) {
			y := 0.0
			if s.crisis {
				y = 1
			}
			docs = append(docs, trainDoc{units: d.docFeatures(s.text, names), y: y, wt: 1, fold: i % 5})
			i++
		}
	}
	f, err := os.Open(lexiconCSV)
	testenv.Need(t, "the suicide-risk lexicon of the shared data set (../shared/data) to retrain the model", err)
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("reading lexicon: %v", err)
	}
	col := map[string]int{}
	for j, h := range rows[0] {
		col[h] = j
	}
	seen := map[string]bool{}
	for _, group := range []struct {
		constructs []string
		y          float64
	}{{lexPositive, 1}, {lexNegative, 0}} {
		for _, c := range group.constructs {
			j, ok := col[c]
			if !ok {
				t.Fatalf("lexicon has no construct %q", c)
			}
			for _, row := range rows[1:] {
				if len(row[0]) == 0 || row[0][0] < '0' || row[0][0] > '9' || j >= len(row) {
					continue // header rows: prompt, definition, examples
				}
				p := strings.TrimSpace(row[j])
				key := fmt.Sprint(group.y, p)
				if p == "" || seen[key] {
					continue
				}
				seen[key] = true
				docs = append(docs, trainDoc{units: d.docFeatures(p, names), y: group.y, wt: lexWeight, fold: -1})
			}
		}
	}
	return docs
}

// train fits weights on the docs whose fold is not skip (all when skip
// is negative). n is the number of features.
func train(docs []trainDoc, n, skip int, l2 float64) ([]float64, float64) {
	w, g2, grad := make([]float64, n), make([]float64, n), make([]float64, n)
	var bias, biasG2 float64
	total := 0.0
	for _, doc := range docs {
		if skip < 0 || doc.fold != skip {
			total += doc.wt
		}
	}
	for step := 0; step < trainSteps; step++ {
		clear(grad)
		var gb float64
		for _, doc := range docs {
			if skip >= 0 && doc.fold == skip {
				continue
			}
			z := bias
			for _, u := range doc.units {
				for j, i := range u.idx {
					z += w[i] * u.cnt[j]
				}
			}
			e := doc.wt * (1/(1+math.Exp(-z)) - doc.y)
			gb += e
			for _, u := range doc.units {
				for j, i := range u.idx {
					grad[i] += e * u.cnt[j]
				}
			}
		}
		for i, g := range grad {
			if g == 0 && w[i] == 0 {
				continue
			}
			g = g/total + l2*w[i]/total
			g2[i] += g * g
			w[i] -= trainRate * g / (math.Sqrt(g2[i]) + 1e-9)
		}
		gb /= total
		biasG2 += gb * gb
		bias -= trainRate * gb / (math.Sqrt(biasG2) + 1e-9)
	}
	return w, bias
}

// windowScores scores a doc as Check does: every window of a unit and the
// one before, where modelMayAnswer holds. It returns the best score (or
// -Inf when no window qualifies).
func windowScores(doc trainDoc, w []float64, bias float64) float64 {
	best := math.Inf(-1)
	prev, prevSelf, prevOther := 0.0, false, false
	for _, u := range doc.units {
		s := 0.0
		for j, i := range u.idx {
			s += w[i] * u.cnt[j]
		}
		if u.self || prevSelf || !(u.other || prevOther) {
			best = math.Max(best, bias+prev+s)
		}
		prev, prevSelf, prevOther = s, u.self, u.other
	}
	return best
}

type trained struct {
	w           []float64
	keys        []uint64
	bias, thr   float64
	l2          float64
	cvRecall    float64
	cvFalse     float64
	pos, neg    int
	cvHitsTotal int
}

func trainModel(t testing.TB, report func(string)) (trained, map[uint64]string) {
	d := newTestDetector(t)
	names := map[uint64]string{}
	docs := trainingData(t, d, names)
	keys := densify(docs)
	var best trained
	for _, l2 := range []float64{1, 3, 10} {
		var posScores, negScores []float64
		for fold := 0; fold < 5; fold++ {
			w, b := train(docs, len(keys), fold, l2)
			for _, doc := range docs {
				if doc.fold != fold {
					continue
				}
				if doc.y == 1 {
					posScores = append(posScores, windowScores(doc, w, b))
				} else {
					negScores = append(negScores, windowScores(doc, w, b))
				}
			}
		}
		sort.Float64s(negScores)
		allowed := int(cvFalseAlarmTarget * float64(len(negScores)))
		thr := negScores[len(negScores)-1-allowed]
		if math.IsInf(thr, -1) {
			thr = 0
		}
		hits := 0
		for _, s := range posScores {
			if s > thr {
				hits++
			}
		}
		fa := 0
		for _, s := range negScores {
			if s > thr {
				fa++
			}
		}
		recall := float64(hits) / float64(len(posScores))
		for _, target := range []float64{0.02, 0.03, 0.04, 0.05, 0.06} {
			a := int(target * float64(len(negScores)))
			th := negScores[len(negScores)-1-a]
			h := 0
			for _, s := range posScores {
				if s > th {
					h++
				}
			}
			report(fmt.Sprintf("  l2 %.1f target %.2f: threshold %.3f recall %.3f", l2, target, th, float64(h)/float64(len(posScores))))
		}
		report(fmt.Sprintf("l2 %.1f: threshold %.3f, cross-validated recall %d/%d = %.3f, false alarms %d/%d = %.3f",
			l2, thr, hits, len(posScores), recall, fa, len(negScores), float64(fa)/float64(len(negScores))))
		if recall > best.cvRecall {
			best = trained{thr: thr, l2: l2, cvRecall: recall, cvFalse: float64(fa) / float64(len(negScores)),
				pos: len(posScores), neg: len(negScores), cvHitsTotal: hits}
		}
	}
	best.w, best.bias = train(docs, len(keys), -1, best.l2)
	best.keys = keys
	return best, names
}

// formatModel writes the weights, pruned and sorted, as model_weights.txt.
func formatModel(m trained, names map[uint64]string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `# Weights of the statistical layer of the crisis-language detector (safety/model.go).
# Generated by "go generate ./safety/" (TestTrainModel); do not edit by hand.
# Logistic regression over words, adjacent word pairs and cue kinds, trained on our labelled
# sentences (%s) and on phrases of the Suicide Risk Lexicon v1.0
# (Low, Rankin, Bentley, Nock & Ghosh; Apache License 2.0; see docs/safety.md).
# L2 %.1f. 5-fold cross-validation over our sentences at this threshold: recall %d/%d = %.3f,
# false alarms %.3f. Lines: "w WORD weight", "p WORD WORD weight", "c CUE weight".
bias %.4f
threshold %.4f
`, strings.Join(trainSets, ", "), m.l2, m.cvHitsTotal, m.pos, m.cvRecall, m.cvFalse, m.bias, m.thr)
	type line struct {
		text string
		w    float64
	}
	var lines []line
	for i, w := range m.w {
		k := m.keys[i]
		if math.Abs(w) < pruneBelow {
			continue
		}
		n, ok := names[k]
		if !ok {
			continue
		}
		lines = append(lines, line{n, w})
	}
	sort.Slice(lines, func(a, c int) bool {
		ka, kc := lines[a].text[0], lines[c].text[0]
		if ka != kc {
			return ka < kc
		}
		if lines[a].w != lines[c].w {
			return lines[a].w > lines[c].w
		}
		return lines[a].text < lines[c].text
	})
	for _, l := range lines {
		fmt.Fprintf(&b, "%s %.4f\n", l.text, l.w)
	}
	return b.String()
}

func TestTrainModel(t *testing.T) {
	if os.Getenv("SAFETY_TRAIN") == "" {
		t.Skip("set SAFETY_TRAIN=1 (go generate ./safety/) to retrain")
	}
	m, names := trainModel(t, func(s string) { t.Log(s) })
	if err := os.WriteFile("model_weights.txt", []byte(formatModel(m, names)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestModelUpToDate retrains and compares with the embedded weights, so
// a change to the data, the vocabulary or the features cannot leave stale
// weights behind. Weights may differ in the last digits between machines.
func TestModelUpToDate(t *testing.T) {
	if testing.Short() || raceDetector {
		// .ci/run leaves it out of its -race run by name and runs it alone.
		testenv.Skip(t, "retraining takes a few seconds, a minute under -race; run it without -race or -short")
	}
	m, names := trainModel(t, func(string) {})
	fresh := parseModelLines(formatModel(m, names))
	old := parseModelLines(modelWeights)
	for k, v := range fresh {
		o, ok := old[k]
		if !ok && math.Abs(v) > 2*pruneBelow || ok && math.Abs(o-v) > 0.002 {
			t.Errorf("model_weights.txt is stale at %q: embedded %v, retrained %v; run go generate ./safety/", k, o, v)
			return
		}
	}
	for k, o := range old {
		if _, ok := fresh[k]; !ok && math.Abs(o) > 2*pruneBelow {
			t.Errorf("model_weights.txt has %q (%v) that retraining drops; run go generate ./safety/", k, o)
			return
		}
	}
}

func parseModelLines(text string) map[string]float64 {
	out := map[string]float64{}
	for _, line := range strings.Split(text, "\n") {
		f := strings.Fields(line)
		if len(f) < 2 || strings.HasPrefix(f[0], "#") {
			continue
		}
		var v float64
		fmt.Sscan(f[len(f)-1], &v)
		out[strings.Join(f[:len(f)-1], " ")] = v
	}
	return out
}
