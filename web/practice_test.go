package web_test

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/securebase/securebase/web"
)

// TestTodayPractice walks Today's practice part (E1): the four practices,
// the count of days (never a streak), a practice ticked by a tool use, the
// last episode in one line, everything saved today, the hard-day mode.
func TestTodayPractice(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.signUp("willow", pw)
	expect(t, c.get("/today"), 200, "Today's practice", "Ground for a few minutes", `href="/beliefs/thoughts"`,
		`href="/beliefs/scripts"`, "Days you practise on will be counted here.", "Nothing yet today.")
	if strings.Contains(c.get("/today").body, "streak") {
		t.Fatal("Today speaks of a streak")
	}
	started := strconv.FormatInt(e.clock().Add(-3*time.Minute).UnixMilli(), 10)
	expect(t, c.post("/body/log", url.Values{"tool": {"ground"}, "started_at": {started}, "before": {"7"}, "after": {"4"}}), 303)
	expect(t, c.post("/sos", url.Values{"id": {"ep-today"}, "started_at": {started}, "before": {"9"}, "after": {"6"}, "tools": {"breathe"}}), 303)
	expect(t, c.post("/checkins", url.Values{"distress": {"5"}, "note": {"a calm evening"}}), 303)
	res := c.get("/today")
	expect(t, res, 200, "You practised on 1 of the last 28 days.", "Earlier today", "a calm evening",
		`href="/sos/episodes/ep-today"`, "Body tool: grounding", "9 → 6 with breathing")
	ticked := regexp.MustCompile(`class="practice practice-done">\s*<a href="/body/ground"`)
	if !ticked.MatchString(res.body) {
		t.Fatalf("grounding is not ticked after a grounding use\n%s", res.body)
	}
	if regexp.MustCompile(`class="practice practice-done">\s*<a href="/body/name"`).MatchString(res.body) {
		t.Fatal("naming a feeling is ticked without a use")
	}
	// The next day the practice is no longer ticked, and the count stays.
	e.advance(24 * time.Hour)
	res = c.get("/today")
	expect(t, res, 200, "You practised on 1 of the last 28 days.", "Last night: 9 → 6 with breathing")
	if ticked.MatchString(res.body) {
		t.Fatal("yesterday's grounding is ticked today")
	}
	// After a gap: a welcome back that counts nothing missed.
	e.advance(10 * 24 * time.Hour)
	expect(t, c.get("/today"), 200, "Good to see you", "You practised on 1 of the last 28 days.")
	// Hard-day mode: only the body tools and the crisis lines, until off.
	expect(t, c.post("/today/hard-day", url.Values{"on": {"1"}}), 303)
	res = c.get("/today")
	expect(t, res, 200, "Go gently today", `href="/body/breathe"`, "People you can reach now", "Turn off hard-day mode")
	for _, gone := range []string{"Quick check-in", "Today's practice", "Suggested for you", "Earlier today"} {
		if strings.Contains(res.body, gone) {
			t.Errorf("hard-day mode still shows %q", gone)
		}
	}
	expect(t, c.post("/today/hard-day", url.Values{"on": {"0"}}), 303)
	expect(t, c.get("/today"), 200, "Quick check-in", "Today's practice")
}

// TestWeeklyAndGrowth saves a weekly reflection and a growth rating
// through their pages and reads them back; a form refused comes back with
// what was typed; another person cannot open a reflection.
func TestWeeklyAndGrowth(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.signUp("hazel", pw)
	expect(t, c.get("/weekly"), 200, "What set off the alarm in you this week?", "Your reflections will be listed here.")
	expect(t, c.post("/weekly", url.Values{"triggers": {"  "}, "pattern": {strings.Repeat("x", 4001)}}), 400, "Keep this to 4,000 characters")
	res := c.post("/weekly", url.Values{"id": {"wk-1"}, "week": {"2026-11-15"}, "triggers": {"a late reply from Sam"}, "behaviour": {"less checking"}})
	expect(t, res, 303)
	expect(t, c.get("/weekly/wk-1"), 200, "a late reply from Sam", "less checking", "One behaviour to reduce")
	expect(t, c.get("/weekly"), 200, `href="/weekly/wk-1"`, "This week's reflection is saved.")
	expect(t, c.post("/weekly", url.Values{"reflection_day": {"friday"}}), 303)
	expect(t, c.get("/weekly"), 200, `value="friday" selected`)
	expect(t, c.post("/weekly", url.Values{"reflection_day": {"someday"}}), 400)

	other := e.client()
	other.signUp("alder", pw)
	if res := other.get("/weekly/wk-1"); res.Code != 404 || strings.Contains(res.body, "Sam") {
		t.Fatalf("another person's reflection: %d", res.Code)
	}

	expect(t, c.get("/growth"), 200, "How true is each of these for you lately?", "Less overthinking", "After you rate the signs in two different months")
	expect(t, c.post("/growth", url.Values{"space": {"9"}, "conflict": {"3"}}), 400, "Choose a number from 1 to 5.", `value="3" checked`)
	expect(t, c.post("/growth", url.Values{}), 400, "Rate at least one of the signs first.")
	expect(t, c.post("/growth", url.Values{"overthinking": {"2"}, "space": {"3"}}), 303)
	e.advance(10 * 24 * time.Hour)
	expect(t, c.post("/growth", url.Values{"overthinking": {"4"}, "space": {"4"}}), 303)
	res = c.get("/growth")
	expect(t, res, 200, `<svg`, `role="img"`, "The numbers as a table", "<th scope=\"row\">")
	expect(t, c.get("/today"), 200, `href="/insights"`)
}

// TestInsightsHonest shows every chart's "not yet" sentence with little
// data, and draws the charts once there is enough.
func TestInsightsHonest(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.signUp("rowan", pw)
	res := c.get("/insights")
	expect(t, res, 200, "There is not much to show yet", "After 7 check-ins this will show how your days have been.",
		"After 5 episodes this will show a pattern.", "After your second questionnaire")
	if strings.Contains(res.body, "<svg") {
		t.Fatal("a chart is drawn with no data")
	}
	for i := 0; i < 8; i++ {
		expect(t, c.post("/checkins", url.Values{"distress": {strconv.Itoa(3 + i%4)}}), 303)
		started := strconv.FormatInt(e.clock().Add(-3*time.Minute).UnixMilli(), 10)
		expect(t, c.post("/body/log", url.Values{"tool": {"breathe"}, "started_at": {started}, "before": {"7"}, "after": {"4"}}), 303)
		e.advance(26 * time.Hour)
	}
	res = c.get("/insights")
	expect(t, res, 200, `id="distress-title"`, `id="works-title"`, `id="practice-title"`, "Distress before and after each tool")
	if strings.Contains(res.body, "There is not much to show yet") {
		t.Fatal("insights still says there is nothing to show")
	}
	if n := strings.Count(res.body, "<svg"); n != 3 {
		t.Fatalf("%d charts drawn, want 3 (distress, tools, practice)", n)
	}
}

// TestWhenWords says a moment the way a person would.
func TestWhenWords(t *testing.T) {
	now := time.Date(2026, 11, 21, 15, 0, 0, 0, time.UTC) // a Saturday afternoon
	for _, c := range []struct {
		at   time.Time
		want string
	}{
		{time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC), "This morning"},
		{time.Date(2026, 11, 21, 2, 0, 0, 0, time.UTC), "Last night"},
		{time.Date(2026, 11, 20, 23, 30, 0, 0, time.UTC), "Last night"},
		{time.Date(2026, 11, 20, 19, 0, 0, 0, time.UTC), "Yesterday evening"},
		{time.Date(2026, 11, 20, 3, 0, 0, 0, time.UTC), "Early yesterday morning"},
		{time.Date(2026, 11, 18, 13, 0, 0, 0, time.UTC), "Wednesday afternoon"},
		{time.Date(2026, 11, 17, 23, 0, 0, 0, time.UTC), "Tuesday night"},
		{time.Date(2026, 11, 2, 13, 0, 0, 0, time.UTC), "2 November"},
	} {
		if got := web.WhenWords(c.at, now, time.UTC); got != c.want {
			t.Errorf("%v: %q, want %q", c.at, got, c.want)
		}
	}
}
