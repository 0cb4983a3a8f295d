package chart

import (
	"math"
	"time"
)

// niceStep returns a round step (1, 2, 2.5 or 5 times a power of ten)
// that splits the range lo..hi into at most n parts. For whole numbers
// (counts) the step is a whole number too: no tick at 2.5 episodes.
func niceStep(lo, hi float64, n int, whole bool) float64 {
	r := hi - lo
	if !(r > 0) || !finite(r) || n < 1 {
		return 1
	}
	raw := r / float64(n)
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range [...]float64{1, 2, 2.5, 5, 10} {
		s := m * p
		if whole && (s < 1 || s != math.Trunc(s)) {
			continue
		}
		if s >= raw {
			return s
		}
	}
	return 10 * max(p, 1)
}

// axis is a value axis: the range drawn and where its ticks go.
type axis struct {
	lo, hi, step float64
}

// valueAxis builds the axis for lo..hi. When the caller gave no usable
// range it is taken from the data (min, max), widened to include 0 when
// the data are all positive and padded when they are all equal.
func valueAxis(lo, hi, dmin, dmax float64, ticks int, whole bool) axis {
	if !finite(lo) || !finite(hi) || !(hi > lo) {
		lo, hi = dmin, dmax
		if !finite(lo) || !finite(hi) {
			lo, hi = 0, 1
		}
		if lo > 0 {
			lo = 0
		}
		if hi <= lo {
			hi = lo + 1
		}
		s := niceStep(lo, hi, ticks, whole)
		lo, hi = math.Floor(lo/s)*s, math.Ceil(hi/s)*s
	}
	// Keep the numbers drawable: an absurd range is clamped, never NaN.
	if hi-lo > 1e12 || math.Abs(lo) > 1e12 || math.Abs(hi) > 1e12 {
		lo, hi = math.Max(lo, -1e12), math.Min(hi, 1e12)
		if !(hi > lo) {
			lo, hi = 0, 1
		}
	}
	return axis{lo: lo, hi: hi, step: niceStep(lo, hi, ticks, whole)}
}

// ticks returns the tick values from lo to hi.
func (a axis) ticks() []float64 {
	first := math.Ceil(a.lo/a.step-1e-9) * a.step
	var out []float64
	for i := 0; i < 12; i++ {
		v := first + float64(i)*a.step
		if v > a.hi+a.step*1e-9 {
			break
		}
		out = append(out, v)
	}
	return out
}

// scale maps v on the axis to a coordinate between from (at lo) and to
// (at hi), clamped to the plot so that an outlier stays on the drawing.
func (a axis) scale(v, from, to float64) float64 {
	f := (v - a.lo) / (a.hi - a.lo)
	f = math.Max(0, math.Min(1, f))
	return from + f*(to-from)
}

// timeTick is one label on a time axis.
type timeTick struct {
	at    time.Time
	label string
}

// timeTicks returns at most max labels for the range a..b, in a's
// location: months for long ranges, weeks (Mondays) for a few weeks,
// days for less.
func timeTicks(a, b time.Time, maxTicks int) []timeTick {
	loc := a.Location()
	b = b.In(loc)
	days := b.Sub(a).Hours() / 24
	var out []timeTick
	switch {
	case days >= 75:
		t := time.Date(a.Year(), a.Month(), 1, 0, 0, 0, 0, loc)
		if t.Before(a) {
			t = t.AddDate(0, 1, 0)
		}
		months := int(days/30.4) + 1
		every := (months + maxTicks - 1) / maxTicks
		for i := 0; !t.After(b) && i < 400; i++ {
			if i%every == 0 {
				label := t.Format(dateMonth)
				if t.Month() == time.January || len(out) == 0 {
					label = t.Format("Jan 2006")
				}
				out = append(out, timeTick{t, label})
			}
			t = t.AddDate(0, 1, 0)
		}
	case days >= 12:
		t := time.Date(a.Year(), a.Month(), a.Day(), 0, 0, 0, 0, loc)
		for t.Weekday() != time.Monday || t.Before(a) {
			t = t.AddDate(0, 0, 1)
		}
		weeks := int(days/7) + 1
		every := (weeks + maxTicks - 1) / maxTicks
		for i := 0; !t.After(b) && i < 100; i++ {
			if i%every == 0 {
				out = append(out, timeTick{t, t.Format(dateShort)})
			}
			t = t.AddDate(0, 0, 7)
		}
	default:
		t := time.Date(a.Year(), a.Month(), a.Day(), 0, 0, 0, 0, loc)
		if t.Before(a) {
			t = t.AddDate(0, 0, 1)
		}
		every := (int(days) + maxTicks) / maxTicks
		for i := 0; !t.After(b) && i < 20; i++ {
			if i%max(every, 1) == 0 {
				out = append(out, timeTick{t, t.Format("Mon 2")})
			}
			t = t.AddDate(0, 0, 1)
		}
	}
	return out
}
