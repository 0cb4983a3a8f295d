package securebase

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Episode is one pass through the "I'm activated" flow (B6): how
// distressed the person felt before and after, the tools they used in
// order, how long it took, and the words they found on the way. Every
// step of the flow can be skipped, so every field but the times may be
// empty.
type Episode struct {
	StartedAt time.Time `json:"started_at"`
	EndedAt   time.Time `json:"ended_at"`
	Before    *int      `json:"before,omitempty"` // distress 0–10 at the start
	After     *int      `json:"after,omitempty"`  // distress 0–10 at the end
	Tools     []string  `json:"tools,omitempty"`  // tool ids in the order used
	Pattern   string    `json:"pattern,omitempty"`
	Exercise  string    `json:"exercise,omitempty"`
	Statement string    `json:"statement,omitempty"` // the reassurance shown, a library id
	Words
}

// Words is what a person writes in "name it" (B3) and "pause" (B4),
// inside the flow or on its own.
type Words struct {
	Emotion   string   `json:"emotion,omitempty"`   // a word from the vocabulary or their own
	Because   string   `json:"because,omitempty"`   // "I feel ___ because ___"
	Body      []string `json:"body,omitempty"`      // body location ids
	Intensity *int     `json:"intensity,omitempty"` // 0–10
	Draft     string   `json:"draft,omitempty"`     // what they want to say, written instead of sent
}

// Limits on the words. A reflection is a few sentences and a draft a
// message; both leave plenty of room and keep one entry small.
const (
	EmotionMax = 40
	BecauseMax = 2000
	DraftMax   = 4000
	MaxTools   = 10
	MaxBody    = 15
	// MaxEpisodeLength bounds started → ended: a flow left open overnight
	// is still one episode, a week is a mistake.
	MaxEpisodeLength = 24 * time.Hour
)

// Tool ids, the same as practice.Tools (a test keeps them in step). They
// are stored, so they never change.
var toolIDs = []string{"breathe", "ground", "name", "reassure", "pause"}

// ValidTool reports whether id names a regulation tool.
func ValidTool(id string) bool {
	for _, t := range toolIDs {
		if t == id {
			return true
		}
	}
	return false
}

// Kind implements Payload.
func (e *Episode) Kind() Kind { return KindEpisode }

// Text implements Payload.
func (e *Episode) Text() []string { return e.Words.text() }

// Validate implements Payload.
func (e *Episode) Validate() error {
	var v Validation
	checkSpan(&v, &e.StartedAt, &e.EndedAt)
	checkRating(&v, "before", e.Before)
	checkRating(&v, "after", e.After)
	if len(e.Tools) > MaxTools {
		v.Add("tools", "That is more tools than one episode can hold.")
	}
	for _, t := range e.Tools {
		if !ValidTool(t) {
			v.Add("tools", "Choose tools from the list.")
		}
	}
	checkRef(&v, "pattern", e.Pattern)
	checkRef(&v, "exercise", e.Exercise)
	checkRef(&v, "statement", e.Statement)
	e.Words.validate(&v)
	return v.Err()
}

// text is the free text of the words, for the crisis-language check.
func (w *Words) text() []string { return []string{w.Emotion, w.Because, w.Draft} }

// validate normalises and checks the words.
func (w *Words) validate(v *Validation) {
	w.Emotion = strings.Join(strings.Fields(w.Emotion), " ")
	w.Because = strings.TrimSpace(w.Because)
	w.Draft = strings.TrimSpace(w.Draft)
	checkText(v, "emotion", w.Emotion, EmotionMax, false)
	checkText(v, "because", w.Because, BecauseMax, true)
	checkText(v, "draft", w.Draft, DraftMax, true)
	if len(w.Body) > MaxBody {
		v.Add("body", "Choose places in the body from the list.")
	}
	for _, b := range w.Body {
		checkRef(v, "body", b)
	}
	checkRating(v, "intensity", w.Intensity)
}

// checkRating checks an optional 0–10 rating.
func checkRating(v *Validation, field string, n *int) {
	if n != nil && !ValidDistress(*n) {
		v.Add(field, "Choose a number from 0 to 10.")
	}
}

// checkText checks a free-text field: readable, within max characters,
// and on one line unless lines are allowed.
func checkText(v *Validation, field, s string, max int, lines bool) {
	switch {
	case !utf8.ValidString(s):
		v.Add(field, "Some characters can't be read. Try typing them again.")
	case utf8.RuneCountInString(s) > max:
		v.Add(field, "Keep this to "+thousands(max)+" characters. Everything you typed is still here.")
	case hasControl(s, lines):
		v.Add(field, "Some characters can't be saved. Try typing the words again.")
	}
}

// checkRef checks an optional id of something in our lists (a pattern,
// exercise, statement, body place): lower-case letters, digits and dashes.
// Whether the id exists is checked where the lists are (package practice).
func checkRef(v *Validation, field, id string) {
	if id == "" {
		return
	}
	if len(id) > 64 {
		v.Add(field, "Choose from the list.")
		return
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c >= 'A' && c <= 'Z') {
			v.Add(field, "Choose from the list.")
			return
		}
	}
}

// checkSpan checks a start and end time: both set, in order, within a
// day. Times are kept to the millisecond, as the store keeps them.
func checkSpan(v *Validation, start, end *time.Time) {
	*start, *end = start.UTC().Truncate(time.Millisecond), end.UTC().Truncate(time.Millisecond)
	switch {
	case start.IsZero() || end.IsZero():
		v.Add("started_at", "Send when it started and ended.")
	case end.Before(*start):
		v.Add("ended_at", "The end comes before the start. Check the times.")
	case end.Sub(*start) > MaxEpisodeLength:
		v.Add("ended_at", "That is longer than a day. Check the times.")
	}
}

// hasControl reports control characters other than line breaks and tabs
// when lines are allowed.
func hasControl(s string, lines bool) bool {
	for _, r := range s {
		if lines && (r == '\n' || r == '\r' || r == '\t') {
			continue
		}
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return true
		}
	}
	return false
}

// thousands writes n with a comma between thousands, as messages do.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// Duration is how long the episode took.
func (e *Episode) Duration() time.Duration { return e.EndedAt.Sub(e.StartedAt) }
