package securebase

import "sort"

// KindTalk is a calm-time talk (D5): a plan, and notes afterwards.
const KindTalk Kind = "talk"

// Talk is a conversation about the pattern planned for a calm moment (D5):
// answers to the plan's prompts and, later, notes on how it went, each
// keyed by a prompt id of package behaviour (which package entries checks).
type Talk struct {
	Plan  map[string]string `json:"plan"`
	After map[string]string `json:"after,omitempty"`
}

// TalkAnswerMax bounds one answer.
const TalkAnswerMax = 1000

// Kind implements Payload.
func (t *Talk) Kind() Kind { return KindTalk }

// Text implements Payload: the plan's answers, then the notes, by prompt.
func (t *Talk) Text() []string {
	var out []string
	for _, m := range []map[string]string{t.Plan, t.After} {
		for _, k := range sortedKeys(m) {
			out = append(out, m[k])
		}
	}
	return out
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Example implements Payload: a plan and notes that are text.
func (t *Talk) Example(text string) Payload {
	return &Talk{Plan: map[string]string{"when-where": text, "understand": text, "asking": text},
		After: map[string]string{"went-well": text}}
}

// Readable implements Readable.
func (t *Talk) Readable() []Field {
	var out []Field
	for _, k := range sortedKeys(t.Plan) {
		out = append(out, Field{"Plan: " + k, t.Plan[k]})
	}
	for _, k := range sortedKeys(t.After) {
		out = append(out, Field{"Afterwards: " + k, t.After[k]})
	}
	return out
}

// Validate implements Payload: empty answers are dropped.
func (t *Talk) Validate() error {
	var v Validation
	for name, m := range map[string]*map[string]string{"plan": &t.Plan, "after": &t.After} {
		if len(*m) > 20 {
			v.Add(name, "This form has fewer questions than that.")
		}
		clean := map[string]string{}
		for k, s := range *m {
			checkRef(&v, name, k)
			s = Trim(s)
			checkText(&v, k, s, TalkAnswerMax, true)
			if s != "" {
				clean[k] = s
			}
		}
		*m = clean
	}
	if len(t.Plan) == 0 {
		v.Add("plan", "Write something in at least one box of the plan.")
	}
	if len(t.After) == 0 {
		t.After = nil
	}
	return v.Err()
}
