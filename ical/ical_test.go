package ical

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the same zones on every machine
)

var update = flag.Bool("update", false, "rewrite the golden feed in testdata")

// made is when the test reminders were made: a Monday noon, UTC.
var made = time.Date(2025, 1, 6, 12, 0, 0, 0, time.UTC)

func rem(id, zone string, h, m int, days ...time.Weekday) Reminder {
	return Reminder{ID: id, Kind: KindPractice, Days: days, Hour: h, Minute: m, Zone: zone, Since: made, Updated: made}
}

var weekdays = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
var everyDay = []time.Weekday{0, 1, 2, 3, 4, 5, 6}

// sampleFeed is the feed in the golden file: a weekday morning practice
// in Berlin, an evening one every day in UTC and a Sunday reflection in
// Sydney, where the seasons run the other way.
func sampleFeed() Feed {
	sunday := rem("r-sunday", "Australia/Sydney", 18, 0, time.Sunday)
	sunday.Kind = KindReflection
	sunday.Sequence = 2
	sunday.Updated = made.Add(48 * time.Hour)
	return Feed{
		Domain: "calm.example.org",
		URL:    "https://calm.example.org/today",
		Now:    made,
		Reminders: []Reminder{
			rem("r-morning", "Europe/Berlin", 8, 30, weekdays...),
			rem("r-evening", "UTC", 21, 15, everyDay...),
			sunday,
		},
	}
}

func TestGoldenFeed(t *testing.T) {
	got, err := Encode(sampleFeed())
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join("testdata", "feed.ics")
	if *update {
		if err := os.WriteFile(file, got, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(file) // #nosec G304 -- a fixed name under testdata
	if err != nil {
		t.Fatalf("%v (run go test ./ical -run Golden -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("the feed differs from %s; if the change is meant, rerun with -update.\n%s", file, got)
	}
	checkLines(t, got)
	if !bytes.HasPrefix(got, []byte("BEGIN:VCALENDAR\r\n")) || !bytes.HasSuffix(got, []byte("END:VCALENDAR\r\n")) {
		t.Error("not one VCALENDAR")
	}
	// The same reminders at another moment of the same day give the same
	// bytes, so an ETag can cache the feed.
	f := sampleFeed()
	f.Now = made.Add(7 * time.Hour)
	if again, _ := Encode(f); !bytes.Equal(again, got) {
		t.Error("the feed changes with the time of day")
	}
}

// checkLines holds the feed to RFC 5545's line rules: CRLF after every
// line and nowhere else, at most 75 octets a line, continuation lines
// starting with one space, no character split by a fold, no control
// characters but the line ends.
func checkLines(t *testing.T, feed []byte) {
	t.Helper()
	if !bytes.HasSuffix(feed, []byte("\r\n")) {
		t.Fatal("the feed does not end with CRLF")
	}
	lines := strings.Split(strings.TrimSuffix(string(feed), "\r\n"), "\r\n")
	for i, l := range lines {
		if len(l) > 75 {
			t.Errorf("line %d has %d octets: %q", i+1, len(l), l)
		}
		if strings.ContainsAny(l, "\r\n") {
			t.Errorf("line %d holds a bare CR or LF: %q", i+1, l)
		}
		for _, c := range []byte(l) {
			if c < 0x20 && c != '\t' || c == 0x7f {
				t.Errorf("line %d holds control character %#x", i+1, c)
			}
		}
		if strings.HasPrefix(l, " ") && i == 0 {
			t.Error("the feed starts with a continuation")
		}
		if !strings.HasPrefix(l, " ") && !strings.Contains(l, ":") {
			t.Errorf("line %d is neither a property nor a continuation: %q", i+1, l)
		}
	}
	if !bytes.Equal(bytes.ToValidUTF8(feed, nil), feed) {
		t.Error("a fold split a character, or the feed is not UTF-8")
	}
}

func TestFoldAndEscape(t *testing.T) {
	w := &writer{}
	long := strings.Repeat("é", 60) + "; a, b\\c\nd\r\ne\x00f\x7fg"
	w.prop("DESCRIPTION", "", long)
	checkLines(t, w.b)
	unfolded := strings.TrimSuffix(strings.ReplaceAll(string(w.b), "\r\n ", ""), "\r\n")
	want := "DESCRIPTION:" + strings.Repeat("é", 60) + "\\; a\\, b\\\\c\\nd\\ne" + "fg"
	if unfolded != want {
		t.Errorf("unfolded\n%q\nwant\n%q", unfolded, want)
	}
	// Exactly 75 octets stay on one line; 76 fold.
	for n, lines := range map[int]int{75: 1, 76: 2, 150: 3} {
		w := &writer{}
		w.line(strings.Repeat("x", n))
		if got := strings.Count(string(w.b), "\r\n"); got != lines {
			t.Errorf("%d octets: %d lines, want %d", n, got, lines)
		}
	}
}

func TestEventContent(t *testing.T) {
	feed, err := Encode(sampleFeed())
	if err != nil {
		t.Fatal(err)
	}
	s := strings.ReplaceAll(string(feed), "\r\n ", "")
	for _, want := range []string{
		"UID:r-morning@calm.example.org\r\n",
		"DTSTART;TZID=Europe/Berlin:20250106T083000\r\n",
		"RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;WKST=MO\r\n",
		"DTSTART:20250106T211500Z\r\n",
		"RRULE:FREQ=DAILY\r\n",
		"DTSTART;TZID=Australia/Sydney:20250112T180000\r\n", // the first Sunday after 6 January
		"RRULE:FREQ=WEEKLY;BYDAY=SU;WKST=MO\r\n",
		"SEQUENCE:2\r\n",
		"DTSTAMP:20250108T120000Z\r\n",
		"DURATION:PT15M\r\n",
		"SUMMARY:Secure Base: a few minutes for you\r\n",
		"SUMMARY:Secure Base: a little time for you this week\r\n",
		"URL;VALUE=URI:https://calm.example.org/today\r\n",
		"BEGIN:VTIMEZONE\r\nTZID:Australia/Sydney\r\n",
		"BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n",
		"RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n",  // Berlin: last Sunday of March
		"RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n", // … and of October
		"RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=1SU\r\n",  // Sydney: first Sunday of October
		"RRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU\r\n",   // … and of April
		"TZOFFSETFROM:+1100\r\nTZOFFSETTO:+1000\r\n",
		"CLASS:PRIVATE\r\n",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("the feed lacks %q", want)
		}
	}
	if strings.Count(s, "BEGIN:VTIMEZONE") != 2 || strings.Contains(s, "TZID:UTC") {
		t.Error("want a VTIMEZONE for Berlin and Sydney and none for UTC")
	}
	// Discreet: no text a person might see says anything about feelings
	// or entries.
	var shown []string
	for _, l := range strings.Split(s, "\r\n") {
		for _, p := range []string{"SUMMARY", "DESCRIPTION", "NAME", "X-WR-CALNAME", "URL", "UID"} {
			if strings.HasPrefix(l, p+":") || strings.HasPrefix(l, p+";") {
				shown = append(shown, l)
			}
		}
	}
	if len(shown) < 10 {
		t.Fatalf("only %d shown lines", len(shown))
	}
	low := strings.ToLower(strings.Join(shown, "\n"))
	for _, word := range []string{"anxi", "attach", "feel", "episode", "trigger", "distress", "belief", "journal", "check-in", "partner", "reflection"} {
		if strings.Contains(low, word) {
			t.Errorf("the feed says %q", word)
		}
	}
}

func TestEncodeRefuses(t *testing.T) {
	good := rem("ok", "Europe/Berlin", 8, 0, time.Monday)
	for name, r := range map[string]Reminder{
		"no id":        rem("", "UTC", 8, 0, time.Monday),
		"id with @":    rem("a@b", "UTC", 8, 0, time.Monday),
		"hour 24":      rem("x", "UTC", 24, 0, time.Monday),
		"minute -1":    rem("x", "UTC", 8, -1, time.Monday),
		"no days":      rem("x", "UTC", 8, 0),
		"weekday 7":    rem("x", "UTC", 8, 0, 7),
		"unknown zone": rem("x", "Mars/Olympus", 8, 0, time.Monday),
		"local":        rem("x", "Local", 8, 0, time.Monday),
		"no since":     {ID: "x", Days: []time.Weekday{1}, Zone: "UTC"},
	} {
		if _, err := Encode(Feed{Reminders: []Reminder{good, r}}); err == nil {
			t.Errorf("%s: encoded", name)
		}
	}
	if feed, err := Encode(Feed{}); err != nil || !strings.Contains(string(feed), "BEGIN:VCALENDAR") {
		t.Errorf("an empty feed: %v", err)
	}
}

// TestFirstEvent: the first event is the first chosen day on or after the
// reminder was made whose time exists on that day.
func TestFirstEvent(t *testing.T) {
	ny, _ := LoadZone("America/New_York")
	// Sunday 9 March 2025: 02:30 does not exist in New York.
	r := rem("gap", "America/New_York", 2, 30, time.Sunday)
	r.Since = time.Date(2025, 3, 8, 12, 0, 0, 0, ny)
	_, start, err := plan(r)
	if err != nil || start.Format(time.DateTime) != "2025-03-16 02:30:00" {
		t.Errorf("first event %v, %v", start, err)
	}
	r = rem("late", "Pacific/Auckland", 23, 45, time.Monday)
	r.Since = time.Date(2025, 1, 5, 11, 0, 0, 0, time.UTC) // already Monday 6 January in Auckland
	if _, start, _ := plan(r); start.Format(time.DateTime) != "2025-01-06 23:45:00" {
		t.Errorf("first event %v", start)
	}
}

func TestParseForm(t *testing.T) {
	r, err := ParseForm(Form{Time: "08:30", Days: []string{"mon", "fri", "mon"}, Zone: "Europe/Lisbon"})
	if err != nil || r.Hour != 8 || r.Minute != 30 || r.Zone != "Europe/Lisbon" || r.Kind != KindPractice ||
		!slices.Equal(r.Days, []time.Weekday{time.Monday, time.Friday}) {
		t.Fatalf("ParseForm = %+v, %v", r, err)
	}
	if r, err := ParseForm(Form{Kind: KindReflection, Time: "19:05:00", Days: []string{"sun"}, Zone: "UTC"}); err != nil || r.Hour != 19 || r.Minute != 5 {
		t.Errorf("with seconds: %+v, %v", r, err)
	}
	for name, c := range map[string]struct {
		f      Form
		fields []string
	}{
		"empty":        {Form{}, []string{FieldTime, FieldDays, FieldZone}},
		"24:00":        {Form{Time: "24:00", Days: []string{"mon"}, Zone: "UTC"}, []string{FieldTime}},
		"8:30":         {Form{Time: "8:30", Days: []string{"mon"}, Zone: "UTC"}, []string{FieldTime}},
		"am":           {Form{Time: "08:30 am", Days: []string{"mon"}, Zone: "UTC"}, []string{FieldTime}},
		"seconds 60":   {Form{Time: "08:30:60", Days: []string{"mon"}, Zone: "UTC"}, []string{FieldTime}},
		"day code":     {Form{Time: "08:30", Days: []string{"monday"}, Zone: "UTC"}, []string{FieldDays}},
		"half a code":  {Form{Time: "08:30", Days: []string{"onw"}, Zone: "UTC"}, []string{FieldDays}},
		"many days":    {Form{Time: "08:30", Days: strings.Fields("mon tue wed thu fri sat sun mon"), Zone: "UTC"}, []string{FieldDays}},
		"local zone":   {Form{Time: "08:30", Days: []string{"mon"}, Zone: "Local"}, []string{FieldZone}},
		"path zone":    {Form{Time: "08:30", Days: []string{"mon"}, Zone: "../../etc/passwd"}, []string{FieldZone}},
		"unknown kind": {Form{Kind: "journal", Time: "08:30", Days: []string{"mon"}, Zone: "UTC"}, []string{FieldKind}},
	} {
		_, err := ParseForm(c.f)
		msgs := Messages(err)
		for _, f := range c.fields {
			if msgs[f] == "" {
				t.Errorf("%s: no message for %s (%v)", name, f, msgs)
			}
		}
		if len(msgs) != len(c.fields) {
			t.Errorf("%s: messages %v, want fields %v", name, msgs, c.fields)
		}
		if err != nil && strings.Contains(err.Error(), "passwd") {
			t.Errorf("%s: the log text holds the input: %v", name, err)
		}
	}
}

func TestOffset(t *testing.T) {
	for sec, want := range map[int]string{0: "+0000", 3600: "+0100", -12600: "-0330", 45900: "+1245", -17762: "-045602", 50400: "+1400"} {
		if got := offset(sec); got != want {
			t.Errorf("offset(%d) = %q, want %q", sec, got, want)
		}
	}
}
