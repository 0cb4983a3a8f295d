package securebase

// KindThoughtRecord is a thought record (C4).
const KindThoughtRecord Kind = "thought"

// ThoughtRecord walks one anxious thought (C4): the situation, the
// thought, the emotion and how intense it was (0–10, the distress scale),
// the thinking traps the person recognised (ids from package belief,
// hinted or chosen), the evidence for and against, a secure response, and
// the intensity again at the end.
type ThoughtRecord struct {
	Situation string   `json:"situation,omitempty"`
	Thought   string   `json:"thought"`
	Emotion   string   `json:"emotion,omitempty"`
	Before    *int     `json:"before,omitempty"`
	Traps     []string `json:"traps,omitempty"`
	For       string   `json:"evidence_for,omitempty"`
	Against   string   `json:"counter_evidence,omitempty"`
	Response  string   `json:"response,omitempty"`
	After     *int     `json:"after,omitempty"`
}

// ThoughtMax bounds each written part of a thought record.
const ThoughtMax = 2000

// Kind implements Payload.
func (t *ThoughtRecord) Kind() Kind { return KindThoughtRecord }

// Text implements Payload.
func (t *ThoughtRecord) Text() []string {
	return []string{t.Situation, t.Thought, t.Emotion, t.For, t.Against, t.Response}
}

// Example implements Payload: every written part but the emotion (at
// most 40 characters, shorter than a sample's text) is text.
func (t *ThoughtRecord) Example(text string) Payload {
	b, a := 7, 4
	return &ThoughtRecord{Situation: text, Thought: text, Before: &b, // an emotion is a word or two: the sample leaves it out, as an episode's does
		Traps: []string{"mind-reading"}, For: text, Against: text, Response: text, After: &a}
}

// Validate implements Payload. Whether each trap is one of the ten is
// package entries' rule.
func (t *ThoughtRecord) Validate() error {
	var v Validation
	t.Thought = Trim(t.Thought)
	if t.Thought == "" {
		v.Add("thought", "Write the thought in a few words first.")
	}
	t.Emotion = OneLine(t.Emotion)
	checkText(&v, "emotion", t.Emotion, EmotionMax, false)
	for _, a := range []struct {
		field string
		s     *string
	}{{"situation", &t.Situation}, {"thought", &t.Thought}, {"evidence_for", &t.For}, {"counter_evidence", &t.Against}, {"response", &t.Response}} {
		*a.s = Trim(*a.s)
		checkText(&v, a.field, *a.s, ThoughtMax, true)
	}
	checkRating(&v, "before", t.Before)
	checkRating(&v, "after", t.After)
	if len(t.Traps) > 10 {
		v.Add("traps", "Choose thinking traps from the list.")
	}
	seen := map[string]bool{}
	for _, id := range t.Traps {
		checkRef(&v, "traps", id)
		if seen[id] {
			v.Add("traps", "Choose each thinking trap once.")
		}
		seen[id] = true
	}
	return v.Err()
}
