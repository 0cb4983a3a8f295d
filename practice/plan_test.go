package practice

import (
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the tests need the same zones on every machine

	"github.com/securebase/securebase"
)

func zone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("load %s: %v", name, err)
	}
	return loc
}

func TestCivilDays(t *testing.T) {
	for _, c := range []struct {
		y, m, d, want int
	}{
		{1970, 1, 1, 0}, {1969, 12, 31, -1}, {2000, 3, 1, 11017}, {2024, 2, 29, 19782},
		{2025, 1, 1, 20089}, {1600, 1, 1, -135140}, {-1, 12, 31, -719529},
	} {
		if got := daysFromCivil(c.y, c.m, c.d); got != c.want {
			t.Errorf("daysFromCivil(%d-%d-%d) = %d, want %d", c.y, c.m, c.d, got, c.want)
		}
	}
	// Round trip against the time package over four centuries, every 13 days.
	for n := -80000; n < 80000; n += 13 {
		y, m, d := civilFromDays(n)
		want := time.Unix(int64(n)*86400, 0).UTC()
		if y != want.Year() || m != want.Month() || d != want.Day() {
			t.Fatalf("civilFromDays(%d) = %d-%d-%d, want %s", n, y, m, d, want.Format(time.DateOnly))
		}
		if daysFromCivil(y, int(m), d) != n {
			t.Fatalf("round trip of %d failed", n)
		}
		if weekdayOf(n) != want.Weekday() {
			t.Fatalf("weekdayOf(%d) = %v, want %v", n, weekdayOf(n), want.Weekday())
		}
	}
}

func TestDailies(t *testing.T) {
	wantPaths := map[string]string{
		DailyGround: "/body/ground", DailyName: "/body/name",
		DailyQuestion: "/beliefs/thoughts", DailyBelief: "/beliefs/scripts",
	}
	ds := Dailies()
	if len(ds) != 4 {
		t.Fatalf("%d daily practices, want 4", len(ds))
	}
	for _, d := range ds {
		if wantPaths[d.ID] != d.Path {
			t.Errorf("%s opens %q, want %q", d.ID, d.Path, wantPaths[d.ID])
		}
		if d.Minutes < 1 || d.Minutes > 5 || len(d.Counts) == 0 {
			t.Errorf("%s: minutes %d, counts %v", d.ID, d.Minutes, d.Counts)
		}
		for _, c := range d.Counts {
			if c.Tool != "" {
				if _, err := ToolByID(c.Tool); err != nil {
					t.Errorf("%s counts unknown tool %q", d.ID, c.Tool)
				}
			}
			if !IsPractice(Mark{Kind: c.Kind}) {
				t.Errorf("%s counts kind %q that is not a practice kind", d.ID, c.Kind)
			}
		}
		if got, err := DailyByID(d.ID); err != nil || got.Path != d.Path {
			t.Errorf("DailyByID(%s) = %v, %v", d.ID, got, err)
		}
	}
	if _, err := DailyByID("streak"); securebase.ErrorCode(err) != securebase.ENOTFOUND {
		t.Errorf("unknown daily: %v", err)
	}
	for _, k := range PracticeKinds() {
		if !IsPractice(Mark{Kind: k}) {
			t.Errorf("PracticeKinds lists %q but IsPractice refuses it", k)
		}
	}
	if IsPractice(Mark{Kind: "attempt"}) || IsPractice(Mark{Kind: ""}) {
		t.Error("a questionnaire or an empty kind counted as practice")
	}
}

func TestToday(t *testing.T) {
	berlin := zone(t, "Europe/Berlin")
	now := time.Date(2025, 3, 30, 21, 0, 0, 0, berlin) // the day clocks go forward
	at := func(d, h, m int) time.Time { return time.Date(2025, 3, d, h, m, 0, 0, berlin) }
	marks := []Mark{
		{Kind: EntryEpisode, Tools: []string{ToolBreathe, ToolGround}, At: at(30, 0, 30)}, // before the change
		{Kind: EntryToolUse, Tools: []string{ToolName}, At: at(29, 23, 59)},               // yesterday
		{Kind: EntryThought, At: at(31, 0, 1)},                                            // tomorrow
		{Kind: EntryScript, At: at(30, 23, 59)},
		{Kind: EntryCheckIn, At: at(30, 12, 0)}, // a check-in ticks no daily practice
	}
	got := map[string]bool{}
	for _, s := range Today(marks, now, berlin) {
		got[s.ID] = s.Done
	}
	want := map[string]bool{DailyGround: true, DailyName: false, DailyQuestion: false, DailyBelief: true}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("%s done = %v, want %v", id, got[id], w)
		}
	}
	// The same instants seen from UTC fall on other days: 00:30 CET on the
	// 30th is 23:30 UTC on the 29th; 00:01 CEST on the 31st is 22:01 UTC on
	// the 30th.
	utc := map[string]bool{}
	for _, s := range Today(marks, now, nil) {
		utc[s.ID] = s.Done
	}
	want = map[string]bool{DailyGround: false, DailyName: false, DailyQuestion: true, DailyBelief: true}
	for id, w := range want {
		if utc[id] != w {
			t.Errorf("UTC: %s done = %v, want %v", id, utc[id], w)
		}
	}
}

func TestPractised(t *testing.T) {
	ny := zone(t, "America/New_York")
	// 2 November 2025: clocks go back at 02:00, the day has 25 hours.
	now := time.Date(2025, 11, 2, 23, 30, 0, 0, ny)
	day := func(d time.Time) Mark { return Mark{Kind: EntryToolUse, Tools: []string{ToolBreathe}, At: d} }
	marks := []Mark{
		day(time.Date(2025, 11, 2, 23, 15, 0, 0, ny)), // today, late: 25 h after midnight's UTC offset change
		day(time.Date(2025, 11, 2, 0, 5, 0, 0, ny)),   // today again: one day
		day(time.Date(2025, 11, 1, 23, 59, 0, 0, ny)), // yesterday
		day(time.Date(2025, 10, 6, 0, 0, 0, 0, ny)),   // the first day of the window
		day(time.Date(2025, 10, 5, 23, 59, 0, 0, ny)), // just outside
		day(time.Date(2025, 11, 3, 0, 0, 0, 0, ny)),   // tomorrow: ignored
		{Kind: "attempt", At: now},                    // not practice
		{Kind: EntryCheckIn, At: time.Date(2025, 10, 20, 8, 0, 0, 0, ny)},
	}
	c := Practised(marks, now, ny, 0)
	if c.Window != 28 || len(c.Days) != 28 {
		t.Fatalf("window %d, %d days", c.Window, len(c.Days))
	}
	if c.Practised != 4 {
		t.Errorf("practised %d days, want 4 (%v)", c.Practised, c.Days)
	}
	if !c.Days[0] || !c.Days[26] || !c.Days[27] || !c.Days[14] {
		t.Errorf("wrong days marked: %v", c.Days)
	}
	if s := c.Sentence(); s != "You practised on 4 of the last 28 days." {
		t.Errorf("sentence %q", s)
	}
	for _, tc := range []struct {
		c    Consistency
		want string
	}{
		{Consistency{Practised: 0, Window: 28}, "Days you practise on will be counted here."},
		{Consistency{Practised: 1, Window: 28}, "You practised on 1 of the last 28 days."},
		{Consistency{Practised: 28, Window: 28}, "You practised on each of the last 28 days."},
		{Consistency{Practised: 11, Window: 28}, "You practised on 11 of the last 28 days."},
	} {
		if got := tc.c.Sentence(); got != tc.want {
			t.Errorf("%d of %d: %q, want %q", tc.c.Practised, tc.c.Window, got, tc.want)
		}
		if strings.Contains(strings.ToLower(tc.c.Sentence()), "streak") {
			t.Error("a streak, in our words")
		}
	}
}

func TestWelcomeBack(t *testing.T) {
	lon := zone(t, "Europe/London")
	now := time.Date(2025, 3, 31, 7, 0, 0, 0, lon)
	for _, c := range []struct {
		last  time.Time
		ok    bool
		gap   int
		title string
	}{
		{time.Time{}, false, 0, ""},
		{time.Date(2025, 3, 30, 23, 0, 0, 0, lon), false, 0, ""},
		{time.Date(2025, 3, 28, 23, 59, 0, 0, lon), true, 3, "Welcome back"},
		{time.Date(2025, 3, 29, 0, 0, 0, 0, lon), false, 0, ""},
		{time.Date(2025, 3, 24, 12, 0, 0, 0, lon), true, 7, "Good to see you"},
		{time.Date(2025, 3, 2, 12, 0, 0, 0, lon), true, 29, "Good to see you"},
		{time.Date(2025, 3, 1, 12, 0, 0, 0, lon), true, 30, "Welcome back"},
		{time.Date(2024, 1, 1, 12, 0, 0, 0, lon), true, 455, "Welcome back"},
	} {
		w, ok := WelcomeBack(c.last, now, lon)
		if ok != c.ok || w.Gap != c.gap || w.Title != c.title {
			t.Errorf("last %v: got %+v %v, want gap %d %q %v", c.last, w, ok, c.gap, c.title, c.ok)
		}
		if ok && (w.Text == "" || strings.ContainsAny(w.Text, "0123456789")) {
			t.Errorf("gap %d: the text counts what was missed or is empty: %q", w.Gap, w.Text)
		}
	}
	// Three lengths of gap, three different wordings.
	a, _ := WelcomeBack(now.AddDate(0, 0, -4), now, lon)
	b, _ := WelcomeBack(now.AddDate(0, 0, -10), now, lon)
	c, _ := WelcomeBack(now.AddDate(0, 0, -60), now, lon)
	if a.Text == b.Text || b.Text == c.Text || a.Text == c.Text {
		t.Error("the wording does not change with the length of the gap")
	}
}

func TestReflectionDue(t *testing.T) {
	syd := zone(t, "Australia/Sydney")
	// Sunday 6 April 2025: clocks go back at 03:00 in Sydney.
	sun := time.Date(2025, 4, 6, 20, 0, 0, 0, syd)
	for _, c := range []struct {
		name      string
		day       time.Weekday
		last, now time.Time
		due       bool
		opened    string
	}{
		{"never, on the day", time.Sunday, time.Time{}, sun, true, "2025-04-06"},
		{"done this morning", time.Sunday, time.Date(2025, 4, 6, 8, 0, 0, 0, syd), sun, false, "2025-04-06"},
		{"done last week", time.Sunday, time.Date(2025, 3, 30, 21, 0, 0, 0, syd), sun, true, "2025-04-06"},
		{"Saturday before the day", time.Sunday, time.Date(2025, 3, 30, 21, 0, 0, 0, syd), sun.AddDate(0, 0, -1), false, "2025-03-30"},
		{"still open on Wednesday", time.Sunday, time.Date(2025, 4, 5, 21, 0, 0, 0, syd), sun.AddDate(0, 0, 3), true, "2025-04-06"},
		{"a Wednesday person on Sunday", time.Wednesday, time.Date(2025, 4, 2, 9, 0, 0, 0, syd), sun, false, "2025-04-02"},
		{"a Monday person on Monday, just after midnight", time.Monday, time.Date(2025, 4, 6, 23, 59, 0, 0, syd), time.Date(2025, 4, 7, 0, 1, 0, 0, syd), true, "2025-04-07"},
	} {
		r := ReflectionDue(c.day, c.last, c.now, syd)
		if r.Due != c.due || r.Opened.Format(time.DateOnly) != c.opened {
			t.Errorf("%s: due %v opened %s, want %v %s", c.name, r.Due, r.Opened.Format(time.DateOnly), c.due, c.opened)
		}
		if r.Opened.Hour() != 0 || r.Next.Hour() != 0 || r.Opened.Weekday() != c.day || r.Next.Weekday() != c.day {
			t.Errorf("%s: opened %v, next %v: not midnights of the chosen day", c.name, r.Opened, r.Next)
		}
		if r.Next.Sub(r.Opened) < 167*time.Hour || r.Next.Sub(r.Opened) > 169*time.Hour {
			t.Errorf("%s: next %v is not a week after %v", c.name, r.Next, r.Opened)
		}
	}
}

func TestParseWeekday(t *testing.T) {
	for s, want := range map[string]time.Weekday{"sunday": time.Sunday, "wednesday": time.Wednesday, "saturday": time.Saturday} {
		if got, err := ParseWeekday(s); err != nil || got != want {
			t.Errorf("ParseWeekday(%q) = %v, %v", s, got, err)
		}
	}
	for _, s := range []string{"", "Sunday", "sun", "0", " monday", "funday"} {
		_, err := ParseWeekday(s)
		checkFieldError(t, err, s)
	}
}

func TestGrowth(t *testing.T) {
	items := GrowthItems()
	if len(items) != 7 {
		t.Fatalf("%d growth items, want 7", len(items))
	}
	seen := map[string]bool{}
	for _, it := range items {
		if seen[it.ID] || it.Title == "" || it.Statement == "" {
			t.Errorf("item %+v repeated or empty", it)
		}
		seen[it.ID] = true
	}
	for v := GrowthMin; v <= GrowthMax; v++ {
		if GrowthLabel(v) == "" {
			t.Errorf("no label for %d", v)
		}
	}
	if GrowthLabel(0) != "" || GrowthLabel(6) != "" {
		t.Error("labels off the scale")
	}
	got, err := ParseGrowth(map[string]string{GrowthSpace: "4", GrowthConflict: "1", GrowthBaseline: ""})
	if err != nil || len(got) != 2 || got[GrowthSpace] != 4 || got[GrowthConflict] != 1 {
		t.Fatalf("ParseGrowth = %v, %v", got, err)
	}
	for name, form := range map[string]map[string]string{
		"none rated":   {GrowthSpace: " "},
		"empty":        {},
		"too high":     {GrowthSpace: "6"},
		"zero":         {GrowthSpace: "0"},
		"leading zero": {GrowthSpace: "04"},
		"spaces":       {GrowthSpace: " 4"},
		"decimal":      {GrowthSpace: "4.5"},
		"unknown key":  {GrowthSpace: "4", "streak": "5"},
	} {
		got, err := ParseGrowth(form)
		if got != nil {
			t.Errorf("%s: got %v with an error", name, got)
		}
		checkFieldError(t, err)
	}
	// Every problem at once.
	_, err = ParseGrowth(map[string]string{GrowthSpace: "9", GrowthConflict: "x", "other": "1"})
	if m := securebase.ErrorFields(err); len(m) != 3 {
		t.Errorf("want three messages, got %v", m)
	}
	lisbon := zone(t, "Europe/Lisbon")
	now := time.Date(2025, 10, 26, 12, 0, 0, 0, lisbon)
	if !GrowthDue(time.Time{}, now, lisbon) || GrowthDue(now.AddDate(0, 0, -27), now, lisbon) || !GrowthDue(now.AddDate(0, 0, -28), now, lisbon) {
		t.Error("GrowthDue is off around 28 days")
	}
}

func TestPrompts(t *testing.T) {
	ps := WeeklyPrompts()
	ids := []string{WeeklyTriggers, WeeklyVulnerability, WeeklyPattern, WeeklyBehaviour}
	if len(ps) != len(ids) {
		t.Fatalf("%d prompts", len(ps))
	}
	for i, p := range ps {
		if p.ID != ids[i] || p.Title == "" || !strings.HasSuffix(p.Question, "?") || p.Hint == "" {
			t.Errorf("prompt %d: %+v", i, p)
		}
		if got, err := PromptByID(p.ID); err != nil || got != p {
			t.Errorf("PromptByID(%s) = %v, %v", p.ID, got, err)
		}
	}
	if _, err := PromptByID("x"); securebase.ErrorCode(err) != securebase.ENOTFOUND {
		t.Errorf("unknown prompt: %v", err)
	}
}

// In Santiago the clocks jump from 00:00 to 01:00 on Sunday 7 September
// 2025: that day starts at 01:00, and it is still a Sunday.
func TestReflectionDueMidnightJump(t *testing.T) {
	scl := zone(t, "America/Santiago")
	r := ReflectionDue(time.Sunday, time.Time{}, time.Date(2025, 9, 7, 10, 0, 0, 0, scl), scl)
	if r.Opened.Format("2006-01-02 15:04") != "2025-09-07 01:00" || !r.Due {
		t.Errorf("opened %v", r.Opened)
	}
	r = ReflectionDue(time.Sunday, time.Date(2025, 9, 7, 1, 30, 0, 0, scl), time.Date(2025, 9, 9, 10, 0, 0, 0, scl), scl)
	if r.Due {
		t.Errorf("a reflection saved early on the day did not count: %+v", r)
	}
}
