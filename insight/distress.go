package insight

import "time"

// CheckIn is one check-in: when, and distress 0–10.
type CheckIn struct {
	At       time.Time
	Distress int
}

// DayDistress is one calendar day's check-ins.
type DayDistress struct {
	Day  time.Time `json:"day"` // the start of the day in the span's zone
	N    int       `json:"n"`   // check-ins that day
	Mean float64   `json:"mean"`
	Min  int       `json:"min"`
	Max  int       `json:"max"`
}

// Distress is check-in distress over the days of a span.
type Distress struct {
	Status
	Days []DayDistress `json:"days"` // days with a check-in, oldest first
	// Recent and Before are the mean distress of the last 4 weeks of the
	// span and of the 4 weeks before them; RecentN and BeforeN count the
	// check-ins behind each (0: no mean).
	Recent, Before   float64
	RecentN, BeforeN int
}

// DistressNeed is how many check-ins the daily chart waits for.
const DistressNeed = 7

// DistressOverDays gathers check-ins by calendar day: the mean, lowest and
// highest distress of each day in the span. Ratings off the 0–10 scale are
// left out. It makes one pass over the check-ins and allocates the days
// once.
func DistressOverDays(checkins []CheckIn, span Span) Distress {
	first, last, dd := span.days()
	var out Distress
	if last < first {
		out.Status = notYet(0, DistressNeed, distressNotYet)
		return out
	}
	days := make([]DayDistress, last-first+1)
	var recentSum, beforeSum, total int
	for _, c := range checkins {
		if c.Distress < 0 || c.Distress > 10 {
			continue
		}
		n := dd.day(c.At)
		if n < first || n > last {
			continue
		}
		d := &days[n-first]
		if d.N == 0 || c.Distress < d.Min {
			d.Min = c.Distress
		}
		if d.N == 0 || c.Distress > d.Max {
			d.Max = c.Distress
		}
		d.N++
		d.Mean += float64(c.Distress) // the sum until the end
		total++
		switch {
		case n > last-recent:
			recentSum += c.Distress
			out.RecentN++
		case n > last-2*recent:
			beforeSum += c.Distress
			out.BeforeN++
		}
	}
	// Keep the days with check-ins, in place.
	k := 0
	for i := range days {
		if days[i].N == 0 {
			continue
		}
		d := days[i]
		d.Day = dd.startOf(first + i)
		d.Mean /= float64(d.N)
		days[k] = d
		k++
	}
	out.Days = days[:k:k]
	if out.RecentN > 0 {
		out.Recent = float64(recentSum) / float64(out.RecentN)
	}
	if out.BeforeN > 0 {
		out.Before = float64(beforeSum) / float64(out.BeforeN)
	}
	if total < DistressNeed {
		out.Status = notYet(total, DistressNeed, distressNotYet)
		return out
	}
	out.Status = Status{Have: total, Need: DistressNeed, Summary: out.sentence()}
	return out
}

const distressNotYet = "After 7 check-ins this will show how your days have been."

// sentence compares the last 4 weeks with the 4 before, without judging
// either: a harder stretch is part of the work, not a step back.
func (d Distress) sentence() string {
	switch {
	case d.RecentN == 0:
		return "You have no check-ins in the last 4 weeks. Your earlier days are in the chart."
	case d.BeforeN == 0:
		return "In the last 4 weeks your check-ins averaged distress " + one(d.Recent) + " of 10."
	}
	s := "In the last 4 weeks your check-ins averaged distress " + one(d.Recent) + " of 10"
	switch r, b := one(d.Recent), one(d.Before); {
	case r == b:
		return s + ", the same as in the 4 weeks before."
	case d.Recent < d.Before:
		return s + ", lower than " + b + " in the 4 weeks before."
	}
	return s + ", higher than " + one(d.Before) + " in the 4 weeks before. Harder stretches come and go."
}
