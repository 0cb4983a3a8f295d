package entries

import (
	"sort"
	"sync"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/partner"
)

// The secure partner's track (F2–F5): its kinds are checked against
// package partner's lists and composers, and tidied the way the composers
// tidy them, whatever the door.

// partnerCatalog is package partner's data, loaded once. It is embedded in
// the binary and checked by that package's tests, so failing to load it is
// a build that should not have shipped.
var partnerCatalog = sync.OnceValues(partner.Load)

// partnerRule runs check against the catalog and turns package partner's
// field errors into the project's.
func partnerRule(check func(c *partner.Catalog) error) error {
	c, err := partnerCatalog()
	if err != nil {
		return err
	}
	return PartnerErr(check(c))
}

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
	var v securebase.Validation
	fields := make([]string, 0, len(msgs))
	for f := range msgs {
		fields = append(fields, f)
	}
	sort.Strings(fields)
	for _, f := range fields {
		v.Add(f, msgs[f])
	}
	return v.Err()
}

func checkRepair(p securebase.Payload) error {
	r := p.(*securebase.Repair)
	return partnerRule(func(c *partner.Catalog) error {
		pr := partner.Repair{Opener: r.Opener, Doing: r.Doing, Warm: r.Warm}
		if err := c.CheckRepair(&pr); err != nil {
			return err
		}
		r.Opener, r.Doing, r.Warm = pr.Opener, pr.Doing, pr.Warm
		return nil
	})
}

func checkPartnerBoundary(p securebase.Payload) error {
	b := p.(*securebase.PartnerBoundary)
	return partnerRule(func(c *partner.Catalog) error {
		pb := partner.Boundary{Connection: b.Connection, Limit: b.Limit, Timeline: b.Timeline}
		if err := c.CheckBoundary(&pb); err != nil {
			return err
		}
		b.Connection, b.Limit, b.Timeline = pb.Connection, pb.Limit, pb.Timeline
		return nil
	})
}

func checkPartnerTalk(p securebase.Payload) error {
	t := p.(*securebase.PartnerTalk)
	return partnerRule(func(c *partner.Catalog) error {
		out, err := c.CheckTalk(t.Answers)
		if err != nil {
			return err
		}
		t.Answers = out
		return nil
	})
}

// checkBaseline keeps only markers of the list, in the list's order.
func checkBaseline(p securebase.Payload) error {
	b := p.(*securebase.Baseline)
	return partnerRule(func(c *partner.Catalog) error {
		res, err := c.CheckBaseline(b.Markers)
		if err != nil {
			return err
		}
		b.Markers = make([]string, len(res.Present))
		for i, m := range res.Present {
			b.Markers[i] = m.ID
		}
		return nil
	})
}
