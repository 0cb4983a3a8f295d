package securebase

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The distress scale every rating uses, everywhere: check-ins, the "I'm
// activated" flow, the body tools, how strong a feeling is. Pages and
// scripts read these numbers from here (web gives them to templates and
// to scripts as data attributes), so the scale is defined once.
const (
	DistressMin = 0  // calm
	DistressMax = 10 // the most distress a person can imagine
	// DistressHigh is where the crisis lines and the safety plan come
	// forward: a rating at or above it at the end of the flow or a tool.
	DistressHigh = 8
)

// ValidDistress reports whether d is on the distress scale.
func ValidDistress(d int) bool { return d >= DistressMin && d <= DistressMax }

// DistressScale returns every point of the scale, lowest first.
func DistressScale() []int {
	out := make([]int, 0, DistressMax-DistressMin+1)
	for d := DistressMin; d <= DistressMax; d++ {
		out = append(out, d)
	}
	return out
}

// ParseDistress reads a rating as typed or tapped: a whole number on the
// scale, nothing else ("07", "+7" and "7.0" are refused). The error is an
// EINVALID *Error on field.
func ParseDistress(field, s string) (int, error) {
	s = Trim(s)
	n, err := strconv.Atoi(s)
	if err != nil || strconv.Itoa(n) != s || !ValidDistress(n) {
		return 0, FieldError(field, fmt.Sprintf("Choose a number from %d to %d.", DistressMin, DistressMax))
	}
	return n, nil
}

// Trim is how every typed value is cleaned before it is checked: spaces
// and line breaks at either end go. Validate methods apply it to the
// payload's text, so a page, the API and an import clean alike.
func Trim(s string) string { return strings.TrimSpace(s) }

// OneLine cleans a name or a word: Trim, and every run of spaces, tabs or
// line breaks inside becomes one space.
func OneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// Limits returns the most characters each kind of text may hold, by the
// name forms use for it, for templates (maxlength) and scripts. They are
// the constants the Validate methods check.
func Limits() map[string]int {
	return map[string]int{
		"note":         NoteMax,
		"statement":    StatementMax,
		"pattern-name": PatternNameMax,
		"emotion":      EmotionMax,
		"because":      BecauseMax,
		"draft":        DraftMax,
		"plan-section": PlanSectionMax,
		"about":        AttemptAboutMax,
	}
}

// checkText checks a free-text field: readable, within max characters,
// and on one line unless lines are allowed.
func checkText(v *Validation, field, s string, max int, lines bool) {
	switch {
	case !utf8.ValidString(s):
		v.Add(field, "Some characters can't be read. Try typing them again.")
	case utf8.RuneCountInString(s) > max:
		v.Add(field, "Keep this to "+thousands(max)+" characters. Everything you typed is still here.")
	case hasControl(s, lines):
		v.Add(field, "Some characters can't be saved. Try typing the words again.")
	}
}

// checkTexts checks a map of texts keyed by list ids (a plan's parts, a
// planner's answers): each id's form, each text with checkText under its
// own id. It returns the texts trimmed, the empty ones dropped. Which ids
// exist is the save path's rule (package entries).
func checkTexts(v *Validation, field string, texts map[string]string, max int) map[string]string {
	clean := make(map[string]string, len(texts))
	for id, text := range texts {
		checkRef(v, field, id)
		text = Trim(text)
		checkText(v, id, text, max, true)
		if text != "" {
			clean[id] = text
		}
	}
	return clean
}

// checkRating checks an optional rating on the distress scale.
func checkRating(v *Validation, field string, n *int) {
	if n != nil && !ValidDistress(*n) {
		v.Add(field, fmt.Sprintf("Choose a number from %d to %d.", DistressMin, DistressMax))
	}
}

// hasControl reports control characters other than line breaks and tabs
// when lines are allowed.
func hasControl(s string, lines bool) bool {
	for _, r := range s {
		if lines && (r == '\n' || r == '\r' || r == '\t') {
			continue
		}
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return true
		}
	}
	return false
}

// thousands writes n with a comma between thousands, as messages do.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
