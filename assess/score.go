package assess

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
)

// The missing-answer rule. A scale is scored when at least 80% of its items
// are answered (ECR-R: 15 of 18; ECR-RS anxiety: 3 of 3, avoidance: 5 of
// 6); its score is the mean of the answered items after reverse keying.
// Below that, the scale is not scored: a mean of a few items says more about
// which items were skipped than about the person.
const (
	minAnsweredNum = 4 // answered/items >= minAnsweredNum/minAnsweredDen
	minAnsweredDen = 5
)

// missing marks an unanswered item in the scorer's slice of answers.
const missing = math.MinInt

// A Result is one person's scores on one instrument.
type Result struct {
	Instrument string       `json:"instrument"` // instrument id
	Min        int          `json:"min"`        // the range the answers were given on
	Max        int          `json:"max"`
	Scales     []ScaleScore `json:"scales"` // in the instrument's scale order
}

// A ScaleScore is one scale of a [Result].
type ScaleScore struct {
	Scale    string  `json:"scale"`    // scale id
	Mean     float64 `json:"mean"`     // mean of answered items, reverse-keyed; 0 unless Scored
	Answered int     `json:"answered"` // items of this scale with an answer
	Missing  int     `json:"missing"`  // items of this scale without one
	Scored   bool    `json:"scored"`   // enough items answered for Mean to be used
}

// Scale returns the score of the scale with the given id.
func (r Result) Scale(id string) (ScaleScore, bool) {
	i := slices.IndexFunc(r.Scales, func(s ScaleScore) bool { return s.Scale == id })
	if i < 0 {
		return ScaleScore{}, false
	}
	return r.Scales[i], true
}

// An AnswerError reports an answer the scorer cannot use: an item the
// instrument does not have, or a value outside the response range. It is
// the person's (or the client's) mistake, so the web layer answers 400.
type AnswerError struct {
	Instrument string // short name, for the message
	Item       int    // item number as given
	Value      int    // answer as given
	Min, Max   int    // the range answers must lie in
	NoItem     bool   // the instrument has no item with this number
}

func (e *AnswerError) Error() string {
	if e.NoItem {
		return fmt.Sprintf("assess: %s has no item %d", e.Instrument, e.Item)
	}
	return fmt.Sprintf("assess: %s item %d: answer %d is outside %d to %d", e.Instrument, e.Item, e.Value, e.Min, e.Max)
}

// A RangeError reports a response range the scorer cannot use. It comes
// from the caller, not from a respondent.
type RangeError struct {
	Min, Max int
	Reason   string
}

func (e *RangeError) Error() string {
	return fmt.Sprintf("assess: response range %d to %d: %s", e.Min, e.Max, e.Reason)
}

// checkRange accepts the ranges an instrument file may declare.
func checkRange(min, max int) error {
	if min < 0 || min >= max || max-min+1 > maxPoints {
		return &RangeError{min, max, fmt.Sprintf("want 0 <= min < max with at most %d points", maxPoints)}
	}
	return nil
}

// Score scores one person's answers on the instrument's own range. answers
// maps item number to answer; an absent item is unanswered. Every unknown
// item and out-of-range answer is reported, joined, as an [*AnswerError].
func (in *Instrument) Score(answers map[int]int) (Result, error) {
	return in.ScoreRange(answers, in.Min, in.Max)
}

// ScoreRange is [Instrument.Score] on another response range, for data
// gathered on a different scale (the ECR data set uses 1 to 5). Reverse
// keying maps an answer a to min+max-a, so keys stay right on any range.
func (in *Instrument) ScoreRange(answers map[int]int, min, max int) (Result, error) {
	vals, err := in.values(answers, min, max)
	if err != nil {
		return Result{}, err
	}
	return in.score(vals, min, max), nil
}

// values checks answers and lays them out in item order, missing where
// unanswered.
func (in *Instrument) values(answers map[int]int, min, max int) ([]int, error) {
	if err := checkRange(min, max); err != nil {
		return nil, err
	}
	vals := make([]int, len(in.Items))
	for i := range vals {
		vals[i] = missing
	}
	var errs []error
	for _, n := range slices.Sorted(maps.Keys(answers)) {
		v := answers[n]
		e := &AnswerError{Instrument: in.ShortName, Item: n, Value: v, Min: min, Max: max}
		switch {
		case n < 1 || n > len(in.Items):
			e.NoItem = true
			errs = append(errs, e)
		case v < min || v > max:
			errs = append(errs, e)
		default:
			vals[n-1] = v
		}
	}
	return vals, errors.Join(errs...)
}

// score applies the keys and the missing-answer rule to checked values.
func (in *Instrument) score(vals []int, min, max int) Result {
	r := Result{Instrument: in.ID, Min: min, Max: max, Scales: make([]ScaleScore, len(in.Scales))}
	sums := make([]int, len(in.Scales))
	for i, s := range in.Scales {
		r.Scales[i].Scale = s.ID
	}
	for i, v := range vals {
		s := in.scale[i]
		if v == missing {
			r.Scales[s].Missing++
			continue
		}
		r.Scales[s].Answered++
		sums[s] += key(v, min, max, in.Items[i].Reverse)
	}
	for i := range r.Scales {
		s := &r.Scales[i]
		if s.Answered > 0 && s.Answered*minAnsweredDen >= (s.Answered+s.Missing)*minAnsweredNum {
			s.Scored = true
			s.Mean = float64(sums[i]) / float64(s.Answered)
		}
	}
	return r
}

// key applies reverse keying: on 1..7, a reversed 2 counts as 6.
func key(v, min, max int, reverse bool) int {
	if reverse {
		return min + max - v
	}
	return v
}

// Alpha returns Cronbach's alpha of one scale over the complete cases among
// people, after reverse keying, and the number n of complete cases. A
// complete case answered every item of the instrument, so that the alphas
// of all its scales describe the same people, as published reliabilities
// do. Alpha checks that the items of a scale measure one thing together; a
// wrong reverse key pulls it down sharply, which is why the tests run it
// on real data.
//
// Alpha is NaN when it is undefined: fewer than two items or two complete
// cases, or no spread in the totals. Invalid answers are errors, as in
// [Instrument.ScoreRange].
func Alpha(in *Instrument, scale string, people []map[int]int, min, max int) (alpha float64, n int, err error) {
	s := in.scaleIndex(scale)
	if s < 0 {
		return math.NaN(), 0, fmt.Errorf("assess: %s has no scale %q", in.ShortName, scale)
	}
	acc := newReliability(in, min, max)
	for i, answers := range people {
		vals, err := in.values(answers, min, max)
		if err != nil {
			return math.NaN(), 0, fmt.Errorf("person %d: %w", i+1, err)
		}
		acc.add(vals)
	}
	return acc.alpha(s), acc.n, nil
}

// reliability accumulates the sums that Cronbach's alpha needs over
// complete cases, so a data set can be streamed instead of stored:
// alpha = k/(k-1) * (1 - sum of item variances / variance of the total).
type reliability struct {
	in       *Instrument
	min, max int
	n        int       // complete cases
	sum, sq  []float64 // per item: sum and sum of squares of keyed answers
	tot, tsq []float64 // per scale: sum and sum of squares of the total
	total    []float64 // scratch: the current case's total per scale
}

func newReliability(in *Instrument, min, max int) *reliability {
	return &reliability{
		in: in, min: min, max: max,
		sum: make([]float64, len(in.Items)), sq: make([]float64, len(in.Items)),
		tot: make([]float64, len(in.Scales)), tsq: make([]float64, len(in.Scales)),
		total: make([]float64, len(in.Scales)),
	}
}

// add counts one person if they answered every item. The sums are of small
// integers, exact in float64 far beyond any real data set, so the
// variances below do not drift as the data set grows.
func (r *reliability) add(vals []int) {
	if slices.Contains(vals, missing) {
		return
	}
	r.n++
	clear(r.total)
	for i, v := range vals {
		k := float64(key(v, r.min, r.max, r.in.Items[i].Reverse))
		r.sum[i] += k
		r.sq[i] += k * k
		r.total[r.in.scale[i]] += k
	}
	for s, t := range r.total {
		r.tot[s] += t
		r.tsq[s] += t * t
	}
}

// alpha returns Cronbach's alpha for scale s, NaN when undefined.
func (r *reliability) alpha(s int) float64 {
	if r.n < 2 {
		return math.NaN()
	}
	var k int
	var items float64
	for i := range r.in.Items {
		if r.in.scale[i] == s {
			k++
			items += variance(r.sum[i], r.sq[i], r.n)
		}
	}
	total := variance(r.tot[s], r.tsq[s], r.n)
	if k < 2 || total == 0 {
		return math.NaN()
	}
	return float64(k) / float64(k-1) * (1 - items/total)
}

// variance is the sample variance from a sum and a sum of squares.
func variance(sum, sq float64, n int) float64 {
	fn := float64(n)
	return (sq - sum*sum/fn) / (fn - 1)
}
