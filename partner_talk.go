package securebase

import "sort"

// KindPartnerTalk is a calm-time plan (F4): how to name the dynamic with
// your partner when you are both regulated.
const KindPartnerTalk Kind = "partner-talk"

// PartnerTalkAnswerMax bounds one answer, as package partner's MaxNote.
const PartnerTalkAnswerMax = 1000

// PartnerTalk holds the answers to the planner's prompts, keyed by the
// prompt's stable id (package partner's TalkPrompts).
type PartnerTalk struct {
	Answers map[string]string `json:"answers"`
}

// Kind implements Payload.
func (p *PartnerTalk) Kind() Kind { return KindPartnerTalk }

// Text implements Payload: every answer, in id order.
func (p *PartnerTalk) Text() []string {
	keys := make([]string, 0, len(p.Answers))
	for k := range p.Answers {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = p.Answers[k]
	}
	return out
}

// Example implements Payload: every answer is text.
func (p *PartnerTalk) Example(text string) Payload {
	answers := map[string]string{}
	for _, id := range []string{"moment", "opening", "my-side", "the-loop", "try", "ask", "check-back"} {
		answers[id] = text
	}
	return &PartnerTalk{Answers: answers}
}

// Validate implements Payload. Empty answers are dropped; at least one is
// needed. Which prompts exist is package partner's list (package entries).
func (p *PartnerTalk) Validate() error {
	var v Validation
	if len(p.Answers) > 20 {
		v.Add("answers", "The planner has seven questions.")
	}
	p.Answers = checkTexts(&v, "answers", p.Answers, PartnerTalkAnswerMax)
	if len(p.Answers) == 0 && v.Err() == nil {
		v.Add("moment", "Write something in at least one box.")
	}
	return v.Err()
}
