package web_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

const pw = "the kettle is on again"

func TestPublicPagesAndHeaders(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	for path, code := range map[string]int{"/": 200, "/help": 200, "/signin": 200, "/signup": 200, "/reset": 200,
		"/no-such-page": 404, "/help?country=NZ": 200, "/help?country=XX": 404} {
		res := c.get(path)
		if res.Code != code {
			t.Errorf("GET %s = %d, want %d", path, res.Code, code)
		}
		h := res.Header()
		csp := h.Get("Content-Security-Policy")
		if !strings.Contains(csp, "script-src 'self' 'nonce-") || !strings.Contains(csp, "frame-ancestors 'none'") ||
			strings.Contains(csp, "unsafe") {
			t.Errorf("%s: CSP %q", path, csp)
		}
		nonce := csp[strings.Index(csp, "nonce-")+6:]
		nonce = nonce[:strings.Index(nonce, "'")]
		if !strings.Contains(res.body, `nonce="`+nonce+`"`) {
			t.Errorf("%s: the page's script does not carry this response's nonce", path)
		}
		for k, v := range map[string]string{"X-Content-Type-Options": "nosniff", "Cache-Control": "no-store",
			"Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY"} {
			if h.Get(k) != v {
				t.Errorf("%s: %s = %q, want %q", path, k, h.Get(k), v)
			}
		}
		if !strings.Contains(res.body, `href="/help"`) {
			t.Errorf("%s: no Help now link", path)
		}
	}
	if n1, n2 := c.get("/").Header().Get("Content-Security-Policy"), c.get("/").Header().Get("Content-Security-Policy"); n1 == n2 {
		t.Error("the CSP nonce must change per response")
	}
	expect(t, c.get("/help?country=NZ"), 200, "New Zealand")
	res := c.get("/static/app.css?v=wrong")
	if res.Code != 200 || res.Header().Get("Cache-Control") != "no-cache" {
		t.Errorf("static with a stale version: %d %q", res.Code, res.Header().Get("Cache-Control"))
	}
	expect(t, c.get("/healthz"), 200, `"ok"`)
	expect(t, c.get("/readyz"), 200, `"ready"`)
	// Signed-in pages send a visitor to sign in and back.
	res = c.get("/today")
	if res.Code != http.StatusSeeOther || res.Header().Get("Location") != "/signin?next=%2Ftoday" {
		t.Fatalf("GET /today signed out: %d %s", res.Code, res.Header().Get("Location"))
	}
}

func TestAccountJourney(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	key := c.signUp("Juniper", pw)
	if _, ok := c.cookies["__Host-sb"]; !ok {
		t.Fatalf("no __Host-sb cookie: %v", c.cookies)
	}
	expect(t, c.get("/today"), 200, "Quick check-in")

	// Check in, see it, edit it, delete it.
	res := c.post("/checkins", url.Values{"distress": {"7"}, "note": {"no reply since nine, chest tight"}})
	if res.Code != http.StatusSeeOther {
		t.Fatalf("check in: %d\n%s", res.Code, res.body)
	}
	res = c.get("/today")
	expect(t, res, 200, "Check-in saved.", "no reply since nine, chest tight", "Distress 7 of 10")
	id := idRE.FindStringSubmatch(res.body)[1]
	expect(t, c.get("/checkins/"+id+"/edit"), 200, "no reply since nine")
	res = c.post("/checkins/"+id, url.Values{"distress": {"4"}, "note": {"breathed, calmer"}, "time": {"23:10"}, "version": {"1"}})
	if res.Code != http.StatusSeeOther {
		t.Fatalf("update: %d\n%s", res.Code, res.body)
	}
	expect(t, c.get("/today"), 200, "breathed, calmer", "23:10")
	// A stale version conflicts and keeps the new text on the page.
	res = c.post("/checkins/"+id, url.Values{"distress": {"2"}, "note": {"edited on my phone too"}, "version": {"1"}})
	expect(t, res, http.StatusConflict, "edited on my phone too", "changed in another window")

	// Sign out; the old cookie no longer works; sign in; the check-in is there.
	old := c.cookies["__Host-sb"]
	c.post("/signout", nil)
	c.cookies["__Host-sb"] = old
	if res := c.get("/today"); res.Code != http.StatusSeeOther {
		t.Fatalf("reused a signed-out session: %d", res.Code)
	}
	res = c.post("/signin", url.Values{"username": {"juniper"}, "password": {pw}})
	if res.Code != http.StatusSeeOther {
		t.Fatalf("sign in: %d\n%s", res.Code, res.body)
	}
	expect(t, c.get("/today"), 200, "breathed, calmer")

	// Reset the password with the recovery key; the writing survives.
	c2 := e.client()
	res = c2.post("/reset", url.Values{"username": {"juniper"}, "recovery_key": {strings.ToLower(key)}, "password": {"a whole new password"}})
	if res.Code != http.StatusSeeOther {
		t.Fatalf("reset: %d\n%s", res.Code, res.body)
	}
	expect(t, c2.get("/today"), 200, "breathed, calmer")
	if res := c.get("/today"); res.Code != http.StatusSeeOther {
		t.Fatal("the old browser stayed signed in after a reset")
	}

	// Delete, confirmed by the password.
	expect(t, c2.post("/settings/delete", url.Values{"confirm": {"juniper"}}), 400, "Type your password to confirm")
	expect(t, c2.post("/settings/delete", url.Values{"password": {pw}}), 401, "doesn&#39;t match")
	res = c2.post("/settings/delete", url.Values{"password": {"a whole new password"}})
	if res.Code != http.StatusSeeOther {
		t.Fatalf("delete: %d\n%s", res.Code, res.body)
	}
	expect(t, c.post("/signin", url.Values{"username": {"juniper"}, "password": {"a whole new password"}}), 401)
}

func TestBadInputKeepsWhatWasTyped(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.signUp("maple", pw)
	d := e.client()
	expect(t, d.post("/signup", url.Values{"username": {"maple"}, "password": {pw}}), 409, "That username is taken", `value="maple"`)
	expect(t, d.post("/signup", url.Values{"username": {"birch"}, "password": {"short"}}), 400, "at least 8 characters", `value="birch"`)
	expect(t, d.post("/signup", url.Values{"username": {"birch"}, "password": {"iloveyou1"}}), 400, "common passwords")
	expect(t, d.post("/signin", url.Values{"username": {"maple"}, "password": {"wrong wrong"}}), 401, "don&#39;t match", `value="maple"`)
	expect(t, d.post("/reset", url.Values{"username": {"maple"}, "recovery_key": {"AAAA-BBBB"}, "password": {"new password here"}}),
		401, "recovery key don", `value="AAAA-BBBB"`)

	note := "words I don't want to lose <b>&amp;</b>"
	for _, distress := range []string{"11", "-1", "seven", ""} {
		res := c.post("/checkins", url.Values{"distress": {distress}, "note": {note}})
		expect(t, res, 400, "from 0", "words I don&#39;t want to lose &lt;b&gt;&amp;amp;&lt;/b&gt;")
	}
	expect(t, c.post("/checkins", url.Values{"distress": {"3"}, "note": {strings.Repeat("a", 2001)}}), 400, "Keep this to 2,000 characters")
	expect(t, c.post("/settings/prefs", url.Values{"country": {"ZZ"}, "time_zone": {"Mars/Olympus"}}), 400,
		"crisis lines for that country", "time zone", `value="Mars/Olympus"`)
	expect(t, c.get("/today?day=2026-13-45"), 400, "couldn&#39;t read that date")
	expect(t, c.get("/checkins/not!valid/edit"), 404)
	res := c.do("POST", "/checkins", strings.NewReader("distress=3&note="+strings.Repeat("x", 300<<10)), "application/x-www-form-urlencoded")
	expect(t, res, 413, "more than we can take")
	res = c.do("POST", "/checkins", strings.NewReader("%zz=%"), "application/x-www-form-urlencoded")
	if res.Code != 400 {
		t.Fatalf("malformed form: %d", res.Code)
	}
}

func TestExpiredSessionKeepsTheWriting(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.signUp("willow", pw)
	e.advance(15 * 24 * time.Hour) // longer than the idle timeout
	res := c.post("/checkins", url.Values{"distress": {"6"}, "note": {"I typed this before the session ended"}})
	expect(t, res, 401, "Your session ended", `name="carry.note" value="I typed this before the session ended"`)
	res = c.post("/signin", url.Values{"username": {"willow"}, "password": {pw}, "next": {"/checkins"},
		"carry.note": {"I typed this before the session ended"}, "carry.distress": {"6"}})
	expect(t, res, 200, "Save what you wrote", "I typed this before the session ended", `action="/checkins"`)
}

func TestCrossOriginPostRefused(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.signUp("cedar", pw)
	c.header.Set("Sec-Fetch-Site", "cross-site")
	expect(t, c.post("/checkins", url.Values{"distress": {"1"}}), 403, "came from another site")
	c.header.Del("Sec-Fetch-Site")
	c.header.Set("Origin", "https://evil.example")
	if res := c.post("/checkins", url.Values{"distress": {"1"}}); res.Code != 403 {
		t.Fatalf("foreign Origin: %d", res.Code)
	}
}

func TestCrisisLanguageBringsHelpForward(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.signUp("aspen", pw)
	c.post("/checkins", url.Values{"distress": {"9"}, "note": {"I just want to die"}})
	expect(t, c.get("/today"), 200, "Check-in saved.", `id="care-title"`, "I just want to die")
	c.post("/checkins", url.Values{"distress": {"3"}, "note": {"I'd kill for a coffee"}})
	if res := c.get("/today"); strings.Contains(res.body, `id="care-title"`) {
		t.Fatal("an idiom brought the crisis panel forward")
	}
	if strings.Contains(e.logs.String(), "die") {
		t.Fatal("the log holds the user's words")
	}
}

func TestIsolationBetweenUsers(t *testing.T) {
	e := newEnv(t)
	a, b := e.client(), e.client()
	a.signUp("oak", pw)
	b.signUp("elm", pw)
	a.post("/checkins", url.Values{"distress": {"5"}, "note": {"oak's private words"}})
	id := idRE.FindStringSubmatch(a.get("/today").body)[1]
	for _, res := range []*response{
		b.get("/checkins/" + id + "/edit"),
		b.post("/checkins/"+id, url.Values{"distress": {"1"}, "note": {"x"}, "version": {"1"}}),
		b.post("/checkins/"+id+"/delete", nil),
	} {
		if res.Code != 404 || strings.Contains(res.body, "oak's private") {
			t.Fatalf("another user's check-in: %d", res.Code)
		}
	}
	expect(t, a.get("/today"), 200, "oak&#39;s private words")
}

func TestAPI(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.signUp("rowan", pw)
	res := c.post("/settings/tokens", url.Values{"label": {"phone app"}})
	token := regexpFind(t, `sbp_[A-Za-z0-9_-]{43}`, res.body)
	api := e.client()
	expect(t, api.get("/api/v1/checkins"), 401, `"unauthorized"`)
	api.header.Set("Authorization", "Bearer "+token)
	expect(t, api.get("/api/v1/me"), 200, `"rowan"`)

	res = api.json("POST", "/api/v1/checkins", `{"id":"offline-1","distress":8,"note":"from the bus"}`)
	expect(t, res, 201, `"crisis":false`, `"version":1`)
	expect(t, api.json("POST", "/api/v1/checkins", `{"id":"offline-1","distress":8,"note":"from the bus"}`), 200, `"from the bus"`)
	expect(t, api.json("POST", "/api/v1/checkins", `{"distress":2,"note":"I want to kill myself"}`), 201, `"crisis":true`)
	for body, code := range map[string]int{`{"distress":11}`: 400, `{"note":"x"}`: 400, `{"distress":"3"}`: 400,
		`{"distress":3,"extra":1}`: 400, `not json`: 400, `{"distress":3} {}`: 400, `{"id":"bad id!","distress":1}`: 400} {
		if res := api.json("POST", "/api/v1/checkins", body); res.Code != code {
			t.Errorf("POST %s = %d, want %d", body, res.Code, code)
		}
	}
	var list struct {
		CheckIns []struct {
			ID      string `json:"id"`
			Version int    `json:"version"`
		} `json:"checkins"`
		Next string `json:"next"`
	}
	res = api.get("/api/v1/checkins?limit=1")
	if err := json.Unmarshal([]byte(res.body), &list); err != nil || len(list.CheckIns) != 1 || list.Next == "" {
		t.Fatalf("list: %v %s", err, res.body)
	}
	res = api.get("/api/v1/checkins?limit=5&after=" + url.QueryEscape(list.Next))
	json.Unmarshal([]byte(res.body), &list)
	if len(list.CheckIns) != 1 {
		t.Fatalf("second page: %s", res.body)
	}
	expect(t, api.json("PUT", "/api/v1/checkins/offline-1", `{"distress":3,"note":"home now","version":1}`), 200, `"version":2`)
	expect(t, api.json("PUT", "/api/v1/checkins/offline-1", `{"distress":3,"version":1}`), 409)
	expect(t, api.json("DELETE", "/api/v1/checkins/offline-1", ""), 204)
	expect(t, api.get("/api/v1/checkins/offline-1"), 404)
	expect(t, api.get("/api/v1/checkins?limit=0"), 400)
	expect(t, api.get("/api/v1/export"), 200, `"format":"securebase-export"`)
}

func TestExportImportRoundTrip(t *testing.T) {
	e := newEnv(t)
	a := e.client()
	a.signUp("hazel", pw)
	a.post("/settings/prefs", url.Values{"country": {"IE"}, "time_zone": {"Europe/Dublin"}})
	for i, note := range []string{"first, with \"quotes\" and ünïcode", "second\nwith a new line", ""} {
		a.post("/checkins", url.Values{"distress": {string(rune('0' + i))}, "note": {note}})
		e.advance(time.Hour)
	}
	first := a.get("/settings/export.json")
	expect(t, first, 200, `"securebase-export"`, "ünïcode")
	expect(t, a.get("/settings/export.html"), 200, "second\nwith a new line")

	b := e.client()
	b.signUp("hazel2", pw)
	upload := func(data string) *response { return uploadExport(b, data) }
	expect(t, upload(first.body), 200, "3 entries were added")
	expect(t, upload(first.body), 200, "0 entries were added", "3 were already here")
	expect(t, upload(`{"format":"something else"}`), 400, "isn&#39;t a Secure Base export")
	expect(t, upload(`{"format":"securebase-export","version":1,"entries":[{"id":"x","kind":"checkin","occurred_at":"2026-01-01T00:00:00Z","data":{"distress":99}}]}`), 400)

	second := b.get("/settings/export.json")
	x2 := sameEntries(t, first.body, second.body)
	p2, _ := json.Marshal(x2["account"].(map[string]any)["prefs"])
	if string(p2) != `{"country":"IE","time_zone":"Europe/Dublin"}` {
		t.Fatalf("prefs after import: %s", p2)
	}
}

func regexpFind(t *testing.T, pattern, s string) string {
	t.Helper()
	m := regexpMust(pattern).FindString(s)
	if m == "" {
		t.Fatalf("no %s in\n%s", pattern, s)
	}
	return m
}
