package safety

import (
	_ "embed"
	"slices"
	"strconv"
)

// The entry model reads a whole entry that neither the rules nor the
// sentence model said yes to, and asks whether, taken together, it is
// still a crisis. Plans, preparation and farewells are often spread over
// an entry in sentences that each sound ordinary ("Paid off the card.
// Left the spare key next door. Wrote the note, kept the shorter one."):
// no one sentence says it, so no rule and no sentence score reaches it.
//
// It is a logistic regression over the words and word pairs of the whole
// entry (each counted once), like the recovery model, and over how close
// the entry's highest sentence came to the sentence model's threshold (a
// near miss beside the rest of an entry is evidence). It leaves out the
// sentences the sentence model may not answer for (a film or a song,
// someone else as the only person, a veto of the rules: modelVeto). It is
// trained on the repository's texts that the rules and the sentence model
// pass (entry_train.go), and asked only about an entry of two sentences or
// more: one sentence is the sentence model's to judge. Because an entry of
// eight sentences holds more words than one of two, it has one threshold
// per length — two to four sentences, five or more — each set by
// cross-validation so that it adds false alarms on at most a fixed share
// of the other texts of that length: the chance of a false alarm is held
// about the same, whatever the length. It only turns a no into a yes.
// Verdict.Reason is "entry"; Explain shows a finding with code "entry" and
// the lines of the features that pushed the score most.

//go:embed entry_weights.tsv
var entryWeights string

// EntryFile is the path of the entry model's weights in the repository.
const EntryFile = "safety/entry_weights.tsv"

// entryCode is Verdict.Reason and a Finding's code for the entry model.
const entryCode = "entry"

// entryBands are the lengths, in sentences, each with its own threshold:
// band i holds entries of at least entryBands[i] sentences. An entry of
// one sentence is the sentence model's to judge, and is never asked.
var entryBands = [...]int{2, 5}

// entryBand returns the band of an entry of n sentences, or -1 when the
// entry model is not asked.
func entryBand(n int) int {
	b := -1
	for i, min := range entryBands {
		if n >= min {
			b = i
		}
	}
	return b
}

// bandName names band i in the weights file: "threshold-2", "threshold-5".
func bandName(i int) string { return "threshold-" + strconv.Itoa(entryBands[i]) }

// nearMargins and nearNames: the near-miss features, one for each margin,
// in logits, that the entry's highest sentence score is within of the
// sentence model's threshold.
var (
	nearMargins = [...]float64{0.5, 1, 2}
	nearNames   = [...]string{"<near0.5>", "<near1>", "<near2>"}
)

// nearID is the feature id of nearMargins[i], below personID.
func nearID(i int) uint32 { return personID - 1 - uint32(i) } // #nosec G115 -- i < len(nearMargins)

// entryFeatures returns the features scan kept for the entry model, each
// once, and the number of sentences they came from.
func (d *Detector) entryFeatures(sc *scratch) ([]uint64, int) {
	if d.m != nil {
		for i, m := range nearMargins {
			if sc.emax >= d.m.threshold-m {
				sc.ekeys = append(sc.ekeys, unigram(nearID(i)))
			}
		}
	}
	slices.Sort(sc.ekeys)
	sc.ekeys = slices.Compact(sc.ekeys)
	return sc.ekeys, sc.esents
}

// entryRead is the entry model's reading of an entry scan read: its score,
// the threshold of its length and the features it read. ok is false when
// the entry model is not asked (one sentence, or no model). finish reads
// it once for the entry model and for a weak line (weak.go).
type entryRead struct {
	score, threshold float64
	keys             []uint64
	ok               bool
}

// entryScore reads the entry scan left in sc with the entry model.
func (d *Detector) entryScore(sc *scratch) entryRead {
	if d.e == nil {
		return entryRead{}
	}
	keys, n := d.entryFeatures(sc)
	band := entryBand(n)
	if band < 0 {
		return entryRead{}
	}
	score := d.e.bias
	for _, k := range keys {
		score += float64(d.e.f[k].w)
	}
	return entryRead{score: score, threshold: d.e.bands[band], keys: keys, ok: true}
}

// entrySays reports whether the entry model, reading e, says yes for an
// entry the rules and the sentence model passed; with explain it also
// returns the finding that says so.
func (d *Detector) entrySays(e entryRead, explain bool) (bool, *Finding) {
	if !e.ok || e.score < e.threshold {
		return false, nil
	}
	if !explain {
		return true, nil
	}
	f := d.e.finding(entryCode, "entry model, the entry as a whole:", EntryFile, e.keys, e.score, e.threshold, "yes")
	return true, &f
}
