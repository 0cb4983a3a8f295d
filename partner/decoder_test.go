package partner

import (
	"errors"
	"strings"
	"testing"
)

func TestSituations(t *testing.T) {
	c := mustLoad(t)
	for _, id := range []string{"flood-of-texts", "accusation", "threat-to-leave", "going-cold", "checking-your-phone", "small-fight"} {
		s, err := c.Situation(id)
		if err != nil {
			t.Errorf("the issue's situation %s: %v", id, err)
			continue
		}
		if n := len(s.Replies); n < 2 || n > 3 {
			t.Errorf("%s: %d replies", id, n)
		}
	}
	if _, err := c.Situation("nope"); !errors.Is(err, ErrNotFound) || FieldMessages(err)[FieldSituation] == "" {
		t.Errorf("unknown situation: %v", err)
	}
	// Checking a phone and threats can be control: those situations say
	// so and point to safety.
	for _, id := range []string{"checking-your-phone", "threat-to-leave"} {
		s, _ := c.Situation(id)
		if !strings.Contains(strings.ToLower(s.Note), "safety") {
			t.Errorf("%s has no safety note", id)
		}
	}
}

// TestDecoderRespectsBothPartners checks the words about the anxious
// partner: their behaviour is an alarm, not a flaw, and nothing casts
// them as a problem or the steady partner as their therapist.
func TestDecoderRespectsBothPartners(t *testing.T) {
	c := mustLoad(t)
	blame := []string{"problem", "attention-seeking", "attention seeking", "immature", "childish", "unreasonable", "irrational", "demanding", "too much", "diagnos", "disorder", "therapist", "treat them", "their issue"}
	texts := []string{c.DecoderIntro(), c.NotExcusing()}
	for _, s := range c.Situations() {
		texts = append(texts, s.Label, s.Surface, s.Underneath, s.Answer, s.Note)
		texts = append(texts, s.Replies...)
	}
	for _, text := range texts {
		for _, b := range blame {
			if strings.Contains(strings.ToLower(text), b) {
				t.Errorf("%q casts a partner in a poor light (%q)", text, b)
			}
		}
	}
}
