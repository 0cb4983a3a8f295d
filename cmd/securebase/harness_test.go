package main

import (
	"time"

	"github.com/chromedp/chromedp"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestBrowserHarnessCatchesProblems proves the browser checks can fail: a
// page that breaks its CSP, asks another host for an image and has an
// unlabelled input must produce a complaint of each kind.
func TestBrowserHarnessCatchesProblems(t *testing.T) {
	needBrowser(t)
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", "default-src 'self'; img-src *")
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte(`<!doctype html><html lang="en"><head><title>bad</title></head><body><main>
			<script>document.title = "inline ran"</script>
			<img src="http://192.0.2.1/pixel.png" alt="">
			<input type="text">
		</main></body></html>`))
	}))
	defer srv.Close()
	b := newBrowser(t, srv.URL, 800, 600)
	b.do("open", chromedp.Navigate(srv.URL), chromedp.WaitReady(chromedp.CSS("body")), chromedp.Sleep(300*time.Millisecond))
	problems, violations := b.inspect()
	want := map[string]bool{"CSP": false, "non-loopback": false, "axe": len(violations) > 0}
	for _, p := range problems {
		for k := range want {
			if strings.Contains(p, k) {
				want[k] = true
			}
		}
	}
	for k, seen := range want {
		if !seen {
			t.Errorf("the harness missed a %s problem; it saw %q and %d axe violations", k, problems, len(violations))
		}
	}
}
