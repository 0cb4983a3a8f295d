package entries

import (
	"testing"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/behaviour"
)

// TestUrgeOutcomesInStep keeps the root's surfed/acted table the same as
// the behaviour catalog's, for log outcomes and held-message outcomes.
func TestUrgeOutcomesInStep(t *testing.T) {
	c := mustBehaviour()
	want := map[behaviour.UrgeResult]securebase.UrgeOutcome{
		behaviour.Surfed: securebase.UrgeSurfed, behaviour.Acted: securebase.UrgeActed, behaviour.NoUrge: securebase.UrgeNone,
	}
	n := 0
	for _, l := range []behaviour.List{behaviour.Outcomes, behaviour.HeldOutcomes} {
		for _, o := range c.Outcomes(l) {
			n++
			if got := securebase.UrgeOutcomeOf(o.ID); got != want[o.Urge] {
				t.Errorf("%s %s: the root says %q, the catalog %q", l, o.ID, got, o.Urge)
			}
		}
	}
	if n < 8 {
		t.Fatalf("only %d outcomes", n)
	}
	if securebase.TriggerOwnMax != behaviour.MaxOwnWords || securebase.TriggerStoryMax != behaviour.MaxStory ||
		securebase.HeldMessageMax != behaviour.MaxMessage || securebase.TalkAnswerMax != behaviour.MaxNote {
		t.Error("the root's bounds and behaviour's differ")
	}
	tr := &securebase.Trigger{Happening: "late-reply", Activation: 5, Urges: []string{"going-quiet", "texting-or-calling", "going-quiet"}, Outcome: "acted"}
	if err := tr.Validate(); err != nil {
		t.Fatal(err)
	}
	if err := (&Service{behaviour: c}).checkTrigger(tr); err != nil {
		t.Fatal(err)
	}
	if id, o := tr.Urge(); id != "texting-or-calling" || o != securebase.UrgeActed {
		t.Errorf("urge %q %q: want the first in list order, acted", id, o)
	}
}
