package practice

import (
	"strconv"
	"strings"
	"unicode"
)

// NewCustom makes a person's own breathing pattern and checks it with the
// same rules as the built-ins. The name is trimmed; the phases are copied,
// so the caller may reuse its slice. On failure the error is one
// *securebase.Error, with a
// message for each field that needs a change.
func NewCustom(name string, phases []Phase, cycles int) (Pattern, error) {
	p := Pattern{
		ID:     CustomID,
		Name:   strings.TrimSpace(name),
		Phases: append([]Phase(nil), phases...),
		Cycles: cycles,
		Custom: true,
	}
	if err := p.Validate(); err != nil {
		return Pattern{}, err
	}
	p.Summary = "Your own rhythm: " + p.Rhythm() + "."
	return p, nil
}

// CustomForm is the "make your own pattern" form as it arrives: strings,
// exactly as typed. ParseCustom turns it into a Pattern.
type CustomForm struct {
	Name   string
	Cycles string
	Phases []PhaseForm
}

// PhaseForm is one row of the custom pattern form. An empty Seconds means
// the row was left blank and the phase is skipped, the same as 0.
type PhaseForm struct {
	Kind    string
	Seconds string
}

// ParseCustom reads the custom pattern form and builds the pattern with
// NewCustom. It reports every problem at once, each under its field name,
// with phase fields numbered by form row. A row with no kind and no seconds
// is left out. When a value cannot be read at all, ParseCustom drops the
// messages that would only follow from it, so the person sees the cause and
// not its echoes.
func ParseCustom(f CustomForm) (Pattern, error) {
	var es problems
	if len(f.Phases) > MaxPhases {
		es = append(es, invalid(FieldPhases, "Use 10 steps or fewer for one breath."))
		f.Phases = f.Phases[:MaxPhases]
	}
	var phases []Phase
	var rows []int // rows[i] is the form row of phases[i]
	unread := false
	for i, row := range f.Phases {
		kind := strings.ToLower(strings.TrimSpace(row.Kind))
		s := strings.TrimSpace(row.Seconds)
		if kind == "" && s == "" {
			continue
		}
		ph := Phase{Kind: kind}
		if s != "" {
			v, ok := parseDecimal(s)
			if !ok {
				es = append(es, invalid(PhaseSecondsField(i), "Enter a number of seconds, like 4 or 5.5."))
				unread = true
			}
			ph.Seconds = v
		}
		phases = append(phases, ph)
		rows = append(rows, i)
	}
	cycles, ok := parseWhole(f.Cycles)
	if !ok {
		es = append(es, invalid(FieldCycles, "Enter a whole number of rounds, like 4."))
		cycles = MinCycles
	}
	p, err := NewCustom(f.Name, phases, cycles)
	if err == nil && len(es) == 0 {
		return p, nil
	}
	for _, fe := range problemsOf(err) {
		for field, msg := range fe.Fields {
			field = formField(field, rows)
			if (unread && field == FieldPhases) || es.has(field) {
				continue
			}
			es = append(es, invalid(field, msg))
		}
	}
	return Pattern{}, es.err()
}

// formField maps a phase field name from a pattern index to a form row.
func formField(field string, rows []int) string {
	rest, ok := strings.CutPrefix(field, "phases.")
	if !ok {
		return field
	}
	num, part, ok := strings.Cut(rest, ".")
	i, err := strconv.Atoi(num)
	if !ok || err != nil || i < 0 || i >= len(rows) {
		return field
	}
	return "phases." + strconv.Itoa(rows[i]) + "." + part
}

// parseDecimal reads a plain decimal number such as "4", "5.5", "-2" or
// "5,5" (a comma works as the decimal mark, as many keyboards type it). It
// refuses exponents, hex, "NaN", "Inf" and anything longer than 12
// characters, so only numbers a person would type get through.
func parseDecimal(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 12 {
		return 0, false
	}
	s = strings.Replace(s, ",", ".", 1)
	body := strings.TrimPrefix(s, "-")
	digits, points := 0, 0
	for _, r := range body {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '.':
			points++
		default:
			return 0, false
		}
	}
	if digits == 0 || points > 1 {
		return 0, false
	}
	v, err := strconv.ParseFloat(s, 64)
	return v, err == nil
}

// parseWhole reads a whole number of ASCII digits, such as "4" or "10000".
// A number too large for an int comes back as a huge value, so the range
// check, not the parser, explains the problem.
func parseWhole(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0, false
		}
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return int(^uint(0) >> 1), true // all digits, only too big
	}
	return n, true
}

// hasControl reports whether s holds control or format characters, other
// than line breaks and tabs when allowLines is set.
func hasControl(s string, allowLines bool) bool {
	for _, r := range s {
		if allowLines && (r == '\n' || r == '\r' || r == '\t') {
			continue
		}
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return true
		}
	}
	return false
}
