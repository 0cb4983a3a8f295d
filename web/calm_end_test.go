package web_test

import (
	"net/url"
	"strings"
	"testing"
)

// TestEndingAsksFirst: Sign out (another browser, this one) and Revoke (a
// token) in Settings ask first, like an entry's delete; Keep it leaves it;
// confirm=yes ends it; another person's id is not found either way.
func TestEndingAsksFirst(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.signUp("ending-person", pw)
	laptop := e.client()
	expect(t, laptop.post("/signin", url.Values{"username": {"ending-person"}, "password": {pw}}), 303)
	expect(t, c.post("/settings/tokens", url.Values{"label": {"phone app"}}), 200, "Here is your new token")
	page := c.get("/settings").body
	sessions := regexpMust(`/settings/sessions/([0-9a-f]{64})/delete`).FindAllStringSubmatch(page, -1)
	token := regexpMust(`/settings/tokens/([0-9a-f]{64})/delete`).FindStringSubmatch(page)
	if len(sessions) != 2 || token == nil {
		t.Fatalf("settings lists %d sessions and token %v", len(sessions), token)
	}
	stranger := e.client()
	stranger.signUp("not-the-owner", pw)

	// The token.
	path := "/settings/tokens/" + token[1] + "/delete"
	expect(t, stranger.post(path, nil), 404)
	expect(t, stranger.post(path, url.Values{"confirm": {"yes"}}), 404)
	expect(t, c.post(path, nil), 200, "Revoke this token?", "phone app", `name="confirm" value="yes"`, "Keep it", `action="`+path+`"`, "Yes, revoke it")
	expect(t, c.get("/settings"), 200, path)
	expect(t, c.post(path, url.Values{"confirm": {"yes"}}), 303)
	if strings.Contains(c.get("/settings").body, path) {
		t.Fatal("confirmed, and the token is still there")
	}

	// The other browser, then this one.
	for _, m := range sessions {
		path := "/settings/sessions/" + m[1] + "/delete"
		expect(t, stranger.post(path, nil), 404)
		res := c.post(path, nil)
		expect(t, res, 200, "Sign out this browser?", `name="confirm" value="yes"`, "Keep it", "Yes, sign it out")
		if strings.Contains(res.body, "(this one)") {
			continue // ended last
		}
		expect(t, laptop.get("/settings"), 200) // still signed in after the first press
		expect(t, c.post(path, url.Values{"confirm": {"yes"}}), 303)
		if res := laptop.get("/settings"); res.Code == 200 {
			t.Fatal("confirmed, and the other browser is still signed in")
		}
	}
	expect(t, c.get("/settings"), 200, "(this one)")
}
