package entries

import (
	"fmt"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/partner"
)

// The secure partner's track (F2–F5): its kinds are checked against
// package partner's lists and composers, and tidied the way the composers
// tidy them, whatever the door.

// mustPartner loads the secure partner's track's catalog. Its data is
// embedded and checked by the package's own tests, so a failure here is a
// broken build.
func mustPartner() *partner.Catalog {
	c, err := partner.Load()
	if err != nil {
		panic(fmt.Sprintf("entries: the partner catalog does not load: %v", err))
	}
	return c
}

// Partner returns the partner catalog the rules use, for pages.
func (s *Service) Partner() *partner.Catalog { return s.partner }

// PartnerErr turns package partner's errors into a validation error with a
// message per field, so pages and every door show each beside its field.
func PartnerErr(err error) error {
	if err == nil {
		return nil
	}
	msgs := partner.FieldMessages(err)
	if len(msgs) == 0 {
		return err
	}
	return validationOf(msgs)
}

func (s *Service) checkRepair(p securebase.Payload) error {
	r := p.(*securebase.Repair)
	pr := partner.Repair{Opener: r.Opener, Doing: r.Doing, Warm: r.Warm}
	if err := s.partner.CheckRepair(&pr); err != nil {
		return PartnerErr(err)
	}
	r.Opener, r.Doing, r.Warm = pr.Opener, pr.Doing, pr.Warm
	return nil
}

func (s *Service) checkPartnerBoundary(p securebase.Payload) error {
	b := p.(*securebase.PartnerBoundary)
	pb := partner.Boundary{Connection: b.Connection, Limit: b.Limit, Timeline: b.Timeline}
	if err := s.partner.CheckBoundary(&pb); err != nil {
		return PartnerErr(err)
	}
	b.Connection, b.Limit, b.Timeline = pb.Connection, pb.Limit, pb.Timeline
	return nil
}

func (s *Service) checkPartnerTalk(p securebase.Payload) error {
	t := p.(*securebase.PartnerTalk)
	out, err := s.partner.CheckTalk(t.Answers)
	if err != nil {
		return PartnerErr(err)
	}
	t.Answers = out
	return nil
}

// checkBaseline keeps only markers of the list, in the list's order.
func (s *Service) checkBaseline(p securebase.Payload) error {
	b := p.(*securebase.Baseline)
	res, err := s.partner.CheckBaseline(b.Markers)
	if err != nil {
		return PartnerErr(err)
	}
	b.Markers = make([]string, len(res.Present))
	for i, m := range res.Present {
		b.Markers[i] = m.ID
	}
	return nil
}
