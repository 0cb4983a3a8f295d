package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestHeldLetGoAndSentEarly covers the two ends of a hold that
// TestBehaviourPages does not (issue 14, D2): letting a message go while it
// waits counts as an urge surfed, and sending it before the wait is over
// counts as one acted on. Both are stored, and the tab says so.
func TestHeldLetGoAndSentEarly(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.signUp("hazel", pw)
	expect(t, c.get("/behaviour"), 200, "No urges counted yet this week")

	expect(t, c.post("/behaviour/held", url.Values{"id": {"held-go"}, "message": {"answer me now"}, "hold": {"1-hour"}}), http.StatusSeeOther)
	expect(t, c.get("/behaviour/held/held-go"), 200, "Let it go now")
	expect(t, c.post("/behaviour/held/held-go", url.Values{"action": {"let-go"}}), http.StatusSeeOther)
	if got := c.get("/api/v1/held-messages/held-go").body; !strings.Contains(got, `"status":"let-go"`) || !strings.Contains(got, `"outcome":"let-go"`) {
		t.Fatalf("let go: %s", got)
	}
	expect(t, c.get("/behaviour"), 200, "<strong>1</strong> urges surfed · <strong>0</strong> acted on")

	expect(t, c.post("/behaviour/held", url.Values{"id": {"held-early"}, "message": {"fine, whatever"}, "hold": {"1-hour"}}), http.StatusSeeOther)
	expect(t, c.post("/behaviour/held/held-early", url.Values{"action": {"maybe"}}), 400)
	expect(t, c.post("/behaviour/held/held-early", url.Values{"action": {"sent"}}), http.StatusSeeOther)
	if got := c.get("/api/v1/held-messages/held-early").body; !strings.Contains(got, `"status":"sent"`) || !strings.Contains(got, `"outcome":"sent-early"`) {
		t.Fatalf("sent early: %s", got)
	}
	expect(t, c.get("/behaviour"), 200, "<strong>1</strong> urges surfed · <strong>1</strong> acted on")
}
