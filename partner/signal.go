package partner

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// signalsFile is the shape of data/signals.json.
type signalsFile struct {
	About   string       `json:"about"`
	Intro   string       `json:"intro"`
	Signals []SignalKind `json:"signals"`
}

// Param is what a signal takes besides its kind.
type Param string

// The params a signal can take.
const (
	ParamNone   Param = ""       // nothing
	ParamNumber Param = "number" // a whole number from Min to Max
	ParamTime   Param = "time"   // a time within the next day
)

// SignalKind is one entry of the short list of signals linked partners may
// send (F7). The list is the whole vocabulary: nothing else crosses.
type SignalKind struct {
	ID    string `json:"id"`
	Label string `json:"label"` // on the button that sends it
	// Text is what the other person reads. {number} or {time} stands for
	// the param.
	Text  string `json:"text"`
	Param Param  `json:"param,omitempty"`
	Min   int    `json:"min,omitempty"`
	Max   int    `json:"max,omitempty"`
}

// Limits on signals. They are part of the design in
// docs/partner-safety.md: a signal is a short, rare, chosen message, not a
// chat and not a way to keep watch.
const (
	// MaxSignalWords bounds the optional few words sent with a signal.
	MaxSignalWords = 60
	// MaxSignalBytes bounds a signal's JSON before it is read at all.
	MaxSignalBytes = 512
	// MaxSignalAhead bounds a signal's time: "back at 16:00" means
	// within the next day.
	MaxSignalAhead = 26 * time.Hour
	// SignalsPerHour and SignalsPerDay bound how many signals one person
	// can send; see AllowSignal.
	SignalsPerHour = 6
	SignalsPerDay  = 20
	// SignalLifetime is how long a signal is kept before it is deleted for
	// both people, so signals never pile up into a record of someone's
	// days.
	SignalLifetime = 72 * time.Hour
)

// Field names of a signal, as in its JSON.
const (
	FieldSignal = "signal"
	FieldNumber = "number"
	FieldAt     = "at"
	FieldWords  = "words"
)

// Signal is a signal as it is sent and stored (sealed to the recipient's
// key). Its fields are the whole of what may cross between two linked
// accounts: there is no field for location, activity, scores, journal text
// or read state, and ParseSignal refuses any field not named here.
type Signal struct {
	Kind   string     `json:"signal"`
	Number *int       `json:"number,omitempty"`
	At     *time.Time `json:"at,omitempty"`
	Words  string     `json:"words,omitempty"`
}

// SignalsIntro explains signals before the first one is sent.
func (c *Catalog) SignalsIntro() string { return c.signals.Intro }

// SignalKinds returns the short list, in the order a page shows it.
func (c *Catalog) SignalKinds() []SignalKind { return append([]SignalKind(nil), c.signals.Signals...) }

// SignalKind returns one kind by id.
func (c *Catalog) SignalKind(id string) (SignalKind, error) {
	for _, k := range c.signals.Signals {
		if k.ID == id {
			return k, nil
		}
	}
	return SignalKind{}, notFound(FieldSignal)
}

// ParseSignal reads a signal from JSON sent by a client: one object, at
// most MaxSignalBytes, no field outside Signal's. It checks the shape
// only; CheckSignal checks the content.
func ParseSignal(body []byte) (Signal, error) {
	var s Signal
	bad := invalid(FieldSignal, "That signal could not be read. Choose one from the list.", "malformed signal")
	if len(body) > MaxSignalBytes {
		return s, invalid(FieldSignal, "That signal is too long. Choose one from the list.", "signal over size")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return Signal{}, bad
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return Signal{}, bad
	}
	return s, nil
}

// hasLink reports what looks like a web address: "://", "www.", or a word
// like "bit.ly/x" with a dot and two or more letters before a slash.
// Signals carry no links: a link sent to a partner can be made to reveal
// where they open it.
func hasLink(s string) bool {
	l := strings.ToLower(s)
	if strings.Contains(l, "://") || strings.Contains(l, "www.") {
		return true
	}
	for _, w := range strings.Fields(l) {
		host, _, slash := strings.Cut(w, "/")
		dot := strings.LastIndexByte(host, '.')
		if !slash || dot <= 0 || len(host)-dot-1 < 2 {
			continue
		}
		tld := host[dot+1:]
		if strings.IndexFunc(tld, func(r rune) bool { return r < 'a' || r > 'z' }) < 0 {
			return true
		}
	}
	return false
}

// CheckSignal checks a signal against the list and tidies it in place:
// the kind must be on the list; a number kind needs a number in its range
// and nothing else; a time kind needs a time after now and within
// MaxSignalAhead, kept to the minute, in UTC; other kinds take neither.
// The few words are optional: one line, at most MaxSignalWords, no links.
func (c *Catalog) CheckSignal(s *Signal, now time.Time) error {
	k, err := c.SignalKind(s.Kind)
	if err != nil {
		return err
	}
	var errs Errors
	if k.Param == ParamNumber {
		if s.Number == nil || *s.Number < k.Min || *s.Number > k.Max {
			errs.add(invalid(FieldNumber, fmt.Sprintf("Choose a number from %d to %d.", k.Min, k.Max), "number missing or out of range"))
		}
	} else if s.Number != nil {
		errs.add(invalid(FieldNumber, "This signal doesn't take a number.", "number on a signal without one"))
	}
	if k.Param == ParamTime {
		if s.At == nil || !s.At.After(now) || s.At.Sub(now) > MaxSignalAhead {
			errs.add(invalid(FieldAt, "Choose a time later today or tomorrow.", "time missing or outside the next day"))
		} else {
			at := s.At.UTC().Truncate(time.Minute)
			s.At = &at
		}
	} else if s.At != nil {
		errs.add(invalid(FieldAt, "This signal doesn't take a time.", "time on a signal without one"))
	}
	w, ferr := cleanText(FieldWords, s.Words, MaxSignalWords, false)
	switch {
	case ferr != nil:
		errs.add(ferr)
	case hasLink(w):
		errs.add(invalid(FieldWords, "Signals can't carry links. Keep it to a few words.", "link in signal words"))
	default:
		s.Words = w
	}
	return errs.orNil()
}

// Shown is a signal as the other person sees it: the list's text with its
// number or time filled in, and the sender's few words kept apart, so a
// page can show them as a quote and never mistake them for our text.
type Shown struct {
	Text  string
	Words string
}

// ShowSignal writes a checked signal for its recipient, with any time as
// it reads in the recipient's zone: "I'm here. Back at 16:00."
func (c *Catalog) ShowSignal(s Signal, now time.Time, loc *time.Location, k Clock) (Shown, error) {
	kind, err := c.SignalKind(s.Kind)
	if err != nil {
		return Shown{}, err
	}
	if loc == nil {
		return Shown{}, invalid(FieldZone, "Choose your time zone in Settings.", "no time zone")
	}
	text := kind.Text
	switch kind.Param {
	case ParamNumber:
		if s.Number == nil {
			return Shown{}, invalid(FieldNumber, "This signal is missing its number.", "number missing")
		}
		text = strings.Replace(text, "{number}", strconv.Itoa(*s.Number), 1)
	case ParamTime:
		if s.At == nil {
			return Shown{}, invalid(FieldAt, "This signal is missing its time.", "time missing")
		}
		text = strings.Replace(text, "{time}", When(*s.At, now, loc, k), 1)
	}
	return Shown{Text: text, Words: s.Words}, nil
}

// AllowSignal applies the send limits to one sender's recent sends. It
// reports whether a signal may go now and, when it may not, the earliest
// time it may. sent may be in any order and may hold older times.
func AllowSignal(sent []time.Time, now time.Time) (bool, time.Time) {
	var hour, day []time.Time
	for _, t := range sent {
		if t.After(now) {
			t = now // a clock that ran ahead counts as now, not as free room
		}
		if now.Sub(t) < 24*time.Hour {
			day = append(day, t)
			if now.Sub(t) < time.Hour {
				hour = append(hour, t)
			}
		}
	}
	next := now
	for _, w := range []struct {
		times  []time.Time
		limit  int
		window time.Duration
	}{{hour, SignalsPerHour, time.Hour}, {day, SignalsPerDay, 24 * time.Hour}} {
		if len(w.times) < w.limit {
			continue
		}
		sort.Slice(w.times, func(i, j int) bool { return w.times[i].Before(w.times[j]) })
		// The window frees a place when its oldest sends leave it: with
		// n sends and room for limit, the (n-limit)th oldest must go.
		free := w.times[len(w.times)-w.limit].Add(w.window)
		if free.After(next) {
			next = free
		}
	}
	return !next.After(now), next
}

// LimitMessage is what the sender reads when AllowSignal says not yet.
func LimitMessage(next, now time.Time, loc *time.Location, k Clock) string {
	return "Signals are kept to a few an hour, so each one stays easy to read. You can send the next one " +
		When(next, now, loc, k) + ". If the urge is strong, Pause can hold a message for you."
}

// SignalExpired reports whether a signal sent at sentAt is past
// SignalLifetime and is to be deleted.
func SignalExpired(sentAt, now time.Time) bool { return now.Sub(sentAt) >= SignalLifetime }

func (c *Catalog) checkSignals() error {
	// No signal's text may contain these words: each would turn a signal
	// into a report on where someone is or what they did.
	forbidden := regexp.MustCompile(`(?i)\b(where|location|seen|read|online|last|score|journal|wrote|reply now|answer me|prove)\b`)
	if err := words("signals intro", c.signals.Intro); err != nil {
		return err
	}
	list := make([]string, len(c.signals.Signals))
	for i, k := range c.signals.Signals {
		list[i] = k.ID
		if err := words("signal "+k.ID, k.Label, k.Text); err != nil {
			return err
		}
		if m := forbidden.FindString(k.Text + " " + k.Label); m != "" {
			return fmt.Errorf("partner: signal %s: %q has no place in a signal", k.ID, m)
		}
		holes := strings.Count(k.Text, "{")
		switch k.Param {
		case ParamNone:
			if holes != 0 || k.Min != 0 || k.Max != 0 {
				return fmt.Errorf("partner: signal %s takes nothing but has a {…} or a range", k.ID)
			}
		case ParamNumber:
			if holes != 1 || !strings.Contains(k.Text, "{number}") || k.Min >= k.Max {
				return fmt.Errorf("partner: signal %s: want one {number} and min < max", k.ID)
			}
		case ParamTime:
			if holes != 1 || !strings.Contains(k.Text, "{time}") || k.Min != 0 || k.Max != 0 {
				return fmt.Errorf("partner: signal %s: want one {time} and no range", k.ID)
			}
		default:
			return fmt.Errorf("partner: signal %s: unknown param %q", k.ID, k.Param)
		}
	}
	if len(list) > 12 {
		return fmt.Errorf("partner: %d signals; the list is meant to stay short (at most 12)", len(list))
	}
	return ids("signals", list)
}
