package entries

import (
	"github.com/securebase/securebase"
	"github.com/securebase/securebase/belief"
)

// The Beliefs pillar's rules (issue 13): ids checked against package
// belief's lists.

// checkBeliefRating: a core wound carries no words of its own; an own
// belief's key is any entry id (the words are in its first rating).
func checkBeliefRating(p securebase.Payload) error {
	b := p.(*securebase.BeliefRating)
	if _, err := belief.WoundByID(b.Belief); err == nil && b.Words != "" {
		return securebase.FieldError("text", "Your own words go with a belief of your own, not one from the list.")
	}
	return nil
}

// checkThoughtRecord: each trap is one of the ten.
func checkThoughtRecord(p securebase.Payload) error {
	for _, id := range p.(*securebase.ThoughtRecord).Traps {
		if _, err := belief.TrapByID(id); err != nil {
			return securebase.FieldError("traps", "Choose thinking traps from the list.")
		}
	}
	return nil
}

// checkScript: a script copied from a suggested pair names one that exists.
func checkScript(p securebase.Payload) error {
	if from := p.(*securebase.Script).From; from != "" {
		if _, err := belief.ScriptByID(from); err != nil {
			return securebase.FieldError("from", "Choose one of the suggested scripts.")
		}
	}
	return nil
}
