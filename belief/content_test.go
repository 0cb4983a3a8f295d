package belief

import (
	"errors"
	"regexp"
	"strings"
	"testing"

	securebase "github.com/securebase/securebase"
)

// The ids below are stored in people's entries. This golden list makes a
// rename or a removal fail loudly: add new ids at the end, never change one.
var stableIDs = map[string][]string{
	"wounds":    {"not-enough", "too-much", "people-leave", "love-ends", "earn-love"},
	"questions": {"learned", "voice", "cost", "true-or-familiar"},
	"traps": {"mind-reading", "fortune-telling", "catastrophising", "overgeneralising", "personalising",
		"all-or-nothing", "should-statements", "emotional-reasoning", "labelling", "discounting-the-positive"},
	"steps": {"validate", "reassure", "take-care", "meet-need"},
	"scripts": {
		"not-enough-1", "not-enough-2", "not-enough-3", "not-enough-4", "not-enough-5", "not-enough-6",
		"too-much-1", "too-much-2", "too-much-3", "too-much-4", "too-much-5", "too-much-6",
		"people-leave-1", "people-leave-2", "people-leave-3", "people-leave-4", "people-leave-5", "people-leave-6",
		"love-ends-1", "love-ends-2", "love-ends-3", "love-ends-4", "love-ends-5", "love-ends-6",
		"earn-love-1", "earn-love-2", "earn-love-3", "earn-love-4", "earn-love-5", "earn-love-6",
	},
}

func currentIDs() map[string][]string {
	out := map[string][]string{}
	for _, w := range Wounds() {
		out["wounds"] = append(out["wounds"], w.ID)
	}
	for _, q := range Questions() {
		out["questions"] = append(out["questions"], q.ID)
	}
	for _, t := range Traps() {
		out["traps"] = append(out["traps"], t.ID)
	}
	for _, s := range Steps() {
		out["steps"] = append(out["steps"], s.ID)
	}
	for _, s := range Scripts() {
		out["scripts"] = append(out["scripts"], s.ID)
	}
	return out
}

var kebab = regexp.MustCompile(`^[a-z]+(-[a-z0-9]+)*$`)

func TestIDsStableAndUnique(t *testing.T) {
	cur := currentIDs()
	for kind, want := range stableIDs {
		got := cur[kind]
		if len(got) < len(want) {
			t.Errorf("%s: %d ids, the golden list has %d: an id was removed", kind, len(got), len(want))
			continue
		}
		for i, id := range want {
			if got[i] != id {
				t.Errorf("%s[%d] = %q, want %q: ids are stored and never change", kind, i, got[i], id)
			}
		}
		if len(got) > len(want) {
			t.Errorf("%s: new ids %v: add them to the golden list in content_test.go", kind, got[len(want):])
		}
		seen := map[string]bool{}
		for _, id := range got {
			if seen[id] {
				t.Errorf("%s: id %q repeated", kind, id)
			}
			seen[id] = true
			if !kebab.MatchString(id) {
				t.Errorf("%s: id %q is not kebab-case", kind, id)
			}
		}
	}
}

func TestTrapsMatchProduct(t *testing.T) {
	// The ten traps named in PRODUCT.md (C4), in its order.
	names := []string{"Mind reading", "Fortune telling", "Catastrophising", "Overgeneralising", "Personalising",
		"All-or-nothing thinking", "Should statements", "Emotional reasoning", "Labelling", "Discounting the positive"}
	tr := Traps()
	if len(tr) != 10 {
		t.Fatalf("%d traps, want 10", len(tr))
	}
	for i, n := range names {
		if tr[i].Name != n {
			t.Errorf("trap %d name %q, want %q", i, tr[i].Name, n)
		}
		if trapIndex(tr[i].ID) != i {
			t.Errorf("trapIndex(%q) = %d, want %d", tr[i].ID, trapIndex(tr[i].ID), i)
		}
	}
	if trapIndex("nope") != -1 {
		t.Error("trapIndex of an unknown id should be -1")
	}
}

func TestScriptsGroupedByWound(t *testing.T) {
	all := Scripts()
	if len(all) < 25 {
		t.Fatalf("%d suggested scripts, want at least 25", len(all))
	}
	total := 0
	prev := -1
	for _, s := range all {
		wi := -1
		for i, w := range Wounds() {
			if w.ID == s.Wound {
				wi = i
			}
		}
		if wi < 0 {
			t.Errorf("script %s: no wound %q", s.ID, s.Wound)
		}
		if wi < prev {
			t.Errorf("script %s: out of wound order", s.ID)
		}
		prev = wi
		if !strings.HasPrefix(s.ID, s.Wound+"-") {
			t.Errorf("script %s does not carry its wound %s in its id", s.ID, s.Wound)
		}
		if s.Anxious == s.Secure {
			t.Errorf("script %s: both sides say the same", s.ID)
		}
	}
	for _, w := range Wounds() {
		ss, err := ScriptsFor(w.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(ss) < 5 {
			t.Errorf("wound %s has %d scripts, want at least 5", w.ID, len(ss))
		}
		total += len(ss)
	}
	if total != len(all) {
		t.Errorf("ScriptsFor covers %d scripts of %d", total, len(all))
	}
}

func TestLookups(t *testing.T) {
	if w, err := WoundByID("too-much"); err != nil || w.Belief != "I'm too much." {
		t.Errorf("WoundByID(too-much) = %+v, %v", w, err)
	}
	if s, err := ScriptByID("earn-love-1"); err != nil || s.Wound != WoundEarnLove {
		t.Errorf("ScriptByID(earn-love-1) = %+v, %v", s, err)
	}
	if tr, err := TrapByID("labelling"); err != nil || tr.Name != "Labelling" {
		t.Errorf("TrapByID(labelling) = %+v, %v", tr, err)
	}
	for name, err := range map[string]error{
		"wound":       func() error { _, err := WoundByID("x"); return err }(),
		"script":      func() error { _, err := ScriptByID("x"); return err }(),
		"trap":        func() error { _, err := TrapByID("x"); return err }(),
		"scripts-for": func() error { _, err := ScriptsFor("x"); return err }(),
	} {
		var e *securebase.Error
		if !errors.As(err, &e) || e.Code != securebase.EINVALID || len(e.Fields) != 1 {
			t.Errorf("%s: unknown id gave %v, want a field error", name, err)
		}
	}
}

func TestListsAreFreshCopies(t *testing.T) {
	w := Wounds()
	w[0].Belief = "changed"
	if Wounds()[0].Belief == "changed" {
		t.Error("Wounds returned shared state")
	}
	s := Scripts()
	s[0].Secure = "changed"
	if Scripts()[0].Secure == "changed" {
		t.Error("Scripts returned shared state")
	}
}
