package belief

import securebase "github.com/securebase/securebase"

// Core wound ids (C1). They are stored with every rating a person makes:
// never rename or reuse one.
const (
	WoundNotEnough   = "not-enough"
	WoundTooMuch     = "too-much"
	WoundPeopleLeave = "people-leave"
	WoundLoveEnds    = "love-ends"
	WoundEarnLove    = "earn-love"
)

// Wound is one of the five core wounds the source articles name beneath
// anxious attachment. Belief is the wound as a person tends to say it to
// themselves, so it is in the first person; Forms and ShowsUp speak to the
// person and describe, never diagnose.
type Wound struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Belief  string `json:"belief"`
	Forms   string `json:"forms"`    // how it often forms, one line
	ShowsUp string `json:"shows_up"` // how it tends to show up with others, one line
}

// Wounds returns the five core wounds in the order the inventory shows
// them.
func Wounds() []Wound {
	return []Wound{
		{
			ID: WoundNotEnough, Name: "Not enough", Belief: "I'm not enough.",
			Forms:   "It often takes root when attention came mostly when you did well, or when the adults around you were too busy to notice you.",
			ShowsUp: "You may work hard to impress, take a partner's quiet mood as a verdict on you, and find praise hard to believe.",
		},
		{
			ID: WoundTooMuch, Name: "Too much", Belief: "I'm too much.",
			Forms:   "It often takes root when your big feelings were met with a sigh, a frown or a closed door.",
			ShowsUp: "You may hide what you need, apologise for having feelings, and go quiet instead of asking.",
		},
		{
			ID: WoundPeopleLeave, Name: "People leave", Belief: "People always leave.",
			Forms:   "It often takes root when care came and went, or when someone you relied on left with little warning.",
			ShowsUp: "A slow reply or a quiet evening can feel like the start of a goodbye, so you watch closely for signs.",
		},
		{
			ID: WoundLoveEnds, Name: "Love ends", Belief: "Love never lasts.",
			Forms:   "It often takes root when warm times at home were followed by distance, so closeness felt like something on loan.",
			ShowsUp: "Good times can bring a quiet dread, and you may brace for the end or test whether a partner stays.",
		},
		{
			ID: WoundEarnLove, Name: "Earning love", Belief: "I have to earn love and prove my worth.",
			Forms:   "It often takes root when care seemed to depend on being good, helpful or easy to be around.",
			ShowsUp: "You may give more than you get, keep track of your efforts, and find it hard to rest or receive.",
		},
	}
}

// WoundByID returns the wound with the given id, or an error for the
// wound field.
func WoundByID(id string) (Wound, error) {
	for _, w := range Wounds() {
		if w.ID == id {
			return w, nil
		}
	}
	return Wound{}, securebase.FieldError(FieldWound, "Choose one of the beliefs in the list.")
}
