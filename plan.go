package securebase

import "sort"

// KindPlan is the safety plan.
const KindPlan Kind = "plan"

// Plan is a person's safety plan (G3): their own words for each of the
// six parts in safety.PlanSections, keyed by the part's stable id. There
// is one plan per person, stored under the entry id PlanID.
type Plan struct {
	Sections map[string]string `json:"sections"`
}

// PlanID is the entry id of the one safety plan.
const PlanID = "safety-plan"

// PlanSectionMax bounds one part of the plan: room for a list of names,
// numbers and ideas.
const PlanSectionMax = 4000

// Kind implements Payload.
func (p *Plan) Kind() Kind { return KindPlan }

// FixedID implements Singleton.
func (p *Plan) FixedID() string { return PlanID }

// Text implements Payload: every part, in id order.
func (p *Plan) Text() []string {
	keys := make([]string, 0, len(p.Sections))
	for k := range p.Sections {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = p.Sections[k]
	}
	return out
}

// Example implements Payload: every part of the plan is text.
func (p *Plan) Example(text string) Payload {
	sections := map[string]string{}
	for _, id := range []string{"warning-signs", "on-my-own", "people-and-places", "ask-for-help", "professionals", "safer-surroundings"} {
		sections[id] = text
	}
	return &Plan{Sections: sections}
}

// Validate implements Payload. Empty parts are dropped. Which parts a plan
// has is package safety's list, which package entries checks.
func (p *Plan) Validate() error {
	var v Validation
	if len(p.Sections) > 20 {
		v.Add("sections", "A plan has six parts.")
	}
	p.Sections = checkTexts(&v, "sections", p.Sections, PlanSectionMax)
	return v.Err()
}
