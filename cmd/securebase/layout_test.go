package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// Every page at a phone's widths, light and dark (issue 12): no sideways
// scroll, every tap target at least 44×44 px, axe-core at WCAG 2.1 AA with
// 0 violations, nothing marked hidden on screen. axe runs at 390 px, light
// and dark (axeWidth), not at 320: its rules (contrast, names, roles,
// landmarks) read the same markup and colours at both widths. What
// app.css changes below 360 px is the size of a few labels (.sos-now,
// .help-now, .brand: none of them large text at either width, so the
// contrast they need is the same), the word "now" of "Help now" hidden,
// and the columns of the answer scale. Sideways scroll, tap targets and
// hidden elements, which do depend on the width, are checked at both.
// axe at 320 as well took a quarter of CI's longest test (docs/design.md).
// The page walk
// (TestEveryPageInChromium) calls layout on each page it opens; the page
// is loaded once and re-laid out at each size and scheme.

type look struct {
	width int
	dark  bool
}

func (l look) String() string {
	if l.dark {
		return fmt.Sprintf("%d dark", l.width)
	}
	return fmt.Sprintf("%d light", l.width)
}

var looks = []look{{390, false}, {320, false}, {320, true}, {390, true}}

// axeWidth is the width at which layout runs axe-core, light and dark.
const axeWidth = 390

// tapTargets lists the controls smaller than 44×44 px. A radio or checkbox
// counts as its label (the label is what a finger presses); a link inside
// a sentence is exempt (WCAG 2.5.8's "inline" exception), and so is the
// skip link until it is focused.
const tapTargets = `(() => {
	const out = [], seen = new Set();
	for (const e of document.querySelectorAll("a[href], button, input:not([type=hidden]), select, textarea, summary")) {
		const t = e.matches("input[type=radio], input[type=checkbox]") ? (e.closest("label") || e) : e;
		if (seen.has(t)) continue;
		seen.add(t);
		if (t.closest("[hidden], .visually-hidden, .skip, template")) continue;
		const r = t.getBoundingClientRect(), cs = getComputedStyle(t);
		if (r.width === 0 && r.height === 0 || cs.visibility === "hidden") continue;
		if (t.tagName === "A" && cs.display === "inline") {
			const p = t.parentElement;
			if (p && [...p.childNodes].some(n => n !== t && n.nodeType === 3 && n.textContent.trim())) continue;
		}
		if (r.width < 43.5 || r.height < 43.5) {
			out.push(t.tagName.toLowerCase() + (t.className ? "." + String(t.className).trim().split(/\s+/).join(".") : "") +
				(t.getAttribute("href") ? "[href=" + t.getAttribute("href") + "]" : "") + " \"" + (t.innerText || t.value || "").trim().slice(0, 30) + "\" " +
				Math.round(r.width) + "×" + Math.round(r.height));
		}
	}
	return out;
})()`

const sideways = `(() => { const d = document.documentElement; return d.scrollWidth > d.clientWidth + 1 ?
	d.scrollWidth + " px wide in " + d.clientWidth + ": " + [...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > d.clientWidth + 1 &&
		![...e.children].some(c => c.getBoundingClientRect().right > d.clientWidth + 1) && getComputedStyle(e).position !== "fixed" && !e.closest(".tabbar"))
		.slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className ? "." + String(e.className).split(" ")[0] : "")).join(", ") : ""; })()`

// setLook lays the current page out at l's width (844 px high, a phone)
// in its colour scheme.
func (b *browser) setLook(l look) {
	b.t.Helper()
	scheme := "light"
	if l.dark {
		scheme = "dark"
	}
	b.do("look "+l.String(), chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tg, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
			Width: int64(l.width), Height: 844, DeviceScaleFactor: 1, Mobile: true}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}})
		return err
	}))
}

// axeAA runs axe-core's WCAG 2.0/2.1 A and AA rules on the current page.
func (b *browser) axeAA() []string {
	b.t.Helper()
	raw := get(b, "run axe", chromedp.Evaluate[string](`(window.axe ? Promise.resolve() : Promise.resolve(eval(window.__axeSrc))).then(() =>
		axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}))
		.then(r => JSON.stringify(r.violations.map(v => v.id + " (" + v.impact + "): " + v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", "))))`,
		chromedp.EvalAwaitPromise))
	var out []string
	if err := json.Unmarshal([]byte(raw), &out); err != nil {
		b.t.Fatalf("axe: %v", err)
	}
	return out
}

// layoutResult is one page's results at every look, for the report.
type layoutResult struct {
	page     string
	problems map[string][]string // look → problems
}

// layout checks the current page at every look and leaves it at 390 light.
func (w *pageWalk) layout(path, who string) {
	t, b := w.t, w.b
	b.do("load axe", chromedp.Evaluate[chromedp.Void](b.axe))
	res := layoutResult{page: fmt.Sprintf("%s (%s)", path, who), problems: map[string][]string{}}
	for _, l := range looks {
		b.setLook(l)
		var ps []string
		if s := eval[string](b, "sideways", sideways); s != "" {
			ps = append(ps, "sideways scroll: "+s)
			w.counts["sideways"]++
		}
		for _, small := range eval[[]string](b, "tap targets", tapTargets) {
			ps = append(ps, "tap target under 44×44: "+small)
			w.counts["targets"]++
		}
		if l.width == axeWidth {
			for _, v := range b.axeAA() {
				ps = append(ps, "axe: "+v)
				w.counts["axe"]++
			}
		}
		for _, h := range eval[[]string](b, "hidden shown", shownHidden) {
			ps = append(ps, "marked hidden but shown: "+h)
			w.counts["hidden"]++
		}
		for _, p := range ps {
			t.Errorf("%s at %s: %s", res.page, l, p)
		}
		res.problems[l.String()] = ps
		if dir := os.Getenv("SCREENSHOT_DIR"); dir != "" && !l.dark {
			// The first screen, as a phone shows it (the tab bar in place).
			png := get(b, "screenshot", chromedp.CaptureScreenshot())
			name := strings.NewReplacer("/", "_", "?", "_", "=", "-", " ", "", "(", "", ")", "").Replace(res.page)
			_ = os.WriteFile(filepath.Join(dir, fmt.Sprintf("phone-%d%s.png", l.width, name)), png, 0o644)
		}
	}
	b.setLook(looks[0])
	if dir := os.Getenv("SCREENSHOT_DIR"); dir != "" {
		b.do("desktop", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
				Width: 1280, Height: 900, DeviceScaleFactor: 1, Mobile: false})
			return err
		}))
		png := get(b, "screenshot", chromedp.FullScreenshot(100))
		name := strings.NewReplacer("/", "_", "?", "_", "=", "-", " ", "", "(", "", ")", "").Replace(res.page)
		_ = os.WriteFile(filepath.Join(dir, "desktop"+name+".png"), png, 0o644)
	}
	b.setLook(looks[0])
	w.layouts = append(w.layouts, res)
}

// layoutReport logs one line per page: every look and what it found.
func (w *pageWalk) layoutReport() {
	sort.Slice(w.layouts, func(i, j int) bool { return w.layouts[i].page < w.layouts[j].page })
	clean := 0
	for _, r := range w.layouts {
		var parts []string
		bad := false
		for _, l := range looks {
			n := len(r.problems[l.String()])
			if n > 0 {
				bad = true
			}
			parts = append(parts, fmt.Sprintf("%s %d", l, n))
		}
		if !bad {
			clean++
		}
		w.t.Logf("LAYOUT %s: problems at %s", r.page, strings.Join(parts, ", "))
	}
	w.t.Logf("FIGURE layout: %d pages × %d looks (320 and 390 px, light and dark): %d pages clean; %d sideways scrolls, %d tap targets under 44×44, %d axe violations (axe at 390 px, light and dark), %d hidden elements shown",
		len(w.layouts), len(looks), clean, w.counts["sideways"], w.counts["targets"], w.counts["axe"], w.counts["hidden"])
}
