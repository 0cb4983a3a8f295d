package main

import (
	"strings"
	"testing"
	"time"
)

// TestBehaviourToolsByKeyboard walks the Behaviour tools that
// TestBehaviourInBrowser reaches only by mouse or touch (issue 14, D2–D5)
// with the keyboard alone on a phone screen: a boundary, a person with a
// green flag, a calm-time plan with notes afterwards, and a message held
// and let go. axe-core checks every screen (0 violations).
func TestBehaviourToolsByKeyboard(t *testing.T) {
	needBrowser(t)
	t.Parallel()
	app := startApp(t)
	b := newBrowser(t, app.URL, 390, 844)
	b.signUpIn("behaviour-keys")
	start := time.Now()
	checked := 0
	check := func(name string) { t.Helper(); b.check(name); checked++ }
	visit := func(path string) { t.Helper(); b.visit(path); checked++ }
	saysAll := func(where string, wants ...string) {
		t.Helper()
		txt := b.text()
		for _, w := range wants {
			if !strings.Contains(txt, w) {
				t.Fatalf("%s lacks %q:\n%s", where, w, txt)
			}
		}
	}

	// D3: an early boundary.
	visit("/behaviour/needs")
	b.tabTo("#boundary-limit")
	b.press("I can't talk after eleven on work nights")
	b.tabTo("#boundary-warmth")
	b.press("I love our evenings")
	b.tabTo(`form:has(#boundary-limit) button`)
	b.pressAndLoad(keyEnter)
	check("needs, a boundary saved")
	saysAll("needs", "I can't talk after eleven on work nights")

	// D4: a person and one green flag.
	visit("/behaviour/flags")
	b.tabTo("#name")
	b.press("Alex")
	b.tabTo(`form[action="/behaviour/people"] button`)
	b.pressAndLoad(keyEnter)
	check("a person")
	b.tabTo("input[name=flag][value=responds]")
	b.press(keySpace)
	b.tabTo(`form[action$="/flags"] button`)
	b.pressAndLoad(keyEnter)
	check("a person, one moment")
	saysAll("a person", "1 green flag")

	// D5: a plan, then notes afterwards.
	visit("/behaviour/talk")
	b.tabTo("#asking")
	b.press("a heads-up when plans change")
	b.tabTo(`form[action="/behaviour/talks"] button`)
	b.pressAndLoad(keyEnter)
	check("a talk")
	talk := b.location()
	if !strings.HasPrefix(talk, "/behaviour/talks/") {
		t.Fatalf("after saving a plan: %s", talk)
	}
	b.tabTo("#went-well")
	b.press("we both listened")
	b.tabTo(`form[action="` + talk + `"] button`)
	b.pressAndLoad(keyEnter)
	check("a talk, notes")
	saysAll("the talk", "a heads-up when plans change")
	if got := eval[string](b, "notes", `document.querySelector("#went-well").value`); got != "we both listened" {
		t.Fatalf("the notes afterwards read %q", got)
	}

	// D2: hold a message, then let it go.
	visit("/behaviour/pause")
	b.tabTo("#message")
	b.press("Fine. Do what you want.")
	b.tabTo("input[name=hold][value='10-minutes']")
	b.press(keySpace)
	b.tabTo("form[data-held-form] button")
	b.pressAndLoad(keyEnter)
	if loc := b.location(); !strings.HasPrefix(loc, "/behaviour/held/") {
		t.Fatalf("after holding by keyboard: %s\n%s", loc, b.text())
	}
	check("held, waiting")
	b.tabTo(`button[name=action][value=let-go]`)
	b.pressAndLoad(keyEnter)
	check("after letting go")
	held := eval[string](b, "read held", `fetch("/api/v1/held-messages").then(r => r.text())`)
	if !strings.Contains(held, `"outcome":"let-go"`) {
		t.Fatalf("the message let go by keyboard: %s", held)
	}
	visit("/behaviour")
	saysAll("the tab", "urges surfed")
	t.Logf("FIGURE behaviour keyboard: %d screens checked by axe at 390×844, 0 violations allowed, in %v, %s",
		checked, time.Since(start).Round(time.Millisecond), b.stats())
}
