package behaviour

import (
	"fmt"
)

// talkFile is the shape of data/talk.json.
type talkFile struct {
	About string   `json:"about"`
	Intro string   `json:"intro"`
	Plan  []Prompt `json:"plan"`
	After []Prompt `json:"after"`
}

// Prompt is one question of the calm-time talk (D5), with examples of
// answers in our words. Its id is the form field and the key an answer is
// stored under.
type Prompt struct {
	ID       string   `json:"id"`
	Label    string   `json:"label"`
	Hint     string   `json:"hint"`
	Examples []string `json:"examples"`
}

// The two forms of the calm-time talk.
const (
	TalkPlan  List = "plan"  // before: the plan for a calm moment
	TalkAfter List = "after" // after: notes on how it went
)

// TalkIntro opens the calm-time talk.
func (c *Catalog) TalkIntro() string { return c.talk.Intro }

// TalkPrompts returns the prompts of the plan (TalkPlan) or of the notes
// afterwards (TalkAfter), in form order; nil for any other list.
func (c *Catalog) TalkPrompts(form List) []Prompt {
	var ps []Prompt
	switch form {
	case TalkPlan:
		ps = c.talk.Plan
	case TalkAfter:
		ps = c.talk.After
	default:
		return nil
	}
	out := make([]Prompt, len(ps))
	for i, p := range ps {
		out[i] = p
		out[i].Examples = append([]string(nil), p.Examples...)
	}
	return out
}

// CheckTalk checks the answers to one form of the calm-time talk, keyed by
// prompt id: every key a prompt of that form, every answer at most MaxNote
// characters, and at least one answer written. It returns the answers
// trimmed, without the empty ones.
func (c *Catalog) CheckTalk(form List, answers map[string]string) (map[string]string, error) {
	prompts := c.TalkPrompts(form)
	if prompts == nil {
		return nil, notFound("form")
	}
	known := map[string]bool{}
	for _, p := range prompts {
		known[p.ID] = true
	}
	var errs Errors
	out := map[string]string{}
	for _, p := range prompts {
		t, err := cleanText(p.ID, answers[p.ID], MaxNote, true)
		if err != nil {
			errs.add(err)
			continue
		}
		if t != "" {
			out[p.ID] = t
		}
	}
	for k := range answers {
		if !known[k] {
			errs.add(invalid("form", "This form has a field we don't know. Reload the page and try again.", "unknown prompt"))
			break
		}
	}
	if len(errs) == 0 && len(out) == 0 {
		errs.add(invalid(prompts[0].ID, "Write something in at least one box.", "no answers"))
	}
	if err := errs.orNil(); err != nil {
		return nil, err
	}
	return out, nil
}

// checkTalk checks the talk data.
func (c *Catalog) checkTalk() error {
	if err := checkWords("talk intro", c.talk.Intro); err != nil {
		return err
	}
	for form, ps := range map[List][]Prompt{TalkPlan: c.talk.Plan, TalkAfter: c.talk.After} {
		if len(ps) < 3 {
			return fmt.Errorf("behaviour: talk %s: want at least three prompts", form)
		}
		seen := map[string]bool{}
		for _, p := range ps {
			if err := checkID("talk "+string(form), p.ID); err != nil {
				return err
			}
			if seen[p.ID] {
				return fmt.Errorf("behaviour: talk %s: prompt %q appears twice", form, p.ID)
			}
			seen[p.ID] = true
			for _, w := range append([]string{p.Label, p.Hint}, p.Examples...) {
				if err := checkWords("talk "+p.ID, w); err != nil {
					return err
				}
			}
			if len(p.Examples) == 0 {
				return fmt.Errorf("behaviour: talk prompt %s has no example", p.ID)
			}
		}
	}
	return nil
}
