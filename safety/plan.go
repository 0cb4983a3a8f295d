package safety

// PlanSection is one part of the personal safety plan (feature G3). A
// person fills each part with their own lines; the examples only show the
// kind of thing that belongs there.
type PlanSection struct {
	// ID is stable: saved plans refer to sections by it, so it never
	// changes even if the title is reworded.
	ID       string
	Title    string
	Prompt   string   // one line that invites the person to write
	Examples []string // two or three short lines, second person
}

// Section IDs, in the order a plan is filled in. The order follows how a
// hard moment unfolds: notice it, cope alone, be among people, ask someone,
// call a professional, and make the room safer.
const (
	SectionWarningSigns   = "warning-signs"
	SectionOnMyOwn        = "on-my-own"
	SectionPeopleAndPlace = "people-and-places"
	SectionAskForHelp     = "ask-for-help"
	SectionProfessionals  = "professionals"
	SectionSaferSpace     = "safer-surroundings"
)

// PlanSections returns the six parts of the safety plan as a fresh slice.
// It builds the data on every call instead of keeping a package variable,
// so no caller can change what another caller sees.
func PlanSections() []PlanSection {
	return []PlanSection{
		{
			ID:     SectionWarningSigns,
			Title:  "My warning signs",
			Prompt: "What tells you that a hard moment is starting?",
			Examples: []string{
				"You stop replying to friends and stay in bed.",
				"You check his messages again and again and your chest goes tight.",
				"A thought keeps coming back that you are a burden.",
			},
		},
		{
			ID:     SectionOnMyOwn,
			Title:  "Things I can do on my own",
			Prompt: "What helps you get through the next few minutes alone?",
			Examples: []string{
				"Breathe out slowly, a little longer than you breathe in.",
				"Hold something cold and name five things you can see.",
				"Put on one song you love and walk around the block.",
			},
		},
		{
			ID:     SectionPeopleAndPlace,
			Title:  "People and places that take my mind off it",
			Prompt: "Where can you go, or who can you be near, without having to explain?",
			Examples: []string{
				"A café where you can sit among other people.",
				"Your cousin, who is always glad to watch a film with you.",
				"The library, or a bench in the park in daylight.",
			},
		},
		{
			ID:     SectionAskForHelp,
			Title:  "People I can ask for help",
			Prompt: "Who could you tell that you are struggling?",
			Examples: []string{
				"A friend you can text: I am having a hard night, can you call me?",
				"Someone in your family who listens without trying to fix it.",
				"Write their numbers here, so you do not have to search when it is hard.",
			},
		},
		{
			ID:     SectionProfessionals,
			Title:  "Professionals and services",
			Prompt: "Who can you call when this is too much to carry alone?",
			Examples: []string{
				"Your therapist or doctor, and the number they gave you for nights and weekends.",
				"The crisis line for your country. It is free, and it is okay to call.",
				"Your local emergency number, if you are in danger right now.",
			},
		},
		{
			ID:     SectionSaferSpace,
			Title:  "Making my surroundings safer",
			Prompt: "What could you put out of reach for now?",
			Examples: []string{
				"Ask someone you trust to keep your medicines for a while.",
				"Lock away, or hand over, anything you might use to hurt yourself.",
				"On the hardest nights, stay somewhere with other people.",
			},
		},
	}
}

// PlanSectionByID returns the section with the given ID, or false. Saved
// plans use it to find the title and prompt for an ID they stored.
func PlanSectionByID(id string) (PlanSection, bool) {
	for _, s := range PlanSections() {
		if s.ID == id {
			return s, true
		}
	}
	return PlanSection{}, false
}
