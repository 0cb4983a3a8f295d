package safety

// A wish, no reason to live or being a burden, told in the past tense with
// nothing in the sentence that brings it into the present: "I wanted to
// die every day that winter", "The week he left I wanted to be dead",
// "For years I was convinced my family would do better without me".
// Recovery stories are the largest kind of false alarm on the blind sets,
// and most say their yes this way; the past lines of rules.txt (vetoPast)
// list phrases that mark the past ("when I was nineteen", "years ago"),
// and a list of phrases does not carry to the next writer (docs/safety.md,
// round 52). The tense is in the verb. Such a sentence is held like one
// told as the past (vetoTense): stated recovery in the entry cancels it,
// and the recovery model reads the entry (pastStory in detect.go);
// without either it still says yes when the entry is read.
//
// The tokenizer marks each word written in a past form (sc.past: "was",
// "did", "wanted", "left"). A sentence is told in the past tense when it
// holds such a word, no verb in a present form ("am", "is", "want",
// "feel", unmarked, and not after "to", a modal or a negation), no word
// of now ("now", "today", "tonight", "again", "anymore",
// "lately", "yesterday", "last night"), and no "if", "wish" or "would",
// beside which a past form is a wish, not the past ("if I was gone").

// pastForm reports whether w, read as the single sym s, is written in a
// past form: a regular "-ed" form of another lemma ("wanted" of "want";
// "need" is its own lemma), or the past of an irregular verb a story is
// told in. Modals ("could", "would") are not: "I could die" is not the
// past. A switch, not a map: it is asked for every word.
func (v *vocab) pastForm(w []byte, s sym) bool {
	if n := len(w); n > 4 && w[n-2] == 'e' && w[n-1] == 'd' {
		return s >= symFirstWord && int(s) < len(v.names) && v.names[s] != string(w)
	}
	switch string(w) {
	case "was", "were", "had", "did", "went", "felt", "thought", "took", "wrote", "said",
		"told", "knew", "got", "made", "came", "left", "kept", "found", "gave", "lost", "sat",
		"stood", "began", "became", "spent", "sent", "held", "bought", "brought", "fought",
		"slept", "woke", "ate", "drank", "drove", "fell", "saw", "ran", "wasnt", "werent",
		"didnt", "hadnt":
		return true
	}
	return false
}

// markPast records that the token at index i is written in a past form.
func (t *tokenizer) markPast(i int) {
	w := i / 64
	for len(t.sc.past) <= w {
		t.sc.past = append(t.sc.past, 0)
	}
	t.sc.past[w] |= 1 << (i % 64)
}

// isPast reports whether the token at index i of the text last tokenized
// was written in a past form.
func (sc *scratch) isPast(i int) bool {
	w := i / 64
	return w < len(sc.past) && sc.past[w]&(1<<(i%64)) != 0
}

// tense holds, per sym, what toldInPast reads.
type tense struct {
	present []bool // a verb whose unmarked form is the present: be, have, want…
	after   []bool // a word after which a verb is not finite: to, would, not…
	keep    []bool // a word that keeps its clause from the past: now, today… and if, wish, would
	lead    []bool // a verb a diary sentence opens with, its subject dropped, in a form sc.past does not mark: going, cut…
	again   sym    // "again", which keeps the whole sentence from the past
	last    sym    // "last", for "last night"
	night   sym
}

func tenseTable(v *vocab) *tense {
	n := len(v.names)
	t := &tense{present: make([]bool, n), after: make([]bool, n), keep: make([]bool, n), lead: make([]bool, n)}
	mark := func(m []bool, words ...string) {
		for _, w := range words {
			if s, ok := v.lemma[w]; ok {
				m[s] = true
			}
		}
	}
	mark(t.present, "be", "have", "do", "want", "wish", "feel", "need", "keep", "think", "can", "will", "hope", "pray")
	mark(t.after, "to", "would", "could", "should", "might", "must", "may", "will", "can", "not", "never", "do", "be", "have")
	mark(t.keep, "now", "today", "tonight", "anymore", "lately", "recently", "yesterday", "currently", "tomorrow")
	// A past form after "if" or beside "wish" or "would" is not the past:
	// "everyone would be better off if I wasn't alive".
	mark(t.keep, "if", "wish", "would", "unless")
	// "gonna" and "going" are "go"; "cut", "hit" and "put" are their own
	// past.
	mark(t.lead, "go", "cut", "hit", "put")
	// "still" would stand beside "again", but it is a filler word, dropped
	// before anything reads the sentence (vocab.go).
	t.again, t.last, t.night = v.lemma["again"], v.lemma["last"], v.lemma["night"]
	return t
}

// writerLeads reports whether the sentence toks[a:b] opens with its verb,
// its subject dropped, as a diary does: "Wrote letters to Mum and Ellie
// tonight", "Decided it's going to be Sunday when Priya's at her mum's",
// "gonna do it friday when everyone's at the match". Its subject is the
// writer, however many other people it names, so the sentence model may
// answer for it (modelSays): on the development sets no model reads, such
// sentences were a tenth of the misses, held back because someone else
// was the only person named (docs/safety.md, round 54).
func (d *Detector) writerLeads(toks []token, a, b int, sc *scratch) bool {
	t := d.tense
	if t == nil || a >= b {
		return false
	}
	s := toks[a].s
	return sc.isPast(a) || s >= symFirstWord && int(s) < len(t.lead) && t.lead[s]
}

// toldInPast reports whether the sentence toks[a:b] is told in the past
// tense and nothing in it brings it into the present. Only the clause of
// its risk match is read for that, up to end (riskClauseEnd): a later
// clause is the other half of a recovery story ("I wanted to die every
// day that winter, and today I bought tulips"). "again" anywhere in the
// sentence keeps it in the present, and so does a later clause that ends
// on its verb ("…, and I still do", "and tonight I am").
func (d *Detector) toldInPast(toks []token, a, b, end int, sc *scratch) bool {
	t := d.tense
	if t == nil {
		return false
	}
	if end < b {
		if s := toks[b-1].s; s >= symFirstWord && int(s) < len(t.present) && t.present[s] {
			return false
		}
	}
	past := false
	for k := a; k < b; k++ {
		s := toks[k].s
		if s < symFirstWord || int(s) >= len(t.keep) {
			continue
		}
		if s == t.again && t.again != 0 {
			return false
		}
		if k >= end {
			continue
		}
		if t.keep[s] || s == t.last && k+1 < b && toks[k+1].s == t.night && t.night != 0 {
			return false
		}
		if sc.isPast(k) {
			past = true
			continue
		}
		if t.present[s] && !t.notFinite(toks, a, k, sc) {
			return false
		}
	}
	return past
}

// notFinite reports whether the verb at toks[k] is not a finite verb of
// its own: it follows "to", a modal, a negation or an auxiliary ("wanted
// to be", "didn't want"), or a word written in a past form.
func (t *tense) notFinite(toks []token, a, k int, sc *scratch) bool {
	if k == a {
		return false
	}
	p := toks[k-1].s
	return p >= symFirstWord && int(p) < len(t.after) && (t.after[p] || sc.isPast(k-1))
}

// actInPast reports whether the risk match at, in the sentence toks[a:b],
// is an act told as done: its own words hold a verb in a past form ("I
// tried to end it", "I attempted suicide", "I hanged myself") and the
// whole sentence is told in the past tense, its later clauses too ("…, and
// I still think about it most days" is not). Such an intent or means is
// history, like a past attempt, which the recovery model may read as a story
// (round 58): over the development sets, recovery stories told this way
// were a fifth of the false alarms. "I told her I wanted to see it on
// someone before I end my life" and "I thought, I could end my life this
// month" are not: the act's own words are not in the past. The sentence
// keeps its yes and its reason code; it is marked vetoDone.
func (d *Detector) actInPast(toks []token, a, b int, at hit, sc *scratch) bool {
	for k := int(at.start); k < int(at.end) && k < b; k++ {
		if sc.isPast(k) {
			return d.toldInPast(toks, a, b, b, sc)
		}
	}
	return false
}

// tenseCode and toldInPastTense are the finding Explain adds after a
// sentence held by vetoTense: its rule's yes stands until the entry is
// read, and is then cancelled by stated recovery or the recovery model,
// or kept.
const (
	tenseCode       = "tense"
	toldInPastTense = "held: told in the past tense, until the whole entry is read"
	toldAsDone      = "history, like a past attempt: told in the past tense as done"
)
