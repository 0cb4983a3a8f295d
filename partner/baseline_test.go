package partner

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestCheckBaseline(t *testing.T) {
	c := mustLoad(t)
	for _, tc := range []struct {
		name    string
		ticked  []string
		level   Level
		present string
		help    string
	}{
		{"none", nil, Steady, "", ""},
		{"one", []string{"resentment"}, Notice, "resentment", ""},
		{"one twice is still one", []string{"resentment", "resentment"}, Notice, "resentment", ""},
		{"two", []string{"manager", "exhaustion"}, Loaded, "exhaustion manager", HelpPath},
		{"all", strings.Fields(shipped["baseline"]), Loaded, shipped["baseline"], HelpPath},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := c.CheckBaseline(tc.ticked)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, m := range r.Present {
				got = append(got, m.ID)
			}
			if r.Level != tc.level || strings.Join(got, " ") != tc.present || r.HelpPath != tc.help {
				t.Errorf("got %s %v %q, want %s %q %q", r.Level, got, r.HelpPath, tc.level, tc.present, tc.help)
			}
			if len(r.Lines) == 0 {
				t.Error("no words to show")
			}
			if tc.level == Loaded && !reflect.DeepEqual(r.Lines, c.baseline.TwoOrMore) {
				t.Errorf("guidance %q", r.Lines)
			}
		})
	}
	for _, bad := range [][]string{{"tired"}, {""}, make([]string, 9)} {
		if _, err := c.CheckBaseline(bad); err == nil || FieldMessages(err)[FieldMarkers] == "" {
			t.Errorf("CheckBaseline(%q) = %v", bad, err)
		}
	}
	if _, err := c.CheckBaseline([]string{"x"}); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown marker: %v", err)
	}
	if c.BaselineEvery() != 14*24*time.Hour {
		t.Errorf("every %v", c.BaselineEvery())
	}
}

func TestBaselineNamesTheSeedMarkers(t *testing.T) {
	// F5 names six markers; each must be on the list.
	c := mustLoad(t)
	var all string
	for _, m := range c.BaselineMarkers() {
		all += " " + strings.ToLower(m.Label+" "+m.About)
	}
	for _, want := range []string{"sleep", "want", "worried", "resentment", "manager", "check"} {
		if !strings.Contains(all, want) {
			t.Errorf("no marker mentions %q", want)
		}
	}
}
