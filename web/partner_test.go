package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestPartnerTrack walks the secure partner's track as a person: who they
// are here for, the decoder, a repair message kept on error and composed
// with its time, a boundary shown two ways, a calm-time plan, a baseline
// check that points to help, and a safety sign that routes to safety alone.
func TestPartnerTrack(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.signUp("steady", pw)
	has := func(res *response, code int, want ...string) {
		t.Helper()
		if res.Code != code {
			t.Fatalf("status %d, want %d\n%s", res.Code, code, clip(res.body))
		}
		for _, w := range want {
			if !strings.Contains(res.body, w) {
				t.Errorf("the page lacks %q\n%s", w, clip(res.body))
			}
		}
	}
	lacks := func(res *response, not ...string) {
		t.Helper()
		for _, w := range not {
			if strings.Contains(res.body, w) {
				t.Errorf("the page has %q and should not", w)
			}
		}
	}

	// Who am I here for: the partner's track comes first on Today.
	lacks(c.get("/today"), "Open your partner&#39;s track")
	has(c.post("/settings/prefs", url.Values{"country": {""}, "time_zone": {""}, "here_for": {"partner"}}), http.StatusSeeOther)
	has(c.get("/today"), http.StatusOK, "Open your partner")
	has(c.get("/settings"), http.StatusOK, `value="partner" checked`)
	has(c.post("/settings/prefs", url.Values{"here_for": {"everyone"}}), http.StatusBadRequest, "Choose who you are here for")
	// A form that does not ask keeps the answer.
	has(c.post("/settings/prefs", url.Values{"country": {""}, "time_zone": {""}}), http.StatusSeeOther)
	has(c.get("/settings"), http.StatusOK, `value="partner" checked`)

	has(c.get("/partner"), http.StatusOK, "/partner/decoder", "/partner/repair", "/partner/boundaries", "/partner/talk", "/partner/baseline", "/partner/help")

	// Chosen at sign-up, the partner's track comes first from the start.
	d := e.client()
	d.addr = "198.51.100.77:5555"
	has(d.post("/signup", url.Values{"username": {"both-here"}, "password": {pw}, "here_for": {"both"}}), http.StatusOK)
	has(d.get("/today"), http.StatusOK, "Open your partner")

	// F1: pick what happened, see what it may say underneath.
	has(c.get("/partner/decoder"), http.StatusOK, "/partner/decoder/flood-of-texts")
	has(c.get("/partner/decoder/flood-of-texts"), http.StatusOK, "What it may be saying underneath", "data-copy", "/partner/repair")
	has(c.get("/partner/decoder/threat-to-leave"), http.StatusOK, `href="/help/safety"`)
	has(c.get("/partner/decoder/no-such-thing"), http.StatusNotFound)

	// F2: a bad time keeps every word typed; a good one composes.
	res := c.post("/partner/repair", url.Values{"opener": {"I'm still here."}, "doing": {"I'm going for a walk"}, "back": {"teatime"}, "warm": {"We'll work this out together."}})
	has(res, http.StatusBadRequest, "Write a time like 16:00", `value="I&#39;m going for a walk"`, `value="teatime"`, `value="We&#39;ll work this out together."`)
	has(c.post("/partner/repair", url.Values{"opener": {"I'm still here."}, "doing": {"I'm going for a walk"}, "back": {"00:30"}, "warm": {"We'll work this out together."}}), http.StatusSeeOther)
	has(c.get("/partner/repair/message"), http.StatusOK, "I&#39;m still here. I&#39;m going for a walk, and I&#39;ll be back tomorrow at 00:30. We&#39;ll work this out together.")

	// F3: a boundary without its limit comes back; a saved one shows two ways.
	has(c.post("/partner/boundaries", url.Values{"connection": {"I love you"}, "limit": {""}, "timeline": {"Let's talk at eight"}}),
		http.StatusBadRequest, `value="I love you"`, `value="Let&#39;s talk at eight"`)
	has(c.post("/partner/boundaries", url.Values{"connection": {"I love you"}, "limit": {"I need an hour to myself."}, "timeline": {"Let's talk at eight"}}), http.StatusSeeOther)
	has(c.get("/partner/boundaries"), http.StatusOK, "I need an hour to myself.", "I love you, and I need an hour to myself. Let&#39;s talk at eight.")
	has(c.get("/partner/boundaries/two-ways"), http.StatusOK, "Lands as leaving", "Lands as care")

	// F4.
	has(c.post("/partner/talk", url.Values{"moment": {""}}), http.StatusBadRequest, "Write something in at least one box")
	has(c.post("/partner/talk", url.Values{"moment": {"Sunday walk"}, "try": {"A text when I step away"}}), http.StatusSeeOther)
	has(c.get("/partner/talk"), http.StatusOK, "Sunday walk", "A text when I step away")

	// F5: two markers bring guidance and the way to F6.
	has(c.post("/partner/baseline", url.Values{"marker": {"exhaustion", "not-a-marker"}}), http.StatusBadRequest)
	has(c.post("/partner/baseline", url.Values{"marker": {"resentment", "exhaustion"}}), http.StatusSeeOther)
	has(c.get("/partner/baseline/result"), http.StatusOK, `href="/partner/help"`, "This is a lot to carry")

	// F6: the baseline adds help for you; a safety sign sends to safety alone.
	has(c.get("/partner/help"), http.StatusOK, "help for you is part of the answer", `href="/help/more"`)
	res = c.post("/partner/help", url.Values{"sign": {"afraid"}})
	has(res, http.StatusOK, "Your safety comes first", `href="/help/safety"`)
	lacks(res, "Emotionally Focused Therapy, developed")
	has(c.post("/partner/help", url.Values{"sign": {"made-up"}}), http.StatusBadRequest)
}
