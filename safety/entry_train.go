package safety

import (
	"bytes"
	"fmt"
	"math"
	"path/filepath"
	"strconv"
)

// Training the entry model (entry.go). It reads the sentence model's
// journal and general files (trainJournals, trainGeneral in
// model_train.go; since round 29 they hold B, E, L, S, U–Z and AA–AI
// too; not sentenceJournals, round 34's AJ to AO and AR) and more that
// suit a whole-entry model better than a sentence one (entryJournals,
// entryGeneral): set P, whose look-alikes share most of their sentences
// with the crisis entry they pair with (the difference is in the whole);
// set Q (varied wording, supporters); set T (crisis spread over
// ordinary-sounding sentences, and ordinary entries on the same topics);
// sets K, N and O, each run once as a held-out set before; sets BJ to CA,
// each run once for rounds 50 to 58 (round 59: their misses are mostly
// crises told in ordinary words over several sentences, errands, gifts, a
// place now, which is what this model reads); sets AZ, BA to BD, BF to BI,
// CB and CC, each run once for rounds 43 to 48 and 59 and then
// development sets (round 60: blind writing is what this model learns
// most from); sets CE, CF, CH, CI and CL to CO, run once for rounds 60 to
// 63 (round 64); set CD, written for round 59 (ordinary visits to roofs,
// bridges and cliffs told in the present, against the same places with
// intent, so that a place alone does not bear a weak line out:
// TestWeakLines); and set R, sad and frightened writing that is not
// crisis, read as general writing.
// Never read by this model: AJ to AO and AR (read by the sentence and
// recovery models since round 34), AP, AQ, AS, AT, AV to AY and BE (read
// by the sentence model since round 47); never read by any: RU, AL, AU,
// set CG (written for this model after round 59; reading it changed
// nothing), the development sets CJ, CK, CP and CQ, any set held out
// for the next round, and GoEmotions; the C-SSRS users are read by the
// sentence model only (model_train.go).
//
// It keeps the texts the rules and the freshly trained sentence model
// pass (where it will be asked) and learns to tell those labelled crisis
// from the rest, from the words and word pairs of the whole text.
//
// Folds are contiguous blocks of each file, as for the recovery model
// (matched pairs stay in one fold). For each length band (entryBands) the
// threshold is the lowest score at which the cross-validated model says
// yes to at most entryMaxFA of the labelled other texts of that length
// and at most entryMaxGeneralFA of the general and ordinary writing.

// EntryReport holds the entry model's training figures.
type EntryReport struct {
	Texts, Crisis, Hard, General int // texts the detector passes
	Features, Weights            int
	Thresholds                   [len(entryBands)]float64 // probabilities
	CVRecall                     float64                  // share of the crisis texts it finds, cross-validated
	CVFalseAlarms                [len(entryBands)]float64 // share of the labelled other texts it flags, per band
	CVGeneralFalseAlarms         float64                  // share of general and ordinary writing it flags
}

const (
	entryMaxFA        = 0.01
	entryMaxGeneralFA = 0.002
	entryL2           = 1e-3
	entryIters        = 300
)

// entryJournals are read by the entry model beside the sentence model's
// trainJournals; entryGeneral beside trainGeneral.
var (
	entryJournals = []string{
		"crisis_journal_p.jsonl", "crisis_journal_q.jsonl", "crisis_journal_t.jsonl",
		"crisis_journal_k.jsonl", "crisis_journal_n.jsonl", "crisis_journal_o.jsonl",
		"crisis_journal_az.jsonl", "crisis_journal_ba.jsonl", "crisis_journal_bb.jsonl",
		"crisis_journal_bc.jsonl", "crisis_journal_bd.jsonl", "crisis_journal_bf.jsonl",
		"crisis_journal_bg.jsonl", "crisis_journal_bh.jsonl", "crisis_journal_bi.jsonl",
		"crisis_journal_bj.jsonl", "crisis_journal_bk.jsonl", "crisis_journal_bl.jsonl",
		"crisis_journal_bm.jsonl", "crisis_journal_bn.jsonl", "crisis_journal_bo.jsonl",
		"crisis_journal_bp.jsonl", "crisis_journal_bq.jsonl", "crisis_journal_br.jsonl",
		"crisis_journal_bs.jsonl", "crisis_journal_bt.jsonl", "crisis_journal_bu.jsonl",
		"crisis_journal_bv.jsonl", "crisis_journal_bw.jsonl", "crisis_journal_bx.jsonl",
		"crisis_journal_by.jsonl", "crisis_journal_bz.jsonl", "crisis_journal_ca.jsonl",
		"crisis_journal_cb.jsonl", "crisis_journal_cc.jsonl", "crisis_journal_cd.jsonl",
		"crisis_journal_ce.jsonl", "crisis_journal_cf.jsonl", "crisis_journal_ch.jsonl",
		"crisis_journal_ci.jsonl", "crisis_journal_cl.jsonl", "crisis_journal_cm.jsonl",
		"crisis_journal_cn.jsonl", "crisis_journal_co.jsonl",
	}
	entryGeneral = []string{"crisis_journal_r.jsonl"}
)

type entryText struct {
	keys            []int32
	crisis, general bool
	band, fold      int
}

// TrainEntry trains the entry model over the detector with the sentence
// model's weights modelWeights (as TrainModel wrote them), and returns the
// contents of entry_weights.tsv. It is deterministic.
func TrainEntry(root string, modelWeights []byte) ([]byte, EntryReport, error) {
	var rep EntryReport
	tr, err := wholeTextTrainer(root, modelWeights)
	if err != nil {
		return nil, rep, err
	}
	d := tr.d
	var texts []entryText
	add := func(file []trainText, general bool) {
		for i, t := range file {
			if !tr.firstSight(t.text) {
				continue
			}
			if v, _ := d.scan([]string{t.text}, tr.sc, nil); v.Crisis {
				continue // the entry model is asked only when the rest say no
			}
			fs, n := d.entryFeatures(tr.sc)
			if entryBand(n) < 0 {
				continue
			}
			texts = append(texts, entryText{keys: tr.textFeatures(fs), crisis: t.crisis, general: general && !t.crisis,
				band: entryBand(n), fold: i * trainFolds / len(file)})
		}
	}
	td := filepath.Join(root, "safety", "testdata")
	for _, f := range trainSentences {
		file, err := readLabelledTSV(filepath.Join(td, f))
		if err != nil {
			return nil, rep, err
		}
		add(file, false)
	}
	for _, f := range append(trainJournals[:len(trainJournals):len(trainJournals)], entryJournals...) {
		file, err := readLabelledJournal(filepath.Join(td, f))
		if err != nil {
			return nil, rep, err
		}
		add(file, false)
	}
	for _, f := range append(trainGeneral[:len(trainGeneral):len(trainGeneral)], entryGeneral...) {
		file, err := readLabelledJournal(filepath.Join(td, f))
		if err != nil {
			return nil, rep, err
		}
		add(file, true)
	}
	ordinary, err := ReadOrdinary(filepath.Join(td, OrdinaryFile))
	if err != nil {
		return nil, rep, err
	}
	var ord []trainText
	for _, t := range ordinary {
		ord = append(ord, trainText{text: t})
	}
	add(ord, true)

	re := tr.renumber()
	keys := tr.keys
	for ti := range texts {
		t := &texts[ti]
		t.keys = remap(t.keys, re)
		switch {
		case t.crisis:
			rep.Crisis++
		case t.general:
			rep.General++
		default:
			rep.Hard++
		}
	}
	rep.Texts, rep.Features = len(texts), len(keys)
	if rep.Crisis == 0 || rep.Hard+rep.General == 0 {
		return nil, rep, fmt.Errorf("entry model: %d crisis and %d other texts to learn from", rep.Crisis, rep.Hard+rep.General)
	}

	text := func(i int) ([]int32, bool, int) { return texts[i].keys, texts[i].crisis, texts[i].fold }
	scores := cvScores(len(texts), len(keys), entryL2, entryIters, text)
	var thresholds [len(entryBands)]float64
	for b := range entryBands {
		var hard, general []float64
		for i, t := range texts {
			switch {
			case t.band != b || t.crisis:
			case t.general:
				general = append(general, scores[i])
			default:
				hard = append(hard, scores[i])
			}
		}
		thresholds[b] = max(budgetThreshold(hard, entryMaxFA), budgetThreshold(general, entryMaxGeneralFA))
		rep.Thresholds[b] = 1 / (1 + math.Exp(-thresholds[b]))
	}
	var found, gen float64
	var hardN, hardHit [len(entryBands)]float64
	for i, t := range texts {
		yes := scores[i] >= thresholds[t.band]
		switch {
		case t.crisis:
			found += b2f(yes)
		case t.general:
			gen += b2f(yes)
		default:
			hardN[t.band]++
			hardHit[t.band] += b2f(yes)
		}
	}
	rep.CVRecall = found / float64(rep.Crisis)
	rep.CVGeneralFalseAlarms = gen / float64(max(rep.General, 1))
	for b := range entryBands {
		rep.CVFalseAlarms[b] = hardHit[b] / max(hardN[b], 1)
	}

	all := make([]int, len(texts))
	for i := range all {
		all[i] = i
	}
	w, bias := fitSome(all, len(keys), entryL2, entryIters, text)
	var buf bytes.Buffer
	fmt.Fprintf(&buf, `# Weights of the entry model (safety/entry.go): is an entry that the rules
# and the sentence model pass, read as a whole, a crisis? Written by:
# go run ./safety/cmd/crisis-train. Do not edit by hand; TestModelUpToDate
# checks this file is what training gives now.
# A line is: words of the feature (as in model_weights.tsv), then its weight.
# "threshold-N" is on the summed score (logit) for entries of N or more
# sentences (up to the next band): probabilities %.3f, %.3f.
# Trained on %d texts the detector passes (%d crisis, %d other labelled,
# %d general and ordinary), %d features.
# Five-fold cross-validation: finds %.3f of the crisis texts; flags %.3f
# and %.3f of the labelled other texts by band and %.4f of the general and
# ordinary writing.
`, rep.Thresholds[0], rep.Thresholds[1], rep.Texts, rep.Crisis, rep.Hard,
		rep.General, rep.Features, rep.CVRecall, rep.CVFalseAlarms[0], rep.CVFalseAlarms[1],
		rep.CVGeneralFalseAlarms)
	fmt.Fprintf(&buf, "bias\t%s\nthreshold\t%s\n", strconv.FormatFloat(bias, 'f', 4, 64),
		strconv.FormatFloat(thresholds[0], 'f', 4, 64))
	for b := range entryBands {
		fmt.Fprintf(&buf, "%s\t%s\n", bandName(b), strconv.FormatFloat(thresholds[b], 'f', 4, 64))
	}
	lines := tr.weightLines(keys, w)
	for _, l := range lines {
		buf.WriteString(l)
	}
	rep.Weights = len(lines)
	return buf.Bytes(), rep, nil
}
