package insight

import (
	"math/bits"
	"time"
)

// PracticeWeek is how many days of one week had any practice.
type PracticeWeek struct {
	Week time.Time `json:"week"` // the start of its Monday
	Days int       `json:"days"` // 0–7
}

// Practice is practice consistency: days practised per week. It counts
// days, never runs of days: no streak, so nothing breaks.
type Practice struct {
	Status
	Weeks []PracticeWeek `json:"weeks"` // every week of the span, oldest first
	// Recent and Before are the days practised in the last 4 weeks of the
	// span and in the 4 weeks before them.
	Recent, Before int
}

// PracticeNeed is how many days of practice the chart waits for.
const PracticeNeed = 5

// PracticeByWeek counts the distinct calendar days with practice in each
// week of the span. times are the moments of anything that counts as
// practice (the page filters with practice.IsPractice). One pass; a
// seven-bit set per week.
func PracticeByWeek(times []time.Time, span Span) Practice {
	first, last, dd := span.days()
	var out Practice
	if last < first {
		out.Status = notYet(0, PracticeNeed, practiceNotYet)
		return out
	}
	w0 := monday(first)
	weeks := (monday(last)-w0)/7 + 1
	out.Weeks = make([]PracticeWeek, weeks)
	// Days is used as the set of days until the end.
	for _, t := range times {
		n := dd.day(t)
		if n < first || n > last {
			continue
		}
		w := &out.Weeks[(n-w0)/7]
		bit := 1 << ((n - w0) % 7)
		if w.Days&bit != 0 {
			continue
		}
		w.Days |= bit
		switch {
		case n > last-recent:
			out.Recent++
		case n > last-2*recent:
			out.Before++
		}
	}
	total := 0
	for i := range out.Weeks {
		w := &out.Weeks[i]
		w.Days = bits.OnesCount(uint(w.Days))
		w.Week = dd.startOf(w0 + 7*i)
		total += w.Days
	}
	if total < PracticeNeed {
		out.Status = notYet(total, PracticeNeed, practiceNotYet)
		return out
	}
	out.Status = Status{Have: total, Need: PracticeNeed, Summary: out.sentence()}
	return out
}

const practiceNotYet = "After 5 days of practice this will show your weekly rhythm."

func (p Practice) sentence() string {
	if p.Recent == 0 {
		return "The last 4 weeks have been quiet here. Whenever you come back, a few minutes is enough."
	}
	return "In the last 4 weeks you practised on " + count(p.Recent, "day", "days") +
		", and on " + itoa(p.Before) + " in the 4 weeks before."
}
