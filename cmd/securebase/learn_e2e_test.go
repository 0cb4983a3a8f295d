package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/securebase/securebase/content"
)

// TestLearnInBrowser opens every Learn page on a phone-sized screen,
// signed out and signed in, light and dark, and checks each with axe-core
// (0 violations), for CSP violations, requests off this machine and
// sideways scrolling. Then it marks a lesson read, sees the mark on the
// Learn page, forgets it, and reads a lesson with the network and the
// server gone.
func TestLearnInBrowser(t *testing.T) {
	needBrowser(t)
	t.Parallel()
	lib, err := content.Load(func(string) bool { return true })
	if err != nil {
		t.Fatal(err)
	}
	app := startApp(t)
	b := newBrowser(t, app.URL, 390, 844)
	noSideways := func(path string) {
		t.Helper()
		if eval[bool](b, "width", `document.documentElement.scrollWidth > window.innerWidth`) {
			t.Errorf("%s scrolls sideways at 390 px", path)
		}
	}
	checked := 0
	for _, p := range []string{"/learn", "/learn/faq", "/learn/" + lib.Lessons()[0].Slug} {
		b.visit(p) // signed out: the lessons are public
		noSideways(p)
		checked++
	}
	b.signUpIn("learn-person")
	for _, p := range lib.Paths() {
		b.visit(p)
		noSideways(p)
		checked++
	}
	b.do("dark mode", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}}})
		return err
	}))
	for _, p := range []string{"/learn", "/learn/faq", "/learn/partner-boundaries"} {
		b.visit(p)
		checked++
	}
	t.Logf("FIGURE learn axe: %d Learn pages checked in Chromium at 390×844 (signed out, signed in, dark), 0 violations allowed", checked)

	// Read marks: kept in this browser, shown on the Learn page.
	slug := "nervous-system"
	b.visit("/learn")
	if txt := b.text(); !strings.Contains(txt, "You have read 0 of") || !strings.Contains(txt, "Not read yet") {
		t.Fatalf("no read marks on /learn:\n%s", txt)
	}
	b.visit("/learn/" + slug)
	b.do("mark read", click("[data-learn-read]"))
	b.check("lesson marked read")
	b.visit("/learn")
	state := eval[string](b, "state", `document.querySelector('[data-read-state="`+slug+`"]').textContent`)
	if !strings.Contains(state, "Read") || strings.Contains(state, "Not") {
		t.Fatalf("after marking %s read, the list says %q", slug, state)
	}
	if txt := b.text(); !strings.Contains(txt, "You have read 1 of") {
		t.Fatalf("the count did not move:\n%s", txt)
	}
	stored := eval[string](b, "storage", `localStorage.getItem("sb-learn-read:learn-person") || ""`)
	if stored != `["`+slug+`"]` {
		t.Fatalf("local storage holds %q", stored)
	}
	b.do("forget", click("[data-learn-forget]"))
	if txt := b.text(); !strings.Contains(txt, "You have read 0 of") {
		t.Fatalf("forgetting did not clear the marks:\n%s", txt)
	}
	if eval[bool](b, "cleared", `localStorage.getItem("sb-learn-read:learn-person") !== null`) {
		t.Fatal("forgetting left the marks in storage")
	}

	// Offline: the worker keeps every lesson once the app is warm.
	b.do("forget the warm mark", chromedp.Evaluate[chromedp.Void](`localStorage.removeItem("sb-warm")`))
	b.visit("/body")
	b.waitJS("offline copies", `document.documentElement.dataset.offlineReady === "true"`, 60*time.Second)
	b.offline(true)
	app.stop()
	for _, l := range []content.Lesson{lib.Lessons()[0], lib.Lessons()[len(lib.Lessons())-1]} {
		b.visit("/learn/" + l.Slug)
		if txt := b.text(); !strings.Contains(txt, l.PracticeLabel) {
			t.Fatalf("offline, /learn/%s is not there:\n%s", l.Slug, txt)
		}
	}
	b.visit("/learn")
	if txt := b.text(); !strings.Contains(txt, lib.Lessons()[1].Title) {
		t.Fatalf("offline, /learn is not there:\n%s", txt)
	}
}
