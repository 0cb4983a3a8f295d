package securebase

import "time"

// KindToolUse is one use of a body tool on its own.
const KindToolUse Kind = "tooluse"

// ToolUse is one use of a single regulation tool outside the "I'm
// activated" flow: breathing, grounding, naming, reassurance or a pause,
// with distress before and after, so "what works for me" counts every
// use and not only the ones inside an episode.
type ToolUse struct {
	Tool      string    `json:"tool"`
	StartedAt time.Time `json:"started_at"`
	EndedAt   time.Time `json:"ended_at"`
	Before    *int      `json:"before,omitempty"`
	After     *int      `json:"after,omitempty"`
	Pattern   string    `json:"pattern,omitempty"`
	Exercise  string    `json:"exercise,omitempty"`
	Statement string    `json:"statement,omitempty"`
	Words
}

// Kind implements Payload.
func (u *ToolUse) Kind() Kind { return KindToolUse }

// Text implements Payload.
func (u *ToolUse) Text() []string { return u.Words.text() }

// When implements Timed: a use happened when it started.
func (u *ToolUse) When() time.Time { return u.StartedAt }

// Example implements Payload: a use of "name it" whose words are text.
func (u *ToolUse) Example(text string) Payload {
	start := exampleTime()
	return &ToolUse{Tool: "name", StartedAt: start, EndedAt: start.Add(90 * time.Second), Before: ptr(7), After: ptr(4),
		Words: Words{Because: text, Draft: text, Intensity: ptr(6)}}
}

// Validate implements Payload.
func (u *ToolUse) Validate() error {
	var v Validation
	if !ValidTool(u.Tool) {
		v.Add("tool", "Choose a tool from the list.")
	}
	checkSpan(&v, &u.StartedAt, &u.EndedAt)
	checkRating(&v, "before", u.Before)
	checkRating(&v, "after", u.After)
	checkRef(&v, "pattern", u.Pattern)
	checkRef(&v, "exercise", u.Exercise)
	checkRef(&v, "statement", u.Statement)
	u.Words.validate(&v)
	return v.Err()
}
