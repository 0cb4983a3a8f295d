package securebase

// KindLetter is an inner-child letter (C5).
const KindLetter Kind = "letter"

// Letter is a letter from a person now to their younger self, in the four
// reparenting steps of package belief (validate, reassure, take care,
// meet the need), with room for grief. It is kept as a draft until the
// person marks it Finished; they may stop at any step.
type Letter struct {
	Validating string `json:"validate,omitempty"`
	Reassure   string `json:"reassure,omitempty"`
	TakeCare   string `json:"take_care,omitempty"`
	MeetNeed   string `json:"meet_need,omitempty"`
	Grief      string `json:"grief,omitempty"`
	Finished   bool   `json:"finished,omitempty"`
}

// LetterPartMax bounds each part of a letter.
const LetterPartMax = 4000

// Kind implements Payload.
func (l *Letter) Kind() Kind { return KindLetter }

// Text implements Payload.
func (l *Letter) Text() []string {
	return []string{l.Validating, l.Reassure, l.TakeCare, l.MeetNeed, l.Grief}
}

// Example implements Payload: every part is text.
func (l *Letter) Example(text string) Payload {
	return &Letter{Validating: text, Reassure: text, TakeCare: text, MeetNeed: text, Grief: text}
}

// Validate implements Payload. A letter, draft or finished, holds at
// least one part: a page that stops before anything is written saves
// nothing.
func (l *Letter) Validate() error {
	var v Validation
	empty := true
	for _, a := range []struct {
		field string
		s     *string
	}{{"validate", &l.Validating}, {"reassure", &l.Reassure}, {"take_care", &l.TakeCare}, {"meet_need", &l.MeetNeed}, {"grief", &l.Grief}} {
		*a.s = Trim(*a.s)
		checkText(&v, a.field, *a.s, LetterPartMax, true)
		if *a.s != "" {
			empty = false
		}
	}
	if empty {
		v.Add("validate", "Write a line or two first. Your letter can be as short as you like.")
	}
	return v.Err()
}
