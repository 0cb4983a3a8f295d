package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestBehaviourPages walks the pillar's pages as one person: a quick log,
// its details, the next morning's question and the base rate from the
// answer; a held message through its wait to the decision; a need, a
// person with a flag, a calm-time talk. Refused forms keep what was typed.
func TestBehaviourPages(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.signUp("willow", pw)
	expect(t, c.get("/behaviour"), 200, "Log a trigger", "No answers yet", "Pause before you send")
	expect(t, c.get("/behaviour/log"), 200, "What happened?", "How strong was it?", "What did you feel pulled to do?")

	// A refused first screen keeps every choice and the words typed.
	res := c.post("/behaviour/triggers", url.Values{"id": {"tr-1"}, "happening": {"own-words"}, "urges": {"checking-socials"}, "urges_own": {"kept words"}})
	if res.Code == http.StatusSeeOther {
		t.Fatal("a log without an activation was saved")
	}
	expect(t, res, res.Code, `value="tr-1"`, `value="checking-socials" checked`, "Choose a number from 0 to 10")

	// The quick log: three answers and save.
	res = c.post("/behaviour/triggers", url.Values{"id": {"tr-1"}, "happening": {"late-reply"}, "activation": {"8"}, "urges": {"texting-or-calling"}})
	expect(t, res, http.StatusSeeOther)
	if loc := res.Header().Get("Location"); loc != "/behaviour/triggers/tr-1" {
		t.Fatalf("after the log: %s", loc)
	}
	expect(t, c.get("/behaviour/triggers/tr-1"), 200, "A late reply", "8 of 10", "What story did you tell yourself?")
	expect(t, c.post("/behaviour/triggers/tr-1", url.Values{"fear": {"leaving"}, "outcome": {"let-it-pass"}, "story": {"they are done with me"}}), http.StatusSeeOther)
	page := c.get("/behaviour")
	expect(t, page, 200, "1</strong> urges surfed", "A late reply")
	if strings.Contains(page.body, "Did the fear come true?") {
		t.Fatal("the question came the same night")
	}

	// The next morning the question comes, on Behaviour and on Today.
	e.advance(9 * time.Hour) // 23:40 → 08:40 UTC, the default zone
	expect(t, c.get("/behaviour"), 200, "Did the fear come true?", "you feared they were leaving")
	expect(t, c.get("/today"), 200, "Did the fear come true?")
	expect(t, c.post("/behaviour/triggers/tr-1/answer", url.Values{"came_true": {"maybe"}}), 400)
	res = c.post("/behaviour/triggers/tr-1/answer", url.Values{"came_true": {"no"}, "back": {"today"}})
	expect(t, res, http.StatusSeeOther)
	if res.Header().Get("Location") != "/today" {
		t.Fatalf("the answer from Today went to %s", res.Header().Get("Location"))
	}
	page = c.get("/behaviour")
	expect(t, page, 200, "You feared they were leaving once; it did not happen.", "These numbers rest on 1 answer.")
	if strings.Contains(page.body, "fear-ask-title") {
		t.Fatal("an answered fear asks again")
	}

	// A fear chosen in the quick log itself is asked about the next morning.
	expect(t, c.post("/behaviour/triggers", url.Values{"id": {"tr-2"}, "happening": {"tone-shift"}, "activation": {"6"}, "fear": {"angry"}}), http.StatusSeeOther)
	expect(t, c.get("/behaviour/triggers/tr-2"), 200, `value="angry" checked`)
	e.advance(24 * time.Hour)
	expect(t, c.get("/today"), 200, "Did the fear come true?", "you feared they were angry with you")
	e.advance(-24 * time.Hour)

	// A held message: refused without a hold (the words kept), then held.
	expect(t, c.get("/behaviour/pause"), 200, "Hold my message", "Until tomorrow morning")
	res = c.post("/behaviour/held", url.Values{"id": {"held-1"}, "message": {"why won't you answer me"}})
	expect(t, res, res.Code, "why won&#39;t you answer me", "Choose how long to hold it.")
	expect(t, c.post("/behaviour/held", url.Values{"id": {"held-1"}, "message": {"why won't you answer me"}, "hold": {"30-minutes"}}), http.StatusSeeOther)
	expect(t, c.get("/behaviour/held/held-1"), 200, "Your message is held", "why won&#39;t you answer me", "from fear, or from a steady place", "/body/breathe")
	expect(t, c.get("/behaviour/pause"), 200, "Held. It comes back at ")
	e.advance(31 * time.Minute)
	expect(t, c.get("/behaviour/held/held-1"), 200, "The wait is over", "I've sent it")
	expect(t, c.post("/behaviour/held/held-1", url.Values{"action": {"sent"}, "message": {"Are we okay? I'd love to hear from you."}}), http.StatusSeeOther)
	expect(t, c.get("/behaviour/held/held-1"), 200, "I sent a calmer version")
	expect(t, c.get("/behaviour"), 200, "2</strong> urges surfed")

	// The B4 pause and the SOS pause step hand their draft over.
	expect(t, c.get("/body/pause"), 200, `formaction="/behaviour/pause"`)
	expect(t, c.get("/sos"), 200, `formaction="/behaviour/pause"`, "data-sos-hold")
	expect(t, c.post("/behaviour/pause", url.Values{"draft": {"words from the body pause"}}), 200, "words from the body pause")

	// Needs and boundaries.
	expect(t, c.post("/behaviour/needs", url.Values{"type": {"need"}, "when": {"you go quiet all day"}}), 400, "you go quiet all day")
	expect(t, c.post("/behaviour/needs", url.Values{"type": {"need"}, "when": {"you go quiet all day"}, "feel": {"uneasy"}, "like": {"a short word"}}), http.StatusSeeOther)
	expect(t, c.get("/behaviour/needs"), 200, "When you go quiet all day, I feel uneasy.")

	// A person and a flag.
	expect(t, c.post("/behaviour/people", url.Values{"id": {"p-1"}, "name": {"Sam"}}), http.StatusSeeOther)
	expect(t, c.post("/behaviour/people/p-1/flags", url.Values{"flag": {"responds"}, "note": {"rang back"}}), http.StatusSeeOther)
	expect(t, c.get("/behaviour/people/p-1"), 200, "Sam", "1 green flag", "rang back")
	expect(t, c.get("/behaviour/flags"), 200, "Sam", "anxious")

	// A calm-time talk and notes afterwards.
	expect(t, c.post("/behaviour/talks", url.Values{"id": {"talk-1"}, "asking": {"a heads-up when plans change"}}), http.StatusSeeOther)
	expect(t, c.post("/behaviour/talks/talk-1", url.Values{"went-well": {"we both listened"}}), http.StatusSeeOther)
	expect(t, c.get("/behaviour/talks/talk-1"), 200, "a heads-up when plans change", "we both listened")
	expect(t, c.get("/behaviour/talk"), 200, "Notes added")
}
