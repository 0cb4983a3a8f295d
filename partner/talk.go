package partner

import "fmt"

// talkFile is the shape of data/talk.json.
type talkFile struct {
	About   string   `json:"about"`
	Intro   string   `json:"intro"`
	Prompts []Prompt `json:"prompts"`
}

// MaxNote bounds one answer of the calm-time planner.
const MaxNote = 1000

// TalkIntro opens the calm-time planner (F4).
func (c *Catalog) TalkIntro() string { return c.talk.Intro }

// TalkPrompts returns the planner's prompts in form order.
func (c *Catalog) TalkPrompts() []Prompt { return copyPrompts(c.talk.Prompts) }

// CheckTalk checks a plan's answers, keyed by prompt id: every key a
// prompt, every answer at most MaxNote characters, at least one written.
// It returns the answers trimmed, without the empty ones.
func (c *Catalog) CheckTalk(answers map[string]string) (map[string]string, error) {
	var errs Errors
	out := map[string]string{}
	known := map[string]bool{}
	for _, p := range c.talk.Prompts {
		known[p.ID] = true
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
		errs.add(invalid(c.talk.Prompts[0].ID, "Write something in at least one box.", "no answers"))
	}
	if err := errs.orNil(); err != nil {
		return nil, err
	}
	return out, nil
}

func (c *Catalog) checkTalk() error {
	if err := words("talk intro", c.talk.Intro); err != nil {
		return err
	}
	if len(c.talk.Prompts) < 3 {
		return fmt.Errorf("partner: the calm-time planner needs at least three prompts")
	}
	return checkPrompts("talk", c.talk.Prompts)
}
