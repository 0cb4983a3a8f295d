package belief

// Reparenting step ids (C5), in the order the letter takes them. They key
// the parts of a saved letter: never rename or reuse one.
const (
	StepValidate = "validate"
	StepReassure = "reassure"
	StepTakeCare = "take-care"
	StepMeetNeed = "meet-need"
)

// Step is one part of the inner-child letter: a person writes to their
// younger self, one step at a time. Example is a line a person might write.
type Step struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Prompt  string `json:"prompt"`
	Example string `json:"example"`
}

// LetterIntro opens the inner-child letter.
const LetterIntro = "This is a letter from you now to you when you were young. Picture them at an age that comes to mind. Write as much or as little as you like, and stop whenever you want: your draft is kept."

// GriefNote makes room for grief. It is shown beside the letter, not as a
// step to complete.
const GriefNote = "Writing to your younger self can bring up grief for what you needed and did not get. That sadness makes sense. You can let it be here, and go gently with yourself."

// LetterCaution is shown before the letter starts. The page puts "I'm
// activated" and "When to get more help" right under it.
const LetterCaution = "This can stir up strong feelings. If it gets to be too much, stop and look after your body first. Help is one tap away, and the letter will wait."

// Steps returns the four reparenting steps in order.
func Steps() []Step {
	return []Step{
		{StepValidate, "Validate",
			"Tell your younger self that what they felt made sense. Name the feeling and the moment.",
			"You were scared when the house went quiet, and of course you were."},
		{StepReassure, "Reassure",
			"Offer the comfort you needed back then. Let them know someone is with them now.",
			"I'm here with you now, and I'm staying."},
		{StepTakeCare, "Take care",
			"Tell them how you will look after them now, in small and real ways.",
			"I'll make sure you eat, get some rest and have someone kind to talk to."},
		{StepMeetNeed, "Meet the need",
			"Ask what they need today, and promise to listen without leaving yourself behind.",
			"When you feel afraid, I'll stop and listen to you before I do anything else."},
	}
}
