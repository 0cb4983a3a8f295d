package ical

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"
)

// Feed is one person's calendar: their reminders and where the events
// point.
type Feed struct {
	// Domain makes UIDs unique across instances ("id@domain"); it should
	// be the instance's host name. Empty means "securebase.invalid".
	Domain string
	// URL, when set, is the page an event links to (the instance's
	// /today), absolute.
	URL       string
	Reminders []Reminder
	// Now is when the feed is written. It only bounds the time zone data
	// written (from a year before the earliest event to ten years after
	// now); no timestamp in the feed depends on it, so the same
	// reminders give the same bytes all day and an ETag can cache them.
	Now time.Time
}

// ProdID names the program that wrote the feed.
const ProdID = "-//Secure Base//Reminders//EN"

// Calendar name and how often clients are asked to refresh.
const (
	calendarName = "Secure Base"
	refresh      = "PT12H"
)

// Encode writes the feed as an iCalendar object: CRLF line ends, lines
// folded at 75 octets, text escaped. A reminder that is not valid (an id
// that cannot be a UID, no days, a time off the clock, an unknown zone)
// is an error, and nothing is written.
func Encode(f Feed) ([]byte, error) {
	domain := f.Domain
	if domain == "" {
		domain = "securebase.invalid"
	}
	type planned struct {
		r     Reminder
		loc   *time.Location
		start time.Time
	}
	events := make([]planned, 0, len(f.Reminders))
	type zoneUse struct {
		loc   *time.Location
		first time.Time // the earliest event start in it
	}
	zones := map[string]zoneUse{}
	for _, r := range f.Reminders {
		loc, start, err := plan(r)
		if err != nil {
			return nil, err
		}
		events = append(events, planned{r, loc, start})
		if loc != time.UTC {
			if z, ok := zones[r.Zone]; !ok || start.Before(z.first) {
				zones[r.Zone] = zoneUse{loc, start}
			}
		}
	}
	w := &writer{b: make([]byte, 0, 1024+len(events)*700)}
	w.line("BEGIN:VCALENDAR")
	w.line("VERSION:2.0")
	w.line("PRODID:" + ProdID)
	w.line("CALSCALE:GREGORIAN")
	w.line("METHOD:PUBLISH")
	w.prop("NAME", "", calendarName)
	w.prop("X-WR-CALNAME", "", calendarName)
	w.line("REFRESH-INTERVAL;VALUE=DURATION:" + refresh)
	w.line("X-PUBLISHED-TTL:" + refresh)
	names := make([]string, 0, len(zones))
	for z := range zones {
		names = append(names, z)
	}
	slices.Sort(names) // the same bytes every time
	for _, name := range names {
		z := zones[name]
		until := f.Now
		if until.IsZero() || until.Before(z.first) {
			until = z.first
		}
		writeZone(w, name, z.loc, z.first.AddDate(-1, 0, 0), until.AddDate(10, 0, 0))
	}
	for _, e := range events {
		writeEvent(w, e.r, e.loc, e.start, domain, f.URL)
	}
	w.line("END:VCALENDAR")
	return w.b, nil
}

// plan checks a reminder and finds its first event: the first chosen
// weekday on or after Since's date whose wall-clock time exists there (a
// time skipped by a clock change is not a good first event).
func plan(r Reminder) (*time.Location, time.Time, error) {
	bad := func(what string) error { return fmt.Errorf("ical: reminder: %s", what) }
	if !validID(r.ID) {
		return nil, time.Time{}, bad("id is not usable in a UID")
	}
	if r.Hour < 0 || r.Hour > 23 || r.Minute < 0 || r.Minute > 59 {
		return nil, time.Time{}, bad("time off the clock")
	}
	if len(r.Days) == 0 {
		return nil, time.Time{}, bad("no days")
	}
	for _, d := range r.Days {
		if d < time.Sunday || d > time.Saturday {
			return nil, time.Time{}, bad("weekday out of range")
		}
	}
	var loc *time.Location
	if r.Zone == "UTC" {
		loc = time.UTC
	} else {
		var err error
		if loc, err = LoadZone(r.Zone); err != nil {
			return nil, time.Time{}, bad("unknown zone")
		}
	}
	if r.Since.IsZero() || r.Since.Year() < 1900 || r.Since.Year() > 9000 {
		return nil, time.Time{}, bad("no usable start date")
	}
	since := r.Since.In(loc)
	y, m, d := since.Date()
	for i := range 28 {
		t := time.Date(y, m, d+i, r.Hour, r.Minute, 0, 0, loc)
		if !slices.Contains(r.Days, t.Weekday()) {
			continue
		}
		if t.Hour() == r.Hour && t.Minute() == r.Minute {
			return loc, t, nil
		}
	}
	return nil, time.Time{}, errors.New("ical: reminder: no first event in four weeks")
}

// writeEvent writes one reminder as a recurring VEVENT.
func writeEvent(w *writer, r Reminder, loc *time.Location, start time.Time, domain, url string) {
	w.line("BEGIN:VEVENT")
	w.prop("UID", "", r.ID+"@"+domain)
	stamp := r.Updated
	if stamp.IsZero() {
		stamp = r.Since
	}
	w.line("DTSTAMP:" + utc(stamp))
	w.line("LAST-MODIFIED:" + utc(stamp))
	if r.Sequence > 0 {
		w.line("SEQUENCE:" + strconv.Itoa(r.Sequence))
	}
	if loc == time.UTC {
		w.line("DTSTART:" + start.Format("20060102T150405Z"))
	} else {
		w.line("DTSTART;TZID=" + paramValue(r.Zone) + ":" + start.Format("20060102T150405"))
	}
	w.line("DURATION:PT" + strconv.Itoa(int(length(r.Kind)/time.Minute)) + "M")
	w.line("RRULE:" + recurrence(r.Days))
	w.prop("SUMMARY", "", Title(r.Kind))
	w.prop("DESCRIPTION", "", Description)
	if url != "" {
		w.prop("URL", "VALUE=URI", url)
	}
	w.line("CLASS:PRIVATE")
	w.line("TRANSP:TRANSPARENT")
	w.line("STATUS:CONFIRMED")
	w.line("BEGIN:VALARM")
	w.line("ACTION:DISPLAY")
	w.prop("DESCRIPTION", "", Title(r.Kind))
	w.line("TRIGGER:PT0S")
	w.line("END:VALARM")
	w.line("END:VEVENT")
}

// recurrence says the weekdays as a recurrence rule: every day, or weekly on
// the chosen days (Monday first, as calendars show them).
func recurrence(days []time.Weekday) string {
	var on [7]bool
	n := 0
	for _, d := range days {
		if !on[d] {
			on[d] = true
			n++
		}
	}
	if n == 7 {
		return "FREQ=DAILY"
	}
	const codes = "SUMOTUWETHFRSA"
	s := "FREQ=WEEKLY;BYDAY="
	first := true
	for _, d := range [...]time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday} {
		if on[d] {
			if !first {
				s += ","
			}
			s += codes[2*d : 2*d+2]
			first = false
		}
	}
	return s + ";WKST=MO"
}

// utc formats t as a UTC date-time.
func utc(t time.Time) string { return t.UTC().Format("20060102T150405Z") }

// paramValue quotes a parameter value when it holds a character that
// would end it (RFC 5545 3.1: ";", ":" or ","). Zone names have none, but
// the rule costs nothing.
func paramValue(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] == ';' || s[i] == ':' || s[i] == ',' {
			return `"` + s + `"`
		}
	}
	return s
}

// writer builds the feed's lines.
type writer struct{ b []byte }

// line writes one content line, folded at 75 octets without splitting a
// UTF-8 character, ending in CRLF.
func (w *writer) line(s string) {
	n := 0 // octets on the current physical line
	for i := 0; i < len(s); {
		_, size := utf8.DecodeRuneInString(s[i:])
		if n+size > 75 {
			w.b = append(w.b, "\r\n "...)
			n = 1
		}
		w.b = append(w.b, s[i:i+size]...)
		n += size
		i += size
	}
	w.b = append(w.b, "\r\n"...)
}

// prop writes a property whose value is text, escaped (RFC 5545 3.3.11):
// backslash, semicolon, comma and line breaks; other control characters
// are dropped.
func (w *writer) prop(name, params, text string) {
	b := make([]byte, 0, len(name)+len(params)+len(text)+8)
	b = append(b, name...)
	if params != "" {
		b = append(b, ';')
		b = append(b, params...)
	}
	b = append(b, ':')
	b = escapeText(b, text)
	w.line(string(b))
}

func escapeText(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\' || c == ';' || c == ',':
			b = append(b, '\\', c)
		case c == '\n':
			b = append(b, '\\', 'n')
		case c == '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				continue // CRLF becomes one \n
			}
			b = append(b, '\\', 'n')
		case c < 0x20 && c != '\t' || c == 0x7f:
			// dropped: control characters are not allowed in text
		default:
			b = append(b, c)
		}
	}
	return b
}
