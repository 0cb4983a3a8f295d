// Package ical writes the private calendar feed of Secure Base (E5): the
// practice times a person picks, as recurring events in iCalendar (RFC
// 5545), for any calendar app to subscribe to at a secret address.
//
// The feed is discreet on purpose. A calendar is often seen by others —
// on a lock screen, a shared family calendar, a work laptop — so an event
// names no feeling and no entry: "Secure Base: a few minutes for you".
//
// Times are wall-clock times in the person's own zone: 08:30 stays 08:30
// when the clocks change. Each event's start carries its zone (TZID), and
// the feed includes a VTIMEZONE for that zone built from Go's time zone
// database, as RFC 5545 asks, so clients that do not know the zone's name
// still place every occurrence right.
//
// The package is pure: reminders in, bytes out, no clock (the caller
// passes now), no I/O, no globals. ParseForm reads what a person typed.
package ical

import (
	"errors"
	"strings"
	"time"
)

// Reminder kinds. Each has its own neutral title and length.
const (
	KindPractice   = "practice"   // the daily practice, a few minutes
	KindReflection = "reflection" // the weekly reflection, a little longer
)

// Reminder is one practice time: on these weekdays, at this wall-clock
// time, in this zone.
type Reminder struct {
	// ID is stable and opaque (letters, digits, '-' and '_'); the event's
	// UID is built from it, so a calendar updates the event in place when
	// the time changes instead of adding a second one.
	ID     string
	Kind   string
	Days   []time.Weekday // at least one; all seven means every day
	Hour   int            // 0–23
	Minute int            // 0–59
	Zone   string         // an IANA zone name ("Europe/Berlin") or "UTC"
	// Since is when the reminder was made: the first event is the first
	// chosen day on or after its date.
	Since time.Time
	// Updated is when it last changed (DTSTAMP and LAST-MODIFIED).
	// Sequence counts the changes, so clients know to take the new time.
	Updated  time.Time
	Sequence int
}

// Title returns the event's title for a reminder kind. It names no
// feeling and no entry.
func Title(kind string) string {
	if kind == KindReflection {
		return "Secure Base: a little time for you this week"
	}
	return "Secure Base: a few minutes for you"
}

// Description is the event's text: a nudge, nothing personal.
const Description = "Open Secure Base when you have a moment. One small practice is enough."

// length is how long the event lasts in the calendar.
func length(kind string) time.Duration {
	if kind == KindReflection {
		return 15 * time.Minute
	}
	return 5 * time.Minute
}

// FieldError is one problem with one field of the reminder form. Message
// is for the person; the error text names the field, never the value.
type FieldError struct {
	Field   string
	Message string
}

func (e *FieldError) Error() string { return "ical: " + e.Field + ": invalid" }

// Errors gathers every problem in one form.
type Errors []*FieldError

func (es Errors) Error() string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = e.Error()
	}
	return strings.Join(parts, "; ")
}

// Unwrap lets errors.As find each *FieldError.
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// Messages returns field → message for every *FieldError in err.
func Messages(err error) map[string]string {
	var es Errors
	out := map[string]string{}
	if errors.As(err, &es) {
		for _, e := range es {
			if _, ok := out[e.Field]; !ok {
				out[e.Field] = e.Message
			}
		}
		return out
	}
	var fe *FieldError
	if errors.As(err, &fe) {
		out[fe.Field] = fe.Message
	}
	return out
}

// Form is the reminder form as submitted: a time from <input type=time>
// ("08:30", or "08:30:00" when the browser adds seconds), weekday
// checkboxes ("mon" … "sun") and a zone name.
type Form struct {
	Kind string
	Time string
	Days []string
	Zone string
}

// Form field names, for messages.
const (
	FieldKind = "kind"
	FieldTime = "time"
	FieldDays = "days"
	FieldZone = "zone"
)

// dayCodes are the weekday values of the form, Sunday first as
// time.Weekday counts.
const dayCodes = "sunmontuewedthufrisat"

// ParseForm reads a reminder form. Everything typed is checked at once, so
// the page can show every message together; on an error the caller shows
// the form again with what was typed.
func ParseForm(f Form) (Reminder, error) {
	var r Reminder
	var errs Errors
	switch f.Kind {
	case KindPractice, KindReflection:
		r.Kind = f.Kind
	case "":
		r.Kind = KindPractice
	default:
		errs = append(errs, &FieldError{FieldKind, "Choose a reminder from the list."})
	}
	h, m, ok := parseClock(f.Time)
	if !ok {
		errs = append(errs, &FieldError{FieldTime, "Choose a time, such as 08:30."})
	}
	r.Hour, r.Minute = h, m
	var seen [7]bool
	if len(f.Days) > 7 {
		errs = append(errs, &FieldError{FieldDays, "Choose days of the week from the list."})
	} else {
		for _, d := range f.Days {
			i := strings.Index(dayCodes, d)
			if len(d) != 3 || i < 0 || i%3 != 0 {
				errs = append(errs, &FieldError{FieldDays, "Choose days of the week from the list."})
				break
			}
			seen[i/3] = true
		}
	}
	for d, on := range seen {
		if on {
			r.Days = append(r.Days, time.Weekday(d))
		}
	}
	if len(r.Days) == 0 && len(f.Days) <= 7 && !hasField(errs, FieldDays) {
		errs = append(errs, &FieldError{FieldDays, "Choose at least one day."})
	}
	if _, err := LoadZone(f.Zone); err != nil {
		errs = append(errs, &FieldError{FieldZone, "Choose your time zone from the list."})
	} else {
		r.Zone = f.Zone
	}
	if len(errs) > 0 {
		return Reminder{}, errs
	}
	return r, nil
}

func hasField(es Errors, field string) bool {
	for _, e := range es {
		if e.Field == field {
			return true
		}
	}
	return false
}

// parseClock reads "HH:MM" or "HH:MM:SS" (seconds are dropped), 24-hour,
// two digits each, as <input type=time> sends it.
func parseClock(s string) (h, m int, ok bool) {
	if len(s) != 5 && len(s) != 8 {
		return 0, 0, false
	}
	two := func(i int) (int, bool) {
		a, b := s[i], s[i+1]
		if a < '0' || a > '9' || b < '0' || b > '9' {
			return 0, false
		}
		return int(a-'0')*10 + int(b-'0'), true
	}
	h, ok1 := two(0)
	m, ok2 := two(3)
	if !ok1 || !ok2 || s[2] != ':' || h > 23 || m > 59 {
		return 0, 0, false
	}
	if len(s) == 8 {
		sec, ok3 := two(6)
		if !ok3 || s[5] != ':' || sec > 59 {
			return 0, 0, false
		}
	}
	return h, m, true
}

// LoadZone loads an IANA zone by name. It refuses "" and "Local" (the
// server's zone says nothing about the person's) and names that are not
// shaped like zone names, before asking the time package.
func LoadZone(name string) (*time.Location, error) {
	errBad := errors.New("ical: not a time zone name")
	if name == "" || name == "Local" || len(name) > 64 || name[0] == '/' || strings.Contains(name, "..") {
		return nil, errBad
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '/' || c == '_' || c == '-' || c == '+') {
			return nil, errBad
		}
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, errBad
	}
	return loc, nil
}

// validID reports whether id can go into a UID as it is.
func validID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}
