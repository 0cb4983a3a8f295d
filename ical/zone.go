package ical

import (
	"strconv"
	"time"
)

// VTIMEZONE from Go's time zone database. RFC 5545 asks for a VTIMEZONE
// for every TZID a feed uses. Most clients know zone names and use their
// own data, but some (and Outlook in particular) take the feed's word for
// it, so the word has to be right.
//
// The zone's clock changes between from and until are found with
// time.ZoneBounds. Where each kind of change (to summer time, back to
// standard time) falls on the same rule every year — "the last Sunday of
// March at 02:00" — it is written once with a yearly RRULE, as zone
// definitions usually are; the rule has no end while the zone still
// changes its clocks at the end of the window, and ends (UNTIL) where it
// stopped. A zone whose changes follow no such rule (Israel's Friday
// before the last Sunday, one-off changes of offset) gets each change
// written out on its own, over the window.

// transition is one clock change.
type transition struct {
	at       time.Time // the instant of the change
	from, to int       // offsets from UTC, seconds
	name     string    // the abbreviation after the change
	dst      bool      // summer time after the change
}

// transitions lists the clock changes of loc after from, up to until.
func transitions(loc *time.Location, from, until time.Time) []transition {
	var out []transition
	t := from.In(loc)
	for len(out) < 200 {
		_, end := t.ZoneBounds()
		if end.IsZero() || end.After(until) {
			break
		}
		_, before := t.Zone()
		after := end.In(loc)
		name, off := after.Zone()
		if off != before || len(out) == 0 || out[len(out)-1].dst != after.IsDST() {
			out = append(out, transition{at: end, from: before, to: off, name: name, dst: after.IsDST()})
		}
		t = after
	}
	return out
}

// yearly is the rule of a change that recurs each year: the nth weekday
// of a month, the last one, or the one that falls in a run of seven days
// ("the Sunday after the first Saturday": days 2–8).
type yearly struct {
	month   time.Month
	weekday time.Weekday
	nth     int // 1–4, -1 for the last in the month, 0 for a run of days
	first   int // the run's first day of the month, when nth is 0
	day     int // the day of the month of this change
	clock   int // seconds after local midnight, in the offset before
}

// ruleOf describes a change as "the nth weekday of month at clock" in
// both ways it can be said; last is true when it falls in the month's
// last seven days.
func ruleOf(tr transition) (nth yearly, last bool) {
	local := tr.at.Add(time.Duration(tr.from) * time.Second).UTC() // wall clock before the change
	y, m, d := local.Date()
	days := time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
	clock := local.Hour()*3600 + local.Minute()*60 + local.Second()
	return yearly{month: m, weekday: local.Weekday(), nth: (d-1)/7 + 1, day: d, clock: clock}, d+7 > days
}

// regular finds one yearly rule that fits every change in trs, one per
// year in consecutive years, all with the same offsets and name.
func regular(trs []transition) (yearly, bool) {
	if len(trs) == 0 {
		return yearly{}, false
	}
	r0, last0 := ruleOf(trs[0])
	byNth, byLast := true, last0
	lo, hi := r0.day, r0.day
	for i, tr := range trs {
		r, last := ruleOf(tr)
		if tr.from != trs[0].from || tr.to != trs[0].to || tr.name != trs[0].name ||
			r.month != r0.month || r.weekday != r0.weekday || r.clock != r0.clock ||
			(i > 0 && tr.at.Year() != trs[i-1].at.Year()+1) {
			return yearly{}, false
		}
		byNth = byNth && r.nth == r0.nth && r.nth <= 4
		byLast = byLast && last
		lo, hi = min(lo, r.day), max(hi, r.day)
	}
	switch {
	case byNth:
		return r0, true
	case byLast:
		r0.nth = -1
		return r0, true
	case hi-lo == 6:
		// The change fell on every day of one run of seven: the window has
		// seen the whole rule, not a guess from a few years.
		r0.nth, r0.first = 0, lo
		return r0, true
	}
	return yearly{}, false
}

// writeZone writes the VTIMEZONE for loc, named name, covering from to
// until.
func writeZone(w *writer, name string, loc *time.Location, from, until time.Time) {
	w.line("BEGIN:VTIMEZONE")
	w.line("TZID:" + name)
	trs := transitions(loc, from, until)
	abbr, off := from.In(loc).Zone()
	if len(trs) == 0 {
		// No change in the window: one observance from long ago.
		observance(w, "STANDARD", time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC), off, off, abbr, "")
		w.line("END:VTIMEZONE")
		return
	}
	var toDST, toStd []transition
	for _, tr := range trs {
		if tr.dst {
			toDST = append(toDST, tr)
		} else {
			toStd = append(toStd, tr)
		}
	}
	rd, okD := regular(toDST)
	rs, okS := regular(toStd)
	if okD && okS && len(toDST) > 0 && len(toStd) > 0 {
		// Open-ended while the last change is within a year of the window's
		// end; otherwise the zone stopped changing and the rule ends there.
		open := until.Sub(trs[len(trs)-1].at) < 366*24*time.Hour
		ruled(w, toDST, rd, open)
		ruled(w, toStd, rs, open)
		w.line("END:VTIMEZONE")
		return
	}
	// Irregular: the offset in force at the start of the window, then
	// every change in it.
	observance(w, kind(from.In(loc).IsDST()), wall(from.In(loc).Truncate(time.Hour)), off, off, abbr, "")
	for _, tr := range trs {
		observance(w, kind(tr.dst), wall(tr.at.In(time.FixedZone("", tr.from))), tr.from, tr.to, tr.name, "")
	}
	w.line("END:VTIMEZONE")
}

// ruled writes one observance with a yearly rule from the first change.
func ruled(w *writer, trs []transition, r yearly, open bool) {
	first := trs[0]
	rule := "FREQ=YEARLY;BYMONTH=" + strconv.Itoa(int(r.month))
	if r.nth == 0 {
		rule += ";BYMONTHDAY="
		for d := r.first; d < r.first+7; d++ {
			if d > r.first {
				rule += ","
			}
			rule += strconv.Itoa(d)
		}
		rule += ";BYDAY=" + weekdayCode(r.weekday)
	} else {
		rule += ";BYDAY=" + strconv.Itoa(r.nth) + weekdayCode(r.weekday)
	}
	if !open {
		// UNTIL is UTC and includes the last change; two days past it
		// (the next change would be a year on) keeps the set the same for
		// a client that compares it with local onsets instead.
		rule += ";UNTIL=" + utc(trs[len(trs)-1].at.Add(48*time.Hour))
	}
	observance(w, kind(first.dst), wall(first.at.In(time.FixedZone("", first.from))), first.from, first.to, first.name, rule)
}

// observance writes a STANDARD or DAYLIGHT part.
func observance(w *writer, kind string, start time.Time, from, to int, name, rule string) {
	w.line("BEGIN:" + kind)
	w.line("DTSTART:" + start.Format("20060102T150405"))
	w.line("TZOFFSETFROM:" + offset(from))
	w.line("TZOFFSETTO:" + offset(to))
	if rule != "" {
		w.line("RRULE:" + rule)
	}
	if name != "" {
		w.prop("TZNAME", "", name)
	}
	w.line("END:" + kind)
}

func kind(dst bool) string {
	if dst {
		return "DAYLIGHT"
	}
	return "STANDARD"
}

// wall returns t's wall clock as a time in UTC, for formatting as a
// local date-time without a zone.
func wall(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, t.Hour(), t.Minute(), t.Second(), 0, time.UTC)
}

// offset formats seconds east of UTC as RFC 5545 wants: +HHMM, or
// +HHMMSS when there are seconds.
func offset(sec int) string {
	sign := byte('+')
	if sec < 0 {
		sign, sec = '-', -sec
	}
	b := []byte{sign}
	const digits = "0123456789"
	two := func(n int) { b = append(b, digits[n/10%10], digits[n%10]) }
	two(sec / 3600)
	two(sec / 60 % 60)
	if sec%60 != 0 {
		two(sec % 60)
	}
	return string(b)
}

func weekdayCode(d time.Weekday) string {
	const codes = "SUMOTUWETHFRSA"
	return codes[2*d : 2*d+2]
}
