package practice

import (
	"strings"
	"time"
)

// The weekly reflection (E2) and the welcome back after time away (E1).
// Both speak about time without counting what was missed: a week without
// a reflection is simply a week, and the wording after a gap depends on
// how long it was, never on what went undone.

// Weekly reflection prompt ids, stored with each reflection.
const (
	WeeklyTriggers      = "triggers"
	WeeklyVulnerability = "vulnerability"
	WeeklyPattern       = "pattern"
	WeeklyBehaviour     = "behaviour"
)

// AnswerMax bounds one answer of the weekly reflection, in characters: a
// few paragraphs, and one entry stays small.
const AnswerMax = 4000

// Prompt is one question of the weekly reflection.
type Prompt struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	Question string `json:"question"`
	Hint     string `json:"hint"`
}

// WeeklyPrompts returns the four questions of the weekly reflection in the
// order the page asks them: look back at what set the alarm off, reach
// toward someone safe, then choose one thing to notice and one to do less.
func WeeklyPrompts() []Prompt {
	return []Prompt{
		{WeeklyTriggers, "This week's triggers",
			"What set off the alarm in you this week?",
			"The triggers from your log are listed above. Add anything they leave out."},
		{WeeklyVulnerability, "Open up to someone safe",
			"Who could you share one true feeling with this week, and what might you say?",
			"Choose someone who has been steady with you. One feeling in one sentence is enough."},
		{WeeklyPattern, "One pattern to watch",
			"Which pattern do you want to notice this week?",
			"Checking for replies or going over a talk again and again are common ones. Noticing comes before changing."},
		{WeeklyBehaviour, "One behaviour to reduce",
			"Which anxious habit would you like to do a little less this week?",
			"Each urge you pause on in the log counts toward this. Less is the aim, not none."},
	}
}

// PromptByID returns the weekly prompt with the given id.
func PromptByID(id string) (Prompt, error) {
	return find(WeeklyPrompts(), func(p Prompt) string { return p.ID }, id, "a question")
}

// Field names for the weekly plan's forms.
const (
	FieldPrompt  = "prompt"  // a weekly prompt id
	FieldWeekday = "weekday" // the chosen day for the weekly reflection
)

// DefaultReflectionDay is the day offered first: many people have a little
// more room on a Sunday.
const DefaultReflectionDay = time.Sunday

// ParseWeekday reads the chosen reflection day as its English name in
// lower case ("sunday"), as the form's choices send it.
func ParseWeekday(s string) (time.Weekday, error) {
	for d := time.Sunday; d <= time.Saturday; d++ {
		if s == strings.ToLower(d.String()) {
			return d, nil
		}
	}
	return 0, invalid(FieldWeekday, "Choose a day of the week.")
}

// Reflection says whether the weekly reflection is open.
type Reflection struct {
	// Due is true from the start of the chosen day until a reflection is
	// saved, for the rest of that week.
	Due bool `json:"due"`
	// Opened is the start of the most recent chosen day, today included.
	Opened time.Time `json:"opened"`
	// Next is the start of the chosen day after that.
	Next time.Time `json:"next"`
}

// ReflectionDue reports whether the reflection is due at now, given the
// chosen weekday and when the last one was saved (zero if never). Days are
// calendar days in loc; a nil loc means UTC.
func ReflectionDue(day time.Weekday, last, now time.Time, loc *time.Location) Reflection {
	today := dayNumber(now, loc)
	back := (int(weekdayOf(today)) - int(day) + 7) % 7
	opened := today - back
	due := last.IsZero() || dayNumber(last, loc) < opened
	return Reflection{Due: due, Opened: startOfDay(opened, loc), Next: startOfDay(opened+7, loc)}
}

// Welcome is what Today says to someone coming back after time away.
type Welcome struct {
	Gap   int    `json:"gap"` // whole calendar days since the last practice
	Title string `json:"title"`
	Text  string `json:"text"`
}

// Gap lengths, in days, at which the welcome changes. Below WelcomeAfter
// nothing is said: a day or two off is ordinary life.
const (
	WelcomeAfter = 3
	welcomeWeek  = 7
	welcomeMonth = 30
)

// WelcomeBack returns the welcome for someone whose last practice was at
// last, or false when there is nothing to say: they practised in the last
// few days, or they have not practised yet (Today greets newcomers in its
// own way).
func WelcomeBack(last, now time.Time, loc *time.Location) (Welcome, bool) {
	if last.IsZero() {
		return Welcome{}, false
	}
	gap := dayNumber(now, loc) - dayNumber(last, loc)
	switch {
	case gap < WelcomeAfter:
		return Welcome{}, false
	case gap < welcomeWeek:
		return Welcome{gap, "Welcome back",
			"Pick whichever practice feels right today. One is plenty."}, true
	case gap < welcomeMonth:
		return Welcome{gap, "Good to see you",
			"Some weeks are full. A few minutes today is a good place to begin again."}, true
	}
	return Welcome{gap, "Welcome back",
		"It has been a while, and that is all right. Everything you saved is still here. Start small, with one practice."}, true
}
