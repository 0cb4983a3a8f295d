package partner

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// repairFile is the shape of data/repair.json.
type repairFile struct {
	About   string `json:"about"`
	Intro   string `json:"intro"`
	Openers []Line `json:"openers"`
	Doing   []Line `json:"doing"`
	Warm    []Line `json:"warm"`
	Slots   []Slot `json:"slots"`
	Tips    []Line `json:"tips"`
}

// The slots of the repair composer (F2).
const (
	SlotOpener = "opener" // "I'm not going anywhere."
	SlotDoing  = "doing"  // "going for a short walk"
	SlotBack   = "back"   // a clock time
	SlotWarm   = "warm"   // "We'll work this out together."
)

// FieldZone names a missing time zone in errors.
const FieldZone = "zone"

// MaxRepairWait bounds how far ahead a repair message's return time may
// be. Repair is fast and small: a clock time within the next day, with room
// for a change of clocks.
const MaxRepairWait = 26 * time.Hour

// Repair is a "not gone" message, part by part. Each part may come from a
// suggestion or be typed; only the return time is needed.
type Repair struct {
	Opener string `json:"opener"`
	Doing  string `json:"doing"`
	Warm   string `json:"warm"`
}

// RepairIntro opens the repair composer.
func (c *Catalog) RepairIntro() string { return c.repair.Intro }

// RepairSlots returns the composer's slots in form order.
func (c *Catalog) RepairSlots() []Slot { return append([]Slot(nil), c.repair.Slots...) }

// Openers, Doing and WarmLines return the suggestions for each part.
func (c *Catalog) Openers() []Line   { return append([]Line(nil), c.repair.Openers...) }
func (c *Catalog) Doing() []Line     { return append([]Line(nil), c.repair.Doing...) }
func (c *Catalog) WarmLines() []Line { return append([]Line(nil), c.repair.Warm...) }

// RepairTips returns short advice on sending a repair message.
func (c *Catalog) RepairTips() []Line { return append([]Line(nil), c.repair.Tips...) }

func (c *Catalog) slot(slots []Slot, id string) Slot {
	for _, s := range slots {
		if s.ID == id {
			return s
		}
	}
	return Slot{ID: id, Max: 0}
}

// CheckRepair checks the written parts and tidies them in place: spaces
// trimmed, a typed "I'm" taken off what I'm doing so it is not said twice.
func (c *Catalog) CheckRepair(r *Repair) error {
	var errs Errors
	for _, p := range []struct {
		id   string
		text *string
	}{{SlotOpener, &r.Opener}, {SlotDoing, &r.Doing}, {SlotWarm, &r.Warm}} {
		t, err := cleanText(p.id, *p.text, c.slot(c.repair.Slots, p.id).Max, false)
		if err != nil {
			errs.add(err)
			continue
		}
		if p.id == SlotDoing {
			for prev := ""; prev != t; {
				prev = t
				t = dropLead(trimEnd(t), "i'm", "i am", "im")
			}
			t = lowerStart(t)
		} else if trimEnd(t) == "" {
			t = ""
		}
		*p.text = t
	}
	return errs.orNil()
}

// ComposeRepair checks a repair message and says it in one short passage,
// with the return time as a person would say it in loc: "I'm not going
// anywhere. I'm going for a short walk, and I'll be back at 16:00. We'll
// work this out together." back must be after now and within
// MaxRepairWait.
func (c *Catalog) ComposeRepair(r Repair, back, now time.Time, loc *time.Location, k Clock) (string, error) {
	var errs Errors
	if err := c.CheckRepair(&r); err != nil {
		errs = append(errs, err.(Errors)...)
	}
	if loc == nil {
		errs.add(invalid(FieldZone, "Choose your time zone in Settings.", "no time zone"))
	} else if !back.After(now) || back.Sub(now) > MaxRepairWait {
		errs.add(invalid(SlotBack, "Choose a time later today or tomorrow.", "return time outside the next day"))
	}
	if err := errs.orNil(); err != nil {
		return "", err
	}
	parts := []string{}
	if r.Opener != "" {
		parts = append(parts, sentence(r.Opener))
	}
	when := When(back, now, loc, k)
	if r.Doing != "" {
		parts = append(parts, "I'm "+r.Doing+", and I'll be back "+when+".")
	} else {
		parts = append(parts, "I'll be back "+when+".")
	}
	if r.Warm != "" {
		parts = append(parts, sentence(r.Warm))
	}
	return strings.Join(parts, " "), nil
}

// readClock reads a time of day as people type it: "16:00", "9", "4pm",
// "16h30", "4.30 pm", "4:30 a.m.". ok is false for anything else, including
// an hour or minute out of range.
func readClock(s string) (hour, minute int, ok bool) {
	t := strings.ToLower(strings.TrimSpace(s))
	half := ""
	for _, suffix := range []string{"a.m.", "p.m.", "am", "pm"} {
		if strings.HasSuffix(t, suffix) {
			half, t = suffix[:1], strings.TrimSpace(strings.TrimSuffix(t, suffix))
			break
		}
	}
	digits := func(d string) (int, bool) {
		for _, r := range d {
			if r < '0' || r > '9' {
				return 0, false
			}
		}
		n, err := strconv.Atoi(d)
		return n, err == nil
	}
	h, m := t, "00"
	if i := strings.IndexAny(t, ":.h"); i >= 0 {
		h, m = t[:i], t[i+1:]
		if len(m) != 2 {
			return 0, 0, false
		}
	}
	if len(h) < 1 || len(h) > 2 {
		return 0, 0, false
	}
	hour, okH := digits(h)
	minute, okM := digits(m)
	if !okH || !okM || minute > 59 {
		return 0, 0, false
	}
	switch half {
	case "a", "p":
		if hour < 1 || hour > 12 {
			return 0, 0, false
		}
		hour %= 12
		if half == "p" {
			hour += 12
		}
	default:
		if hour > 23 {
			return 0, 0, false
		}
	}
	return hour, minute, true
}

// ParseClock reads a time of day typed by a person and returns its next
// occurrence after now in loc: later today, or tomorrow when that time has
// passed. A time that the clocks skip tonight (say 02:30 when they jump
// from 02:00 to 03:00) is refused with a message, rather than quietly
// moved.
func ParseClock(field, s string, now time.Time, loc *time.Location) (time.Time, error) {
	if loc == nil {
		return time.Time{}, invalid(FieldZone, "Choose your time zone in Settings.", "no time zone")
	}
	bad := invalid(field, "Write a time like 16:00 or 4pm.", "not a time of day")
	if len(s) > 20 {
		return time.Time{}, bad
	}
	h, min, ok := readClock(s)
	if !ok {
		return time.Time{}, bad
	}
	local := now.In(loc)
	y, mo, d := local.Date()
	for day := d; day <= d+1; day++ {
		at := time.Date(y, mo, day, h, min, 0, 0, loc)
		if !at.After(now) {
			continue
		}
		if at.Hour() != h || at.Minute() != min {
			return time.Time{}, invalid(field,
				fmt.Sprintf("The clocks change tonight, so %02d:%02d is skipped. Choose another time.", h, min),
				"time skipped by a change of clocks")
		}
		return at, nil
	}
	return time.Time{}, bad // not reached: tomorrow is always after now
}

func (c *Catalog) checkRepair() error {
	if err := words("repair intro", c.repair.Intro); err != nil {
		return err
	}
	for name, lines := range map[string][]Line{"openers": c.repair.Openers, "doing": c.repair.Doing, "warm": c.repair.Warm, "repair tips": c.repair.Tips} {
		if err := checkLines(name, lines); err != nil {
			return err
		}
	}
	if err := checkSlots("repair", c.repair.Slots, SlotOpener, SlotDoing, SlotBack, SlotWarm); err != nil {
		return err
	}
	// Every suggestion must fit its slot and compose cleanly.
	now := time.Date(2026, 1, 5, 12, 0, 0, 0, time.UTC)
	for _, o := range c.repair.Openers {
		for _, d := range c.repair.Doing {
			for _, w := range c.repair.Warm {
				if _, err := c.ComposeRepair(Repair{o.Text, d.Text, w.Text}, now.Add(time.Hour), now, time.UTC, Clock24); err != nil {
					return fmt.Errorf("partner: repair suggestions %s/%s/%s: %w", o.ID, d.ID, w.ID, err)
				}
			}
		}
	}
	return nil
}
