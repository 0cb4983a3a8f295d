package web_test

import (
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// TestNav: every built part has a tab; a phone's bar holds four of them
// and More, chosen by who the person is here for; More lists every part
// and is current on pages whose tab is not on the bar; no tab leads to a
// placeholder.
func TestNav(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.signUp("tab-tapper", pw)
	tabRE := regexp.MustCompile(`<li( class="wide-tab")?><a href="(/[a-z]+)"( aria-current="page")?>`)
	bar := func(path string) (phone, wide []string, current string) {
		t.Helper()
		res := c.get(path)
		expect(t, res, 200)
		nav := res.body[strings.Index(res.body, `aria-label="Main"`):]
		nav = nav[:strings.Index(nav, "</nav>")]
		for _, m := range tabRE.FindAllStringSubmatch(nav, -1) {
			if m[1] == "" {
				phone = append(phone, m[2])
			} else {
				wide = append(wide, m[2])
			}
			if m[3] != "" {
				current = m[2]
			}
		}
		return phone, wide, current
	}
	phone, wide, current := bar("/today")
	if got := strings.Join(phone, " "); got != "/today /body /beliefs /behaviour" {
		t.Errorf("phone tabs for one's own attachment: %s", got)
	}
	if got := strings.Join(wide, " "); got != "/partner /insights /journal /learn /settings" {
		t.Errorf("wide-only tabs: %s", got)
	}
	if !strings.Contains(c.get("/today").body, `<li class="more-tab"><a href="/more">More</a></li>`) {
		t.Error("no More tab on Today")
	}
	if current != "/today" {
		t.Errorf("current tab on Today: %q", current)
	}
	// A page whose tab is not on the phone's bar marks More as well.
	if _, _, current := bar("/insights"); current != "/insights" {
		t.Errorf("current tab on Insights: %q", current)
	}
	if res := c.get("/insights"); !strings.Contains(res.body, `<li class="more-tab"><a href="/more" aria-current="page">`) {
		t.Error("More is not current on Insights")
	}
	// More lists every part of the app and help; each opens.
	more := c.get("/more")
	expect(t, more, 200, `href="/help"`)
	for _, p := range append(phone, wide...) {
		if !strings.Contains(more.body, `<li><a href="`+p+`">`) {
			t.Errorf("More does not list %s", p)
		}
		expect(t, c.get(p), 200)
	}
	expect(t, c.get("/section/beliefs"), 404)

	// Here for a partner: their track comes forward on the bar.
	expect(t, c.post("/settings/prefs", url.Values{"here_for": {"partner"}}), 303)
	if phone, _, _ := bar("/partner"); strings.Join(phone, " ") != "/today /partner /body /learn" {
		t.Errorf("phone tabs for a partner: %s", strings.Join(phone, " "))
	}
	expect(t, c.post("/settings/prefs", url.Values{"here_for": {"both"}}), 303)
	if phone, _, _ := bar("/today"); strings.Join(phone, " ") != "/today /body /beliefs /partner" {
		t.Errorf("phone tabs for both: %s", strings.Join(phone, " "))
	}
}
