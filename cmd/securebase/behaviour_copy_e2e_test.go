package main

import (
	"context"
	"strings"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/chromedp"
)

// TestCopyOut presses the Copy buttons of issue 14 with the clipboard
// allowed: a saved boundary (D3, "copy out") and a held message whose wait
// is over, edited first (D2, "copy it out, unchanged or edited"). What
// lands on the clipboard must be the words on the page.
func TestCopyOut(t *testing.T) {
	needBrowser(t)
	t.Parallel()
	app := startApp(t)
	b := newBrowser(t, app.URL, 390, 844)
	b.signUpIn("copy-person")
	b.do("allow the clipboard", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		for _, name := range []string{"clipboard-read", "clipboard-write"} {
			if _, err := cdp.Call(ctx, tg, cdpbrowser.SetPermission, cdpbrowser.SetPermissionParams{
				Permission: &cdpbrowser.PermissionDescriptor{Name: name, AllowWithoutSanitization: true},
				Setting:    cdpbrowser.PermissionSettingGranted, Origin: b.base}); err != nil {
				return err
			}
		}
		return nil
	}))
	clipboard := func(what string) string {
		t.Helper()
		return eval[string](b, what, `navigator.clipboard.readText()`)
	}

	b.visit("/behaviour/needs")
	b.do("a boundary", fill("#boundary-limit", "I can't talk after eleven on work nights"), fill("#boundary-warmth", "I love our evenings"))
	b.submit("form:has(#boundary-limit) button")
	said := eval[string](b, "the boundary", `document.querySelector("[data-copy]") && document.getElementById(document.querySelector("[data-copy]").dataset.copy).textContent`)
	if !strings.Contains(said, "I can't talk after eleven on work nights") {
		t.Fatalf("the saved boundary reads %q", said)
	}
	b.do("copy the boundary", click("[data-copy]"))
	b.waitJS("copied", `document.querySelector("[data-copied]").textContent.startsWith("Copied")`, 10*time.Second)
	if got := clipboard("read the clipboard"); got != said {
		t.Errorf("the clipboard holds %q, the page says %q", got, said)
	}

	past := time.Now().UTC().Add(-2 * time.Hour)
	body := `{"id": "held-copy", "message": "Why are you ignoring me?", "hold": "1-hour", "held_at": "` + past.Format(time.RFC3339) +
		`", "until": "` + past.Add(time.Hour).Format(time.RFC3339) + `", "status": "waiting"}`
	if code := eval[int](b, "hold in the past", `fetch("/api/v1/held-messages", {method: "POST", headers: {"Content-Type": "application/json"}, body: `+strconvQuote(body)+`}).then(r => r.status)`); code != 201 {
		t.Fatalf("hold in the past: %d", code)
	}
	b.visit("/behaviour/held/held-copy")
	const edited = "I missed you today. Can we talk tonight?"
	b.do("edit", fill("#message", edited))
	b.do("copy the message", click("[data-held-copy]"))
	b.waitJS("copied", `document.querySelector("[data-held-copied]").textContent.startsWith("Copied")`, 10*time.Second)
	if got := clipboard("read the clipboard"); got != edited {
		t.Errorf("the clipboard holds %q, want the edited message %q", got, edited)
	}
	t.Log("FIGURE copy out: a boundary and an edited held message copied to the clipboard word for word")
}

// TestHandOverToHeld walks issue 14's point 7 by touch: the pause step of
// "I'm activated" and the body tools' Pause hand their words to Pause
// before you send, and a hold keeps them, so nothing typed is lost.
func TestHandOverToHeld(t *testing.T) {
	needBrowser(t)
	t.Parallel()
	app := startApp(t)
	b := newBrowser(t, app.URL, 390, 844)
	b.do("phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateTouch))
	b.signUpIn("hand-over")
	tapLoad := func(what, sel string) {
		t.Helper()
		b.do(what, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := chromedp.WaitEvent(pageLoad, nil, tap(sel))(ctx, tg)
			return err
		}))
	}
	arrived := func(from, words string) {
		t.Helper()
		if loc := b.location(); loc != "/behaviour/pause" {
			t.Fatalf("from %s the hold opened %s", from, loc)
		}
		if got := eval[string](b, "draft", `document.querySelector("#message").value`); got != words {
			t.Fatalf("from %s the draft reads %q, want %q", from, got, words)
		}
		b.check("pause, handed over from " + from)
	}

	// From the "I'm activated" flow.
	b.visit("/sos")
	b.waitJS("flow ready", `document.querySelector("[data-sos]").dataset.ready === "true"`, 10*time.Second)
	b.do("7", tap("[data-sos-step=before] input[value='7']"))
	b.do("next", tap("[data-sos-step=before] [data-sos-nav=next]"))
	for _, step := range []string{"calm", "name", "reassure"} {
		b.do("skip "+step, tap("[data-sos-step="+step+"] [data-sos-nav=skip]"))
	}
	const fromSOS = "Are you with someone else? Answer me."
	b.do("draft", fill("#draft", fromSOS))
	tapLoad("hold it", "[data-sos-hold]")
	arrived("/sos", fromSOS)
	b.do("hold 10 minutes", tap("input[name=hold][value='10-minutes']"))
	tapLoad("hold", "form[data-held-form] button")
	if txt := b.text(); !strings.Contains(txt, fromSOS) || !strings.Contains(txt, "Your message is held") {
		t.Fatalf("the words from the flow are not held:\n%s", txt)
	}

	// From the body tools' Pause.
	b.visit("/body/pause")
	b.toolStage("tool")
	const fromBody = "I need to know where this is going."
	b.do("draft", fill("#draft", fromBody))
	tapLoad("hold it", `button[formaction="/behaviour/pause"]`)
	arrived("/body/pause", fromBody)
	t.Log("FIGURE hand-over: words typed in the flow's pause step and in the body Pause arrive in Pause before you send and are held")
}
