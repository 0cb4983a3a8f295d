package main

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// TestPasswordFieldHelpers: a person can see what they typed (ASVS
// 2.1.12) and gets a strength hint while choosing a password (2.1.8).
func TestPasswordFieldHelpers(t *testing.T) {
	needBrowser(t)
	t.Parallel()
	app := startApp(t)
	b := newBrowser(t, app.URL, 390, 844)
	b.visit("/signup")
	b.do("type", fill("#password", "short"))
	if hint := get(b, "hint", chromedp.Text(chromedp.CSS("#password-strength"))); hint != "Too short: use at least 8 characters." {
		t.Fatalf("hint for 5 characters: %q", hint)
	}
	b.do("type more", fill("#password", "a long walk by the sea at dusk"))
	if hint := get(b, "hint", chromedp.Text(chromedp.CSS("#password-strength"))); hint != "Strong." {
		t.Fatalf("hint for 30 characters: %q", hint)
	}
	b.do("show", click(".pw-toggle"))
	if typ := get(b, "type", chromedp.Evaluate[string](`document.querySelector("#password").type`)); typ != "text" {
		t.Fatalf("after Show password the field is %q", typ)
	}
	if pressed := get(b, "pressed", chromedp.Evaluate[string](`document.querySelector(".pw-toggle").getAttribute("aria-pressed")`)); pressed != "true" {
		t.Fatalf("aria-pressed %q", pressed)
	}
	b.check("sign-up with the password shown")
	b.do("hide", click(".pw-toggle"))
	if typ := get(b, "type", chromedp.Evaluate[string](`document.querySelector("#password").type`)); typ != "password" {
		t.Fatalf("after Hide password the field is %q", typ)
	}
	b.visit("/signin")
	if n := get(b, "count", chromedp.Evaluate[int](`document.querySelectorAll(".pw-strength").length`)); n != 0 {
		t.Fatalf("the sign-in page shows a strength hint")
	}
}
