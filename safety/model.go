package safety

import (
	_ "embed"
	"fmt"
	"math/bits"
	"strconv"
	"strings"
)

// The statistical layer (round 6) is a logistic regression over the words
// of a sentence window: lemma unigrams, pairs of adjacent words, and the
// kinds of cue the window holds (rules_cues.go, concept.go). It learns from
// the labelled tuning sentences and from the phrases of the Suicide Risk
// Lexicon (see model_train_test.go), so it can weigh a word that no rule
// lists, such as a lexicon phrase's word or a word that only ever appeared
// in crisis sentences. It is a plain weighted sum, so it can be read: every
// weight is a line of model_weights.txt.
//
// Weights are trained by `go generate` (TestTrainModel) and embedded; the
// detector never trains or reads files at run time. A window is the current
// sentence unit and the one before it, as for the cue combinations: its
// score is the bias plus the sum of the weights of every feature in it. A
// score above the threshold answers yes, under the same sentence masks
// (stated recovery, a question answered no) as every other rule, and only
// when the window holds a first-person word or no word for anyone else.

//go:generate env SAFETY_TRAIN=1 go test -run ^TestTrainModel$ -count=1 .

//go:embed model_weights.txt
var modelWeights string

// Feature keys: a kind in the high 32 bits and a hash in the low ones.
const (
	keyWord uint64 = 1 << 32 // a lemma, or an unknown word's letters
	keyPair uint64 = 2 << 32 // two adjacent words in one clause
	keyCue  uint64 = 3 << 32 // a cue kind present in the unit (unchecked)
)

// model is the compiled weight table: open addressing over feature keys,
// built once in NewDetector and read-only afterwards.
type model struct {
	keys      []uint64
	vals      []float32
	mask      uint64
	bias      float32
	threshold float32
	symHash   []uint32 // lemma hash per sym; 0 for structure marks
}

// negHash names a word inside a negation's scope; in model_weights.txt
// such a word is written with the prefix "not_".
func negHash(h uint32) uint32 { return h*0x01000193 ^ 0x6E6F745F }

func pairHash(a, b uint32) uint32 {
	return a*0x9E3779B1 ^ (b + 0x7F4A7C15 + a<<6 + a>>2)
}

func mix64(k uint64) uint64 {
	k ^= k >> 33
	k *= 0xff51afd7ed558ccd
	k ^= k >> 33
	return k
}

func (m *model) get(k uint64) float32 {
	if len(m.keys) == 0 {
		return 0
	}
	for i := mix64(k) & m.mask; ; i = (i + 1) & m.mask {
		switch m.keys[i] {
		case k:
			return m.vals[i]
		case 0:
			return 0
		}
	}
}

func (m *model) put(k uint64, v float32) {
	for i := mix64(k) & m.mask; ; i = (i + 1) & m.mask {
		if m.keys[i] == 0 || m.keys[i] == k {
			m.keys[i], m.vals[i] = k, v
			return
		}
	}
}

// cueBitNames names every cue bit, for the model file.
func cueBitNames() map[string]uint64 {
	n := cueNames()
	for k, v := range map[string]uint64{
		"fear": cueFear, "frame": cueFrame, "self": cueSelf, "mourn": cueMourn,
		"grief": cueGrief, "medical": cueMedical, "twice": cueTwice, "other": cueOther,
	} {
		n[k] = v
	}
	return n
}

// loadModel parses model_weights.txt. Lines: "bias X", "threshold X",
// "w WORD X", "p WORD WORD X", "c CUE X"; # starts a comment. A word
// written #xxxxxxxx is a hash whose letters were not kept.
func (d *Detector) loadModel(text string) error {
	m := &model{symHash: make([]uint32, len(d.v.names))}
	for s := symFirstWord; int(s) < len(d.v.names); s++ {
		m.symHash[s] = wordHash([]byte(d.v.names[s]))
	}
	cues := cueBitNames()
	lines := strings.Split(text, "\n")
	size := 1
	for size < 2*len(lines) {
		size <<= 1
	}
	m.keys, m.vals, m.mask = make([]uint64, size), make([]float32, size), uint64(size-1) // #nosec G115 -- size is a power of two, at least 1
	for n, line := range lines {
		f := strings.Fields(line)
		if len(f) == 0 || strings.HasPrefix(f[0], "#") {
			continue
		}
		w, err := strconv.ParseFloat(f[len(f)-1], 32)
		if err != nil {
			return fmt.Errorf("model line %d: %w", n+1, err)
		}
		var key uint64
		switch {
		case f[0] == "bias" && len(f) == 2:
			m.bias = float32(w)
			continue
		case f[0] == "threshold" && len(f) == 2:
			m.threshold = float32(w)
			continue
		case f[0] == "w" && len(f) == 3:
			h, err := featureHash(f[1])
			if err != nil {
				return fmt.Errorf("model line %d: %w", n+1, err)
			}
			key = keyWord | uint64(h)
		case f[0] == "p" && len(f) == 4:
			a, err1 := featureHash(f[1])
			b, err2 := featureHash(f[2])
			if err1 != nil || err2 != nil {
				return fmt.Errorf("model line %d: bad word", n+1)
			}
			key = keyPair | uint64(pairHash(a, b))
		case f[0] == "c" && len(f) == 3:
			bit, ok := cues[f[1]]
			if !ok {
				return fmt.Errorf("model line %d: unknown cue %q", n+1, f[1])
			}
			key = keyCue | uint64(bits.TrailingZeros64(bit)) // #nosec G115 -- TrailingZeros64 is 0..64
		default:
			return fmt.Errorf("model line %d: cannot read %q", n+1, line)
		}
		m.put(key, float32(w))
	}
	if m.threshold == 0 {
		return fmt.Errorf("model has no threshold")
	}
	d.m = m
	return nil
}

func featureHash(word string) (uint32, error) {
	if w, ok := strings.CutPrefix(word, "not_"); ok && w != "" {
		h, err := featureHash(w)
		return negHash(h), err
	}
	if hex, ok := strings.CutPrefix(word, "#"); ok {
		h, err := strconv.ParseUint(hex, 16, 32)
		return uint32(h), err
	}
	return wordHash([]byte(word)), nil
}

// tokHash is the model's name for a token: its lemma's hash, an unknown
// word's hash, or 0 for structure marks and blanked words.
func (d *Detector) tokHash(t token) uint32 {
	if t.s >= symFirstWord {
		if int(t.s) < len(d.m.symHash) {
			return d.m.symHash[t.s]
		}
		return 0
	}
	if t.s == symUnknown {
		return t.h
	}
	return 0
}

// unitFeatures calls fn with every feature of the unit [from, to) whose
// unchecked cue bits are raw. Training (model_train_test.go) and Check use
// this one function, so they cannot drift apart.
//
// Words after a negation, to the end of its clause, are features of their
// own ("not die" is not "die"): the usual way to let a bag of words see
// "I don't want to die".
func (d *Detector) unitFeatures(toks []token, from, to int, raw uint64, fn func(key uint64)) {
	var prev uint32
	neg := false
	for p := from; p < to; p++ {
		s := toks[p].s
		if s == symComma || s == symQuote || d.v.flags[s]&flagSoft != 0 {
			neg = false
		}
		h := d.tokHash(toks[p])
		if h == 0 {
			prev = 0 // a comma, a quotation mark or a blanked word breaks pairs
			continue
		}
		if neg {
			h = negHash(h)
		}
		if d.v.flags[s]&flagNeg != 0 {
			neg = true
		}
		fn(keyWord | uint64(h))
		if prev != 0 {
			fn(keyPair | uint64(pairHash(prev, h)))
		}
		prev = h
	}
	for b := raw; b != 0; b &= b - 1 {
		fn(keyCue | uint64(bits.TrailingZeros64(b))) // #nosec G115 -- TrailingZeros64 is 0..64
	}
}

// modelMayAnswer reports whether the model may answer for a window with
// these unchecked bits: the writer is in it, or nobody else is ("how much
// amitriptyline is too much").
func modelMayAnswer(bits uint64) bool {
	return bits&cueSelf != 0 || bits&cueOther == 0
}

// unitScore is the sum of the weights of a unit's features.
func (d *Detector) unitScore(toks []token, u unit, raw uint64) float32 {
	var sum float32
	d.unitFeatures(toks, u.from, u.to, raw, func(k uint64) { sum += d.m.get(k) })
	return sum
}
