package belief

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

//go:embed hint_rules.json
var hintRulesJSON []byte

// MaxThought bounds the text the hint engine reads, in characters. A
// thought is a sentence or two; anything past this is not looked at, so
// time stays bounded whatever a client sends.
const MaxThought = 4000

// Hint is one thinking trap found in a thought's own words (C4): the
// trap's id and a short reason that quotes the words that suggest it. It
// is a suggestion for the person to accept or dismiss, never a verdict.
type Hint struct {
	ID  string `json:"id"`
	Why string `json:"why"`
}

// Hinter finds thinking traps in a thought. It is compiled once from the
// embedded rules by NewHinter, is read-only afterwards and is safe for
// concurrent use.
//
// How it works: the thought is split into sentences, clauses and words;
// each word is lowercased, its spelling and contractions normalised and
// its inflection mapped to a lemma (hint_token.go). Every rule's cue is
// then matched (hint_pattern.go). A match is dropped when a negation sits
// just before it or inside its gaps ("I'm not an idiot"), or when one of
// the rule's "unless" cues overlaps it ("I'll never" is fortune telling,
// not overgeneralising). A hedge nearby ("maybe", "might") scales the
// match down for the traps that are claims about others or the future.
// Each trap's score is its best match plus half of the others (at most one
// more point); support cues ("I can tell", "obviously") only add to a trap
// that has a cue of its own. Traps that reach the threshold are hinted,
// best first, each with the words of its best match.
type Hinter struct {
	threshold  float64
	maxHints   int
	quoteWords int

	expand     map[string][]string
	lemmas     map[string]string
	phrases    map[string][]phrase
	groups     map[string]map[string]bool
	nameGroups map[string]bool
	known      map[string]bool
	fillers    map[string]bool
	negators   map[string]bool
	hedges     map[string]bool

	// Matching works on numbers: every word the rules know has an id, every
	// group a bit, so testing a token against a cue element is two bit tests.
	ids        map[string]int32
	wordGroups []uint64 // by word id: the groups the word belongs to
	groupBit   map[string]uint64
	nameMask   uint64 // the groups a person's name belongs to

	traps []trapRule // in the order of Traps
	rules []rule
	index [][]int // by word id: rules that can start at that word
	named []int   // rules that a person's name can start
}

type phrase struct{ from, to []string }

type trapRule struct {
	id    string
	why   string
	hedge float64 // factor for a hedged match; 1 means hedges do not matter
}

type rule struct {
	id      string
	trap    int
	cue     pattern // one of the rule's cues; a rule with several cues compiles to one rule per cue
	score   float64
	why     string
	negOK   bool // a negation does not cancel this cue (its words carry the negation)
	support bool
	unless  []pattern
}

// ruleFile is the shape of hint_rules.json; docs/belief.md describes it.
type ruleFile struct {
	Threshold  float64             `json:"threshold"`
	MaxHints   int                 `json:"max_hints"`
	QuoteWords int                 `json:"quote_words"`
	Fillers    []string            `json:"fillers"`
	Distinct   []string            `json:"distinct"`
	Negators   []string            `json:"negators"`
	Hedges     []string            `json:"hedges"`
	Irregular  map[string]string   `json:"irregular"`
	Expand     map[string]string   `json:"expand"`
	Phrases    map[string]string   `json:"phrases"`
	Groups     map[string][]string `json:"groups"`
	NameGroups []string            `json:"name_groups"`
	Traps      map[string]struct {
		Why   string  `json:"why"`
		Hedge float64 `json:"hedge"`
	} `json:"traps"`
	Rules []struct {
		ID      string   `json:"id"`
		Trap    string   `json:"trap"`
		Cues    []string `json:"cues"`
		Score   float64  `json:"score"`
		Why     string   `json:"why"`
		Neg     string   `json:"neg"`
		Support bool     `json:"support"`
		Unless  []string `json:"unless"`
	} `json:"rules"`
}

// NewHinter compiles the embedded rules. It fails only if the rules file
// is broken, which the package's tests rule out; callers build one at
// start-up and share it.
func NewHinter() (*Hinter, error) { return compileHinter(hintRulesJSON) }

func compileHinter(data []byte) (*Hinter, error) {
	var f ruleFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("belief: hint rules: %w", err)
	}
	if f.Threshold <= 0 || f.MaxHints < 1 || f.QuoteWords < 2 {
		return nil, fmt.Errorf("belief: hint rules: threshold, max_hints and quote_words must be positive")
	}
	h := &Hinter{
		threshold: f.Threshold, maxHints: f.MaxHints, quoteWords: f.QuoteWords,
		expand: map[string][]string{}, lemmas: map[string]string{}, phrases: map[string][]phrase{},
		groups: map[string]map[string]bool{}, nameGroups: map[string]bool{}, known: map[string]bool{},
		fillers: map[string]bool{}, negators: map[string]bool{}, hedges: map[string]bool{},
		ids: map[string]int32{}, groupBit: map[string]uint64{},
	}
	for w, to := range f.Expand {
		if w != strings.ToLower(w) || len(strings.Fields(to)) == 0 {
			return nil, fmt.Errorf("belief: hint rules: expansion %q → %q", w, to)
		}
		h.expand[w] = strings.Fields(to)
	}
	for form, l := range f.Irregular {
		h.lemmas[form] = l
	}
	// Vocabulary: every word the rules name, as a lemma, so inflections of
	// those words can be mapped back (regularInflections below).
	vocab := map[string]bool{}
	addWord := func(w string) string {
		ws := h.normalise(w)
		for i, x := range ws {
			ws[i] = h.lemma(x)
			vocab[ws[i]] = true
		}
		return strings.Join(ws, " ")
	}
	for name, members := range f.Groups {
		if name == "" || strings.ContainsAny(name, " @|?") {
			return nil, fmt.Errorf("belief: hint rules: bad group name %q", name)
		}
		h.groups[name] = map[string]bool{}
		for _, m := range members {
			if !strings.HasPrefix(m, "@") {
				addWord(m)
			}
		}
	}
	for _, r := range f.Rules {
		for _, c := range append(append([]string(nil), r.Cues...), r.Unless...) {
			for _, fld := range strings.Fields(c) {
				for _, alt := range strings.Split(strings.TrimSuffix(fld, "?"), "|") {
					if alt != "" && alt[0] != '@' && alt[0] != '*' && alt[0] != '~' {
						addWord(strings.ToLower(alt))
					}
				}
			}
		}
	}
	for _, list := range [][]string{f.Fillers, f.Negators, f.Hedges} {
		for _, w := range list {
			addWord(w)
		}
	}
	if err := checkLemmas(vocab, f.Distinct); err != nil {
		return nil, err
	}
	for _, w := range f.Distinct { // their own words: never read as a form of another
		vocab[w] = true
	}
	h.addInflections(vocab, f.Expand)
	// Groups, resolved after the lemma table so members are lemmas; a
	// member "@X" pulls in group X (one level).
	for name, members := range f.Groups {
		for _, m := range members {
			if strings.HasPrefix(m, "@") {
				sub, ok := f.Groups[m[1:]]
				if !ok {
					return nil, fmt.Errorf("belief: hint rules: group %s: no group %s", name, m)
				}
				for _, s := range sub {
					if strings.HasPrefix(s, "@") {
						return nil, fmt.Errorf("belief: hint rules: group %s: nested group %s in %s", name, s, m)
					}
					h.groups[name][h.lemmaOf(s)] = true
				}
				continue
			}
			h.groups[name][h.lemmaOf(m)] = true
		}
	}
	for _, g := range f.NameGroups {
		if _, ok := h.groups[g]; !ok {
			return nil, fmt.Errorf("belief: hint rules: name group %s is not a group", g)
		}
		h.nameGroups[g] = true
	}
	for _, set := range []struct {
		words []string
		to    map[string]bool
	}{{f.Fillers, h.fillers}, {f.Negators, h.negators}, {f.Hedges, h.hedges}} {
		for _, w := range set.words {
			set.to[h.lemmaOf(w)] = true
		}
	}
	for from, to := range f.Phrases {
		fw, tw := strings.Fields(h.lemmaPhrase(from)), strings.Fields(h.lemmaPhrase(to))
		if len(fw) < 2 {
			return nil, fmt.Errorf("belief: hint rules: phrase %q needs two words or more", from)
		}
		for _, w := range tw {
			vocab[w] = true
		}
		h.phrases[fw[0]] = append(h.phrases[fw[0]], phrase{from: fw, to: tw})
	}
	for _, ps := range h.phrases { // longest first, then by text, so the result never depends on map order
		sort.Slice(ps, func(i, j int) bool {
			if len(ps[i].from) != len(ps[j].from) {
				return len(ps[i].from) > len(ps[j].from)
			}
			return strings.Join(ps[i].from, " ") < strings.Join(ps[j].from, " ")
		})
	}
	for w := range vocab {
		h.known[w] = true
	}
	if err := h.number(vocab); err != nil {
		return nil, err
	}

	for _, t := range Traps() {
		tc, ok := f.Traps[t.ID]
		if !ok || !plainLine(tc.Why, 120) || tc.Hedge <= 0 || tc.Hedge > 1 {
			return nil, fmt.Errorf("belief: hint rules: trap %s needs a why and a hedge factor in (0, 1]", t.ID)
		}
		h.traps = append(h.traps, trapRule{id: t.ID, why: tc.Why, hedge: tc.Hedge})
	}
	if len(f.Traps) != len(h.traps) {
		return nil, fmt.Errorf("belief: hint rules: %d traps configured, want %d", len(f.Traps), len(h.traps))
	}
	seen := map[string]bool{}
	for _, rc := range f.Rules {
		if rc.ID == "" || seen[rc.ID] {
			return nil, fmt.Errorf("belief: hint rules: rule id %q missing or repeated", rc.ID)
		}
		seen[rc.ID] = true
		ti := trapIndex(rc.Trap)
		if ti < 0 {
			return nil, fmt.Errorf("belief: hint rules: rule %s: no trap %q", rc.ID, rc.Trap)
		}
		if rc.Score <= 0 || rc.Score > 3 {
			return nil, fmt.Errorf("belief: hint rules: rule %s: score %v out of (0, 3]", rc.ID, rc.Score)
		}
		if rc.Why != "" && !plainLine(rc.Why, 120) {
			return nil, fmt.Errorf("belief: hint rules: rule %s: why is not one short line", rc.ID)
		}
		if rc.Neg != "" && rc.Neg != "ignore" {
			return nil, fmt.Errorf("belief: hint rules: rule %s: neg must be empty or \"ignore\"", rc.ID)
		}
		var unless []pattern
		for _, u := range rc.Unless {
			up, err := h.compilePattern(u)
			if err != nil {
				return nil, fmt.Errorf("belief: hint rules: rule %s unless: %w", rc.ID, err)
			}
			unless = append(unless, up)
		}
		if len(rc.Cues) == 0 {
			return nil, fmt.Errorf("belief: hint rules: rule %s has no cues", rc.ID)
		}
		for _, c := range rc.Cues {
			p, err := h.compilePattern(c)
			if err != nil {
				return nil, fmt.Errorf("belief: hint rules: rule %s: %w", rc.ID, err)
			}
			h.rules = append(h.rules, rule{id: rc.ID, trap: ti, cue: p, score: rc.Score, why: rc.Why,
				negOK: rc.Neg == "ignore", support: rc.Support, unless: unless})
		}
	}
	h.index = make([][]int, len(h.ids))
	for i, r := range h.rules {
		words, named := h.firstWords(r.cue)
		for _, id := range words {
			h.index[id] = append(h.index[id], i)
		}
		if named {
			h.named = append(h.named, i)
		}
	}
	return h, nil
}

// number gives every vocabulary and group word an id and every group a
// bit, in sorted order so the result never depends on map order.
func (h *Hinter) number(vocab map[string]bool) error {
	all := map[string]bool{}
	for w := range vocab {
		all[w] = true
	}
	names := make([]string, 0, len(h.groups))
	for g, members := range h.groups {
		names = append(names, g)
		for w := range members {
			all[w] = true
		}
	}
	if len(names) > 64 {
		return fmt.Errorf("belief: hint rules: %d groups, at most 64", len(names))
	}
	sort.Strings(names)
	for i, g := range names {
		h.groupBit[g] = 1 << uint(i)
		if h.nameGroups[g] {
			h.nameMask |= 1 << uint(i)
		}
	}
	words := make([]string, 0, len(all))
	for w := range all {
		words = append(words, w)
	}
	sort.Strings(words)
	h.wordGroups = make([]uint64, len(words))
	for i, w := range words {
		h.ids[w] = int32(i)
		for _, g := range names {
			if h.groups[g][w] {
				h.wordGroups[i] |= h.groupBit[g]
			}
		}
	}
	return nil
}

// lemmaOf normalises one word of the rules file to its lemma.
func (h *Hinter) lemmaOf(w string) string {
	ws := h.normalise(strings.ToLower(w))
	return h.lemma(ws[len(ws)-1])
}

func (h *Hinter) lemmaPhrase(s string) string {
	var out []string
	for _, w := range strings.Fields(strings.ToLower(s)) {
		for _, x := range h.normalise(w) {
			out = append(out, h.lemma(x))
		}
	}
	return strings.Join(out, " ")
}

// addInflections maps the regular inflections of every vocabulary word to
// it: -s, -es, -ies, -ed, -d, -ied, -ing (with a final e dropped or a
// final consonant doubled). A form that is itself a vocabulary word, an
// expansion or an irregular form keeps its own meaning, and a form two
// words could claim is left alone.
func (h *Hinter) addInflections(vocab map[string]bool, expand map[string]string) {
	words := make([]string, 0, len(vocab))
	for w := range vocab {
		words = append(words, w)
	}
	sort.Strings(words)
	claims := map[string][]string{}
	for _, w := range words {
		if utf8.RuneCountInString(w) < 3 || strings.Contains(w, " ") {
			continue
		}
		for _, f := range inflections(w) {
			if vocab[f] || f == w {
				continue
			}
			if _, ok := expand[f]; ok {
				continue
			}
			if _, ok := h.lemmas[f]; ok {
				continue
			}
			claims[f] = append(claims[f], w)
		}
	}
	for f, ws := range claims {
		if len(ws) == 1 {
			h.lemmas[f] = ws[0]
		}
	}
}

// checkLemmas refuses a rules file that names an inflected form of another
// word it names ("feeling" beside "feel"): the form would then keep its own
// meaning and no longer match the lemma's cues. Words listed as distinct
// ("evening", "annoying" beside "annoyed") are their own words on purpose.
func checkLemmas(vocab map[string]bool, distinct []string) error {
	keep := map[string]bool{}
	for _, w := range distinct {
		keep[w] = true
	}
	words := make([]string, 0, len(vocab))
	for w := range vocab {
		words = append(words, w)
	}
	sort.Strings(words)
	var bad []string
	for _, w := range words {
		if len(w) < 3 {
			continue
		}
		for _, f := range inflections(w) {
			if f != w && vocab[f] && !keep[f] {
				bad = append(bad, fmt.Sprintf("%q is a form of %q", f, w))
			}
		}
	}
	if len(bad) > 0 {
		return fmt.Errorf("belief: hint rules: write lemmas: %s", strings.Join(bad, "; "))
	}
	return nil
}

func inflections(w string) []string {
	last := w[len(w)-1]
	vowel := func(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }
	out := []string{w + "s", w + "es", w + "ed", w + "ing"}
	if last == 'e' {
		out = append(out, w+"d", w[:len(w)-1]+"ing")
	}
	if last == 'y' && len(w) > 2 && !vowel(w[len(w)-2]) {
		out = append(out, w[:len(w)-1]+"ies", w[:len(w)-1]+"ied")
	}
	if len(w) >= 3 && !vowel(last) && vowel(w[len(w)-2]) && !vowel(w[len(w)-3]) && strings.IndexByte("wxy", last) < 0 {
		out = append(out, w+string(last)+"ed", w+string(last)+"ing")
	}
	return out
}

// found is one cue match that survived the checks.
type found struct {
	rule  int
	sp    span
	score float64
}

// Hints returns the thinking traps the thought's own words suggest, best
// first, each with a reason that quotes those words. A thought whose words
// give no evidence of a trap gets none. Only the first MaxThought
// characters are read.
func (h *Hinter) Hints(thought string) []Hint {
	scored := h.score(thought)
	out := make([]Hint, 0, len(scored))
	for _, s := range scored {
		out = append(out, Hint{ID: h.traps[s.trap].id, Why: s.why})
	}
	return out
}

// trapScore is one trap's score for a thought, with its best reason.
type trapScore struct {
	trap  int
	score float64
	why   string
	rule  string
}

// score runs every rule and returns the traps at or over the threshold in
// order.
func (h *Hinter) score(thought string) []trapScore {
	text := clip(thought, MaxThought)
	toks := h.tokenize(text)
	per := make([][]found, len(h.traps))
	for _, f := range h.matchAll(toks) {
		t := h.rules[f.rule].trap
		per[t] = append(per[t], f)
	}
	var out []trapScore
	for t, fs := range per {
		sort.SliceStable(fs, func(i, j int) bool { return fs[i].score > fs[j].score })
		best := -1
		for i, f := range fs {
			if !h.rules[f.rule].support {
				best = i
				break
			}
		}
		if best < 0 {
			continue
		}
		rest := 0.0
		counted := map[string]bool{h.rules[fs[best].rule].id: true}
		for _, f := range fs { // each rule counts once, however often its cues match
			if id := h.rules[f.rule].id; !counted[id] {
				counted[id] = true
				rest += f.score
			}
		}
		total := fs[best].score + min(1, rest/2)
		if total < h.threshold {
			continue
		}
		r := h.rules[fs[best].rule]
		why := r.why
		if why == "" {
			why = h.traps[t].why
		}
		out = append(out, trapScore{trap: t, score: total, rule: r.id,
			why: "‘" + h.quote(text, toks, fs[best].sp) + "’ " + why + "."})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].score > out[j].score })
	if len(out) > h.maxHints {
		out = out[:h.maxHints]
	}
	return out
}

// matchAll finds every cue match in the tokens and applies the negation,
// unless and hedge checks. Each rule is tried once at each token that can
// start it.
func (h *Hinter) matchAll(toks []token) []found {
	var out []found
	m := &matcher{h: h, toks: toks, words: make([]int, 0, 16)}
	try := func(ri, start int) {
		r := h.rules[ri]
		sp, ok := m.matchAt(r.cue, start)
		if !ok {
			return
		}
		if !r.negOK && h.negated(toks, sp) {
			return
		}
		for _, u := range r.unless {
			if m.overlaps(u, sp) {
				return
			}
		}
		s := r.score
		if f := h.traps[r.trap].hedge; f < 1 && h.hedged(toks, sp) {
			s *= f
		}
		out = append(out, found{rule: ri, sp: sp, score: s})
	}
	for i, t := range toks {
		var byWord []int
		if t.id >= 0 {
			byWord = h.index[t.id]
		}
		for _, ri := range byWord {
			try(ri, i)
		}
		if t.name {
			for _, ri := range h.named {
				if !containsInt(byWord, ri) {
					try(ri, i)
				}
			}
		}
	}
	return out
}

func containsInt(xs []int, x int) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// negated reports a negation in the three words before a match (same
// clause), or inside the match on a word the cue itself did not name.
func (h *Hinter) negated(toks []token, sp span) bool {
	return h.near(toks, sp, 3, func(t token) bool { return t.negator })
}

// hedged reports a hedge ("maybe", "might") in the four words before a
// match (same clause) or inside it.
func (h *Hinter) hedged(toks []token, sp span) bool {
	return h.near(toks, sp, 4, func(t token) bool { return t.hedge })
}

func (h *Hinter) near(toks []token, sp span, before int, is func(token) bool) bool {
	for k := sp.first - 1; k >= 0 && k >= sp.first-before && toks[k].clause == toks[sp.first].clause; k-- {
		if is(toks[k]) {
			return true
		}
	}
	w := 0
	for k := sp.first; k <= sp.last; k++ {
		if w < len(sp.words) && sp.words[w] == k {
			w++
			continue
		}
		if is(toks[k]) {
			return true
		}
	}
	return false
}

// unlessReach bounds how far before a match an "unless" cue may start:
// unless cues are short, and the bound keeps the work per match constant
// however long the sentence.
const unlessReach = 16

// overlaps reports whether pattern u matches near the match, in the same
// sentence, so that the two share a token.
func (m *matcher) overlaps(u pattern, sp span) bool {
	toks := m.toks
	s := sp.first
	for s > 0 && sp.first-s < unlessReach && toks[s-1].sentence == toks[sp.first].sentence {
		s--
	}
	for i := s; i <= sp.last; i++ {
		if o, ok := m.matchAt(u, i); ok && o.first <= sp.last && o.last >= sp.first {
			return true
		}
	}
	return false
}

// quote returns the person's own words for a match, as typed, cut to
// quoteWords words.
func (h *Hinter) quote(text string, toks []token, sp span) string {
	words := strings.FieldsFunc(strings.ToValidUTF8(text[toks[sp.first].start:toks[sp.last].end], " "),
		func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) })
	if len(words) > h.quoteWords {
		words = append(words[:h.quoteWords-1], "…")
	}
	return strings.Join(words, " ")
}

// clip returns at most n runes of s, whole runes only.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := 0
	for k := 0; k < n && i < len(s); k++ {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return s[:i]
}
