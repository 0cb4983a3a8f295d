package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// uploadExport sends an export file to the import form.
func uploadExport(c *client, data string) *response {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("file", "export.json")
	fw.Write([]byte(data))
	mw.Close()
	return c.do("POST", "/settings/import", &buf, mw.FormDataContentType())
}

// mixed is the hand-scored ECR-R answer set of assess's TestScoreVectors:
// anxiety 93/18 = 5.1667, avoidance 44/18 = 2.4444.
var mixed = []int{
	6, 7, 5, 6, 7, 6, 5, 4, 2, 3, 1, 5, 4, 6, 5, 3, 6, 2,
	2, 6, 3, 7, 1, 2, 1, 6, 5, 7, 6, 4, 5, 2, 3, 2, 7, 5,
}

var (
	attemptRE = regexp.MustCompile(`^/attachment/attempts/([a-z2-7]{26})$`)
	itemRE    = regexp.MustCompile(`name="q(\d+)" value="1"`)
	screenRE  = regexp.MustCompile(`Screen (\d+) of (\d+)`)
)

// start begins an attempt and returns its id.
func (c *client) start(instrument, about string) string {
	c.e.t.Helper()
	res := c.post("/attachment/attempts", url.Values{"instrument": {instrument}, "about": {about}})
	m := attemptRE.FindStringSubmatch(res.Header().Get("Location"))
	if res.Code != http.StatusSeeOther || m == nil {
		c.e.t.Fatalf("start %s: %d %q\n%s", instrument, res.Code, res.Header().Get("Location"), res.body)
	}
	return m[1]
}

// screenItems returns the item numbers a screen shows, in order.
func screenItems(t *testing.T, body string) []int {
	t.Helper()
	var out []int
	for _, m := range itemRE.FindAllStringSubmatch(body, -1) {
		n, _ := strconv.Atoi(m[1])
		out = append(out, n)
	}
	if len(out) == 0 {
		t.Fatalf("no items on the screen\n%s", body)
	}
	return out
}

// answerScreen posts answers for the items of one screen.
func (c *client) answerScreen(id string, screen int, items []int, answers []int, move string) *response {
	form := url.Values{"page": {strconv.Itoa(screen)}, "go": {move}}
	for _, n := range items {
		form.Set("q"+strconv.Itoa(n), strconv.Itoa(answers[n-1]))
	}
	return c.post("/attachment/attempts/"+id, form)
}

// takeAll answers every screen of an attempt and returns the result page.
func (c *client) takeAll(id string, answers []int) *response {
	c.e.t.Helper()
	for screen := 1; ; screen++ {
		page := c.get("/attachment/attempts/" + id + "?page=" + strconv.Itoa(screen))
		expect(c.e.t, page, 200, "Screen "+strconv.Itoa(screen)+" of")
		m := screenRE.FindStringSubmatch(page.body)
		last := m[1] == m[2]
		move := "next"
		if last {
			move = "finish"
		}
		res := c.answerScreen(id, screen, screenItems(c.e.t, page.body), answers, move)
		if res.Code != http.StatusSeeOther {
			c.e.t.Fatalf("screen %d: %d\n%s", screen, res.Code, res.body)
		}
		if last {
			if loc := res.Header().Get("Location"); loc != "/attachment/attempts/"+id+"/result" {
				c.e.t.Fatalf("after the last screen: %s", loc)
			}
			return c.get(res.Header().Get("Location"))
		}
	}
}

func TestAttemptJourney(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.signUp("linden", pw)
	expect(t, c.get("/attachment"), 200, "about ten minutes", "educational, not a diagnosis", `value="ecr-r" checked`)
	expect(t, c.get("/insights"), 200, `href="/attachment"`)

	id := c.start("ecr-r", "")
	first := c.get("/attachment/attempts/" + id)
	expect(t, first, 200, "Screen 1 of 9", "0 of 36 answered", "Your answers save as you go", "1 is strongly disagree")
	order := screenItems(t, first.body)
	if len(order) != 4 {
		t.Fatalf("screen 1 shows %d items, want 4", len(order))
	}
	// The order is stable within an attempt and differs between attempts.
	if again := screenItems(t, c.get("/attachment/attempts/"+id+"?page=1").body); !slices.Equal(again, order) {
		t.Fatalf("order changed on reload: %v then %v", order, again)
	}
	// Starting again resumes the unfinished attempt instead of a second one.
	if again := c.start("ecr-r", ""); again != id {
		t.Fatalf("a second start made a new attempt %s, want %s", again, id)
	}

	res := c.takeAll(id, mixed)
	expect(t, res, 200, "All done.", "Your result", "5.17", "2.44", "educational, not diagnostic",
		`<svg viewBox="0 0 340 340" role="img"`, `<title id="map-title">`, "often called “anxious”",
		`href="/body/breathe"`, "Fraley, R. C.", "Your results as numbers")
	if strings.Contains(res.body, "percentile") || strings.Contains(res.body, "style=") {
		t.Fatal("the result shows a percentile or an inline style")
	}
	expect(t, c.get("/attachment/attempts/"+id), http.StatusSeeOther)
	overview := c.get("/attachment")
	expect(t, overview, 200, "Your results so far", "Anxiety 5.17, avoidance 2.44", "Take it again", "once a month is plenty")

	// A month later: a second attempt, a path on the map, a gentle word.
	e.advance(40 * 24 * time.Hour)
	if res := c.post("/signin", url.Values{"username": {"linden"}, "password": {pw}}); res.Code != http.StatusSeeOther {
		t.Fatalf("sign in a month later: %d", res.Code)
	}
	expect(t, c.get("/attachment"), 200, "It has been 5 weeks since you last answered", "There&#39;s no rush")
	id2 := c.start("ecr-r", "")
	if id2 == id {
		t.Fatal("a finished attempt was resumed")
	}
	if o2 := screenItems(t, c.get("/attachment/attempts/"+id2).body); slices.Equal(o2, order) {
		t.Fatalf("two attempts share the order %v", o2)
	}
	calmer := slices.Repeat([]int{4}, 36)
	res = c.takeAll(id2, calmer)
	expect(t, res, 200, "4.00", `class="map-path"`, "A line joins all 2 results", "often called “secure”")
	expect(t, c.get("/attachment/attempts/"+id+"/result"), 200, "5.17") // the earlier result still opens

	// ECR-RS asks whom it is about and shows the name above the items.
	rs := c.start("ecr-rs", "Sam")
	expect(t, c.get("/attachment/attempts/"+rs), 200, "Screen 1 of 3", "These statements are about Sam.")
	// A name with crisis language brings help forward; the attempt starts anyway.
	res = c.post("/attachment/attempts", url.Values{"instrument": {"ecr-rs"}, "about": {"the one who makes me want to kill myself"}})
	expect(t, res, http.StatusSeeOther)
	expect(t, c.get(res.Header().Get("Location")), 200, `class="care"`, "Screen 1 of 3")
	// Discarding removes it.
	if res := c.post("/attachment/attempts/"+rs+"/delete", url.Values{"confirm": {"yes"}}); res.Code != http.StatusSeeOther {
		t.Fatalf("discard: %d", res.Code)
	}
	expect(t, c.get("/attachment/attempts/"+rs), 404)
}

func TestAttemptResumesAfterSignOut(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.signUp("poplar", pw)
	id := c.start("ecr-r", "")
	for screen := 1; screen <= 2; screen++ {
		items := screenItems(t, c.get("/attachment/attempts/"+id+"?page="+strconv.Itoa(screen)).body)
		if res := c.answerScreen(id, screen, items, mixed, "next"); res.Code != http.StatusSeeOther {
			t.Fatalf("screen %d: %d\n%s", screen, res.Code, res.body)
		}
	}
	// Two answers on screen 3, then "finish later".
	third := screenItems(t, c.get("/attachment/attempts/"+id+"?page=3").body)
	res := c.answerScreen(id, 3, third[:2], mixed, "later")
	if res.Code != http.StatusSeeOther || res.Header().Get("Location") != "/attachment" {
		t.Fatalf("later: %d %s", res.Code, res.Header().Get("Location"))
	}
	expect(t, c.get("/attachment"), 200, "Your answers are saved.", "10 of 36 answered", "Carry on where you left off")

	c.post("/signout", nil)
	if res := c.get("/attachment/attempts/" + id); res.Code != http.StatusSeeOther {
		t.Fatalf("signed out: %d", res.Code)
	}
	if res := c.post("/signin", url.Values{"username": {"poplar"}, "password": {pw}}); res.Code != http.StatusSeeOther {
		t.Fatalf("sign in: %d", res.Code)
	}
	// Without ?page= the attempt opens where it was left, with the two
	// answers still chosen.
	res = c.get("/attachment/attempts/" + id)
	expect(t, res, 200, "Screen 3 of 9", "10 of 36 answered")
	if got := screenItems(t, res.body); !slices.Equal(got, third) {
		t.Fatalf("screen 3 after sign-in shows %v, want %v", got, third)
	}
	for _, n := range third[:2] {
		want := `name="q` + strconv.Itoa(n) + `" value="` + strconv.Itoa(mixed[n-1]) + `" checked`
		if !strings.Contains(res.body, want) {
			t.Fatalf("item %d lost its answer after sign-in (%s)", n, want)
		}
	}
	expect(t, c.takeAll(id, mixed), 200, "5.17", "2.44")
}

func TestAttemptBadInput(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.signUp("sorrel", pw)
	id := c.start("ecr-r", "")
	page1 := c.get("/attachment/attempts/" + id + "?page=1")
	items := screenItems(t, page1.body)
	page2 := screenItems(t, c.get("/attachment/attempts/"+id+"?page=2").body)
	q := func(n int) string { return "q" + strconv.Itoa(n) }
	checked := func(res *response, n, v int) {
		t.Helper()
		if !strings.Contains(res.body, `name="`+q(n)+`" value="`+strconv.Itoa(v)+`" checked`) {
			t.Fatalf("item %d lost its choice %d\n%s", n, v, res.body)
		}
	}

	// A missing answer: 400, the other choices kept and saved.
	res := c.post("/attachment/attempts/"+id, url.Values{"page": {"1"}, "go": {"next"},
		q(items[0]): {"6"}, q(items[1]): {"2"}, q(items[2]): {"7"}})
	expect(t, res, 400, "Choose an answer for each statement on this screen", "Choose an answer for this statement.", `id="err-`+q(items[3])+`"`)
	checked(res, items[0], 6)
	res = c.get("/attachment/attempts/" + id + "?page=1")
	expect(t, res, 200, "3 of 36 answered")
	checked(res, items[2], 7)

	// A value outside the scale: 400, the valid choices still chosen, nothing saved.
	for _, bad := range []string{"8", "0", "-1", "seven", "4.5", "1e1"} {
		res = c.post("/attachment/attempts/"+id, url.Values{"page": {"1"}, "go": {"next"},
			q(items[0]): {"5"}, q(items[3]): {bad}})
		expect(t, res, 400, "Choose one of the points from 1 to 7")
		checked(res, items[0], 5)
	}
	checked(c.get("/attachment/attempts/"+id+"?page=1"), items[0], 6) // unchanged

	// Forged item ids: not in the questionnaire, or not on this screen.
	for _, forged := range []string{"q99", "q0", "q012", "q" + strconv.Itoa(page2[0]), "qx", "q"} {
		res = c.post("/attachment/attempts/"+id, url.Values{"page": {"1"}, "go": {"next"}, q(items[0]): {"3"}, forged: {"4"}})
		expect(t, res, 400, "didn&#39;t match the statements on this screen")
		checked(res, items[0], 3)
	}
	// Two values for one item.
	res = c.post("/attachment/attempts/"+id, url.Values{"page": {"1"}, q(items[0]): {"3", "4"}})
	expect(t, res, 400, "Choose one answer for this statement.")
	// A screen that does not exist.
	for _, p := range []string{"0", "10", "x", ""} {
		expect(t, c.post("/attachment/attempts/"+id, url.Values{"page": {p}, q(items[0]): {"3"}}), 400, "screens 1 to 9")
	}
	expect(t, c.get("/attachment/attempts/"+id+"?page=12"), 400, "screens 1 to 9")
	expect(t, c.get("/attachment/attempts/not!an!id"), 404)
	expect(t, c.get("/attachment/attempts/aaaaaaaaaaaaaaaaaaaaaaaaaa"), 404, "couldn&#39;t find that questionnaire")

	// Finishing with statements open elsewhere: the answers of this
	// screen are saved, and the message says where to go.
	last := screenItems(t, c.get("/attachment/attempts/"+id+"?page=9").body)
	res = c.answerScreen(id, 9, last, mixed, "finish")
	expect(t, res, 400, "still need an answer", "on screen 1 and after", `href="/attachment/attempts/`+id+`?page=1"`)
	expect(t, c.get("/attachment"), 200, "7 of 36 answered")

	// Starting: an unknown questionnaire, ECR-RS without a name, ECR-R with one.
	expect(t, c.post("/attachment/attempts", url.Values{"instrument": {"mbti"}}), 400, "Choose one of the questionnaires: ecr-r")
	expect(t, c.post("/attachment/attempts", url.Values{"instrument": {"ecr-rs"}, "about": {"  "}}), 400, "Write who these answers are about")
	expect(t, c.post("/attachment/attempts", url.Values{"instrument": {"ecr-r"}, "about": {"Alex"}}), 400, "doesn&#39;t take a name", `value="Alex"`)
	expect(t, c.post("/attachment/attempts", url.Values{"instrument": {"ecr-rs"}, "about": {strings.Repeat("n", 81)}}), 400, "under 80 characters")

	// A finished attempt refuses more answers: 409, and its result stands.
	res = c.takeAll(id, mixed)
	expect(t, res, 200, "5.17")
	res = c.answerScreen(id, 1, items, slices.Repeat([]int{1}, 36), "next")
	expect(t, res, 409, "already finished")
	expect(t, c.get("/attachment/attempts/"+id+"/result"), 200, "5.17", "2.44")
}

// TestAttemptIsolation runs every route whose {id} is an attempt as
// another person: each must be 404 and show none of the attempt.
func TestAttemptIsolation(t *testing.T) {
	e := newEnv(t)
	a, b := e.client(), e.client()
	a.signUp("oak", pw)
	b.signUp("elm", pw)
	const secret = "Oakley-private-name"
	id := a.start("ecr-rs", secret)
	items := screenItems(t, a.get("/attachment/attempts/"+id).body)
	a.answerScreen(id, 1, items, mixed, "next")
	before := a.get("/api/v1/attempts/" + id)
	expect(t, before, 200, secret)

	routes := 0
	for _, rt := range e.srv.Routes() {
		if rt.Owned != "attempt" {
			continue
		}
		routes++
		path := strings.Replace(rt.Pattern, "{id}", id, 1)
		var res *response
		switch {
		case strings.HasPrefix(path, "/api/"):
			res = b.json(rt.Method, path, `{"answers":{"1":1}}`)
		case rt.Method == "POST":
			res = b.post(path, url.Values{"page": {"1"}, "q" + strconv.Itoa(items[0]): {"1"}})
		default:
			res = b.get(path)
		}
		if res.Code != 404 || strings.Contains(res.body, secret) || strings.Contains(res.body, id) {
			t.Errorf("%s %s as another person: %d\n%s", rt.Method, rt.Pattern, res.Code, res.body)
		}
	}
	if routes < 8 {
		t.Fatalf("only %d attempt routes are marked Owned", routes)
	}
	if after := a.get("/api/v1/attempts/" + id); after.body != before.body {
		t.Fatalf("another person changed the attempt:\n%s\n%s", before.body, after.body)
	}
	if strings.Contains(b.get("/attachment").body, secret) || strings.Contains(b.get("/api/v1/attempts").body, secret) {
		t.Fatal("another person's list shows the attempt")
	}
}

func TestAttemptAPI(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.signUp("juniper", pw)
	token := regexpFind(t, `sbp_[A-Za-z0-9_-]{43}`, c.post("/settings/tokens", url.Values{"label": {"app"}}).body)
	api := e.client()
	api.header.Set("Authorization", "Bearer "+token)

	expect(t, api.get("/api/v1/instruments"), 200, `"default":"ecr-r"`, `"short_name":"ECR-RS"`, "Educational, not diagnostic")
	res := api.json("POST", "/api/v1/attempts", `{"id":"phone-1"}`)
	expect(t, res, 201, `"instrument":"ecr-r"`, `"total":36`, `"result":null`, `"crisis":false`)
	var got struct {
		Item struct {
			Order   []int `json:"order"`
			Version int   `json:"version"`
		} `json:"item"`
	}
	json.Unmarshal([]byte(res.body), &got)
	if len(got.Item.Order) != 36 {
		t.Fatalf("order: %v", got.Item.Order)
	}
	expect(t, api.json("POST", "/api/v1/attempts", `{"id":"phone-1"}`), 200, `"id":"phone-1"`) // a replay, not a second
	for body, code := range map[string]int{
		`{"instrument":"mbti"}`:                              400,
		`{"instrument":"ecr-rs"}`:                            400,
		`{"instrument":"ecr-r","about":"Sam"}`:               400,
		`{"instrument":"ecr-r","extra":1}`:                   400,
		`{"id":"phone-1","instrument":"ecr-rs","about":"x"}`: 200, // the same id answers with what is stored
	} {
		if res := api.json("POST", "/api/v1/attempts", body); res.Code != code {
			t.Errorf("POST %s = %d, want %d\n%s", body, res.Code, code, res.body)
		}
	}

	// Answers: bad ones are 400 and change nothing.
	for body, want := range map[string]string{
		`{"answers":{"37":4}}`:  "there is no item",
		`{"answers":{"0":4}}`:   "there is no item",
		`{"answers":{"x":4}}`:   "there is no item",
		`{"answers":{"1":8}}`:   "whole numbers from 1 to 7",
		`{"answers":{"1":"4"}}`: "wrong type",
		`{"answers":{}}`:        "at least one answer",
	} {
		expect(t, api.json("PUT", "/api/v1/attempts/phone-1/answers", body), 400, want)
	}
	first := map[string]int{}
	rest := map[string]int{}
	for i, v := range mixed {
		if i < 30 {
			first[strconv.Itoa(i+1)] = v
		} else {
			rest[strconv.Itoa(i+1)] = v
		}
	}
	body, _ := json.Marshal(map[string]any{"answers": first, "version": 1})
	expect(t, api.json("PUT", "/api/v1/attempts/phone-1/answers", string(body)), 200, `"answered":30`, `"version":2`)
	expect(t, api.json("PUT", "/api/v1/attempts/phone-1/answers", string(body)), 409, "changed in another window") // stale version
	expect(t, api.json("POST", "/api/v1/attempts/phone-1/complete", ""), 400, "6 statements")
	body, _ = json.Marshal(map[string]any{"answers": rest})
	expect(t, api.json("PUT", "/api/v1/attempts/phone-1/answers", string(body)), 200, `"answered":36`)
	res = api.json("POST", "/api/v1/attempts/phone-1/complete", "")
	expect(t, res, 200, `"region":"anxious"`, `"first_pillar":"body"`, `"scale":"anxiety"`, `"mean":5.166`, "Educational, not diagnostic")
	expect(t, api.json("POST", "/api/v1/attempts/phone-1/complete", ""), 409, "already finished")
	expect(t, api.json("PUT", "/api/v1/attempts/phone-1/answers", `{"answers":{"1":1}}`), 409, "already finished")
	expect(t, api.get("/api/v1/attempts"), 200, `"phone-1"`, `"completed_at":"2026-11-21T23:40:00Z"`)
	// The browser sees the same attempt.
	expect(t, c.get("/attachment/attempts/phone-1/result"), 200, "5.17", "2.44")

	// Crisis language in the only free text brings help forward.
	expect(t, api.json("POST", "/api/v1/attempts", `{"instrument":"ecr-rs","about":"the person who makes me want to die"}`), 201, `"crisis":true`)
	expect(t, api.json("DELETE", "/api/v1/attempts/phone-1", ""), 204)
	expect(t, api.get("/api/v1/attempts/phone-1"), 404)
	expect(t, api.get("/api/v1/attempts?limit=0"), 400)
}

func TestSignsShapeToday(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.signUp("hawthorn", pw)
	// With no signs, Today suggests the body first, in the program's order.
	res := c.get("/today")
	expect(t, res, 200, "Suggested for you", "Tick the signs you recognise")
	if i, j := strings.Index(res.body, "Breathe slowly"), strings.Index(res.body, "Ground yourself"); i < 0 || j < i {
		t.Fatalf("Today without signs does not start with breathing\n%s", res.body)
	}
	expect(t, c.get("/attachment/signs"), 200, "What you feel", "What you think", "What you do", "not a test")

	// Signs that point to needs and beliefs bring those tools forward.
	picks := url.Values{"sign": {"bending-limits", "over-giving", "one-sided", "pleasing"}, "version": {"0"}}
	if res := c.post("/attachment/signs", picks); res.Code != http.StatusSeeOther {
		t.Fatalf("save signs: %d\n%s", res.Code, res.body)
	}
	expect(t, c.get("/attachment/signs"), 200, "Your signs are saved.", `value="pleasing" checked`)
	res = c.get("/today")
	expect(t, res, 200, "Chosen from", "Ask for what you need")
	if i, j := strings.Index(res.body, "Ask for what you need"), strings.Index(res.body, "Look at an old belief"); i < 0 || j < i {
		t.Fatalf("Today does not follow the signs\n%s", res.body)
	}
	if strings.Contains(res.body, "Breathe slowly") {
		t.Fatal("Today still suggests breathing first three")
	}

	// An unknown sign is a 400 that keeps the ticks; a stale version is a 409.
	expect(t, c.post("/attachment/signs", url.Values{"sign": {"pleasing", "made-up"}, "version": {"1"}}), 400,
		"didn&#39;t recognise 1 sign", `value="pleasing" checked`)
	expect(t, c.post("/attachment/signs", url.Values{"sign": {"flooding"}, "version": {"7"}}), 409,
		"changed in another window", `value="flooding" checked`)
	// Unticking everything is a valid save.
	if res := c.post("/attachment/signs", url.Values{"version": {"1"}}); res.Code != http.StatusSeeOther {
		t.Fatalf("untick all: %d\n%s", res.Code, res.body)
	}
	expect(t, c.get("/today"), 200, "Tick the signs you recognise")

	// The API: the same checklist, the same order.
	api := e.client()
	api.cookies = c.cookies
	expect(t, api.json("PUT", "/api/v1/signs", `{"selected":["flooding","flooding","small-cues"]}`), 200,
		`"suggested_tools":["breathe",`, `"selected":["small-cues",`)
	expect(t, api.json("PUT", "/api/v1/signs", `{"selected":["nope"]}`), 400, "didn't recognise 1 sign")
	expect(t, api.json("PUT", "/api/v1/signs", `{}`), 400, "Send selected")
	expect(t, api.json("PUT", "/api/v1/signs", `{"selected":[],"version":1}`), 409)
	expect(t, api.get("/api/v1/signs"), 200, `"version":3`, `"checklist"`, `"emotional"`)
}

func TestAttemptsExportAndImport(t *testing.T) {
	e := newEnv(t)
	a := e.client()
	a.signUp("rowan", pw)
	done := a.start("ecr-r", "")
	a.takeAll(done, mixed)
	open := a.start("ecr-rs", "Robin")
	items := screenItems(t, a.get("/attachment/attempts/"+open).body)
	a.answerScreen(open, 1, items, mixed, "later")
	a.post("/attachment/signs", url.Values{"sign": {"checking", "protest"}})

	first := a.get("/settings/export.json")
	expect(t, first, 200, `"kind":"attempt"`, `"kind":"signs"`, `"id":"signs"`, `"about":"Robin"`, `"seed":`)
	expect(t, a.get("/settings/export.html"), 200, "Attachment questionnaires", "Signs I recognise",
		"anxiety", "5.17", "educational, not diagnostic", "Robin", "You check when they were last online")

	b := e.client()
	b.signUp("rowan2", pw)
	upload := func(data string) *response { return uploadExport(b, data) }
	expect(t, upload(first.body), 200, "3 entries were added")
	expect(t, upload(first.body), 200, "0 entries were added")
	second := b.get("/settings/export.json")
	sameEntries(t, first.body, second.body)
	// The imported attempt resumes where it was, and the result opens.
	expect(t, b.get("/attachment/attempts/"+open), 200, "These statements are about Robin.", "3 of 9 answered")
	expect(t, b.get("/attachment/attempts/"+done+"/result"), 200, "5.17")

	// The checklist has one id; an attempt's shape is checked.
	for data, want := range map[string]string{
		`{"format":"securebase-export","version":1,"entries":[{"id":"other","kind":"signs","occurred_at":"2026-01-01T00:00:00Z","data":{"selected":[]}}]}`:                                                                                                      "whose id must be",
		`{"format":"securebase-export","version":1,"entries":[{"id":"x","kind":"attempt","occurred_at":"2026-01-01T00:00:00Z","data":{"instrument":"ecr-r","seed":1,"answers":{"1":400},"started_at":"2026-01-01T00:00:00Z"}}]}`:                                "scale",
		`{"format":"securebase-export","version":1,"entries":[{"id":"x","kind":"attempt","occurred_at":"2026-01-01T00:00:00Z","data":{"instrument":"ecr-r","seed":1,"answers":{},"started_at":"2026-01-01T00:00:00Z","completed_at":"2026-01-01T00:00:00Z"}}]}`: "completion time and a result",
	} {
		expect(t, upload(data), 400, want)
	}
}

// TestAttemptsAreSealedAtRest: a copy of the database holds neither the name
// a person gave, nor their answers, nor their signs.
func TestAttemptsAreSealedAtRest(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.signUp("alder", pw)
	const name = "Quillon-Marchetti"
	id := c.start("ecr-rs", name)
	c.takeAll(id, mixed)
	c.post("/attachment/signs", url.Values{"sign": {"fear-of-being-left", "rereading"}})
	copyPath := filepath.Join(t.TempDir(), "copy.db")
	if err := e.db.Backup(context.Background(), copyPath); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(copyPath)
	if err != nil {
		t.Fatal(err)
	}
	for _, plain := range []string{name, `"instrument"`, "ecr-rs", `"answers"`, "fear-of-being-left", "rereading", `"anxiety"`} {
		if bytes.Contains(raw, []byte(plain)) {
			t.Errorf("the database copy holds %q in the clear", plain)
		}
	}
	if !bytes.Contains(raw, []byte("attempt")) || !bytes.Contains(raw, []byte("signs")) {
		t.Error("the kinds should be in the clear; is this the right file?")
	}
}
