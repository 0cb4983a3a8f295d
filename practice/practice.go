// Package practice is the regulation toolkit of Secure Base as data: the
// breathing patterns (B1), grounding exercises (B2), emotion words and body
// locations (B3), pause lengths (B4), reassurance statements (B5) and the
// tools the "I'm activated" flow strings together (B6), with the validation
// of everything a person types into those tools.
//
// The package is pure on purpose. It imports no other package of the project
// but the domain (securebase: the error type and the bounds of what is
// stored) and holds no mutable state: every list is built fresh by the function that
// returns it, so callers may sort or change what they get without touching
// anyone else's copy. That keeps it safe to use from the server, the JSON
// API and the offline bundle alike.
//
// Every string in here that a person reads follows the project's voice
// guide (VOICE.md in the shared folder): warm, plain, second person, present
// tense, short, no exclamation marks. The voice test in this package checks
// the mechanical part of that promise.
//
// Errors about input are *securebase.Error values, the one error type of
// the whole program: EINVALID with a message for each field that needs a
// change, or ENOTFOUND for an id no list here has. Messages are written
// for the person and never hold what they typed.
package practice

import (
	"sort"

	"github.com/securebase/securebase"
)

// Field names of the problems practice reports. They match the form and
// JSON field names, so a message lands next to the right input.
const (
	FieldName   = "name"   // a custom pattern's name
	FieldPhases = "phases" // a custom pattern's breath as a whole
	FieldCycles = "cycles" // a pattern's number of rounds
	FieldRate   = "rate"   // resonance breaths per minute
	FieldText   = "text"   // a reassurance statement of the person's own
)

// invalid is the problem with one field.
func invalid(field, message string) *securebase.Error {
	return securebase.FieldError(field, message)
}

// notFound is what a lookup returns for an id no list here has. The id is
// left out of the message: it may have been typed by a person.
func notFound(noun string) *securebase.Error {
	return securebase.Errorf(securebase.ENOTFOUND, "Choose %s from the list.", noun)
}

// problems gathers every problem found in one form, so a person sees them
// all at once instead of one per attempt.
type problems []*securebase.Error

// has reports whether ps already holds a problem for field.
func (ps problems) has(field string) bool {
	for _, p := range ps {
		if _, ok := p.Fields[field]; ok {
			return true
		}
	}
	return false
}

// err returns the problems as one error with a message for each field (the
// first per field wins), or a true nil when there are none.
func (ps problems) err() error {
	var v securebase.Validation
	for _, p := range ps {
		for _, field := range sortedKeys(p.Fields) {
			v.Add(field, p.Fields[field])
		}
	}
	return v.Err()
}

// problemsOf splits an error back into one problem per field, in field
// order, so a caller can rename or drop some (ParseCustom maps pattern
// phases to form rows).
func problemsOf(err error) problems {
	fields := securebase.ErrorFields(err)
	var out problems
	for _, field := range sortedKeys(fields) {
		out = append(out, invalid(field, fields[field]))
	}
	return out
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// find returns the item whose key equals want, or a not-found error. It is
// the one lookup every list in this package shares.
func find[T any](items []T, key func(T) string, want, noun string) (T, error) {
	for _, it := range items {
		if key(it) == want {
			return it, nil
		}
	}
	var zero T
	return zero, notFound(noun)
}
