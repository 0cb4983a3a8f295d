package main

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestPracticeInBrowser walks issue 15's pages on a phone (390×844) by
// touch: Today with its four practices, a grounding saved from Today's
// link and then ticked, the hard-day mode on and off, a weekly
// reflection, a growth rating and Insights; axe-core (0 violations), CSP
// and foreign requests are checked on each page and state.
func TestPracticeInBrowser(t *testing.T) {
	needBrowser(t)
	t.Parallel()
	app := startApp(t)
	b := newBrowser(t, app.URL, 390, 844)
	b.signUpIn("practice-person")
	b.check("/today, new")
	wide := func(path string) {
		t.Helper()
		if eval[bool](b, "width", `document.documentElement.scrollWidth > window.innerWidth`) {
			t.Errorf("%s scrolls sideways at 390 px", path)
		}
	}
	wide("/today")
	// A practice is one tap from Today, and ticked once saved.
	b.submit(`a[data-practice="ground"]`)
	if loc := b.location(); loc != "/body/ground" {
		t.Fatalf("the grounding practice opened %s", loc)
	}
	b.toolStage("tool")
	for i := 0; i < 6; i++ {
		b.do("next step", tap("[data-step-next]"))
	}
	b.toolStage("after")
	b.do("rate after", tap("input[name=after][value='3']"))
	b.submit("form[action='/body/log'] [data-stage=after] .actions > button")
	b.visit("/today")
	if !eval[bool](b, "ticked", `document.querySelector('.practice-done a[href="/body/ground"]') !== null`) {
		t.Fatalf("grounding is not ticked on Today:\n%s", b.text())
	}
	if txt := b.text(); !strings.Contains(txt, "You practised on 1 of the last 28 days.") || !strings.Contains(txt, "Body tool: grounding") {
		t.Fatalf("Today does not count the practice:\n%s", txt)
	}
	// Hard-day mode: one tap on, one tap off.
	b.submit(`form[action="/today/hard-day"] button`)
	b.check("/today, hard day")
	wide("/today, hard day")
	if txt := b.text(); strings.Contains(txt, "Quick check-in") || !strings.Contains(txt, "Go gently today") {
		t.Fatalf("hard-day mode shows more than the body tools:\n%s", txt)
	}
	b.submit(`form[action="/today/hard-day"] button`)
	if txt := b.text(); !strings.Contains(txt, "Quick check-in") {
		t.Fatalf("hard-day mode did not turn off:\n%s", txt)
	}
	// The weekly reflection, saved and read back.
	b.visit("/weekly")
	wide("/weekly")
	b.do("write", fill("#w-pattern", "checking my phone after nine"))
	b.submit(`form[action="/weekly"] button:not(.secondary)`)
	b.check("/weekly/{id}")
	if txt := b.text(); !strings.Contains(txt, "checking my phone after nine") {
		t.Fatalf("the reflection was not saved:\n%s", txt)
	}
	// The signs of growing security.
	b.visit("/growth")
	wide("/growth")
	b.do("rate", tap("input[name=space][value='3']"))
	b.submit(`form[action="/growth"] button`)
	b.check("/growth, saved")
	b.visit("/insights")
	wide("/insights")
	if txt := b.text(); !strings.Contains(txt, "After 7 check-ins") {
		t.Fatalf("insights is not honest about little data:\n%s", txt)
	}
	// With two weeks of check-ins and tool uses, the charts are drawn:
	// each an SVG with its summary and its table, checked by axe too.
	saved := eval[int](b, "seed", `(async () => {
		let ok = 0;
		for (let i = 1; i <= 14; i++) {
			const at = new Date(Date.now() - i * 86400000).toISOString();
			const r = await fetch("/api/v1/checkins", {method: "POST", headers: {"Content-Type": "application/json"},
				body: JSON.stringify({distress: 3 + i % 5, occurred_at: at})});
			const u = await fetch("/api/v1/tool-uses", {method: "POST", headers: {"Content-Type": "application/json"},
				body: JSON.stringify({tool: "breathe", started_at: at, ended_at: at, before: 7, after: 4})});
			if (r.ok && u.ok) ok++;
		}
		return ok;
	})()`)
	if saved != 14 {
		t.Fatalf("seeding through the API saved %d of 14 days", saved)
	}
	b.visit("/insights")
	wide("/insights, charts")
	if n := eval[int](b, "charts", `document.querySelectorAll("main svg[role=img]").length`); n < 3 {
		t.Fatalf("%d charts drawn on /insights after two weeks", n)
	}
	b.do("open a table", click("#distress-h ~ details summary"))
	b.check("/insights, charts and a table open")
	// Reminders: a time, days, and the private calendar link.
	b.visit("/reminders")
	wide("/reminders")
	b.do("time", chromedp.SetValue("#practice_time", "08:30"), tap("input[name=practice_days][value=mon]"))
	b.submit(`form[action="/reminders"] button`)
	b.submit(`form[action="/reminders/link"] button`)
	b.check("/reminders, with a link")
	if v := eval[string](b, "link", `document.querySelector("#feed-url").value`); !strings.Contains(v, "/calendar/") {
		t.Fatalf("no calendar link: %q", v)
	}
	t.Log("FIGURE practice axe: /today (new, ticked, hard day), /weekly, /weekly/{id}, /growth (new, saved), /insights (little data; charts with a table open), /reminders (empty, with a link) at 390×844, 0 violations allowed")
}
