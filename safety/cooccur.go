package safety

// The co-occurrence rules are a wider net under the phrase rules. Fresh
// sentences rarely repeat a listed phrase word for word, but they keep its
// ingredients: a word for one's own death and a word leaning toward it ("It
// feels like death is the only way out", "I keep imagining my funeral and
// feeling relieved"); a self-injury verb and a part of the body ("I slashed
// my arm"); lethal means and preparation ("the pills are ready"). A pair
// must sit in one clause, a few words apart, and pass the same context
// checks as a phrase: idioms, negation, someone else as the subject,
// quotations, accidents and reasons to live.

// cuePair is one kind of pair: a head word with flag head, and a partner
// with any flag in partner, at most window words away.
type cuePair struct {
	head, partner uint32
	window        int
	injury        bool // apply the accident check
}

// cuePairs lists the pairs. It is a function, not a variable, so the
// package keeps no mutable state.
func cuePairs() [4]cuePair {
	return [...]cuePair{
		{head: flagConcept, partner: flagOrient, window: 6},
		{head: flagLife, partner: flagOrient, window: 6}, // only after a stopper; see lifeStart
		{head: flagHarm, partner: flagBody | flagHarmLean, window: 4, injury: true},
		{head: flagMeans, partner: flagPrep, window: 5},
	}
}

// stopperReach is how far before a life word a "not", "no" or "stop" may
// be for "no point in me living" and "to stop living" to count as death.
const stopperReach = 4

// cooccurs reports a cue pair that passes every context check.
func (d *Detector) cooccurs(toks []token, sc *scratch) bool {
	pairs := cuePairs()
	for p := range toks {
		f := d.v.flags[toks[p].s]
		for _, pair := range pairs {
			if f&pair.head == 0 {
				continue
			}
			start := p // where the cue begins, for the negation check
			if pair.head == flagLife {
				if start = d.lifeStart(toks, p); start < 0 {
					continue
				}
			}
			o := d.nearest(toks, p, pair.partner, pair.window)
			if o < 0 {
				continue
			}
			lo, hi := min(start, o), max(p, o)
			m := match{start: int32(lo), end: int32(hi + 1)} // #nosec G115 -- a token index: texts are bounded by the request body limit, far below 2^31
			if d.cueBlocked(toks, sc, m, p, start, pair.injury) {
				continue
			}
			return true
		}
	}
	return false
}

// cueBlocked applies the context checks to a pair spanning m, whose head
// word is at p and whose cue begins at start.
func (d *Detector) cueBlocked(toks []token, sc *scratch, m match, p, start int, injury bool) bool {
	head := match{start: int32(p), end: int32(p + 1)} // #nosec G115 -- a token index: texts are bounded by the request body limit, far below 2^31
	if d.suppressed(head, sc.idiom) || d.protected(toks, m, sc.protect) {
		return true
	}
	if q := toks[p].q; q >= 0 && d.quotedOther(toks, q) {
		return true
	}
	lo := int(m.start)
	if d.negated(toks, start) || (lo < start && d.negated(toks, lo)) || d.subjectIsOther(toks, lo) {
		return true
	}
	return injury && d.accidentNear(toks, lo, int(m.end))
}

// lifeStart returns the index of a stopper ("not", "no", "stop") shortly
// before the life word at p in the same clause, or -1.
func (d *Detector) lifeStart(toks []token, p int) int {
	for k := p - 1; k >= 0 && k >= p-stopperReach; k-- {
		s := toks[k].s
		if isBreak(s) || s == symComma || d.v.flags[s]&flagSoft != 0 {
			return -1
		}
		if d.v.flags[s]&flagStopper != 0 {
			return k
		}
	}
	return -1
}

// nearest returns the index of the closest word with any flag in mask,
// within window words of p and in the same clause, or -1.
func (d *Detector) nearest(toks []token, p int, mask uint32, window int) int {
	for dist := 1; dist <= window; dist++ {
		for _, k := range [2]int{p - dist, p + dist} {
			if k < 0 || k >= len(toks) || d.v.flags[toks[k].s]&mask == 0 {
				continue
			}
			if d.sameClause(toks, p, k) {
				return k
			}
		}
	}
	return -1
}

// sameClause reports that no sentence end, comma or soft boundary ("but",
// "because") lies between a and b: in "our marriage feels dead but I want
// to try" the two halves are about different things.
func (d *Detector) sameClause(toks []token, a, b int) bool {
	if a > b {
		a, b = b, a
	}
	for k := a + 1; k < b; k++ {
		s := toks[k].s
		if s == symBound || s == symComma || d.v.flags[s]&flagSoft != 0 {
			return false
		}
	}
	return true
}

// protectReach bounds how far from a match a reason to live is looked for.
const protectReach = 12

// protected reports a reason to live in the same clause as m that is not
// part of m itself: "thinking about my own death makes me want to live
// more fully". A reason to live after "but" belongs to another clause, so
// "I want to die but I have to live for my kids" is still flagged.
func (d *Detector) protected(toks []token, m match, protect []match) bool {
	from := m.start - protectReach
	i := firstStartAfter(protect, from-1)
	for ; i < len(protect) && protect[i].start <= m.end+protectReach; i++ {
		pm := protect[i]
		if m.start <= pm.start && pm.end <= m.end {
			continue
		}
		a, b := min(m.start, pm.start), max(m.end, pm.end)
		if d.sameClause(toks, int(a), int(b-1)) {
			return true
		}
	}
	return false
}
