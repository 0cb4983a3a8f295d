package securebase_test

import (
	"strings"
	"testing"

	"github.com/securebase/securebase"
)

// TestBeliefKindsValidate checks the shape rules of the Beliefs pillar's
// kinds (issue 13); the rules that need package belief's lists are
// package entries'.
func TestBeliefKindsValidate(t *testing.T) {
	good := []securebase.Payload{
		&securebase.BeliefRating{Belief: "people-leave", Rating: 0},
		&securebase.BeliefRating{Belief: "own-x", Words: "  I am   unlovable ", Rating: 100},
		&securebase.Inquiry{Belief: "too-much"},
		&securebase.Script{Secure: "I can ask."},
		&securebase.ThoughtRecord{Thought: "x", Traps: []string{"labelling", "mind-reading"}},
		&securebase.Letter{Grief: "I miss what I never had."},
	}
	for _, p := range good {
		if err := p.Validate(); err != nil {
			t.Errorf("%s: %v", p.Kind(), err)
		}
	}
	if b := good[1].(*securebase.BeliefRating); b.Words != "I am unlovable" {
		t.Errorf("own words not cleaned: %q", b.Words)
	}
	if id, r, ok := good[1].(securebase.BeliefRated).BeliefRating(); id != "own-x" || r != 100 || !ok {
		t.Errorf("BeliefRating() = %q %d %v", id, r, ok)
	}
	if _, _, ok := good[2].(securebase.BeliefRated).BeliefRating(); ok {
		t.Error("an inquiry with no re-rating says it holds one")
	}
	n := func(v int) *int { return &v }
	bad := map[string]struct {
		p     securebase.Payload
		field string
	}{
		"rating 101":       {&securebase.BeliefRating{Belief: "too-much", Rating: 101}, "rating"},
		"rating -1":        {&securebase.BeliefRating{Belief: "too-much", Rating: -1}, "rating"},
		"no belief":        {&securebase.BeliefRating{Rating: 5}, "belief"},
		"a belief in text": {&securebase.BeliefRating{Belief: "a b", Rating: 5}, "belief"},
		"own words long":   {&securebase.BeliefRating{Belief: "own", Words: strings.Repeat("w", 201), Rating: 5}, "text"},
		"inquiry 101":      {&securebase.Inquiry{Belief: "too-much", Rating: n(101)}, "rating"},
		"inquiry long":     {&securebase.Inquiry{Belief: "too-much", Cost: strings.Repeat("w", 4001)}, "cost"},
		"script no secure": {&securebase.Script{Anxious: "I'm too much.", Secure: "  "}, "secure"},
		"script long":      {&securebase.Script{Secure: strings.Repeat("w", 281)}, "secure"},
		"no thought":       {&securebase.ThoughtRecord{Situation: "a text"}, "thought"},
		"intensity 11":     {&securebase.ThoughtRecord{Thought: "x", Before: n(11)}, "before"},
		"a trap twice":     {&securebase.ThoughtRecord{Thought: "x", Traps: []string{"labelling", "labelling"}}, "traps"},
		"a trap in words":  {&securebase.ThoughtRecord{Thought: "x", Traps: []string{"mind reading!"}}, "traps"},
		"empty letter":     {&securebase.Letter{Finished: true, Grief: "  "}, "validate"},
		"letter long":      {&securebase.Letter{MeetNeed: strings.Repeat("w", 4001)}, "meet_need"},
	}
	for name, c := range bad {
		if msg := securebase.ErrorFields(c.p.Validate())[c.field]; msg == "" {
			t.Errorf("%s passed (or the message is not on %s)", name, c.field)
		}
	}
}
