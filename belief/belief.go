// Package belief is the groundwork of the Beliefs pillar (features C1–C5):
// the five core wounds and a 0–100 "how true it feels" rating with its
// time series (C1), the four inquiry questions (C2), suggested secure
// scripts and the secure belief for the day (C3), the ten thinking traps
// and the hint engine that finds them in a person's own words (C4), the
// inner-child letter (C5), and plain facts from a person's check-ins for
// the thought record's evidence step.
//
// The package is pure: standard library and the root package only, no I/O,
// no clock (callers pass the time), no package-level mutable state and no
// init. Content lists come from functions that build them fresh, so a
// caller may sort or change its copy. The hint rules are data
// (hint_rules.json, embedded) compiled once by NewHinter into a read-only
// Hinter that is safe for concurrent use.
//
// Every sentence a person reads here follows the project's voice guide:
// warm, plain, second person for what the app says, first person for the
// beliefs a person says to themselves, no exclamation marks, no shame. The
// voice test checks the mechanical part of that promise.
//
// Errors about input are *securebase.Error values with per-field messages
// (securebase.FieldError), so the web layer shows them next to the field.
package belief

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Field names used in error messages. They match the form and JSON names
// the pages are expected to use.
const (
	FieldRating = "rating" // a 0–100 "how true it feels" rating
	FieldWound  = "wound"  // a core wound id
	FieldScript = "script" // a secure script id
	FieldTrap   = "trap"   // a thinking trap id
)

// plainLine reports whether s is a short single line of printable text:
// valid UTF-8, no control characters, trimmed, between 1 and max runes.
func plainLine(s string, max int) bool {
	if s == "" || !utf8.ValidString(s) || utf8.RuneCountInString(s) > max {
		return false
	}
	for _, r := range s {
		if unicode.IsControl(r) {
			return false
		}
	}
	return strings.TrimSpace(s) == s
}
