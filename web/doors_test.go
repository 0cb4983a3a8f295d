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
	back := now.Add(time.Hour).UTC().Truncate(time.Minute)
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
		securebase.KindTrigger: {
			{"a quick one", &securebase.Trigger{Happening: "late-reply", Activation: 7, Urges: []string{"texting-or-calling"}}, true},
			{"a full one", &securebase.Trigger{Happening: "own-words", HappeningOwn: "they went quiet at dinner", Activation: 6,
				Body: []string{"tight-chest"}, Fear: "leaving", Story: "they are tired of me", Urges: []string{"checking-socials", "going-quiet"},
				Instead: []string{"breathed"}, Outcome: "let-it-pass", Afterwards: "calmer", ActivationAfter: n(3), CameTrue: "no"}, true},
			{"nothing happened", &securebase.Trigger{Activation: 5}, false},
			{"activation 11", &securebase.Trigger{Happening: "late-reply", Activation: 11}, false},
			{"an urge the list lacks", &securebase.Trigger{Happening: "late-reply", Activation: 4, Urges: []string{"juggling"}}, false},
			{"own words left empty", &securebase.Trigger{Happening: "own-words", Activation: 4}, false},
			{"a story too long", &securebase.Trigger{Happening: "conflict", Activation: 4, Story: long(501)}, false},
		},
		securebase.KindHeld: {
			{"a waiting one", &securebase.Held{Message: "Why haven't you answered?\nAre we okay?", Hold: "30-minutes", HeldAt: start, Until: start.Add(30 * time.Minute), Status: "waiting"}, true},
			{"let go", &securebase.Held{Message: "Fine, whatever.", Hold: "10-minutes", HeldAt: start, Until: start.Add(10 * time.Minute), Status: "let-go", Outcome: "let-go"}, true},
			{"no message", &securebase.Held{Message: "  ", Hold: "10-minutes", HeldAt: start, Until: start.Add(10 * time.Minute), Status: "waiting"}, false},
			{"a hold the list lacks", &securebase.Held{Message: "hi", Hold: "3-days", HeldAt: start, Until: start.Add(time.Hour), Status: "waiting"}, false},
			{"held for a week", &securebase.Held{Message: "hi", Hold: "next-morning", HeldAt: start, Until: start.Add(7 * 24 * time.Hour), Status: "waiting"}, false},
			{"sent without saying how", &securebase.Held{Message: "hi", Hold: "1-hour", HeldAt: start, Until: start.Add(time.Hour), Status: "sent"}, false},
			{"a message too long", &securebase.Held{Message: long(4001), Hold: "1-hour", HeldAt: start, Until: start.Add(time.Hour), Status: "waiting"}, false},
		},
		securebase.KindNeed: {
			{"a need", &securebase.Need{Type: "need", When: "you reply hours later", Feel: "unsure", Like: "a short word when you're busy", Ask: "send one line"}, true},
			{"a boundary", &securebase.Need{Type: "boundary", Limit: "I can't talk about this after eleven", Warmth: "I love our evenings", Time: "Let's pick it up at 7"}, true},
			{"a need without a feeling", &securebase.Need{Type: "need", Like: "a short word"}, false},
			{"a boundary without a limit", &securebase.Need{Type: "boundary", Warmth: "I love you"}, false},
			{"a shape we lack", &securebase.Need{Type: "wish", Feel: "sad", Like: "cake"}, false},
		},
		securebase.KindPerson: {
			{"a good one", &securebase.Person{Name: "Sam", Notes: []securebase.FlagNote{{Flag: "responds", At: start, Note: "called back"}}}, true},
			{"no name", &securebase.Person{Name: " "}, false},
			{"a flag the list lacks", &securebase.Person{Name: "Sam", Notes: []securebase.FlagNote{{Flag: "tall", At: start}}}, false},
		},
		securebase.KindTalk: {
			{"a plan", &securebase.Talk{Plan: map[string]string{"understand": "that I get scared when plans change", "asking": "a heads-up"}}, true},
			{"an empty plan", &securebase.Talk{Plan: map[string]string{"understand": "  "}}, false},
			{"a prompt we lack", &securebase.Talk{Plan: map[string]string{"horoscope": "Leo"}}, false},
			{"an answer too long", &securebase.Talk{Plan: map[string]string{"asking": long(1001)}}, false},
		},
		securebase.KindAttempt: {
			{"about someone", &securebase.Attempt{Instrument: "ecr-rs", About: "Sam", Answers: map[int]int{}, StartedAt: now}, true},
			{"in general", &securebase.Attempt{Instrument: "ecr-r", Answers: map[int]int{}, StartedAt: now}, true},
			{"a questionnaire we lack", &securebase.Attempt{Instrument: "mbti", Answers: map[int]int{}, StartedAt: now}, false},
			{"about nobody", &securebase.Attempt{Instrument: "ecr-rs", Answers: map[int]int{}, StartedAt: now}, false},
			{"a name where none is asked", &securebase.Attempt{Instrument: "ecr-r", About: "Sam", Answers: map[int]int{}, StartedAt: now}, false},
			{"a name too long", &securebase.Attempt{Instrument: "ecr-rs", About: long(81), Answers: map[int]int{}, StartedAt: now}, false},
		},
		// The secure partner's track (F2–F5).
		securebase.KindRepair: {
			{"a good one", &securebase.Repair{Opener: "I'm still here.", Doing: "going for a short walk", Warm: "I love you.", Back: back}, true},
			{"only a time", &securebase.Repair{Back: back}, true},
			{"no time to come back", &securebase.Repair{Opener: "I'm still here."}, false},
			{"a part too long", &securebase.Repair{Doing: long(201), Back: back}, false},
			{"a line break in a part", &securebase.Repair{Warm: "I love you.\nReally.", Back: back}, false},
		},
		securebase.KindPartnerBoundary: {
			{"a good one", &securebase.PartnerBoundary{Connection: "I care about sorting this out with you", Limit: "I need an hour to clear my head first", Timeline: "Let's talk at half past seven"}, true},
			{"no limit", &securebase.PartnerBoundary{Connection: "I care about you", Timeline: "Later tonight"}, false},
			{"a limit too long", &securebase.PartnerBoundary{Limit: long(201)}, false},
		},
		securebase.KindPartnerTalk: {
			{"a good one", &securebase.PartnerTalk{Answers: map[string]string{"moment": "Sunday morning, on our walk", "try": "A short text when I step away."}}, true},
			{"nothing written", &securebase.PartnerTalk{Answers: map[string]string{"moment": "  "}}, false},
			{"an answer too long", &securebase.PartnerTalk{Answers: map[string]string{"my-side": long(1001)}}, false},
			{"a question the planner lacks", &securebase.PartnerTalk{Answers: map[string]string{"favourite-food": "soup"}}, false},
		},
		securebase.KindBaseline: {
			{"a good one", &securebase.Baseline{Markers: []string{"exhaustion", "resentment"}}, true},
			{"none ticked", &securebase.Baseline{Markers: []string{}}, true},
			{"a marker the check lacks", &securebase.Baseline{Markers: []string{"exhaustion", "not-a-marker"}}, false},
		},
		// Beliefs (issue 13).
		securebase.KindBeliefRating: {
			{"a core wound", &securebase.BeliefRating{Belief: "people-leave", Rating: 80}, true},
			{"an own belief", &securebase.BeliefRating{Belief: "own-1", Words: "I ruin everything.", Rating: 65}, true},
			{"rating 101", &securebase.BeliefRating{Belief: "people-leave", Rating: 101}, false},
			{"own words on a core wound", &securebase.BeliefRating{Belief: "too-much", Words: "mine", Rating: 5}, false},
			{"no belief", &securebase.BeliefRating{Rating: 50}, false},
		},
		securebase.KindInquiry: {
			{"a good one", &securebase.Inquiry{Belief: "love-ends", Learned: "at home", Voice: "Dad", Cost: "sleep", True: "familiar", Rating: n(55)}, true},
			{"a re-rating of 101", &securebase.Inquiry{Belief: "love-ends", Learned: "at home", Rating: n(101)}, false},
			{"an answer too long", &securebase.Inquiry{Belief: "love-ends", Cost: long(4001)}, false},
		},
		securebase.KindScript: {
			{"a good one", &securebase.Script{Anxious: "I'm a burden.", Secure: "I can lean on people.", Starred: true}, true},
			{"from a suggested pair", &securebase.Script{Anxious: "I'm too much.", Secure: "My feelings are not too much. They tell me what I need.", From: "too-much-1", Starred: true}, true},
			{"no secure side", &securebase.Script{Anxious: "I'm a burden."}, false},
			{"from a pair we lack", &securebase.Script{Secure: "x", From: "not-a-script"}, false},
		},
		securebase.KindThoughtRecord: {
			{"a good one", &securebase.ThoughtRecord{Situation: "no reply", Thought: "he's bored of me", Emotion: "scared", Before: n(8),
				Traps: []string{"mind-reading"}, For: "short replies", Against: "he asked about Friday", Response: "He may be busy.", After: n(5)}, true},
			{"an unknown trap", &securebase.ThoughtRecord{Thought: "he's bored of me", Traps: []string{"wishful-thinking"}}, false},
			{"intensity 11", &securebase.ThoughtRecord{Thought: "he's bored of me", Before: n(11)}, false},
			{"no thought", &securebase.ThoughtRecord{Situation: "no reply"}, false},
		},
		securebase.KindLetter: {
			{"a draft", &securebase.Letter{Validating: "You were scared, and of course you were.", Grief: "I wish someone had come."}, true},
			{"finished", &securebase.Letter{Validating: "a", Reassure: "b", TakeCare: "c", MeetNeed: "d", Finished: true}, true},
			{"nothing written", &securebase.Letter{Finished: true}, false},
			{"a part too long", &securebase.Letter{Reassure: long(4001)}, false},
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
	case *securebase.Repair:
		v.Set("opener", p.Opener)
		v.Set("doing", p.Doing)
		v.Set("warm", p.Warm)
		if !p.Back.IsZero() {
			v.Set("back", p.Back.UTC().Format("15:04")) // the test server's zone is UTC
		}
		return "/partner/repair", v, true
	case *securebase.PartnerBoundary:
		v.Set("connection", p.Connection)
		v.Set("limit", p.Limit)
		v.Set("timeline", p.Timeline)
		return "/partner/boundaries", v, true
	case *securebase.PartnerTalk:
		for id, text := range p.Answers {
			if id == "favourite-food" {
				return "", nil, false // the form has only the planner's prompts
			}
			v.Set(id, text)
		}
		return "/partner/talk", v, true
	case *securebase.Baseline:
		v["marker"] = p.Markers
		return "/partner/baseline", v, true
	// Beliefs (issue 13): each flow's last step posts every answer.
	case *securebase.BeliefRating:
		v.Set("belief", p.Belief)
		v.Set("text", p.Words)
		if p.Words != "" {
			v.Set("id", p.Belief) // a new own belief is named by its first rating
			v.Set("belief", "")
		}
		v.Set("rating", strconv.Itoa(p.Rating))
		return "/beliefs/ratings", v, true
	case *securebase.Inquiry:
		v.Set("go", "save")
		v.Set("belief", p.Belief)
		v.Set("learned", p.Learned)
		v.Set("voice", p.Voice)
		v.Set("cost", p.Cost)
		v.Set("true_or_familiar", p.True)
		rating("rating", p.Rating)
		return "/beliefs/inquiry", v, true
	case *securebase.Script:
		v.Set("anxious", p.Anxious)
		v.Set("secure", p.Secure)
		v.Set("from", p.From)
		if p.Starred {
			v.Set("starred", "on")
		}
		return "/beliefs/scripts", v, true
	case *securebase.ThoughtRecord:
		v.Set("go", "save")
		v.Set("situation", p.Situation)
		v.Set("thought", p.Thought)
		v.Set("emotion", p.Emotion)
		rating("before", p.Before)
		v["trap"] = p.Traps
		v.Set("evidence_for", p.For)
		v.Set("counter_evidence", p.Against)
		v.Set("response", p.Response)
		rating("after", p.After)
		return "/beliefs/thoughts", v, true
	case *securebase.Letter:
		v.Set("go", "stop")
		if p.Finished {
			v.Set("go", "finish")
		}
		v.Set("validate", p.Validating)
		v.Set("reassure", p.Reassure)
		v.Set("take_care", p.TakeCare)
		v.Set("meet_need", p.MeetNeed)
		v.Set("grief", p.Grief)
		return "/beliefs/inner-child", v, true
	case *securebase.Trigger:
		if p.CameTrue != "" {
			return "", nil, false // answered on its own, the day after
		}
		v.Set("happening", p.Happening)
		v.Set("happening_own", p.HappeningOwn)
		v.Set("activation", strconv.Itoa(p.Activation))
		v["urges"] = p.Urges
		v.Set("urges_own", p.UrgeOwn)
		v.Set("details", "1")
		v["body"], v["instead"] = p.Body, p.Instead
		v.Set("body_own", p.BodyOwn)
		v.Set("fear", p.Fear)
		v.Set("fear_own", p.FearOwn)
		v.Set("story", p.Story)
		v.Set("instead_own", p.InsteadOwn)
		v.Set("outcome", p.Outcome)
		v.Set("afterwards", p.Afterwards)
		rating("activation_after", p.ActivationAfter)
		return "/behaviour/triggers", v, true
	case *securebase.Need:
		v.Set("type", p.Type)
		for k, s := range map[string]string{"when": p.When, "feel": p.Feel, "like": p.Like, "ask": p.Ask, "limit": p.Limit, "warmth": p.Warmth, "time": p.Time} {
			v.Set(k, s)
		}
		return "/behaviour/needs", v, true
	case *securebase.Person:
		if len(p.Notes) > 0 {
			return "", nil, false // moments are noted one by one on the person's page
		}
		v.Set("name", p.Name)
		return "/behaviour/people", v, true
	case *securebase.Talk:
		if len(p.After) > 0 {
			return "", nil, false // notes come afterwards, on the talk's page
		}
		for k, s := range p.Plan {
			v.Set(k, s)
		}
		return "/behaviour/talks", v, true
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
	return "", nil, false // a kind without a page of its own (a held message's times are the server's)
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
