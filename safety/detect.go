// Package safety holds what Secure Base needs when someone may be in
// danger: crisis lines for each country (LoadDirectory, feature G1), a
// detector for crisis language in anything a person saves (NewDetector,
// G2), and the six parts of a personal safety plan (PlanSections, G3).
//
// The package imports no other project package and keeps no mutable
// global state, so the web server, the offline bundle and tools can all
// use it, and nothing elsewhere can change how it behaves. Three rules hold
// for every caller:
//
//   - Saving always succeeds. A detector result only brings the crisis
//     lines forward; it never blocks, delays or changes what is saved.
//   - Nothing that matched is logged. Check returns a bool and the words
//     that matched never leave this package.
//   - Nobody is contacted automatically. The person decides whether to
//     reach out; the app only shows who they can call and how.
//
// Crisis-line data and detector phrases are described in docs/safety.md,
// with how to update them.
package safety

import (
	"fmt"
	"strings"
	"sync"
)

// Detector finds crisis language in free text (feature G2). It answers one
// question, yes or no, and never says which words matched: callers must
// not be able to log, show or store them. It is built once, is read-only
// afterwards, and is safe for concurrent use.
//
// How it works: the text is tokenized into lemmas (tokenize.go); every
// phrase from rules.go and every cue phrase from rules_cues.go is looked
// up from every position in one word trie; sentences holding stated
// recovery or a question answered no are blanked (context_mask.go); each
// risk match must then pass the context checks, and the first one that
// passes answers yes. The checks are: an idiom overlapping the match ("I
// want to die of embarrassment"), a reason to live in the same clause, a
// negation just before it ("I would never hurt myself"), someone else as
// the subject ("my friend wants to die") or as the speaker of a quotation,
// and, for self-injury verbs, an accident nearby ("I cut myself shaving").
// If no phrase passes, the clause pairs of cooccur.go and then the
// sentence-window cue combinations of context_window.go get a turn under
// the same checks. Work per token is bounded, so time is linear in the
// length of the text.
type Detector struct {
	v      *vocab
	trie   *trie
	rules  []rule
	cues   []cueRule // phrase cues for the sentence-window rules
	combos []cueCombo
	m      *model    // the statistical layer (model.go)
	pool   sync.Pool // *scratch
}

// cueRule is the compiled meaning of a cue phrase (rules_cues.go): which
// cue bits it carries and which context checks apply to it.
type cueRule struct {
	bits      uint64
	selfRef   bool
	negatable bool
	source    string
}

// rule is the compiled meaning of one trie end node.
type rule struct {
	kind      ruleKind
	mask      uint8 // for kindMask: which sentence mask it is
	injury    bool
	selfRef   bool // holds i/me/my/myself, so the writer is the subject
	negatable bool // holds no negation of its own
	source    string
}

type match struct {
	start, end int32
	rule       int32
}

// NewDetector compiles the rules. It fails only on a mistake in the rule
// data, which the tests catch before release.
func NewDetector() (*Detector, error) {
	v, err := newVocab()
	if err != nil {
		return nil, fmt.Errorf("safety: building vocabulary: %w", err)
	}
	d := &Detector{v: v, trie: newTrie()}
	d.pool.New = func() any { return &scratch{} }
	sc := &scratch{}
	for _, g := range ruleGroups {
		for _, line := range g.lines {
			if err := d.addRule(g, line, sc); err != nil {
				return nil, fmt.Errorf("safety: compiling crisis rules: %w", err)
			}
		}
	}
	for _, g := range append(cuePhraseGroups(), conceptPhraseGroups()...) {
		for _, line := range g.lines {
			if err := d.addCue(g.bits, g.anySubject, line, sc); err != nil {
				return nil, fmt.Errorf("safety: compiling cue phrases: %w", err)
			}
		}
	}
	combos, err := compileCombos()
	if err != nil {
		return nil, fmt.Errorf("safety: compiling cue combinations: %w", err)
	}
	d.combos = combos
	if err := v.checkLemmas(); err != nil {
		return nil, fmt.Errorf("safety: compiling crisis rules: %w", err)
	}
	v.inflectAll()
	v.addTypos()
	if n := len(v.names); len(d.trie.root) < n {
		d.trie.root = append(d.trie.root, make([]int32, n-len(d.trie.root))...)
	}
	if err := d.loadModel(modelWeights); err != nil {
		return nil, fmt.Errorf("safety: loading model weights: %w", err)
	}
	return d, nil
}

func (d *Detector) addRule(g ruleGroup, line string, sc *scratch) error {
	seqs, err := expand(line, ruleMacros)
	if err != nil {
		return err
	}
	for _, words := range seqs {
		for _, w := range words {
			if w == "$" || w == "," || strings.ContainsRune(w, '\'') {
				continue
			}
			if strings.ContainsAny(w, "?!.;:") {
				return fmt.Errorf("rule %q: %q is not a word (use [x] for optional words)", line, w)
			}
			if seq, ok := d.v.words[w]; ok && len(seq) == 0 {
				return fmt.Errorf("rule %q uses the filler %q, which is dropped before matching", line, w)
			}
			d.v.resolve(w)
		}
		text := strings.ReplaceAll(strings.Join(words, " "), "$", ".")
		toks := d.v.tokenize(text, sc, false)
		if len(toks) == 0 || toks[0].s < symFirstWord {
			return fmt.Errorf("rule %q: a sequence is empty or starts with punctuation", line)
		}
		seq := make([]sym, len(toks))
		r := rule{kind: g.kind, mask: g.mask, injury: g.injury, negatable: true, source: line}
		for i, t := range toks {
			if t.s == symUnknown || t.s == symQuote {
				return fmt.Errorf("rule %q: %q did not normalise", line, text)
			}
			seq[i] = t.s
			f := d.v.flags[t.s]
			r.selfRef = r.selfRef || f&flagSelf != 0
			r.negatable = r.negatable && f&flagNeg == 0
		}
		end := d.trie.insert(seq, len(d.v.names))
		if old := d.trie.nodes[end].rule; old >= 0 {
			if d.rules[old].kind != r.kind {
				return fmt.Errorf("%q has two kinds, such as a risk and an idiom (%q, %q)", text, d.rules[old].source, line)
			}
			continue
		}
		d.trie.nodes[end].rule = int32(len(d.rules)) // #nosec G115 -- rules are the embedded lexicon's few thousand lines
		d.rules = append(d.rules, r)
	}
	return nil
}

// addCue compiles one cue phrase line into the trie. A sequence that is
// also a rule keeps both meanings: the node holds a rule and a cue.
func (d *Detector) addCue(bits uint64, anySubject bool, line string, sc *scratch) error {
	seqs, err := expand(line, ruleMacros)
	if err != nil {
		return err
	}
	for _, words := range seqs {
		for _, w := range words {
			if w == "$" || w == "," {
				continue
			}
			if strings.ContainsAny(w, "?!.;:'") {
				return fmt.Errorf("cue %q: %q is not a word", line, w)
			}
			if seq, ok := d.v.words[w]; ok && len(seq) == 0 {
				return fmt.Errorf("cue %q uses the filler %q, which is dropped before matching", line, w)
			}
			d.v.resolve(w)
		}
		text := strings.ReplaceAll(strings.Join(words, " "), "$", ".")
		toks := d.v.tokenize(text, sc, false)
		if len(toks) == 0 || toks[0].s < symFirstWord {
			return fmt.Errorf("cue %q: a sequence is empty or starts with punctuation", line)
		}
		seq := make([]sym, len(toks))
		c := cueRule{bits: bits, negatable: true, selfRef: anySubject, source: line}
		for i, t := range toks {
			if t.s == symUnknown || t.s == symQuote {
				return fmt.Errorf("cue %q: %q did not normalise", line, text)
			}
			seq[i] = t.s
			f := d.v.flags[t.s]
			c.selfRef = c.selfRef || f&flagSelf != 0
			c.negatable = c.negatable && f&flagNeg == 0
		}
		end := d.trie.insert(seq, len(d.v.names))
		if old := d.trie.nodes[end].cue; old >= 0 {
			d.cues[old].bits |= c.bits
			continue
		}
		d.trie.nodes[end].cue = int32(len(d.cues)) // #nosec G115 -- a few hundred cues, from our own embedded lexicon
		d.cues = append(d.cues, c)
	}
	return nil
}

// Check reports whether text holds crisis language about the writer. It
// errs toward yes: a missed crisis costs more than an extra, gentle offer
// of crisis lines. It never fails and never blocks saving.
func (d *Detector) Check(text string) bool {
	sc := d.pool.Get().(*scratch)
	defer d.pool.Put(sc)
	toks := d.v.tokenize(text, sc, true)
	d.find(toks, sc)
	if len(sc.mask) > 0 {
		d.applyMasks(toks, sc)
	}
	for _, m := range sc.risk {
		if !d.suppressed(m, sc.idiom) && !d.protected(toks, m, sc.protect) && d.allowed(toks, m) {
			return true
		}
	}
	return d.cooccurs(toks, sc) || d.windowFires(toks, sc)
}

// find walks the trie from every token and sorts matches by kind into
// sc. Each slice comes out ordered by start.
func (d *Detector) find(toks []token, sc *scratch) {
	risk, idiom, protect, cue, mask := sc.risk[:0], sc.idiom[:0], sc.protect[:0], sc.cue[:0], sc.mask[:0]
	t := d.trie
	for i := range toks {
		s := toks[i].s
		if s < symFirstWord || int(s) >= len(t.root) {
			continue
		}
		n := t.root[s]
		for j := i; n != 0; {
			if c := t.nodes[n].cue; c >= 0 {
				cue = append(cue, match{start: int32(i), end: int32(j + 1), rule: c})
			}
			if r := t.nodes[n].rule; r >= 0 {
				m := match{start: int32(i), end: int32(j + 1), rule: r}
				switch d.rules[r].kind {
				case kindRisk:
					risk = append(risk, m)
				case kindIdiom:
					idiom = append(idiom, m)
				case kindProtect:
					protect = append(protect, m)
				case kindMask:
					mask = append(mask, m)
				}
			}
			j++
			if j >= len(toks) {
				break
			}
			n = t.child(n, toks[j].s)
		}
	}
	sc.risk, sc.idiom, sc.protect, sc.cue, sc.mask = risk, idiom, protect, cue, mask
}

// suppressed reports whether an idiom overlaps m without lying wholly
// inside it. "want to die" is cancelled by "die of embarrassment", but
// "wish I could sleep forever" is not cancelled by the idiom "could sleep
// forever" that it contains.
func (d *Detector) suppressed(m match, idiom []match) bool {
	from := m.start - int32(d.trie.maxLen) // #nosec G115 -- the longest rule, a few words
	i := firstStartAfter(idiom, from)
	for ; i < len(idiom) && idiom[i].start < m.end; i++ {
		id := idiom[i]
		if id.end <= m.start {
			continue
		}
		if !(m.start <= id.start && id.end <= m.end) {
			return true
		}
	}
	return false
}

// allowed applies the context checks to one risk match.
func (d *Detector) allowed(toks []token, m match) bool {
	r := d.rules[m.rule]
	if q := toks[m.start].q; q >= 0 && d.quotedOther(toks, q) {
		return false
	}
	if r.negatable && d.negated(toks, int(m.start)) {
		return false
	}
	if !r.selfRef && d.subjectIsOther(toks, int(m.start)) {
		return false
	}
	if r.injury && d.accidentNear(toks, int(m.start), int(m.end)) {
		return false
	}
	return true
}

// firstStartAfter returns the index of the first match starting after
// pos. It is sort.Search written out, to keep Check free of allocations.
func firstStartAfter(ms []match, pos int32) int {
	lo, hi := 0, len(ms)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if ms[mid].start > pos {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}
