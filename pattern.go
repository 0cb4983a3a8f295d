package securebase

import (
	"math"
	"strconv"
	"strings"
)

// KindPattern is a person's own breathing pattern.
const KindPattern Kind = "pattern"

// Pattern is a person's own breathing pattern (B1): a name, one breath as
// phases, and how many rounds. The rules a pattern must meet to run (a
// breath in and out, a top-up only after a breath in, under 30 minutes in
// all) live in package practice, which package entries applies on every
// save and the pacer again every time a stored pattern is loaded. Validate
// here keeps the shape within the same bounds, so nothing stored is ever
// huge.
type Pattern struct {
	Name   string         `json:"name"`
	Phases []PatternPhase `json:"phases"`
	Cycles int            `json:"cycles"`
}

// PatternPhase is one part of a breath: in, top-up, hold, out or rest,
// for 0 to 20 seconds (0 skips it).
type PatternPhase struct {
	Kind    string  `json:"kind"`
	Seconds float64 `json:"seconds"`
}

// Bounds of a pattern's shape. Package practice checks a pattern that runs
// against these same constants.
const (
	PatternNameMax    = 60
	PatternPhasesMax  = 10
	PatternSecondsMax = 20
	PatternCyclesMax  = 60
)

// Kind implements Payload.
func (p *Pattern) Kind() Kind { return KindPattern }

// Text implements Payload.
func (p *Pattern) Text() []string { return []string{p.Name} }

// Example implements Payload: a pattern named text.
func (p *Pattern) Example(text string) Payload {
	return &Pattern{Name: text, Cycles: 6, Phases: []PatternPhase{{Kind: "in", Seconds: 4}, {Kind: "out", Seconds: 6}}}
}

// Readable implements Readable: the breath in words, "in 4 s, out 6 s".
func (p *Pattern) Readable() []Field {
	steps := make([]string, len(p.Phases))
	for i, ph := range p.Phases {
		steps[i] = ph.Kind + " " + strconv.FormatFloat(ph.Seconds, 'f', -1, 64) + " s"
	}
	return []Field{{"name", p.Name}, {"one breath", strings.Join(steps, ", ")}, {"rounds", strconv.Itoa(p.Cycles)}}
}

// Validate implements Payload.
func (p *Pattern) Validate() error {
	var v Validation
	p.Name = OneLine(p.Name)
	if p.Name == "" {
		v.Add("name", "Give your pattern a name, like Evening breath.")
	}
	checkText(&v, "name", p.Name, PatternNameMax, false)
	if len(p.Phases) == 0 || len(p.Phases) > PatternPhasesMax {
		v.Add("phases", "Use from 1 to 10 steps for one breath.")
	}
	for _, ph := range p.Phases {
		switch ph.Kind {
		case "in", "top-up", "hold", "out", "rest":
		default:
			v.Add("phases", "Choose breathe in, top up, hold, breathe out or rest.")
		}
		if math.IsNaN(ph.Seconds) || ph.Seconds < 0 || ph.Seconds > PatternSecondsMax {
			v.Add("phases", "Choose from 0 to 20 seconds for each step.")
		}
	}
	if p.Cycles < 1 || p.Cycles > PatternCyclesMax {
		v.Add("cycles", "Choose from 1 to 60 rounds.")
	}
	return v.Err()
}
