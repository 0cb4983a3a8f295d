package web_test

import (
	"fmt"
	"regexp"
	"strconv"
	"testing"

	"github.com/securebase/securebase"
)

// TestPagesUseTheDomainsNumbers: the distress scale, the point where care
// comes forward and every maxlength on a form are the domain's own numbers,
// so a page never offers what a save would refuse.
func TestPagesUseTheDomainsNumbers(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.signUp("counter", pw)
	limits := securebase.Limits()
	for path, fields := range map[string]map[string]string{
		"/today":            {"note": "note"},
		"/body/breathe":     {"name": "pattern-name"},
		"/body/reassure":    {"text": "statement"},
		"/body/name":        {"emotion_own": "emotion", "because": "because"},
		"/body/pause":       {"draft": "draft"},
		"/sos":              {"emotion_own": "emotion", "because": "because", "draft": "draft"},
		"/safety-plan/edit": {"professionals": "plan-section"},
		"/attachment":       {"about": "about"},
	} {
		body := c.get(path).body
		for field, limit := range fields {
			re := regexp.MustCompile(`name="` + field + `"[^>]*maxlength="(\d+)"|maxlength="(\d+)"[^>]*name="` + field + `"|id="` + field + `" name="` + field + `"[^>]*maxlength="(\d+)"`)
			m := re.FindStringSubmatch(body)
			if m == nil {
				t.Errorf("%s: no maxlength on %s", path, field)
				continue
			}
			got := m[1] + m[2] + m[3]
			if got != strconv.Itoa(limits[limit]) {
				t.Errorf("%s: %s has maxlength %s, the domain's limit is %d", path, field, got, limits[limit])
			}
		}
	}
	today := c.get("/today").body
	scale := regexp.MustCompile(`name="distress" value="(\d+)"`).FindAllStringSubmatch(today, -1)
	if len(scale) != securebase.DistressMax-securebase.DistressMin+1 || scale[0][1] != strconv.Itoa(securebase.DistressMin) ||
		scale[len(scale)-1][1] != strconv.Itoa(securebase.DistressMax) {
		t.Errorf("the check-in's scale is %v", scale)
	}
	if want := fmt.Sprintf(`data-distress-high="%d"`, securebase.DistressHigh); !regexp.MustCompile(want).MatchString(c.get("/sos").body) {
		t.Errorf("/sos does not give its script the point where care comes forward (%s)", want)
	}
}
