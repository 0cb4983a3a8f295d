package safety

// The sentence-window rules are the widest net, tried after the phrase
// rules and the clause pairs of cooccur.go. They read the cues of
// rules_cues.go sentence by sentence: each cue that passes the context
// checks adds its bits to its sentence, and a combination from cueCombos
// met within one sentence, or within it and the sentence before, answers
// yes. Meaning spread over two sentences ("I've got the rope. I just need
// to pick a day.") is caught this way. A very short sentence ("It's
// over." "Me included.") joins the sentence after it, up to maxMerged
// times in a row, so it does not use up the window.
//
// The context checks cost more than collecting bits, so each window is
// first read without them; only when the unchecked bits could meet a
// combination are its cues checked. Every token is read at most three
// times, so time stays linear.

const (
	shortSentence = 4 // a sentence of fewer words joins the next one
	maxMerged     = 2
)

// unit is a sentence, or a run of short sentences and the one after
// them: tokens [from, to) and the index of its first cue phrase.
type unit struct {
	from, to, cue int
}

// forUnits calls fn for every unit of toks, in order, with its unchecked
// cue bits, until fn returns true. Check and the model's trainer share it,
// so both see the same sentence units.
func (d *Detector) forUnits(toks []token, sc *scratch, fn func(u unit, raw uint64) bool) bool {
	ci, words, merged := 0, 0, 0
	cur := unit{from: 0, cue: 0}
	for p := 0; p <= len(toks); p++ {
		if p < len(toks) && toks[p].s != symBound {
			if s := toks[p].s; s != symComma && s != symQuote {
				words++
			}
			continue
		}
		if words < shortSentence && merged < maxMerged && p < len(toks) {
			merged++ // the short sentence joins the next one
			words = 0
			continue
		}
		cur.to = p
		raw, next := d.unitBits(toks, sc, cur, false)
		ci = next
		if fn(cur, raw) {
			return true
		}
		cur = unit{from: p + 1, cue: ci}
		words, merged = 0, 0
	}
	return false
}

// windowFires reports a cue combination, the concept layer (concept.go)
// or the model (model.go) answering yes for some window.
func (d *Detector) windowFires(toks []token, sc *scratch) bool {
	var prev unit
	var prevRaw, prevBits uint64
	var prevScore float32
	prevChecked := false
	return d.forUnits(toks, sc, func(cur unit, raw uint64) bool {
		combo := d.comboMet(prevRaw, sentenceQualify(raw, false))
		if combo || conceptCould(raw) {
			bits, _ := d.unitBits(toks, sc, cur, true)
			if conceptMet(bits) {
				return true
			}
			if combo {
				if !prevChecked && prev.to > prev.from {
					prevBits, _ = d.unitBits(toks, sc, prev, true)
				}
				if d.comboMet(prevBits, bits) {
					return true
				}
			}
			prevBits, prevChecked = bits, true
		} else {
			prevChecked = false
		}
		score := d.unitScore(toks, cur, raw)
		if modelMayAnswer(raw|prevRaw) && d.m.bias+prevScore+score > d.m.threshold {
			return true
		}
		prev, prevRaw, prevScore = cur, raw, score
		return false
	})
}

// unitBits collects the cue bits of u, with the context checks when check
// is set, and returns them with the index of the first cue phrase after
// u. A farewell cue that starts after another one ended sets cueTwice.
func (d *Detector) unitBits(toks []token, sc *scratch, u unit, check bool) (uint64, int) {
	var bits uint64
	farewellEnd := -1
	add := func(b uint64, start, end int) {
		if b&cueFarewell != 0 {
			if bits&cueFarewell != 0 && start >= farewellEnd {
				bits |= cueTwice
			}
			farewellEnd = max(farewellEnd, end)
		}
		bits |= b
	}
	cues := sc.cue
	ci := u.cue
	for p := u.from; p < u.to; p++ {
		s := toks[p].s
		if s >= symFirstWord && int(s) < len(d.v.cues) {
			f := d.v.flags[s]
			if f&flagSelf != 0 && (!check || toks[p].q < 0 || !d.quotedOther(toks, toks[p].q)) {
				bits |= cueSelf
			}
			if f&flagOther != 0 {
				bits |= cueOther
			}
			if b := d.v.cues[s]; b != 0 {
				b = d.vetoBits(toks, p, b, f&flagNeg == 0, check, &bits)
				if check && b&cueConcept != 0 && d.conceptElsewhere(toks, p) {
					b &^= cueConcept
				}
				if b != 0 && (!check || d.cueOK(toks, sc, p, p+1, b, f&flagNeg == 0, f&flagSelf != 0)) {
					add(b, p, p+1)
				}
			}
		} else if isName(toks[p]) {
			bits |= cueOther
		}
		for ; ci < len(cues) && int(cues[ci].start) <= p; ci++ {
			m := cues[ci]
			c := d.cues[m.rule]
			b := d.vetoBits(toks, int(m.start), c.bits, c.negatable, check, &bits)
			if b != 0 && (!check || d.cueOK(toks, sc, int(m.start), int(m.end), b, c.negatable, c.selfRef)) {
				add(b, int(m.start), int(m.end))
			}
		}
	}
	return sentenceQualify(bits, check), ci
}

// vetoBits moves the concept-layer vetoes of a cue (fear, a frame) into
// *bits without the subject check, "my friend's novel" being a novel all
// the same, and returns the cue's other bits. A negated fear ("not scared
// of dying") is no veto.
func (d *Detector) vetoBits(toks []token, start int, b uint64, negatable, check bool, bits *uint64) uint64 {
	if b&cueGrief != 0 {
		*bits |= cueMourn // grief vetoes the concept layer whoever's it is
	}
	v := b & conceptVeto
	if v == 0 {
		return b
	}
	if !check || v&cueFear == 0 || !negatable || !d.negated(toks, start) {
		*bits |= v
	}
	return b &^ conceptVeto
}

// sentenceQualify applies the cues that qualify the rest of their
// sentence, once the cues are checked: talk of a loss ("since my dad
// died") makes death words grief, not a wish; a medical reason ("for the
// cramps") makes pills ordinary. Unchecked bits are left whole, so the
// first, cheap reading never misses what the checked one would find.
func sentenceQualify(bits uint64, checked bool) uint64 {
	if !checked {
		return bits
	}
	if bits&cueGrief != 0 {
		bits &^= cueDeath
	}
	if bits&cueMedical != 0 {
		bits &^= cueMeans
	}
	return bits
}

// comboMet reports a combination met by the current unit alone or, for
// lines not marked "sentence:", by it and the one before.
func (d *Detector) comboMet(prev, cur uint64) bool {
	if cur == 0 {
		return false
	}
	both := prev | cur
	if prev&cueFarewell != 0 && cur&cueFarewell != 0 {
		both |= cueTwice // a farewell in each of two sentences
	}
	for _, c := range d.combos {
		bits := both
		if c.sentence {
			bits = cur
		}
		met := true
		for _, g := range c.groups {
			if bits&g == 0 {
				met = false
				break
			}
		}
		if met {
			return true
		}
	}
	return false
}

// cueOK applies the context checks to one cue at [start, end).
func (d *Detector) cueOK(toks []token, sc *scratch, start, end int, bits uint64, negatable, selfRef bool) bool {
	m := match{start: int32(start), end: int32(end)} // #nosec G115 -- token indexes of text capped far below 2^31 by the body limit
	if d.suppressed(m, sc.idiom) || d.protected(toks, m, sc.protect) {
		return false
	}
	if q := toks[start].q; q >= 0 && d.quotedOther(toks, q) {
		return false
	}
	if negatable && d.negated(toks, start) {
		return false
	}
	if !selfRef && d.subjectIsOther(toks, start) {
		return false
	}
	return bits&cueInjury == 0 || !d.accidentNear(toks, start, end)
}
