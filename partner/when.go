package partner

import (
	"fmt"
	"time"
)

// Clock is how a page writes the time of day.
type Clock int

// The two clocks.
const (
	Clock24 Clock = iota // 16:00
	Clock12              // 4:00 pm
)

// Time writes t's time of day on the clock.
func (k Clock) Time(t time.Time) string {
	if k == Clock12 {
		h := t.Hour() % 12
		if h == 0 {
			h = 12
		}
		half := "am"
		if t.Hour() >= 12 {
			half = "pm"
		}
		return fmt.Sprintf("%d:%02d %s", h, t.Minute(), half)
	}
	return fmt.Sprintf("%02d:%02d", t.Hour(), t.Minute())
}

// When says a time relative to now, the way a person would: "at 16:40"
// today, "tomorrow at 08:00", "on Tuesday at 08:00" within the week ahead,
// else "on 3 March at 08:00". Days are calendar days in loc, so a change
// of clocks overnight does not make "tomorrow" wrong.
func When(t, now time.Time, loc *time.Location, k Clock) string {
	lt, ln := t.In(loc), now.In(loc)
	at := "at " + k.Time(lt)
	switch d := dayDiff(ln, lt); {
	case d == 0:
		return at
	case d == 1:
		return "tomorrow " + at
	case d > 1 && d < 7:
		return "on " + lt.Weekday().String() + " " + at
	default:
		return fmt.Sprintf("on %d %s %s", lt.Day(), lt.Month(), at)
	}
}

// dayDiff counts calendar days from a to b, each read in its own location.
func dayDiff(a, b time.Time) int {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	da := time.Date(ay, am, ad, 0, 0, 0, 0, time.UTC)
	db := time.Date(by, bm, bd, 0, 0, 0, 0, time.UTC)
	return int(db.Sub(da).Hours() / 24)
}
