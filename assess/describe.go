package assess

import (
	"math"
	"math/rand/v2"
)

// orderStream selects the PCG stream used for item order. It is fixed, so a
// seed alone decides the order, now and in every later release.
const orderStream = 0x5ecba5e_0a11_0001

// Order returns the item numbers 1..n in a shuffled order that depends only
// on seed. Published administrations often shuffle items; an attempt
// stores its seed so that its order is random across attempts and stable
// within one, across page loads and devices. n <= 0 yields an empty order.
func Order(n int, seed uint64) []int {
	if n <= 0 {
		return []int{}
	}
	p := rand.New(rand.NewPCG(seed, orderStream)).Perm(n) // #nosec G404 -- a stable item order from a seed, not a secret
	for i := range p {
		p[i]++
	}
	return p
}

// The soft words [Region] uses for the four quadrants of the map.
const (
	RegionSecure   = "secure"
	RegionAnxious  = "anxious"
	RegionAvoidant = "avoidant"
	RegionFearful  = "fearful"
)

// Region returns a soft word for where a point lies on the two-dimensional
// map: "secure" (both scores at or below the midpoint of the instrument's
// range), "anxious" (only anxiety above it), "avoidant" (only avoidance
// above it) or "fearful" (both above it).
//
// The word is a description of a point, never a diagnosis or a type: the
// questionnaire has no published cut-offs, and its authors advise reporting
// the two dimensions rather than categories. Show the two scores first and
// the word beside them. Region returns "" if either score is NaN.
func Region(anxiety, avoidance float64, in *Instrument) string {
	return region(anxiety, avoidance, in.Midpoint())
}

// Midpoint is the middle of the instrument's own response range, the line
// between "lower" and "higher" on its map.
func (in *Instrument) Midpoint() float64 {
	return float64(in.Min+in.Max) / 2
}

func region(anxiety, avoidance, mid float64) string {
	switch {
	case math.IsNaN(anxiety) || math.IsNaN(avoidance):
		return ""
	case anxiety > mid && avoidance > mid:
		return RegionFearful
	case anxiety > mid:
		return RegionAnxious
	case avoidance > mid:
		return RegionAvoidant
	}
	return RegionSecure
}

// A Pillar is one of the three parts of the program, practised in this
// order: body (calming the nervous system), beliefs (rewiring core beliefs)
// and behaviour (secure relationship skills).
type Pillar string

const (
	PillarBody      Pillar = "body"
	PillarBeliefs   Pillar = "beliefs"
	PillarBehaviour Pillar = "behaviour"
)

// FirstPillar suggests where to begin practice after a result, with a
// one-line reason to show beside it. It is a suggestion only: nothing in
// the program is locked, and any tool can be used at any time.
//
// The rule follows the program's order. When anxiety is above the midpoint
// (or not scored) the body comes first, because regulation is what the
// other two pillars stand on. When only avoidance is above it, beliefs come
// first, because keeping distance usually rests on beliefs about whether
// closeness is safe. When neither is, the skills of the third pillar are
// where practice meets daily life.
func FirstPillar(r Result) (Pillar, string) {
	mid := float64(r.Min+r.Max) / 2
	anx, okAnx := r.Scale(Anxiety)
	avo, okAvo := r.Scale(Avoidance)
	switch {
	case !okAnx || !anx.Scored:
		return PillarBody, "The program starts with the body: when it feels calmer, the rest is easier to reach."
	case anx.Mean > mid:
		return PillarBody, "Worry about closeness runs high for you now, so settling your body first gives every other step firmer ground."
	case okAvo && avo.Scored && avo.Mean > mid:
		return PillarBeliefs, "Keeping people at a distance often rests on old beliefs about whether closeness is safe, so a gentle look at those is a good start."
	}
	return PillarBehaviour, "Your answers lean toward the calmer side, so practising secure habits in everyday moments may help you most."
}
