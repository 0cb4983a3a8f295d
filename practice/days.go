package practice

import "time"

// Calendar days for the daily and weekly plan. A "day" is a date on the
// person's own calendar, in their own time zone, never a span of 24 hours:
// on the day clocks change a day has 23 or 25 hours, and counting hours
// would put an evening practice on the wrong date. Every count in this
// package works on day numbers built from the local date, which makes it
// safe across changes to and from summer time.

// dayNumber returns the number of days from 1970-01-01 to the calendar date
// of t in loc. A nil loc means UTC.
func dayNumber(t time.Time, loc *time.Location) int {
	if loc == nil {
		loc = time.UTC
	}
	y, m, d := t.In(loc).Date()
	return daysFromCivil(y, int(m), d)
}

// daysFromCivil counts days from 1970-01-01 to y-m-d in the proleptic
// Gregorian calendar (Howard Hinnant's algorithm): exact for any year
// without building a time.Time.
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
	if loc == nil {
		loc = time.UTC
	}
	y, m, d := civilFromDays(n)
	t := time.Date(y, m, d, 0, 0, 0, 0, loc)
	if ty, tm, td := t.Date(); ty != y || tm != m || td != d {
		if _, end := t.ZoneBounds(); !end.IsZero() {
			t = end
		}
	}
	return t
}

// weekdayOf returns the weekday of day number n (day 0 was a Thursday).
func weekdayOf(n int) time.Weekday {
	return time.Weekday(((n % 7) + 7 + 4) % 7)
}
