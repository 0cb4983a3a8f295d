package safety

// The context checks look a few tokens around a risk match. Each looks at
// a bounded window, so the whole check stays linear in the text length.

const (
	negationWindow = 6  // words back from a match that a "not" can reach
	subjectWindow  = 12 // words back to find who the sentence is about
	reporterWindow = 8  // words before a quotation to find who said it
	accidentBefore = 6
	accidentAfter  = 8
)

// isBreak reports tokens that end a clause for the context scans.
func isBreak(s sym) bool { return s == symBound || s == symQuote }

// negated reports a negation that governs the match: "I would never hurt
// myself", "I'm not going to kill myself", "I don't think I would ever...".
// The reach stops at a sentence end, a comma, a soft boundary ("but",
// "because") and at the subject of the clause, so "I can't tell him I want
// to die" is not read as a negation of wanting to die.
func (d *Detector) negated(toks []token, start int) bool {
	words := 0
	for k := start - 1; k >= 0 && words < negationWindow; k-- {
		s := toks[k].s
		if isBreak(s) || s == symComma {
			return false
		}
		f := d.v.flags[s]
		switch {
		case f&flagNeg != 0:
			// "can't stop thinking about", "can't help wanting": the
			// negation is of the stopping, not of what follows.
			next := toks[k+1].s
			return next != d.v.stop && next != d.v.help
		case f&flagSoft != 0:
			return false
		case f&flagSubject != 0:
			return d.negRaised(toks, k)
		}
		words++
	}
	return false
}

// negRaised handles verbs that pass their negation down: "I don't think
// (that) I would hurt myself" denies the hurting. subj is the index of the
// lower clause's subject.
func (d *Detector) negRaised(toks []token, subj int) bool {
	k := subj - 1
	if k >= 0 && (toks[k].s == d.v.that || toks[k].s == d.v.like) {
		k--
		// "it's not that I want to die", "not like I want to die"
		if k >= 0 && d.v.flags[toks[k].s]&flagNeg != 0 {
			return true
		}
	}
	if k < 0 || d.v.flags[toks[k].s]&flagNegRaise == 0 {
		return false
	}
	for j := k - 1; j >= 0 && j >= k-3; j-- {
		s := toks[j].s
		if isBreak(s) || s == symComma {
			return false
		}
		if d.v.flags[s]&flagNeg != 0 {
			return true
		}
	}
	return false
}

// subjectIsOther reports that the nearest person before the match is
// someone other than the writer: "my sister self-harms", "he wants to
// die". With no person in reach the writer is the subject ("Want to die.").
// A person named as an object is skipped: in "I asked my doctor for more
// pills" and "I'd be doing everyone a favour" the writer is still the one
// speaking of themselves.
func (d *Detector) subjectIsOther(toks []token, start int) bool {
	for k := start - 1; k >= 0 && k >= start-subjectWindow; k-- {
		s := toks[k].s
		if isBreak(s) {
			return false
		}
		f := d.v.flags[s]
		if f&flagFirst != 0 {
			return false
		}
		if (f&flagOther != 0 || isName(toks[k])) && !d.isObject(toks, k) {
			return true
		}
	}
	return false
}

// isName reports a token the tokenizer read as a name (tokenize.go).
func isName(t token) bool { return t.s == symUnknown && t.h == nameHash }

// isObject reports that the person word at k is the object of a verb or
// preposition ("asked my doctor", "to my mum", "doing everyone a
// favour"). Pronouns, possessives and reflexives (he, his, himself) are
// never skipped, and neither is a person followed by "who" ("my friend who
// wants to die").
func (d *Detector) isObject(toks []token, k int) bool {
	if d.v.flags[toks[k].s]&flagNotObject != 0 {
		return false
	}
	if k+1 < len(toks) && toks[k+1].s == d.v.who {
		return false
	}
	j := k - 1
	for ; j >= 0 && d.v.flags[toks[j].s]&flagDeterminer != 0; j-- {
	}
	return j >= 0 && j < k && d.v.flags[toks[j].s]&flagObjectTaker != 0
}

// quotedOther reports that a quotation holding the match was said by
// someone else: `she texted me "I want to die"`, `"I want to die," he
// said`. open is the index of the opening quotation mark. Without a
// speaker in reach the writer is assumed, which errs toward yes.
func (d *Detector) quotedOther(toks []token, open int32) bool {
	if who := d.person(toks, int(open)-1, -1, reporterWindow); who != 0 {
		return who == flagOther
	}
	if closeAt := toks[open].q; closeAt > open {
		return d.person(toks, int(closeAt)+1, 1, 4) == flagOther
	}
	return false
}

// person scans from k in direction dir for up to n words, skipping commas,
// and returns flagSpeaker or flagOther for the first person found, or 0.
// Only "I" and "we" count for the writer: in "she texted me" the "me" is
// the listener, not the speaker.
func (d *Detector) person(toks []token, k, dir, n int) uint32 {
	for words := 0; k >= 0 && k < len(toks) && words < n; k += dir {
		s := toks[k].s
		if isBreak(s) {
			return 0
		}
		if s == symComma {
			continue
		}
		f := d.v.flags[s]
		if f&flagSpeaker != 0 {
			return flagSpeaker
		}
		if f&flagOther != 0 {
			return flagOther
		}
		words++
	}
	return 0
}

// accidentNear reports an accident word around a self-injury match: "I
// fell and hurt myself", "cut myself shaving", "burned myself on the stove".
func (d *Detector) accidentNear(toks []token, start, end int) bool {
	for k, n := end, 0; k+1 < len(toks) && n < accidentAfter+3 && toks[k].s != symBound; k, n = k+1, n+1 {
		// "on purpose" and "deliberately" overrule any accident word.
		if (toks[k].s == d.v.on && toks[k+1].s == d.v.purpose) || toks[k].s == d.v.deliberately {
			return false
		}
	}
	for k, n := start-1, 0; k >= 0 && n < accidentBefore && toks[k].s != symBound; k, n = k-1, n+1 {
		if d.v.flags[toks[k].s]&flagAccident != 0 {
			return true
		}
	}
	for k, n := end, 0; k < len(toks) && n < accidentAfter && toks[k].s != symBound; k, n = k+1, n+1 {
		if d.v.flags[toks[k].s]&flagAccident != 0 {
			return true
		}
	}
	return false
}
