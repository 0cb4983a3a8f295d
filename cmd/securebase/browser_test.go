package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/securebase/securebase/internal/testenv"
)

// chromiumPath is Debian's Chromium. Tests never download a browser.
const chromiumPath = "/usr/bin/chromium"

// axePath is axe-core from npm (package.json), test-only.
const axePath = "../../node_modules/axe-core/axe.min.js"

// skipBrowserEnv lets a person run the suite without a browser on purpose.
const skipBrowserEnv = "SECUREBASE_SKIP_BROWSER"

// needBrowser returns the axe-core source. Without Chromium or axe-core
// the test fails and says what to install: a missing browser must never
// pass quietly. SECUREBASE_SKIP_BROWSER=1 skips the browser tests on
// purpose instead, except under CI=true, where nothing may skip.
func needBrowser(t *testing.T) string {
	t.Helper()
	var missing []string
	if _, err := os.Stat(chromiumPath); err != nil {
		missing = append(missing, chromiumPath+" (apt-get install chromium)")
	}
	axe, err := os.ReadFile(axePath)
	if err != nil {
		missing = append(missing, "node_modules/axe-core (npm ci)")
	}
	if len(missing) > 0 {
		reason := "the browser tests need " + strings.Join(missing, " and ")
		if os.Getenv(skipBrowserEnv) == "1" {
			testenv.Skip(t, reason+"; skipped on purpose ("+skipBrowserEnv+"=1)")
		}
		t.Fatalf("%s. Install them (README, Tests), or set %s=1 to run the other tests without the browser.", reason, skipBrowserEnv)
	}
	return string(axe)
}

// browser drives one headless Chromium and watches everything it does:
// every request must go to loopback, no page may break its CSP or throw,
// and every page checked must pass axe-core at WCAG 2.1 AA.
type browser struct {
	t    *testing.T
	ctx  context.Context
	base string
	axe  string

	mu       sync.Mutex
	problems []string
	requests int
	bytes    float64
}

// csprecorder collects CSP violations in the page itself; DevTools adds
// it to every document before the page's own scripts run.
const cspRecorder = `window.__csp = [];
document.addEventListener("securitypolicyviolation", e => window.__csp.push(e.violatedDirective + " " + e.blockedURI));`

func newBrowser(t *testing.T, base string, width, height int) *browser {
	axe := needBrowser(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.UserDataDir(filepath.Join(t.TempDir(), "chromium")),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.WindowSize(width, height),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelCtx(); cancelAlloc() })
	b := &browser{t: t, ctx: ctx, base: base, axe: axe}
	if err := chromedp.Do(ctx); err != nil { // starts the browser, with no timeout
		t.Fatalf("start Chromium: %v", err)
	}
	if err := chromedp.Listen(ctx, b.listen); err != nil {
		t.Fatal(err)
	}
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tg, network.Enable, network.EnableParams{}); err != nil {
			return err
		}
		if _, err := cdp.Call(ctx, tg, log.Enable, cdp.Empty{}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: cspRecorder})
		return err
	}))
	if err != nil {
		t.Fatalf("set up Chromium: %v", err)
	}
	return b
}

func (b *browser) listen(ev any) {
	b.mu.Lock()
	defer b.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		b.requests++
		u, err := url.Parse(ev.Request.URL)
		if err != nil {
			b.problems = append(b.problems, "unparseable request "+ev.Request.URL)
			return
		}
		switch u.Scheme {
		case "data", "blob", "about":
			return
		}
		if h := u.Hostname(); h != "127.0.0.1" && h != "localhost" && h != "::1" {
			b.problems = append(b.problems, "request to a non-loopback host: "+ev.Request.URL)
		}
	case *network.EventLoadingFinished:
		b.bytes += ev.EncodedDataLength
	case *log.EventEntryAdded:
		if strings.Contains(ev.Entry.Text, "Content Security Policy") {
			b.problems = append(b.problems, "CSP: "+ev.Entry.Text)
		}
	case *runtime.EventExceptionThrown:
		b.problems = append(b.problems, "script error: "+ev.ExceptionDetails.Text+" "+describe(ev.ExceptionDetails.Exception))
	}
}

func describe(o *runtime.RemoteObject) string {
	if o == nil {
		return ""
	}
	return o.Description
}

// do runs actions under a time limit and fails the test on error.
func (b *browser) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
}

// get runs one action that returns a value.
func get[T any](b *browser, what string, a chromedp.Action[T]) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
	return v
}

// visit opens a path and checks the page.
func (b *browser) visit(path string) {
	b.t.Helper()
	b.do("open "+path, chromedp.Navigate(b.base+path), chromedp.WaitReady(chromedp.CSS("body")))
	b.check(path)
}

// location is the current path and query.
func (b *browser) location() string {
	b.t.Helper()
	u, _ := url.Parse(get(b, "read location", chromedp.Location()))
	return u.RequestURI()
}

// text returns the visible text of the page's main element.
func (b *browser) text() string {
	b.t.Helper()
	return get(b, "read text", chromedp.Text(chromedp.CSS("main")))
}

type axeViolation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

// inspect returns the problems seen since the last inspection (CSP
// violations, script errors, foreign requests) and axe-core's violations
// on the current page.
func (b *browser) inspect() ([]string, []axeViolation) {
	b.t.Helper()
	csp := get(b, "read CSP violations", chromedp.Evaluate[[]string](`window.__csp || []`))
	b.do("load axe", chromedp.Evaluate[chromedp.Void](b.axe))
	raw := get(b, "run axe", chromedp.Evaluate[string](`axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
		.then(r => JSON.stringify(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
			nodes: v.nodes.slice(0, 5).map(n => n.target.join(" "))}))))`, chromedp.EvalAwaitPromise))
	var violations []axeViolation
	if err := json.Unmarshal([]byte(raw), &violations); err != nil {
		b.t.Fatalf("axe result: %v", err)
	}
	b.mu.Lock()
	problems := b.problems
	b.problems = nil
	b.mu.Unlock()
	for _, c := range csp {
		problems = append(problems, "CSP violation: "+c)
	}
	if html := get(b, "read page", chromedp.Evaluate[string](`document.documentElement.outerHTML`)); strings.Contains(html, "ZgotmplZ") {
		problems = append(problems, "the page holds ZgotmplZ: html/template refused a value, so a link or attribute is broken")
	}
	return problems, violations
}

// check fails the test for any problem or axe-core violation on the
// current page.
func (b *browser) check(name string) {
	b.t.Helper()
	problems, violations := b.inspect()
	for _, v := range violations {
		b.t.Errorf("%s: axe %s (%s): %s at %v", name, v.ID, v.Impact, v.Help, v.Nodes)
	}
	for _, p := range problems {
		b.t.Errorf("%s: %s", name, p)
	}
	b.t.Logf("checked %s: %d axe violations", name, len(violations))
}

// fill types into an input found by CSS selector, replacing its value.
func fill(sel, value string) chromedp.Action[chromedp.Void] {
	clear := chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector(%q).value = ""`, sel))
	return chromedp.Steps(chromedp.WaitReady(chromedp.CSS(sel)), clear, chromedp.SendKeys(chromedp.CSS(sel), value))
}

// centre scrolls an element to the middle of the viewport, as a person
// would before tapping it. On a phone the tab bar is fixed over the bottom
// of the screen, and a click at an element under it would land on a tab
// (chromedp scrolls only an element outside the viewport).
func centre(sel string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(chromedp.WaitReady(chromedp.CSS(sel)),
		chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector(%q).scrollIntoView({block: "center", behavior: "instant"})`, sel)))
}

// click clicks an element once it is in the middle of the viewport.
func click(sel string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(centre(sel), chromedp.Click(chromedp.CSS(sel)))
}

// tap taps an element (touch) once it is in the middle of the viewport.
func tap(sel string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(centre(sel), chromedp.Tap(chromedp.CSS(sel)))
}

// submit clicks a button or link and waits for the page it loads.
func (b *browser) submit(sel string) {
	b.t.Helper()
	b.do("submit "+sel, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := chromedp.WaitEvent(page.LoadEventFired, nil, click(sel))(ctx, tg)
		return err
	}))
}

func (b *browser) stats() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return fmt.Sprintf("%d requests, %.0f bytes", b.requests, b.bytes)
}
