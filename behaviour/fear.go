package behaviour

import (
	"fmt"
	"sort"
	"time"
)

// "Did the fear come true?" (D6). The day after a logged trigger, one
// question asks whether what the person feared happened. Over weeks their
// answers become their own base rate. Every number here is computed from
// answers the person gave; a trigger with no answer counts for nothing.

// FewAnswers is the number of answers below which the base rates say they
// rest on little data.
const FewAnswers = 5

// FollowUpFrom returns when the follow-up for a trigger logged at loggedAt
// is first asked: the next morning at 08:00 local time (see NextMorning),
// when the night has passed and there may be something to know.
func FollowUpFrom(loggedAt time.Time, loc *time.Location) time.Time {
	return NextMorning(loggedAt, loc)
}

// FollowUp returns the question for a fear and the answers to offer.
func (c *Catalog) FollowUp(fearID string) (string, []Item, error) {
	f, err := c.Fear(fearID)
	if err != nil {
		return "", nil, err
	}
	return f.Question, c.Items(CameTrue), nil
}

// FearAnswer is one answered follow-up: the fear's id and the answer's id
// (CameTrueYes, CameTruePartly or CameTrueNo).
type FearAnswer struct {
	Fear     string
	CameTrue string
}

// FearRate is what the answers say about one fear.
type FearRate struct {
	Fear     Fear
	Answered int
	Yes      int
	Partly   int
	No       int
	// Sentence says it plainly: "You feared they were leaving 14 times;
	// it happened 0 times."
	Sentence string
}

// BaseRates is the person's own record of feared against real outcomes.
type BaseRates struct {
	Answered int
	// Uncounted are answers with an id this catalog does not know.
	Uncounted int
	// Fears holds one rate per fear with any answer, most answered first,
	// ties in the catalog's order.
	Fears []FearRate
	// Note says how much the numbers rest on.
	Note string
}

// BaseRates counts answers per fear. It never estimates or fills in: a
// fear with two answers says two answers.
func (c *Catalog) BaseRates(answers []FearAnswer) BaseRates {
	var out BaseRates
	rates := map[string]*FearRate{}
	for _, a := range answers {
		f, err := c.Fear(a.Fear)
		if err != nil || !c.Has(CameTrue, a.CameTrue) {
			out.Uncounted++
			continue
		}
		r := rates[f.ID]
		if r == nil {
			r = &FearRate{Fear: f}
			rates[f.ID] = r
		}
		r.Answered++
		switch a.CameTrue {
		case CameTrueYes:
			r.Yes++
		case CameTruePartly:
			r.Partly++
		default:
			r.No++
		}
		out.Answered++
	}
	for _, f := range c.fears {
		if r := rates[f.ID]; r != nil {
			r.Sentence = r.sentence()
			out.Fears = append(out.Fears, *r)
		}
	}
	sort.SliceStable(out.Fears, func(i, j int) bool { return out.Fears[i].Answered > out.Fears[j].Answered })
	switch {
	case out.Answered == 0:
		out.Note = "No answers yet. The day after you log a fear, one question asks whether it happened."
	case out.Answered < FewAnswers:
		out.Note = fmt.Sprintf("These numbers rest on %s. A few more weeks of answers will show a clearer picture.", times(out.Answered, "answer", "answers"))
	default:
		out.Note = fmt.Sprintf("These numbers come only from your own %d answers.", out.Answered)
	}
	return out
}

func (r FearRate) sentence() string {
	lead := "You " + r.Fear.Feared
	if r.Answered == 1 {
		switch {
		case r.Yes == 1:
			return lead + " once; it happened."
		case r.Partly == 1:
			return lead + " once; it partly happened."
		default:
			return lead + " once; it did not happen."
		}
	}
	s := fmt.Sprintf("%s %s; it happened %s", lead, count(r.Answered), count(r.Yes))
	if r.Partly > 0 {
		s += " and partly " + count(r.Partly)
	}
	return s + "."
}

// count says how many times: "0 times", "once", "twice", "3 times".
func count(n int) string {
	switch n {
	case 1:
		return "once"
	case 2:
		return "twice"
	}
	return fmt.Sprintf("%d times", n)
}

// times says a number with its noun: "1 answer", "4 answers".
func times(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
