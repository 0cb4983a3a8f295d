package practice

import (
	"strconv"
	"time"
)

// The daily practice (E1): four small things, a few minutes each, taken
// from the program's three pillars in their order — calm the body (ground,
// name a feeling), then work on beliefs (question one anxious thought,
// write one secure belief). Today shows each one tap from its tool and
// ticks it once something that counts for it was saved today.

// Daily practice ids. They are stored in links and may be stored in
// entries later, so they never change.
const (
	DailyGround   = "ground"
	DailyName     = "name"
	DailyQuestion = "question"
	DailyBelief   = "belief"
)

// Entry kinds the plan counts (named Entry…, apart from the breathing
// phase kinds Kind…). The first three exist; EntryThought (the
// thought record, C4) and EntryScript (secure scripts, C3) are the names
// planned for the Beliefs pages. The page that builds Marks maps each
// saved entry onto one of these strings, so if a kind lands under
// another name only that mapping changes, not this data.
const (
	EntryToolUse = "tooluse" // one use of a regulation tool
	EntryEpisode = "episode" // one pass through "I'm activated"
	EntryCheckIn = "checkin" // the quick check-in
	EntryThought = "thought" // a thought record: one anxious thought questioned
	EntryScript  = "script"  // a secure script: one secure belief written
	EntryWeekly  = "weekly"  // the weekly reflection (E2)
)

// Counts says which saved thing ticks a daily practice: an entry of Kind
// and, when Tool is set, one that used that regulation tool (a tool use of
// that tool, or an episode whose tools include it).
type Counts struct {
	Kind string `json:"kind"`
	Tool string `json:"tool,omitempty"`
}

// Daily is one of the four daily practices as Today shows it.
type Daily struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`    // the practice as a short instruction
	Prompt  string   `json:"prompt"`  // one line on what to do
	Path    string   `json:"path"`    // the tool it opens
	Minutes int      `json:"minutes"` // about how long it takes
	Counts  []Counts `json:"counts"`  // what ticks it
}

// Dailies returns the four daily practices in the order Today lists them:
// body first, then beliefs.
func Dailies() []Daily {
	return []Daily{
		{
			ID: DailyGround, Name: "Ground for a few minutes",
			Prompt: "Use your senses to arrive in the room you are in.",
			Path:   "/body/ground", Minutes: 3,
			Counts: []Counts{{EntryToolUse, ToolGround}, {EntryEpisode, ToolGround}},
		},
		{
			ID: DailyName, Name: "Name a feeling",
			Prompt: "Find a word for one feeling and notice where it sits in your body.",
			Path:   "/body/name", Minutes: 2,
			Counts: []Counts{{EntryToolUse, ToolName}, {EntryEpisode, ToolName}},
		},
		{
			ID: DailyQuestion, Name: "Question one anxious thought",
			Prompt: "Take one worried thought and weigh what speaks for it and against it.",
			Path:   "/beliefs/thoughts", Minutes: 5,
			Counts: []Counts{{Kind: EntryThought}},
		},
		{
			ID: DailyBelief, Name: "Write one secure belief",
			Prompt: "Write one sentence the steady part of you knows is true.",
			Path:   "/beliefs/scripts", Minutes: 2,
			Counts: []Counts{{Kind: EntryScript}},
		},
	}
}

// DailyByID returns the daily practice with the given id.
func DailyByID(id string) (Daily, error) {
	return find(Dailies(), func(d Daily) string { return d.ID }, id, "a practice")
}

// FieldDaily names a daily practice id in a form.
const FieldDaily = "daily"

// Mark is one thing a person saved, reduced to what the plan needs: its
// kind, the regulation tools it used (one for a tool use, the flow's tools
// for an episode, none otherwise) and when it happened. The page builds
// Marks from entries; this package never sees what was written.
type Mark struct {
	Kind  string
	Tools []string
	At    time.Time
}

// Ticks reports whether m counts for d.
func (d Daily) Ticks(m Mark) bool {
	for _, c := range d.Counts {
		if c.Kind != m.Kind {
			continue
		}
		if c.Tool == "" {
			return true
		}
		for _, t := range m.Tools {
			if t == c.Tool {
				return true
			}
		}
	}
	return false
}

// DailyStatus is one daily practice and whether it was done today.
type DailyStatus struct {
	Daily
	Done bool `json:"done"`
}

// Today returns the four daily practices, each ticked when a mark saved on
// now's calendar date in loc counts for it. A nil loc means UTC.
func Today(marks []Mark, now time.Time, loc *time.Location) []DailyStatus {
	today := dayNumber(now, loc)
	ds := Dailies()
	out := make([]DailyStatus, len(ds))
	for i, d := range ds {
		out[i].Daily = d
	}
	for _, m := range marks {
		if dayNumber(m.At, loc) != today {
			continue
		}
		for i := range out {
			if !out[i].Done && out[i].Ticks(m) {
				out[i].Done = true
			}
		}
	}
	return out
}

// PracticeKinds are the kinds of entry that make a day a day of practice:
// the four daily practices, any regulation tool or episode, the weekly
// reflection, and a check-in, because stopping to notice how you are is
// practice too.
func PracticeKinds() []string {
	return []string{EntryToolUse, EntryEpisode, EntryThought, EntryScript, EntryWeekly, EntryCheckIn}
}

// IsPractice reports whether m makes its day a day of practice.
func IsPractice(m Mark) bool {
	switch m.Kind {
	case EntryToolUse, EntryEpisode, EntryThought, EntryScript, EntryWeekly, EntryCheckIn:
		return true
	}
	return false
}

// ConsistencyWindow is how many days "practised on N of the last 28 days"
// looks back over. Four weeks is long enough that one hard week does not
// empty it, short enough to show a change.
const ConsistencyWindow = 28

// Consistency is how many of the last Window days had any practice. It is
// a count, never a streak: a missed day costs nothing that was earned.
type Consistency struct {
	Practised int    `json:"practised"`
	Window    int    `json:"window"`
	Days      []bool `json:"days"` // one per day, oldest first; the last is today
}

// Practised counts the days among the window days ending with now's date in
// loc on which any mark counts as practice. Marks outside the window or in
// the future are ignored. A window below 1 means ConsistencyWindow.
func Practised(marks []Mark, now time.Time, loc *time.Location, window int) Consistency {
	if window < 1 {
		window = ConsistencyWindow
	}
	today := dayNumber(now, loc)
	first := today - window + 1
	c := Consistency{Window: window, Days: make([]bool, window)}
	for _, m := range marks {
		if !IsPractice(m) {
			continue
		}
		n := dayNumber(m.At, loc)
		if n < first || n > today || c.Days[n-first] {
			continue
		}
		c.Days[n-first] = true
		c.Practised++
	}
	return c
}

// Sentence says the count in words: "You practised on 11 of the last 28
// days." With no practice yet it says where the count will appear instead
// of showing a zero.
func (c Consistency) Sentence() string {
	w := strconv.Itoa(c.Window)
	switch {
	case c.Practised == 0:
		return "Days you practise on will be counted here."
	case c.Practised == c.Window:
		return "You practised on each of the last " + w + " days."
	case c.Practised == 1:
		return "You practised on 1 of the last " + w + " days."
	}
	return "You practised on " + strconv.Itoa(c.Practised) + " of the last " + w + " days."
}
