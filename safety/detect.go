// Package safety holds what Secure Base needs when someone may be in
// danger: crisis lines for each country (LoadDirectory, feature G1), a
// check for crisis language in anything a person saves (NewDetector, G2),
// and the six parts of a personal safety plan (PlanSections, G3).
//
// The package imports no other project package and keeps no mutable
// global state, so the web server, the offline bundle and tools can all
// use it, and nothing elsewhere can change how it behaves. Three rules hold
// for every caller:
//
//   - Saving always succeeds. A detector result only brings the crisis
//     lines forward; it never blocks, delays or changes what is saved.
//   - Nothing that matched is logged. The app uses CheckEntry's yes or no
//     and nothing else; the words that matched never leave this package.
//   - Nobody is contacted automatically. The person decides whether to
//     reach out; the app only shows who they can call and how.
//
// Crisis-line data and detector rules are described in docs/safety.md,
// with how to update them.
package safety

import (
	"fmt"
	"math"
	"sync"
)

// Detector finds crisis language about the writer in free text (feature
// G2). It is built once, is read-only afterwards, and is safe for
// concurrent use.
//
// How it decides: the text is normalised into lemmas (tokenize.go); every
// word sequence of rules.txt is looked up from every word in one trie;
// each sentence is then judged on its own. A sentence says yes when a
// risk rule matches in it and passes the context checks (context.go): no
// idiom overlapping it, no negation governing it, no one else as its
// subject or speaker, no accident for self-injury, no reason to live in
// its clause, and no veto in its sentence (stated recovery, a question
// answered no). An entry says yes when one of its sentences does.
//
// Because a sentence is judged without its neighbours, ordinary sentences
// that pass one by one still pass when joined: the chance of a false alarm
// does not grow with the number of ordinary sentences in an entry.
type Detector struct {
	v     *vocab
	trie  *trie
	rules []rule
	acts  []act
	m     *model // nil: the rules alone (training)
	r     *model // the recovery model (recovery.go); nil: none (training)
	e     *model // the entry model (entry.go); nil: none (training)
	// persons marks, per sym, the words the model reads as one person
	// (personWords in model.go)
	persons []uint8
	// you maps, per sym, a "you" word to the writer's own, for an entry
	// written to oneself as "you" (voice.go); nil: never read that way.
	you []sym
	// tense reads whether a sentence is told in the past tense (tense.go);
	// nil: never.
	tense *tense
	pool  sync.Pool // *scratch
}

// Verdict is the one decision for an entry. Reason is the reason code of
// the rule that decided (see riskCodes), or "model" when the model beside
// the rules decided (model.go), for reviewers and audits only: it
// is never shown to the person who wrote the entry.
type Verdict struct {
	Crisis bool
	Reason string
}

// hit is one trie match: tokens [start, end) and what they mean.
type hit struct {
	start, end int32
	act        int32
}

// NewDetector reads the rules as compiled at build time (trie.bin, see
// compiled.go) and the model. It fails only when trie.bin does not fit the
// rules and code it is built into, or is damaged, which the tests catch
// before release; the error says what to run.
func NewDetector() (*Detector, error) {
	d, err := loadCompiled(compiledTrie)
	if err != nil {
		return nil, err
	}
	if d.v.unread, err = unreadWords(modelWords, d.v); err != nil {
		return nil, fmt.Errorf("safety: %s: %w", ModelWordsFile, err)
	}
	if inPlace(compiledTrie, d.trie.nodes) {
		// Checked and read in place: the pages loading read need not
		// stay in memory (compiled_linux.go).
		releasePages(compiledTrie)
	}
	return d.withModel()
}

// buildDetector compiles the rules from rules.txt, as go generate does,
// and adds the model: what NewDetector loads, built the slow way.
func buildDetector() (*Detector, error) {
	d, err := newRulesDetector()
	if err != nil {
		return nil, err
	}
	return d.withModel()
}

// withModel adds the models of the weight files built into the binary.
func (d *Detector) withModel() (*Detector, error) {
	return d.withWeights(modelText, recoveryWeights, entryWeights)
}

// withWeights adds the sentence, recovery and entry models read from the
// given weight files.
func (d *Detector) withWeights(model, recovery, entry string) (*Detector, error) {
	var err error
	if d.m, err = parseModel(model, d.v); err != nil {
		return nil, fmt.Errorf("safety: model_weights.tsv: %w", err)
	}
	if d.r, err = parseModel(recovery, d.v); err != nil {
		return nil, fmt.Errorf("safety: recovery_weights.tsv: %w", err)
	}
	if d.e, err = parseModel(entry, d.v); err != nil {
		return nil, fmt.Errorf("safety: entry_weights.tsv: %w", err)
	}
	return d, nil
}

// NewDetectorWith is the detector with the given weights for the sentence,
// recovery and entry models, in the form of the files TrainModel,
// TrainRecovery and TrainEntry write: for evaluating weights trained
// without part of the data (crisis-eval -cssrs-cv), never for the app.
func NewDetectorWith(model, recovery, entry []byte) (*Detector, error) {
	d, err := newRulesDetector()
	if err != nil {
		return nil, err
	}
	return d.withWeights(string(model), string(recovery), string(entry))
}

// newRulesDetector is the detector without the model.
func newRulesDetector() (*Detector, error) {
	return rulesDetector(rulesText, modelWords)
}

// rulesDetector is the detector of the rules text, without the model;
// words is the models' word list (model_words.txt, model.go).
func rulesDetector(text, words string) (*Detector, error) {
	rs, err := parseRules(text)
	if err != nil {
		return nil, fmt.Errorf("safety: %w", err)
	}
	v, err := newVocab(rs.classes)
	if err != nil {
		return nil, fmt.Errorf("safety: building vocabulary: %w", err)
	}
	d := &Detector{v: v, trie: newTrie()}
	d.pool.New = func() any { return &scratch{} }
	if err := d.compile(rs, &scratch{}); err != nil {
		return nil, fmt.Errorf("safety: compiling rules: %w", err)
	}
	if err := v.checkLemmas(); err != nil {
		return nil, fmt.Errorf("safety: compiling rules: %w", err)
	}
	v.inflectAll()
	v.addTypos()
	v.addDialect()
	if n := len(v.names); len(d.trie.root) < n {
		d.trie.root = append(d.trie.root, make([]int32, n-len(d.trie.root))...)
	}
	d.trie.freeze()
	d.persons, d.you, d.tense = personTable(v), secondPerson(v), tenseTable(v)
	if v.unread, err = unreadWords(words, v); err != nil {
		return nil, fmt.Errorf("safety: %s: %w", ModelWordsFile, err)
	}
	return d, nil
}

// CheckEntry decides whether an entry holds crisis language about the
// writer. texts are the entry's free-text fields; each is read on its own
// and the entry says yes when any sentence of any of them does. It errs
// toward yes where the words are clear, never blocks saving, and allocates
// nothing on the common path.
func (d *Detector) CheckEntry(texts ...string) Verdict {
	v, _ := d.decide(texts, false)
	return v
}

// Check is CheckEntry for a single text.
func (d *Detector) Check(text string) bool {
	return d.CheckEntry(text).Crisis
}

// Finding is one risk rule that matched, and what became of it. It names
// our rule, never the writer's words.
type Finding struct {
	Text     int    // which of the texts
	Sentence int    // which sentence of that text, from 0
	Code     string // the rule's reason code
	Rule     string // where the rule is: "rules.txt:123"
	Pattern  string // the rule as written
	Outcome  string // "yes", or why it was cancelled
}

// Explain decides like CheckEntry and also lists every risk match with its
// outcome. It is for tests and for `securebase crisis-check -why`, so a
// reviewer can see why an entry was flagged or not; the app never calls it.
func (d *Detector) Explain(texts ...string) (Verdict, []Finding) {
	return d.decide(texts, true)
}

func (d *Detector) decide(texts []string, explain bool) (Verdict, []Finding) {
	sc := d.pool.Get().(*scratch)
	defer d.pool.Put(sc)
	var ex *explainer
	if explain {
		ex = &explainer{}
	}
	v, history := d.scan(texts, sc, ex)
	return d.finish(texts, v, history, sc, ex)
}

// scan reads the entry sentence by sentence and returns the verdict of the
// rules and the sentence model, and whether its every yes is a past
// attempt or self-injury (history: only such an entry is put to the
// recovery model, finish).
func (d *Detector) scan(texts []string, sc *scratch, ex *explainer) (Verdict, bool) {
	var verdict Verdict
	// The second reading (voice.go) leaves what the first one noted.
	models := !sc.asWriter
	if models {
		sc.ekeys, sc.esents, sc.emax = sc.ekeys[:0], 0, math.Inf(-1)
		sc.writer, sc.you, sc.sents = false, 0, 0
		sc.weak, sc.weakScore = -1, math.Inf(-1)
	}
	// A sentence told as the past ("when I was nineteen I took an
	// overdose") that said yes is held back until the whole entry is read:
	// stated recovery anywhere in the entry ("these days I'm okay")
	// cancels it. Like every veto this only turns a yes into a no.
	recovered := false
	pastCode := ""
	var pastRanges [][2]int // Explain only
	// history stays true while every yes is a past attempt or self-injury,
	// or an intent or means told as done: only such an entry may be read
	// as a recovery story (finish).
	history := true
	// settle takes a sentence that said yes and survived its neighbours;
	// it reports whether the verdict is now final.
	settle := func(code string, bits vetoBits, from, to int) bool {
		if !(bits&(vetoPast|vetoTense) != 0 && pastStory(code)) && code != "attempt" && code != "selfharm" && bits&vetoDone == 0 {
			history = false
		}
		if bits&(vetoPast|vetoTense) != 0 && bits&vetoRecur == 0 {
			if recovered {
				ex.cancelFrom(from, to, pastRecovered)
				return false
			}
			if pastCode == "" {
				pastCode = code
			}
			if ex != nil {
				pastRanges = append(pastRanges, [2]int{from, to})
			}
			return false
		}
		if code == modelCode {
			// The model's yes stands, but a rule's later yes gives the
			// reason: read on.
			if !verdict.Crisis {
				verdict = Verdict{Crisis: true, Reason: code}
			}
			return false
		}
		if !verdict.Crisis || verdict.Reason == modelCode {
			verdict = Verdict{Crisis: true, Reason: code}
		}
		return ex == nil && !history
	}
	for ti, text := range texts {
		if text == "" {
			continue
		}
		toks := d.v.tokenize(text, sc, true)
		if models {
			d.noteVoice(toks, sc)
		} else {
			d.readAsWriter(toks)
		}
		// A sentence that said yes waits (pending) until the next one is
		// judged: stated recovery there, or before it, cancels it.
		var prevBits, pendBits vetoBits
		pendCode, pendFrom, pendTo := "", 0, 0
		for a, sent := 0, 0; a < len(toks); sent++ {
			b := a
			for b < len(toks) && toks[b].s != symBound {
				b++
			}
			if b > a {
				sc.sents++
			}
			// The sentence's own words and its end mark: a rule may end
			// in "$", never go past it.
			d.find(toks, a, min(b+1, len(toks)), sc)
			if ex != nil {
				ex.text, ex.sentence = ti, sent
			}
			from := ex.size()
			code, weak, bits, held, at := d.judge(toks, sc.hits, ex)
			if (code == "intent" || code == "means") && bits&(vetoPast|vetoRecur) == 0 && d.actInPast(toks, a, b, at, sc) {
				bits |= vetoDone
				ex.addTense("an intent or a means, told in the past tense as done", toldAsDone)
			}
			if pastStory(code) && bits&(vetoPast|vetoRecur) == 0 && d.toldInPast(toks, a, b, d.riskClauseEnd(toks, sc.hits), sc) {
				bits |= vetoTense
				ex.addTense("a wish, no reason to live or being a burden, told in the past tense", toldInPastTense)
			}
			if !models && bits&vetoMedia != 0 {
				// "a song about losing your will to live": a "you" beside
				// a film or song is anyone's.
				code, weak = "", -1
			}
			// The entry model (entry.go) reads the sentences the
			// sentence model may answer for.
			score := math.Inf(-1)
			if models {
				score = d.readSentence(toks, a, b, d.modelVeto(toks, a, b, bits, false) == "", sc)
				if code == "" && d.m != nil && !held {
					code = d.modelSays(toks, a, b, bits, score, sc, ex)
				}
			}
			if weak >= 0 {
				noteWeak(sc, weak, bits, score)
			}
			if bits&vetoRecovery != 0 {
				recovered = true
			}
			if pendCode != "" {
				if neighbourCancels(pendBits, bits) {
					ex.cancelFrom(pendFrom, pendTo, "stated recovery or a no in the next sentence")
				} else if jokeCancels(bits, pendCode) {
					ex.cancelFrom(pendFrom, pendTo, "taken back as a joke in the next sentence")
				} else if n := narrowCancels(narrowReach(bits), pendCode); n != narrowNone {
					ex.cancelFrom(pendFrom, pendTo, narrowWhy[n][inNext])
				} else if settle(pendCode, pendBits|pastReach(bits), pendFrom, pendTo) {
					return verdict, history
				}
				pendCode = ""
			}
			if code != "" {
				if sent > 0 && neighbourCancels(bits, prevBits) {
					ex.cancelFrom(from, ex.size(), "stated recovery in the sentence before")
				} else if n := narrowCancels(narrowReach(prevBits), code); sent > 0 && n != narrowNone {
					ex.cancelFrom(from, ex.size(), narrowWhy[n][inBefore])
				} else {
					if code == "attempt" && sent > 0 {
						// A story goes on from a sentence told as the
						// past: "When I was twenty I tried to end it.
						// My flatmate found me in time."
						bits |= pastReach(prevBits)
					}
					pendCode, pendBits, pendFrom, pendTo = code, bits, from, ex.size()
				}
			}
			prevBits = bits
			a = b + 1
		}
		if pendCode != "" && settle(pendCode, pendBits, pendFrom, pendTo) {
			return verdict, history
		}
	}
	if recovered {
		sc.weak = -1 // a weak line is not borne out in a recovery story
	}
	if pastCode != "" && (!verdict.Crisis || verdict.Reason == modelCode) {
		if recovered {
			for _, r := range pastRanges {
				ex.cancelFrom(r[0], r[1], pastRecovered)
			}
		} else {
			verdict = Verdict{Crisis: true, Reason: pastCode}
		}
	}
	return verdict, history
}

// finish gives the recovery model (recovery.go) its say over an entry
// that said yes only to a past attempt or self-injury (history), and
// returns the verdict with ex's findings.
func (d *Detector) finish(texts []string, v Verdict, history bool, sc *scratch, ex *explainer) (Verdict, []Finding) {
	if !v.Crisis {
		v, history = d.inSecondPerson(texts, sc, ex)
	}
	switch {
	case v.Crisis && history:
		if ok, f := d.recovered(texts, sc, ex != nil); ok {
			v = Verdict{}
			if ex != nil {
				ex.found = append(ex.found, *f)
			}
		}
	case !v.Crisis:
		e := d.entryScore(sc)
		if ok, f := d.entrySays(e, ex != nil); ok {
			v = Verdict{Crisis: true, Reason: entryCode}
			if ex != nil {
				ex.found = append(ex.found, *f)
			}
		} else if code, f := d.weakSays(sc, e, ex != nil); code != "" {
			v = Verdict{Crisis: true, Reason: code}
			if ex != nil {
				ex.found = append(ex.found, *f)
			}
		}
	}
	if ex == nil {
		return v, nil
	}
	return v, ex.found
}

// modelSays returns "model" when the model says yes for the sentence
// toks[a:b] of the given score and no veto holds it back. A sentence whose
// only people are others is still the writer's when it opens with its
// verb, as a diary does (writerLeads, round 54), or when the writer is the
// first person it names (writerFirst, round 61).
func (d *Detector) modelSays(toks []token, a, b int, bits vetoBits, score float64, sc *scratch, ex *explainer) string {
	if score < d.m.threshold {
		return ""
	}
	why := d.modelVeto(toks, a, b, bits, true)
	if why == whyOtherOnly && (d.writerLeads(toks, a, b, sc) || d.writerFirst(toks, a, b)) {
		why = ""
	}
	if ex != nil {
		out := why
		if out == "" {
			out = "yes"
		}
		f := d.modelFinding(toks, a, b, score, out)
		f.Text, f.Sentence = ex.text, ex.sentence
		ex.found = append(ex.found, f)
	}
	if why != "" {
		return ""
	}
	return modelCode
}

// pastStory reports whether a yes of this code, told as the past
// ("When I was nineteen I wanted to die most days"), still lets the
// recovery model read the entry as a story (round 51): a wish, no reason
// to live, being a burden. A plan, an intent, a farewell, the means, the
// model's own yes and preparation told as the past keep the entry from it,
// as before: on the development sets, letting them through too cancelled
// plain crises with a past beside them ("It used to be a flicker. Now it
// sits with me through breakfast."; docs/safety.md, round 51).
//
// A switch, not a package map: it is asked for every sentence, and the
// package keeps no mutable state.
func pastStory(code string) bool {
	switch code {
	case "wish", "hopeless", "burden":
		return true
	}
	return false
}

const pastRecovered = "told as the past, and recovery is stated in the entry"

// find walks the trie from every token of toks[from:to] and records every
// sequence that ends within it, ordered by start.
func (d *Detector) find(toks []token, from, to int, sc *scratch) {
	hits := sc.hits[:0]
	t := d.trie
	for i := from; i < to; i++ {
		s := toks[i].s
		if s < symFirstWord || int(s) >= len(t.root) {
			continue
		}
		n := t.root[s]
		for j := i; n != 0; {
			for _, a := range t.actsAt(n) {
				hits = append(hits, hit{start: int32(i), end: int32(j + 1), act: a}) // #nosec G115 -- token indexes: texts are bounded by the request body limit, far below 2^31
			}
			j++
			if j >= to {
				break
			}
			n = t.child(n, toks[j].s)
		}
	}
	sc.hits = hits
}
