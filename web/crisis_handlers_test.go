package web_test

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"
)

// The safety net (issue 8) over HTTP: the public lines, the device's
// country, sign-up's country, care at check-in 9-10, partner violence,
// and a person's own crisis sentence kept out of the flow.

func TestCrisisLinesAPI(t *testing.T) {
	e := newEnv(t)
	c := e.client() // signed out: the lines are public
	res := c.get("/api/v1/crisis-lines?country=gb")
	expect(t, res, 200, `"emergency":"999"`, `"known":true`, "0808 2000 247", `"how_checked":"Checked on 21 November 2026`)
	if cc := res.Header().Get("Cache-Control"); cc != "public, max-age=3600" {
		t.Errorf("Cache-Control %q", cc)
	}
	var body struct {
		Lines []struct {
			Name       string `json:"name"`
			AlwaysOpen bool   `json:"always_open"`
			OpenNow    bool   `json:"open_now"`
		} `json:"lines"`
	}
	if err := json.Unmarshal([]byte(res.body), &body); err != nil || len(body.Lines) == 0 || body.Lines[0].Name != "Samaritans" {
		t.Fatalf("GB lines: %v %+v", err, body)
	}
	c.header.Set("If-None-Match", res.Header().Get("ETag"))
	if again := c.get("/api/v1/crisis-lines?country=GB"); again.Code != 304 {
		t.Errorf("If-None-Match: %d, want 304", again.Code)
	}
	c.header.Del("If-None-Match")
	expect(t, c.get("/api/v1/crisis-lines?country=XX"), 200, `"known":false`, "findahelpline.com")
	expect(t, c.get("/api/v1/crisis-lines?country=GBR"), 400, "two letters")
	expect(t, c.get("/api/v1/crisis-lines"), 200, `{"code":"GB","name":"United Kingdom","abuse_services":true}`)
	// Italy at 00:40: its only line is closed and comes after the emergency number.
	it := c.get("/api/v1/crisis-lines?country=IT")
	expect(t, it, 200, `"open_now":false`)
	page := c.get("/help?country=IT")
	expect(t, page, 200, "Closed right now.")
	if strings.Index(page.body, "In danger right now? Call") > strings.Index(page.body, "02 2327 2327") {
		t.Error("Italy at night: the closed line comes before the emergency number")
	}
}

func TestDeviceCountry(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	expect(t, c.get("/sos"), 200, "Crisis lines for your country")
	res := c.post("/country", url.Values{"country": {"gb"}, "next": {"/sos"}})
	if res.Code != 303 || res.Header().Get("Location") != "/sos" {
		t.Fatalf("choose a country signed out: %d %s", res.Code, res.Header().Get("Location"))
	}
	expect(t, c.get("/sos"), 200, "tel:116123", "tel:999", `data-country="GB"`)
	expect(t, c.post("/country", url.Values{"country": {"XX"}}), 400)
	// Signed in with no country of their own, the device's still shows; then
	// a care panel's picker saves it in their settings too.
	c.signUp("rowan", pw)
	expect(t, c.get("/today"), 200, "tel:116123")
	c.post("/country", url.Values{"country": {"IE"}, "next": {"/today"}})
	expect(t, c.get("/settings"), 200, `<option value="IE" selected>`)
	expect(t, c.get("/api/v1/me"), 200, `"country":"IE"`)
}

func TestSignUpCountry(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.header.Set("Accept-Language", "en-NZ,en;q=0.8")
	expect(t, c.get("/signup"), 200, `<option value="NZ" selected>`, "data-country-zones", `"Europe/London":"GB"`)
	expect(t, c.post("/signup", url.Values{"username": {"kauri"}, "password": {pw}, "country": {"ZZ"}}), 400,
		"Choose a country from the list", `value="kauri"`)
	res := c.post("/signup", url.Values{"username": {"kauri"}, "password": {pw}, "country": {"NZ"}, "time_zone": {"Pacific/Auckland"}})
	expect(t, res, 200, "recovery key")
	expect(t, c.get("/api/v1/me"), 200, `"country":"NZ"`, `"time_zone":"Pacific/Auckland"`)
}

func TestSettingsErrorsKeepPrefs(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.signUp("alder", pw)
	c.post("/settings/prefs", url.Values{"country": {"GB"}, "time_zone": {"Europe/London"}})
	for path, form := range map[string]url.Values{
		"/settings/tokens":       {"label": {""}},
		"/settings/password":     {"current": {pw}, "password": {"short"}},
		"/settings/recovery-key": {"key_password": {"wrong one entirely"}},
	} {
		res := c.post(path, form)
		if !strings.Contains(res.body, `<option value="GB" selected>`) || !strings.Contains(res.body, `value="Europe/London"`) {
			t.Errorf("%s with an error (%d): the saved country or time zone is not shown", path, res.Code)
		}
	}
	// A prefs error keeps what was typed, not the saved values.
	expect(t, c.post("/settings/prefs", url.Values{"country": {"GB"}, "time_zone": {"Mars/Olympus"}}), 400, `value="Mars/Olympus"`)
}

func TestCheckInCareAndPartnerViolence(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.signUp("hazel", pw)
	c.post("/settings/prefs", url.Values{"country": {"GB"}})
	for _, n := range []string{"9", "10"} {
		c.post("/checkins", url.Values{"distress": {n}})
		expect(t, c.get("/today"), 200, `id="care-title"`, "tel:116123", `action="/country"`)
	}
	c.post("/checkins", url.Values{"distress": {"8"}})
	if res := c.get("/today"); strings.Contains(res.body, `id="care-title"`) {
		t.Error("a check-in of 8 brought the care panel forward")
	}
	c.post("/checkins", url.Values{"distress": {"4"}, "note": {"My husband took my passport and won't let me see my sister"}})
	res := c.get("/today")
	expect(t, res, 200, `id="care-safety-title"`, "0808 2000 247", `href="/help/safety"`)
	if strings.Contains(res.body, `id="care-title"`) {
		t.Error("partner control brought the crisis panel, not the safety one")
	}
	c.post("/checkins", url.Values{"distress": {"3"}, "note": {"He hit the gym and she is controlling the budget spreadsheet"}})
	if res := c.get("/today"); strings.Contains(res.body, `id="care-safety-title"`) {
		t.Error("a hard negative brought the safety panel forward")
	}
	expect(t, c.get("/help/safety"), 200, "Leave this page quickly", "0808 2000 247", "<title>Help · Secure Base</title>")
	expect(t, c.get("/help/more"), 200, "Emotionally Focused Therapy", `id="partner"`, "first session")
}

func TestOwnCrisisStatementNeverReassures(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.signUp("birch", pw)
	c.post("/body/statements", url.Values{"text": {"I want to die"}})
	c.post("/body/statements", url.Values{"text": {"You have come through this before"}})
	res := c.get("/body/reassure")
	expect(t, res, 200, "not used as reassurance")
	sos := c.get("/sos")
	if strings.Contains(sos.body, "I want to die") || strings.Contains(sos.body, "You have come through this before") {
		t.Fatal("an unstarred own statement is in the flow")
	}
	id := regexpMust(`name="statement" value="([^"]+)">\s*<button class="link">Add to favourites<span class="visually-hidden">: You have`).FindStringSubmatch(res.body)
	if id == nil {
		t.Fatalf("no star for the kind statement:\n%s", res.body)
	}
	expect(t, c.post("/body/favourites", url.Values{"statement": {id[1]}}), 303)
	if !strings.Contains(c.get("/sos").body, "You have come through this before") {
		t.Error("the starred own statement is not in the flow")
	}
	// Starring the crisis sentence is refused.
	bad := regexpMust(`/body/statements/([^/]+)/delete`).FindAllStringSubmatch(res.body, -1)
	for _, m := range bad {
		if m[1] != id[1] {
			expect(t, c.post("/body/favourites", url.Values{"statement": {m[1]}}), 400)
		}
	}
}
