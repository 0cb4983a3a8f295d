package securebase

// KindSigns is the "Signs I recognise" checklist (feature A2): which of the
// listed patterns a person recognises in themselves. There is one per
// person, always under the id SignsID.
const KindSigns Kind = "signs"

// SignsID is the fixed id of a person's one signs entry.
const SignsID = "signs"

// SignsMax bounds the selection; the checklist has a few dozen signs.
const SignsMax = 200

// Signs is the set of sign ids a person ticked. The ids come from the
// checklist (assess/signs.json); whether each names a sign there is checked
// by package entries, which has the checklist. Nothing here is scored.
type Signs struct {
	Selected []string `json:"selected"`
}

// Kind implements Payload.
func (s *Signs) Kind() Kind { return KindSigns }

// Text implements Payload: the checklist holds no free text.
func (s *Signs) Text() []string { return nil }

// FixedID implements Singleton.
func (s *Signs) FixedID() string { return SignsID }

// Example implements Payload: the checklist holds no text, so two signs.
func (s *Signs) Example(string) Payload { return &Signs{Selected: []string{"longing", "too-much"}} }

// Validate implements Payload. It drops repeats, keeping the first, and
// checks that every id has the form of a sign id.
func (s *Signs) Validate() error {
	var v Validation
	s.Selected = uniqueSlugs(&v, "selected", "Each sign is named by its id: lower-case letters, digits and hyphens.", s.Selected)
	if len(s.Selected) > SignsMax {
		v.Add("selected", "Choose at most 200 signs.")
	}
	return v.Err()
}
