package entries

import (
	"strconv"
	"strings"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/practice"
	"github.com/securebase/securebase/safety"
)

// kindRules are the rules of each kind that need a list from a pure package,
// applied after the payload's own Validate on every save, whatever the door.
// A kind whose Validate says everything needs no line here.
func (s *Service) kindRules() map[securebase.Kind]func(securebase.Payload) error {
	return map[securebase.Kind]func(securebase.Payload) error{
		securebase.KindEpisode: func(p securebase.Payload) error {
			e := p.(*securebase.Episode)
			return checkRefs(e.Pattern, e.Exercise, e.Statement, e.Body)
		},
		securebase.KindToolUse: func(p securebase.Payload) error {
			u := p.(*securebase.ToolUse)
			return checkRefs(u.Pattern, u.Exercise, u.Statement, u.Body)
		},
		securebase.KindPattern:   checkPattern,
		securebase.KindStatement: checkStatement,
		securebase.KindFavourite: checkFavourite,
		securebase.KindPlan:      checkPlan,
		securebase.KindSigns:     s.checkSigns,
		securebase.KindAttempt:   s.checkAttempt,

		// The secure partner's track (partner_rules.go).
		securebase.KindRepair:          s.checkRepair,
		securebase.KindPartnerBoundary: s.checkPartnerBoundary,
		securebase.KindPartnerTalk:     s.checkPartnerTalk,
		securebase.KindBaseline:        s.checkBaseline,
		// Beliefs (issue 13, beliefrules.go).
		securebase.KindBeliefRating:  checkBeliefRating,
		securebase.KindThoughtRecord: checkThoughtRecord,
		securebase.KindScript:        checkScript,
		securebase.KindTrigger:       s.checkTrigger,
		securebase.KindHeld:          s.checkHeld,
		securebase.KindNeed:          s.checkNeed,
		securebase.KindPerson:        s.checkPerson,
		securebase.KindTalk:          s.checkTalk,
	}
}

// checkRefs checks ids against the lists in practice: a known exercise
// and body places, a pattern that is built in or an entry id, a statement
// from the library or an entry id.
func checkRefs(pattern, exercise, statement string, body []string) error {
	var v securebase.Validation
	if pattern != "" {
		if _, err := practice.PatternByID(pattern); err != nil && !securebase.ValidID(pattern) {
			v.Add("pattern", "Choose a breathing pattern from the list.")
		}
	}
	if exercise != "" {
		if _, err := practice.ExerciseByID(exercise); err != nil {
			v.Add("exercise", "Choose a grounding exercise from the list.")
		}
	}
	if statement != "" {
		if _, err := practice.StatementByID(statement); err != nil && !securebase.ValidID(statement) {
			v.Add("statement", "Choose a statement from the list.")
		}
	}
	for _, b := range body {
		if _, err := practice.BodyLocationByID(b); err != nil {
			v.Add("body", "Choose places in the body from the list.")
		}
	}
	return v.Err()
}

// checkPattern applies practice's rules for a pattern that can run: a
// breath in and out, a top-up only after a breath in, under 30 minutes.
func checkPattern(p securebase.Payload) error {
	sp := p.(*securebase.Pattern)
	phases := make([]practice.Phase, len(sp.Phases))
	for i, ph := range sp.Phases {
		phases[i] = practice.Phase{Kind: ph.Kind, Seconds: ph.Seconds}
	}
	_, err := practice.NewCustom(sp.Name, phases, sp.Cycles)
	return err
}

func checkStatement(p securebase.Payload) error {
	return practice.ValidateStatement(p.(*securebase.Statement).Words)
}

func checkFavourite(p securebase.Payload) error {
	if _, err := practice.StatementByID(p.(*securebase.Favourite).Statement); err != nil {
		return securebase.FieldError("statement", "Choose a statement from the list.")
	}
	return nil
}

// checkPlan refuses parts that are not in safety.PlanSections.
func checkPlan(p securebase.Payload) error {
	var ids []string
	for _, sec := range safety.PlanSections() {
		ids = append(ids, sec.ID)
	}
	for id := range p.(*securebase.Plan).Sections {
		if _, ok := safety.PlanSectionByID(id); !ok {
			return securebase.FieldError("sections", "A plan has six parts: "+strings.Join(ids, ", ")+".")
		}
	}
	return nil
}

// checkSigns keeps only ids the checklist has, in the checklist's order;
// any other id is refused, with how many were not recognised.
func (s *Service) checkSigns(p securebase.Payload) error {
	sg := p.(*securebase.Signs)
	list := s.Assess.Signs()
	chosen := map[string]bool{}
	unknown := 0
	for _, id := range sg.Selected {
		if _, ok := list.Sign(id); ok {
			chosen[id] = true
		} else {
			unknown++
		}
	}
	if unknown > 0 {
		n := strconv.Itoa(unknown) + " signs"
		if unknown == 1 {
			n = "1 sign"
		}
		return securebase.FieldError("selected", "We didn't recognise "+n+" in what was sent. Choose from the checklist and save again.")
	}
	ordered := []string{}
	for _, g := range list.Groups {
		for _, sign := range g.Signs {
			if chosen[sign.ID] {
				ordered = append(ordered, sign.ID)
			}
		}
	}
	sg.Selected = ordered
	return nil
}

// checkAttempt checks an attempt against its questionnaire: one that is
// offered here, a name exactly when the questionnaire is about one person,
// and every answer an item of it, on its scale.
func (s *Service) checkAttempt(p securebase.Payload) error {
	a := p.(*securebase.Attempt)
	in, ok := s.Assess.Instrument(a.Instrument)
	if !ok {
		var ids []string
		for _, i := range s.Assess.Instruments() {
			ids = append(ids, i.ID)
		}
		return securebase.FieldError("instrument", "Choose one of the questionnaires: "+strings.Join(ids, ", ")+".")
	}
	switch {
	case in.About != "" && a.About == "":
		return securebase.FieldError("about", "Write who these answers are about: a first name, or words like “my partner”.")
	case in.About == "" && a.About != "":
		return securebase.FieldError("about", "This questionnaire is about close relationships in general, so it doesn't take a name.")
	}
	for item, value := range a.Answers {
		if item > len(in.Items) || value < in.Min || value > in.Max {
			return securebase.FieldError("answers", in.ShortName+" has items 1 to "+strconv.Itoa(len(in.Items))+
				", each answered from "+strconv.Itoa(in.Min)+" to "+strconv.Itoa(in.Max)+" on its scale.")
		}
	}
	return nil
}
