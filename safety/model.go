package safety

import (
	_ "embed"
	"fmt"
	"math"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// The model is a logistic regression over the words and word pairs of one
// sentence, read with the rules' tokenizer (lemmas; a word no rule knew
// when it was trained is read by its hash). It sits beside the rules: a
// sentence the rules pass on says yes when its score reaches the threshold
// and no veto of the rules holds it back (stated recovery, a question
// answered no, hyperbole, the past, a film or book, or someone else as the
// only person in it). An entry's answer is the highest of its sentences,
// so ordinary sentences do not add up.
//
// The weights are data (model_weights.tsv), written by
// `go run ./safety/cmd/crisis-train` from sentences and entries in the
// repository only (model_train.go says which), beside the rules of
// model_rules.txt (below); TestModelUpToDate fails when the file is not
// what training gives now.

//go:embed model_weights.tsv
var modelText string

// ModelFile is the path of the weights inside the repository.
const ModelFile = "safety/model_weights.tsv"

// The models are trained beside the rules as they stood when they were
// last trained: model_rules.txt, a copy of rules.txt that training reads
// instead of it. A rule added since changes what the detector answers
// where it matches, and nothing the models learnt: without this, one new
// line retrained all three models and moved dozens of verdicts far from
// it. The words of those rules are model_words.txt: the models read them
// by their lemma, and any word a rule (or the code) brought in since by
// the hash of its spelling, as before any rule knew it. `crisis-train
// -rules` takes both from rules.txt again; the models then learn beside
// the rules of now, and every weight moves.
//
//go:embed model_words.txt
var modelWords string

// Where the models' rules and words are kept in the repository.
const (
	ModelRulesFile = "safety/model_rules.txt"
	ModelWordsFile = "safety/model_words.txt"
)

// trainedRulesDetector is the detector of the rules the models are trained
// beside (model_rules.txt under root), without the models.
func trainedRulesDetector(root string) (*Detector, error) {
	text, err := os.ReadFile(filepath.Join(root, ModelRulesFile)) // #nosec G304 -- a file of the repository
	if err != nil {
		return nil, err
	}
	// The word list is read from root too, not from the binary, so that
	// crisis-train -rules trains in the same run that wrote it. A word the
	// code itself brings in (nameSyms) is then read by its spelling here as
	// at inference, until the list is written again.
	words, err := os.ReadFile(filepath.Join(root, ModelWordsFile)) // #nosec G304 -- a file of the repository
	if err != nil {
		return nil, err
	}
	d, err := rulesDetector(string(text), string(words))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", ModelRulesFile, err)
	}
	// Dialect words (vocab_dialect.go) and the past tense (tense.go) came
	// after the models were trained: like a rule added since, they change
	// what the rules read, never what the models learnt. (Retraining the
	// three models beside the tense moved the sentence model's threshold
	// and every entry model weight, and lost nine crisis entries over the
	// development sets; docs/safety.md, round 52.)
	d.v.dialect = nil
	d.tense = nil
	return d, nil
}

// unreadWords marks, per sym of v, the words that are not in the list text
// (model_words.txt).
func unreadWords(text string, v *vocab) ([]bool, error) {
	unread := make([]bool, len(v.names))
	for i := symFirstWord; int(i) < len(unread); i++ {
		unread[i] = true
	}
	for n, ln := range strings.Split(text, "\n") {
		if ln == "" || ln[0] == '#' {
			continue
		}
		if strings.ContainsAny(ln, " \t") {
			return nil, fmt.Errorf("line %d: want one word", n+1)
		}
		if s, ok := v.lemma[ln]; ok && s >= symFirstWord {
			unread[s] = false
		}
	}
	return unread, nil
}

// ModelWords is the text of model_words.txt for the rules text: the
// lemmas of its words, one a line.
func ModelWords(rules string) ([]byte, error) {
	d, err := rulesDetector(rules, "")
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	b.WriteString("# The words the crisis-language models read by their lemma (safety/model.go):\n")
	b.WriteString("# those of model_rules.txt. Written by: go run ./safety/cmd/crisis-train -rules.\n")
	b.WriteString("# Do not edit by hand. A word a rule brings in later is read by its spelling.\n")
	for _, w := range slices.Sorted(slices.Values(d.v.names[symFirstWord:])) {
		b.WriteString(w)
		b.WriteByte('\n')
	}
	return []byte(b.String()), nil
}

// modelCode is Verdict.Reason when the model decided and no rule did.
const modelCode = "model"

// unknownBit marks the id of a word the vocabulary does not know.
const unknownBit = uint32(1) << 31

type model struct {
	bias      float64
	threshold float64                  // on the logit: bias + Σ weights ≥ threshold says yes
	bands     [len(entryBands)]float64 // the entry model's thresholds by length (entry.go)
	f         map[uint64]weight
}

// weight is one feature's weight and its line in the weights file
// (Explain). One map of both, not two: the model is held for the life of
// the process, and its maps are most of the detector's heap.
type weight struct {
	w    float32 // written with four decimals: float32 holds them exactly enough
	line int32
}

// tokenID is the id of one word token in the model's features.
func tokenID(t token) uint32 {
	if t.s == symUnknown || t.h != 0 {
		return unknownBit | t.h&^unknownBit
	}
	return uint32(t.s) // #nosec G115 -- syms are small non-negative numbers
}

func unigram(a uint32) uint64   { return uint64(a) }
func bigram(a, b uint32) uint64 { return uint64(a)<<32 | uint64(b) }

// personID is one id for every word naming the partner or another
// person the same way (he, her, them, my partner, his wife), so the model
// answers alike whoever the sentence is about (TestPronounSymmetry).
const personID = unknownBit - 1

const (
	personPronoun    = 1 + iota // he, him, her, their...
	personNoun                  // partner, boyfriend, wife...
	personPossessive            // my, our (and his, her, their) before a noun
)

var personWords = map[string]uint8{
	"he": personPronoun, "she": personPronoun, "they": personPronoun, "him": personPronoun,
	"her": personPronoun, "them": personPronoun, "his": personPronoun, "hers": personPronoun,
	"their": personPronoun, "theirs": personPronoun, "himself": personPronoun,
	"herself": personPronoun, "themselves": personPronoun, "themself": personPronoun,
	"partner": personNoun, "boyfriend": personNoun, "girlfriend": personNoun, "husband": personNoun,
	"wife": personNoun, "spouse": personNoun, "fiance": personNoun, "fiancee": personNoun, "ex": personNoun,
	"my": personPossessive, "our": personPossessive,
}

// personTable marks, for each sym, what personWords says of its lemma.
func personTable(v *vocab) []uint8 {
	t := make([]uint8, len(v.names))
	for w, k := range personWords {
		if s, ok := v.lemma[w]; ok {
			t[s] = k
		}
	}
	return t
}

// eachKey calls f with every feature of the sentence toks[a:b]: each
// word, and each pair of neighbouring words with the sentence's start and
// end and commas as words of their own. A possessive right before a
// partner word is dropped ("my partner" reads as "he").
func (d *Detector) eachKey(toks []token, a, b int, f func(uint64)) {
	prev := uint32(symBound)
	for k := a; k < b; k++ {
		t := toks[k]
		switch {
		case t.s == symBound || t.s == symQuote || t.h == hiddenHash:
			continue
		case t.s == symComma:
			prev = uint32(symComma)
			continue
		}
		id := tokenID(t)
		if t.h == 0 && t.s >= symFirstWord && int(t.s) < len(d.persons) {
			switch d.persons[t.s] {
			case personNoun:
				id = personID
			case personPronoun, personPossessive:
				if k+1 < b && toks[k+1].s >= symFirstWord && int(toks[k+1].s) < len(d.persons) && d.persons[toks[k+1].s] == personNoun {
					continue
				}
				if d.persons[t.s] == personPronoun {
					id = personID
				}
			}
		}
		f(unigram(id))
		f(bigram(prev, id))
		prev = id
	}
	if prev != uint32(symBound) {
		f(bigram(prev, uint32(symBound)))
	}
}

// readSentence returns the logit of the sentence toks[a:b] under the
// sentence model (-Inf without one) and, when keep, also gives the entry
// model its features (sc.ekeys, sc.esents, sc.emax; entry.go), in one pass
// over them.
func (d *Detector) readSentence(toks []token, a, b int, keep bool, sc *scratch) float64 {
	s := math.Inf(-1)
	if d.m == nil && !keep {
		return s
	}
	if d.m != nil {
		s = d.m.bias
	}
	before := len(sc.ekeys)
	d.eachKey(toks, a, b, func(k uint64) {
		if d.m != nil {
			s += float64(d.m.f[k].w)
		}
		if keep {
			sc.ekeys = append(sc.ekeys, k)
		}
	})
	if keep {
		if len(sc.ekeys) > before {
			sc.esents++
		}
		sc.emax = max(sc.emax, s)
	}
	return s
}

// modelVeto says why the model may not answer yes for the sentence
// toks[a:b] holding veto bits, or "".
//
// A sentence whose only people are someone else is not the writer's. With
// lenient, no one in particular (class anyone: nobody, everyone) beside
// the writer as object ("Nobody will have to worry about me after
// Sunday") is the writer's. The model answers leniently, but it was
// trained, and the entry model reads, with the strict veto (model_train.go,
// readSentence): trained on those sentences too, its threshold rose and it
// read new writing no better, while answering for them added crisis
// entries and no false alarm on any journal set (docs/safety.md, round 22).
func (d *Detector) modelVeto(toks []token, a, b int, bits vetoBits, lenient bool) string {
	switch {
	case bits&vetoMedia != 0:
		return "a film, book, song or the news in the sentence"
	case vetoed(bits&^narrowBits, "wish"):
		return "a veto of the rules in the sentence"
	}
	speaker, other, anyone, self := false, false, false, false
	for k := a; k < b; k++ {
		f := d.v.flags[toks[k].s]
		if f&flagSpeaker != 0 {
			speaker = true
			break
		}
		switch {
		case toks[k].poss: // an owner ("my dad's pills") is not the sentence's person
		case f&flagAnyone != 0 && lenient:
			anyone = true
		case f&flagOther != 0 || toks[k].name:
			other = true
		case f&flagSelf != 0:
			self = true
		}
	}
	if !speaker && (other || anyone && !self) {
		return whyOtherOnly
	}
	return ""
}

// writerFirst reports whether the sentence toks[a:b] opens with the
// writer ("me", "my", "myself", "mine") and not as the owner of someone
// else named, or of a word the vocabulary does not know, within the next
// three words ("my sister", "my little brother", "my sponsee"): "My plan is
// the tablets with the vodka after Priya leaves", "me and the pills and the
// hotel room in Dhaka on the 14th". Such a sentence is the writer's,
// whoever it names after. On the development sets, the sentence model's
// yes was held back from such sentences because someone else was read as
// their only person (round 61).
func (d *Detector) writerFirst(toks []token, a, b int) bool {
	if a >= b || d.v.flags[toks[a].s]&flagSelf == 0 || toks[a].s == d.v.i {
		return false
	}
	for j := a + 1; j < min(a+4, b) && toks[j].s != symComma; j++ {
		if toks[j].name || toks[j].s == symUnknown || d.v.flags[toks[j].s]&flagOther != 0 {
			return false
		}
	}
	return true
}

// whyOtherOnly is modelVeto's answer for a sentence whose only people are
// someone else.
const whyOtherOnly = "someone else is the only person in the sentence"

// parseModel reads model_weights.tsv against the vocabulary. A feature
// whose word the vocabulary no longer has is skipped here and caught by
// TestModelUpToDate.
func parseModel(text string, v *vocab) (*model, error) {
	n := strings.Count(text, "\n") // sized once: growing three maps was half of NewDetector
	m := &model{f: make(map[uint64]weight, n)}
	for i := range m.bands {
		m.bands[i] = math.Inf(1) // a file without them: the entry model never says yes
	}
	haveBias, haveThreshold := false, false
	for n, ln := range strings.Split(text, "\n") {
		if ln == "" || ln[0] == '#' {
			continue
		}
		f := strings.Split(ln, "\t")
		x, err := strconv.ParseFloat(f[len(f)-1], 64)
		if len(f) < 2 || len(f) > 3 || err != nil {
			return nil, fmt.Errorf("model_weights.tsv:%d: want feature and weight", n+1)
		}
		switch {
		case len(f) == 2 && f[0] == "bias":
			m.bias, haveBias = x, true
			continue
		case len(f) == 2 && f[0] == "threshold":
			m.threshold, haveThreshold = x, true
			continue
		case len(f) == 2 && strings.HasPrefix(f[0], "threshold-"):
			for i := range entryBands {
				if f[0] == bandName(i) {
					m.bands[i] = x
				}
			}
			continue
		}
		var ids [2]uint32
		ok := true
		for i, w := range f[:len(f)-1] {
			ids[i], ok = v.featureID(w)
			if !ok {
				break
			}
		}
		if !ok {
			continue
		}
		var k uint64
		if len(f) == 2 {
			k = unigram(ids[0])
		} else {
			k = bigram(ids[0], ids[1])
		}
		m.f[k] = weight{float32(x), int32(n + 1)} // #nosec G115 -- a line number of an embedded file
	}
	if !haveBias || !haveThreshold {
		return nil, fmt.Errorf("model_weights.tsv: no bias or threshold line")
	}
	return m, nil
}

// featureID reads one word of a feature as written in model_weights.tsv:
// "<s>" the start or end of the sentence, "," a comma, "~word" a word the
// vocabulary does not know, anything else a lemma.
func (v *vocab) featureID(w string) (uint32, bool) {
	switch {
	case w == "<s>":
		return uint32(symBound), true
	case w == ",":
		return uint32(symComma), true
	case w == "~":
		return unknownBit, true
	case w == "<person>":
		return personID, true
	case strings.HasPrefix(w, "<near") && strings.HasSuffix(w, ">"):
		for i, n := range nearNames {
			if w == n {
				return nearID(i), true
			}
		}
		return 0, false
	case strings.HasPrefix(w, "~"):
		return unknownBit | wordHash([]byte(w[1:]))&^unknownBit, true
	}
	s, ok := v.lemma[w]
	if !ok || s < symFirstWord {
		return 0, false
	}
	return uint32(s), true // #nosec G115 -- syms are small non-negative numbers
}

// modelFinding lists, for Explain, the features that pushed a sentence's
// score up most: their lines in model_weights.tsv, never the writer's
// words.
func (d *Detector) modelFinding(toks []token, a, b int, score float64, outcome string) Finding {
	var keys []uint64
	d.eachKey(toks, a, b, func(k uint64) { keys = append(keys, k) })
	slices.Sort(keys)
	return d.m.finding(modelCode, "model", ModelFile, slices.Compact(keys), score, d.m.threshold, outcome)
}

// finding is a Finding for a model's yes (or its cancelling yes): the lines
// in its weights file of the five features of keys (each once) that pushed
// the score up most, and the score beside the threshold it reached (the
// entry model has one per length).
func (m *model) finding(code, what, file string, keys []uint64, score, threshold float64, outcome string) Finding {
	type c struct {
		k uint64
		w float32
	}
	var cs []c
	for _, k := range keys {
		if f, ok := m.f[k]; ok && f.w > 0 {
			cs = append(cs, c{k, f.w})
		}
	}
	sort.Slice(cs, func(i, j int) bool {
		if cs[i].w != cs[j].w {
			return cs[i].w > cs[j].w
		}
		return cs[i].k < cs[j].k
	})
	var lines []string
	for i := 0; i < len(cs) && i < 5; i++ {
		lines = append(lines, strconv.Itoa(int(m.f[cs[i].k].line)))
	}
	return Finding{Code: code, Rule: path.Base(file) + ":" + strings.Join(lines, ","),
		Pattern: fmt.Sprintf("%s score %.3f, threshold %.3f; top features at the lines of Rule",
			what, 1/(1+math.Exp(-score)), 1/(1+math.Exp(-threshold))),
		Outcome: outcome}
}
