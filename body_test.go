package securebase_test

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/practice"
)

func n(v int) *int { return &v }

var t0 = time.Date(2026, 11, 21, 23, 40, 0, 0, time.UTC)

// TestToolIDsMatchPractice keeps the root package's tool ids in step with
// package practice, whose lists the root may not import.
func TestToolIDsMatchPractice(t *testing.T) {
	for _, tool := range practice.Tools() {
		if !securebase.ValidTool(tool.ID) {
			t.Errorf("practice tool %q is not a valid tool here", tool.ID)
		}
	}
	if securebase.ValidTool("dance") || securebase.ValidTool("") {
		t.Error("an unknown tool passed")
	}
}

func TestEpisodeValidate(t *testing.T) {
	ok := func() *securebase.Episode {
		return &securebase.Episode{StartedAt: t0, EndedAt: t0.Add(70 * time.Second), Before: n(9), After: n(6),
			Tools: []string{"breathe", "name"}, Pattern: "4-7-8",
			Words: securebase.Words{Emotion: "  on   edge ", Because: " no reply \n", Body: []string{"chest"}, Intensity: n(8)}}
	}
	e := ok()
	if err := e.Validate(); err != nil {
		t.Fatal(err)
	}
	if e.Emotion != "on edge" || e.Because != "no reply" || e.Duration() != 70*time.Second {
		t.Fatalf("not normalised: %+v", e)
	}
	if txt := strings.Join(e.Text(), "|"); txt != "on edge|no reply|" {
		t.Fatalf("Text = %q", txt)
	}
	for name, tc := range map[string]struct {
		change func(*securebase.Episode)
		field  string
	}{
		"before 11":       {func(e *securebase.Episode) { e.Before = n(11) }, "before"},
		"after -1":        {func(e *securebase.Episode) { e.After = n(-1) }, "after"},
		"intensity 99":    {func(e *securebase.Episode) { e.Intensity = n(99) }, "intensity"},
		"unknown tool":    {func(e *securebase.Episode) { e.Tools = []string{"dance"} }, "tools"},
		"too many tools":  {func(e *securebase.Episode) { e.Tools = make([]string, 11) }, "tools"},
		"no start":        {func(e *securebase.Episode) { e.StartedAt = time.Time{} }, "started_at"},
		"ends first":      {func(e *securebase.Episode) { e.EndedAt = t0.Add(-time.Second) }, "ended_at"},
		"over a day":      {func(e *securebase.Episode) { e.EndedAt = t0.Add(25 * time.Hour) }, "ended_at"},
		"long because":    {func(e *securebase.Episode) { e.Because = strings.Repeat("é", 2001) }, "because"},
		"huge because":    {func(e *securebase.Episode) { e.Because = strings.Repeat("x", 500_000) }, "because"},
		"long draft":      {func(e *securebase.Episode) { e.Draft = strings.Repeat("d", 4001) }, "draft"},
		"emotion 2 lines": {func(e *securebase.Episode) { e.Emotion = "sad\x00" }, "emotion"},
		"bad utf-8":       {func(e *securebase.Episode) { e.Because = "\xff\xfe" }, "because"},
		"bad body id":     {func(e *securebase.Episode) { e.Body = []string{"<script>"} }, "body"},
		"bad pattern id":  {func(e *securebase.Episode) { e.Pattern = "a b" }, "pattern"},
	} {
		e := ok()
		tc.change(e)
		err := e.Validate()
		if securebase.ErrorCode(err) != securebase.EINVALID || securebase.ErrorFields(err)[tc.field] == "" {
			t.Errorf("%s: %v, want a message on %s", name, err, tc.field)
		}
		if strings.Contains(securebase.ErrorMessage(err), "xxxx") {
			t.Errorf("%s: the message echoes the input", name)
		}
	}
	// Every step skipped: still a valid episode.
	empty := &securebase.Episode{StartedAt: t0, EndedAt: t0}
	if err := empty.Validate(); err != nil {
		t.Fatalf("an empty episode: %v", err)
	}
	data, _ := json.Marshal(empty)
	if string(data) != `{"started_at":"2026-11-21T23:40:00Z","ended_at":"2026-11-21T23:40:00Z"}` {
		t.Fatalf("empty episode JSON: %s", data)
	}
}

func TestOtherKindsValidate(t *testing.T) {
	u := &securebase.ToolUse{Tool: "pause", StartedAt: t0, EndedAt: t0.Add(time.Minute), Words: securebase.Words{Draft: "wait"}}
	if err := u.Validate(); err != nil || u.Text()[2] != "wait" {
		t.Fatalf("tool use: %v", err)
	}
	u.Tool = "nap"
	if securebase.ErrorFields(u.Validate())["tool"] == "" {
		t.Error("unknown tool passed")
	}
	p := &securebase.Pattern{Name: " Evening ", Phases: []securebase.PatternPhase{{"in", 4}, {"out", 6}}, Cycles: 5}
	if err := p.Validate(); err != nil || p.Name != "Evening" {
		t.Fatalf("pattern: %v %q", err, p.Name)
	}
	for name, bad := range map[string]*securebase.Pattern{
		"no name":      {Phases: []securebase.PatternPhase{{"in", 4}}, Cycles: 1},
		"10000 rounds": {Name: "x", Phases: []securebase.PatternPhase{{"in", 4}}, Cycles: 10000},
		"0 rounds":     {Name: "x", Phases: []securebase.PatternPhase{{"in", 4}}, Cycles: 0},
		"no phases":    {Name: "x", Cycles: 1},
		"NaN":          {Name: "x", Phases: []securebase.PatternPhase{{"in", math.NaN()}}, Cycles: 1},
		"21 s":         {Name: "x", Phases: []securebase.PatternPhase{{"in", 21}}, Cycles: 1},
		"kind":         {Name: "x", Phases: []securebase.PatternPhase{{"gasp", 2}}, Cycles: 1},
		"11 phases":    {Name: "x", Phases: make([]securebase.PatternPhase, 11), Cycles: 1},
	} {
		if securebase.ErrorCode(bad.Validate()) != securebase.EINVALID {
			t.Errorf("pattern %s passed", name)
		}
	}
	st := &securebase.Statement{Words: "  You can wait.  "}
	if err := st.Validate(); err != nil || st.Words != "You can wait." {
		t.Fatalf("statement: %v", err)
	}
	for _, bad := range []string{"", "   ", strings.Repeat("s", 281), "a\x07b"} {
		if securebase.ErrorCode((&securebase.Statement{Words: bad}).Validate()) != securebase.EINVALID {
			t.Errorf("statement %q passed", bad)
		}
	}
	if err := (&securebase.Favourite{Statement: "worth-1"}).Validate(); err != nil {
		t.Fatal(err)
	}
	if securebase.FavouriteID("worth-1") != "fav-worth-1" || !securebase.ValidID(securebase.FavouriteID("self-trust-8")) {
		t.Fatal("favourite ids")
	}
	plan := &securebase.Plan{Sections: map[string]string{"warning-signs": "  pacing  ", "on-my-own": " "}}
	if err := plan.Validate(); err != nil || len(plan.Sections) != 1 || plan.Sections["warning-signs"] != "pacing" {
		t.Fatalf("plan: %v %v", err, plan.Sections)
	}
	plan.Sections["on-my-own"] = strings.Repeat("p", 4001)
	if securebase.ErrorFields(plan.Validate())["on-my-own"] == "" {
		t.Error("a long plan part passed")
	}
}

// TestKindsRoundTrip checks every kind is known to NewPayload and that a
// payload survives export and import unchanged.
func TestKindsRoundTrip(t *testing.T) {
	payloads := []securebase.Payload{
		&securebase.CheckIn{Distress: 3},
		&securebase.Episode{StartedAt: t0, EndedAt: t0.Add(time.Minute), Before: n(0), Tools: []string{"ground"}},
		&securebase.ToolUse{Tool: "breathe", StartedAt: t0, EndedAt: t0, After: n(10)},
		&securebase.Pattern{Name: "p", Phases: []securebase.PatternPhase{{"in", 4.5}, {"out", 5.5}}, Cycles: 3},
		&securebase.Statement{Words: "kind words"},
		&securebase.Favourite{Statement: "space-1"},
		&securebase.Plan{Sections: map[string]string{"professionals": "Dr Lee"}},
		&securebase.Attempt{Instrument: "ecr-rs", About: "Sam", Seed: 7, Answers: map[int]int{1: 5, 2: 3}, StartedAt: t0},
		&securebase.Signs{Selected: []string{"flooding"}},
		&securebase.Repair{Opener: "I'm still here.", Back: t0.Add(time.Hour)},
		&securebase.PartnerBoundary{Limit: "I need an hour", Timeline: "Let's talk at eight"},
		&securebase.PartnerTalk{Answers: map[string]string{"moment": "Sunday walk"}},
		&securebase.Baseline{Markers: []string{"exhaustion"}},
		&securebase.BeliefRating{Belief: "not-enough", Rating: 70},
		&securebase.Inquiry{Belief: "own-1", Learned: "at home", Rating: n(40)},
		&securebase.Script{Anxious: "I'm too much.", Secure: "My feelings make sense.", Starred: true},
		&securebase.ThoughtRecord{Thought: "he's bored of me", Before: n(7), Traps: []string{"mind-reading"}},
		&securebase.Letter{Validating: "You were scared, and of course you were."},
		&securebase.Trigger{Happening: "late-reply", Activation: 7, Urges: []string{"going-quiet"}, ActivationAfter: n(2)},
		&securebase.Held{Message: "are we ok?\nplease answer", Hold: "1-hour", HeldAt: t0, Until: t0.Add(time.Hour), Status: "waiting"},
		&securebase.Need{Type: "boundary", Limit: "not after eleven"},
		&securebase.Person{Name: "Sam", Notes: []securebase.FlagNote{{Flag: "responds", At: t0, Note: "rang back"}}},
		&securebase.Talk{Plan: map[string]string{"asking": "a heads-up"}, After: map[string]string{"went-well": "we laughed"}},
		&securebase.Weekly{Week: "2026-11-29", Pattern: "checking", Surfed: 2},
		&securebase.Growth{Space: 3},
	}
	if len(payloads) != len(securebase.Kinds()) {
		t.Fatalf("%d kinds, %d payloads here", len(securebase.Kinds()), len(payloads))
	}
	for _, p := range payloads {
		e, err := securebase.NewEntry(p, "", t0)
		if err != nil {
			t.Fatalf("%s: %v", p.Kind(), err)
		}
		x := securebase.ExportEntryOf(e)
		back, q, err := x.Entry()
		if err != nil {
			t.Fatalf("%s: %v", p.Kind(), err)
		}
		if back.Data, err = securebase.EncodePayload(q); err != nil || string(back.Data) != string(e.Data) {
			t.Fatalf("%s: %v\n%s\n%s", p.Kind(), err, e.Data, back.Data)
		}
	}
}
