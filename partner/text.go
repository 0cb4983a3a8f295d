package partner

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// cleanText trims s and checks it: valid UTF-8, at most max characters, no
// control characters (line breaks too when multiline is false), none of the
// invisible characters that reorder text. It returns the trimmed text with
// Windows line endings made plain, or a *FieldError for field. Empty text is
// not an error here; required fields say so themselves.
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
// message copied out or shown to another person they could make the words
// read differently from what was typed, so they are refused.
func isBidiControl(r rune) bool {
	return (r >= '\u202A' && r <= '\u202E') || (r >= '\u2066' && r <= '\u2069') || r == '\u200E' || r == '\u200F' || r == '\u061C'
}

// trimEnd drops end punctuation and spaces, so a composer can add its own.
func trimEnd(s string) string {
	return strings.TrimRightFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(".,;:!?…", r)
	})
}

// sentence makes s one sentence: a capital first letter and a full stop,
// keeping a question mark the person typed.
func sentence(s string) string {
	q := strings.HasSuffix(strings.TrimSpace(s), "?")
	s = trimEnd(s)
	if s == "" {
		return ""
	}
	if q {
		return upperStart(s) + "?"
	}
	return upperStart(s) + "."
}

// dropLead removes the first of leads (compared without case, a
// typographic apostrophe read as a plain one) when it starts s as a whole
// word, with any comma or space after it.
func dropLead(s string, leads ...string) string {
	folded := strings.ToLower(strings.ReplaceAll(s, "’", "'"))
	for _, l := range leads {
		if !strings.HasPrefix(folded, l) {
			continue
		}
		rest := folded[len(l):]
		if rest != "" && !strings.HasPrefix(rest, " ") && !strings.HasPrefix(rest, ",") {
			continue
		}
		// Lower-casing and the apostrophe map one rune to one rune, so the
		// lead is as many runes long in s as in folded.
		cut, n := len(s), utf8.RuneCountInString(l)
		for i := range s {
			if n == 0 {
				cut = i
				break
			}
			n--
		}
		return strings.TrimLeft(s[cut:], " ,")
	}
	return s
}

// isStarter reports the words that begin a part in lower case once it
// sits in the middle of a sentence. Any other word (a name, "I") keeps its
// case.
func isStarter(w string) bool {
	switch w {
	case "you", "your", "we", "our", "they", "their", "them", "he", "she", "his", "her", "it", "its",
		"it's", "the", "a", "an", "my", "me", "us", "this", "that", "there", "some", "to", "going",
		"taking", "having", "getting", "finishing", "thinking", "on", "at", "in", "out", "off", "just",
		"not", "so", "you're", "we're", "they're", "let's", "if", "when", "after":
		return true
	}
	return false
}

// lowerStart lower-cases the first letter of s when its first word is a
// common starter written with a capital ("Going for a walk").
func lowerStart(s string) string {
	word, _, _ := strings.Cut(s, " ")
	w := strings.TrimRight(strings.ToLower(strings.ReplaceAll(word, "’", "'")), ",")
	r, size := utf8.DecodeRuneInString(s)
	if !isStarter(w) || !unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToLower(r)) + s[size:]
}

// upperStart capitalises the first letter of s.
func upperStart(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[size:]
}
