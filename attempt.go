package securebase

import (
	"math"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// KindAttempt is one go at an attachment questionnaire (feature A1).
const KindAttempt Kind = "attempt"

// Bounds of an attempt. They are structural: whether an item exists and
// whether an answer lies on the questionnaire's scale is checked against
// the questionnaire itself (package assess) by package entries, which
// knows it; the domain only keeps a stored attempt small and well formed.
const (
	AttemptItemsMax = 200       // items in one questionnaire
	AttemptValueMax = 100       // highest answer on any response scale
	AttemptAboutMax = 80        // characters in the name of the person asked about
	AttemptSeedMax  = 1<<53 - 1 // seeds stay exact as JSON numbers in every client
)

// Attempt is one person's answers to one questionnaire, saved as they go
// and scored once at the end. The seed fixes the order the items are shown
// in for this attempt; the result is stored at completion so that history
// never changes if scoring code does.
type Attempt struct {
	Instrument string `json:"instrument"`      // questionnaire id, like "ecr-r"
	About      string `json:"about,omitempty"` // whom the answers are about (ECR-RS), in the person's words
	Seed       uint64 `json:"seed"`            // item order for this attempt
	// Answers maps item number to answer. JSON keys are the numbers as
	// strings ({"12": 5}).
	Answers     map[int]int    `json:"answers"`
	StartedAt   time.Time      `json:"started_at"`
	CompletedAt *time.Time     `json:"completed_at,omitempty"`
	Result      *AttemptResult `json:"result,omitempty"`
}

// AttemptResult is the scored result of a completed attempt: each scale's
// mean on the range the answers were given on.
type AttemptResult struct {
	Min    int            `json:"min"`
	Max    int            `json:"max"`
	Scales []AttemptScale `json:"scales"`
}

// AttemptScale is one scale of a result.
type AttemptScale struct {
	Scale    string  `json:"scale"`
	Mean     float64 `json:"mean"`
	Answered int     `json:"answered"`
	Missing  int     `json:"missing"`
	Scored   bool    `json:"scored"`
}

// Scale returns the result of the scale with the given id.
func (r *AttemptResult) Scale(id string) (AttemptScale, bool) {
	if r == nil {
		return AttemptScale{}, false
	}
	for _, s := range r.Scales {
		if s.Scale == id {
			return s, true
		}
	}
	return AttemptScale{}, false
}

// Kind implements Payload.
func (a *Attempt) Kind() Kind { return KindAttempt }

// Text implements Payload: the name a person gave is the only free text.
func (a *Attempt) Text() []string { return []string{a.About} }

// Example implements Payload: an unfinished ECR-RS about text, the one
// questionnaire that asks a name.
func (a *Attempt) Example(text string) Payload {
	return &Attempt{Instrument: "ecr-rs", About: text, Answers: map[int]int{}, StartedAt: exampleTime()}
}

// Completed reports whether the attempt is finished and scored.
func (a *Attempt) Completed() bool { return a.CompletedAt != nil }

// Validate implements Payload. It normalises the name and an absent
// answer map, and checks the shape of everything else.
func (a *Attempt) Validate() error {
	var v Validation
	a.About = OneLine(a.About)
	if a.Answers == nil {
		a.Answers = map[int]int{}
	}
	if !validSlug(a.Instrument) {
		v.Add("instrument", "Name the questionnaire by its id, like ecr-r.")
	}
	switch {
	case !utf8.ValidString(a.About):
		v.Add("about", "The name has characters we can't read. Try typing it again.")
	case utf8.RuneCountInString(a.About) > AttemptAboutMax:
		v.Add("about", "Keep the name under 80 characters. A first name or a few words is plenty.")
	case strings.ContainsFunc(a.About, unicode.IsControl):
		v.Add("about", "Keep the name to one line.")
	}
	if a.Seed > AttemptSeedMax {
		v.Add("seed", "The seed is a whole number from 0 to 2^53 − 1.")
	}
	if len(a.Answers) > AttemptItemsMax {
		v.Add("answers", "An attempt holds at most 200 answers.")
	}
	for item, value := range a.Answers {
		if item < 1 || item > AttemptItemsMax || value < 0 || value > AttemptValueMax {
			v.Add("answers", "Each answer needs an item number from 1 and a whole-number value on the questionnaire's scale.")
			break
		}
	}
	if a.StartedAt.IsZero() {
		v.Add("started_at", "An attempt needs the time it started.")
	}
	switch {
	case (a.CompletedAt == nil) != (a.Result == nil):
		v.Add("result", "A finished attempt has both a completion time and a result; an unfinished one has neither.")
	case a.CompletedAt != nil && a.CompletedAt.Before(a.StartedAt):
		v.Add("completed_at", "An attempt can't finish before it started.")
	case a.Result != nil && !a.Result.valid():
		v.Add("result", "The result needs a range and, for each scale, a mean inside that range.")
	}
	return v.Err()
}

func (r *AttemptResult) valid() bool {
	if r.Min < 0 || r.Min >= r.Max || r.Max > AttemptValueMax || len(r.Scales) == 0 || len(r.Scales) > AttemptItemsMax {
		return false
	}
	for _, s := range r.Scales {
		if !validSlug(s.Scale) || s.Answered < 0 || s.Missing < 0 || s.Answered+s.Missing > AttemptItemsMax ||
			math.IsNaN(s.Mean) || math.IsInf(s.Mean, 0) {
			return false
		}
		if s.Scored && (s.Mean < float64(r.Min) || s.Mean > float64(r.Max)) || !s.Scored && s.Mean != 0 {
			return false
		}
	}
	return true
}

// validSlug reports whether s is a short id of lower-case letters, digits
// and hyphens, the form questionnaire, scale and sign ids take.
// uniqueSlugs checks a list of ids chosen from a list (signs, markers):
// each must have the form of an id (msg under field otherwise, and it is
// left out); repeats are dropped, keeping the first. A nil list becomes
// empty, so it encodes as [].
func uniqueSlugs(v *Validation, field, msg string, ids []string) []string {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if !validSlug(id) {
			v.Add(field, msg)
			continue
		}
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

func validSlug(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}
