package crisiseval

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
)

// z95 is the two-sided 95% normal quantile.
const z95 = 1.959963984540054

// Prop is a count out of a total, printed with its 95% Wilson interval.
type Prop struct{ K, N int }

// Rate is K/N, or 0 for an empty set.
func (p Prop) Rate() float64 {
	if p.N == 0 {
		return 0
	}
	return float64(p.K) / float64(p.N)
}

// Wilson returns the 95% Wilson score interval. Unlike the normal
// approximation it stays inside [0, 1] and behaves at 0 and N, which is
// where false-alarm rates live.
func (p Prop) Wilson() (lo, hi float64) {
	if p.N == 0 {
		return 0, 1
	}
	n := float64(p.N)
	ph := p.Rate()
	z2 := z95 * z95
	den := 1 + z2/n
	mid := (ph + z2/(2*n)) / den
	half := z95 * math.Sqrt(ph*(1-ph)/n+z2/(4*n*n)) / den
	return math.Max(0, mid-half), math.Min(1, mid+half)
}

func (p Prop) String() string {
	lo, hi := p.Wilson()
	return fmt.Sprintf("%d/%d = %.3f [%.3f, %.3f]", p.K, p.N, p.Rate(), lo, hi)
}

// AUC is the probability that a random positive scores above a random
// negative, ties counting one half (the Mann–Whitney statistic).
func AUC(pos, neg []float64) float64 {
	if len(pos) == 0 || len(neg) == 0 {
		return math.NaN()
	}
	type item struct {
		s   float64
		pos bool
	}
	all := make([]item, 0, len(pos)+len(neg))
	for _, s := range pos {
		all = append(all, item{s, true})
	}
	for _, s := range neg {
		all = append(all, item{s, false})
	}
	sort.Slice(all, func(i, j int) bool { return all[i].s < all[j].s })
	// Sum the mid-ranks of the positives.
	var rankSum float64
	for i := 0; i < len(all); {
		j := i
		for j < len(all) && all[j].s == all[i].s {
			j++
		}
		mid := float64(i+j+1) / 2 // ranks i+1..j
		for k := i; k < j; k++ {
			if all[k].pos {
				rankSum += mid
			}
		}
		i = j
	}
	np, nn := float64(len(pos)), float64(len(neg))
	return (rankSum - np*(np+1)/2) / (np * nn)
}

// HanleyMcNeil is the 95% interval of an AUC from Hanley and McNeil's
// (1982) standard error, clipped to [0, 1].
func HanleyMcNeil(auc float64, npos, nneg int) (lo, hi float64) {
	q1 := auc / (2 - auc)
	q2 := 2 * auc * auc / (1 + auc)
	np, nn := float64(npos), float64(nneg)
	se := math.Sqrt((auc*(1-auc) + (np-1)*(q1-auc*auc) + (nn-1)*(q2-auc*auc)) / (np * nn))
	return math.Max(0, auc-z95*se), math.Min(1, auc+z95*se)
}

// BootstrapAUC is the 95% percentile interval of the AUC over reps
// resamples, positives and negatives drawn separately with replacement.
// The seed is fixed so a report reproduces to the digit.
func BootstrapAUC(pos, neg []float64, reps int) (lo, hi float64) {
	r := rand.New(rand.NewPCG(9, 2019)) // #nosec G404 -- resampling for a report, not security
	aucs := make([]float64, reps)
	bp := make([]float64, len(pos))
	bn := make([]float64, len(neg))
	for i := range aucs {
		for j := range bp {
			bp[j] = pos[r.IntN(len(pos))]
		}
		for j := range bn {
			bn[j] = neg[r.IntN(len(neg))]
		}
		aucs[i] = AUC(bp, bn)
	}
	sort.Float64s(aucs)
	return aucs[int(0.025*float64(reps))], aucs[int(0.975*float64(reps))-1]
}
