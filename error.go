package securebase

import (
	"errors"
	"fmt"
)

// Error codes. They are few on purpose: the web layer maps each to one HTTP
// status in one place, and a person sees the Message, never the cause.
const (
	EINVALID      = "invalid"      // the input breaks a rule; Message says which
	ENOTFOUND     = "not_found"    // no such thing for this user
	ECONFLICT     = "conflict"     // taken name, stale version
	EUNAUTHORIZED = "unauthorized" // wrong credentials, no session
	EFORBIDDEN    = "forbidden"    // refused whoever asks (a cross-site post)
	ELIMITED      = "limited"      // too many attempts; try later
	ETOOLARGE     = "too_large"    // body or field over its bound
	EUNAVAILABLE  = "unavailable"  // busy or shutting down; try again
	EINTERNAL     = "internal"     // a bug or an outage; never shown in detail
)

// Error is an error a person may see. Fields holds per-field messages for
// forms, so an error can be shown next to the input that caused it.
type Error struct {
	Code    string
	Message string
	Fields  map[string]string
}

func (e *Error) Error() string {
	return fmt.Sprintf("securebase: %s: %s", e.Code, e.Message)
}

// Errorf returns an *Error with a code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// FieldError returns an EINVALID error about one form field.
func FieldError(field, message string) *Error {
	return &Error{Code: EINVALID, Message: message, Fields: map[string]string{field: message}}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL
// for any other error, and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Code
	default:
		return EINTERNAL
	}
}

// ErrorMessage returns the message a person may read for err. Internal
// errors get a calm, generic sentence; their detail belongs in the log.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "Something went wrong on our side. Your last change may not have been saved — please try again."
}

// ErrorFields returns the per-field messages of err, or nil.
func ErrorFields(err error) map[string]string {
	var e *Error
	if errors.As(err, &e) {
		return e.Fields
	}
	return nil
}

// Validation gathers field errors so a form can report all of them at once.
type Validation struct {
	fields map[string]string
	first  string
}

// Add records a message for a field; the first message of a field wins.
func (v *Validation) Add(field, message string) {
	if v.fields == nil {
		v.fields = map[string]string{}
	}
	if _, ok := v.fields[field]; ok {
		return
	}
	if v.first == "" {
		v.first = message
	}
	v.fields[field] = message
}

// Err returns nil when nothing was added, else an EINVALID *Error.
func (v *Validation) Err() error {
	if len(v.fields) == 0 {
		return nil
	}
	msg := v.first
	if len(v.fields) > 1 {
		msg = "A few things need another look — see the notes below."
	}
	return &Error{Code: EINVALID, Message: msg, Fields: v.fields}
}
