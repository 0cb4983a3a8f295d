package behaviour

import (
	"fmt"
	"time"
)

// pauseFile is the shape of data/pause.json.
type pauseFile struct {
	About        string    `json:"about"`
	Holds        []Hold    `json:"holds"`
	Questions    []Item    `json:"questions"`
	HeldOutcomes []Outcome `json:"held_outcomes"`
	Waiting      []Line    `json:"waiting"`
	Released     []Line    `json:"released"`
}

// Line is a short line of text with a stable id, shown on its own.
type Line struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

// Hold is one choice of how long a drafted message waits (D2).
type Hold struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	About string `json:"about"`
	// Minutes is the length of a fixed hold. It is real elapsed time: ten
	// minutes are ten minutes even when the clocks change in between.
	Minutes int `json:"minutes,omitempty"`
	// Morning marks the hold that ends at MorningHour local time; see
	// NextMorning.
	Morning bool `json:"morning,omitempty"`
}

func holdItems(hs []Hold) []Item {
	out := make([]Item, len(hs))
	for i, h := range hs {
		out[i] = Item{ID: h.ID, Label: h.Label, About: h.About}
	}
	return out
}

// The morning a "next morning" hold ends, and the hour before which a night
// still belongs to the day before.
const (
	MorningHour = 8 // a held message is back at 08:00 local time
	// SmallHoursEnd: before 05:00, "tomorrow morning" means the coming
	// morning. Someone writing at 01:30 who chooses "until tomorrow
	// morning" means after they sleep, not 30 hours later.
	SmallHoursEnd = 5
	// MaxHoldMinutes bounds a fixed hold; longer waits use the morning.
	MaxHoldMinutes = 24 * 60
)

// Holds returns the hold choices, shortest first.
func (c *Catalog) Holds() []Hold { return append([]Hold(nil), c.holds...) }

// FieldZone names a missing time zone in errors.
const FieldZone = "zone"

// ReleaseAt returns when a message held now with the given hold comes back,
// in loc. A fixed hold adds real minutes; the morning hold ends at 08:00
// local time (NextMorning). The result is always after now.
func (c *Catalog) ReleaseAt(now time.Time, loc *time.Location, holdID string) (time.Time, error) {
	if loc == nil {
		return time.Time{}, invalid(FieldZone, "Choose your time zone in Settings.", "no time zone")
	}
	i, ok := c.index[Holds][holdID]
	if !ok {
		return time.Time{}, notFound(string(Holds))
	}
	h := c.holds[i]
	if h.Morning {
		return NextMorning(now, loc), nil
	}
	return now.Add(time.Duration(h.Minutes) * time.Minute).In(loc), nil
}

// NextMorning returns 08:00 local time on the morning after the night now
// belongs to: the next calendar day, or the same day when now is in the
// small hours (before 05:00). It counts calendar days, not 24-hour blocks,
// so a night when the clocks change still ends at 08:00 on the clock: the
// wait is an hour shorter or longer, and that is what a person expects.
// Should 08:00 itself be skipped by a change of clocks (no zone in use
// does this today), time.Date moves it to a valid instant nearby.
func NextMorning(now time.Time, loc *time.Location) time.Time {
	t := now.In(loc)
	y, m, d := t.Date()
	if t.Hour() >= SmallHoursEnd {
		d++
	}
	return time.Date(y, m, d, MorningHour, 0, 0, 0, loc)
}

// Waiting returns the lines shown while a message is held.
func (c *Catalog) Waiting() []Line { return append([]Line(nil), c.waiting...) }

// Released returns the lines shown when the hold ends.
func (c *Catalog) Released() []Line { return append([]Line(nil), c.released...) }

// SurfedMeaning explains the word "surfed" where counts are shown.
const SurfedMeaning = "Surfing an urge means feeling it and letting it pass, without obeying its hurry."

// UrgeEvent is one outcome to count: a log entry's outcome (list Outcomes)
// or a held message's outcome (list HeldOutcomes), with when it happened.
// An empty Outcome is an entry with no outcome yet.
type UrgeEvent struct {
	At      time.Time
	Outcome string
}

// UrgeTally counts urges surfed and acted on, from the log (D1) and from
// held messages (D2). Entries with no outcome yet, "there was no strong
// urge", and ids the catalog does not know (from a newer version, say) are
// counted in Uncounted so the numbers can be checked, never guessed.
type UrgeTally struct {
	Surfed, Acted         int
	LogSurfed, LogActed   int
	HeldSurfed, HeldActed int
	Uncounted             int
}

// TallyUrges counts the outcomes it is given; choose the time window first
// (Week does this for the weekly look-back).
func (c *Catalog) TallyUrges(logs, held []UrgeEvent) UrgeTally {
	var t UrgeTally
	count := func(l List, events []UrgeEvent, surfed, acted *int) {
		for _, e := range events {
			o, err := c.Outcome(l, e.Outcome)
			switch {
			case err != nil:
				t.Uncounted++
			case o.Urge == Surfed:
				*surfed++
			case o.Urge == Acted:
				*acted++
			default:
				t.Uncounted++
			}
		}
	}
	count(Outcomes, logs, &t.LogSurfed, &t.LogActed)
	count(HeldOutcomes, held, &t.HeldSurfed, &t.HeldActed)
	t.Surfed = t.LogSurfed + t.HeldSurfed
	t.Acted = t.LogActed + t.HeldActed
	return t
}

// Sentence says the tally in words, for a page or a chart's text.
func (t UrgeTally) Sentence() string {
	switch {
	case t.Surfed == 0 && t.Acted == 0:
		return "No urges counted yet. An urge counts once you note what you did with it."
	case t.Acted == 0:
		return fmt.Sprintf("You surfed %s and acted on none.", urges(t.Surfed))
	default:
		return fmt.Sprintf("You surfed %s and acted on %d.", urges(t.Surfed), t.Acted)
	}
}

func urges(n int) string {
	if n == 1 {
		return "1 urge"
	}
	return fmt.Sprintf("%d urges", n)
}

// checkPause checks the pause data the code relies on.
func (c *Catalog) checkPause() error {
	morning := 0
	last := 0
	for _, h := range c.holds {
		switch {
		case h.Morning && h.Minutes == 0:
			morning++
		case !h.Morning && h.Minutes > last && h.Minutes <= MaxHoldMinutes:
			last = h.Minutes
		default:
			return fmt.Errorf("behaviour: hold %s: want either minutes (rising, at most %d) or morning", h.ID, MaxHoldMinutes)
		}
	}
	if morning != 1 || !c.holds[len(c.holds)-1].Morning {
		return fmt.Errorf("behaviour: holds must end with exactly one morning hold")
	}
	for name, lines := range map[string][]Line{"waiting": c.waiting, "released": c.released} {
		if len(lines) == 0 {
			return fmt.Errorf("behaviour: no %s lines", name)
		}
		seen := map[string]bool{}
		for _, l := range lines {
			if err := checkID(name, l.ID); err != nil {
				return err
			}
			if seen[l.ID] {
				return fmt.Errorf("behaviour: %s line %q appears twice", name, l.ID)
			}
			seen[l.ID] = true
			if err := checkWords(name+" "+l.ID, l.Text); err != nil {
				return err
			}
		}
	}
	return nil
}

// Field names of a held message.
const (
	FieldMessage = "message"
	FieldHold    = string(Holds)
)

// Held is what a person gives when they hold a message: the words and how
// long to wait. The release time is computed (ReleaseAt), never typed.
type Held struct {
	Message string
	Hold    string
}

// CheckHeld checks a held message and trims it in place. The message may
// run over several lines; it is kept exactly as typed otherwise, because it
// is the person's to copy out later.
func (c *Catalog) CheckHeld(h *Held) error {
	var errs Errors
	t, err := cleanText(FieldMessage, h.Message, MaxMessage, true)
	switch {
	case err != nil:
		errs.add(err)
	case t == "":
		errs.add(invalid(FieldMessage, "Write the message you want to hold.", "message empty"))
	default:
		h.Message = t
	}
	if !c.Has(Holds, h.Hold) {
		errs.add(notFound(FieldHold))
	}
	return errs.orNil()
}
