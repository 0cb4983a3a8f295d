package web_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestBeliefPages walks the Beliefs pillar (issue 13) without a browser:
// ratings and their chart, an inquiry carried step to step, a thought
// record whose hints come from its words, scripts starred into the
// "I'm activated" flow (never one in crisis words), the secure belief on
// Today, and a letter kept as a draft.
func TestBeliefPages(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.signUp("rowan", pw)

	expect(t, c.get("/beliefs"), 200, "Your beliefs", "Nothing rated yet", `href="/beliefs/thoughts"`)
	expect(t, c.get("/beliefs/core"), 200, "I&#39;m not enough.", `href="/beliefs/core?belief=people-leave"`)
	expect(t, c.get("/beliefs/core?belief=people-leave"), 200, "How true does this feel right now?", `name="belief" value="people-leave"`)

	// Ratings: a refused one keeps the belief; two make a chart.
	expect(t, c.post("/beliefs/ratings", url.Values{"belief": {"people-leave"}, "rating": {"180"}}), 400,
		`name="belief" value="people-leave"`, "whole number from 0", `value="180"`)
	expect(t, c.post("/beliefs/ratings", url.Values{"belief": {"people-leave"}, "rating": {"80"}}), 303)
	e.advance(48 * time.Hour)
	expect(t, c.post("/beliefs/ratings", url.Values{"belief": {"people-leave"}, "rating": {"55"}}), 303)
	expect(t, c.get("/beliefs"), 200, "Latest: 55 out of 100", "<svg", "From 80 to 55 out of 100")
	// An own belief, named by its first rating, then re-rated by key.
	res := c.post("/beliefs/ratings", url.Values{"id": {"own-belief-1"}, "own": {"1"}, "text": {"I ruin good things."}, "rating": {"70"}})
	expect(t, res, 303)
	expect(t, c.get("/beliefs/core?belief=own-belief-1"), 200, "I ruin good things.")
	e.advance(time.Hour)
	expect(t, c.post("/beliefs/ratings", url.Values{"belief": {"own-belief-1"}, "rating": {"60"}}), 303)
	expect(t, c.get("/beliefs"), 200, "I ruin good things.", "From 70 to 60")
	// Insights charts an own belief by its own words, beside the old ones.
	expect(t, c.get("/insights"), 200, "How true your core beliefs feel", "I ruin good things.", "People always leave.")

	// Inquiry: each step carries the answers before it; the end re-rates.
	res = c.post("/beliefs/inquiry", url.Values{"belief": {"people-leave"}, "step": {"0"}, "go": {"next"}, "learned": {"when Dad left"}})
	expect(t, res, 200, "Whose voice is it?", `name="learned" value="when Dad left"`, "People always leave.")
	expect(t, c.post("/beliefs/inquiry", url.Values{"belief": {"people-leave"}, "step": {"4"}, "go": {"save"}, "learned": {"when Dad left"}, "rating": {"101"}}),
		400, `name="learned" value="when Dad left"`, "How true does it feel now?")
	expect(t, c.post("/beliefs/inquiry", url.Values{"belief": {"people-leave"}, "step": {"4"}, "go": {"save"}, "learned": {"when Dad left"}, "rating": {"40"}}), 303)
	expect(t, c.get("/beliefs"), 200, "Latest: 40 out of 100")

	// Thought record: the thought stays in view; its words bring hints.
	thought := "He's obviously bored of me and he's going to leave me"
	res = c.post("/beliefs/thoughts", url.Values{"step": {"2"}, "go": {"next"}, "situation": {"no reply"}, "thought": {thought}, "before": {"8"}})
	expect(t, res, 200, "These may fit, from your own words", `id="trap-mind-reading"`, "bored of me", `name="before" value="8"`)
	if i, j := strings.Index(res.body, `id="trap-mind-reading"`), strings.Index(res.body, "Other thinking traps"); i < 0 || j < 0 || i > j {
		t.Error("mind reading is not among the suggestions")
	}
	expect(t, c.post("/beliefs/thoughts", url.Values{"step": {"1"}, "go": {"next"}, "situation": {"no reply"}}), 200,
		"Write the thought in a few words first", `name="situation" value="no reply"`)
	res = c.post("/beliefs/thoughts", url.Values{"step": {"2"}, "go": {"next"}, "thought": {"I had soup for lunch"}})
	expect(t, res, 200, "Nothing in the words stands out")
	expect(t, c.post("/beliefs/thoughts", url.Values{"step": {"6"}, "go": {"save"}, "situation": {"no reply"}}), 400, "What went through your mind?")
	expect(t, c.post("/beliefs/thoughts", url.Values{"step": {"6"}, "go": {"save"}, "thought": {thought}, "trap": {"mind-reading"}, "after": {"5"}}), 303)

	// Scripts: a suggested pair starred, an own one, and one in crisis
	// words that never reaches the flow.
	expect(t, c.get("/beliefs/scripts"), 200, "Suggested pairs", `name="from" value="people-leave-2"`)
	expect(t, c.post("/beliefs/scripts", url.Values{"from": {"people-leave-2"}}), 303)
	expect(t, c.post("/beliefs/scripts", url.Values{"secure": {"I want to die"}, "starred": {"on"}}), 303)
	expect(t, c.get("/beliefs/scripts"), 200, "Space is not a goodbye.", "not used as reassurance", "In your scripts.")
	sos := c.get("/sos").body
	if !strings.Contains(sos, "Space is not a goodbye.") {
		t.Error("the starred script is not in the flow")
	}
	if strings.Contains(sos, "I want to die") {
		t.Fatal("a script in crisis words is in the flow")
	}
	expect(t, c.get("/today"), 200, "The secure belief for today")

	// The letter: a step keeps the draft; stopping keeps it too.
	expect(t, c.get("/beliefs/inner-child"), 200, `href="/sos"`, `href="/help/more"`, "strong feelings")
	res = c.post("/beliefs/inner-child", url.Values{"id": {"letter-1"}, "step": {"1"}, "go": {"next"}, "validate": {"You were scared."}})
	expect(t, res, 200, "Reassure", `name="validate" value="You were scared."`)
	expect(t, c.post("/beliefs/inner-child", url.Values{"id": {"letter-1"}, "step": {"2"}, "go": {"stop"}, "validate": {"You were scared."}, "reassure": {"I'm here."}}), 303)
	expect(t, c.get("/beliefs/inner-child"), 200, `href="/beliefs/inner-child?draft=letter-1"`)
	expect(t, c.get("/beliefs/inner-child?draft=letter-1"), 200, "I&#39;m here.")
}

// TestThoughtHintsAPI: hints best first, none for a thought with no trap,
// and 4xx for anything else.
func TestThoughtHintsAPI(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.signUp("hazel", pw)
	res := c.json("POST", "/api/v1/thought-records/hints", `{"thought": "he's obviously bored of me"}`)
	expect(t, res, 200)
	var out struct {
		Traps []struct{ ID, Why string } `json:"traps"`
	}
	if err := json.Unmarshal([]byte(res.body), &out); err != nil || len(out.Traps) == 0 || out.Traps[0].ID != "mind-reading" || !strings.Contains(out.Traps[0].Why, "bored of me") {
		t.Fatalf("hints: %v %s", err, res.body)
	}
	expect(t, c.json("POST", "/api/v1/thought-records/hints", `{"thought": "I had soup for lunch"}`), 200, `{"traps":[]}`)
	for name, body := range map[string]string{
		"no thought":    `{}`,
		"a number":      `{"thought": 7}`,
		"another field": `{"thought": "x", "mood": "low"}`,
		"not JSON":      `thought=x`,
		"two objects":   `{"thought": "x"}{}`,
	} {
		if res := c.json("POST", "/api/v1/thought-records/hints", body); res.Code != http.StatusBadRequest || !strings.Contains(res.body, `"error"`) {
			t.Errorf("%s: %d %s", name, res.Code, res.body)
		}
	}
	big := `{"thought": "` + strings.Repeat("a", 20<<10) + `"}`
	if res := c.json("POST", "/api/v1/thought-records/hints", big); res.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("20 KiB: %d", res.Code)
	}
	anon := e.client()
	if res := anon.json("POST", "/api/v1/thought-records/hints", `{"thought": "x"}`); res.Code != http.StatusUnauthorized {
		t.Errorf("signed out: %d", res.Code)
	}
}

// TestThoughtEvidenceFromTheLog: the thought record's evidence step shows
// a fact from the person's own trigger log and check-ins (issue 13 with
// issue 14's log), and says nothing for someone with no log.
func TestThoughtEvidenceFromTheLog(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.signUp("evidence-seeker", pw)
	res := c.post("/settings/tokens", url.Values{"label": {"phone"}})
	api := e.client()
	api.header.Set("Authorization", "Bearer "+regexpFind(t, `sbp_[A-Za-z0-9_-]{43}`, res.body))
	t0 := time.Date(2026, 11, 1, 20, 0, 0, 0, time.UTC)
	for i := range 8 { // eight late replies; six settled within the hour
		at := t0.AddDate(0, 0, i)
		expect(t, api.json("POST", "/api/v1/triggers", fmt.Sprintf(`{"occurred_at":%q,"happening":"late-reply","activation":7}`, at.Format(time.RFC3339))), 201)
		d := 2
		if i >= 6 {
			d = 7
		}
		expect(t, api.json("POST", "/api/v1/checkins", fmt.Sprintf(`{"occurred_at":%q,"distress":%d}`, at.Add(40*time.Minute).Format(time.RFC3339), d)), 201)
	}
	step := url.Values{"step": {"3"}, "go": {"next"}, "thought": {"he's bored of me"}, "situation": {"no reply"}}
	expect(t, c.post("/beliefs/thoughts", step), 200, "6 of your last 8 check-ins after a late reply were back under 4 within two hours.")

	other := e.client()
	other.signUp("no-log-yet", pw)
	if res := other.post("/beliefs/thoughts", step); strings.Contains(res.body, "check-ins after") {
		t.Errorf("a fact without a log:\n%s", res.body)
	}
}
