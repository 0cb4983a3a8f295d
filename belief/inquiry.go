package belief

// Inquiry question ids (C2), in the order the inquiry asks them. They key
// a person's answers in storage: never rename or reuse one.
const (
	QuestionLearned = "learned"
	QuestionVoice   = "voice"
	QuestionCost    = "cost"
	QuestionTrue    = "true-or-familiar"
)

// Question is one step of a belief inquiry: the question itself, a line
// that helps a person start, and a short example of an answer, written as
// a person might write it.
type Question struct {
	ID       string `json:"id"`
	Question string `json:"question"`
	Prompt   string `json:"prompt"`
	Example  string `json:"example"`
}

// InquiryIntro opens an inquiry, above the belief being looked at.
const InquiryIntro = "Four questions, one at a time. There are no right answers. Write a word or a page, and skip any question you like."

// InquiryOutro comes before the re-rating at the end.
const InquiryOutro = "You looked at an old belief with care. How true does it feel now? Any number is fine, and it may move slowly."

// Questions returns the four inquiry questions in order.
func Questions() []Question {
	return []Question{
		{QuestionLearned, "Where did I learn this?",
			"Think back to a time this belief first felt true. Who was there, and what was going on?",
			"I think I learned it at home, when Dad went quiet for days after I got something wrong."},
		{QuestionVoice, "Whose voice is it?",
			"When this belief speaks, notice whose words or tone it borrows.",
			"It sounds like my mum on a tired day, telling me there was no time for my fuss."},
		{QuestionCost, "What has living by it cost me?",
			"Notice what this belief has asked of you: what you held back, gave up or put up with.",
			"I stay quiet about what I need, and I have stayed too long where I was not treated well."},
		{QuestionTrue, "Is it true, or only familiar?",
			"Look for times it did not hold. Does it feel true because it is, or because it is old?",
			"It feels true because I have felt it for years. But my friend Sam has been there for ten of them."},
	}
}
