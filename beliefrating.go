package securebase

import "fmt"

// KindBeliefRating is one rating of how true a core belief feels (C1).
const KindBeliefRating Kind = "belief-rating"

// BeliefRating is how true one core belief feels, 0 (not at all) to 100
// (completely), on the entry's date. A person re-rates any time by saving
// another. Belief names the belief: a core-wound id from package belief,
// or the key of the person's own belief. The rating that first names an
// own belief carries its words in Words (the pages use that entry's id as
// the key); later ratings name the key alone, and the newest words win.
type BeliefRating struct {
	Belief string `json:"belief"`
	Words  string `json:"text,omitempty"`
	Rating int    `json:"rating"`
}

// BeliefTextMax bounds the words of a person's own belief: one sentence.
const BeliefTextMax = 200

// Kind implements Payload.
func (b *BeliefRating) Kind() Kind { return KindBeliefRating }

// Text implements Payload.
func (b *BeliefRating) Text() []string { return []string{b.Words} }

// Example implements Payload: a person's own belief in their words.
func (b *BeliefRating) Example(text string) Payload {
	return &BeliefRating{Belief: "own-example", Words: OneLine(text), Rating: 70}
}

// BeliefRating implements BeliefRated.
func (b *BeliefRating) BeliefRating() (string, int, bool) { return b.Belief, b.Rating, true }

// Validate implements Payload. Whether a belief id is a core wound is
// package entries' rule (it needs package belief's list).
func (b *BeliefRating) Validate() error {
	var v Validation
	b.Words = OneLine(b.Words)
	checkBelief(&v, b.Belief)
	if b.Rating < 0 || b.Rating > 100 {
		v.Add("rating", "Choose a whole number from 0 (not true at all) to 100 (completely true).")
	}
	checkText(&v, "text", b.Words, BeliefTextMax, false)
	return v.Err()
}

// checkBelief checks the form of a belief reference: a wound id or an own
// belief's key, both letters, digits, dashes and underscores.
func checkBelief(v *Validation, id string) {
	if !ValidID(id) {
		v.Add("belief", "Choose a belief from the list, or write your own.")
	}
}

// checkRating100 checks an optional 0–100 rating.
func checkRating100(v *Validation, field string, n *int) {
	if n != nil && (*n < 0 || *n > 100) {
		v.Add(field, fmt.Sprintf("Choose a whole number from %d to %d.", 0, 100))
	}
}
