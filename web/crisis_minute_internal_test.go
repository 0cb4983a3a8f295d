package web

import (
	"log/slog"
	"testing"
	"time"

	"github.com/securebase/securebase/safety"
)

// TestCrisisLinesByMinute: a country's lines are arranged once a minute
// and shared within it (crisisViewOf), yet a line that opens at the turn
// of a minute shows open from that minute, not a minute late.
func TestCrisisLinesByMinute(t *testing.T) {
	lines, err := safety.LoadDirectory()
	if err != nil {
		t.Fatal(err)
	}
	var (
		country safety.Country
		name    string
		opens   time.Time
	)
	for _, c := range lines.Countries() {
		if len(c.Zones) == 0 || name != "" {
			continue
		}
		loc, err := time.LoadLocation(c.Zones[0])
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range c.Lines {
			for _, w := range l.Open {
				at, err := time.ParseInLocation("2006-01-02 15:04", "2026-12-03 "+w.From, loc)
				if err != nil || w.MonthDay != 0 || l.OpenAt(at.Add(-time.Minute)) || !l.OpenAt(at) {
					continue
				}
				country, name, opens = c, l.Name, at
				break
			}
			if name != "" {
				break
			}
		}
	}
	if name == "" {
		t.Fatal("no line in the directory opens at a time of day; pick another way to test the minute")
	}
	now := opens.Add(-30 * time.Second)
	s, err := New(Deps{Lines: lines, Clock: func() time.Time { return now }, Logger: slog.New(slog.DiscardHandler), Metrics: NewMetrics()}, Config{})
	if err != nil {
		t.Fatal(err)
	}
	open := func() (bool, []safety.LineNow) {
		t.Helper()
		v := s.crisisViewOf(country)
		for _, l := range v.Lines {
			if l.Name == name {
				return l.OpenNow, v.Lines
			}
		}
		t.Fatalf("%s is not among %s's lines", name, country.Code)
		return false, nil
	}
	was, first := open()
	if was {
		t.Fatalf("%s shows open half a minute before %s", name, opens.Format("15:04"))
	}
	now = opens.Add(-time.Second)
	if was, again := open(); was || &again[0] != &first[0] {
		t.Fatalf("within the minute the lines were not shared (open %v)", was)
	}
	now = opens
	if is, _ := open(); !is {
		t.Fatalf("%s still shows closed at %s, when it opens", name, opens.Format("15:04"))
	}
}
