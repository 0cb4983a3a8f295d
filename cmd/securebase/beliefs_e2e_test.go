package main

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBeliefsByKeyboard walks the Beliefs pillar (issue 13) on a phone
// screen with the keyboard only: rate a core belief, then a thought record
// whose hint is accepted, and checks every new page with axe-core (0
// violations), for CSP violations and requests off this machine.
func TestBeliefsByKeyboard(t *testing.T) {
	needBrowser(t)
	t.Parallel()
	app := startApp(t)
	b := newBrowser(t, app.URL, 390, 844)
	b.signUpIn("belief-person")
	start := time.Now()
	checked := 0
	visit := func(path string) { b.t.Helper(); b.visit(path); checked++ }
	check := func(name string) { b.t.Helper(); b.check(name); checked++ }
	noSideways := func(where string) {
		t.Helper()
		if eval[bool](b, "width", `document.documentElement.scrollWidth > window.innerWidth`) {
			t.Errorf("%s scrolls sideways at 390 px", where)
		}
	}

	// Core belief: from the tab to the inventory to one belief, rated twice.
	visit("/beliefs")
	for range 2 {
		b.tabTo(`main a[href="/beliefs/core"]`)
		b.pressAndLoad(keyEnter)
		check("/beliefs/core")
		b.tabTo(`a[href="/beliefs/core?belief=people-leave"]`)
		b.pressAndLoad(keyEnter)
		check("/beliefs/core?belief=people-leave")
		b.tabTo("#rating")
		b.press("75")
		b.tabTo(`form[action="/beliefs/ratings"] button`)
		b.pressAndLoad(keyEnter)
		b.do("back to the tab", chromedp.Navigate(b.base+"/beliefs"), chromedp.WaitReady(chromedp.CSS("main")))
	}
	check("/beliefs with a rating")
	noSideways("/beliefs")
	if txt := b.text(); !strings.Contains(txt, "Latest: 75 out of 100") || !strings.Contains(txt, "Steady at 75 out of 100") {
		t.Fatalf("the rating is not on the tab:\n%s", txt)
	}
	if !eval[bool](b, "chart", `!!document.querySelector('#b-people-leave svg[role="img"]')`) {
		t.Fatal("no chart for the rated belief")
	}

	// A thought record, one question per screen, the hint accepted.
	b.tabTo(`main a[href="/beliefs/thoughts"]`)
	b.pressAndLoad(keyEnter)
	check("thought record, situation")
	next := func(name string) {
		t.Helper()
		b.tabTo(`button[value="next"]`)
		b.pressAndLoad(keyEnter)
		check("thought record, " + name)
		noSideways("thought record, " + name)
	}
	b.tabTo("#situation")
	b.press("No reply since this morning")
	next("thought")
	b.tabTo("#thought")
	b.press("He's obviously bored of me")
	next("feeling")
	b.tabTo("#emotion")
	b.press("scared")
	b.tabTo("input[name=before]")
	for range 7 {
		b.press(keyArrowRight)
	}
	next("traps")
	if txt := b.text(); !strings.Contains(txt, "He's obviously bored of me") || !strings.Contains(txt, "These may fit, from your own words") {
		t.Fatalf("no hint, or the thought is out of view:\n%s", txt)
	}
	b.tabTo("#trap-mind-reading")
	b.press(keySpace)
	next("evidence")
	next("response")
	b.tabTo("#response")
	b.press("He may be busy. I'll be okay either way.")
	next("after")
	b.tabTo("input[name=after]")
	for range 4 {
		b.press(keyArrowRight)
	}
	b.tabTo(`button[value="save"]`)
	b.pressAndLoad(keyEnter)
	if loc := b.location(); loc != "/beliefs" {
		t.Fatalf("after saving, the page is %s", loc)
	}
	saved := eval[string](b, "read the record", `fetch("/api/v1/thought-records").then(r => r.text())`)
	for _, want := range []string{`"traps":["mind-reading"]`, `"before":7`, `"after":4`, `"thought":"He's obviously bored of me"`} {
		if !strings.Contains(saved, want) {
			t.Errorf("the saved record lacks %s: %s", want, saved)
		}
	}

	// The other new pages.
	for _, p := range []string{"/beliefs/inquiry", "/beliefs/inquiry?belief=people-leave", "/beliefs/scripts", "/beliefs/inner-child"} {
		visit(p)
		noSideways(p)
	}
	t.Logf("FIGURE beliefs axe: %d checks of the Beliefs pages in Chromium at 390×844, 0 violations allowed; keyboard walk in %v, %s",
		checked, time.Since(start).Round(time.Millisecond), b.stats())
}
