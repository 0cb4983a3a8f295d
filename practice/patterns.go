package practice

import (
	"math"
	"strconv"
)

// Built-in pattern ids. They are stored with every logged session, so they
// never change; a new pattern gets a new id.
const (
	Pattern478        = "4-7-8"
	PatternBox        = "box"
	PatternSigh       = "cyclic-sighing"
	PatternSlowExhale = "slow-exhale"
	PatternResonance  = "resonance"
)

// CustomID is the ID of every pattern made with NewCustom. It is not a
// built-in id, so PatternByID never returns a person's pattern by mistake.
const CustomID = "custom"

// Resonance pace, in breaths per minute. Lehrer and Gevirtz (2014) place
// most adults' resonance frequency between 4.5 and 6.5 breaths a minute,
// and about 6 is a good start when a person's own is not known.
const (
	MinResonanceRate     = 4.5
	MaxResonanceRate     = 6.5
	DefaultResonanceRate = 6.0
)

// resonanceInShare is the part of each resonance breath spent breathing in.
// Below one half, the breath out is a little longer than the breath in,
// which many people find calmer than an exactly even breath.
const resonanceInShare = 0.45

// resonanceMinutes is the default length of a resonance session.
const resonanceMinutes = 5

// builtins returns the fixed patterns as fresh values. Resonance is built
// by Resonance so its timing comes from one formula.
func builtins() []Pattern {
	return []Pattern{
		{
			ID:      Pattern478,
			Name:    "4-7-8 breathing",
			Summary: "Breathe in for 4, hold for 7, then breathe out slowly for 8.",
			Tip:     "If the hold feels too long, count a little faster. The rhythm matters more than the exact seconds.",
			Source:  "Andrew Weil",
			Phases:  []Phase{{KindIn, 4}, {KindHold, 7}, {KindOut, 8}},
			Cycles:  4,
		},
		{
			ID:      PatternBox,
			Name:    "Box breathing",
			Summary: "Four even sides: in for 4, hold for 4, out for 4, rest for 4.",
			Tip:     "You can picture tracing the sides of a square as you go.",
			Source:  "A common practice; one arm of Balban et al. 2023",
			Phases:  []Phase{{KindIn, 4}, {KindHold, 4}, {KindOut, 4}, {KindRest, 4}},
			Cycles:  8,
		},
		{
			ID:      PatternSigh,
			Name:    "Cyclic sighing",
			Summary: "Breathe in, top up with a small second breath, then let a long breath out.",
			Tip:     "Breathe in through your nose and out through your mouth, if that feels okay.",
			Source:  "Balban et al. 2023, Cell Reports Medicine",
			Phases:  []Phase{{KindIn, 3}, {KindTopUp, 1}, {KindOut, 6}},
			Cycles:  30,
		},
		{
			ID:      PatternSlowExhale,
			Name:    "Slow exhale",
			Summary: "Breathe in for 4 and out for 8. The long breath out is the part that matters.",
			Tip:     "Let the breath out be soft and steady, like cooling a hot drink.",
			Source:  "A common practice",
			Phases:  []Phase{{KindIn, 4}, {KindOut, 8}},
			Cycles:  10,
		},
	}
}

// Patterns returns every built-in pattern, resonance at its default pace.
// The slice and its phases are new on each call.
func Patterns() []Pattern {
	return append(builtins(), resonance(DefaultResonanceRate))
}

// PatternByID returns the built-in pattern with the given id. Resonance comes
// at its default pace; use Resonance for another.
func PatternByID(id string) (Pattern, error) {
	return find(Patterns(), func(p Pattern) string { return p.ID }, id, "a breathing pattern")
}

// Resonance returns resonance breathing at breathsPerMinute, which must be a
// number from 4.5 to 6.5. Each breath is 60/rate seconds, split so the
// breath out is slightly longer than the breath in, and the session lasts
// about five minutes.
func Resonance(breathsPerMinute float64) (Pattern, error) {
	r := breathsPerMinute
	if math.IsNaN(r) || r < MinResonanceRate || r > MaxResonanceRate {
		return Pattern{}, invalid(FieldRate, "Choose a pace from 4.5 to 6.5 breaths a minute.")
	}
	return resonance(r), nil
}

// resonance builds the pattern for a pace already checked to be in range.
// The tests validate it across the whole range.
func resonance(r float64) Pattern {
	breath := 60 / r
	in := breath * resonanceInShare
	rate := strconv.FormatFloat(math.Round(r*100)/100, 'f', -1, 64)
	return Pattern{
		ID:         PatternResonance,
		Name:       "Resonance breathing",
		Summary:    "Slow, even breathing at " + rate + " breaths a minute. The breath out is a little longer than the breath in.",
		Tip:        "Breathe gently, without forcing. If you feel short of air, breathe a little less deeply.",
		Source:     "Lehrer & Gevirtz 2014",
		Phases:     []Phase{{KindIn, in}, {KindOut, breath - in}},
		Cycles:     int(math.Round(r * resonanceMinutes)),
		Adjustable: true,
	}
}

// ParseResonance reads a pace from a form or query value, such as "6" or
// "5,5", and returns Resonance at that pace.
func ParseResonance(s string) (Pattern, error) {
	r, ok := parseDecimal(s)
	if !ok {
		return Pattern{}, invalid(FieldRate, "Enter a pace as a number, like 6 or 5.5.")
	}
	return Resonance(r)
}
