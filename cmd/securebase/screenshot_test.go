package main

import (
	"os"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestScreenshot refreshes the README's screenshot of a real page. It runs
// only when asked: UPDATE_SCREENSHOT=1 go test -run TestScreenshot ./cmd/securebase
func TestScreenshot(t *testing.T) {
	if os.Getenv("UPDATE_SCREENSHOT") == "" {
		t.Skip("set UPDATE_SCREENSHOT=1 to refresh docs/screenshot-today.png")
	}
	app := startApp(t)
	b := newBrowser(t, app.URL, 390, 844)
	b.do("phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile))
	b.visit("/signup")
	b.do("sign up", fill("#username", "river"), fill("#password", "slow breath by the window"))
	b.submit("form[action='/signup'] button:not(.pw-toggle)")
	b.submit("a.button[href='/welcome']")
	b.submit("[data-welcome-skip]")
	for _, c := range []struct{ d, note string }{
		{"7", "No reply since nine. Chest tight, phone in my hand."},
		{"4", "Did the 4-7-8 breathing twice. Put the phone in the other room."},
	} {
		b.do("check in", click("input[name=distress][value='"+c.d+"']"), fill("#note", c.note))
		b.submit("form[action='/checkins'] button")
	}
	b.visit("/today")
	png := get(b, "screenshot", chromedp.CaptureScreenshot()) // the first screen, as a phone shows it
	if err := os.WriteFile("../../docs/screenshot-today.png", png, 0o644); err != nil {
		t.Fatal(err)
	}
}
