package belief

import (
	"fmt"
	"strconv"
	"strings"
)

// A cue is a small pattern over lemmas, written in hint_rules.json:
//
//	word        the word or any of its inflections ("leave" matches "left")
//	a|b|@GROUP  any of these words, or any word in a named group
//	x?          the element may be missing
//	*N          up to N words in between, inside one clause
//	~N          up to N words in between, inside one sentence
//
// Neighbouring elements must sit in one clause. Filler words ("really",
// "so", "just", …) between two elements are passed over unless the cue
// names them, so "he's bored of me" and "he's so bored of me" match the
// same cue.
type pattern struct {
	src   string
	elems []elem
}

type elem struct {
	words  []uint64 // bitset of word ids
	groups uint64   // group bits
	opt    bool
	gap    int
	cross  bool // the gap may cross clauses
}

// maxFillerSkip bounds the fillers passed over between two elements.
const maxFillerSkip = 3

// compilePattern parses one cue. Words go through the same normalising as
// a thought, so a cue may say "thinks" or "isn't" and still mean lemmas.
func (h *Hinter) compilePattern(src string) (pattern, error) {
	p := pattern{src: src}
	fields := strings.Fields(src)
	if len(fields) == 0 {
		return p, fmt.Errorf("empty cue")
	}
	for i, f := range fields {
		if f[0] == '*' || f[0] == '~' {
			n, err := strconv.Atoi(f[1:])
			if err != nil || n < 1 || n > 9 {
				return p, fmt.Errorf("cue %q: gap %q must be *1–*9 or ~1–~9", src, f)
			}
			if i == 0 || i == len(fields)-1 {
				return p, fmt.Errorf("cue %q: a gap cannot start or end a cue", src)
			}
			p.elems = append(p.elems, elem{gap: n, cross: f[0] == '~'})
			continue
		}
		e := elem{words: make([]uint64, (len(h.ids)+63)/64)}
		if strings.HasSuffix(f, "?") {
			if i == 0 {
				return p, fmt.Errorf("cue %q: the first element cannot be optional", src)
			}
			e.opt, f = true, strings.TrimSuffix(f, "?")
		}
		for _, alt := range strings.Split(f, "|") {
			switch {
			case alt == "":
				return p, fmt.Errorf("cue %q: empty alternative", src)
			case alt[0] == '@':
				bit, ok := h.groupBit[alt[1:]]
				if !ok {
					return p, fmt.Errorf("cue %q: no group %s", src, alt)
				}
				e.groups |= bit
			default:
				ws := h.normalise(strings.ToLower(alt))
				if len(ws) != 1 {
					return p, fmt.Errorf("cue %q: %q expands to %d words; write them apart", src, alt, len(ws))
				}
				id, ok := h.ids[h.lemma(ws[0])]
				if !ok {
					return p, fmt.Errorf("cue %q: %q is not in the vocabulary", src, alt)
				}
				e.words[id>>6] |= 1 << uint(id&63)
			}
		}
		p.elems = append(p.elems, e)
	}
	return p, nil
}

// firstWords lists the word ids that can start a match, for the index; a
// group in first place lists its members. nameStart says whether a
// person's name can start it.
func (h *Hinter) firstWords(p pattern) (ids []int32, nameStart bool) {
	e := p.elems[0]
	for id := range h.wordGroups {
		if e.words[id>>6]&(1<<uint(id&63)) != 0 || h.wordGroups[id]&e.groups != 0 {
			ids = append(ids, int32(id))
		}
	}
	return ids, e.groups&h.nameMask != 0
}

// fits reports whether token t matches a word element.
func (h *Hinter) fits(e elem, t token) bool {
	if t.groups&e.groups != 0 {
		return true
	}
	return t.id >= 0 && e.words[t.id>>6]&(1<<uint(t.id&63)) != 0
}

// span is one match of a pattern: the first and last token, and the
// tokens the pattern's words matched (the rest were gaps or fillers).
type span struct {
	first, last int
	words       []int
}

// matcher matches patterns against one thought's tokens. It is made once
// per thought and reused for every attempt, so an attempt that fails
// allocates nothing.
type matcher struct {
	h     *Hinter
	p     pattern
	toks  []token
	words []int
}

// matchAt tries p with its first element on toks[start]. It prefers the
// shortest match.
func (m *matcher) matchAt(p pattern, start int) (span, bool) {
	if !m.h.fits(p.elems[0], m.toks[start]) {
		return span{}, false
	}
	m.p, m.words = p, append(m.words[:0], start)
	if last, ok := m.next(1, start+1, start, false); ok {
		return span{first: start, last: last, words: append([]int(nil), m.words...)}, true
	}
	return span{}, false
}

// next matches elems[ei:] from token ti, the last matched token being prev.
// loose says a ~ gap came just before, so the next word may sit in a later
// clause of the same sentence.
func (m *matcher) next(ei, ti, prev int, loose bool) (int, bool) {
	if ei == len(m.p.elems) {
		return prev, true
	}
	e := m.p.elems[ei]
	near := func(j int) bool {
		if j >= len(m.toks) {
			return false
		}
		if loose {
			return m.toks[j].sentence == m.toks[prev].sentence
		}
		return m.toks[j].clause == m.toks[prev].clause
	}
	if e.gap > 0 {
		for g := 0; g <= e.gap; g++ {
			j := ti + g
			if j > ti && !m.inGap(e, prev, j-1) {
				break
			}
			if last, ok := m.next(ei+1, j, prev, e.cross || loose); ok {
				return last, true
			}
		}
		return 0, false
	}
	for j, skipped := ti, 0; near(j) && skipped <= maxFillerSkip; j++ {
		if m.h.fits(e, m.toks[j]) {
			m.words = append(m.words, j)
			if last, ok := m.next(ei+1, j+1, j, false); ok {
				return last, true
			}
			m.words = m.words[:len(m.words)-1]
		}
		if !m.toks[j].filler {
			break
		}
		skipped++
	}
	if e.opt {
		return m.next(ei+1, ti, prev, loose)
	}
	return 0, false
}

// inGap reports whether token j may be passed over by gap e after prev.
func (m *matcher) inGap(e elem, prev, j int) bool {
	if j >= len(m.toks) {
		return false
	}
	if e.cross {
		return m.toks[j].sentence == m.toks[prev].sentence
	}
	return m.toks[j].clause == m.toks[prev].clause
}
