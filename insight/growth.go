package insight

import "time"

// GrowthRating is one rating of one sign of growing security (E4), 1–5.
type GrowthRating struct {
	At    time.Time
	Item  string
	Value int
}

// GrowthMean is the mean rating of one item in one month.
type GrowthMean struct {
	N    int     `json:"n"`    // ratings that month (0: not rated)
	Mean float64 `json:"mean"` // 0 when N is 0
}

// GrowthMonth is one month of ratings.
type GrowthMonth struct {
	Month time.Time    `json:"month"` // the start of its first day
	N     int          `json:"n"`     // ratings that month, all items
	Mean  float64      `json:"mean"`  // mean over all items rated
	Items []GrowthMean `json:"items"` // in the order of the items given
}

// Growth is the signs of growing security over months.
type Growth struct {
	Status
	Months []GrowthMonth `json:"months"` // months with a rating, oldest first
}

// GrowthNeed is how many rated months make a line.
const GrowthNeed = 2

// GrowthOverMonths averages the ratings of each item by calendar month in
// loc (UTC when nil). Ratings of unknown items or off the 1–5 scale are
// left out. Two allocations: the months, and one block for every
// month's items.
func GrowthOverMonths(ratings []GrowthRating, items []Named, loc *time.Location) Growth {
	if loc == nil {
		loc = time.UTC
	}
	var out Growth
	lo, hi, ok := 0, 0, false
	for _, r := range ratings {
		if index(items, r.Item) < 0 || r.Value < 1 || r.Value > 5 {
			continue
		}
		m := monthNumber(dayNumber(r.At, loc))
		if !ok || m < lo {
			lo = m
		}
		if !ok || m > hi {
			hi = m
		}
		ok = true
	}
	if !ok {
		out.Status = notYet(0, GrowthNeed, growthNotYet)
		return out
	}
	months := make([]GrowthMonth, hi-lo+1)
	cells := make([]GrowthMean, len(months)*len(items))
	for i := range months {
		months[i].Items = cells[i*len(items) : (i+1)*len(items) : (i+1)*len(items)]
	}
	for _, r := range ratings {
		j := index(items, r.Item)
		if j < 0 || r.Value < 1 || r.Value > 5 {
			continue
		}
		mo := &months[monthNumber(dayNumber(r.At, loc))-lo]
		mo.N++
		mo.Mean += float64(r.Value)
		mo.Items[j].N++
		mo.Items[j].Mean += float64(r.Value)
	}
	k := 0
	for i := range months {
		mo := months[i]
		if mo.N == 0 {
			continue
		}
		mo.Month = startOfMonth(lo+i, loc)
		mo.Mean /= float64(mo.N)
		for j := range mo.Items {
			if mo.Items[j].N > 0 {
				mo.Items[j].Mean /= float64(mo.Items[j].N)
			}
		}
		months[k] = mo
		k++
	}
	out.Months = months[:k:k]
	if k < GrowthNeed {
		out.Status = notYet(k, GrowthNeed, growthNotYet)
		return out
	}
	out.Status = Status{Have: k, Need: GrowthNeed, Summary: out.sentence(items, loc)}
	return out
}

const growthNotYet = "After you rate the signs in two different months, this will show how they change."

// sentence names the sign that rose most between its first and latest
// rated month.
func (g Growth) sentence(items []Named, loc *time.Location) string {
	best, rise := -1, 0.0
	var from, to float64
	for j := range items {
		var f, l float64
		seen := false
		for _, mo := range g.Months {
			if mo.Items[j].N == 0 {
				continue
			}
			if !seen {
				f, seen = mo.Items[j].Mean, true
			}
			l = mo.Items[j].Mean
		}
		if seen && l-f > rise {
			best, rise, from, to = j, l-f, f, l
		}
	}
	first := g.Months[0].Month.In(loc).Format("January 2006")
	if best < 0 {
		return "Your ratings since " + first + " have held about steady. Change is rarely a straight line."
	}
	return items[best].Name + " has grown the most since " + first + ": from " + one(from) + " to " + one(to) + " of 5."
}
