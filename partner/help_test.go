package partner

import (
	"strings"
	"testing"
)

func TestHelpFor(t *testing.T) {
	c := mustLoad(t)
	route := func(r HelpResult) string {
		var ids []string
		for _, x := range r.Routes {
			ids = append(ids, x.ID)
		}
		return strings.Join(ids, " ")
	}
	for _, tc := range []struct {
		name     string
		ticked   []string
		baseline int
		want     string
		safety   bool
		crisis   bool
	}{
		{"nothing", nil, 0, "", false, false},
		{"one baseline sign is not enough", nil, 1, "", false, false},
		{"baseline alone", nil, 2, "for-you", false, false},
		{"their therapy", []string{"not-easing", "before-you"}, 0, "for-them", false, false},
		{"several routes in page order", []string{"long-effort", "same-fight", "one-sided"}, 3, "for-them couples for-you not-more-skill", false, false},
		{"crisis comes first", []string{"same-fight", "self-harm"}, 0, "crisis couples", false, true},
		// A sign of violence or control sends a person to safety only:
		// never to couples therapy or to attachment work.
		{"safety before everything", []string{"same-fight", "afraid", "not-easing"}, 4, "safety", true, false},
		{"safety and crisis", []string{"tracked", "self-harm", "stronger"}, 0, "safety crisis", true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := c.HelpFor(tc.ticked, tc.baseline)
			if err != nil {
				t.Fatal(err)
			}
			if got := route(r); got != tc.want || r.Safety != tc.safety || r.Crisis != tc.crisis {
				t.Errorf("routes %q safety %v crisis %v, want %q %v %v", got, r.Safety, r.Crisis, tc.want, tc.safety, tc.crisis)
			}
			for _, x := range r.Routes {
				if r.Safety && x.Path != SafetyPath && x.Path != CrisisPath {
					t.Errorf("with a safety sign, route %s points to %s", x.ID, x.Path)
				}
			}
		})
	}
	for _, bad := range [][]string{{"scared"}, {""}, make([]string, 40)} {
		if _, err := c.HelpFor(bad, 0); FieldMessages(err)[FieldSigns] == "" {
			t.Errorf("HelpFor(%q) = %v", bad, err)
		}
	}
}

func TestRoutes(t *testing.T) {
	c := mustLoad(t)
	rs := c.Routes()
	if rs[0].ID != RouteSafety || rs[0].Path != SafetyPath {
		t.Fatalf("first route %+v", rs[0])
	}
	if !strings.Contains(rs[0].CouplesNote, "Couples therapy") {
		t.Errorf("the safety route's note: %q", rs[0].CouplesNote)
	}
	about := strings.ToLower(rs[0].About)
	if !strings.Contains(about, "not about attachment") {
		t.Errorf("the safety route must say it is not about attachment: %q", rs[0].About)
	}
	seen := map[string]bool{}
	for _, r := range rs {
		seen[r.ID] = true
	}
	for _, want := range []string{"for-them", "couples", "for-you", "not-more-skill"} {
		if !seen[want] {
			t.Errorf("F6 asks for the route %s", want)
		}
	}
	var eft string
	for _, r := range rs {
		if r.ID == "couples" {
			eft = r.About
		}
	}
	if !strings.Contains(eft, "Emotionally Focused Therapy") || !strings.Contains(eft, "Sue Johnson") {
		t.Errorf("the couples route names EFT and its author: %q", eft)
	}
}
