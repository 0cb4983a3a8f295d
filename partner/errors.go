package partner

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors. Every *FieldError wraps exactly one of them, so a caller
// can map ErrInvalid to "look at the form again" and ErrNotFound to "no such
// thing", the same way it does for packages practice and behaviour.
var (
	ErrInvalid  = errors.New("invalid input")
	ErrNotFound = errors.New("not found")
)

// FieldError is one problem with one field. Message is written for the
// person and can be shown next to the field; Err carries the detail for logs
// and wraps ErrInvalid or ErrNotFound.
type FieldError struct {
	Field   string
	Message string
	Err     error
}

// Error returns the log text. It names the field and the rule, never the
// value, because logs must not hold what a person wrote.
func (e *FieldError) Error() string {
	if e.Err == nil {
		return "partner: " + e.Field + ": " + e.Message
	}
	return "partner: " + e.Field + ": " + e.Err.Error()
}

// Unwrap lets errors.Is find ErrInvalid or ErrNotFound.
func (e *FieldError) Unwrap() error { return e.Err }

func invalid(field, message, detail string) *FieldError {
	return &FieldError{Field: field, Message: message, Err: fmt.Errorf("%s: %w", detail, ErrInvalid)}
}

// notFound is the error for an unknown id. The id itself is left out of the
// text: it may have been typed by a person.
func notFound(field string) *FieldError {
	return &FieldError{Field: field, Message: "Choose from the list.", Err: fmt.Errorf("unknown %s: %w", field, ErrNotFound)}
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

// add appends e unless it is nil.
func (es *Errors) add(e *FieldError) {
	if e != nil {
		*es = append(*es, e)
	}
}

// orNil returns es as an error, or a true nil when it is empty, so callers
// never meet a non-nil error holding an empty list.
func (es Errors) orNil() error {
	if len(es) == 0 {
		return nil
	}
	return es
}

// FieldMessages returns field name → message for every *FieldError in err,
// keeping the first message per field, or nil when err holds none. The web
// layer can pass the map straight to its form errors.
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
