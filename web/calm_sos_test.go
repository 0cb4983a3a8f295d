package web_test

import (
	"net/url"
	"strings"
	"testing"
)

// TestSOSNameInStages: the flow's Name it is three screens (the word, why
// and where, how strong) with one intensity scale, made from the partials
// /body/name uses; without scripts they read as one form.
func TestSOSNameInStages(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	res := c.get("/sos")
	expect(t, res, 200, `data-sos-step="name" data-sos-part="name"`, `data-sos-step="name-why" data-sos-part="name"`,
		`data-sos-step="name-strength" data-sos-part="name"`)
	body := res.body
	word, why, strength := strings.Index(body, `data-sos-step="name"`), strings.Index(body, `data-sos-step="name-why"`), strings.Index(body, `data-sos-step="name-strength"`)
	if !(word < strings.Index(body, `name="emotion"`) && strings.Index(body, `name="emotion"`) < why &&
		why < strings.Index(body, `name="because"`) && strings.Index(body, `name="body"`) < strength &&
		strength < strings.Index(body, `name="intensity"`)) {
		t.Error("the word, why and where, and how strong are not each on their own screen, in that order")
	}
	if n := strings.Count(body, `name="intensity"`); n != 11 {
		t.Errorf("%d intensity radios, want one scale of 11", n)
	}
}

// TestSOSStar: the star on the flow's reassurance step is the favourite of
// /body/reassure. Without scripts it posts the flow's form, which comes
// back with everything in it, on the same statement, starred; nothing is
// saved as an episode. A statement whose words trip the crisis check is
// never offered.
func TestSOSStar(t *testing.T) {
	e := newEnv(t)
	expect(t, e.client().get("/sos"), 200)
	if strings.Contains(e.client().get("/sos").body, "data-sos-star") {
		t.Error("a star for someone signed out")
	}
	c := e.client()
	c.signUp("star-person", pw)
	res := c.get("/sos")
	m := regexpMust(`name="star" value="([a-z0-9-]+)" data-sos-star data-favourite="false"`).FindStringSubmatch(res.body)
	if m == nil {
		t.Fatalf("no star on the reassurance step:\n%s", res.body)
	}
	id := m[1]
	form := url.Values{"id": {"sos-kept-1"}, "before": {"8"}, "calm": {"breathe"}, "emotion": {"abandoned"},
		"because": {"no reply since nine"}, "intensity": {"7"}, "statement": {id}, "draft": {"where are you"}, "star": {id}}
	res = c.post("/sos", form)
	expect(t, res, 200, `name="unstar" value="`+id+`" data-sos-star data-favourite="true"`, "no reply since nine", "where are you",
		`value="sos-kept-1"`, `name="statement" value="`+id+`"`)
	for _, kept := range []string{`name="before" value="8" checked`, `value="abandoned" checked`, `name="intensity" value="7" checked`} {
		if !regexpMust(strings.ReplaceAll(regexpQuote(kept), " ", `[^>]*`)).MatchString(res.body) {
			t.Errorf("the flow came back without %s", kept)
		}
	}
	expect(t, c.get("/api/v1/favourites"), 200, id)
	expect(t, c.get("/body/reassure"), 200, "one of your favourites")
	if strings.Contains(c.get("/api/v1/episodes").body, "sos-kept-1") {
		t.Error("a star saved the episode")
	}
	// Unstar, the same way.
	form.Del("star")
	form.Set("unstar", id)
	expect(t, c.post("/sos", form), 200, `name="star" value="`+id+`" data-sos-star data-favourite="false"`, "no reply since nine")
	if strings.Contains(c.get("/api/v1/favourites").body, id) {
		t.Error("unstarred, and still a favourite")
	}
	// Not a statement of the library: the form comes back, kept.
	form.Del("unstar")
	form.Set("star", "not-a-statement")
	expect(t, c.post("/sos", form), 400, "no reply since nine", "where are you")

	// Own words starred in a crisis are never read back, nor starred.
	expect(t, c.post("/body/statements", url.Values{"id": {"own-1"}, "text": {"I want to end it all tonight"}}), 303)
	expect(t, c.post("/body/favourites", url.Values{"statement": {"own-1"}}), 400)
	if strings.Contains(c.get("/sos").body, "end it all") {
		t.Error("crisis words offered as reassurance")
	}
}

func regexpQuote(s string) string {
	return regexpMust(`[.*+?()|\[\]{}^$\\]`).ReplaceAllString(s, `\$0`)
}
