package behaviour

import (
	"fmt"
	"sort"
	"time"
)

// flagsFile is the shape of data/flags.json.
type flagsFile struct {
	About string `json:"about"`
	Intro string `json:"intro"`
	Green []Flag `json:"green"`
	Red   []Flag `json:"red"`
	Cycle Cycle  `json:"cycle"`
}

// Flag is a kind of moment a person can notice in someone they date or
// live with (D4): a green flag (steadiness) or a red flag (unsteadiness).
// Flags describe moments, never the person.
type Flag struct {
	Item
	// Safety marks a red flag that may be about safety rather than
	// attachment: a summary that holds one points to SafetyPath.
	Safety bool `json:"safety,omitempty"`
}

// Colour says which list a flag is on.
func (c *Catalog) Colour(id string) (List, bool) {
	switch {
	case c.Has(GreenFlags, id):
		return GreenFlags, true
	case c.Has(RedFlags, id):
		return RedFlags, true
	}
	return "", false
}

func flagItems(fs []Flag) []Item {
	out := make([]Item, len(fs))
	for i, f := range fs {
		out[i] = f.Item
	}
	return out
}

// Cycle is the anxious–avoidant cycle, explained in a few short paragraphs.
type Cycle struct {
	Title      string   `json:"title"`
	Paragraphs []string `json:"paragraphs"`
}

// SafetyPath is the page on relationship safety and intimate-partner
// violence. Its name is neutral on purpose: browser history may be seen.
const SafetyPath = "/help/safety"

// FlagsIntro opens the flags page.
func (c *Catalog) FlagsIntro() string { return c.flags.Intro }

// Flags returns the green or the red flags; nil for any other list.
func (c *Catalog) Flags(l List) []Flag {
	switch l {
	case GreenFlags:
		return append([]Flag(nil), c.flags.Green...)
	case RedFlags:
		return append([]Flag(nil), c.flags.Red...)
	}
	return nil
}

// AnxiousAvoidantCycle returns the explanation of the cycle.
func (c *Catalog) AnxiousAvoidantCycle() Cycle {
	return Cycle{Title: c.flags.Cycle.Title, Paragraphs: append([]string(nil), c.flags.Cycle.Paragraphs...)}
}

// Observation is one noted flag, with when it was seen. A page keeps one
// list of observations per person the user notes about; pass one person's
// observations at a time.
type Observation struct {
	At   time.Time
	Flag string
}

// FlagCount is how often one flag was noted.
type FlagCount struct {
	Flag   Flag
	Colour List
	N      int
}

// Window is the count of green and red flags in one stretch of time.
type Window struct {
	From, To   time.Time // (From, To]: the end is included, so a note made now counts
	Green, Red int
}

// TrendDays is the length of each of the two windows a trend compares.
const TrendDays = 28

// FlagSummary is a plain account of what was noted. It describes; it does
// not judge, and it never says what the person is.
type FlagSummary struct {
	Total, Green, Red int
	// Uncounted are observations with a flag this catalog does not know.
	Uncounted   int
	First, Last time.Time
	// Counts holds every flag noted at least once, most often first,
	// ties in the catalog's order (green before red).
	Counts []FlagCount
	// Recent and Before are the last TrendDays days up to now and the
	// TrendDays before that.
	Recent, Before Window
	// Safety is true when a flag marked Safety was noted: the page then
	// shows the sentence that points to SafetyPath.
	Safety bool
	// Lines say it in words, in the order to show them.
	Lines []string
}

// SummariseFlags counts observations and says plainly what was seen:
// totals, what came up most, and how the last four weeks compare with the
// four before. Observations after now are left out.
func (c *Catalog) SummariseFlags(obs []Observation, now time.Time) FlagSummary {
	var s FlagSummary
	s.Recent = Window{From: now.AddDate(0, 0, -TrendDays), To: now}
	s.Before = Window{From: now.AddDate(0, 0, -2*TrendDays), To: s.Recent.From}
	order := map[string]int{}
	all := append(c.Flags(GreenFlags), c.Flags(RedFlags)...)
	for i, f := range all {
		order[f.ID] = i
	}
	counts := map[string]*FlagCount{}
	for _, o := range obs {
		colour, ok := c.Colour(o.Flag)
		if !ok {
			s.Uncounted++
			continue
		}
		if o.At.After(now) {
			continue
		}
		fc := counts[o.Flag]
		if fc == nil {
			fc = &FlagCount{Flag: all[order[o.Flag]], Colour: colour}
			counts[o.Flag] = fc
		}
		fc.N++
		s.Total++
		green := colour == GreenFlags
		if green {
			s.Green++
		} else {
			s.Red++
		}
		s.Safety = s.Safety || fc.Flag.Safety
		if s.First.IsZero() || o.At.Before(s.First) {
			s.First = o.At
		}
		if o.At.After(s.Last) {
			s.Last = o.At
		}
		for _, w := range []*Window{&s.Recent, &s.Before} {
			if o.At.After(w.From) && !o.At.After(w.To) {
				if green {
					w.Green++
				} else {
					w.Red++
				}
			}
		}
	}
	for _, fc := range counts {
		s.Counts = append(s.Counts, *fc)
	}
	sort.Slice(s.Counts, func(i, j int) bool {
		a, b := s.Counts[i], s.Counts[j]
		if a.N != b.N {
			return a.N > b.N
		}
		return order[a.Flag.ID] < order[b.Flag.ID]
	})
	s.Lines = s.lines()
	return s
}

func (s FlagSummary) lines() []string {
	if s.Total == 0 {
		return []string{"Nothing noted yet. When you notice something, big or small, add it here."}
	}
	var out []string
	out = append(out, fmt.Sprintf("You noted %s %s: %s and %s.",
		times(s.Total, "moment", "moments"), span(s.First, s.Last),
		times(s.Green, "green flag", "green flags"), times(s.Red, "red flag", "red flags")))
	var most []FlagCount
	for _, fc := range s.Counts {
		if len(most) == 3 || fc.N < 2 {
			break
		}
		most = append(most, fc)
	}
	if len(most) > 0 {
		line := "Noted most often: "
		for i, fc := range most {
			if i > 0 {
				line += ", "
			}
			line += fmt.Sprintf("%s (%d times)", fc.Flag.Label, fc.N)
		}
		out = append(out, line+".")
	}
	r, b := s.Recent, s.Before
	if r.Green+r.Red > 0 && b.Green+b.Red > 0 {
		out = append(out, fmt.Sprintf("Last 4 weeks: %d green, %d red. The 4 weeks before: %d green, %d red.", r.Green, r.Red, b.Green, b.Red))
	}
	if s.Total < FewAnswers {
		out = append(out, "That is only a few notes. A pattern shows over weeks, not days.")
	}
	out = append(out, "These are moments you saw. They describe what happened, not who someone is.")
	if s.Safety {
		out = append(out, "You noted something that may be about your safety. If you feel afraid, the relationship safety page has people who can help.")
	}
	return out
}

// span says how long the notes cover: "on one day", "over 5 days",
// "over 3 weeks".
func span(first, last time.Time) string {
	d := last.Sub(first)
	switch days := int(d.Hours() / 24); {
	case days < 1:
		return "on one day"
	case days < 14:
		return fmt.Sprintf("over %d days", days+1)
	default:
		return fmt.Sprintf("over %d weeks", (days+6)/7)
	}
}

// checkFlags checks the flags data the code relies on.
func (c *Catalog) checkFlags() error {
	for _, f := range c.flags.Green {
		if f.Safety {
			return fmt.Errorf("behaviour: green flag %s cannot be about safety", f.ID)
		}
		if c.Has(RedFlags, f.ID) {
			return fmt.Errorf("behaviour: flag id %q is both green and red", f.ID)
		}
	}
	safety := 0
	for _, f := range c.flags.Red {
		if f.Safety {
			safety++
		}
	}
	if safety == 0 {
		return fmt.Errorf("behaviour: no red flag points to safety")
	}
	if err := checkWords("flags intro", c.flags.Intro); err != nil {
		return err
	}
	if err := checkWords("cycle title", c.flags.Cycle.Title); err != nil {
		return err
	}
	if len(c.flags.Cycle.Paragraphs) < 3 {
		return fmt.Errorf("behaviour: the cycle needs at least three paragraphs")
	}
	for i, p := range c.flags.Cycle.Paragraphs {
		if err := checkWords(fmt.Sprintf("cycle paragraph %d", i), p); err != nil {
			return err
		}
	}
	return nil
}
