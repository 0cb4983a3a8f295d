package securebase

import (
	"strings"
	"unicode/utf8"
)

// CheckIn is the quick check-in: how distressed you are, 0–10, and a few
// words on how you are.
type CheckIn struct {
	Distress int    `json:"distress"`
	Note     string `json:"note,omitempty"`
}

// NoteMax bounds a check-in note. A check-in is a few words; longer writing
// belongs in a journal kind.
const NoteMax = 2000

// Kind implements Payload.
func (c *CheckIn) Kind() Kind { return KindCheckIn }

// Text implements Payload.
func (c *CheckIn) Text() []string { return []string{c.Note} }

// Validate implements Payload.
func (c *CheckIn) Validate() error {
	var v Validation
	c.Note = strings.TrimSpace(c.Note)
	if c.Distress < 0 || c.Distress > 10 {
		v.Add("distress", "Pick a number from 0 (calm) to 10 (the most distress you can imagine).")
	}
	if utf8.RuneCountInString(c.Note) > NoteMax {
		v.Add("note", "Keep the note under 2,000 characters. Everything you typed is still here.")
	}
	if !utf8.ValidString(c.Note) {
		v.Add("note", "The note has characters we can't read. Try typing it again.")
	}
	return v.Err()
}

// ValidDistress reports whether d is on the 0–10 scale used everywhere.
func ValidDistress(d int) bool { return d >= 0 && d <= 10 }
