package securebase

import "unicode/utf8"

// KindWeekly is the weekly reflection (E2).
const KindWeekly Kind = "weekly"

// Weekly is one weekly reflection: a look back at the week's triggers,
// the vulnerability practice, one pattern to watch and one behaviour to
// do a little less. Surfed and Acted keep the week's urge counts from the
// log as the person saw them when they wrote it; Week is the day the
// reflection opened (YYYY-MM-DD in their zone).
type Weekly struct {
	Week          string `json:"week,omitempty"`
	Triggers      string `json:"triggers,omitempty"`
	Vulnerability string `json:"vulnerability,omitempty"`
	Pattern       string `json:"pattern,omitempty"`
	Behaviour     string `json:"behaviour,omitempty"`
	Surfed        int    `json:"surfed,omitempty"`
	Acted         int    `json:"acted,omitempty"`
}

// WeeklyAnswerMax bounds each answer (package practice's AnswerMax).
const WeeklyAnswerMax = 4000

// weeklyCountMax bounds the urge counts kept with a reflection.
const weeklyCountMax = 10000

// Kind implements Payload.
func (w *Weekly) Kind() Kind { return KindWeekly }

// Text implements Payload.
func (w *Weekly) Text() []string {
	return []string{w.Triggers, w.Vulnerability, w.Pattern, w.Behaviour}
}

// Example implements Payload: a reflection whose every answer is text.
func (w *Weekly) Example(text string) Payload {
	return &Weekly{Week: "2026-11-29", Triggers: text, Vulnerability: text, Pattern: text, Behaviour: text, Surfed: 3, Acted: 1}
}

// Answers returns the four answers by field name, in the page's order.
func (w *Weekly) Answers() []Field {
	return []Field{{"triggers", w.Triggers}, {"vulnerability", w.Vulnerability}, {"pattern", w.Pattern}, {"behaviour", w.Behaviour}}
}

// Validate implements Payload: at least one answer, each within
// WeeklyAnswerMax characters, line breaks allowed.
func (w *Weekly) Validate() error {
	var v Validation
	w.Triggers, w.Vulnerability, w.Pattern, w.Behaviour = Trim(w.Triggers), Trim(w.Vulnerability), Trim(w.Pattern), Trim(w.Behaviour)
	for _, f := range w.Answers() {
		checkText(&v, f.Name, f.Value, WeeklyAnswerMax, true)
	}
	if w.Triggers == "" && w.Vulnerability == "" && w.Pattern == "" && w.Behaviour == "" &&
		utf8.ValidString(w.Triggers+w.Vulnerability+w.Pattern+w.Behaviour) {
		v.Add("triggers", "Answer one of the questions first. One line is plenty.")
	}
	if w.Week != "" && !isDate(w.Week) {
		v.Add("week", "Write the week as a date, like 2026-11-29.")
	}
	if w.Surfed < 0 || w.Surfed > weeklyCountMax {
		v.Add("surfed", "Use a number from 0 to 10,000.")
	}
	if w.Acted < 0 || w.Acted > weeklyCountMax {
		v.Add("acted", "Use a number from 0 to 10,000.")
	}
	return v.Err()
}

// isDate reports whether s is a date written YYYY-MM-DD.
func isDate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if i != 4 && i != 7 && (s[i] < '0' || s[i] > '9') {
			return false
		}
	}
	m, d := (s[5]-'0')*10+s[6]-'0', (s[8]-'0')*10+s[9]-'0'
	return m >= 1 && m <= 12 && d >= 1 && d <= 31
}
