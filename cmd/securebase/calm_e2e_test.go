package main

import (
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
