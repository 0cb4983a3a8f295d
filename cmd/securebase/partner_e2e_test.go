package main

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestPartnerInBrowser walks the secure partner's track on a phone-sized
// screen by keyboard alone: from the tab page to the decoder, one
// situation, and on to the repair composer; a time it cannot read keeps
// every word typed; a good one makes the message with a copy button. Every
// new page is checked with axe-core (WCAG 2.2 AA, light and dark, 0
// violations), for CSP violations, foreign requests and sideways scroll.
func TestPartnerInBrowser(t *testing.T) {
	needBrowser(t)
	t.Parallel()
	app := startApp(t)
	b := newBrowser(t, app.URL, 390, 844)
	checked := 0
	look := func(path string) {
		t.Helper()
		if got := b.location(); got != path {
			t.Fatalf("on %s, want %s", got, path)
		}
		b.checkAll(path)
		if eval[bool](b, "width", `document.documentElement.scrollWidth > window.innerWidth`) {
			t.Errorf("%s scrolls sideways at 390 px", path)
		}
		checked++
		b.screenshot("partner" + strings.ReplaceAll(path, "/", "_"))
	}
	b.signUpIn("steady-one")

	// By keyboard: the tab page → the decoder → one situation → repair.
	b.visit("/partner")
	look("/partner")
	b.tabTo(`a[href="/partner/decoder"]`)
	b.pressAndLoad(keyEnter)
	look("/partner/decoder")
	b.tabTo(`a[href="/partner/decoder/flood-of-texts"]`)
	b.pressAndLoad(keyEnter)
	look("/partner/decoder/flood-of-texts")
	if txt := b.text(); !strings.Contains(txt, "What it may be saying underneath") || !strings.Contains(txt, "How to answer") {
		t.Fatalf("the situation does not say what is underneath and how to answer:\n%s", txt)
	}
	b.tabTo(`a[href="/partner/repair"]`)
	b.pressAndLoad(keyEnter)
	look("/partner/repair")

	// The composer: a time it cannot read comes back with everything typed.
	b.tabTo("#doing")
	b.press("going for a short walk")
	b.tabTo("#back")
	b.press("teatime")
	b.tabTo("#warm")
	b.press("We'll work this out together.")
	b.tabTo(`form[action="/partner/repair"] button`)
	b.pressAndLoad(keyEnter)
	b.checkAll("/partner/repair refused")
	kept := eval[string](b, "kept", `["#opener", "#doing", "#back", "#warm"].map(s => document.querySelector(s).value).join("|")`)
	if kept != "I'm not going anywhere.|going for a short walk|teatime|We'll work this out together." {
		t.Fatalf("after a refused time the form holds %q", kept)
	}
	if eval[string](b, "invalid", `document.querySelector("#back").getAttribute("aria-invalid") || ""`) != "true" {
		t.Fatal("the unreadable time is not marked invalid")
	}
	b.do("clear the time", chromedp.Evaluate[chromedp.Void](`document.querySelector("#back").value = ""`))
	b.tabTo("#back")
	b.press("23:59")
	b.tabTo(`form[action="/partner/repair"] button`)
	b.pressAndLoad(keyEnter)
	look("/partner/repair/message")
	msg := eval[string](b, "message", `document.querySelector("#repair-message").textContent`)
	if !strings.HasPrefix(msg, "I'm not going anywhere. I'm going for a short walk, and I'll be back ") ||
		!strings.Contains(msg, "at 23:59. We'll work this out together.") {
		t.Fatalf("the message reads %q", msg)
	}
	if eval[bool](b, "copy", `document.querySelector("[data-copy=repair-message]").hidden`) {
		t.Fatal("the copy button stays hidden with script on")
	}

	// Every other new page, then the baseline and help answers.
	for _, p := range []string{"/partner/boundaries", "/partner/boundaries/two-ways", "/partner/talk", "/partner/baseline", "/partner/help", "/settings"} {
		b.visit(p)
		look(p)
	}
	b.visit("/partner/baseline")
	b.do("tick two markers", click(`input[value="exhaustion"]`), click(`input[value="resentment"]`))
	b.submit(`form[action="/partner/baseline"] button`)
	look("/partner/baseline/result")
	if !strings.Contains(b.text(), "When to bring in help") {
		t.Fatal("two markers do not lead to when to bring in help")
	}
	b.visit("/partner/help")
	b.do("tick a safety sign", click(`input[value="afraid"]`))
	b.submit(`form[action="/partner/help"] button`)
	look("/partner/help")
	if !strings.Contains(b.text(), "Your safety comes first") {
		t.Fatal("a safety sign does not put safety first")
	}
	b.darkMode(true)
	for _, p := range []string{"/partner", "/partner/decoder/threat-to-leave", "/partner/repair/message", "/partner/boundaries/two-ways", "/partner/baseline/result"} {
		b.visit(p)
		look(p)
	}
	t.Logf("FIGURE partner axe: %d checks of the partner pages in Chromium at 390×844 (light and dark), 0 violations allowed", checked)
}
