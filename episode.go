package securebase

import (
	"time"
)

// KindEpisode is one pass through the "I'm activated" flow.
const KindEpisode Kind = "episode"

// Episode is one pass through the "I'm activated" flow (B6): how
// distressed the person felt before and after, the tools they used in
// order, how long it took, and the words they found on the way. Every
// step of the flow can be skipped, so every field but the times may be
// empty.
type Episode struct {
	StartedAt time.Time `json:"started_at"`
	EndedAt   time.Time `json:"ended_at"`
	Before    *int      `json:"before,omitempty"` // distress at the start
	After     *int      `json:"after,omitempty"`  // distress at the end
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
	Intensity *int     `json:"intensity,omitempty"` // on the distress scale
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

// When implements Timed: an episode happened when it started.
func (e *Episode) When() time.Time { return e.StartedAt }

// Example implements Payload: an episode whose reflection and draft are
// text.
func (e *Episode) Example(text string) Payload {
	start := exampleTime()
	return &Episode{StartedAt: start, EndedAt: start.Add(50 * time.Second), Before: ptr(8), After: ptr(5),
		Tools: []string{"breathe", "name", "reassure"}, Pattern: "box", Statement: "passing-1",
		Words: Words{Because: text, Draft: text, Body: []string{"chest"}, Intensity: ptr(7)}}
}

// exampleTime is a recent whole second, so examples land in lists.
func exampleTime() time.Time { return time.Now().UTC().Add(-time.Hour).Truncate(time.Second) }

func ptr(n int) *int { return &n }

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
	w.Emotion = OneLine(w.Emotion)
	w.Because = Trim(w.Because)
	w.Draft = Trim(w.Draft)
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

// checkRef checks an optional id of something in our lists (a pattern,
// exercise, statement, body place): lower-case letters, digits and dashes.
// Whether the id exists is the save path's rule (package entries).
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

// Duration is how long the episode took.
func (e *Episode) Duration() time.Duration { return e.EndedAt.Sub(e.StartedAt) }
