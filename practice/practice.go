// Package practice is the regulation toolkit of Secure Base as data: the
// breathing patterns (B1), grounding exercises (B2), emotion words and body
// locations (B3), pause lengths (B4), reassurance statements (B5) and the
// tools the "I'm activated" flow strings together (B6), with the validation
// of everything a person types into those tools.
//
// The package is pure on purpose. It imports no other package of the project
// and holds no mutable state: every list is built fresh by the function that
// returns it, so callers may sort or change what they get without touching
// anyone else's copy. That keeps it safe to use from the server, the JSON
// API and the offline bundle alike.
//
// Every string in here that a person reads follows the project's voice
// guide (VOICE.md in the shared folder): warm, plain, second person, present
// tense, short, no exclamation marks. The voice test in this package checks
// the mechanical part of that promise.
//
// Errors about input are *FieldError values, alone or gathered in Errors.
// Their Message is written for the person and can be shown as it is next to
// the field named by Field. Their Error text is for logs and never contains
// what the person typed.
package practice

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors. Every *FieldError wraps exactly one of them, so a caller
// can map ErrInvalid to "fix the form" and ErrNotFound to "no such thing".
var (
	ErrInvalid  = errors.New("invalid input")
	ErrNotFound = errors.New("not found")
)

// Field names used in FieldError.Field. They match the form and JSON field
// names the web layer uses, so a message lands next to the right input.
const (
	FieldName      = "name"      // a custom pattern's name
	FieldPhases    = "phases"    // a custom pattern's breath as a whole
	FieldCycles    = "cycles"    // a pattern's number of rounds
	FieldRate      = "rate"      // resonance breaths per minute
	FieldDistress  = "distress"  // a 0–10 rating
	FieldMinutes   = "minutes"   // a pause length
	FieldText      = "text"      // a reassurance statement of the person's own
	FieldPattern   = "pattern"   // a breathing pattern id
	FieldExercise  = "exercise"  // a grounding exercise id
	FieldRegion    = "region"    // an emotion region id
	FieldEmotion   = "emotion"   // an emotion word
	FieldBody      = "body"      // a body location id
	FieldTheme     = "theme"     // a reassurance theme id
	FieldTool      = "tool"      // a regulation tool id
	FieldStatement = "statement" // a reassurance statement id
)

// FieldError is one problem with one field. Message is for the person;
// Err carries the detail for logs and wraps ErrInvalid or ErrNotFound.
type FieldError struct {
	Field   string
	Message string
	Err     error
}

// Error returns the log text. It names the field and the rule, never the
// value, because logs must not hold what a person wrote.
func (e *FieldError) Error() string {
	if e.Err == nil {
		return "practice: " + e.Field + ": " + e.Message
	}
	return "practice: " + e.Field + ": " + e.Err.Error()
}

// Unwrap lets errors.Is find ErrInvalid or ErrNotFound.
func (e *FieldError) Unwrap() error { return e.Err }

// invalid builds a *FieldError wrapping ErrInvalid with a log detail.
func invalid(field, message, detail string) *FieldError {
	return &FieldError{Field: field, Message: message, Err: fmt.Errorf("%s: %w", detail, ErrInvalid)}
}

// notFound builds the error a lookup returns for an unknown id. The id is
// left out of the text: it may have been typed by a person.
func notFound(field, noun string) *FieldError {
	return &FieldError{
		Field:   field,
		Message: "Choose " + noun + " from the list.",
		Err:     fmt.Errorf("unknown %s: %w", field, ErrNotFound),
	}
}

// Errors gathers every problem found in one form, so a person sees them all
// at once instead of one per attempt.
type Errors []*FieldError

// Error joins the log text of each problem.
func (es Errors) Error() string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = e.Error()
	}
	return strings.Join(parts, "; ")
}

// Unwrap exposes each *FieldError to errors.Is and errors.As.
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// has reports whether es already holds a problem for field.
func (es Errors) has(field string) bool {
	for _, e := range es {
		if e.Field == field {
			return true
		}
	}
	return false
}

// orNil returns es as an error, or a true nil when there is nothing in it,
// so callers never meet a non-nil error holding an empty list.
func (es Errors) orNil() error {
	if len(es) == 0 {
		return nil
	}
	return es
}

// FieldMessages returns field name → message for every *FieldError in err,
// keeping the first message per field. It returns nil when err holds none.
// The web layer can pass the map straight to its form errors.
func FieldMessages(err error) map[string]string {
	var out map[string]string
	var walk func(error)
	walk = func(err error) {
		if err == nil {
			return
		}
		if fe, ok := err.(*FieldError); ok {
			if out == nil {
				out = map[string]string{}
			}
			if _, seen := out[fe.Field]; !seen {
				out[fe.Field] = fe.Message
			}
			return
		}
		switch u := err.(type) {
		case interface{ Unwrap() []error }:
			for _, e := range u.Unwrap() {
				walk(e)
			}
		case interface{ Unwrap() error }:
			walk(u.Unwrap())
		}
	}
	walk(err)
	return out
}

// find returns the item whose key equals want, or a not-found error. It is
// the one lookup every list in this package shares.
func find[T any](items []T, key func(T) string, want, field, noun string) (T, error) {
	for _, it := range items {
		if key(it) == want {
			return it, nil
		}
	}
	var zero T
	return zero, notFound(field, noun)
}
