package behaviour

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Bounds on what a person types. They keep entries small enough to seal and
// list quickly, and short enough to read on a phone.
const (
	MaxOwnWords = 80   // an "in my own words" choice: a label, not a story
	MaxStory    = 500  // the story I told myself, a held message's note
	MaxNote     = 1000 // a talk plan answer, a note after a talk
	MaxMessage  = 4000 // a held message: long enough for the longest text anyone sends
)

// cleanText trims s and checks it: valid UTF-8, at most max characters, no
// control characters (line breaks too when multiline is false). It returns
// the trimmed text, with Windows line endings made plain, or a *FieldError
// for field. An empty result is not an error here; required fields check
// that themselves, so they can say which thing is missing.
func cleanText(field, s string, max int, multiline bool) (string, *FieldError) {
	if !utf8.ValidString(s) {
		return "", invalid(field, "Some characters can't be read. Try typing them again.", "text not UTF-8")
	}
	t := strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
	for _, r := range t {
		switch {
		case r == '\n' || r == '\u2028' || r == '\u2029':
			if !multiline {
				return "", invalid(field, "Keep this to one line.", "line break in a one-line field")
			}
		case r == '\t' && multiline:
		case unicode.IsControl(r) || isBidiControl(r):
			return "", invalid(field, "Some characters can't be saved. Try typing the words again.", "control character")
		}
	}
	if n := utf8.RuneCountInString(t); n > max {
		return "", invalid(field,
			fmt.Sprintf("Keep this to %d characters. It has %d now.", max, n),
			fmt.Sprintf("%d runes over %d", n, max))
	}
	return t, nil
}

// isBidiControl reports the invisible characters that reorder text. In a
// message that is copied out and sent on, they can make the words read
// differently from what was typed, so they are refused.
func isBidiControl(r rune) bool {
	return (r >= '\u202A' && r <= '\u202E') || (r >= '\u2066' && r <= '\u2069') || r == '\u200E' || r == '\u200F' || r == '\u061C'
}

// Activation bounds: the 0–10 scale used across Secure Base.
const (
	MinActivation = 0
	MaxActivation = 10
)

// CheckActivation reports whether n is a whole activation rating 0–10.
func CheckActivation(field string, n int) error {
	if n < MinActivation || n > MaxActivation {
		return invalid(field, "Choose a number from 0 to 10.", "activation outside 0–10")
	}
	return nil
}

// ParseActivation reads an activation rating typed or posted as text:
// a whole number from 0 to 10, surrounding spaces allowed.
func ParseActivation(field, s string) (int, error) {
	t := strings.TrimSpace(s)
	if len(t) == 0 || len(t) > 2 {
		return 0, invalid(field, "Choose a number from 0 to 10.", "activation not a number 0–10")
	}
	n, err := strconv.Atoi(t)
	if err != nil || t[0] == '+' || t[0] == '-' {
		return 0, invalid(field, "Choose a number from 0 to 10.", "activation not a number 0–10")
	}
	if err := CheckActivation(field, n); err != nil {
		return 0, err
	}
	return n, nil
}
