package main

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// shownHidden lists the elements marked hidden that still take up room on
// the page: hidden must always hide (issue 12).
const shownHidden = `[...document.querySelectorAll("[hidden]")]
	.filter(e => !e.closest("template") && (getComputedStyle(e).display !== "none" || e.getClientRects().length > 0))
	.map(e => e.tagName.toLowerCase() + (e.className ? "." + e.className.split(" ").join(".") : "") +
		[...e.attributes].filter(a => a.name.startsWith("data-")).map(a => "[" + a.name + "]").join(""))`

// shown reports whether the element sel matches is on screen: it has a
// box, and neither it nor any parent is display:none.
func (b *browser) shown(sel string) bool {
	b.t.Helper()
	return eval[bool](b, "visible "+sel, `(() => { const e = document.querySelector(`+jsString(sel)+`);
		return !!e && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== "hidden"; })()`)
}

// noHiddenShown fails the test for every element marked hidden that shows.
func (b *browser) noHiddenShown(name string) {
	b.t.Helper()
	for _, e := range eval[[]string](b, "hidden shown", shownHidden) {
		b.t.Errorf("%s: %s is marked hidden but shows", name, e)
	}
}

func jsString(s string) string {
	out := []byte{'"'}
	for _, c := range []byte(s) {
		if c == '"' || c == '\\' {
			out = append(out, '\\')
		}
		out = append(out, c)
	}
	return string(append(out, '"'))
}

// TestHiddenHides: the controls a tool hides while it runs are gone from
// the screen, not only from the accessibility tree. Start breathing goes
// while the pacer runs; grounding has no Back on its first step, and
// neither Back nor Finish once it is done.
func TestHiddenHides(t *testing.T) {
	needBrowser(t)
	t.Parallel()
	app := startApp(t)
	b := newBrowser(t, app.URL, 390, 844)
	b.signUpIn("hidden-person")

	b.visit("/body/breathe/4-7-8")
	b.toolStage("tool")
	b.do("start", click("[data-pacer-start]"))
	b.waitJS("pacer running", `document.querySelector("[data-pacer]").dataset.running === "true"`, 5*time.Second)
	if b.shown("[data-pacer-start]") {
		t.Error("Start breathing shows while the pacer runs")
	}
	if !b.shown("[data-pacer-stop]") {
		t.Error("Stop does not show while the pacer runs")
	}
	b.noHiddenShown("pacer running")

	b.visit("/body/ground")
	b.toolStage("tool")
	if b.shown("[data-step-back]") {
		t.Error("grounding shows Back on its first step")
	}
	if !b.shown("[data-step-next]") {
		t.Error("grounding hides Next on its first step")
	}
	b.noHiddenShown("grounding, step one")
	for i := 0; i < 6; i++ {
		b.do("next step", click("[data-step-next]"))
	}
	if !eval[bool](b, "done", `document.querySelector("[data-stepper]").dataset.done === "true"`) {
		t.Fatal("grounding did not finish")
	}
	if b.shown("[data-step-back]") || b.shown("[data-step-next]") {
		t.Error("grounding shows Back or Finish after the end")
	}
	b.noHiddenShown("grounding, done")
}

// toolStage moves a tool page in stages (before, tool, after) on to the
// named stage with its Next button, the way a person does.
func (b *browser) toolStage(name string) {
	b.t.Helper()
	for i := 0; i < 5; i++ {
		if eval[string](b, "stage", `document.querySelector("form[data-stages]").dataset.at || ""`) == name {
			return
		}
		b.do("next stage", click("[data-stage-next]"))
	}
	b.t.Fatalf("the tool page never reached its %q stage", name)
}

// TestPacerInFirstViewport: on a 390×844 phone, when the flow's breathing
// step starts, the pacer's circle (at its largest) lies wholly inside the
// first viewport, with nothing scrolled and the thumb bar not over it.
func TestPacerInFirstViewport(t *testing.T) {
	needBrowser(t)
	t.Parallel()
	app := startApp(t)
	b := newBrowser(t, app.URL, 390, 844)
	b.do("phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateTouch))
	b.signUpIn("pacer-person")
	b.visit("/sos")
	b.waitJS("flow ready", `document.querySelector("[data-sos]").dataset.ready === "true"`, 10*time.Second)
	b.noHiddenShown("sos, step one")
	b.screenshot("flow-1-before")
	b.do("tap 7", tap("[data-sos-step=before] input[value='7']"))
	b.do("tap next", tap("[data-sos-step=before] [data-sos-nav=next]"))
	b.screenshot("flow-2-calm")
	b.do("tap breathe", tap("input[data-calm=breathe]"))
	b.waitJS("pacer running", `document.querySelector("[data-calm-panel=breathe] [data-pacer]").dataset.running === "true"`, 5*time.Second)
	type box struct{ Top, Bottom, Left, Right, Height, Width, ScrollY, NavTop float64 }
	at := eval[box](b, "pacer position", `(() => {
		const stage = document.querySelector("[data-calm-panel=breathe] .pacer-stage").getBoundingClientRect();
		const nav = document.querySelector("[data-sos-step=calm] .sos-nav").getBoundingClientRect();
		return {top: stage.top, bottom: stage.bottom, left: stage.left, right: stage.right,
			height: innerHeight, width: innerWidth, scrolly: scrollY, navtop: nav.top};
	})()`)
	t.Logf("FIGURE pacer: at 390×844 the circle's stage (its largest size) spans %.0f–%.0f px from the top and %.0f–%.0f px across, in a %.0f×%.0f viewport scrolled %.0f px; the thumb bar starts at %.0f px",
		at.Top, at.Bottom, at.Left, at.Right, at.Width, at.Height, at.ScrollY, at.NavTop)
	if at.ScrollY != 0 || at.Top < 0 || at.Left < 0 || at.Right > at.Width || at.Bottom > at.Height || at.Bottom > at.NavTop {
		t.Errorf("the pacer is not wholly inside the first viewport: %+v", at)
	}
	b.noHiddenShown("sos, breathing")
	b.check("sos, breathing at 390")
	b.screenshot("flow-3-breathe")
}

// thumbZone reports where the visible main button of the flow's current
// step lies: on screen, in the lower part a thumb reaches.
type thumbZone struct{ Top, Bottom, Height float64 }

func (b *browser) sosMainButton(step string) thumbZone {
	b.t.Helper()
	return eval[thumbZone](b, "main button of "+step, `(() => {
		const r = document.querySelector("[data-sos-step=`+step+`] [data-sos-nav=next]").getBoundingClientRect();
		return {top: r.top, bottom: r.bottom, height: innerHeight}; })()`)
}

// sosAt is the flow's step on screen, and the quiet dots' count and place.
type sosAt struct {
	Steps []string
	Dots  int
	Now   int
}

func (b *browser) sosAt() sosAt {
	b.t.Helper()
	return eval[sosAt](b, "flow step", `(() => {
		const shown = [...document.querySelectorAll("[data-sos-step]")].filter(s => !s.hidden).map(s => s.dataset.sosStep);
		const dots = [...document.querySelectorAll("[data-sos-progress] .dot")];
		return {steps: shown, dots: dots.length, now: dots.findIndex(d => d.classList.contains("now"))}; })()`)
}

// TestSOSOneThingAtATime: on a 390×844 phone, by touch, the flow's Name it
// is three screens (the word; why and where; one intensity scale), each with
// its main button in the thumb zone and quiet dots; the reassurance step has
// a star that marks a favourite without losing the flow's progress.
func TestSOSOneThingAtATime(t *testing.T) {
	needBrowser(t)
	t.Parallel()
	app := startApp(t)
	b := newBrowser(t, app.URL, 390, 844)
	b.do("phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateTouch))
	b.signUpIn("one-thing-person")
	b.visit("/sos")
	b.waitJS("flow ready", `document.querySelector("[data-sos]").dataset.ready === "true"`, 10*time.Second)
	b.do("tap 7", tap("[data-sos-step=before] input[value='7']"))
	b.do("tap next", tap("[data-sos-step=before] [data-sos-nav=next]"))
	b.do("skip calming", tap("[data-sos-step=calm] [data-sos-nav=skip]"))

	screen := func(step string, want, not []string) {
		t.Helper()
		at := b.sosAt()
		if len(at.Steps) != 1 || at.Steps[0] != step {
			t.Fatalf("on screen %v, want only %s", at.Steps, step)
		}
		btn := b.sosMainButton(step)
		t.Logf("FIGURE flow %s: dot %d of %d is current; the main button spans %.0f–%.0f px of %.0f", step, at.Now+1, at.Dots, btn.Top, btn.Bottom, btn.Height)
		if at.Dots != 8 || at.Now < 2 {
			t.Errorf("%s: dots %+v", step, at)
		}
		if btn.Bottom > btn.Height || btn.Top < btn.Height*0.6 {
			t.Errorf("%s: the main button is not in the thumb zone: %+v", step, btn)
		}
		for _, sel := range want {
			if !b.shown(sel) {
				t.Errorf("%s: %s is not on screen", step, sel)
			}
		}
		for _, sel := range not {
			if b.shown(sel) {
				t.Errorf("%s: %s shows on the wrong screen", step, sel)
			}
		}
		b.noHiddenShown("sos " + step)
		b.check("sos " + step + " at 390")
		b.screenshot("flow-" + step)
	}
	screen("name", []string{"#step-name", "input[name=region]"}, []string{"#because", "input[name=body]", "input[name=intensity]"})
	b.do("an area", tap("input[name=region][value=unpleasant-high]"))
	b.do("a word", tap("input[name=emotion][value=abandoned]"))
	b.do("next", tap("[data-sos-step=name] [data-sos-nav=next]"))
	screen("name-why", []string{"#because", "input[name=body]"}, []string{"input[name=region]", "input[name=intensity]"})
	b.do("because", fill("#because", "no reply since nine"))
	b.do("next", tap("[data-sos-step=name-why] [data-sos-nav=next]"))
	screen("name-strength", []string{"input[name=intensity]"}, []string{"#because", "input[name=region]"})
	if n := eval[int](b, "scales", `[...document.querySelectorAll("fieldset")].filter(f => f.getClientRects().length > 0 && f.querySelector("input[type=radio]")).length`); n != 1 {
		t.Errorf("%d rating scales on the how-strong screen, want one", n)
	}
	b.do("6", tap("[data-sos-step=name-strength] input[value='6']"))
	b.do("next", tap("[data-sos-step=name-strength] [data-sos-nav=next]"))

	// The star.
	at := b.sosAt()
	if len(at.Steps) != 1 || at.Steps[0] != "reassure" {
		t.Fatalf("on screen %v, want reassure", at.Steps)
	}
	id := eval[string](b, "statement", `document.querySelector("[data-sos-star]").value`)
	if !b.shown("[data-sos-star]") || id == "" || eval[string](b, "star", `document.querySelector("[data-sos-star]").dataset.favourite`) != "false" {
		t.Fatal("no empty star on the reassurance step")
	}
	b.check("sos reassure at 390")
	b.do("star", tap("[data-sos-star]"))
	b.waitJS("starred", `document.querySelector("[data-sos-star]").dataset.state === "saved"`, 10*time.Second)
	if got := eval[string](b, "star", `document.querySelector("[data-sos-star]").dataset.favourite + " " + document.querySelector("[data-sos-star] [data-star-words]").textContent`); got != "true Remove from favourites" {
		t.Errorf("after the star: %q", got)
	}
	if favs := eval[string](b, "favourites", `fetch("/api/v1/favourites").then(r => r.text())`); !strings.Contains(favs, id) {
		t.Errorf("the star did not mark %s a favourite: %s", id, favs)
	}
	at = b.sosAt()
	kept := eval[string](b, "kept", `document.querySelector("input[name=before]:checked").value + "|" + document.querySelector("#because").value + "|" + document.querySelector("input[name=emotion]:checked").value`)
	if len(at.Steps) != 1 || at.Steps[0] != "reassure" || kept != "7|no reply since nine|abandoned" || !strings.HasSuffix(b.location(), "/sos") {
		t.Errorf("the star lost the flow's progress: %v %q at %s", at.Steps, kept, b.location())
	}
	b.noHiddenShown("sos reassure, starred")
	b.check("sos reassure, starred, at 390")
	b.screenshot("flow-reassure-starred")
	b.do("show another", tap("[data-reassure-next]"))
	if got := eval[string](b, "next star", `document.querySelector("[data-sos-star]").dataset.favourite`); got != "false" {
		t.Errorf("the next statement's star is %q", got)
	}
	b.check("sos reassure, another, at 390")

	b.do("next", tap("[data-sos-step=reassure] [data-sos-nav=next]"))
	b.do("skip pause", tap("[data-sos-step=pause] [data-sos-nav=skip]"))
	b.do("3", tap("[data-sos-step=after] input[value='3']"))
	b.do("save", tap("[data-sos-save]"))
	b.waitJS("saved", `document.querySelector("[data-sos-result]").dataset.state === "saved"`, 10*time.Second)
	eps := b.episodes()
	if len(eps) != 1 || eps[0]["emotion"] != "abandoned" || eps[0]["because"] != "no reply since nine" || eps[0]["intensity"] != 6.0 || eps[0]["before"] != 7.0 {
		t.Fatalf("episode: %v", eps)
	}
}

// TestEndingAsksFirstInBrowser: at 390×844, Revoke and Sign out in
// Settings open a confirm page (axe clean); Keep it goes back with nothing
// ended; Yes ends it.
func TestEndingAsksFirstInBrowser(t *testing.T) {
	needBrowser(t)
	t.Parallel()
	app := startApp(t)
	b := newBrowser(t, app.URL, 390, 844)
	b.do("phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateTouch))
	b.signUpIn("ending-person")
	b.visit("/settings")
	b.do("token name", fill("#label", "phone app"))
	b.submit(`form[action="/settings/tokens"] button`)
	revoke := `form[action^="/settings/tokens/"] button`
	b.submit(revoke)
	if !strings.Contains(b.text(), "Revoke this token?") || !strings.Contains(b.text(), "phone app") {
		t.Fatalf("no confirm page for the token: %s", b.text())
	}
	b.noHiddenShown("revoke, confirm")
	b.check("revoke a token, confirm, at 390")
	b.screenshot("settings-revoke-confirm")
	b.submit(`a.button.quiet`) // Keep it
	if !b.shown(revoke) {
		t.Fatal("Keep it, and the token is gone")
	}
	b.submit(revoke)
	b.submit(`button.danger`)
	if b.shown(revoke) {
		t.Fatal("Yes, and the token is still there")
	}
	signOut := `form[action^="/settings/sessions/"] button`
	b.submit(signOut)
	if !strings.Contains(b.text(), "Sign out this browser?") || !strings.Contains(b.text(), "(this one)") {
		t.Fatalf("no confirm page for the session: %s", b.text())
	}
	b.check("sign out this browser, confirm, at 390")
	b.submit(`button.danger`)
	if !strings.HasSuffix(b.location(), "/signin") {
		t.Errorf("after signing this browser out: %s", b.location())
	}
}
