package main

import (
	"context"
	"encoding/json"
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// strconvQuote quotes a string for JavaScript (JSON strings are valid
// JavaScript strings).
func strconvQuote(s string) string { b, _ := json.Marshal(s); return string(b) }

// TestBehaviourInBrowser walks the Behaviour pillar (issue 14) on a phone
// (390×844, touch): it logs a trigger counting taps and seconds, holds a
// message and shows it survives a reload, a restart of the server and a
// hold made with no network, and runs axe on every new page.
func TestBehaviourInBrowser(t *testing.T) {
	needBrowser(t)
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	dbFile := "sqlite:" + filepath.Join(t.TempDir(), "behaviour.db")
	app := startApp(t, "-addr", addr, "-database", dbFile)
	b := newBrowser(t, app.URL, 390, 844)
	b.do("phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateTouch))
	b.signUpIn("behaviour-person")
	b.visit("/behaviour")

	// Log a trigger by touch: every tap from the Behaviour tab to saved.
	taps := 0
	tapIt := func(what, sel string) {
		t.Helper()
		taps++
		b.do(what, tap(sel))
	}
	tapLoad := func(what, sel string) {
		t.Helper()
		taps++
		b.do(what, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := chromedp.WaitEvent(pageLoad, nil, tap(sel))(ctx, tg)
			return err
		}))
	}
	start := time.Now()
	tapLoad("open the log", "a.button[href='/behaviour/log']")
	b.check("log, question 1")
	if !eval[bool](b, "one question", `[...document.querySelectorAll("form[data-bsteps] > [data-bq]")].filter(q => !q.hidden).length === 1`) {
		t.Fatal("the log shows more than one question at a time on a phone")
	}
	tapIt("what happened", "input[name=happening][value=late-reply]")
	tapIt("next", "[data-bstep-next]")
	tapIt("how strong", "input[name=activation][value='7']")
	tapIt("next", "[data-bstep-next]")
	b.check("log, question 3")
	tapIt("the urge", "input[name=urges][value=texting-or-calling]")
	tapLoad("save", "[data-bstep-save]")
	took := time.Since(start)
	if loc := b.location(); !strings.HasPrefix(loc, "/behaviour/triggers/") {
		t.Fatalf("after saving the log: %s\n%s", loc, b.text())
	}
	t.Logf("FIGURE log a trigger on a phone: %d taps, %v from the Behaviour tab to saved", taps, took.Round(time.Millisecond))
	if took > 30*time.Second || taps > 8 {
		t.Errorf("logging a trigger took %d taps and %v; the aim is under 30 seconds", taps, took)
	}
	b.check("trigger details")
	logged := eval[string](b, "list triggers", `fetch("/api/v1/triggers").then(r => r.text())`)
	if !strings.Contains(logged, `"happening":"late-reply"`) || !strings.Contains(logged, `"activation":7`) || !strings.Contains(logged, `"texting-or-calling"`) {
		t.Fatalf("the trigger stored: %s", logged)
	}

	// A draft survives a reload before it is held.
	const words = "Why haven't you answered? Are we okay?"
	b.visit("/behaviour/pause")
	b.do("write the draft", fill("#message", words))
	b.do("reload", chromedp.Navigate(b.base+"/behaviour/pause"), chromedp.WaitReady(chromedp.CSS("#message")))
	if got := eval[string](b, "draft", `document.querySelector("#message").value`); got != words {
		t.Fatalf("after a reload the draft reads %q", got)
	}
	b.check("pause, draft kept")
	tapIt("hold 10 minutes", "input[name=hold][value='10-minutes']")
	tapLoad("hold", "form[data-held-form] button")
	if loc := b.location(); !strings.HasPrefix(loc, "/behaviour/held/") {
		t.Fatalf("after holding: %s\n%s", loc, b.text())
	}
	heldPath := b.location()
	b.check("held, waiting")
	b.waitJS("countdown", `document.querySelector("[data-held-clock]").textContent.includes("to go")`, 5*time.Second)
	stillThere := func(when string) {
		t.Helper()
		if txt := b.text(); !strings.Contains(txt, words) || !strings.Contains(txt, "Your message is held") {
			t.Fatalf("%s the held message is gone:\n%s", when, txt)
		}
	}
	b.do("reload", chromedp.Navigate(b.base+heldPath), chromedp.WaitReady(chromedp.CSS("[data-held-page]")))
	stillThere("after a reload")
	onDevice := eval[string](b, "kept on the device", `JSON.stringify(Object.entries(localStorage).filter(([k]) => k.startsWith("sb-held:")))`)
	if !strings.Contains(onDevice, "Are we okay?") {
		t.Fatalf("the held message is not kept on the device: %s", onDevice)
	}
	app.stop()
	app = startApp(t, "-addr", addr, "-database", dbFile)
	b.do("open after the restart", chromedp.Navigate(b.base+heldPath), chromedp.WaitReady(chromedp.CSS("[data-held-page]")))
	stillThere("after a restart of the server")
	t.Log("FIGURE held message: kept after a reload, on the device, and after a restart of the server")

	// With no network: the hold is kept on the device and sent once the
	// network is back (to a server restarted meanwhile).
	b.visit("/today")
	b.waitJS("offline ready", `document.documentElement.dataset.offlineReady === "true"`, 30*time.Second)
	b.visit("/behaviour/pause")
	b.offline(true)
	const offlineWords = "Call me when you land."
	b.do("write offline", fill("#message", offlineWords))
	tapIt("hold 1 hour", "input[name=hold][value='1-hour']")
	tapIt("hold", "form[data-held-form] button")
	b.waitJS("kept offline", `!document.querySelector("[data-held-offline]").hidden`, 10*time.Second)
	if !eval[bool](b, "listed", `document.querySelector("[data-held-local-list]").textContent.includes("Call me when you land.")`) {
		t.Fatal("the message held offline is not shown")
	}
	b.check("pause, held offline")
	app.stop()
	startApp(t, "-addr", addr, "-database", dbFile)
	b.offline(false)
	b.waitJS("sent", `window.sbOutbox.pending().then(n => n === 0)`, 40*time.Second)
	raw := eval[string](b, "list held", `fetch("/api/v1/held-messages").then(r => r.text())`)
	if !strings.Contains(raw, offlineWords) || !strings.Contains(raw, `"hold":"1-hour"`) || strings.Count(raw, `"status":"waiting"`) != 2 {
		t.Fatalf("after the network came back: %s", raw)
	}
	t.Log("FIGURE held message: held with no network, kept on the device, stored once the network and the restarted server were back")

	// A hold that has ended (made through the API, held two hours ago):
	// the release screen, then "I've sent it" with the words changed.
	post := func(what, path, body string) {
		t.Helper()
		code := eval[int](b, what, `fetch(`+strconvQuote(path)+`, {method: "POST", headers: {"Content-Type": "application/json"}, body: `+strconvQuote(body)+`}).then(r => r.status)`)
		if code != 201 && code != 200 {
			t.Fatalf("%s: status %d", what, code)
		}
	}
	past := time.Now().UTC().Add(-2 * time.Hour)
	post("hold in the past", "/api/v1/held-messages", `{"id": "held-old", "message": "You never listen.", "hold": "1-hour", "held_at": "`+
		past.Format(time.RFC3339)+`", "until": "`+past.Add(time.Hour).Format(time.RFC3339)+`", "status": "waiting"}`)
	b.visit("/behaviour/held/held-old")
	if txt := b.text(); !strings.Contains(txt, "The wait is over") {
		t.Fatalf("an ended hold:\n%s", txt)
	}
	b.do("change the words", fill("#message", "I felt unheard earlier. Can we talk tonight?"))
	tapLoad("sent", "button[name=action][value=sent]")
	b.check("pause, after sending")
	if raw := eval[string](b, "read", `fetch("/api/v1/held-messages/held-old").then(r => r.text())`); !strings.Contains(raw, `"outcome":"rewrote"`) {
		t.Fatalf("sent with changed words: %s", raw)
	}

	// A fear logged yesterday asks its one question on Today.
	post("a trigger yesterday", "/api/v1/triggers", `{"id": "tr-old", "occurred_at": "`+time.Now().UTC().Add(-30*time.Hour).Format(time.RFC3339)+
		`", "happening": "needs-space", "activation": 6, "fear": "leaving"}`)
	b.visit("/today")
	if txt := b.text(); !strings.Contains(txt, "you feared they were leaving") {
		t.Fatalf("Today does not ask about yesterday's fear:\n%s", txt)
	}
	tapLoad("answer no", "form[action='/behaviour/triggers/tr-old/answer'] button[value=no]")
	b.visit("/behaviour")
	if txt := b.text(); !strings.Contains(txt, "You feared they were leaving once; it did not happen.") {
		t.Fatalf("no base rate after an answer:\n%s", txt)
	}

	// The log by keyboard alone.
	b.visit("/behaviour/log")
	b.tabTo("input[name=happening]")
	b.keys("choose", " ")
	b.tabTo("[data-bstep-next]")
	b.keys("next", kb.Enter)
	b.tabTo("input[name=activation]")
	for i := 0; i < 5; i++ {
		b.keys("up to 5", kb.ArrowRight)
	}
	b.tabTo("[data-bstep-next]")
	b.keys("next", kb.Enter)
	b.tabTo("input[name=urges]")
	b.keys("an urge", " ")
	b.tabTo("[data-bstep-save]")
	b.do("save", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := chromedp.WaitEvent(pageLoad, nil, chromedp.KeyEvent(kb.Enter))(ctx, tg)
		return err
	}))
	if loc := b.location(); !strings.HasPrefix(loc, "/behaviour/triggers/") {
		t.Fatalf("the log by keyboard ended at %s:\n%s", loc, b.text())
	}
	if txt := b.text(); !strings.Contains(txt, "A late reply") || !strings.Contains(txt, "5 of 10") {
		t.Fatalf("the log by keyboard saved:\n%s", txt)
	}

	// The other tools, each checked by axe, with something saved.
	b.visit("/behaviour/needs")
	b.do("a need", fill("#need-feel", "unsure"), fill("#need-like", "a short word when you're busy"))
	b.submit("form[action='/behaviour/needs'] button")
	if txt := b.text(); !strings.Contains(txt, "I feel unsure. I'd like a short word when you're busy.") {
		t.Errorf("the need saved:\n%s", txt)
	}
	b.check("needs, saved")
	b.visit("/behaviour/flags")
	b.do("a person", fill("#name", "Sam"))
	b.submit("form[action='/behaviour/people'] button")
	b.check("a person")
	tapIt("a green flag", "input[name=flag][value=responds]")
	b.submit("form[action$='/flags'] button")
	if txt := b.text(); !strings.Contains(txt, "1 green flag") {
		t.Errorf("the summary after one note:\n%s", txt)
	}
	b.check("a person, one moment")
	b.visit("/behaviour/talk")
	b.do("a plan", fill("#asking", "a heads-up when plans change"))
	b.submit("form[action='/behaviour/talks'] button")
	if loc := b.location(); !strings.HasPrefix(loc, "/behaviour/talks/") {
		t.Errorf("after saving a talk plan: %s", loc)
	}
	b.check("a talk")
	b.visit("/behaviour")
}
