package web_test

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestBodyPages opens every new page signed in and checks each renders
// with the tools it promises.
func TestBodyPages(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.signUp("fern", pw)
	for path, want := range map[string][]string{
		"/body":                          {"help me settle", "/body/breathe", "/body/ground", "/body/name", "/body/pause", "/body/reassure", "/body/works", "/safety-plan"},
		"/body/breathe":                  {"4-7-8 breathing", "Make your own", "light-headed"},
		"/body/breathe/4-7-8":            {"data-pacer-plan", `"offset_ms":11000`, "light-headed", `name="before"`, `name="after"`},
		"/body/breathe/resonance?rate=5": {"5 breaths a minute"},
		"/body/ground":                   {"5-4-3-2-1", "data-stepper"},
		"/body/ground?exercise=orient":   {"Orient to the room"},
		"/body/name":                     {"Stirred up", "anxious", "your body braces", "Where do you feel it", "I feel this because"},
		"/body/pause":                    {"data-pause", "What you want to say", "2 minutes"},
		"/body/reassure":                 {"Not knowing", "Add to favourites", "Write a statement of your own"},
		"/sos":                           {"data-sos", `name="before"`, "Breathe", "Ground", "Name it", `name="draft"`, `name="after"`, "Save and finish"},
		"/body/works":                    {"What works for me", "not rated yet", "No episodes yet"},
		"/safety-plan":                   {"My warning signs", "Making my surroundings safer", "Edit my plan"},
		"/safety-plan/edit":              {"My warning signs", `name="warning-signs"`},
	} {
		res := c.get(path)
		expect(t, res, 200, want...)
		if !strings.Contains(res.body, `href="/sos"`) {
			t.Errorf("%s: no I'm activated button", path)
		}
	}
	expect(t, c.get("/body/breathe/no-such"), 404)
	expect(t, c.get("/body/ground?exercise=nope"), 404)
	expect(t, c.get("/body/breathe/box?cycles=10000"), 200, "Choose from 1 to 60 rounds")
	expect(t, c.get("/body/breathe/resonance?rate=9"), 200, "4.5 to 6.5")
	// The flow works signed out too, without saving.
	res := e.client().get("/sos")
	expect(t, res, 200, "nothing is kept")
	if strings.Contains(res.body, "From your safety plan") {
		t.Error("a signed-out flow shows an empty safety plan")
	}
	res = e.client().get("/body")
	if res.Code != 303 {
		t.Fatalf("/body signed out: %d", res.Code)
	}
}

func TestManifestAndWorker(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	res := c.get("/sw.js")
	expect(t, res, 200, "sb-pages", "/static/app.css?v=", `"/sos"`, `"/safety-plan"`)
	if ct := res.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/javascript") {
		t.Errorf("sw.js content type %q", ct)
	}
	if strings.Contains(res.body, "__VERSION__") || strings.Contains(res.body, "__STATIC__") {
		t.Error("worker placeholders left in")
	}
	res = c.get("/manifest.webmanifest")
	expect(t, res, 200, `"start_url":"/today"`, `"display":"standalone"`)
	if ct := res.Header().Get("Content-Type"); ct != "application/manifest+json" {
		t.Errorf("manifest content type %q", ct)
	}
	expect(t, c.get("/"), 200, `rel="manifest"`, "offline.js")
}

func TestSOSWithoutScripts(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.signUp("holly", pw)
	form := url.Values{"id": {"sos-form-1"}, "started_at": {itoa(e.clock().Add(-90 * time.Second).UnixMilli())},
		"before": {"8"}, "calm": {"breathe"}, "pattern": {"slow-exhale"}, "exercise": {"5-4-3-2-1"},
		"region": {"unpleasant-high"}, "emotion": {"anxious"}, "because": {"no reply since nine"}, "body": {"chest", "throat"},
		"intensity": {"7"}, "statement": {"space-1"}, "read": {"1"}, "draft": {"Are you ignoring me?"}, "after": {"5"}}
	res := c.post("/sos", form)
	if res.Code != 303 || res.Header().Get("Location") != "/sos/episodes/sos-form-1" {
		t.Fatalf("save: %d %s\n%s", res.Code, res.Header().Get("Location"), res.body)
	}
	res = c.get("/sos/episodes/sos-form-1")
	expect(t, res, 200, "Saved.", "8 of 10", "5 of 10", "Down by 3", "Breathe, Name it, Reassure, Pause", "anxious",
		"no reply since nine", "Chest, Throat", "Are you ignoring me?", "took 1 min 30 s")
	if strings.Contains(res.body, `class="care"`) {
		t.Fatal("care panel at distress 5 with calm words")
	}
	// Sent twice (a double tap, a retry): stored once.
	c.post("/sos", form)
	n, _ := e.db.CountEntries(t.Context(), actorOf(t, e, "holly"), "episode")
	if n != 1 {
		t.Fatalf("%d episodes after a replay, want 1", n)
	}
	expect(t, c.get("/body/works"), 200, "Saved.", "down by 3.0", "sos-form-1")

	// Still 8 or more at the end: lines and plan come forward.
	c.post("/safety-plan", url.Values{"version": {"0"}, "ask-for-help": {"Call Sam: 021 555 0101"}})
	form.Set("id", "sos-form-2")
	form.Set("after", "9")
	form.Set("draft", "")
	c.post("/sos", form)
	expect(t, c.get("/sos/episodes/sos-form-2"), 200, `class="care"`, "Call Sam: 021 555 0101", "call your local emergency number")
	// Crisis language, calm number: the lines come forward too.
	form.Set("id", "sos-form-3")
	form.Set("after", "3")
	form.Set("because", "I want to kill myself")
	c.post("/sos", form)
	expect(t, c.get("/sos/episodes/sos-form-3"), 200, `class="care"`)
	if strings.Contains(e.logs.String(), "kill myself") || strings.Contains(e.logs.String(), "Sam") {
		t.Fatal("the log holds the person's words")
	}
}

func TestSOSBadInput(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.signUp("ivy", pw)
	big := strings.Repeat("a", 2001)
	for _, tc := range []struct {
		form url.Values
		code int
		want string
	}{
		{url.Values{"before": {"11"}, "because": {"kept words"}}, 400, "from 0 to 10"},
		{url.Values{"before": {"-1"}, "because": {"kept words"}}, 400, "from 0 to 10"},
		{url.Values{"after": {"seven"}, "because": {"kept words"}}, 400, "from 0 to 10"},
		{url.Values{"because": {big}}, 400, "Keep this to 2,000 characters"},
		{url.Values{"body": {"elbow"}, "because": {"kept words"}}, 400, "places in the body"},
	} {
		res := c.post("/sos", tc.form)
		expect(t, res, tc.code, tc.want)
		if b := tc.form.Get("because"); len(b) < 100 && !strings.Contains(res.body, b) {
			t.Errorf("the text typed was lost: %s", res.body)
		}
	}
	// 500,000 characters: over the body limit, refused whole.
	res := c.do("POST", "/sos", strings.NewReader("because="+strings.Repeat("x", 500_000)), "application/x-www-form-urlencoded")
	expect(t, res, 413, "more than we can take")
	// An empty flow (every step skipped) is still an episode.
	res = c.post("/sos", url.Values{})
	if res.Code != 303 {
		t.Fatalf("empty flow: %d\n%s", res.Code, res.body)
	}
}

func TestToolUseAndWorks(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.signUp("juniper", pw)
	start := itoa(e.clock().Add(-2 * time.Minute).UnixMilli())
	for _, f := range []url.Values{
		{"tool": {"breathe"}, "pattern": {"4-7-8"}, "before": {"7"}, "after": {"4"}, "started_at": {start}},
		{"tool": {"breathe"}, "pattern": {"box"}, "before": {"6"}, "after": {"4"}, "started_at": {start}},
		{"tool": {"ground"}, "exercise": {"orient"}, "before": {"6"}, "after": {"6"}},
		{"tool": {"name"}, "emotion": {"lonely"}, "because": {"quiet house"}, "body": {"chest"}, "intensity": {"6"}},
		{"tool": {"pause"}, "draft": {"why haven't you answered"}, "before": {"8"}, "after": {"6"}},
		{"tool": {"reassure"}, "before": {"5"}, "after": {"3"}},
	} {
		res := c.post("/body/log", f)
		if res.Code != 303 {
			t.Fatalf("log %v: %d\n%s", f, res.Code, res.body)
		}
	}
	res := c.get("/body/works")
	expect(t, res, 200, "down by 2.5", "(2 rated)", "no change", "down by 2.0")
	// Bad input re-renders the tool with what was typed.
	expect(t, c.post("/body/log", url.Values{"tool": {"pause"}, "before": {"12"}, "draft": {"my unsent words"}}), 400, "my unsent words", "from 0 to 10")
	expect(t, c.post("/body/log", url.Values{"tool": {"name"}, "emotion_own": {strings.Repeat("w", 41)}, "because": {"still here"}}), 400, "still here", "40 characters")
	expect(t, c.post("/body/log", url.Values{"tool": {"breathe"}, "pattern": {"4-7-8"}, "after": {"x"}}), 400, "4-7-8 breathing")
	expect(t, c.post("/body/log", url.Values{"tool": {"dance"}}), 400)
	// The best calming tool comes first in the flow once there is data.
	res = c.get("/sos")
	if i, j := strings.Index(res.body, `data-calm="breathe"`), strings.Index(res.body, `data-calm="ground"`); i < 0 || j < 0 || i > j {
		t.Fatalf("breathe (down 2.5) should come before ground (no change)")
	}
	expect(t, res, 200, "This has helped you most so far.")
	// High distress at the end of a single tool brings the lines forward.
	c.post("/body/log", url.Values{"tool": {"breathe"}, "pattern": {"box"}, "after": {"9"}})
	expect(t, c.get("/body/works"), 200, `class="care"`)
}

func TestPatternsStatementsFavouritesPlan(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.signUp("laurel", pw)
	// Own pattern: bad ones keep the form and say what to change.
	res := c.post("/body/patterns", url.Values{"name": {"Zero"}, "cycles": {"4"}, "phases.0.kind": {"in"}, "phases.0.seconds": {"0"}, "phases.1.kind": {"out"}, "phases.1.seconds": {"0"}})
	expect(t, res, 400, "Give the breath in and the breath out some time", `value="Zero"`)
	res = c.post("/body/patterns", url.Values{"name": {"Ten thousand"}, "cycles": {"10000"}, "phases.0.kind": {"in"}, "phases.0.seconds": {"4"}, "phases.1.kind": {"out"}, "phases.1.seconds": {"6"}})
	expect(t, res, 400, "Choose from 1 to 60 rounds", `value="10000"`)
	res = c.post("/body/patterns", url.Values{"name": {"Evening breath"}, "cycles": {"6"}, "phases.0.kind": {"in"}, "phases.0.seconds": {"4,5"}, "phases.1.kind": {"out"}, "phases.1.seconds": {"7"}})
	if res.Code != 303 {
		t.Fatalf("pattern: %d\n%s", res.Code, res.body)
	}
	loc := res.Header().Get("Location")
	expect(t, c.get(loc), 200, "Evening breath", "in 4.5, out 7", `"offset_ms":4500`)
	expect(t, c.get("/body/breathe"), 200, "Evening breath")

	// Statements and favourites.
	expect(t, c.post("/body/statements", url.Values{"text": {"   "}}), 400, "Write a few words first")
	expect(t, c.post("/body/statements", url.Values{"text": {strings.Repeat("b", 281)}}), 400, "Keep this to 280")
	c.post("/body/statements", url.Values{"text": {"You have been here before and it passed."}})
	c.post("/body/favourites", url.Values{"statement": {"worth-3"}})
	c.post("/body/favourites", url.Values{"statement": {"worth-3"}})
	res = c.get("/body/reassure")
	expect(t, res, 200, "Your favourites", "You have been here before and it passed.", "Remove from favourites")
	expect(t, c.get("/sos"), 200, "Your needs are real, and they make sense.")
	expect(t, c.post("/body/favourites", url.Values{"statement": {"nope-1"}}), 400)

	// Safety plan: create, update with the version, a stale version keeps the text.
	expect(t, c.post("/safety-plan", url.Values{"version": {"0"}, "warning-signs": {"I stop eating"}}), 303)
	expect(t, c.get("/safety-plan"), 200, "I stop eating", "Your safety plan is saved.")
	expect(t, c.post("/safety-plan", url.Values{"version": {"1"}, "warning-signs": {"I stop eating and sleeping"}}), 303)
	expect(t, c.post("/safety-plan", url.Values{"version": {"1"}, "warning-signs": {"typed on my phone"}}), 409, "typed on my phone")
	expect(t, c.post("/safety-plan", url.Values{"version": {"0"}, "warning-signs": {"second first save"}}), 409, "second first save")
	expect(t, c.post("/safety-plan", url.Values{"version": {"2"}, "on-my-own": {strings.Repeat("z", 4001)}}), 400, "4,000 characters")
	c.post("/safety-plan", url.Values{"version": {"2"}, "warning-signs": {"I want to die"}})
	expect(t, c.get("/safety-plan"), 200, `class="care"`)
}

func TestBodyAPI(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.signUp("maple", pw)
	api := e.client()
	api.header.Set("Authorization", "Bearer "+regexpFind(t, `sbp_[A-Za-z0-9_-]{43}`, c.post("/settings/tokens", url.Values{"label": {"phone"}}).body))

	ep := `{"id":"offline-ep-1","started_at":"2026-11-21T23:30:00Z","ended_at":"2026-11-21T23:31:10Z","before":9,"after":6,` +
		`"tools":["breathe","name","pause"],"pattern":"4-7-8","emotion":"abandoned","because":"no reply","body":["chest"],"intensity":8,"draft":"call me"}`
	res := api.json("POST", "/api/v1/episodes", ep)
	expect(t, res, 201, `"crisis":false`, `"id":"offline-ep-1"`, `"occurred_at":"2026-11-21T23:30:00Z"`)
	// Replayed from an offline queue: 200 with the stored one, no double.
	expect(t, api.json("POST", "/api/v1/episodes", ep), 200, `"because":"no reply"`)
	var list map[string][]map[string]any
	json.Unmarshal([]byte(api.get("/api/v1/episodes").body), &list)
	if len(list["episodes"]) != 1 {
		t.Fatalf("episodes after replay: %d", len(list["episodes"]))
	}
	expect(t, api.json("POST", "/api/v1/episodes", `{"started_at":"2026-11-21T23:30:00Z","ended_at":"2026-11-21T23:31:00Z","because":"I want to end my life"}`), 201, `"crisis":true`)
	for body, code := range map[string]int{
		`{"started_at":"2026-11-21T23:30:00Z","ended_at":"2026-11-21T23:31:00Z","before":11}`:         400,
		`{"started_at":"2026-11-21T23:30:00Z","ended_at":"2026-11-21T23:31:00Z","after":-1}`:          400,
		`{"started_at":"2026-11-21T23:30:00Z","ended_at":"2026-11-21T23:29:00Z"}`:                     400,
		`{"ended_at":"2026-11-21T23:29:00Z"}`:                                                         400,
		`{"started_at":"2026-11-21T23:30:00Z","ended_at":"2026-11-21T23:31:00Z","tools":["dance"]}`:   400,
		`{"started_at":"2026-11-21T23:30:00Z","ended_at":"2026-11-21T23:31:00Z","exercise":"nope"}`:   400,
		`{"started_at":"2026-11-21T23:30:00Z","ended_at":"2026-11-21T23:31:00Z","mood":"x"}`:          400,
		`{"started_at":"2026-11-21T23:30:00Z","ended_at":"2026-11-21T23:31:00Z","because":""}`:        201,
		`{"id":"bad id","started_at":"2026-11-21T23:30:00Z","ended_at":"2026-11-21T23:31:00Z"}`:       400,
		`{"id":"offline-ep-1","started_at":"2026-11-21T23:30:00Z","ended_at":"2026-11-21T23:31:00Z"}`: 200,
	} {
		if res := api.json("POST", "/api/v1/episodes", body); res.Code != code {
			t.Errorf("POST %s = %d, want %d\n%s", body, res.Code, code, res.body)
		}
	}
	res = api.json("POST", "/api/v1/episodes", `{"started_at":"2026-11-21T23:30:00Z","ended_at":"2026-11-21T23:31:00Z","because":"`+strings.Repeat("r", 2001)+`"}`)
	expect(t, res, 400, `"because"`)
	res = api.json("POST", "/api/v1/episodes", `{"started_at":"2026-11-21T23:30:00Z","ended_at":"2026-11-21T23:31:00Z","because":"`+strings.Repeat("r", 500_000)+`"}`)
	expect(t, res, 413, `"too_large"`)

	// Patterns: the practice rules apply; a zero-length breath and 10,000 rounds are refused.
	expect(t, api.json("POST", "/api/v1/patterns", `{"name":"Zero","phases":[{"kind":"in","seconds":0},{"kind":"out","seconds":0}],"cycles":4}`), 400, "some time")
	expect(t, api.json("POST", "/api/v1/patterns", `{"name":"Long","phases":[{"kind":"in","seconds":4},{"kind":"out","seconds":6}],"cycles":10000}`), 400, "1 to 60 rounds")
	expect(t, api.json("POST", "/api/v1/patterns", `{"name":"Long","phases":[{"kind":"in","seconds":20},{"kind":"out","seconds":20}],"cycles":60}`), 400, "30 minutes")
	res = api.json("POST", "/api/v1/patterns", `{"id":"calm-1","name":"Calm","phases":[{"kind":"in","seconds":4},{"kind":"out","seconds":6}],"cycles":5}`)
	expect(t, res, 201, `"crisis":false`)
	expect(t, api.json("PUT", "/api/v1/patterns/calm-1", `{"name":"Calmer","phases":[{"kind":"in","seconds":4},{"kind":"out","seconds":8}],"cycles":5,"version":1}`), 200, `"version":2`, "Calmer")
	expect(t, c.get("/body/breathe/calm-1"), 200, "Calmer", "in 4, out 8")

	// Statements, favourites, plan, works.
	expect(t, api.json("POST", "/api/v1/statements", `{"text":"You are allowed to wait."}`), 201)
	expect(t, api.json("POST", "/api/v1/statements", `{"text":""}`), 400)
	expect(t, api.json("PUT", "/api/v1/favourites/space-2", ""), 201)
	expect(t, api.json("PUT", "/api/v1/favourites/space-2", ""), 200)
	expect(t, api.json("PUT", "/api/v1/favourites/nope-9", ""), 404)
	expect(t, api.get("/api/v1/favourites"), 200, `"space-2"`)
	expect(t, api.json("DELETE", "/api/v1/favourites/space-2", ""), 204)
	expect(t, api.get("/api/v1/plan"), 200, `"version":0`)
	expect(t, api.json("PUT", "/api/v1/plan", `{"sections":{"warning-signs":"pacing"},"version":0}`), 200, `"version":1`, `"crisis":false`)
	expect(t, api.json("PUT", "/api/v1/plan", `{"sections":{"warning-signs":"pacing"},"version":0}`), 409)
	expect(t, api.json("PUT", "/api/v1/plan", `{"sections":{"favourite-food":"soup"},"version":1}`), 400)
	expect(t, api.json("PUT", "/api/v1/plan", `{"sections":{"warning-signs":"I have pills ready to end it"},"version":1}`), 200, `"crisis":true`)
	expect(t, api.get("/api/v1/works"), 200, `"tool":"breathe"`, `"average_change":-3`)
}

func TestBodyIsolation(t *testing.T) {
	e := newEnv(t)
	a, b := e.client(), e.client()
	a.signUp("oak", pw)
	b.signUp("elm", pw)
	a.post("/sos", url.Values{"id": {"oak-ep"}, "because": {"oak's private words"}})
	a.post("/body/patterns", url.Values{"id": {"oak-pat"}, "name": {"Oak breath"}, "cycles": {"4"}, "phases.0.kind": {"in"}, "phases.0.seconds": {"4"}, "phases.1.kind": {"out"}, "phases.1.seconds": {"6"}})
	a.post("/body/statements", url.Values{"id": {"oak-st"}, "text": {"oak's private statement"}})
	ids := map[string]string{"episode": "oak-ep", "pattern": "oak-pat", "statement": "oak-st"}
	n := 0
	for _, rt := range e.srv.Routes() {
		id, ok := ids[rt.Owned]
		if !ok {
			continue
		}
		n++
		path := strings.Replace(rt.Pattern, "{id}", id, 1)
		var res *response
		switch rt.Method {
		case "GET":
			res = b.get(path)
		case "POST":
			res = b.post(path, url.Values{})
		default:
			b.header.Set("Authorization", "")
			res = b.json(rt.Method, path, `{}`)
		}
		if res.Code != 404 || strings.Contains(res.body, "oak") {
			t.Errorf("%s %s as another person: %d", rt.Method, path, res.Code)
		}
	}
	if n < 10 {
		t.Fatalf("only %d owned routes checked", n)
	}
	expect(t, a.get("/sos/episodes/oak-ep"), 200, "oak&#39;s private words")
}

func TestBodyExportImport(t *testing.T) {
	e := newEnv(t)
	a := e.client()
	a.signUp("rowan", pw)
	a.post("/sos", url.Values{"id": {"ep-1"}, "before": {"8"}, "after": {"4"}, "calm": {"ground"}, "emotion": {"lonely"}, "draft": {"miss you"}})
	a.post("/body/log", url.Values{"tool": {"breathe"}, "pattern": {"box"}, "before": {"6"}, "after": {"3"}})
	a.post("/body/patterns", url.Values{"name": {"Mine"}, "cycles": {"3"}, "phases.0.kind": {"in"}, "phases.0.seconds": {"4"}, "phases.1.kind": {"out"}, "phases.1.seconds": {"6"}})
	a.post("/body/statements", url.Values{"text": {"You are allowed to rest."}})
	a.post("/body/favourites", url.Values{"statement": {"passing-1"}})
	a.post("/safety-plan", url.Values{"version": {"0"}, "professionals": {"Dr Lee, 555 0199"}})
	first := a.get("/settings/export.json")
	expect(t, first, 200, `"kind":"episode"`, `"kind":"tooluse"`, `"kind":"pattern"`, `"kind":"statement"`, `"kind":"favourite"`, `"kind":"plan"`)
	expect(t, a.get("/settings/export.html"), 200, "I&#39;m activated: episodes", "Your safety plan", "Dr Lee, 555 0199", "miss you")

	b := e.client()
	b.signUp("rowan2", pw)
	upload := func(data string) *response { return uploadExport(b, data) }
	expect(t, upload(first.body), 200, "6 entries were added")
	expect(t, upload(first.body), 200, "0 entries were added")
	second := b.get("/settings/export.json")
	sameEntries(t, first.body, second.body)
	expect(t, b.get("/safety-plan"), 200, "Dr Lee, 555 0199")
	expect(t, b.get("/body/works"), 200, "down by 4.0", "down by 3.0")
	// A pattern in a file that breaks the rules is refused before anything is stored.
	bad := `{"format":"securebase-export","version":1,"entries":[{"id":"p1","kind":"pattern","occurred_at":"2026-01-01T00:00:00Z","data":{"name":"x","phases":[{"kind":"in","seconds":4}],"cycles":10000}}]}`
	expect(t, upload(bad), 400)
}
