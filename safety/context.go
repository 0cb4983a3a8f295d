package safety

import "strconv"

// The context checks look a few tokens around a risk match. Each looks at
// a bounded window, so the whole check stays linear in the text length.

const (
	negationWindow = 6  // words back from a match that a "not" can reach
	subjectWindow  = 12 // words back to find who the sentence is about
	reporterWindow = 8  // words before a quotation to find who said it
	accidentBefore = 6
	accidentAfter  = 8
	protectReach   = 12 // words either side of a match to look for a reason to live
)

// explainer collects findings for Explain; nil when only deciding.
type explainer struct {
	text, sentence int
	found          []Finding
}

func (ex *explainer) size() int {
	if ex == nil {
		return 0
	}
	return len(ex.found)
}

func (ex *explainer) add(d *Detector, h hit, outcome string) {
	if ex == nil {
		return
	}
	r := d.rules[d.acts[h.act].rule]
	ex.found = append(ex.found, Finding{Text: ex.text, Sentence: ex.sentence, Code: r.code,
		Rule: "rules.txt:" + strconv.Itoa(r.line), Pattern: r.source, Outcome: outcome})
}

// addTense records a reading of the tense reader (tense.go) for the
// sentence being judged.
func (ex *explainer) addTense(pattern, outcome string) {
	if ex == nil {
		return
	}
	ex.found = append(ex.found, Finding{Text: ex.text, Sentence: ex.sentence, Code: tenseCode, Rule: "tense.go",
		Pattern: pattern, Outcome: outcome})
}

// judge decides one sentence from the hits that start in it
// (ordered by start). It returns the reason code of the first risk match
// that passes every check, or "", and where that match runs (at). With an
// explainer it goes on and records
// every risk match. When no other line passes, it returns the index in
// d.rules of the first weak line that does (weak.go), or -1. It also
// returns the sentence's veto bits, which the caller uses to let stated
// recovery reach the neighbouring sentences, and whether a risk line was
// cancelled for negation, quotation or an idiom (held: the sentence model
// may not say yes for the sentence).
func (d *Detector) judge(toks []token, hits []hit, ex *explainer) (code string, weak int32, bits vetoBits, held bool, at hit) {
	recEnd := int32(-1) // where the last stated recovery ends
	clauseEnd := -1     // riskClauseEnd, read only for a clause veto
	for _, h := range hits {
		ac := d.acts[h.act]
		r := &d.rules[ac.rule]
		if r.kind != kindVeto || ac.negatable && d.negated(toks, int(h.start)) ||
			r.veto == vetoJoke && !clauseStart(toks, int(h.start)) {
			continue
		}
		if r.clause {
			if clauseEnd < 0 {
				clauseEnd = d.riskClauseEnd(toks, hits)
			}
			if int(h.start) >= clauseEnd {
				continue
			}
		}
		bits |= r.veto
		if r.veto&vetoRecovery != 0 && h.end > recEnd {
			recEnd = h.end
		}
	}
	// A contrast after the recovery ("I'm a year clean, but I cut again
	// last night") keeps what follows it: the recovery does not reach it.
	contrast := int32(-1)
	if recEnd >= 0 {
		for k := int(recEnd); k < len(toks) && toks[k].s != symBound; k++ {
			if d.v.flags[toks[k].s]&flagGapStop != 0 {
				contrast = int32(k) // #nosec G115 -- token indexes, far below 2^31
				break
			}
		}
	}
	weak = -1
	for i, h := range hits {
		ac := d.acts[h.act]
		r := &d.rules[ac.rule]
		if r.kind != kindRisk || ac.side == sideLeft {
			continue
		}
		first := h
		if ac.side == sideRight {
			l, ok := d.leftPartner(toks, hits, i)
			if !ok {
				continue
			}
			first = l
		}
		mb := bits
		if contrast >= 0 && first.start > contrast {
			mb &^= vetoRecovery
		}
		why, line := d.cancelled(toks, hits, first, h, mb, r.code)
		if why == "" && r.weak {
			if weak < 0 {
				weak = ac.rule
			}
			ex.add(d, h, weakWaits)
			continue
		}
		if why == "" {
			if code == "" {
				code, at = r.code, hit{start: first.start, end: h.end}
			}
			ex.add(d, h, "yes")
			if ex == nil {
				return code, -1, bits, held, at
			}
			continue
		}
		if why == whyNegation || why == whyQuoted || why == whyIdiom {
			held = true
		}
		if ex != nil && line > 0 {
			why += " (rules.txt:" + strconv.Itoa(line) + ")"
		}
		ex.add(d, h, why)
	}
	if code != "" {
		weak = -1
	}
	return code, weak, bits, held, at
}

// Three reasons a risk line is cancelled that also hold the sentence
// model back (held, judge): the rules read the sentence and found the
// words negated ("I don't want to die, I want the fighting to stop"),
// quoted from someone else ("He texted me 'I want to kill myself'") or
// inside an idiom ("cross my heart and hope to die"). The model reads
// words, not their scope, and would otherwise say yes to the very words
// the rules just read as a no (rounds 32 and 33).
const (
	whyNegation = "negation"
	whyQuoted   = "quoted from someone else"
	whyIdiom    = "idiom"
)

// riskClauseEnd returns where the clause of the last risk match among
// hits ends: the first comma or soft break ("and", "but", "because")
// after it, before the sentence ends. With no risk match, or none
// followed by a break, it returns the index past the sentence, so every
// veto counts. A recovery story turns on such a break: "I wanted to die
// every day that winter, and today I bought tulips".
func (d *Detector) riskClauseEnd(toks []token, hits []hit) int {
	end := -1
	for i, h := range hits {
		// One side of a gapped line alone is no match ("wanted" in "and
		// tonight I just wanted chips").
		ac := d.acts[h.act]
		if d.rules[ac.rule].kind != kindRisk || ac.side == sideLeft || int(h.end) <= end {
			continue
		}
		if ac.side == sideRight {
			if _, ok := d.leftPartner(toks, hits, i); !ok {
				continue
			}
		}
		end = int(h.end)
	}
	if end < 0 {
		return len(toks)
	}
	for k := end; k < len(toks) && toks[k].s != symBound; k++ {
		if s := toks[k].s; s == symComma || d.v.flags[s]&flagSoft != 0 {
			return k
		}
	}
	return len(toks)
}

// clauseStart reports whether toks[i] opens a sentence or follows a comma.
// A joke veto counts only there: "Kidding, obviously." and "I wanted to
// jump off the roof, obviously not" take something back, while "he
// thought it was a joke" and "a day out with the kids" do not.
func clauseStart(toks []token, i int) bool {
	return i == 0 || toks[i-1].s == symBound || toks[i-1].s == symComma
}

// neighbourCancels reports whether a sentence that said yes, holding the
// veto bits own, is cancelled by the sentence just before or after it,
// holding nb: stated recovery there ("I used to cut. I haven't for eleven
// years."), or a question in it answered no there ("My GP asked whether
// I'd thought about ending my life. I told her no."). A sentence that says
// it is back ("again", "tonight") is not cancelled. This can only turn a
// yes into a no, so ordinary sentences still never add up to a yes.
func neighbourCancels(own, nb vetoBits) bool {
	if own&vetoRecur != 0 {
		return false
	}
	return nb&vetoRecovery != 0 || (own&vetoAsked != 0 && nb&vetoDenied != 0)
}

// pastReach returns the past veto when the sentence next to a yes, holding
// nb, is told as the past and does not say it is back: the sentence after
// any yes ("I stockpiled pills and wrote letters. That was eight years
// ago."), or the sentence before an attempt that goes on with the story
// ("When I was twenty I tried to end it. My flatmate found me in time.";
// a wish or a plan in the present is never held by the sentence before
// it). The yes is then held like any sentence told as the past, until the
// whole entry is read, and only stated recovery somewhere in the entry
// cancels it; without that the entry still says yes. A sentence that says
// it is back keeps its own recur bit, which settle reads first.
func pastReach(nb vetoBits) vetoBits {
	if nb&(vetoPast|vetoRecur) == vetoPast {
		return vetoPast
	}
	return 0
}

// cancelFrom marks the findings from index i to j that said yes as
// cancelled by a neighbouring sentence.
func (ex *explainer) cancelFrom(i, j int, why string) {
	if ex == nil {
		return
	}
	for k := i; k < j && k < len(ex.found); k++ {
		if ex.found[k].Outcome == "yes" {
			ex.found[k].Outcome = why
		}
	}
}

// leftPartner finds, for the right side of a gapped rule at hits[i], a
// left side of the same rule that ends at most maxGap words before it,
// with no negation or clause break ("but") between them.
func (d *Detector) leftPartner(toks []token, hits []hit, i int) (hit, bool) {
	h := hits[i]
	rule := d.acts[h.act].rule
	for j := i - 1; j >= 0; j-- {
		l := hits[j]
		if int(l.start) < int(h.start)-maxGap-d.trie.maxLen {
			break
		}
		la := d.acts[l.act]
		if la.rule != rule || la.side != sideLeft || l.end > h.start || h.start-l.end > maxGap {
			continue
		}
		if d.gapClear(toks, int(l.end), int(h.start)) {
			return l, true
		}
	}
	return hit{}, false
}

// gapClear reports that the words between the two sides of a gapped rule
// hold no negation and no clause break: "I hope I don't die" and "I want
// to sleep but I'm scared I'll die" are not a wish to die.
func (d *Detector) gapClear(toks []token, from, to int) bool {
	for k := from; k < to; k++ {
		s := toks[k].s
		if isBreak(s) || d.v.flags[s]&(flagNeg|flagGapStop) != 0 {
			return false
		}
	}
	return true
}

// cancelled runs the context checks on a risk match running from first
// (its left side, or itself) to last (its right side, or itself), and
// returns why it is cancelled, or "".
// For an idiom it also returns the idiom's line in rules.txt. The reasons
// are constants, so deciding allocates nothing.
func (d *Detector) cancelled(toks []token, hits []hit, first, last hit, veto vetoBits, code string) (string, int) {
	if vetoed(veto, code) {
		switch {
		case veto&vetoRecovery != 0:
			return "stated recovery in the sentence", 0
		case veto&(vetoAsked|vetoDenied) == vetoAsked|vetoDenied:
			return "a question answered no", 0
		case jokeCancels(veto, code):
			return "taken back as a joke", 0
		case veto&vetoHyperbole != 0:
			return "hyperbole: a trivial trigger in the sentence", 0
		}
		if n := narrowCancels(veto, code); n != narrowNone {
			return narrowWhy[n][inSentence], 0
		}
		return "told as the past", 0
	}
	// "on purpose" after self-injury overrules its idioms as it does its
	// accidents: "burned myself on the hob, on purpose".
	if code != "selfharm" || !d.onPurpose(toks, int(last.end)) {
		for _, p := range [2]hit{first, last} {
			if id, ok := d.idiomOver(hits, p); ok {
				return whyIdiom, d.rules[d.acts[id.act].rule].line
			}
		}
	}
	if d.protected(toks, hits, first.start, last.end) {
		return "a reason to live in the clause", 0
	}
	fa, la := d.acts[first.act], d.acts[last.act]
	if fa.negatable && d.negated(toks, int(first.start)) {
		return whyNegation, 0
	}
	if q := toks[first.start].q; q >= 0 && d.quotedOther(toks, q) {
		return whyQuoted, 0
	}
	left, leftEnd := -1, -1
	if first != last {
		left, leftEnd = int(first.start), int(first.end)
	}
	strict := d.v.flags[toks[last.start].s]&flagPredicate != 0
	if first != last && !strict && d.v.flags[toks[last.start].s]&(flagAux|flagNeg) != 0 && int(last.start)+1 < int(last.end) {
		strict = d.v.flags[toks[last.start+1].s]&flagPredicate != 0 // "... be dead", "... not exist"
	}
	possOther := code != "means" && code != "prep" && code != "farewell" && code != "plan"
	if !la.selfRef && !d.rules[la.rule].after && d.subjectIsOther(toks, int(last.start), strict, possOther, left, leftEnd, fa.selfRef) {
		return "someone else is the subject", 0
	}
	if code == "selfharm" && d.accidentNear(toks, int(first.start), int(last.end)) {
		return "an accident", 0
	}
	return "", 0
}

// idiomOver reports an idiom that overlaps the piece p without lying
// wholly inside it: "want to die" is cancelled by "die of embarrassment",
// but "wish I could sleep forever" is not cancelled by an idiom it holds.
func (d *Detector) idiomOver(hits []hit, p hit) (hit, bool) {
	from := p.start - int32(d.trie.maxLen) // #nosec G115 -- the longest rule, a few words
	for i := firstStartAfter(hits, from-1); i < len(hits) && hits[i].start < p.end; i++ {
		h := hits[i]
		if d.rules[d.acts[h.act].rule].kind != kindIdiom || h.end <= p.start {
			continue
		}
		if !(p.start <= h.start && h.end <= p.end) {
			return h, true
		}
	}
	return hit{}, false
}

// protected reports a reason to live in the same clause as the match that
// is not part of it: "thinking about my own death makes me want to live
// more fully". After "but" it is another clause, so "I want to die but I
// have to live for my kids" still says yes.
func (d *Detector) protected(toks []token, hits []hit, start, end int32) bool {
	for i := firstStartAfter(hits, start-protectReach-1); i < len(hits) && hits[i].start <= end+protectReach; i++ {
		h := hits[i]
		if d.rules[d.acts[h.act].rule].kind != kindProtect || (start <= h.start && h.end <= end) {
			continue
		}
		if d.sameClause(toks, int(min(start, h.start)), int(max(end, h.end))-1) {
			return true
		}
	}
	return false
}

// sameClause reports no sentence end, comma or clause word between a and b.
func (d *Detector) sameClause(toks []token, a, b int) bool {
	for k := a + 1; k < b; k++ {
		s := toks[k].s
		if s == symBound || s == symComma || d.v.flags[s]&flagSoft != 0 {
			return false
		}
	}
	return true
}

// firstStartAfter returns the index of the first hit starting after pos.
// It is sort.Search written out, to keep checks free of allocations.
func firstStartAfter(hs []hit, pos int32) int {
	lo, hi := 0, len(hs)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if hs[mid].start > pos {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

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
		case f&(flagSoft|flagNegStop) != 0:
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
			// "I can't stop thinking that I want to be dead": the
			// negation is of the stopping, as in negated (round 63).
			next := toks[j+1].s
			return next != d.v.stop && next != d.v.help
		}
	}
	return false
}

// subjectIsOther reports that the words at p are said of someone or
// something other than the writer. It looks at the word just before them,
// past auxiliaries ("have been", "would"):
//
//   - the writer (I, me, my), or nothing at all ("Want to die.", "so tired,
//     want to die"): the writer;
//   - someone else ("he wants to die", "Priya says"): someone else, unless
//     they are the object of a verb or preposition before ("I asked my
//     doctor"), when the search goes on further back;
//   - a conjunction or a placeholder ("and", "it", "that"): the nearest
//     person further back decides ("she's sad and wants to die"; "it would
//     be easier to die" has none, so the writer);
//   - any other word, when the match starts with a verb that agrees with
//     its subject (class predicate: want, need, die): that word is the
//     subject ("this comment needs to die", "capitalism to die"), so not
//     the writer. Before a noun phrase ("the urge to cut", "googled suicide
//     methods") the nearest person decides instead.
//
// For the right side of a gapped rule in the infinitive ("I want ... to
// die"), left is where its left side starts and leftEnd where it ends: "to
// die" right after the wish takes the wish's subject; a word between them
// is the subject of the dying ("I want him to die").
func (d *Detector) subjectIsOther(toks []token, p int, strict, possOther bool, left, leftEnd int, leftSelf bool) bool {
	k := d.skipAux(toks, p-1)
	if left >= 0 {
		if k >= 0 && toks[k].s == d.v.to {
			k = d.skipAux(toks, k-1)
		}
		if k < leftEnd {
			return !leftSelf && d.subjectIsOther(toks, left, d.v.flags[toks[left].s]&flagPredicate != 0, possOther, -1, -1, false)
		}
	}
	if k < 0 {
		return false
	}
	s := toks[k].s
	f := d.v.flags[s]
	switch {
	case s == symComma && d.appositive(toks, k):
		return true
	case isBreak(s) || s == symComma || f&flagWriter != 0:
		return false
	case f&flagOther != 0 || toks[k].name:
		// Right before a verb that agrees with its subject, a person is
		// that subject even after a preposition ("a woman wanting to");
		// someone's attempt or wish is theirs ("dad's suicide attempt"),
		// though their pills or knife may be the writer's means.
		if strict || possOther && toks[k].poss || !toks[k].poss && !d.isObject(toks, k) {
			return true
		}
	case strict && f&(flagSoft|flagNegStop|flagGapStop|flagObjectTaker|flagDeterminer) == 0 && !d.atPlace(toks, k):
		return true
	}
	return d.nearestIsOther(toks, k)
}

// atPlace reports whether the word at k names where someone is, not who:
// a place word ("lying here wanting to be dead") or a word at most three
// after a preposition of place ("on the bedroom floor wanting to die",
// "in my car wanting to disappear"). Such a word is no subject, so the
// nearest person further back decides.
func (d *Detector) atPlace(toks []token, k int) bool {
	for j := k; j >= 0 && j > k-4; j-- {
		s := toks[j].s
		if isBreak(s) || s == symComma || j < k && d.v.flags[s]&(flagOther|flagWriter) != 0 || toks[j].name {
			return false
		}
		if d.v.flags[s]&flagPlace != 0 {
			return true
		}
	}
	return false
}

// appositive reports that the comma at k closes a person set between
// commas, who is then the subject of what follows: "my daughter, Ruby,
// took an overdose", "Sam, my best friend, tried". Without the opening
// comma the person is more likely an object ("I called him, took the
// pills"), and the writer stays the subject.
func (d *Detector) appositive(toks []token, k int) bool {
	j := k - 1
	if j < 0 || toks[j].poss || !(d.v.flags[toks[j].s]&flagOther != 0 || toks[j].name || toks[j].aside) {
		return false
	}
	i := j - 1
	for ; i >= 0 && i > j-3 && d.v.flags[toks[i].s]&flagDeterminer != 0; i-- {
	}
	return i >= 0 && toks[i].s == symComma
}

// skipAux steps back from k over auxiliaries and negations.
func (d *Detector) skipAux(toks []token, k int) int {
	for k >= 0 && d.v.flags[toks[k].s]&(flagAux|flagNeg) != 0 {
		k--
	}
	return k
}

// nearestIsOther reports that the nearest person at or before k, in the
// same sentence, is someone else. A person named as an object is skipped:
// in "I asked my doctor for more pills" and "I'd be doing everyone a
// favour" the writer is still the one speaking of themselves. With no
// person in reach the writer is the subject.
func (d *Detector) nearestIsOther(toks []token, start int) bool {
	for k := start; k >= 0 && k > start-subjectWindow; k-- {
		s := toks[k].s
		if isBreak(s) {
			return false
		}
		f := d.v.flags[s]
		if f&flagWriter != 0 {
			return false
		}
		// A possessive is not a subject: in "my dad's old knife is by my
		// bed" the knife is the writer's concern.
		if (f&flagOther != 0 || toks[k].name) && !toks[k].poss && !d.isObject(toks, k) {
			return true
		}
	}
	return false
}

// isObject reports that the person word at k is the object of a verb or
// preposition ("asked my doctor", "to my mum", "doing everyone a
// favour"). Pronouns, possessives and reflexives (he, his, himself) are
// never skipped, and neither is a person followed by "who" ("my friend who
// wants to die").
func (d *Detector) isObject(toks []token, k int) bool {
	if d.v.flags[toks[k].s]&(flagNotObject|flagSubject) != 0 {
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

// onPurpose reports "on purpose" or "deliberately" in the few words after
// a self-injury match that ends at end.
func (d *Detector) onPurpose(toks []token, end int) bool {
	for k, n := end, 0; k+1 < len(toks) && n < accidentAfter+3 && toks[k].s != symBound; k, n = k+1, n+1 {
		if (toks[k].s == d.v.on && toks[k+1].s == d.v.purpose) || toks[k].s == d.v.deliberately {
			return true
		}
	}
	return false
}

// meant reports, from the start of a self-injury match to a few words
// after it, a sign the harm was meant: "on purpose", "deliberately", or a
// harm repeated ("over and over", "again and again", "repeatedly"). It
// overrules any accident word near the match ("held my hand over the
// kettle on purpose", "hit my head against the doorframe over and over
// until Mum shouted up the stairs"). Only the accident check reads it:
// "banging my head against a brick wall over and over" stays an idiom.
func (d *Detector) meant(toks []token, start, end int) bool {
	for k := start; k < len(toks) && k < end+accidentAfter+3 && toks[k].s != symBound; k++ {
		s := toks[k].s
		switch {
		case s == d.v.deliberately || s == d.v.repeatedly:
			return true
		case s == d.v.on && k+1 < len(toks) && toks[k+1].s == d.v.purpose:
			return true
		case (s == d.v.over || s == d.v.again) && k+2 < len(toks) && toks[k+1].s == d.v.and && toks[k+2].s == s:
			return true
		}
	}
	return false
}

// accidentNear reports an accident word around a self-injury match: "I
// fell and hurt myself", "cut myself shaving", "burned myself on the stove".
func (d *Detector) accidentNear(toks []token, start, end int) bool {
	if d.meant(toks, start, end) {
		return false
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
