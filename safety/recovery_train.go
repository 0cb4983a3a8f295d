package safety

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// Training the recovery model (recovery.go). It reads the same files as
// the sentence model (model_train.go lists them, and what is never read),
// sentenceJournals included, but for the C-SSRS users, whose labels
// belong to a user, not a text. It keeps the texts that the rules and the
// freshly trained sentence model say yes to for a past attempt or
// self-injury alone, and learns to tell the ones labelled other (mostly
// recovery stories, also supporting someone, hyperbole) from the ones
// labelled crisis, from the words and word pairs of the whole text.
//
// Folds are contiguous blocks of each file (the first fifth of a file,
// the second…), not every fifth line: the training sets hold matched pairs
// written next to each other (a recovery story and the same story still
// live), and a pair split across folds would make the model look better
// than it is. The threshold is the lowest score at which the
// cross-validated model cancels at most recoveryMaxLoss of the crisis
// texts it sees.

// RecoveryReport holds the recovery model's training figures.
type RecoveryReport struct {
	Texts, Crisis, Other int // texts the detector said yes to, for history alone
	Features, Weights    int
	Threshold            float64 // a probability
	CVCancelledOther     float64 // share of the other texts it cancels, cross-validated
	CVCancelledCrisis    float64 // share of the crisis texts it cancels, cross-validated
}

const (
	recoveryMaxLoss = 0.025
	recoveryL2      = 1e-3
	recoveryIters   = 300
)

type recoveryText struct {
	keys  []int32
	other bool
	fold  int
}

// TrainRecovery trains the recovery model over the detector with the
// sentence model's weights modelWeights (as TrainModel wrote them), and
// returns the contents of recovery_weights.tsv. It is deterministic.
func TrainRecovery(root string, modelWeights []byte) ([]byte, RecoveryReport, error) {
	var rep RecoveryReport
	tr, err := wholeTextTrainer(root, modelWeights)
	if err != nil {
		return nil, rep, err
	}
	d := tr.d
	var texts []recoveryText
	add := func(file []trainText) {
		for i, t := range file {
			if !tr.firstSight(t.text) {
				continue
			}
			// The model learns only where it will be asked: texts that
			// say yes to a past attempt or self-injury alone.
			if v, history := d.scan([]string{t.text}, tr.sc, nil); !v.Crisis || !history {
				continue
			}
			tr.sc.keys = d.entryKeys([]string{t.text}, tr.sc, tr.sc.keys)
			texts = append(texts, recoveryText{keys: tr.textFeatures(tr.sc.keys), other: !t.crisis, fold: i * trainFolds / len(file)})
		}
	}
	td := filepath.Join(root, "safety", "testdata")
	for _, f := range trainSentences {
		file, err := readLabelledTSV(filepath.Join(td, f))
		if err != nil {
			return nil, rep, err
		}
		add(file)
	}
	for _, f := range slices.Concat(trainJournals, sentenceJournals, trainGeneral) {
		file, err := readLabelledJournal(filepath.Join(td, f))
		if err != nil {
			return nil, rep, err
		}
		add(file)
	}
	// Features seen in fewer than two texts are dropped.
	re := tr.renumber()
	keys := tr.keys
	for ti := range texts {
		texts[ti].keys = remap(texts[ti].keys, re)
		if texts[ti].other {
			rep.Other++
		} else {
			rep.Crisis++
		}
	}
	rep.Texts, rep.Features = len(texts), len(keys)
	if rep.Other == 0 || rep.Crisis == 0 {
		return nil, rep, fmt.Errorf("recovery model: %d crisis and %d other texts to learn from", rep.Crisis, rep.Other)
	}

	text := func(i int) ([]int32, bool, int) { return texts[i].keys, texts[i].other, texts[i].fold }
	scores := cvScores(len(texts), len(keys), recoveryL2, recoveryIters, text)
	var crisis []float64
	for i, t := range texts {
		if !t.other {
			crisis = append(crisis, scores[i])
		}
	}
	threshold := budgetThreshold(crisis, recoveryMaxLoss)
	var cancelOther, cancelCrisis float64
	for i, t := range texts {
		if scores[i] >= threshold {
			if t.other {
				cancelOther++
			} else {
				cancelCrisis++
			}
		}
	}
	rep.CVCancelledOther = cancelOther / float64(rep.Other)
	rep.CVCancelledCrisis = cancelCrisis / float64(rep.Crisis)
	rep.Threshold = 1 / (1 + math.Exp(-threshold))

	all := make([]int, len(texts))
	for i := range all {
		all[i] = i
	}
	w, bias := fitSome(all, len(keys), recoveryL2, recoveryIters, text)
	var buf bytes.Buffer
	fmt.Fprintf(&buf, `# Weights of the recovery model (safety/recovery.go): does an entry that
# said yes read as a recovery story? Written by: go run ./safety/cmd/crisis-train.
# Do not edit by hand; TestModelUpToDate checks this file is what training gives now.
# A line is: words of the feature (as in model_weights.tsv), then its weight.
# "threshold" is on the summed score (logit): probability %.3f.
# Trained on %d texts the detector says yes to for a past attempt or
# self-injury alone (%d crisis, %d other), %d features.
# Five-fold cross-validation: cancels %.3f of the other texts and %.3f of the
# crisis texts.
`, rep.Threshold, rep.Texts, rep.Crisis, rep.Other, rep.Features, rep.CVCancelledOther, rep.CVCancelledCrisis)
	fmt.Fprintf(&buf, "bias\t%s\nthreshold\t%s\n", strconv.FormatFloat(bias, 'f', 4, 64),
		strconv.FormatFloat(threshold, 'f', 4, 64))
	lines := tr.weightLines(keys, w)
	for _, l := range lines {
		buf.WriteString(l)
	}
	rep.Weights = len(lines)
	return buf.Bytes(), rep, nil
}

// wholeTextTrainer is a trainer for a whole-text model (the recovery and
// entry models) over the rules and the sentence model's weights
// modelWeights, as TrainModel wrote them.
func wholeTextTrainer(root string, modelWeights []byte) (*trainer, error) {
	d, err := trainedRulesDetector(root)
	if err != nil {
		return nil, err
	}
	// The models learn from the first reading of an entry; the second,
	// with "you" as the writer (voice.go), is asked only after them.
	d.you = nil
	if d.m, err = parseModel(string(modelWeights), d.v); err != nil {
		return nil, err
	}
	return &trainer{d: d, sc: &scratch{unk: map[uint32]string{}}, index: map[uint64]int32{}, seen: map[string]bool{}}, nil
}

// textFeatures returns the indexes of a whole text's features keys (each
// once) and counts the text in each one's document frequency.
func (tr *trainer) textFeatures(keys []uint64) []int32 {
	ks := make([]int32, 0, len(keys))
	for _, k := range keys {
		id := tr.feature(k)
		tr.df[id]++
		ks = append(ks, id)
	}
	return ks
}

// cvScores scores each of n texts by a whole-text model (the recovery and
// entry models) trained on the other folds: text(i) gives text i's
// features, whether it is the class the model says yes to, and its fold.
func cvScores(n, nf int, l2 float64, iters int, text func(int) ([]int32, bool, int)) []float64 {
	scores := make([]float64, n)
	for k := 0; k < trainFolds; k++ {
		var in []int
		for i := 0; i < n; i++ {
			if _, _, f := text(i); f != k {
				in = append(in, i)
			}
		}
		w, bias := fitSome(in, nf, l2, iters, text)
		for i := 0; i < n; i++ {
			if ks, _, f := text(i); f == k {
				scores[i] = logit(ks, w, bias)
			}
		}
	}
	return scores
}

// fitSome fits a whole-text model on the texts in idx (fitLogistic).
func fitSome(idx []int, nf int, l2 float64, iters int, text func(int) ([]int32, bool, int)) ([]float64, float64) {
	keys := make([][]int32, len(idx))
	ys := make([]float64, len(idx))
	for i, ti := range idx {
		var yes bool
		keys[i], yes, _ = text(ti)
		if yes {
			ys[i] = 1
		}
	}
	return fitLogistic(keys, ys, nf, l2, iters)
}

// trainText is one text of a training file and its label.
type trainText struct {
	text   string
	crisis bool
}

func readLabelledTSV(path string) ([]trainText, error) {
	data, err := os.ReadFile(path) // #nosec G304 -- a file of the repository, named in this package
	if err != nil {
		return nil, err
	}
	var out []trainText
	for n, ln := range strings.Split(string(data), "\n") {
		if ln == "" || ln[0] == '#' {
			continue
		}
		label, text, ok := strings.Cut(ln, "\t")
		if !ok || (label != "0" && label != "1") {
			return nil, fmt.Errorf("%s:%d: want label<TAB>sentence", path, n+1)
		}
		out = append(out, trainText{text, label == "1"})
	}
	return out, nil
}

func readLabelledJournal(path string) ([]trainText, error) {
	f, err := os.Open(path) // #nosec G304 -- a file of the repository, named in this package
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []trainText
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	for sc.Scan() {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		var e struct{ Label, Text string }
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		out = append(out, trainText{e.Text, e.Label == "crisis"})
	}
	return out, sc.Err()
}
