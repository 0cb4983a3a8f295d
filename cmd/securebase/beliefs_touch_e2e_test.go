package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/securebase/securebase/belief"
)

// TestBeliefsByTouch walks the Beliefs pillar (issue 13) on a phone
// (390×844, touch) where the keyboard walk does not go: an own belief, the
// inquiry's four questions and its re-rating one screen at a time with the
// belief always in view, a suggested script starred, and a letter to one's
// younger self stopped, kept as a draft, picked up and finished through
// the room for grief. axe-core checks every screen (0 violations).
func TestBeliefsByTouch(t *testing.T) {
	needBrowser(t)
	t.Parallel()
	app := startApp(t)
	b := newBrowser(t, app.URL, 390, 844)
	b.do("phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateTouch))
	b.signUpIn("belief-toucher")
	start := time.Now()
	checked, taps := 0, 0
	check := func(name string) { t.Helper(); b.check(name); checked++ }
	tapLoad := func(what, sel string) {
		t.Helper()
		taps++
		b.do(what, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := chromedp.WaitEvent(pageLoad, nil, tap(sel))(ctx, tg)
			return err
		}))
	}
	oneScreen := func(where, belief string) {
		t.Helper()
		if n := eval[int](b, "questions", `document.querySelectorAll("main form textarea, main form input[type=number]").length`); n != 1 {
			t.Errorf("%s shows %d questions at once on a phone", where, n)
		}
		if belief != "" && !strings.Contains(b.text(), belief) {
			t.Errorf("%s: the belief %q is out of view:\n%s", where, belief, b.text())
		}
	}

	// An own belief, written and rated by touch.
	b.visit("/beliefs")
	checked++
	tapLoad("add a belief", `main a[href="/beliefs/core"]`)
	check("/beliefs/core")
	tapLoad("own belief", `main a[href="/beliefs/core?belief=own"]`)
	check("/beliefs/core?belief=own")
	b.do("the words", fill("#text", "I ruin good things."), fill("#rating", "70"))
	tapLoad("save the belief", `form[action="/beliefs/ratings"] button`)
	if txt := b.text(); !strings.Contains(txt, "I ruin good things.") {
		t.Fatalf("the own belief is not on the tab:\n%s", txt)
	}

	// The inquiry: four questions, one per screen, then the re-rating.
	leave, err := belief.WoundByID("people-leave")
	if err != nil {
		t.Fatal(err)
	}
	b.visit("/beliefs/inquiry")
	checked++
	tapLoad("choose the belief", `main a[href="/beliefs/inquiry?belief=people-leave"]`)
	questions := belief.Questions()
	for i, q := range questions {
		name := "inquiry, " + q.ID
		check(name)
		oneScreen(name, leave.Belief)
		if h1 := eval[string](b, "heading", `document.querySelector("main h1").textContent`); h1 != q.Question {
			t.Errorf("%s: the heading is %q, want %q", name, h1, q.Question)
		}
		b.do("answer", fill("#answer", "answer "+q.ID))
		tapLoad("next", `button[value="next"]`)
		if i == 0 && !eval[bool](b, "carried", `document.querySelector('input[type=hidden][name=learned]').value === "answer learned"`) {
			t.Error("the first answer is not carried to the second screen")
		}
	}
	check("inquiry, re-rating")
	oneScreen("inquiry, re-rating", leave.Belief)
	b.do("re-rate", fill("#rating", "35"))
	tapLoad("save the inquiry", `button[value="save"]`)
	if loc := b.location(); loc != "/beliefs" {
		t.Fatalf("after the inquiry the page is %s", loc)
	}
	if txt := b.text(); !strings.Contains(txt, "Latest: 35 out of 100") {
		t.Fatalf("the inquiry's re-rating is not on the tab:\n%s", txt)
	}
	saved := eval[string](b, "read the inquiry", `fetch("/api/v1/inquiries").then(r => r.text())`)
	for _, want := range []string{`"learned":"answer learned"`, `"voice":"answer voice"`, `"cost":"answer cost"`, `"true_or_familiar":"answer true-or-familiar"`, `"rating":35`} {
		if !strings.Contains(saved, want) {
			t.Errorf("the saved inquiry lacks %s: %s", want, saved)
		}
	}

	// A suggested script, starred by touch.
	b.visit("/beliefs/scripts")
	checked++
	taps++
	b.do("open the wound's pairs", tap(`details:has(#s-people-leave-2) > summary`))
	check("scripts, one wound open")
	tapLoad("star a suggested pair", `#s-people-leave-2 button`)
	check("scripts, one starred")
	if !eval[bool](b, "kept", `document.querySelector("#s-people-leave-2").textContent.includes("In your scripts.")`) {
		t.Fatalf("the starred pair is not kept:\n%s", b.text())
	}

	// The letter: begin, write, stop and keep the draft; pick it up and
	// finish it through the room for grief.
	b.visit("/beliefs/inner-child")
	checked++
	caution := func(where string) {
		t.Helper()
		if !eval[bool](b, "help in reach", `!!document.querySelector('main a[href="/sos"]') && !!document.querySelector('main a[href="/help/more"]')`) {
			t.Errorf("%s: \"I'm activated\" or \"When to get more help\" is not one tap away", where)
		}
	}
	caution("letter, start")
	tapLoad("begin", `button[value="next"]`)
	check("letter, validate")
	caution("letter, validate")
	oneScreen("letter, validate", "")
	b.do("write", fill("#part", "You were scared, and that made sense."))
	tapLoad("stop", `button[value="stop"]`)
	if loc := b.location(); loc != "/beliefs" {
		t.Fatalf("after stopping, the page is %s", loc)
	}
	b.visit("/beliefs/inner-child")
	checked++
	tapLoad("open the draft", `main a[href^="/beliefs/inner-child?draft="]`)
	check("letter, draft opened")
	if !eval[bool](b, "draft kept", `document.body.innerHTML.includes("You were scared, and that made sense.")`) {
		t.Fatal("the draft lost its words")
	}
	for step := 0; !eval[bool](b, "last?", `!!document.querySelector('button[value="finish"]')`); step++ {
		if step == 6 {
			t.Fatal("the letter never reaches its last screen")
		}
		name := eval[string](b, "heading", `document.querySelector("main h1").textContent`)
		tapLoad("next from "+name, `button[value="next"]`)
		check("letter, after " + name)
		caution("letter, after " + name)
	}
	if !strings.Contains(b.text(), "Room for grief") {
		t.Fatalf("the letter has no room for grief:\n%s", b.text())
	}
	b.do("grief", fill("#grief", "I missed being held when I cried."))
	tapLoad("finish", `button[value="finish"]`)
	letters := eval[string](b, "read the letters", `fetch("/api/v1/letters").then(r => r.text())`)
	if !strings.Contains(letters, `"finished":true`) || !strings.Contains(letters, "I missed being held") || !strings.Contains(letters, "You were scared") || strings.Count(letters, `"id"`) != 1 {
		t.Errorf("the finished letter: %s", letters)
	}
	t.Logf("FIGURE beliefs touch: %d taps, %d screens checked by axe at 390×844 (touch), 0 violations allowed, in %v, %s",
		taps, checked, time.Since(start).Round(time.Millisecond), b.stats())
}
