package entries

import (
	"fmt"
	"sort"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/behaviour"
)

// The behaviour pillar's rules (D1–D6): every id a list of package
// behaviour, own words only with "in my own words", the parts of a need
// tidied as the composer frames them. Whatever the door, the payload is
// stored as behaviour tidied it.

// mustBehaviour loads the behaviour catalog. Its data is embedded and
// checked by the package's own tests, so a failure here is a broken build.
func mustBehaviour() *behaviour.Catalog {
	c, err := behaviour.Load()
	if err != nil {
		panic(fmt.Sprintf("entries: the behaviour catalog does not load: %v", err))
	}
	return c
}

// Behaviour returns the behaviour catalog the rules use, for pages.
func (s *Service) Behaviour() *behaviour.Catalog { return s.behaviour }

// validationOf is a validation error with each field's message, fields
// in order (so the same input gives the same error), or nil for none.
func validationOf(msgs map[string]string) error {
	fields := make([]string, 0, len(msgs))
	for f := range msgs {
		fields = append(fields, f)
	}
	sort.Strings(fields)
	var v securebase.Validation
	for _, f := range fields {
		v.Add(f, msgs[f])
	}
	return v.Err()
}

// fieldErr turns behaviour's field errors into a securebase error, each
// message beside its field.
func fieldErr(err error) error {
	if err == nil {
		return nil
	}
	if e := validationOf(behaviour.FieldMessages(err)); e != nil {
		return e
	}
	return securebase.FieldError("form", "Something here isn't one of the choices. Reload the page and try again.")
}

func (s *Service) checkTrigger(p securebase.Payload) error {
	t := p.(*securebase.Trigger)
	l := behaviour.Log{Happening: t.Happening, HappeningOwn: t.HappeningOwn, Activation: t.Activation,
		Body: t.Body, BodyOwn: t.BodyOwn, Fear: t.Fear, FearOwn: t.FearOwn, Story: t.Story,
		Urges: t.Urges, UrgeOwn: t.UrgeOwn, Instead: t.Instead, InsteadOwn: t.InsteadOwn,
		Outcome: t.Outcome, Afterwards: t.Afterwards, ActivationAfter: t.ActivationAfter}
	if err := s.behaviour.CheckLog(&l); err != nil {
		return fieldErr(err)
	}
	if t.CameTrue != "" && !s.behaviour.Has(behaviour.CameTrue, t.CameTrue) {
		return securebase.FieldError("came_true", "Choose yes, partly or no.")
	}
	t.HappeningOwn, t.Body, t.BodyOwn, t.FearOwn, t.Story = l.HappeningOwn, l.Body, l.BodyOwn, l.FearOwn, l.Story
	t.Urges, t.UrgeOwn, t.Instead, t.InsteadOwn = l.Urges, l.UrgeOwn, l.Instead, l.InsteadOwn
	return nil
}

func (s *Service) checkHeld(p securebase.Payload) error {
	h := p.(*securebase.Held)
	bh := behaviour.Held{Message: h.Message, Hold: h.Hold}
	if err := s.behaviour.CheckHeld(&bh); err != nil {
		return fieldErr(err)
	}
	h.Message = bh.Message
	if h.Outcome != "" {
		if _, err := s.behaviour.Outcome(behaviour.HeldOutcomes, h.Outcome); err != nil {
			return securebase.FieldError("outcome", "Choose what became of the message from the list.")
		}
	}
	if h.UrgeID != "" && !s.behaviour.Has(behaviour.Urges, h.UrgeID) {
		return securebase.FieldError("urge", "Choose the urge from the list.")
	}
	return nil
}

func (s *Service) checkNeed(p securebase.Payload) error {
	n := p.(*securebase.Need)
	if n.Type == securebase.NeedBoundary {
		b := behaviour.Boundary{Limit: n.Limit, Warmth: n.Warmth, Time: n.Time}
		if err := s.behaviour.CheckBoundary(&b); err != nil {
			return fieldErr(err)
		}
		n.Limit, n.Warmth, n.Time = b.Limit, b.Warmth, b.Time
		return nil
	}
	nd := behaviour.Need{When: n.When, Feel: n.Feel, Like: n.Like, Ask: n.Ask}
	if err := s.behaviour.CheckNeed(&nd); err != nil {
		return fieldErr(err)
	}
	n.When, n.Feel, n.Like, n.Ask = nd.When, nd.Feel, nd.Like, nd.Ask
	return nil
}

func (s *Service) checkPerson(p securebase.Payload) error {
	for _, n := range p.(*securebase.Person).Notes {
		if _, ok := s.behaviour.Colour(n.Flag); !ok {
			return securebase.FieldError("flag", "Choose a flag from the list.")
		}
	}
	return nil
}

func (s *Service) checkTalk(p securebase.Payload) error {
	t := p.(*securebase.Talk)
	plan, err := s.behaviour.CheckTalk(behaviour.TalkPlan, t.Plan)
	if err != nil {
		return fieldErr(err)
	}
	t.Plan = plan
	if len(t.After) > 0 {
		after, err := s.behaviour.CheckTalk(behaviour.TalkAfter, t.After)
		if err != nil {
			return fieldErr(err)
		}
		t.After = after
	}
	return nil
}
