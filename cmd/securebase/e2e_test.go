package main

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestEndToEnd is a person's first weeks, in a real browser: sign up, keep
// the recovery key, check in, sign out and in, export, reset the password
// with the recovery key, and delete the account. Every page is checked
// with axe-core, for CSP violations and for requests off this machine.
func TestEndToEnd(t *testing.T) {
	needBrowser(t)
	t.Parallel()
	start := time.Now()
	app := startApp(t)
	b := newBrowser(t, app.URL, 390, 844) // a phone
	const name, password, note = "e2e-person", "a quiet walk by the sea", "no reply since nine; breathing helped"

	b.visit("/")
	b.visit("/help")
	b.visit("/help?country=GB")
	b.visit("/no-such-page")
	b.visit("/signup")
	b.do("sign up", fill("#username", name), fill("#password", password))
	b.submit("form[action='/signup'] button:not(.pw-toggle)")
	b.check("recovery key page")
	key := get(b, "read key", chromedp.Text(chromedp.CSS(".recovery-key code")))
	if !regexp.MustCompile(`^[0-9A-Z]{4}(-[0-9A-Z]{4}){7}$`).MatchString(key) {
		t.Fatalf("recovery key %q", key)
	}
	b.submit("a.button[href='/welcome']")
	// Onboarding: three short screens, the country on the second.
	if loc := b.location(); loc != "/welcome" {
		t.Fatalf("after the key: %s", loc)
	}
	b.check("welcome 1")
	b.submit("[data-welcome-next]")
	b.check("welcome 2")
	b.do("choose GB", chromedp.SetValue(chromedp.CSS("#welcome-country"), "GB"))
	b.submit("form[action='/country'] button")
	if loc := b.location(); loc != "/welcome?step=3" {
		t.Fatalf("after choosing a country: %s", loc)
	}
	if txt := b.visible("header .lines-strip"); !strings.Contains(txt, "Samaritans") {
		t.Errorf("after choosing GB the strip shows %q", txt)
	}
	b.check("welcome 3")
	b.submit("[data-welcome-next]")
	if loc := b.location(); loc != "/today" {
		t.Fatalf("after onboarding: %s", loc)
	}
	b.check("today, empty")

	b.do("check in", click("input[name=distress][value='6']"), fill("#note", note))
	b.submit("form[action='/checkins'] button")
	if txt := b.text(); !strings.Contains(txt, note) || !strings.Contains(txt, "Distress 6 of 10") {
		t.Fatalf("Today after checking in:\n%s", txt)
	}
	b.check("today with a check-in")
	edit := get(b, "find edit link", chromedp.AttributeValue(chromedp.CSS(".entry a"), "href"))
	b.visit(edit.Value)
	b.visit("/settings")
	b.visit("/body")
	b.visit("/more")

	b.submit("footer form[action='/signout'] button")
	if loc := b.location(); !strings.HasPrefix(loc, "/signin") {
		t.Fatalf("after sign out: %s", loc)
	}
	b.check("signed out")
	b.do("sign in", fill("#username", name), fill("#password", password))
	b.submit("form[action='/signin'] button:not(.pw-toggle)")
	if txt := b.text(); !strings.Contains(txt, note) {
		t.Fatalf("after sign in, the check-in is missing:\n%s", txt)
	}

	export := get(b, "export", chromedp.Evaluate[string](`fetch("/settings/export.json").then(r => r.text())`, chromedp.EvalAwaitPromise))
	if !strings.Contains(export, note) || !strings.Contains(export, `"securebase-export"`) {
		t.Fatalf("export: %s", export)
	}

	b.submit("footer form[action='/signout'] button")
	b.visit("/reset")
	b.do("reset", fill("#username", name), fill("#recovery_key", strings.ToLower(key)), fill("#password", "a new password after the storm"))
	b.submit("form[action='/reset'] button:not(.pw-toggle)")
	if txt := b.text(); !strings.Contains(txt, note) {
		t.Fatalf("after reset, the check-in is missing:\n%s", txt)
	}
	b.check("today after reset")

	b.visit("/settings/delete")
	b.do("confirm", fill("#password", "a new password after the storm"))
	b.submit("form[action='/settings/delete'] button.danger")
	if txt := b.text(); !strings.Contains(txt, "deleted") {
		t.Fatalf("after delete:\n%s", txt)
	}
	b.check("deleted")
	b.visit("/signin")
	b.do("sign in to a deleted account", fill("#username", name), fill("#password", "a new password after the storm"))
	b.submit("form[action='/signin'] button:not(.pw-toggle)")
	if txt := b.text(); !strings.Contains(txt, "don't match") {
		t.Fatalf("a deleted account signed in:\n%s", txt)
	}
	t.Logf("browser: %s in %v", b.stats(), time.Since(start))
}
