package web_test

import (
	"net/url"
	"strconv"
	"strings"
	"testing"
)

// TestBeliefFormsKeepWhatWasTyped: issue 13 asks that every Beliefs form
// comes back with everything typed when it is refused. TestBeliefPages
// covers ratings, the inquiry and the thought record; this covers an own
// belief without words, a script without its secure side, and a letter
// step over the length limit.
func TestBeliefFormsKeepWhatWasTyped(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.signUp("juniper", pw)

	res := c.post("/beliefs/ratings", url.Values{"id": {"own-1"}, "own": {"1"}, "text": {""}, "rating": {"65"}})
	expect(t, res, 400, `value="65"`)

	res = c.post("/beliefs/scripts", url.Values{"anxious": {"They will get bored of me."}, "starred": {"on"}})
	expect(t, res, 400, "They will get bored of me.")

	long := strings.Repeat("You were small. ", 300) // over 4,000 characters
	res = c.post("/beliefs/inner-child", url.Values{"id": {"letter-x"}, "step": {"1"}, "go": {"next"}, "validate": {long}})
	if res.Code < 400 || res.Code > 499 {
		t.Fatalf("a letter step over the limit: %d", res.Code)
	}
	if !strings.Contains(res.body, "You were small. You were small.") {
		t.Error("the refused letter step lost its words")
	}
}

// TestThoughtStaysInView: issue 13 asks that the thought stays visible at
// every step of the record once it is written (screens 3 to 7), with a
// label that says what it is.
func TestThoughtStaysInView(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.signUp("sorrel", pw)
	const thought = "She hasn't texted back so she must be angry with me"
	shown := `<p class="belief-said" aria-label="Your thought">“She hasn&#39;t texted back so she must be angry with me”</p>`
	for step := 1; step <= 5; step++ {
		res := c.post("/beliefs/thoughts", url.Values{"step": {strconv.Itoa(step)}, "go": {"next"}, "situation": {"no reply"}, "thought": {thought}})
		expect(t, res, 200)
		if !strings.Contains(res.body, shown) {
			t.Errorf("screen %d does not show the thought", step+2)
		}
	}
	// Going back keeps it in view too, from the third screen.
	res := c.post("/beliefs/thoughts", url.Values{"step": {"4"}, "go": {"back"}, "thought": {thought}})
	expect(t, res, 200, shown)
}
