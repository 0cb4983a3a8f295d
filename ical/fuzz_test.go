package ical

import (
	"bytes"
	"strings"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"
)

// FuzzParseForm feeds the reminder form anything at all. Whatever it
// accepts must make a valid feed that go-ical reads back with the same
// time; whatever it refuses must say why, field by field, without the
// input in the log text.
func FuzzParseForm(f *testing.F) {
	f.Add("practice", "08:30", "mon,wed,fri", "Europe/Berlin", int64(1736164800))
	f.Add("reflection", "23:59:59", "sun", "Pacific/Chatham", int64(0))
	f.Add("", "00:00", "sat,sun,sat", "UTC", int64(-1))
	f.Add("journal", "24:00", "funday", "../etc/passwd", int64(1<<40))
	f.Add("practice", "02:30", "sun", "America/New_York", int64(1741478400))
	f.Add("practice", "٠٨:٣٠", "mon", "Local", int64(5))
	f.Fuzz(func(t *testing.T, kind, clock, days, zone string, since int64) {
		form := Form{Kind: kind, Time: clock, Days: strings.Split(days, ","), Zone: zone}
		r, err := ParseForm(form)
		if err != nil {
			msgs := Messages(err)
			if len(msgs) == 0 {
				t.Fatalf("error without messages: %v", err)
			}
			for field, msg := range msgs {
				if field == "" || msg == "" {
					t.Fatalf("empty field or message: %v", msgs)
				}
			}
			for _, in := range []string{clock, days, zone} {
				if len(in) > 8 && strings.Contains(err.Error(), in) {
					t.Fatalf("the log text %q holds the input", err.Error())
				}
			}
			return
		}
		if r.Hour < 0 || r.Hour > 23 || r.Minute < 0 || r.Minute > 59 || len(r.Days) == 0 || len(r.Days) > 7 {
			t.Fatalf("accepted %+v", r)
		}
		r.ID = "fuzz"
		r.Since = time.Unix(since%(1<<36), 0) // years 1970 to about 4000, and before 1970
		r.Updated = r.Since
		feed, err := Encode(Feed{Reminders: []Reminder{r}, Now: r.Since})
		if err != nil {
			if r.Since.Year() < 1900 {
				return // refused as too early: fine
			}
			t.Fatalf("a parsed reminder does not encode: %v (%+v)", err, r)
		}
		checkLines(t, feed)
		cal, err := goical.NewDecoder(bytes.NewReader(feed)).Decode()
		if err != nil {
			t.Fatalf("go-ical cannot read the feed: %v", err)
		}
		ev := cal.Events()
		if len(ev) != 1 {
			t.Fatalf("%d events", len(ev))
		}
		start, err := ev[0].DateTimeStart(nil)
		if err != nil {
			t.Fatalf("DTSTART: %v", err)
		}
		if start.Hour() != r.Hour || start.Minute() != r.Minute {
			t.Fatalf("DTSTART %v for %02d:%02d", start, r.Hour, r.Minute)
		}
	})
}
