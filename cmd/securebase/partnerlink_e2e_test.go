package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestPartnerLinkInBrowser links two accounts in two browsers at
// 390×844, as two people would: one makes a code, the other enters it;
// a signal sent by one appears on the other's open page without a
// reload (the time from send to shown is the figure); an unlink by one
// turns the other's open page to "not linked". Axe runs on every state
// of /partner/link. Synchronised on the DOM, never on sleeps.
func TestPartnerLinkInBrowser(t *testing.T) {
	needBrowser(t)
	t.Parallel()
	app := startApp(t)
	one := newBrowser(t, app.URL, 390, 844)
	two := newBrowser(t, app.URL, 390, 844)
	look := func(b *browser, name string) {
		t.Helper()
		b.checkAll(name)
		if eval[bool](b, "width", `document.documentElement.scrollWidth > window.innerWidth`) {
			t.Errorf("%s scrolls sideways at 390 px", name)
		}
	}
	one.signUpIn("linking-one")
	two.signUpIn("linking-two")

	// One makes a code with their password.
	one.visit("/partner/link")
	look(one, "/partner/link (not linked)")
	one.do("type the password", fill("#password", "a quiet walk by the sea"))
	one.submit(`form[action="/partner/link/code"] button:not(.pw-toggle)`)
	look(one, "/partner/link (a code made)")
	code := eval[string](one, "read the code", `document.querySelector("#invite-code").textContent`)
	if len(code) != 11 {
		t.Fatalf("the code reads %q", code)
	}

	// The other enters it as typed by hand, with their own password.
	two.visit("/partner/link")
	// "Not now" weighs the same as "Link accounts": the same size, fill
	// and type, side by side (docs/partner-safety.md, 2.4).
	if same := eval[string](two, "Not now's weight", `(() => {
		const yes = document.querySelector('form[action="/partner/link/accept"] button:not(.pw-toggle)');
		const no = [...document.querySelectorAll("a, button")].find(el => el.textContent.trim() === "Not now");
		if (!yes || !no) return "missing";
		const a = yes.getBoundingClientRect(), b = no.getBoundingClientRect(), sa = getComputedStyle(yes), sb = getComputedStyle(no);
		for (const p of ["font-size", "font-weight", "background-color", "color", "border-top-width", "border-top-color", "border-radius", "text-decoration-line"])
			if (sa.getPropertyValue(p) !== sb.getPropertyValue(p)) return p + ": " + sa.getPropertyValue(p) + " / " + sb.getPropertyValue(p);
		if (Math.abs(a.height - b.height) > 0.5) return "height " + a.height + " / " + b.height;
		if (Math.abs(a.top - b.top) > 0.5) return "not side by side";
		return "";
	})()`); same != "" {
		t.Errorf("\"Not now\" does not weigh the same as \"Link accounts\": %s", same)
	}
	two.do("type the code", fill("#code", strings.ToLower(strings.ReplaceAll(code, "-", " "))), fill("#accept-password", "a quiet walk by the sea"))
	two.submit(`form[action="/partner/link/accept"] button:not(.pw-toggle)`)
	if two.location() != "/partner/link" || !strings.Contains(two.text(), "Send a signal") {
		t.Fatalf("after entering the code: %s\n%s", two.location(), two.text())
	}

	// One's page is open; a marker on it shows it is never reloaded.
	one.visit("/partner/link")
	one.do("mark the page", chromedp.Evaluate[chromedp.Void](`window.__open = true`))
	if one.text() == "" || !strings.Contains(one.text(), "Safety number") {
		t.Fatal("one's page does not show the link")
	}

	// Two sends a signal; the time runs from the tap to the signal shown
	// on one's open page.
	two.do("choose a signal", click(`input[value="need-space"]`), fill("#words", "back after my walk"))
	sent := time.Now()
	two.submit(`form[action="/partner/link/signal"] button`)
	one.waitJS("the signal on the open page", `(() => { const li = document.querySelector("#signals li");
		return !!li && li.textContent.includes("I need a little space") && li.textContent.includes("back after my walk") })()`, 20*time.Second)
	shown := time.Since(sent)
	if !eval[bool](one, "still the same page", `window.__open === true`) {
		t.Fatal("the page reloaded to show the signal")
	}
	look(one, "/partner/link (a signal shown)")
	look(two, "/partner/link (a signal sent)")
	one.visit("/partner")
	if !strings.Contains(one.text(), "back after my walk") {
		t.Fatal("the partner home of someone linked does not show the signal")
	}
	look(one, "/partner (linked, a signal)")
	one.visit("/partner/link")

	// One mutes signals for a while, then turns them back on.
	one.submit(`form[action="/partner/link/mute"] button[value="hours"]`)
	if !strings.Contains(one.text(), "Signals are muted") {
		t.Fatalf("after muting: %s", one.text())
	}
	look(one, "/partner/link (muted)")
	one.submit(`form[action="/partner/link/mute"] button[value="off"]`)
	if !strings.Contains(one.text(), "Mute signals") {
		t.Fatalf("after turning signals back on: %s", one.text())
	}

	// One unlinks, alone; two's open page turns to "not linked".
	two.do("mark the page", chromedp.Evaluate[chromedp.Void](`window.__open = true`))
	unlinked := time.Now()
	one.submit(`form[action="/partner/unlink"] button`)
	two.waitAcross("two's page not linked", `!!document.querySelector('form[action="/partner/link/code"]') && !document.querySelector("#signals")`, 20*time.Second)
	gone := time.Since(unlinked)
	if strings.Contains(two.text(), "back after my walk") {
		t.Fatal("the signal is still shown after the unlink")
	}
	look(two, "/partner/link (after the other unlinked)")
	one.darkMode(true)
	one.visit("/partner/link")
	look(one, "/partner/link (dark)")
	t.Logf("FIGURE partner link: a signal sent to shown on the other's open page in %v (polling every 2 s, no reload); an unlink reached the other's open page in %v; axe (WCAG 2.2 AA) 0 violations on 7 states of /partner/link (muted among them) and the linked partner home at 390×844, and in dark mode",
		shown.Round(time.Millisecond), gone.Round(time.Millisecond))
}

// waitAcross polls until a JavaScript expression is true, across a
// navigation of the page (which ends one poll; the next starts on the new
// document).
func (b *browser) waitAcross(what, js string, limit time.Duration) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, limit)
	defer cancel()
	for {
		_, err := chromedp.Run(ctx, chromedp.Poll[bool](js, chromedp.WithPollingInterval(20*time.Millisecond)))
		if err == nil {
			return
		}
		if ctx.Err() != nil {
			b.t.Fatalf("waiting for %s: %v", what, err)
		}
		// The page navigated: wait for the new document, then poll again.
		_, _ = chromedp.Run(ctx, chromedp.WaitReady(chromedp.CSS("body")))
	}
}
