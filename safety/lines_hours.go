package safety

import (
	"errors"
	"fmt"
	"sort"
	"time"
)

// Opening hours and order. A person at 03:00 must not meet a line that
// is closed as the first thing to call: lines that are free and answer
// day and night come first, then other lines that answer day and night,
// then lines with limited hours that are open now, and lines closed now
// come last, marked as closed.

// minutes reads "HH:MM" (00:00–24:00) as minutes after midnight.
func minutes(hhmm string) (int, error) {
	if len(hhmm) != 5 || hhmm[2] != ':' {
		return 0, fmt.Errorf("time %q is not HH:MM", hhmm)
	}
	h, m := int(hhmm[0]-'0')*10+int(hhmm[1]-'0'), int(hhmm[3]-'0')*10+int(hhmm[4]-'0')
	for _, c := range []byte{hhmm[0], hhmm[1], hhmm[3], hhmm[4]} {
		if c < '0' || c > '9' {
			return 0, fmt.Errorf("time %q is not HH:MM", hhmm)
		}
	}
	if m > 59 || h > 24 || h == 24 && m != 0 {
		return 0, fmt.Errorf("time %q is not a time of day", hhmm)
	}
	return h*60 + m, nil
}

func (w Window) validate() error {
	from, err := minutes(w.From)
	if err != nil {
		return err
	}
	to, err := minutes(w.To)
	if err != nil {
		return err
	}
	if to <= from {
		return fmt.Errorf("opening window %s–%s ends before it starts", w.From, w.To)
	}
	if w.MonthDay < 0 || w.MonthDay > 31 {
		return errors.New("monthday must be 1–31, or 0 for every day")
	}
	return nil
}

// AlwaysOpen reports whether the line answers day and night.
func (l Line) AlwaysOpen() bool { return len(l.Open) == 0 }

// OpenAt reports whether the line answers at local, a time already in the
// country's first time zone. Windows were validated at load.
func (l Line) OpenAt(local time.Time) bool {
	if l.AlwaysOpen() {
		return true
	}
	now := local.Hour()*60 + local.Minute()
	for _, w := range l.Open {
		if w.MonthDay != 0 && w.MonthDay != local.Day() {
			continue
		}
		from, _ := minutes(w.From)
		to, _ := minutes(w.To)
		if now >= from && now < to {
			return true
		}
	}
	return false
}

// LineNow is a line as it stands at one moment.
type LineNow struct {
	Line
	OpenNow bool
}

// rank orders lines: free and always open, always open, open now, closed.
func (l LineNow) rank() int {
	switch {
	case l.AlwaysOpen() && l.Free():
		return 0
	case l.AlwaysOpen():
		return 1
	case l.OpenNow:
		return 2
	}
	return 3
}

// Arrange returns the lines in the order a person should meet them at
// local (a time in the country's first time zone), each with whether it
// is open. The data's own order breaks ties.
func Arrange(lines []Line, local time.Time) []LineNow {
	out := make([]LineNow, len(lines))
	for i, l := range lines {
		out[i] = LineNow{Line: l, OpenNow: l.OpenAt(local)}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].rank() < out[j].rank() })
	return out
}

// ZoneCountries maps every time zone in the directory to its country code,
// so a browser's time zone can pre-select the country at sign-up.
func (d *Directory) ZoneCountries() map[string]string {
	out := map[string]string{}
	for _, c := range d.sorted {
		for _, z := range c.Zones {
			out[z] = c.Code
		}
	}
	return out
}

// HumanDate writes a YYYY-MM-DD date the way a person says it:
// "21 November 2026". A date that does not parse is returned as it is.
func HumanDate(date string) string {
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return date
	}
	return t.Format("2 January 2006")
}
