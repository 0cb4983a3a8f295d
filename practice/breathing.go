package practice

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/securebase/securebase"
)

// Phase kinds. A breath is a sequence of these; "hold" is a pause with full
// lungs and "rest" a pause with empty lungs, so the pacer can draw them
// differently.
const (
	KindIn    = "in"
	KindTopUp = "top-up"
	KindHold  = "hold"
	KindOut   = "out"
	KindRest  = "rest"
)

// Limits for any pattern, built in or a person's own. A phase longer than
// 20 seconds is a breath hold few people can do comfortably, and long holds
// are where dizziness starts. Thirty minutes is longer than the sessions in
// the studies we cite (five to twenty minutes); together with 60 rounds it
// stops a mistyped 10000 from becoming a pacer that runs for days. Ten
// phases is more than any real breath needs and bounds the work per request.
// The bounds of what is stored are the domain's (securebase.Pattern*), so
// a pattern that runs is always one the store takes.
const (
	MaxPhaseSeconds = securebase.PatternSecondsMax
	MaxPhases       = securebase.PatternPhasesMax
	MinCycles       = 1
	MaxCycles       = securebase.PatternCyclesMax
	MaxDuration     = 30 * time.Minute
	MaxNameRunes    = securebase.PatternNameMax
)

// BreathingSafety is shown before any breathing pattern starts.
const BreathingSafety = "Sit or lie down somewhere steady first. " +
	"If you feel light-headed or dizzy, stop and breathe normally. " +
	"You can end at any time."

// Phase is one part of a breath. Seconds may be 0, which means the phase is
// skipped; this lets a form keep a fixed row per kind.
type Phase struct {
	Kind    string  `json:"kind"`
	Seconds float64 `json:"seconds"`
}

// Pattern is a breathing pattern: one breath as Phases, repeated Cycles
// times. Built-in patterns have a stable ID; a person's own has ID CustomID
// and Custom set, and the store that saves it gives it its own key.
type Pattern struct {
	ID         string  `json:"id"`
	Name       string  `json:"name"`
	Summary    string  `json:"summary"`
	Tip        string  `json:"tip,omitempty"`
	Source     string  `json:"source,omitempty"` // where the pattern comes from, for credits
	Phases     []Phase `json:"phases"`
	Cycles     int     `json:"cycles"`
	Adjustable bool    `json:"adjustable,omitempty"` // the pace can be set with Resonance
	Custom     bool    `json:"custom,omitempty"`
}

// PhaseKind describes a kind of phase for the pacer: a short label to show
// while the phase runs and a hint for the first time through.
type PhaseKind struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	Hint  string `json:"hint"`
}

// PhaseKinds returns every phase kind in the order a breath usually goes.
func PhaseKinds() []PhaseKind {
	return []PhaseKind{
		{KindIn, "Breathe in", "Breathe in slowly, through your nose if you can."},
		{KindTopUp, "Top up", "Take one more small breath in, on top of the first."},
		{KindHold, "Hold", "Hold the breath gently, with no strain."},
		{KindOut, "Breathe out", "Let the breath out slowly, all the way."},
		{KindRest, "Rest", "Rest with empty lungs until the next breath."},
	}
}

// knownKind reports whether k is one of the phase kinds.
func knownKind(k string) bool {
	switch k {
	case KindIn, KindTopUp, KindHold, KindOut, KindRest:
		return true
	}
	return false
}

// PhaseKindField and PhaseSecondsField name the form fields of phase i
// (counting from 0), so messages about one phase land next to it.
func PhaseKindField(i int) string    { return "phases." + strconv.Itoa(i) + ".kind" }
func PhaseSecondsField(i int) string { return "phases." + strconv.Itoa(i) + ".seconds" }

// Validate checks p against every rule a pattern must meet and returns all
// the problems it finds as one *securebase.Error, or nil.
func (p Pattern) Validate() error {
	var es problems
	if fe := checkName(p.Name); fe != nil {
		es = append(es, fe)
	}
	es = append(es, checkPhases(p.Phases)...)
	if p.Cycles < MinCycles || p.Cycles > MaxCycles {
		es = append(es, invalid(FieldCycles, "Choose from 1 to 60 rounds."))
	}
	if len(es) == 0 {
		total := p.cycleSeconds() * float64(p.Cycles)
		if total >= MaxDuration.Seconds() {
			es = append(es, invalid(FieldCycles,
				"This comes to "+aboutMinutes(total)+". Keep it under 30 minutes with fewer rounds or shorter steps."))
		}
	}
	return es.err()
}

// checkName applies the name rules: 1 to 60 characters after trimming, on
// one line, in valid UTF-8.
func checkName(name string) *securebase.Error {
	name = strings.TrimSpace(name)
	switch {
	case !utf8.ValidString(name):
		return invalid(FieldName, "Some characters in the name can't be read. Try typing it again.")
	case name == "":
		return invalid(FieldName, "Give your pattern a name, like Evening breath.")
	case utf8.RuneCountInString(name) > MaxNameRunes:
		return invalid(FieldName, "Keep the name to 60 characters or fewer.")
	case hasControl(name, false):
		return invalid(FieldName, "Keep the name on one line.")
	}
	return nil
}

// checkPhases applies the per-phase rules and then the rules for the breath
// as a whole: some time in it, a breath in, a breath out.
func checkPhases(phases []Phase) problems {
	if len(phases) > MaxPhases {
		return problems{invalid(FieldPhases, "Use 10 steps or fewer for one breath.")}
	}
	var es problems
	var in, out, total float64
	prev := ""
	for i, ph := range phases {
		switch {
		case !knownKind(ph.Kind):
			es = append(es, invalid(PhaseKindField(i), "Choose breathe in, top up, hold, breathe out or rest."))
		case math.IsNaN(ph.Seconds) || math.IsInf(ph.Seconds, 0):
			es = append(es, invalid(PhaseSecondsField(i), "Enter a number of seconds, like 4 or 5.5."))
		case ph.Seconds < 0 || ph.Seconds > MaxPhaseSeconds:
			es = append(es, invalid(PhaseSecondsField(i), "Choose from 0 to 20 seconds. Use 0 to skip this step."))
		case ph.Seconds == 0:
			continue // skipped: it does not count as the phase before the next one
		case ph.Kind == KindTopUp && prev != KindIn && prev != KindTopUp:
			es = append(es, invalid(PhaseKindField(i), "A top-up breath comes right after a breath in."))
		}
		if ph.Seconds > 0 && !math.IsInf(ph.Seconds, 0) {
			total += ph.Seconds
			switch ph.Kind {
			case KindIn, KindTopUp:
				in += ph.Seconds
			case KindOut:
				out += ph.Seconds
			}
			prev = ph.Kind
		}
	}
	if len(es) > 0 {
		return es // the whole-breath rules would only repeat these
	}
	switch {
	case total == 0:
		es = append(es, invalid(FieldPhases, "Every step is at 0 seconds. Give the breath in and the breath out some time."))
	case in == 0:
		es = append(es, invalid(FieldPhases, "Add a breath in of more than 0 seconds."))
	case out == 0:
		es = append(es, invalid(FieldPhases, "Add a breath out of more than 0 seconds."))
	}
	return es
}

// cycleSeconds is the length of one breath in seconds.
func (p Pattern) cycleSeconds() float64 {
	var s float64
	for _, ph := range p.Phases {
		s += ph.Seconds
	}
	return s
}

// Duration is the length of the whole session, to the millisecond. It is
// only meaningful for a pattern that passes Validate; for others it returns
// 0 rather than a nonsense value.
func (p Pattern) Duration() time.Duration {
	total := p.cycleSeconds() * float64(p.Cycles)
	if math.IsNaN(total) || total <= 0 || total > 24*time.Hour.Seconds() {
		return 0
	}
	return millis(total)
}

// millis rounds seconds to whole milliseconds. Offsets are computed from
// the start each time and rounded once, so rounding never piles up.
func millis(seconds float64) time.Duration {
	return time.Duration(math.Round(seconds*1000)) * time.Millisecond
}

// WithCycles returns a copy of p with n rounds, checked. It lets a person
// make a built-in pattern shorter or longer without making it their own.
func (p Pattern) WithCycles(n int) (Pattern, error) {
	q := p
	q.Phases = append([]Phase(nil), p.Phases...)
	q.Cycles = n
	if err := q.Validate(); err != nil {
		return Pattern{}, fmt.Errorf("pattern with %d cycles: %w", n, err)
	}
	return q, nil
}

// Rhythm describes one breath in a few words, such as "in 4, hold 7, out 8".
// Skipped phases are left out.
func (p Pattern) Rhythm() string {
	words := map[string]string{KindIn: "in", KindTopUp: "top up", KindHold: "hold", KindOut: "out", KindRest: "rest"}
	var parts []string
	for _, ph := range p.Phases {
		if ph.Seconds > 0 {
			parts = append(parts, words[ph.Kind]+" "+formatSeconds(ph.Seconds))
		}
	}
	return strings.Join(parts, ", ")
}

// formatSeconds shows seconds with at most one decimal place.
func formatSeconds(s float64) string {
	return strconv.FormatFloat(math.Round(s*10)/10, 'f', -1, 64)
}

// aboutMinutes says roughly how long a number of seconds is, for messages.
func aboutMinutes(seconds float64) string {
	m := int(math.Round(seconds / 60))
	if m == 1 {
		return "about 1 minute"
	}
	return "about " + strconv.Itoa(m) + " minutes"
}

// Step is one phase in a running session: which round and phase it is, and
// when it starts and how long it lasts, measured from the start. The pacer
// schedules against these offsets from a monotonic clock rather than adding
// up lengths, so it does not drift.
type Step struct {
	Cycle  int           // 1-based round
	Phase  int           // index into Pattern.Phases
	Kind   string        // the phase kind
	Offset time.Duration // from the start of the session
	Length time.Duration // until the next step, or the end
}

// MarshalJSON writes offsets and lengths in whole milliseconds, the unit the
// browser pacer uses.
func (s Step) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Cycle    int    `json:"cycle"`
		Phase    int    `json:"phase"`
		Kind     string `json:"kind"`
		OffsetMS int64  `json:"offset_ms"`
		LengthMS int64  `json:"length_ms"`
	}{s.Cycle, s.Phase, s.Kind, s.Offset.Milliseconds(), s.Length.Milliseconds()})
}

// Schedule lists every phase change of p from start to end, skipping phases
// of 0 seconds. The steps are back to back: each starts where the one before
// ends, and the last ends at p.Duration(). It returns nil for a pattern that
// fails Validate, so a bad pattern can never make a huge schedule.
func Schedule(p Pattern) []Step {
	if p.Validate() != nil {
		return nil
	}
	cycle := p.cycleSeconds()
	var steps []Step
	for c := 0; c < p.Cycles; c++ {
		at := float64(c) * cycle
		for i, ph := range p.Phases {
			if ph.Seconds == 0 {
				continue
			}
			steps = append(steps, Step{Cycle: c + 1, Phase: i, Kind: ph.Kind, Offset: millis(at)})
			at += ph.Seconds
		}
	}
	for i := range steps {
		end := p.Duration()
		if i+1 < len(steps) {
			end = steps[i+1].Offset
		}
		steps[i].Length = end - steps[i].Offset
	}
	return steps
}
