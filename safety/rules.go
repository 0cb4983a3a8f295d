package safety

import (
	_ "embed"
	"fmt"
	"strings"
)

// rulesText is every rule of the crisis-language check, in the one
// notation described at the top of the file. It is derived in part from
// the Suicide Risk Lexicon (Low, Rankin, Bentley, Nock & Ghosh;
// construct-tracker project; Apache License 2.0); the notice is kept in
// the file and in docs/safety.md.
//
//go:embed rules.txt
var rulesText string

// ruleKind says what a rule line means.
type ruleKind uint8

const (
	kindRisk    ruleKind = iota + 1 // crisis language about the writer
	kindIdiom                       // a figure of speech: cancels a risk piece it overlaps
	kindProtect                     // a reason to live: cancels risk in its clause
	kindVeto                        // cancels every risk match in its sentence (see vetoes)
)

// vetoBits holds the vetoes found in one sentence, one bit each.
type vetoBits uint16

// Veto bits. A sentence is cancelled by stated recovery, or by a question
// someone asked that the writer answered no (both halves needed).
//
// A trivial trigger ("if I have to sit through one more meeting", "if my
// team loses") marks a wish, intent or means in its sentence as hyperbole.
//
// Told as the past ("when I was fifteen I wanted to die") cancels a wish or
// plan in its sentence, unless the sentence says it is back ("again",
// "tonight", "it's come back"). Past attempts and self-injury are history
// that stays yes; they are not cancelled by it.
const (
	vetoRecovery vetoBits = 1 << iota
	vetoAsked
	vetoDenied
	vetoPast
	vetoRecur
	// vetoTense marks a wish, no reason to live or being a burden told in
	// the past tense (tense.go). It holds its own sentence like vetoPast,
	// and, unlike it, never reaches the sentences beside it.
	vetoTense
	vetoHyperbole
	// vetoMedia marks a sentence about a film, book, song or the news. The
	// rules ignore it (their own idioms cover the phrases they know); it
	// holds back the model (model.go), which reads words, not speakers.
	vetoMedia
	// vetoJoke marks a sentence that takes back what came before it as a
	// joke: "Kidding, obviously." "Okay, maybe not." It cancels its own
	// sentence and the one before it (jokeCancels), since the retraction
	// usually follows the exaggeration ("If she mentions my weight once
	// more I'll walk into the sea. Kidding."). "I'm not joking" is a
	// negation and marks nothing.
	vetoJoke
	// vetoOrdinary marks an ordinary reason for giving things away,
	// putting affairs in order or saying goodbye: a move ("before the move
	// to Canada", "because I'm moving to Brisbane"), the last night in an
	// old flat. It cancels farewell and preparation lines in its sentence
	// and the sentences just before and after it (narrowCancels), never
	// a wish, a plan, means or an attempt.
	vetoOrdinary
	// vetoResisted marks an urge to self-harm told with its resisting:
	// "it passed without me doing anything", "no harm done". It cancels
	// self-injury lines in its sentence and the sentences beside it
	// (narrowCancels), nothing else.
	vetoResisted
	// vetoTrivial marks a trivial thing suffered once more ("if I have to
	// sit through one more meeting"): hyperbole that cancels a wish,
	// intent or means line in its own sentence only (narrowCancels), and,
	// unlike vetoHyperbole, never holds the models back.
	vetoTrivial
	// vetoDone marks an intent or a means told in the past tense as done
	// ("I tried to end it", "I attempted suicide"; actInPast in tense.go).
	// It cancels nothing: like a past attempt, the sentence still says
	// yes, and the entry may be read as a recovery story (finish).
	vetoDone
)

func vetoBit(name string) (vetoBits, bool) {
	switch name {
	case "recovery":
		return vetoRecovery, true
	case "asked":
		return vetoAsked, true
	case "denied":
		return vetoDenied, true
	case "past":
		return vetoPast, true
	case "recur":
		return vetoRecur, true
	case "hyperbole":
		return vetoHyperbole, true
	case "media":
		return vetoMedia, true
	case "joke":
		return vetoJoke, true
	case "ordinary":
		return vetoOrdinary, true
	case "resisted":
		return vetoResisted, true
	case "trivial":
		return vetoTrivial, true
	}
	return 0, false
}

// vetoed reports whether a sentence holding these veto bits cancels a
// match with this reason code.
func vetoed(bits vetoBits, code string) bool {
	if bits&vetoRecovery != 0 || bits&(vetoAsked|vetoDenied) == vetoAsked|vetoDenied {
		return true
	}
	if bits&vetoHyperbole != 0 && (code == "wish" || code == "intent" || code == "means") {
		return true
	}
	if jokeCancels(bits, code) || narrowCancels(bits, code) != narrowNone {
		return true
	}
	return bits&(vetoPast|vetoRecur) == vetoPast && code != "attempt" && code != "selfharm"
}

// jokeCancels reports whether a sentence holding these veto bits, or the
// sentence after it, takes back a match with this reason code as a joke.
// An attempt or self-injury told and then laughed off is still history
// that matters, so a joke does not take it back.
func jokeCancels(bits vetoBits, code string) bool {
	return bits&vetoJoke != 0 && code != "attempt" && code != "selfharm"
}

// narrowVeto names the narrow veto, if any, that cancels a match: an
// ordinary reason cancels farewells and preparation (giving things away
// before a move, a will sorted out for the future), an urge resisted
// cancels self-injury, a trivial thing suffered once more cancels a wish,
// intent or means in its own sentence. None holds the models back
// (modelVeto leaves them out), so a rule that uses them changes what the
// models learn only where it turns the verdict of an entry they learn
// from, and often needs no new training (docs/safety.md, rounds 40 and
// 41).
type narrowVeto uint8

// narrowBits are the narrow vetoes' bits, which modelVeto leaves out.
const narrowBits = vetoOrdinary | vetoResisted | vetoTrivial

const (
	narrowNone narrowVeto = iota
	narrowOrdinary
	narrowResisted
	narrowTrivial
)

// narrowCancels reports which narrow veto in these bits, from a sentence
// or the sentence next to it, cancels a match with this reason code.
func narrowCancels(bits vetoBits, code string) narrowVeto {
	switch {
	case bits&vetoOrdinary != 0 && (code == "farewell" || code == "prep"):
		return narrowOrdinary
	case bits&vetoResisted != 0 && code == "selfharm":
		return narrowResisted
	case bits&vetoTrivial != 0 && (code == "wish" || code == "intent" || code == "means"):
		return narrowTrivial
	}
	return narrowNone
}

// Where a narrow veto stood, for its explanation.
const (
	inSentence = iota
	inNext
	inBefore
)

// narrowWhy is Explain's reason for each narrow veto and where it stood:
// constants, so that deciding allocates nothing.
var narrowWhy = [...][3]string{
	narrowOrdinary: {"an ordinary reason in the sentence", "an ordinary reason in the next sentence", "an ordinary reason in the sentence before"},
	narrowResisted: {"an urge resisted in the sentence", "an urge resisted in the next sentence", "an urge resisted in the sentence before"},
	narrowTrivial:  {"hyperbole: a trivial thing once more in the sentence", "", ""},
}

// narrowReach is the part of a sentence's veto bits that reaches the
// sentences beside it: a trivial thing suffered once more answers only
// for its own sentence.
func narrowReach(bits vetoBits) vetoBits { return bits &^ vetoTrivial }

// Codes are the reasons a risk line can give. A reviewer reads them in
// `securebase crisis-check -why`; users never see them.
var riskCodes = []string{
	"wish",     // wanting to die or not to exist, passive or active
	"intent",   // saying one will or wants to kill oneself
	"plan",     // a plan, a method, a date
	"prep",     // preparing: stockpiling, researching, putting affairs in order
	"farewell", // goodbye notes, last words, giving things away for after
	"means",    // a method or place tied to oneself: a bridge, the wheel, a rope
	"attempt",  // a past attempt, an overdose taken
	"selfharm", // self-injury
	"burden",   // others better off without one
	"hopeless", // no reason to live, can't go on
}

func isRiskCode(c string) bool {
	for _, k := range riskCodes {
		if k == c {
			return true
		}
	}
	return false
}

// rule is one line of rules.txt.
type rule struct {
	kind   ruleKind
	code   string // the reason code of a risk line, or the veto's name
	veto   vetoBits
	source string // the pattern as written
	line   int    // line number in rules.txt
	gap    bool   // "A ... B"
	// after marks a risk line about the people left afterwards ("she
	// deserves someone who'll be around", "so they'll understand
	// afterwards"): someone else is its subject by nature, so the subject
	// check does not cancel it.
	after bool
	// weak marks a risk line that is ambiguous alone ("I'm going to the
	// bridge", "I counted the tablets again"): its yes stands only when
	// the rest of the entry bears it out (weak.go).
	weak bool
	// clause marks a veto line that counts only up to the end of the
	// clause of the sentence's last risk match (riskClauseEnd): "tonight"
	// in "I used to want to die every night, and tonight I just wanted
	// chips" is the contrast of a recovery story, not the wish come back.
	clause bool
}

// Sides of a gapped rule.
const (
	sideWhole uint8 = iota
	sideLeft
	sideRight
)

// act is what one compiled word sequence means: a rule, and for a gapped
// rule which side it is.
type act struct {
	rule      int32
	side      uint8
	selfRef   bool // holds i/me/my/myself: the writer is named in it
	negatable bool // holds no negation of its own
}

// maxGap is how many words may stand between the two sides of "A ... B".
const maxGap = 6

// ruleSet is rules.txt parsed: fragments, word classes and rule lines.
type ruleSet struct {
	defines map[string]string
	classes map[string][]string
	rules   []rule
}

// parseRules reads the rule notation:
//
//	# a comment
//	define NAME: PATTERN     a fragment, used as {NAME}
//	class NAME: word word    a word class for the context checks
//	risk CODE: PATTERN       crisis language; CODE is one of riskCodes
//	risk CODE after: PATTERN about the people left afterwards: no subject check
//	risk CODE weak: PATTERN  ambiguous alone: needs the rest of the entry (weak.go)
//	idiom: PATTERN           a figure of speech
//	protect: PATTERN         a reason to live
//	veto NAME: PATTERN       recovery, asked, denied, past, recur, hyperbole, media, joke, ordinary, resisted or trivial
//
// A line that starts with a space or tab continues the one before.
func parseRules(text string) (*ruleSet, error) {
	rs := &ruleSet{defines: map[string]string{}, classes: map[string][]string{}}
	var lines []string
	var nums []int
	for n, raw := range strings.Split(text, "\n") {
		trimmed := strings.TrimSpace(raw)
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		if (raw[0] == ' ' || raw[0] == '\t') && len(lines) > 0 {
			lines[len(lines)-1] += " " + trimmed
			continue
		}
		lines = append(lines, trimmed)
		nums = append(nums, n+1)
	}
	for i, line := range lines {
		head, body, ok := strings.Cut(line, ":")
		body = strings.TrimSpace(body)
		if !ok || body == "" {
			return nil, fmt.Errorf("rules.txt:%d: want KIND [NAME]: PATTERN, got %q", nums[i], line)
		}
		f := strings.Fields(head)
		if len(f) == 0 {
			return nil, fmt.Errorf("rules.txt:%d: no kind", nums[i])
		}
		name := ""
		if len(f) >= 2 {
			name = f[1]
		}
		bad := func(why string) error { return fmt.Errorf("rules.txt:%d: %s: %q", nums[i], why, line) }
		switch {
		case f[0] == "define" && len(f) == 2:
			if _, dup := rs.defines[name]; dup {
				return nil, bad("fragment defined twice")
			}
			rs.defines[name] = body
		case f[0] == "class" && len(f) == 2:
			if _, ok := classFlags[name]; !ok {
				return nil, bad("unknown word class")
			}
			rs.classes[name] = append(rs.classes[name], strings.Fields(body)...)
		case f[0] == "risk" && (len(f) == 2 || len(f) == 3 && (f[2] == "after" || f[2] == "weak")):
			if !isRiskCode(name) {
				return nil, bad("unknown reason code")
			}
			rs.rules = append(rs.rules, rule{kind: kindRisk, code: name, source: body, line: nums[i],
				gap: strings.Contains(body, "..."), after: len(f) == 3 && f[2] == "after", weak: len(f) == 3 && f[2] == "weak"})
		case f[0] == "idiom" && len(f) == 1:
			rs.rules = append(rs.rules, rule{kind: kindIdiom, source: body, line: nums[i]})
		case f[0] == "protect" && len(f) == 1:
			rs.rules = append(rs.rules, rule{kind: kindProtect, source: body, line: nums[i]})
		case f[0] == "veto" && (len(f) == 2 || len(f) == 3 && f[2] == "clause"):
			bit, ok := vetoBit(name)
			if !ok {
				return nil, bad("unknown veto")
			}
			rs.rules = append(rs.rules, rule{kind: kindVeto, code: name, veto: bit, source: body, line: nums[i],
				clause: len(f) == 3})
		default:
			return nil, bad("unknown kind")
		}
		if r := len(rs.rules) - 1; r >= 0 && rs.rules[r].line == nums[i] && rs.rules[r].kind != kindRisk &&
			strings.Contains(body, "...") {
			return nil, bad(`only risk lines may use "..."`)
		}
	}
	return rs, nil
}

// compile adds every rule's word sequences to the trie.
func (d *Detector) compile(rs *ruleSet, sc *scratch) error {
	d.rules = rs.rules
	cache := map[string][]sym{}
	for i, r := range rs.rules {
		sides := []string{r.source}
		if r.gap {
			left, right, _ := strings.Cut(r.source, "...")
			if strings.Contains(right, "...") || strings.TrimSpace(left) == "" || strings.TrimSpace(right) == "" {
				return fmt.Errorf("rules.txt:%d: a gap needs one side before and one after it", r.line)
			}
			sides = []string{left, right}
		}
		for k, side := range sides {
			s := sideWhole
			if r.gap {
				s = sideLeft + uint8(k) // #nosec G115 -- k is 0 or 1
			}
			if err := d.addSequences(int32(i), s, strings.TrimSpace(side), rs.defines, cache, sc); err != nil { // #nosec G115 -- a few hundred rule lines
				return fmt.Errorf("rules.txt:%d: %w", r.line, err)
			}
		}
	}
	return nil
}

// wordSyms normalises one rule word the way the tokenizer reads text, once
// per word: "im" is i be, "died" is die.
func (d *Detector) wordSyms(w string, cache map[string][]sym, sc *scratch) ([]sym, error) {
	if syms, ok := cache[w]; ok {
		return syms, nil
	}
	if strings.ContainsAny(w, "?!.;:'") {
		return nil, fmt.Errorf("%q is not a word (use [x] for optional words)", w)
	}
	if seq, ok := d.v.words[w]; ok && len(seq) == 0 {
		return nil, fmt.Errorf("%q is a filler, dropped from text before matching; leave it out", w)
	}
	d.v.resolve(w)
	toks := d.v.tokenize(w, sc, false)
	syms := make([]sym, len(toks))
	for i, t := range toks {
		if t.s < symFirstWord {
			return nil, fmt.Errorf("%q did not normalise", w)
		}
		syms[i] = t.s
	}
	cache[w] = syms
	return syms, nil
}

// addSequences expands one pattern and puts each of its word sequences in
// the trie with its meaning.
func (d *Detector) addSequences(ri int32, side uint8, pattern string, defines map[string]string, cache map[string][]sym, sc *scratch) error {
	seqs, err := expand(pattern, defines)
	if err != nil {
		return err
	}
	r := d.rules[ri]
	var seq []sym
	for _, words := range seqs {
		seq = seq[:0]
		for _, w := range words {
			switch w {
			case "$":
				seq = d.v.fold(seq, symBound)
			case ",":
				seq = d.v.fold(seq, symComma)
			default:
				syms, err := d.wordSyms(w, cache, sc)
				if err != nil {
					return err
				}
				for _, s := range syms {
					seq = d.v.fold(seq, s)
				}
			}
		}
		text := strings.Join(words, " ")
		if len(seq) == 0 || seq[0] < symFirstWord {
			return fmt.Errorf("a sequence of %q is empty or starts with punctuation", pattern)
		}
		a := act{rule: ri, side: side, negatable: true}
		for _, s := range seq {
			f := d.v.flags[s]
			a.selfRef = a.selfRef || f&flagSelf != 0
			a.negatable = a.negatable && f&flagNeg == 0
		}
		end := d.trie.insert(seq, len(d.v.names))
		dup := false
		for _, old := range d.trie.nodeActs[end] {
			o := d.acts[old]
			ok := d.rules[o.rule].kind
			if (ok == kindRisk) != (r.kind == kindRisk) && (ok == kindIdiom || r.kind == kindIdiom) {
				return fmt.Errorf("%q is both a risk and an idiom (rules.txt:%d and :%d)", text, d.rules[o.rule].line, r.line)
			}
			if o.rule == ri && o.side == side {
				dup = true
			}
		}
		if dup {
			continue
		}
		d.trie.nodeActs[end] = append(d.trie.nodeActs[end], int32(len(d.acts))) // #nosec G115 -- sequences of our own embedded rules
		d.acts = append(d.acts, a)
	}
	return nil
}
