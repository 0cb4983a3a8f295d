package safety

import (
	_ "embed"
	"slices"
)

// The recovery model reads a whole entry that said yes and asks one more
// question: is this a recovery story? People who survived an attempt or
// stopped self-harming write about it in the same words as people for
// whom it is live ("five years since my attempt, and today I ran my first
// half marathon"), and the rules, which must keep "my attempt last month"
// a yes, flagged a third of such stories (set J). The story's safety is
// rarely in one sentence the rules could veto; it is spread over the
// entry: a child, a job, the years, gratitude.
//
// It is asked only about an entry whose every yes is a past attempt or
// self-injury (code attempt or selfharm): a wish, a plan, a farewell or
// the sentence model's yes is never cancelled by it. It is a logistic
// regression over the words and word pairs of the whole entry (each
// counted once), trained on the entries and sentences of the repository
// that say yes that way, told apart by their labels (recovery_train.go).
// It only turns a yes into a no, and
// its threshold is set by cross-validation so that it cancels at most
// 2.5% of the crisis texts it sees (recoveryMaxLoss; 1% until round 36,
// when set AR had made it cautious, and 1.5% until round 39): a miss
// costs more than a false alarm. Verdict.Reason stays empty when it
// cancels; Explain shows a finding with code "recovery" and the lines of
// the features that pushed the score most.

//go:embed recovery_weights.tsv
var recoveryWeights string

// RecoveryFile is the path of the recovery model's weights in the
// repository.
const RecoveryFile = "safety/recovery_weights.tsv"

// recoveryCode is a Finding's code for the recovery model.
const recoveryCode = "recovery"

// entryKeys returns the features of every sentence of texts, each once,
// in keys (reused).
func (d *Detector) entryKeys(texts []string, sc *scratch, keys []uint64) []uint64 {
	keys = keys[:0]
	for _, text := range texts {
		if text == "" {
			continue
		}
		toks := d.v.tokenize(text, sc, true)
		for a := 0; a < len(toks); {
			b := a
			for b < len(toks) && toks[b].s != symBound {
				b++
			}
			d.eachKey(toks, a, b, func(k uint64) { keys = append(keys, k) })
			a = b + 1
		}
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

// recoveryScore is the entry's logit under the recovery model.
func (d *Detector) recoveryScore(keys []uint64) float64 {
	s := d.r.bias
	for _, k := range keys {
		s += float64(d.r.f[k].w)
	}
	return s
}

// recovered reports whether the recovery model cancels an entry that said
// yes; with explain it also returns the finding that says so.
func (d *Detector) recovered(texts []string, sc *scratch, explain bool) (bool, *Finding) {
	if d.r == nil {
		return false, nil
	}
	sc.keys = d.entryKeys(texts, sc, sc.keys)
	score := d.recoveryScore(sc.keys)
	if score < d.r.threshold {
		return false, nil
	}
	if !explain {
		return true, nil
	}
	f := d.r.finding(recoveryCode, "recovery", RecoveryFile, sc.keys, score, d.r.threshold,
		"the entry reads as a recovery story (recovery model): no")
	return true, &f
}
