package insight

import "time"

// Calendar arithmetic. Every aggregation here counts days and weeks on
// the person's own calendar, in their own time zone: a day is a date, not
// 24 hours, so a day of 23 or 25 hours when clocks change still holds
// exactly the entries of that date. Dates become day numbers (days since
// 1970-01-01) once per record, and weeks are runs of seven day numbers
// starting on a Monday.

// dayNumber returns the days from 1970-01-01 to t's calendar date in loc.
func dayNumber(t time.Time, loc *time.Location) int {
	y, m, d := t.In(loc).Date()
	return daysFromCivil(y, int(m), d)
}

// daysFromCivil counts days from 1970-01-01 to y-m-d in the proleptic
// Gregorian calendar (Howard Hinnant's algorithm).
func daysFromCivil(y, m, d int) int {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era = (y - 399) / 400
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// civilFromDays is the inverse of daysFromCivil.
func civilFromDays(z int) (y int, m time.Month, d int) {
	z += 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era = (z - 146096) / 146097
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	mm := mp + 3
	if mm > 12 {
		mm -= 12
	}
	if mm <= 2 {
		y++
	}
	return y, time.Month(mm), d
}

// startOfDay returns the first instant of day number n in loc. Where the
// clocks jump forward at midnight (Santiago, Havana, Beirut), the day
// starts at the jump, not at a midnight that never happened.
func startOfDay(n int, loc *time.Location) time.Time {
	y, m, d := civilFromDays(n)
	t := time.Date(y, m, d, 0, 0, 0, 0, loc)
	if ty, tm, td := t.Date(); ty != y || tm != m || td != d {
		if _, end := t.ZoneBounds(); !end.IsZero() {
			t = end
		}
	}
	return t
}

// monday returns the day number of the Monday on or before day n
// (1970-01-01, day 0, was a Thursday).
func monday(n int) int {
	return n - ((n%7)+7+3)%7
}

// monthNumber returns months since January 1970 of day number n.
func monthNumber(n int) int {
	y, m, _ := civilFromDays(n)
	return (y-1970)*12 + int(m) - 1
}

// startOfMonth returns the first instant of month number k in loc.
func startOfMonth(k int, loc *time.Location) time.Time {
	y := 1970 + k/12
	m := k % 12
	if m < 0 {
		m += 12
		y--
	}
	return startOfDay(daysFromCivil(y, m+1, 1), loc)
}

// dayer turns instants into day numbers in one zone, fast. Looking up a
// zone for each of a year's thousand records is most of the cost of an
// aggregation, and a year holds at most a few clock changes: dayer finds
// them once, then a day number is an addition and a division. Instants
// outside the span it was built for take time's own lookup.
type dayer struct {
	loc    *time.Location
	lo, hi int64 // Unix seconds covered: [lo, hi)
	n      int
	start  [8]int64 // Unix second at which each zone period starts
	off    [8]int64 // its offset from UTC in seconds
}

// newDayer covers from and to with two days to spare on each side.
func newDayer(loc *time.Location, from, to time.Time) dayer {
	d := dayer{loc: loc}
	t := from.Add(-48 * time.Hour).In(loc)
	end := to.Add(48 * time.Hour)
	d.lo = t.Unix()
	for d.n < len(d.start) {
		_, off := t.Zone()
		d.start[d.n], d.off[d.n] = t.Unix(), int64(off)
		d.n++
		_, next := t.ZoneBounds()
		if next.IsZero() || !next.Before(end) {
			d.hi = end.Unix()
			return d
		}
		t = next.In(loc)
	}
	d.hi = t.Unix() // more changes than room: the rest takes the slow path
	return d
}

// day returns the day number of t's date in the dayer's zone.
func (d *dayer) day(t time.Time) int {
	u := t.Unix()
	if u < d.lo || u >= d.hi {
		return dayNumber(t, d.loc)
	}
	i := d.n - 1
	for i > 0 && u < d.start[i] {
		i--
	}
	s := u + d.off[i]
	q := s / 86400
	if s%86400 < 0 {
		q--
	}
	return int(q)
}

// startOf returns the first instant of day number n, like startOfDay but
// without a zone lookup when the day lies inside the dayer's span.
func (d *dayer) startOf(n int) time.Time {
	local := int64(n) * 86400
	// Earliest period first: where clocks go back at midnight, the day
	// starts at the first of its two midnights.
	for i := 0; i < d.n; i++ {
		u := local - d.off[i]
		end := d.hi
		if i+1 < d.n {
			end = d.start[i+1]
		}
		if u >= d.start[i] && u < end {
			return time.Unix(u, 0).In(d.loc)
		}
	}
	// Midnight falls in a gap, or outside the span: ask time.
	return startOfDay(n, d.loc)
}
