package belief

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is one word of a thought after normalising: lowercased, spelling
// and typos mapped, contractions expanded ("im" → "i", "be"), inflections
// mapped to their lemma ("left" → "leave"). A word that expands to several
// tokens gives each of them its own span in the original text, so a hint
// can quote exactly what the person wrote.
type token struct {
	lemma      string
	id         int32  // the word's id in the rules' vocabulary, or -1
	groups     uint64 // the groups it belongs to (a name belongs to the name groups)
	start, end int    // byte span of the source word in the thought
	clause     int    // increases at commas, dashes, colons and sentence ends
	sentence   int    // increases at . ! ? ; and new lines
	name       bool
	filler     bool
	negator    bool
	hedge      bool
}

// rawWord is a word as it appears in the text, before normalising.
type rawWord struct {
	text          string // lowercased, apostrophes straightened
	start, end    int
	clause, sent  int
	capital, caps bool // starts with a capital letter; is all capitals
	first         bool // first word of its sentence
}

// splitWords cuts text into words and boundaries. Letters, digits,
// apostrophes and inner hyphens make words; . ! ? ; … and new lines end a
// sentence; commas, colons, dashes, brackets and quotation marks end a
// clause. Invalid UTF-8 counts as a space.
func splitWords(text string) []rawWord {
	var out []rawWord
	clause, sent := 0, 0
	newSentence := true
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			i++
			continue
		case isWordRune(r):
			j := i
			var b strings.Builder
			capital, caps := unicode.IsUpper(r), true
			for j < len(text) {
				r2, s2 := utf8.DecodeRuneInString(text[j:])
				if r2 == utf8.RuneError && s2 <= 1 {
					break
				}
				if !isWordRune(r2) && !(isJoiner(r2) && j+s2 < len(text) && nextIsWord(text[j+s2:])) {
					break
				}
				if unicode.IsLower(r2) {
					caps = false
				}
				if isApostrophe(r2) {
					b.WriteByte('\'')
				} else {
					b.WriteRune(unicode.ToLower(r2))
				}
				j += s2
			}
			w := strings.Trim(b.String(), "'-")
			if w != "" {
				out = append(out, rawWord{text: w, start: i, end: j, clause: clause, sent: sent,
					capital: capital, caps: caps && utf8.RuneCountInString(w) > 1, first: newSentence})
				newSentence = false
			}
			i = j
			continue
		case r == '.' || r == '!' || r == '?' || r == ';' || r == '\n' || r == '…' || r == '\r':
			if !newSentence {
				sent++
				clause++
				newSentence = true
			}
		case r == ',' || r == ':' || r == '(' || r == ')' || r == '"' || r == '“' || r == '”' ||
			r == '—' || r == '–' || r == '-' || r == '/' || r == '[' || r == ']':
			if !newSentence {
				clause++
			}
		}
		i += size
	}
	return out
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || isApostrophe(r)
}

// isJoiner is a character that joins two words into one: "no-one", "co-worker".
func isJoiner(r rune) bool { return r == '-' }

func nextIsWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func isApostrophe(r rune) bool {
	return r == '\'' || r == '’' || r == '‘' || r == 'ʼ' || r == '`' || r == '´'
}

// contractionTails are the endings split off a word when the whole word is
// not in the lexicon's expansions: "amy's" → "amy", "they'll" → "they will".
// "'s" is dropped: after a name it is most often a possessive.
func contractionTail(w string) (base, tail string, ok bool) {
	for _, t := range [...]struct{ suffix, words string }{
		{"n't", "not"}, {"'ll", "will"}, {"'ve", "have"}, {"'re", "are"}, {"'d", "would"}, {"'m", "am"}, {"'s", ""},
	} {
		if strings.HasSuffix(w, t.suffix) && len(w) > len(t.suffix) {
			return strings.TrimSuffix(w, t.suffix), t.words, true
		}
	}
	return "", "", false
}

// tokenize normalises a thought into tokens using the compiled lexicon.
func (h *Hinter) tokenize(text string) []token {
	raw := splitWords(text)
	toks := make([]token, 0, len(raw)+len(raw)/4)
	for k, rw := range raw {
		words := h.normalise(rw.text)
		if rw.text == "ill" && k+1 < len(raw) && raw[k+1].sent == rw.sent && !h.afterIll(toks) {
			words = []string{"i", "will"} // "ill never" typed for "I'll never"
		}
		for _, w := range words {
			t := token{start: rw.start, end: rw.end, clause: rw.clause, sentence: rw.sent}
			name := rw.capital && !rw.caps && !rw.first && rw.text != "i" && !h.known[h.lemma(w)]
			h.tag(&t, h.lemma(w), name)
			toks = append(toks, t)
		}
	}
	return h.joinPhrases(toks)
}

// tag sets what matching needs to know about a token's word.
func (h *Hinter) tag(t *token, lemma string, name bool) {
	t.lemma, t.name, t.id, t.groups = lemma, name, -1, 0
	if id, ok := h.ids[lemma]; ok {
		t.id, t.groups = id, h.wordGroups[id]
	}
	if name {
		t.groups |= h.nameMask
	}
	t.filler, t.negator, t.hedge = h.fillers[lemma], h.negators[lemma], h.hedges[lemma]
}

// afterIll reports whether the word before "ill" makes it the adjective
// ("I feel ill", "she's been ill") rather than a typed "I'll".
func (h *Hinter) afterIll(toks []token) bool {
	if len(toks) == 0 {
		return false
	}
	switch toks[len(toks)-1].lemma {
	case "be", "feel", "get", "look", "seem", "fall", "very", "so", "really", "quite", "bit", "too", "an":
		return true
	}
	return false
}

// normalise maps one lowercased word to one or more words: the lexicon's
// expansions first (contractions without apostrophes, typos, British and
// American spellings), then general contraction endings.
func (h *Hinter) normalise(w string) []string {
	if e, ok := h.expand[w]; ok {
		return e
	}
	if base, tail, ok := contractionTail(w); ok {
		out := h.normalise(base)
		if tail != "" {
			out = append(append([]string(nil), out...), tail)
		}
		return out
	}
	return []string{w}
}

// lemma maps an inflected form to the lemma the rules use.
func (h *Hinter) lemma(w string) string {
	if l, ok := h.lemmas[w]; ok {
		return l
	}
	return w
}

// joinPhrases rewrites multi-word phrases to their canonical form ("no one"
// → "nobody", "be going to" → "will"). The new token spans all the words it
// replaces.
func (h *Hinter) joinPhrases(toks []token) []token {
	if len(h.phrases) == 0 {
		return toks
	}
	out := toks[:0:0]
	for i := 0; i < len(toks); {
		done := false
		for _, p := range h.phrases[toks[i].lemma] {
			n := len(p.from)
			if i+n > len(toks) || toks[i+n-1].clause != toks[i].clause {
				continue
			}
			match := true
			for k := 1; k < n; k++ {
				if toks[i+k].lemma != p.from[k] {
					match = false
					break
				}
			}
			if !match {
				continue
			}
			for _, w := range p.to {
				t := toks[i]
				t.end = toks[i+n-1].end
				h.tag(&t, w, false)
				out = append(out, t)
			}
			i += n
			done = true
			break
		}
		if !done {
			out = append(out, toks[i])
			i++
		}
	}
	return out
}
