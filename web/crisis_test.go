package web_test

import (
	"net/url"
	"strings"
	"testing"
)

// TestCrisisLinesFollowTheCountry: with no country the header and help
// page show international help and ask; once chosen, that country's lines.
func TestCrisisLinesFollowTheCountry(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.signUp("linden", pw)
	res := c.get("/today")
	expect(t, res, 200, "Crisis lines for your country")
	expect(t, c.get("/help"), 200, "Where are you?", "findahelpline.com")

	res = c.post("/settings/prefs", url.Values{"country": {"nz"}, "next": {"/help"}})
	if res.Code != 303 || res.Header().Get("Location") != "/help" {
		t.Fatalf("choose country: %d %s", res.Code, res.Header().Get("Location"))
	}
	res = c.get("/today")
	expect(t, res, 200, "tel:1737", "tel:111")
	if strings.Contains(res.body, "Crisis lines for your country") {
		t.Fatal("the header still shows the fallback")
	}
	expect(t, c.get("/help"), 200, "In New Zealand", "Another country?")
}
