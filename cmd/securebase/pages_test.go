package main

import (
	"context"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/securebase/securebase/proof"
)

// TestEveryPageInChromium walks every GET route of the route table in
// Chromium, signed out and then signed in (with one object of every kind a
// route's {id} names), so a new page is covered without anyone listing it.
// Each page: 0 CSP violations, 0 script errors, 0 requests off loopback,
// the security headers (no-store on everything but static files), scripts
// carrying the response's nonce. Responses a browser downloads or shows
// raw (JSON, exports, static files) get the header checks over HTTP.
// Bytes on the wire per page (document, styles, scripts, icons; cache off)
// are reported against the 100 KB budget.
func TestEveryPageInChromium(t *testing.T) {
	needBrowser(t)
	t.Parallel()
	app := startApp(t)
	routes, err := proof.Routes()
	if err != nil {
		t.Fatal(err)
	}
	targets, problems := proof.Classify(routes)
	if len(problems) > 0 {
		t.Fatalf("routes the page walk cannot classify:\n%s", strings.Join(problems, "\n"))
	}
	b := newBrowser(t, app.URL, 390, 844)
	// Cache off and the offline service worker bypassed, so every page
	// comes from the server and its bytes on the wire are counted.
	b.do("disable the cache", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tg, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, tg, network.SetBypassServiceWorker, network.SetBypassServiceWorkerParams{Bypass: true})
		return err
	}))
	w := &pageWalk{t: t, b: b, bytes: map[string]float64{}, counts: map[string]int{}}

	stranger := proof.NewAgent(proof.Loopback(), app.URL)
	w.walk(targets, stranger, nil, "signed out")

	// Sign up in the browser; make objects over HTTP as the same person.
	const name, password = "page-walker", "every page in the browser"
	b.visit("/signup")
	b.do("sign up", fill("#username", name), fill("#password", password))
	b.submit("form[action='/signup'] button:not(.pw-toggle)")
	agent := proof.NewAgent(proof.Loopback(), app.URL)
	if err := agent.SignIn(name, password); err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{}
	for _, owned := range proof.OwnedKinds(targets) {
		fx, _ := proof.FixtureFor(owned)
		if ids[owned], _, err = fx.Make(agent); err != nil {
			t.Fatal(err)
		}
	}
	w.walk(targets, agent, ids, "signed in")

	w.layoutReport()
	var sizes []string
	heaviest := 0.0
	for p, n := range w.bytes {
		sizes = append(sizes, fmt.Sprintf("%s %.1f KB", p, n/1024))
		heaviest = max(heaviest, n)
		if n > 100*1024 {
			t.Errorf("%s weighs %.1f KB on the wire, over the 100 KB budget", p, n/1024)
		}
	}
	sort.Strings(sizes)
	t.Logf("FIGURE pages: %d pages in Chromium and %d other responses over HTTP, signed out and in: %d CSP violations, %d requests off loopback, %d header problems; bytes on the wire (cache off): %s; heaviest %.1f KB (budget 100 KB)",
		w.pages, w.others, w.csp, w.foreign, w.headerProblems, strings.Join(sizes, ", "), heaviest/1024)
}

type pageWalk struct {
	t              *testing.T
	b              *browser
	pages, others  int
	csp, foreign   int
	headerProblems int
	bytes          map[string]float64 // "path (signed in)" → bytes
	layouts        []layoutResult     // issue 12: every page at 320 and 390, light and dark
	counts         map[string]int
}

func (w *pageWalk) walk(targets []proof.Target, agent *proof.Agent, ids map[string]string, who string) {
	for _, tg := range targets {
		if tg.Method != http.MethodGet {
			continue
		}
		paths := tg.Paths()
		if tg.HasID() {
			if ids == nil {
				continue // signed out: the isolation matrix covers these
			}
			paths = []string{proof.Fill(tg.Pattern, ids[tg.Owned], nil)}
		}
		for _, path := range paths {
			w.check(agent, path, who)
		}
	}
	// The kind 404 page answers every path the table does not have.
	w.check(agent, "/no-such-page", who)
}

// check fetches a path over HTTP for its headers, then opens it in
// Chromium when it is a page a browser shows (HTML, not a redirect or a
// download).
func (w *pageWalk) check(agent *proof.Agent, path, who string) {
	t := w.t
	res, err := agent.Do(proof.Get(path))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range proof.CheckHeaders(path, res.Header, res.Body) {
		w.headerProblems++
		t.Errorf("%s (%s): %s", path, who, p)
	}
	if res.Status >= 500 {
		t.Errorf("GET %s (%s): %d", path, who, res.Status)
	}
	html := strings.HasPrefix(res.Header.Get("Content-Type"), "text/html")
	if !html || res.Header.Get("Content-Disposition") != "" || res.Status/100 == 3 {
		w.others++
		return
	}
	w.visit(path, who)
}

// visit loads a page in Chromium and checks what the browser saw.
func (w *pageWalk) visit(path, who string) {
	t, b := w.t, w.b
	b.mu.Lock()
	before := b.bytes
	b.mu.Unlock()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	res, err := chromedp.Run(ctx, chromedp.NavigateResponse(b.base+path))
	if err != nil {
		t.Fatalf("open %s (%s): %v", path, who, err)
	}
	b.do("wait for "+path, chromedp.WaitReady(chromedp.CSS("body")))
	w.pages++
	final := strings.TrimPrefix(res.URL, b.base)
	h := http.Header{}
	for k, v := range res.Headers {
		for _, line := range strings.Split(fmt.Sprint(v), "\n") {
			h.Add(k, line)
		}
	}
	for _, p := range proof.CheckHeaders(final, h, nil) {
		w.headerProblems++
		t.Errorf("%s (%s) in Chromium: %s", path, who, p)
	}
	csp := get(b, "read CSP violations", chromedp.Evaluate[[]string](`window.__csp || []`))
	b.mu.Lock()
	problems := b.problems
	b.problems = nil
	loaded := b.bytes - before
	b.mu.Unlock()
	for _, c := range csp {
		w.csp++
		t.Errorf("%s (%s): CSP violation %s", path, who, c)
	}
	for _, p := range problems {
		if strings.Contains(p, "non-loopback") {
			w.foreign++
		}
		t.Errorf("%s (%s): %s", path, who, p)
	}
	if final == path {
		w.bytes[fmt.Sprintf("%s (%s)", path, who)] = loaded
	}
	t.Logf("%s (%s): %d, %.1f KB, final %s", path, who, res.Status, loaded/1024, final)
	w.layout(path, who)
}
