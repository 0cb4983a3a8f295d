package safety

import "strconv"

// Weak lines (rounds 24 and 25). Some ways of saying a crisis are
// ambiguous alone: "I'm going to the cliffs tomorrow", "I count them at
// night", "none of it was his fault". In an entry that is otherwise about a
// walk, a prescription or a break-up they are ordinary; in an entry heavy
// with despair they are the plan. A rules.txt line marked `risk CODE weak:`
// is such a line, and may be broad (a verb of going with a height or water
// anywhere after it), because it never decides alone. It goes through every
// context check like any risk line, and its yes stands only when the rest
// of the entry bears it out:
//
//   - in an entry of two sentences or more, the entry model's score is
//     within weakEntryMargin of its threshold (the entry model alone needs
//     the whole threshold: a weak line is the rest of the evidence);
//   - in an entry of one sentence, the sentence model's score for it is
//     within weakSentenceMargin of its threshold.
//
// The sentence model is not asked in longer entries: it reads the same
// words the weak line matched ("bridge", "rope", "tablets"), so it would
// bear out the line by its own words rather than by the rest of the entry.
//
// Like the entry model, it only turns a no into a yes; it is not asked in
// an entry that states recovery, or for a sentence told as the past. The
// margins, in logits, were chosen on the development sets (docs/safety.md,
// round 25); the sentence margin went from 2.0 to 1.75 with round 29's
// retrained sentence model, which changed no verdict on any journal set
// and kept a leaving-do "thank you for everything" ordinary, and the entry
// margin from 3.0 to 2.25 with round 59's entry model, which reads "here"
// for crisis: margins from 3.0 to 2.25 were level on the development sets,
// and 2.25 keeps an ordinary roof (TestWeakLines) ordinary. The models
// never learn from a weak line's verdict, and every word of the weak lines
// was already in the vocabulary, so adding them left the weight files as
// they were.
const (
	weakEntryMargin    = 2.25
	weakSentenceMargin = 1.75
)

// weakWaits is the outcome Explain gives a weak line that passed its
// checks: it waits for the rest of the entry.
const weakWaits = "weak: waits for the rest of the entry"

// noteWeak records that the weak line rule passed in a sentence with the
// given veto bits and sentence model score (negative infinity when the
// model did not read it).
func noteWeak(sc *scratch, rule int32, bits vetoBits, score float64) {
	if bits&(vetoPast|vetoRecur) == vetoPast {
		return
	}
	if sc.weak < 0 {
		sc.weak = rule
	}
	sc.weakScore = max(sc.weakScore, score)
}

// weakSays returns the reason code of the entry's weak line when the rest
// of the entry bears it out (e: the entry model's reading), or ""; with
// explain also the finding.
func (d *Detector) weakSays(sc *scratch, e entryRead, explain bool) (string, *Finding) {
	if sc.weak < 0 {
		return "", nil
	}
	r := &d.rules[sc.weak]
	how := ""
	switch {
	case e.ok && e.score >= e.threshold-weakEntryMargin:
		how = "yes: a weak line, borne out by the entry model"
	case !e.ok && d.m != nil && sc.weakScore >= d.m.threshold-weakSentenceMargin:
		how = "yes: a weak line, borne out by the sentence model"
	}
	if how == "" {
		return "", nil
	}
	if !explain {
		return r.code, nil
	}
	return r.code, &Finding{Code: r.code, Rule: "rules.txt:" + strconv.Itoa(r.line), Pattern: r.source, Outcome: how}
}
