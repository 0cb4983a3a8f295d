package securebase

import "fmt"

// KindCheckIn is the quick check-in on Today.
const KindCheckIn Kind = "checkin"

// CheckIn is the quick check-in: how distressed you are, on the distress
// scale, and a few words on how you are.
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

// Example implements Payload: a check-in whose note is text.
func (c *CheckIn) Example(text string) Payload { return &CheckIn{Distress: 6, Note: text} }

// Validate implements Payload.
func (c *CheckIn) Validate() error {
	var v Validation
	c.Note = Trim(c.Note)
	if !ValidDistress(c.Distress) {
		v.Add("distress", fmt.Sprintf("Pick a number from %d (calm) to %d (the most distress you can imagine).", DistressMin, DistressMax))
	}
	checkText(&v, "note", c.Note, NoteMax, true)
	return v.Err()
}
