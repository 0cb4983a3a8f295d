package securebase

// KindInquiry is a belief inquiry (C2).
const KindInquiry Kind = "inquiry"

// Inquiry is one look at a core belief through the four questions of
// package belief (its origin, the voice it borrows, its cost, and whether
// it is true or merely familiar), each answer optional, and how true the
// belief felt at the end (C2). Belief is a core-wound id or the
// key of the person's own belief, as in BeliefRating.
type Inquiry struct {
	Belief  string `json:"belief"`
	Learned string `json:"learned,omitempty"`
	Voice   string `json:"voice,omitempty"`
	Cost    string `json:"cost,omitempty"`
	True    string `json:"true_or_familiar,omitempty"`
	// Rating is the re-rating at the end, 0–100; nil when skipped.
	Rating *int `json:"rating,omitempty"`
}

// InquiryAnswerMax bounds one answer: room for a page of writing.
const InquiryAnswerMax = 4000

// Kind implements Payload.
func (q *Inquiry) Kind() Kind { return KindInquiry }

// Text implements Payload.
func (q *Inquiry) Text() []string { return []string{q.Learned, q.Voice, q.Cost, q.True} }

// Example implements Payload: every answer is text.
func (q *Inquiry) Example(text string) Payload {
	r := 60
	return &Inquiry{Belief: "people-leave", Learned: text, Voice: text, Cost: text, True: text, Rating: &r}
}

// BeliefRating implements BeliefRated: the re-rating at the end.
func (q *Inquiry) BeliefRating() (string, int, bool) {
	if q.Rating == nil {
		return q.Belief, 0, false
	}
	return q.Belief, *q.Rating, true
}

// Validate implements Payload.
func (q *Inquiry) Validate() error {
	var v Validation
	checkBelief(&v, q.Belief)
	for _, a := range []struct {
		field string
		s     *string
	}{{"learned", &q.Learned}, {"voice", &q.Voice}, {"cost", &q.Cost}, {"true_or_familiar", &q.True}} {
		*a.s = Trim(*a.s)
		checkText(&v, a.field, *a.s, InquiryAnswerMax, true)
	}
	checkRating100(&v, "rating", q.Rating)
	return v.Err()
}
