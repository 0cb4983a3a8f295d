package assess

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
)

func TestOrder(t *testing.T) {
	for _, n := range []int{1, 9, 36} {
		for seed := range uint64(50) {
			p := Order(n, seed)
			if got := slices.Sorted(slices.Values(p)); !slices.Equal(got, seq(1, n, 1)) {
				t.Fatalf("Order(%d, %d) = %v, not a permutation of 1..%d", n, seed, p, n)
			}
			if !slices.Equal(p, Order(n, seed)) {
				t.Fatalf("Order(%d, %d) differs between calls", n, seed)
			}
		}
	}
	// Different seeds give different orders: among 36! orders, two of a
	// hundred seeds agreeing by chance is practically impossible.
	seen := make(map[string]bool)
	for seed := range uint64(100) {
		seen[fmt.Sprint(Order(36, seed))] = true
	}
	if len(seen) != 100 {
		t.Errorf("100 seeds gave %d distinct orders", len(seen))
	}
	if p := Order(0, 1); p == nil || len(p) != 0 {
		t.Errorf("Order(0, 1) = %#v, want an empty slice", p)
	}
	if p := Order(-3, 1); len(p) != 0 {
		t.Errorf("Order(-3, 1) = %v, want empty", p)
	}
	// An attempt saved today must show the same order after an upgrade.
	// This pins the order for one seed; if it ever changes, stored attempts
	// would reshuffle half-way through, so the fix is a migration, not a
	// new expected value here.
	if got, want := Order(9, 42), []int{3, 2, 1, 6, 5, 9, 4, 7, 8}; !slices.Equal(got, want) {
		t.Errorf("Order(9, 42) = %v, want %v", got, want)
	}
}

func TestRegion(t *testing.T) {
	lib := mustLoad(t)
	ecrr := lib.Default()
	five, err := ParseInstrument([]byte(goodInstrument)) // 1..5
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		in             *Instrument
		anxiety, avoid float64
		want           string
	}{
		{ecrr, 4, 4, RegionSecure}, // the midpoint itself is not "above"
		{ecrr, 1, 1, RegionSecure},
		{ecrr, 4.1, 3, RegionAnxious},
		{ecrr, 2, 5.5, RegionAvoidant},
		{ecrr, 6, 6.5, RegionFearful},
		{ecrr, math.NaN(), 2, ""},
		{five, 3.5, 2, RegionAnxious}, // midpoint 3 on a 1..5 range
		{five, 2.9, 3.1, RegionAvoidant},
	}
	for _, tt := range tests {
		if got := Region(tt.anxiety, tt.avoid, tt.in); got != tt.want {
			t.Errorf("Region(%v, %v, %s) = %q, want %q", tt.anxiety, tt.avoid, tt.in.ID, got, tt.want)
		}
	}
	if m := ecrr.Midpoint(); m != 4 {
		t.Errorf("ECR-R midpoint = %v, want 4", m)
	}
}

func TestFirstPillar(t *testing.T) {
	ecrr := mustInstrument(t, "ecr-r")
	score := func(a map[int]int) Result {
		r, err := ecrr.Score(a)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	tests := []struct {
		name string
		r    Result
		want Pillar
	}{
		{"all 7: anxiety 6.333", score(same(ecrr, 7)), PillarBody},
		{"all 1: anxiety 1.667, avoidance 5", score(same(ecrr, 1)), PillarBeliefs},
		{"all 4: both at the midpoint", score(same(ecrr, 4)), PillarBehaviour},
		{"nothing answered", score(nil), PillarBody},
		// 3.5 is above the middle of 1..5 though below the middle of 1..7:
		// the result's own range decides.
		{"1..5 range", Result{Min: 1, Max: 5, Scales: []ScaleScore{
			{Scale: Anxiety, Mean: 3.5, Scored: true}, {Scale: Avoidance, Mean: 2, Scored: true}}}, PillarBody},
		{"no avoidance scale", Result{Min: 1, Max: 7, Scales: []ScaleScore{
			{Scale: Anxiety, Mean: 2, Scored: true}}}, PillarBehaviour},
	}
	reasons := make(map[string]bool)
	for _, tt := range tests {
		p, reason := FirstPillar(tt.r)
		if p != tt.want {
			t.Errorf("%s: FirstPillar = %s, want %s", tt.name, p, tt.want)
		}
		if reason == "" || strings.Contains(reason, "!") || strings.Count(reason, ".") != 1 {
			t.Errorf("%s: reason %q, want one calm sentence", tt.name, reason)
		}
		reasons[reason] = true
	}
	if len(reasons) != 4 {
		t.Errorf("got %d distinct reasons, want one per branch (4)", len(reasons))
	}
}
