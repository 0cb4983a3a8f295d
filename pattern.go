package securebase

import (
	"math"
	"strings"
)

// Pattern is a person's own breathing pattern (B1): a name, one breath as
// phases, and how many rounds. The rules a pattern must meet to run (a
// breath in and out, a top-up only after a breath in, under 30 minutes in
// all) live in package practice, which the web layer applies on every
// save and again every time a stored pattern is loaded. Validate here
// keeps the shape within the same bounds, so nothing stored is ever huge.
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

// Bounds of a pattern's shape, the same as package practice's.
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

// Validate implements Payload.
func (p *Pattern) Validate() error {
	var v Validation
	p.Name = strings.TrimSpace(p.Name)
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
