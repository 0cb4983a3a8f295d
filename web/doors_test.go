package web_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/securebase/securebase"
)

// A door is one way a payload gets in: a page's form, the JSON API, or an
// import. save sends p through it as a person with a fresh account would
// and reports whether it was stored; a door that cannot say p at all (a
// form has no field for it) reports skip.
type door struct {
	name string
	save func(t *testing.T, c *client, p securebase.Payload) (stored, skip bool, res *response)
}

// doorCase is one payload, good or bad, that every door must judge alike.
type doorCase struct {
	name string
	p    securebase.Payload
	good bool
}

// TestThreeDoors feeds every entry kind through all three doors with the
// same good and bad payloads: each door must give the same verdict, and a
// good payload must be stored the same, byte for byte, whichever door it
// came in by. Before one save path, an import took a pattern at 0 seconds
// and an episode with an unknown exercise that the API refused.
func TestThreeDoors(t *testing.T) {
	e := newEnv(t)
	cases := doorCases(e.clock())
	kinds := map[securebase.Kind]bool{}
	checks, payloads := 0, 0
	for _, k := range securebase.Kinds() {
		kinds[k] = false
	}
	people := 0
	for kind, list := range cases {
		kinds[kind] = true
		for _, tc := range list {
			payloads++
			var stored []string
			for _, d := range doors() {
				// A fresh account for each payload and door, each from its
				// own address, so no save meets another's entry or limit.
				people++
				c := e.client()
				c.addr = fmt.Sprintf("198.51.100.%d:5555", people%250)
				c.signUp(fmt.Sprintf("door%03d", people), pw)
				ok, skip, res := d.save(t, c, tc.p)
				if skip {
					continue
				}
				checks++
				if ok != tc.good {
					t.Errorf("%s %s through the %s: stored %v, want %v (status %d)\n%s", kind, tc.name, d.name, ok, tc.good, res.Code, clip(res.body))
					continue
				}
				if ok {
					stored = append(stored, storedData(t, c, kind))
				}
			}
			for i := 1; i < len(stored); i++ {
				if stored[i] != stored[0] && kind != securebase.KindAttempt { // an attempt's item order is drawn anew
					t.Errorf("%s %s is stored differently by different doors:\n%s\n%s", kind, tc.name, stored[0], stored[i])
				}
			}
		}
	}
	for k, covered := range kinds {
		if !covered {
			t.Errorf("entry kind %q has no cases here: add good and bad payloads to doorCases", k)
		}
	}
	t.Logf("FIGURE three doors: %d kinds, %d payloads, %d door checks", len(cases), payloads, checks)
}

func clip(s string) string {
	if len(s) > 400 {
		return s[:400] + "…"
	}
	return s
}

// storedData is the data of the person's one entry of kind k, from their
// export.
func storedData(t *testing.T, c *client, k securebase.Kind) string {
	t.Helper()
	var x struct {
		Entries []struct {
			Kind securebase.Kind `json:"kind"`
			Data json.RawMessage `json:"data"`
		} `json:"entries"`
	}
	if err := json.Unmarshal([]byte(c.get("/settings/export.json").body), &x); err != nil {
		t.Fatalf("the export is not JSON: %v", err)
	}
	for _, e := range x.Entries {
		if e.Kind == k {
			return string(e.Data)
		}
	}
	t.Fatalf("no %s in the export", k)
	return ""
}

func doorCases(now time.Time) map[securebase.Kind][]doorCase {
	n := func(v int) *int { return &v }
	start := now.Add(-time.Minute).Truncate(time.Millisecond)
	long := func(k int) string { return strings.Repeat("x", k) }
	return map[securebase.Kind][]doorCase{
		securebase.KindCheckIn: {
			{"a good one", &securebase.CheckIn{Distress: 6, Note: "no reply since nine"}, true},
			{"distress 11", &securebase.CheckIn{Distress: 11}, false},
			{"a note too long", &securebase.CheckIn{Distress: 3, Note: long(2001)}, false},
			{"a bell in the note", &securebase.CheckIn{Distress: 3, Note: "ding\x07"}, false},
		},
		securebase.KindEpisode: {
			{"a good one", &securebase.Episode{StartedAt: start, EndedAt: now, Before: n(8), After: n(5), Tools: []string{"breathe", "name"},
				Pattern: "box", Words: securebase.Words{Emotion: "tight", Because: "no reply", Body: []string{"chest"}, Intensity: n(7)}}, true},
			{"an unknown exercise", &securebase.Episode{StartedAt: start, EndedAt: now, Tools: []string{"ground"}, Exercise: "juggling"}, false},
			{"an unknown place in the body", &securebase.Episode{StartedAt: start, EndedAt: now, Tools: []string{"name"},
				Words: securebase.Words{Body: []string{"elbow"}}}, false},
			{"distress 11 before", &securebase.Episode{StartedAt: start, EndedAt: now, Before: n(11)}, false},
			{"a reflection too long", &securebase.Episode{StartedAt: start, EndedAt: now, Tools: []string{"name"},
				Words: securebase.Words{Because: long(2001)}}, false},
		},
		securebase.KindToolUse: {
			{"a good one", &securebase.ToolUse{Tool: "breathe", StartedAt: start, EndedAt: now, Before: n(6), After: n(3), Pattern: "box"}, true},
			{"an unknown tool", &securebase.ToolUse{Tool: "dance", StartedAt: start, EndedAt: now}, false},
			{"an unknown exercise", &securebase.ToolUse{Tool: "ground", StartedAt: start, EndedAt: now, Exercise: "juggling"}, false},
			{"a draft too long", &securebase.ToolUse{Tool: "pause", StartedAt: start, EndedAt: now, Words: securebase.Words{Draft: long(4001)}}, false},
		},
		securebase.KindPattern: {
			{"a good one", &securebase.Pattern{Name: "Evening", Cycles: 6, Phases: []securebase.PatternPhase{{Kind: "in", Seconds: 4}, {Kind: "out", Seconds: 6}}}, true},
			{"every phase at 0 seconds", &securebase.Pattern{Name: "Nothing", Cycles: 4, Phases: []securebase.PatternPhase{{Kind: "in"}, {Kind: "out"}}}, false},
			{"a top-up first", &securebase.Pattern{Name: "Top", Cycles: 4, Phases: []securebase.PatternPhase{{Kind: "top-up", Seconds: 2}, {Kind: "out", Seconds: 4}}}, false},
			{"61 rounds", &securebase.Pattern{Name: "Many", Cycles: 61, Phases: []securebase.PatternPhase{{Kind: "in", Seconds: 4}, {Kind: "out", Seconds: 4}}}, false},
			{"over 30 minutes", &securebase.Pattern{Name: "Long", Cycles: 60, Phases: []securebase.PatternPhase{{Kind: "in", Seconds: 20}, {Kind: "out", Seconds: 20}}}, false},
			{"no name", &securebase.Pattern{Name: "  ", Cycles: 4, Phases: []securebase.PatternPhase{{Kind: "in", Seconds: 4}, {Kind: "out", Seconds: 4}}}, false},
		},
		securebase.KindStatement: {
			{"a good one", &securebase.Statement{Words: "You are allowed to rest."}, true},
			{"only spaces", &securebase.Statement{Words: "   "}, false},
			{"281 characters", &securebase.Statement{Words: long(281)}, false},
		},
		securebase.KindFavourite: {
			{"a good one", &securebase.Favourite{Statement: "passing-1"}, true},
			{"a statement the library lacks", &securebase.Favourite{Statement: "no-such-statement"}, false},
		},
		securebase.KindPlan: {
			{"a good one", &securebase.Plan{Sections: map[string]string{"professionals": "Dr Lee, 555 0199", "on-my-own": "a walk"}}, true},
			{"a part too long", &securebase.Plan{Sections: map[string]string{"professionals": long(4001)}}, false},
			{"a part a plan does not have", &securebase.Plan{Sections: map[string]string{"favourite-food": "soup"}}, false},
		},
		securebase.KindWeekly: {
			{"a good one", &securebase.Weekly{Week: "2026-11-29", Triggers: "a late reply", Pattern: "checking my phone", Surfed: 3, Acted: 1}, true},
			{"one answer", &securebase.Weekly{Vulnerability: "tell Sam I missed them"}, true},
			{"no answer at all", &securebase.Weekly{Week: "2026-11-29", Triggers: "  "}, false},
			{"an answer too long", &securebase.Weekly{Behaviour: long(4001)}, false},
			{"a week that is no date", &securebase.Weekly{Week: "2026-13-40", Pattern: "checking"}, false},
			{"a negative count", &securebase.Weekly{Pattern: "checking", Acted: -1}, false},
		},
		securebase.KindGrowth: {
			{"a good one", &securebase.Growth{Overthinking: 2, Space: 4, Conflict: 5}, true},
			{"one sign", &securebase.Growth{Boundaries: 1}, true},
			{"nothing rated", &securebase.Growth{}, false},
			{"a 6", &securebase.Growth{Baseline: 6}, false},
		},
		securebase.KindSigns: {
			{"a good one", &securebase.Signs{Selected: []string{"too-much", "longing"}}, true},
			{"a sign the checklist lacks", &securebase.Signs{Selected: []string{"longing", "not-a-sign"}}, false},
		},
		securebase.KindAttempt: {
			{"about someone", &securebase.Attempt{Instrument: "ecr-rs", About: "Sam", Answers: map[int]int{}, StartedAt: now}, true},
			{"in general", &securebase.Attempt{Instrument: "ecr-r", Answers: map[int]int{}, StartedAt: now}, true},
			{"a questionnaire we lack", &securebase.Attempt{Instrument: "mbti", Answers: map[int]int{}, StartedAt: now}, false},
			{"about nobody", &securebase.Attempt{Instrument: "ecr-rs", Answers: map[int]int{}, StartedAt: now}, false},
			{"a name where none is asked", &securebase.Attempt{Instrument: "ecr-r", About: "Sam", Answers: map[int]int{}, StartedAt: now}, false},
			{"a name too long", &securebase.Attempt{Instrument: "ecr-rs", About: long(81), Answers: map[int]int{}, StartedAt: now}, false},
		},
	}
}

func doors() []door {
	return []door{
		{"page", func(t *testing.T, c *client, p securebase.Payload) (bool, bool, *response) {
			path, form, ok := pageForm(p)
			if !ok {
				return false, true, nil
			}
			res := c.post(path, form)
			return res.Code == http.StatusSeeOther, false, res
		}},
		{"API", func(t *testing.T, c *client, p securebase.Payload) (bool, bool, *response) {
			method, path, body := apiRequest(t, p)
			res := c.json(method, path, body)
			return res.Code == http.StatusOK || res.Code == http.StatusCreated, false, res
		}},
		{"import", func(t *testing.T, c *client, p securebase.Payload) (bool, bool, *response) {
			data, err := json.Marshal(p)
			if err != nil {
				t.Fatal(err)
			}
			id, own := securebase.OwnID(p)
			if !own {
				id = "door-1"
			}
			at := "2026-11-21T23:00:00Z"
			if tp, ok := p.(securebase.Timed); ok {
				at = tp.When().Format(time.RFC3339Nano)
			}
			file := fmt.Sprintf(`{"format":"securebase-export","version":1,"entries":[{"id":%q,"kind":%q,"occurred_at":%q,"data":%s}]}`,
				id, p.Kind(), at, data)
			res := uploadExport(c, file)
			return res.Code == http.StatusOK, false, res
		}},
	}
}

// pageForm says p the way its page's form does; ok is false when no form
// can say it (a kind with no page, or a field no form has).
func pageForm(p securebase.Payload) (path string, v url.Values, ok bool) {
	v = url.Values{}
	rating := func(name string, n *int) {
		if n != nil {
			v.Set(name, strconv.Itoa(*n))
		}
	}
	// use fills what the flow's form and a tool's form share.
	use := func(start time.Time, before, after *int, pattern, exercise, statement string, w securebase.Words) {
		v.Set("started_at", strconv.FormatInt(start.UnixMilli(), 10))
		v.Set("pattern", pattern)
		v.Set("exercise", exercise)
		v.Set("statement", statement)
		rating("before", before)
		rating("after", after)
		v.Set("emotion_own", w.Emotion)
		v.Set("because", w.Because)
		v.Set("draft", w.Draft)
		v["body"] = w.Body
		rating("intensity", w.Intensity)
	}
	switch p := p.(type) {
	case *securebase.CheckIn:
		v.Set("distress", strconv.Itoa(p.Distress))
		v.Set("note", p.Note)
		return "/checkins", v, true
	case *securebase.Episode:
		v.Set("tools", strings.Join(p.Tools, ","))
		use(p.StartedAt, p.Before, p.After, p.Pattern, p.Exercise, p.Statement, p.Words)
		return "/sos", v, true
	case *securebase.ToolUse:
		v.Set("tool", p.Tool)
		use(p.StartedAt, p.Before, p.After, p.Pattern, p.Exercise, p.Statement, p.Words)
		return "/body/log", v, true
	case *securebase.Pattern:
		v.Set("name", p.Name)
		v.Set("cycles", strconv.Itoa(p.Cycles))
		for i, ph := range p.Phases {
			v.Set(fmt.Sprintf("phases.%d.kind", i), ph.Kind)
			v.Set(fmt.Sprintf("phases.%d.seconds", i), strconv.FormatFloat(ph.Seconds, 'f', -1, 64))
		}
		return "/body/patterns", v, true
	case *securebase.Statement:
		v.Set("text", p.Words)
		return "/body/statements", v, true
	case *securebase.Favourite:
		v.Set("statement", p.Statement)
		return "/body/favourites", v, true
	case *securebase.Plan:
		v.Set("version", "0")
		for id, text := range p.Sections {
			if id == "favourite-food" {
				return "", nil, false // the form has only the plan's parts
			}
			v.Set(id, text)
		}
		return "/safety-plan", v, true
	case *securebase.Signs:
		v.Set("version", "0")
		v["sign"] = p.Selected
		return "/attachment/signs", v, true
	case *securebase.Attempt:
		v.Set("instrument", p.Instrument)
		v.Set("about", p.About)
		return "/attachment/attempts", v, true
	case *securebase.Weekly:
		v.Set("week", p.Week)
		v.Set("surfed", strconv.Itoa(p.Surfed))
		v.Set("acted", strconv.Itoa(p.Acted))
		v.Set("triggers", p.Triggers)
		v.Set("vulnerability", p.Vulnerability)
		v.Set("pattern", p.Pattern)
		v.Set("behaviour", p.Behaviour)
		return "/weekly", v, true
	case *securebase.Growth:
		for _, r := range p.Ratings() {
			if *r.Value != 0 {
				v.Set(r.ID, strconv.Itoa(*r.Value))
			}
		}
		return "/growth", v, true
	}
	return "", nil, false // a kind without a page of its own
}

// apiRequest says p the way the JSON API takes it.
func apiRequest(t *testing.T, p securebase.Payload) (method, path, body string) {
	t.Helper()
	js := func(v any) string {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	switch p := p.(type) {
	case *securebase.Favourite:
		return "PUT", "/api/v1/favourites/" + p.Statement, ""
	case *securebase.Plan:
		return "PUT", "/api/v1/plan", js(map[string]any{"sections": p.Sections})
	case *securebase.Signs:
		return "PUT", "/api/v1/signs", js(map[string]any{"selected": p.Selected})
	case *securebase.Attempt:
		return "POST", "/api/v1/attempts", js(map[string]any{"instrument": p.Instrument, "about": p.About})
	}
	in, _ := securebase.InfoOf(p.Kind())
	return "POST", "/api/v1/" + in.Collection, js(p)
}
