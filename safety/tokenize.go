package safety

import (
	"slices"
	"unicode"
	"unicode/utf8"
)

// token is one normalised word or structure mark. q ties quotations
// together so the context rules can ask who is speaking: for a word inside
// quotation marks it is the index of the opening mark; for an opening mark
// it is the index of its closing mark (or -1 while unclosed); otherwise -1.
// name marks a word the vocabulary does not know, written Capitalised
// after another word: most often a person's name ("I told Priya").
type token struct {
	s    sym
	q    int32
	name bool
	poss bool // written with a possessive 's or s' ("dad's knife"): not a subject
	// aside marks a word the vocabulary does not know, written Capitalised
	// right after a comma: a name set between commas ("my daughter, Ruby,
	// took"), read only by the subject check (appositive), never by the
	// models, which learnt names as words after another word.
	aside bool
	ask   bool // a sentence bound made by a question mark (voice.go)
	// h is a hash of a word the models do not know (symUnknown, or a word
	// of vocab.unread), so they (model.go) can weigh words no rule
	// mentions; hiddenHash for a word they do not read at all; 0
	// otherwise.
	h uint32
}

// maxWordBytes caps the length of one word. No rule word is longer, so a
// longer run of letters is unknown without looking it up.
const maxWordBytes = 48

// scratch holds the buffers of one check, reused through a sync.Pool so a
// check of a paragraph allocates nothing.
type scratch struct {
	toks []token
	word []byte
	alt  []byte
	hits []hit    // every rule piece found, ordered by end
	keys []uint64 // an entry's features, for the recovery model
	// ekeys holds the features of the sentences scan read that the
	// sentence model may answer for, and esents their number: what the
	// entry model reads (entry.go).
	ekeys  []uint64
	esents int
	emax   float64 // the highest sentence model score among them
	// Who the entry is written as (voice.go): scan met a word of the
	// writer, this many "you" words, and this many sentences; asWriter
	// makes scan read "you" as the writer, with the rules alone.
	writer, asWriter bool
	you, sents       int
	// weak is the first weak rule (an index in Detector.rules) that
	// passed in a sentence no other line did, or -1; weakScore is the
	// highest sentence model score among such sentences (weak.go).
	weak      int32
	weakScore float64
	// past marks, by token index, the words of the text last tokenized
	// that were written in a past form (tense.go).
	past []uint64
	// unk, when not nil, records the word behind each unknown-word hash.
	// Only training (model_train.go) sets it.
	unk map[uint32]string
}

// tokenizer turns text into tokens in one pass over its bytes. It lowers
// case, splits contractions, folds curly quotes, drops fillers, squeezes
// stretched letters ("diiie") and marks sentences and quotations. Its state
// lives on the stack of one call, so one vocab serves many goroutines.
type tokenizer struct {
	v     *vocab
	sc    *scratch
	toks  []token
	open  int32 // index of the opening quote mark, or -1
	qkind rune  // '"' or '\'' while a quotation is open
	// shape of the word being collected: its first letter was upper case,
	// and a later one lower case ("Sam", not "SAM" or "sam")
	upper, lower bool
	name         bool // the word being flushed is Capitalised and follows a word
	aside        bool // the word being flushed is Capitalised and follows a comma
}

// tokenize appends the tokens of text to sc.toks[:0] and returns them. If
// final is set, the result ends with a sentence bound, so "$" in a rule
// also matches the end of the text.
func (v *vocab) tokenize(text string, sc *scratch, final bool) []token {
	t := tokenizer{v: v, sc: sc, toks: sc.toks[:0], open: -1}
	clear(sc.past)
	word := sc.word[:0]
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		next := nextRune(text, i+size)
		switch {
		case r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9'):
			t.lower = t.lower || len(word) > 0 && r >= 'a'
			word = append(word, byte(r)) // #nosec G115 -- ASCII, checked on the line above
		case r >= 'A' && r <= 'Z':
			t.upper = t.upper || len(word) == 0
			word = append(word, byte(r+'a'-'A'))
		case r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)):
			word = utf8.AppendRune(word, unicode.ToLower(r))
		case isApostrophe(r):
			inWord, beforeWord := len(word) > 0, isWordRune(next)
			switch {
			case inWord && beforeWord:
				word = append(word, '\'')
			case beforeWord: // 'opening a quotation
				word = t.flush(word)
				t.quote('\'')
			default: // closing a quotation, or a possessive like friends'
				inQuote := t.open >= 0 && t.qkind == '\''
				word = t.flush(word)
				if inQuote {
					t.quote('\'')
				} else if n := len(t.toks); inWord && n > 0 {
					t.toks[n-1].poss = true
				}
			}
		case r == '*' && (len(word) > 0 || isWordRune(next)):
			word = append(word, '*') // s*icide: masked letters are matched as written
		case isDoubleQuote(r):
			word = t.flush(word)
			t.quote('"')
		case r == '.' || r == '!' || r == '?' || r == ';' || r == '\n' || r == '…':
			word = t.flush(word)
			t.emit(symBound)
			if n := len(t.toks); r == '?' && n > 0 && t.toks[n-1].s == symBound {
				t.toks[n-1].ask = true
			}
		case r == ',' || r == ':' || r == '(' || r == ')' || r == '—' || r == '–':
			word = t.flush(word)
			t.emit(symComma)
		case r == '-':
			// self-harm splits into two words; a spaced dash is a pause.
			word = t.flush(word)
			if !isWordRune(next) {
				t.emit(symComma)
			}
		default:
			word = t.flush(word)
		}
		i += size
	}
	word = t.flush(word)
	if final {
		t.emit(symBound)
	}
	sc.word = word
	sc.toks = t.toks
	return t.toks
}

func nextRune(text string, i int) rune {
	if i >= len(text) {
		return ' '
	}
	r := rune(text[i])
	if r >= utf8.RuneSelf {
		r, _ = utf8.DecodeRuneInString(text[i:])
	}
	return r
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func isApostrophe(r rune) bool {
	return r == '\'' || r == '’' || r == '‘' || r == 'ʼ' || r == '`' || r == '´' || r == '′'
}

func isDoubleQuote(r rune) bool {
	return r == '"' || r == '“' || r == '”' || r == '„' || r == '«' || r == '»' || r == '″'
}

// quote opens a quotation, or closes the open one of the same kind.
func (t *tokenizer) quote(kind rune) {
	if t.open >= 0 {
		if kind != t.qkind {
			return
		}
		closeAt := int32(len(t.toks)) // #nosec G115 -- a token index: texts are bounded by the request body limit, far below 2^31
		t.toks = append(t.toks, token{s: symQuote, q: t.open})
		t.toks[t.open].q = closeAt
		t.open = -1
		return
	}
	t.open, t.qkind = int32(len(t.toks)), kind // #nosec G115 -- a token index: texts are bounded by the request body limit, far below 2^31
	t.toks = append(t.toks, token{s: symQuote, q: -1})
}

// foldOp says what appending s after last does: append it, drop it,
// replace last with it, or drop last. It is the one place for the few
// folds that must happen before matching: repeated marks collapse, "no
// one" is nobody (so "no one knows" is not a negation), "kind of" is a
// filler. Text (emit) and rules (fold) both use it.
func (v *vocab) foldOp(last, s sym, first bool) (op int, with sym) {
	switch s {
	case symBound:
		if first || last == symBound {
			return foldDrop, 0
		}
		if last == symComma {
			return foldReplace, symBound
		}
	case symComma:
		if first || last == symBound || last == symComma {
			return foldDrop, 0
		}
	case v.one:
		if !first && last == v.no {
			return foldReplace, v.nobody
		}
	case v.of:
		if !first && (last == v.kind || last == v.sort) {
			return foldPop, 0
		}
	}
	return foldAppend, s
}

const (
	foldAppend = iota
	foldDrop
	foldReplace
	foldPop
)

// fold appends s to a rule's sequence as emit would to text.
func (v *vocab) fold(seq []sym, s sym) []sym {
	last := symBound
	if len(seq) > 0 {
		last = seq[len(seq)-1]
	}
	switch op, with := v.foldOp(last, s, len(seq) == 0); op {
	case foldDrop:
	case foldReplace:
		seq[len(seq)-1] = with
	case foldPop:
		seq = seq[:len(seq)-1]
	default:
		seq = append(seq, s)
	}
	return seq
}

// emit appends one sym to the text's tokens, folded (see foldOp).
func (t *tokenizer) emit(s sym) {
	n := len(t.toks)
	var last sym = symBound
	if n > 0 {
		last = t.toks[n-1].s
	}
	switch op, with := t.v.foldOp(last, s, n == 0); op {
	case foldDrop:
		return
	case foldReplace:
		t.toks[n-1].s = with
		return
	case foldPop:
		t.toks = t.toks[:n-1]
		return
	}
	if n > 0 && t.toks[n-1].poss && s >= symFirstWord && t.v.flags[s]&flagIsAfter != 0 {
		// "my partner's been talking", "my friend's in hospital": the 's
		// was "is" or "has", so the noun is a subject, not an owner.
		t.toks[n-1].poss = false
	}
	q := int32(-1)
	if t.open >= 0 {
		q = t.open
	}
	t.toks = append(t.toks, token{s: s, q: q})
}

func (t *tokenizer) emitAll(seq []sym) {
	for _, s := range seq {
		t.emit(s)
	}
}

// flush turns the word collected so far into syms and returns the emptied
// buffer.
func (t *tokenizer) flush(word []byte) []byte {
	if len(word) == 0 {
		return word
	}
	afterWord := len(t.toks) > 0 && t.toks[len(t.toks)-1].s >= symFirstWord
	t.name = t.upper && t.lower && afterWord
	t.aside = t.upper && t.lower && len(t.toks) > 0 && t.toks[len(t.toks)-1].s == symComma
	capital := t.upper
	t.upper, t.lower = false, false
	if len(word) > maxWordBytes {
		t.emit(symUnknown)
		return word[:0]
	}
	if seq, ok := t.v.clause[string(word)]; ok && (capital && afterWord || t.clauseStarts()) {
		t.emitAll(seq)
		return word[:0]
	}
	t.word(word, 0)
	return word[:0]
}

// clauseStarts reports whether a word flushed now would open a sentence or
// a clause: nothing before it, a sentence bound, a comma or a quotation
// mark, or a word of clauseOpeners.
func (t *tokenizer) clauseStarts() bool {
	n := len(t.toks)
	if n == 0 {
		return true
	}
	last := t.toks[n-1].s
	return last != symUnknown && last < symFirstWord || slices.Contains(t.v.opens, last)
}

// word normalises one word that may hold apostrophes: don't -> do not,
// I'm -> i am, life's -> life is, friend's -> friend.
func (t *tokenizer) word(w []byte, depth int) {
	ap := lastIndexByte(w, '\'')
	if ap < 0 || depth > 2 {
		t.plain(w)
		return
	}
	if seq, ok := t.v.words[string(w)]; ok { // od'd
		t.emitAll(seq)
		return
	}
	stem, suffix := w[:ap], string(w[ap+1:])
	switch {
	case suffix == "t" && len(stem) > 1 && stem[len(stem)-1] == 'n':
		switch base := string(stem[:len(stem)-1]); base {
		case "ca":
			t.emitAll(t.v.words["can"])
		case "wo":
			t.emit(t.v.will)
		case "ai":
			t.emit(t.v.be)
		case "sha":
			t.emitAll(t.v.words["shall"])
		default:
			t.word(stem[:len(stem)-1], depth+1)
		}
		t.emit(t.v.not)
	case suffix == "m" || suffix == "re":
		t.word(stem, depth+1)
		t.emit(t.v.be)
	case suffix == "ve":
		t.word(stem, depth+1)
		t.emit(t.v.have)
	case suffix == "ll":
		t.word(stem, depth+1)
		t.emit(t.v.will)
	case suffix == "d":
		t.word(stem, depth+1)
		t.emit(t.v.would)
	case suffix == "s":
		t.word(stem, depth+1)
		if isSubjectIs(stem) {
			t.emit(t.v.be)
		} else if n := len(t.toks); n > 0 && t.toks[n-1].s >= symFirstWord || n > 0 && t.toks[n-1].s == symUnknown {
			t.toks[n-1].poss = true
		}
	default:
		t.plain(w[:ap])
		t.plain(w[ap+1:])
	}
}

// isSubjectIs lists the words whose 's means "is" rather than a possessive.
func isSubjectIs(stem []byte) bool {
	switch string(stem) {
	case "he", "she", "it", "that", "there", "what", "who", "everyone", "everybody",
		"nobody", "life", "this", "here", "where", "something", "everything", "nothing":
		return true
	}
	return false
}

func lastIndexByte(b []byte, c byte) int {
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] == c {
			return i
		}
	}
	return -1
}

// plain looks up a word with no apostrophe. Stretched words ("diiiie",
// "killll", "sooo") are retried with their repeated letters squeezed.
func (t *tokenizer) plain(w []byte) {
	if seq, ok := t.v.words[string(w)]; ok {
		t.emitWord(seq, w)
		return
	}
	if hasRepeat(w) {
		for _, mode := range [...]struct{ minRun, keep int }{{3, 1}, {3, 2}, {2, 1}} {
			t.sc.alt = squeeze(t.sc.alt[:0], w, mode.minRun, mode.keep)
			if seq, ok := t.v.words[string(t.sc.alt)]; ok {
				t.emitWord(seq, w)
				return
			}
		}
	}
	t.unknown(w)
}

// unknown emits w, a word the vocabulary does not know: as a dialect
// word when it is one (vocab_dialect.go), else as an unknown word with its
// hash.
func (t *tokenizer) unknown(w []byte) {
	if seq, ok := t.v.dialect[string(w)]; ok {
		t.emitDialect(seq, w)
		return
	}
	t.emitUnknown()
	t.hashUnknown(w)
}

// emitWord emits the syms of the known word w. A word the models do not
// know (vocab.unread: a rule added it after they were trained) also gets
// the hash of its spelling, so the models read it as they did when no rule
// knew it, and a new word in a rule never changes what they see.
func (t *tokenizer) emitWord(seq []sym, w []byte) {
	n := len(t.toks)
	t.emitAll(seq)
	if len(seq) == 0 || len(t.toks) <= n {
		return
	}
	if t.v.pastForm(w, seq[0]) {
		t.markPast(n) // "wanted"; "didnt", read as "did not", on "did"
	}
	if len(seq) == 1 && len(t.toks) == n+1 && t.v.unreadSym(seq[0]) {
		t.hashWord(w)
	}
}

// emitDialect emits a dialect word as its standard words for the rules
// ("cyaan" as "can not"), and keeps it one word, read by its spelling, for
// the models, as they read it in training: the first token carries the
// spelling's hash and the others are hidden from them.
func (t *tokenizer) emitDialect(seq []sym, w []byte) {
	n := len(t.toks)
	t.emitAll(seq)
	if len(t.toks) == n {
		return
	}
	t.hashAt(n, w)
	for i := n + 1; i < len(t.toks); i++ {
		t.toks[i].h = hiddenHash
	}
}

// hashUnknown stores the hash of the unknown word w on the token just
// emitted for it.
func (t *tokenizer) hashUnknown(w []byte) {
	if n := len(t.toks); n > 0 && t.toks[n-1].s == symUnknown {
		t.hashWord(w)
	}
}

// hashWord stores the hash of w on the token just emitted for it.
func (t *tokenizer) hashWord(w []byte) { t.hashAt(len(t.toks)-1, w) }

// hashAt stores the hash of w on the token at index i.
func (t *tokenizer) hashAt(i int, w []byte) {
	h := wordHash(w)
	t.toks[i].h = h
	if t.sc.unk != nil {
		if _, ok := t.sc.unk[h]; !ok {
			t.sc.unk[h] = string(w)
		}
	}
}

// hiddenHash, as a token's hash, hides the token from the models: the
// second and later words of a dialect word's reading (emitDialect). A
// mark in the hash, not a field of its own, keeps a token 16 bytes.
const hiddenHash = ^uint32(0)

// wordHash is FNV-1a over the word's bytes, never 0 or hiddenHash.
func wordHash(w []byte) uint32 {
	h := uint32(2166136261)
	for _, c := range w {
		h ^= uint32(c)
		h *= 16777619
	}
	if h == 0 || h == hiddenHash {
		h = 1
	}
	return h
}

// emitUnknown appends a word the vocabulary does not know, marked as a
// name when it was Capitalised after another word.
func (t *tokenizer) emitUnknown() {
	t.emit(symUnknown)
	t.toks[len(t.toks)-1].name = t.name
	t.toks[len(t.toks)-1].aside = t.aside
}

func hasRepeat(w []byte) bool {
	for i := 1; i < len(w); i++ {
		if w[i] == w[i-1] {
			return true
		}
	}
	return false
}

// squeeze writes w to dst with every run of at least minRun equal bytes
// cut to keep bytes.
func squeeze(dst, w []byte, minRun, keep int) []byte {
	for i := 0; i < len(w); {
		j := i + 1
		for j < len(w) && w[j] == w[i] {
			j++
		}
		n := j - i
		if n >= minRun {
			n = keep
		}
		for k := 0; k < n; k++ {
			dst = append(dst, w[i])
		}
		i = j
	}
	return dst
}
