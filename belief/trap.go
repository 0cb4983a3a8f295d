package belief

import securebase "github.com/securebase/securebase"

// Thinking trap ids (C4), in the order PRODUCT.md names them. They are
// stored with thought records and answered by the hints API: never rename
// or reuse one.
const (
	TrapMindReading      = "mind-reading"
	TrapFortuneTelling   = "fortune-telling"
	TrapCatastrophising  = "catastrophising"
	TrapOvergeneralising = "overgeneralising"
	TrapPersonalising    = "personalising"
	TrapAllOrNothing     = "all-or-nothing"
	TrapShould           = "should-statements"
	TrapEmotional        = "emotional-reasoning"
	TrapLabelling        = "labelling"
	TrapDiscounting      = "discounting-the-positive"
)

// Trap is one thinking trap: a habit of thought that anxiety leans on.
// Explain says what it is in one line; Ask is a gentle question that helps
// a person step back from it.
type Trap struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Explain string `json:"explain"`
	Ask     string `json:"ask"`
}

// Traps returns the ten thinking traps in their fixed order.
func Traps() []Trap {
	return []Trap{
		{TrapMindReading, "Mind reading",
			"Deciding what someone else thinks or feels without hearing it from them.",
			"What would you need to hear from them to know for sure?"},
		{TrapFortuneTelling, "Fortune telling",
			"Treating a guess about what will happen as if it were already certain.",
			"What else could happen, and what has happened before?"},
		{TrapCatastrophising, "Catastrophising",
			"Jumping to the worst outcome, or feeling sure you could not bear it.",
			"If the hard thing did happen, what would help you through it?"},
		{TrapOvergeneralising, "Overgeneralising",
			"Turning one painful moment into a rule, with words like always, never or everyone.",
			"Can you think of one time it went differently?"},
		{TrapPersonalising, "Personalising",
			"Taking the blame for someone else's mood or choices, or reading them as being about you.",
			"What else in their day could explain this?"},
		{TrapAllOrNothing, "All-or-nothing thinking",
			"Seeing only two boxes, like perfect or ruined, with no room in between.",
			"What would somewhere in the middle look like?"},
		{TrapShould, "Should statements",
			"Holding yourself or others to hard rules about how things have to be.",
			"What would you say to a friend who lived by this rule?"},
		{TrapEmotional, "Emotional reasoning",
			"Taking a strong feeling as proof that something is true.",
			"If the feeling were quieter, what would the facts say?"},
		{TrapLabelling, "Labelling",
			"Summing up yourself or someone else in one harsh word.",
			"What would a fuller, fairer description say?"},
		{TrapDiscounting, "Discounting the positive",
			"Setting aside the good things that happen, as if they do not count.",
			"What if the good thing counts as much as the hard one?"},
	}
}

// TrapByID returns the trap with the given id, or an error for the trap
// field.
func TrapByID(id string) (Trap, error) {
	for _, t := range Traps() {
		if t.ID == id {
			return t, nil
		}
	}
	return Trap{}, securebase.FieldError(FieldTrap, "Choose one of the thinking traps in the list.")
}

// trapIndex returns the position of a trap id in Traps, or -1.
func trapIndex(id string) int {
	for i, t := range Traps() {
		if t.ID == id {
			return i
		}
	}
	return -1
}
