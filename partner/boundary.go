package partner

import (
	"fmt"
	"strings"
	"unicode"
)

// boundariesFile is the shape of data/boundaries.json.
type boundariesFile struct {
	About    string            `json:"about"`
	Intro    string            `json:"intro"`
	Slots    []Slot            `json:"slots"`
	Tips     []Line            `json:"tips"`
	Examples []DeliveryExample `json:"examples"`
}

// The slots of boundary delivery (F3).
const (
	SlotConnection = "connection"
	SlotLimit      = "limit"
	SlotTimeline   = "timeline"
)

// Boundary is a boundary part by part: the limit, the connection around
// it, and when you will come back to it.
type Boundary struct {
	Connection string `json:"connection"`
	Limit      string `json:"limit"`
	Timeline   string `json:"timeline"`
}

// DeliveryExample is one common boundary said two ways: once so that it
// tends to land as abandonment, once so that it tends to land as care,
// with a line on why. The limit is the same in both.
type DeliveryExample struct {
	ID          string `json:"id"`
	Situation   string `json:"situation"`
	Abandonment string `json:"abandonment"`
	// AbandonmentCue is the body language or setting that goes with the
	// first version; delivery is as much the message as the words.
	AbandonmentCue string `json:"abandonment_cue"`
	Care           string `json:"care"`
	Why            string `json:"why"`
}

// BoundaryIntro opens boundary delivery.
func (c *Catalog) BoundaryIntro() string { return c.boundaries.Intro }

// BoundarySlots returns the slots in form order.
func (c *Catalog) BoundarySlots() []Slot { return append([]Slot(nil), c.boundaries.Slots...) }

// DeliveryTips returns advice on the unspoken part of delivery.
func (c *Catalog) DeliveryTips() []Line { return append([]Line(nil), c.boundaries.Tips...) }

// DeliveryExamples returns the boundaries said two ways.
func (c *Catalog) DeliveryExamples() []DeliveryExample {
	return append([]DeliveryExample(nil), c.boundaries.Examples...)
}

// CheckBoundary checks a boundary and tidies it in place: spaces trimmed,
// end punctuation taken off except a question mark on the timeline.
func (c *Catalog) CheckBoundary(b *Boundary) error {
	var errs Errors
	parts := map[string]*string{SlotConnection: &b.Connection, SlotLimit: &b.Limit, SlotTimeline: &b.Timeline}
	for _, s := range c.boundaries.Slots {
		p := parts[s.ID]
		t, err := cleanText(s.ID, *p, s.Max, false)
		if err != nil {
			errs.add(err)
			continue
		}
		if s.ID == SlotTimeline && strings.HasSuffix(t, "?") {
			t = strings.TrimRightFunc(trimEnd(t), unicode.IsSpace)
			if t != "" {
				t += "?"
			}
		} else {
			t = trimEnd(t)
		}
		if s.Required && t == "" {
			errs.add(invalid(s.ID, "Write a few words here.", "required part empty"))
		}
		*p = t
	}
	return errs.orNil()
}

// ComposeBoundary checks a boundary and says it connection first, then
// the limit, then the timeline: "I care about sorting this out with you,
// and I need an hour to clear my head first. Let's talk at half past
// seven." The limit
// is unchanged; the connection and the time are what let it land as care.
func (c *Catalog) ComposeBoundary(b Boundary) (string, error) {
	if err := c.CheckBoundary(&b); err != nil {
		return "", err
	}
	var s string
	if b.Connection != "" {
		s = upperStart(b.Connection) + ", and " + lowerStart(b.Limit) + "."
	} else {
		s = upperStart(b.Limit) + "."
	}
	if b.Timeline != "" {
		s += " " + sentence(b.Timeline)
	}
	return s, nil
}

func (c *Catalog) checkBoundaries() error {
	if err := words("boundary intro", c.boundaries.Intro); err != nil {
		return err
	}
	if err := checkSlots("boundary", c.boundaries.Slots, SlotConnection, SlotLimit, SlotTimeline); err != nil {
		return err
	}
	if err := checkLines("delivery tips", c.boundaries.Tips); err != nil {
		return err
	}
	if len(c.boundaries.Examples) < 5 {
		return fmt.Errorf("partner: want at least five boundaries said two ways")
	}
	list := make([]string, len(c.boundaries.Examples))
	for i, e := range c.boundaries.Examples {
		list[i] = e.ID
		if err := words("delivery example "+e.ID, e.Situation, e.Abandonment, e.AbandonmentCue, e.Care, e.Why); err != nil {
			return err
		}
		if e.Abandonment == e.Care {
			return fmt.Errorf("partner: delivery example %s says it the same way twice", e.ID)
		}
	}
	if _, err := c.ComposeBoundary(Boundary{c.boundaries.Slots[0].Example, c.boundaries.Slots[1].Example, c.boundaries.Slots[2].Example}); err != nil {
		return fmt.Errorf("partner: the boundary slots' examples do not compose: %w", err)
	}
	return ids("delivery examples", list)
}
