package safety

import (
	"strings"
	"testing"
	"unicode"
)

func TestPlanSections(t *testing.T) {
	secs := PlanSections()
	wantIDs := []string{
		SectionWarningSigns, SectionOnMyOwn, SectionPeopleAndPlace,
		SectionAskForHelp, SectionProfessionals, SectionSaferSpace,
	}
	if len(secs) != len(wantIDs) {
		t.Fatalf("%d sections; want %d", len(secs), len(wantIDs))
	}
	seen := map[string]bool{}
	for i, s := range secs {
		if s.ID != wantIDs[i] {
			t.Errorf("section %d has ID %q; want %q (IDs and order are stable)", i, s.ID, wantIDs[i])
		}
		if seen[s.ID] {
			t.Errorf("duplicate ID %q", s.ID)
		}
		seen[s.ID] = true
		if s.Title == "" || s.Prompt == "" {
			t.Errorf("%s: title and prompt are required", s.ID)
		}
		if n := len(s.Examples); n < 2 || n > 3 {
			t.Errorf("%s: %d examples; want 2 or 3", s.ID, n)
		}
		for _, text := range append([]string{s.Title, s.Prompt}, s.Examples...) {
			checkVoice(t, s.ID, text)
		}
	}
}

// checkVoice applies the parts of VOICE.md a test can see: no exclamation
// marks, short sentences, and no third-person "users".
func checkVoice(t *testing.T, id, text string) {
	t.Helper()
	if strings.Contains(text, "!") {
		t.Errorf("%s: %q has an exclamation mark", id, text)
	}
	if words := len(strings.Fields(text)); words > 16 {
		t.Errorf("%s: %q has %d words; keep it short", id, text, words)
	}
	lower := strings.ToLower(text)
	for _, banned := range []string{"user", "the patient", "we believe", "you should have", "failed"} {
		if strings.Contains(lower, banned) {
			t.Errorf("%s: %q uses %q", id, text, banned)
		}
	}
	if r := []rune(text); len(r) > 0 && !unicode.IsUpper(r[0]) {
		t.Errorf("%s: %q should start with a capital letter", id, text)
	}
}

func TestPlanSectionsAreFresh(t *testing.T) {
	a := PlanSections()
	a[0].Title = "changed"
	a[0].Examples[0] = "changed"
	b := PlanSections()
	if b[0].Title == "changed" || b[0].Examples[0] == "changed" {
		t.Error("PlanSections returned shared data")
	}
}

func TestPlanSectionByID(t *testing.T) {
	s, ok := PlanSectionByID(SectionProfessionals)
	if !ok || s.ID != SectionProfessionals {
		t.Errorf("PlanSectionByID(%q) = %+v, %v", SectionProfessionals, s, ok)
	}
	if _, ok := PlanSectionByID("nope"); ok {
		t.Error("unknown ID found")
	}
}

// TestCrisisTextVoice checks the crisis-line descriptions a person reads.
func TestCrisisTextVoice(t *testing.T) {
	d, err := LoadDirectory()
	if err != nil {
		t.Fatal(err)
	}
	all := append(d.Countries(), d.Fallback())
	for _, c := range all {
		for _, l := range c.Lines {
			if strings.Contains(l.Description, "!") {
				t.Errorf("%s %s: exclamation mark", c.Code, l.Name)
			}
			for _, sentence := range strings.Split(l.Description, ". ") {
				if n := len(strings.Fields(sentence)); n > 22 {
					t.Errorf("%s %s: sentence of %d words: %q", c.Code, l.Name, n, sentence)
				}
			}
			if l.Cost == CostFree && !strings.Contains(strings.ToLower(l.Description), "free") {
				t.Errorf("%s %s: a free line should say it is free", c.Code, l.Name)
			}
		}
	}
}
