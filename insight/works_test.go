package insight

import "testing"

func n(v int) *int { return &v }

func TestWorks(t *testing.T) {
	tools := []string{"breathe", "ground", "name"}
	uses := []Use{
		{Tools: []string{"breathe"}, Before: n(8), After: n(5)},
		{Tools: []string{"breathe", "name", "breathe"}, Before: n(9), After: n(6), Episode: true},
		{Tools: []string{"ground"}, Before: n(6), After: n(6)},
		{Tools: []string{"ground"}, Before: n(6)}, // not rated
		{Tools: []string{"unknown"}, Before: n(1), After: n(9)},
		{Tools: []string{"name"}, Before: n(2), After: n(4)},
	}
	got := Works(tools, uses)
	want := []ToolStat{
		{Tool: "breathe", Uses: 2, Rated: 2, Change: -3},
		{Tool: "ground", Uses: 2, Rated: 1, Change: 0},
		{Tool: "name", Uses: 2, Rated: 2, Change: -0.5},
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("%s: got %+v, want %+v", want[i].Tool, got[i], want[i])
		}
	}
	if got[0].Drop() != 3 || got[2].Rise() != 0 {
		t.Errorf("drop/rise: %v %v", got[0].Drop(), got[2].Rise())
	}
	if b := Best(got, []string{"ground", "breathe"}, 2); b != "breathe" {
		t.Errorf("best = %q", b)
	}
	if b := Best(got, []string{"ground", "breathe"}, 3); b != "" {
		t.Errorf("best with too little data = %q", b)
	}
	if b := Best(Works(tools, nil), []string{"breathe", "ground"}, 1); b != "" {
		t.Errorf("best with no data = %q", b)
	}
}

func TestWorksRounds(t *testing.T) {
	uses := []Use{
		{Tools: []string{"pause"}, Before: n(7), After: n(6)},
		{Tools: []string{"pause"}, Before: n(7), After: n(6)},
		{Tools: []string{"pause"}, Before: n(7), After: n(5)},
	}
	if got := Works([]string{"pause"}, uses)[0].Change; got != -1.3 {
		t.Fatalf("change = %v, want -1.3", got)
	}
}
