package safety

// Sentence masks cancel every match in their sentence, across clause
// boundaries that the reason-to-live check stops at:
//
//   - stated recovery: "I used to hurt myself as a teenager but I'm in a
//     much better place now", "It's been a year since I last self-harmed";
//   - a reported question answered no: "My therapist asked if I'd ever
//     felt suicidal and I said no". Both halves must be present; "...and I
//     said yes" is still flagged.
const (
	maskRecovery uint8 = 1 << iota
	maskAsked
	maskDenied
)

// masked reports whether a sentence holding these mask bits is cancelled.
func masked(bits uint8) bool {
	return bits&maskRecovery != 0 || bits&(maskAsked|maskDenied) == maskAsked|maskDenied
}

// applyMasks blanks every word of a cancelled sentence, so no phrase, pair
// or cue in it can fire, and drops the phrase and cue matches that start
// there. One pass over the tokens; mask matches are ordered by start.
func (d *Detector) applyMasks(toks []token, sc *scratch) {
	mi, start := 0, 0
	blanked := false
	for p := 0; p <= len(toks); p++ {
		if p < len(toks) && toks[p].s != symBound {
			continue
		}
		var bits uint8
		for ; mi < len(sc.mask) && int(sc.mask[mi].start) < p; mi++ {
			if int(sc.mask[mi].start) >= start {
				bits |= d.rules[sc.mask[mi].rule].mask
			}
		}
		if masked(bits) {
			blanked = true
			for k := start; k < p; k++ {
				toks[k].s, toks[k].h = symUnknown, 0
			}
		}
		start = p + 1
	}
	if blanked {
		sc.risk = keepUnmasked(toks, sc.risk)
		sc.cue = keepUnmasked(toks, sc.cue)
	}
}

// keepUnmasked drops matches whose first word was blanked, in place.
func keepUnmasked(toks []token, ms []match) []match {
	out := ms[:0]
	for _, m := range ms {
		if toks[m.start].s != symUnknown {
			out = append(out, m)
		}
	}
	return out
}
