package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/securebase/securebase/content"
)

func learnLibrary(t *testing.T) *content.Library {
	t.Helper()
	lib, err := content.Load(func(string) bool { return true })
	if err != nil {
		t.Fatal(err)
	}
	return lib
}

// TestLearnPages reads every Learn page over a real server, signed out
// and signed in: the list by pillar with minutes, each lesson with its
// practice link and sources, the FAQ, and a kind 404.
func TestLearnPages(t *testing.T) {
	e := newEnv(t)
	lib := learnLibrary(t)
	stranger := e.client()
	person := e.client()
	person.signUp("reader", "a long walk by the river")

	for _, c := range []*client{stranger, person} {
		res := c.get("/learn")
		expect(t, res, http.StatusOK, "<h1>Learn</h1>", `href="/learn/faq"`, "Start here", "For the secure partner", "learn.js")
		if got := res.Header().Get("Cache-Control"); got != "no-store" {
			t.Errorf("/learn: Cache-Control %q", got)
		}
		for _, l := range lib.Lessons() {
			if !strings.Contains(res.body, `href="/learn/`+l.Slug+`"`) || !strings.Contains(res.body, itoa(int64(l.Minutes))+" minutes") {
				t.Errorf("/learn lacks %s or its minutes", l.Slug)
			}
			page := c.get("/learn/" + l.Slug)
			expect(t, page, http.StatusOK, `href="`+l.Practice+`"`, "<h2>Try this</h2>", "<h2>Sources</h2>", `data-learn-lesson="`+l.Slug+`"`)
			for _, r := range l.References {
				if !strings.Contains(page.body, "<cite>") || !strings.Contains(page.body, itoa(int64(r.Year))) {
					t.Errorf("%s lacks the reference %s", l.Slug, r)
				}
			}
			if next, ok := lib.Next(l.Slug); ok && !strings.Contains(page.body, `href="/learn/`+next.Slug+`"`) {
				t.Errorf("%s does not lead on to %s", l.Slug, next.Slug)
			}
		}
		faq := c.get("/learn/faq")
		expect(t, faq, http.StatusOK, `id="is-this-a-diagnosis"`, `href="#is-this-a-diagnosis"`)
		if n := strings.Count(faq.body, `<h2 id="`); n != len(lib.FAQ().Questions) || n < 15 {
			t.Errorf("the FAQ shows %d questions, the library has %d", n, len(lib.FAQ().Questions))
		}
		expect(t, c.get("/learn/no-such-lesson"), http.StatusNotFound, "no lesson by that name")
		expect(t, c.get("/learn/..%2Fsettings"), http.StatusNotFound)
	}
	// Signed in, the Learn tab is the current one and replaces the old
	// placeholder, which is gone.
	expect(t, person.get("/learn"), http.StatusOK, `<a href="/learn" aria-current="page">Learn</a>`)
	expect(t, person.get("/section/learn"), http.StatusNotFound)
	expect(t, person.get("/today"), http.StatusOK, `<a href="/learn">Learn</a>`)
}

// TestLearnPagesHoldNoScriptOrStyle: lesson HTML comes from Markdown with
// raw HTML refused, so no page carries inline script, style or event
// handlers past the CSP.
func TestLearnPagesHoldNoScriptOrStyle(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	bad := regexp.MustCompile(`(?i)<script[^>]*>[^<]|<style|\son[a-z]+=|style="|javascript:`)
	for _, p := range learnLibrary(t).Paths() {
		res := c.get(p)
		expect(t, res, http.StatusOK)
		if m := bad.FindString(res.body); m != "" {
			t.Errorf("%s holds %q", p, m)
		}
	}
}

// TestLessonsReachableFromTools: the Body pages and the questionnaire
// point to the lesson that explains them.
func TestLessonsReachableFromTools(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.signUp("tool-reader", "a long walk by the river")
	for path, slug := range map[string]string{
		"/body": "nervous-system", "/body/breathe": "nervous-system", "/body/ground": "insight-is-not-enough",
		"/body/name": "nervous-system", "/body/pause": "protest-behaviour", "/body/reassure": "core-beliefs",
		"/attachment": "how-it-forms", "/attachment/signs": "signs", "/safety-plan": "more-help",
		"/beliefs": "core-beliefs", "/beliefs/scripts": "core-beliefs", "/beliefs/inner-child": "inner-child",
	} {
		expect(t, c.get(path), http.StatusOK, `href="/learn/`+slug+`"`)
	}
}

// TestEveryPracticeLinksBack: issue 17 asks that lessons link to their
// tool and tools to their lesson, both ways. Every lesson's practice page
// (and /help/more, the page the "When to get more help" lesson is about)
// links back to the lesson, except the few pages below, each for a reason.
func TestEveryPracticeLinksBack(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.signUp("practice-reader", "a long walk by the river")
	pages := map[string][]string{"/help/more": {"more-help"}}
	for _, l := range learnLibrary(t).Lessons() {
		pages[l.Practice] = append(pages[l.Practice], l.Slug)
	}
	notHere := map[string]string{
		"/sos":                      "the \"I'm activated\" flow keeps to its steps; no reading in a hard moment",
		"/body/breathe/slow-exhale": "the breathing screen stays calm; /body/breathe links nervous-system",
		"/body/ground":              "it links insight-is-not-enough, the lesson of its own",
	}
	for path, slugs := range pages {
		if notHere[path] != "" {
			continue
		}
		res := c.get(path)
		if res.Code != http.StatusOK {
			t.Errorf("%s: %d", path, res.Code)
			continue
		}
		linked := false
		for _, slug := range slugs {
			linked = linked || strings.Contains(res.body, `href="/learn/`+slug+`"`)
		}
		if !linked {
			t.Errorf("%s, the practice of %v, does not link back to its lesson", path, slugs)
		}
	}
}

// TestBeliefAndBehaviourToolsLinkTheirLesson: every page of the Beliefs
// and Behaviour tools (issues 13 and 14) links to the lesson that explains
// it (issue 17: tools link to their lesson).
func TestBeliefAndBehaviourToolsLinkTheirLesson(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.signUp("tool-linker", "a long walk by the river")
	for _, made := range [][2]string{
		{"triggers", `{"id": "tr-1", "happening": "late-reply", "activation": 6}`},
		{"people", `{"id": "p-1", "name": "Sam"}`},
		{"talks", `{"id": "talk-1", "plan": {"asking": "a heads-up"}}`},
	} {
		expect(t, c.json("POST", "/api/v1/"+made[0], made[1]), http.StatusCreated)
	}
	expect(t, c.post("/behaviour/held", url.Values{"id": {"held-1"}, "message": {"answer me"}, "hold": {"10-minutes"}}), http.StatusSeeOther)
	for path, slug := range map[string]string{
		"/beliefs/core": "core-beliefs", "/beliefs/core?belief=people-leave": "core-beliefs", "/beliefs/inquiry": "core-beliefs",
		"/beliefs/inquiry?belief=people-leave": "core-beliefs", "/beliefs/thoughts": "core-beliefs",
		"/behaviour/log": "protest-behaviour", "/behaviour/triggers/tr-1": "protest-behaviour", "/behaviour/held/held-1": "protest-behaviour",
		"/behaviour/needs": "protest-behaviour", "/behaviour/talk": "anxious-avoidant-cycle", "/behaviour/talks/talk-1": "anxious-avoidant-cycle",
		"/behaviour/people/p-1": "anxious-avoidant-cycle",
	} {
		expect(t, c.get(path), http.StatusOK, `href="/learn/`+slug+`"`)
	}
}
