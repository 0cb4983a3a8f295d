package assess

import (
	"math"
	"testing"
)

// same gives every item of in the same answer.
func same(in *Instrument, v int) map[int]int {
	m := make(map[int]int)
	for _, it := range in.Items {
		m[it.Number] = v
	}
	return m
}

// list turns answers to items 1, 2, 3, ... into a map.
func list(vs ...int) map[int]int {
	m := make(map[int]int)
	for i, v := range vs {
		m[i+1] = v
	}
	return m
}

func near(a, b float64) bool { return math.Abs(a-b) < 0.0005 }

func TestScoreVectors(t *testing.T) {
	lib := mustLoad(t)
	ecrr, _ := lib.Instrument("ecr-r")
	ecr, _ := lib.Instrument("ecr")
	rs, _ := lib.Instrument("ecr-rs")
	tests := []struct {
		name       string
		in         *Instrument
		answers    map[int]int
		min, max   int
		anx, avoid float64
	}{
		// ECR-R: anxiety has 2 reversed items of 18, avoidance 12 of 18.
		// All 1: anxiety (16*1 + 2*7)/18 = 1.667, avoidance (6*1 + 12*7)/18 = 5.
		{"ECR-R all 4", ecrr, same(ecrr, 4), 1, 7, 4, 4},
		{"ECR-R all 1", ecrr, same(ecrr, 1), 1, 7, 1.667, 5},
		{"ECR-R all 7", ecrr, same(ecrr, 7), 1, 7, 6.333, 3},
		// Anxiety, items 1-18, reversed 9 (2 -> 6) and 11 (1 -> 7):
		//   6+7+5+6+7+6+5+4+6+3+7+5+4+6+5+3+6+2 = 93; 93/18 = 5.1667
		// Avoidance, items 19-36, reversed 20 22 26-31 33-36 (8 - answer):
		//   19:2 20:6->2 21:3 22:7->1 23:1 24:2 25:1 26:6->2 27:5->3
		//   28:7->1 29:6->2 30:4->4 31:5->3 32:2 33:3->5 34:2->6 35:7->1 36:5->3
		//   2+2+3+1+1+2+1+2+3+1+2+4+3+2+5+6+1+3 = 44; 44/18 = 2.4444
		{"ECR-R mixed", ecrr, list(
			6, 7, 5, 6, 7, 6, 5, 4, 2, 3, 1, 5, 4, 6, 5, 3, 6, 2,
			2, 6, 3, 7, 1, 2, 1, 6, 5, 7, 6, 4, 5, 2, 3, 2, 7, 5), 1, 7, 5.1667, 2.4444},

		// ECR-RS: avoidance items 1-6 with 1-4 reversed, anxiety 7-9.
		// All 1: avoidance (4*7 + 2*1)/6 = 5; all 7: (4*1 + 2*7)/6 = 3.
		{"ECR-RS all 4", rs, same(rs, 4), 1, 7, 4, 4},
		{"ECR-RS all 1", rs, same(rs, 1), 1, 7, 1, 5},
		{"ECR-RS all 7", rs, same(rs, 7), 1, 7, 7, 3},
		// Avoidance: 8-6, 8-5, 8-7, 8-2, 2, 3 = 2+3+1+6+2+3 = 17; 17/6 = 2.8333
		// Anxiety: 5+6+4 = 15; 15/3 = 5
		{"ECR-RS mixed", rs, list(6, 5, 7, 2, 2, 3, 5, 6, 4), 1, 7, 5, 2.8333},

		// ECR: anxiety = even items with 22 reversed, avoidance = odd items
		// with 9 of 18 reversed (3 15 19 25 27 29 31 33 35).
		// All 1: anxiety (17*1 + 7)/18 = 1.333, avoidance (9*1 + 9*7)/18 = 4.
		{"ECR all 4", ecr, same(ecr, 4), 1, 7, 4, 4},
		{"ECR all 1", ecr, same(ecr, 1), 1, 7, 1.333, 4},
		{"ECR all 7", ecr, same(ecr, 7), 1, 7, 6.667, 4},
		// The first person in the openpsychometrics data set, on 1..5
		// (reverse = 6 - answer):
		//   anxiety (even): 5 5 5 5 5 5 2 5 5 5 [22: 1->5] 5 5 4 5 5 5 5
		//     = 16*5 + 2 + 4 = 86; 86/18 = 4.7778
		//   avoidance (odd): 1 [3: 5->1] 1 1 1 1 1 [15: 5->1] 1 [19: 4->2] 1 1
		//     [25 27 29 31 33 35: 5->1] = 17*1 + 2 = 19; 19/18 = 1.0556
		{"ECR data row 1 on 1..5", ecr, dataRow1, 1, 5, 4.7778, 1.0556},
		// The same answers read on 1..7 (reverse = 8 - answer):
		//   anxiety: 22 becomes 7: 15*5 + 2 + 4 + 7 = 88; 88/18 = 4.8889
		//   avoidance: 9 ones, 8 reversed fives become 3, 19 stays 4:
		//     9 + 24 + 4 = 37; 37/18 = 2.0556
		{"ECR data row 1 on 1..7", ecr, dataRow1, 1, 7, 4.8889, 2.0556},
	}
	for _, tt := range tests {
		r, err := tt.in.ScoreRange(tt.answers, tt.min, tt.max)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		anx, _ := r.Scale(Anxiety)
		avo, _ := r.Scale(Avoidance)
		if !anx.Scored || !avo.Scored || !near(anx.Mean, tt.anx) || !near(avo.Mean, tt.avoid) {
			t.Errorf("%s: anxiety %.4f, avoidance %.4f; want %.4f, %.4f", tt.name, anx.Mean, avo.Mean, tt.anx, tt.avoid)
		}
		if anx.Missing != 0 || avo.Answered+anx.Answered != len(tt.in.Items) {
			t.Errorf("%s: counts %+v %+v", tt.name, anx, avo)
		}
	}
}

var dataRow1 = list(1, 5, 5, 5, 1, 5, 1, 5, 1, 5, 1, 5, 1, 2, 5, 5, 1, 5,
	4, 5, 1, 1, 1, 5, 5, 5, 5, 4, 5, 5, 5, 5, 5, 5, 5, 5)

// The missing-answer rule: a scale is scored when at least 80% of its
// items are answered.
func TestMissingAnswers(t *testing.T) {
	ecrr := mustInstrument(t, "ecr-r")
	rs := mustInstrument(t, "ecr-rs")

	// ECR-R, items 1-3 unanswered, item 9 (reversed) answered 1, the rest 4:
	// anxiety 15 of 18 answered, (14*4 + 7)/15 = 4.2.
	a := same(ecrr, 4)
	delete(a, 1)
	delete(a, 2)
	delete(a, 3)
	a[9] = 1
	r, err := ecrr.Score(a)
	if err != nil {
		t.Fatal(err)
	}
	if s, _ := r.Scale(Anxiety); !s.Scored || s.Answered != 15 || s.Missing != 3 || !near(s.Mean, 4.2) {
		t.Errorf("3 of 18 missing: %+v, want scored, mean 4.2", s)
	}
	delete(a, 4) // 14 of 18 is under 80%
	r, _ = ecrr.Score(a)
	if s, _ := r.Scale(Anxiety); s.Scored || s.Mean != 0 || s.Missing != 4 {
		t.Errorf("4 of 18 missing: %+v, want not scored", s)
	}
	if s, _ := r.Scale(Avoidance); !s.Scored || s.Mean != 4 {
		t.Errorf("avoidance untouched: %+v, want scored 4", s)
	}

	// ECR-RS: 5 of 6 avoidance items is enough, 2 of 3 anxiety items is not.
	r, _ = rs.Score(map[int]int{1: 7, 2: 7, 3: 7, 4: 7, 5: 1, 7: 2, 8: 2})
	avo, _ := r.Scale(Avoidance)
	anx, _ := r.Scale(Anxiety)
	if !avo.Scored || avo.Mean != 1 || anx.Scored {
		t.Errorf("ECR-RS: avoidance %+v, anxiety %+v", avo, anx)
	}
	r, _ = rs.Score(nil)
	if s, _ := r.Scale(Anxiety); s.Scored || s.Missing != 3 {
		t.Errorf("no answers: %+v", s)
	}
	if _, ok := r.Scale("nope"); ok {
		t.Error(`Scale("nope") found something`)
	}
}

// A three-item scale, item 3 reversed, on 1..5, computed by hand.
//
//	answers    keyed
//	1 2 5      1 2 1   total 4
//	2 2 4      2 2 2   total 6
//	4 5 2      4 5 4   total 13
//	5 4 1      5 4 5   total 14
//	3 - -      (incomplete, left out)
//
// Item variances (n-1): 10/3, 6.75/3, 10/3; sum 26.75/3.
// Total variance: mean 9.25, squares 27.5625+10.5625+14.0625+22.5625 =
// 74.75; 74.75/3. Alpha = 3/2 * (1 - 26.75/74.75) = 72/74.75 = 0.96321.
func TestAlphaByHand(t *testing.T) {
	in, err := ParseInstrument([]byte(`{"id": "three", "name": "Three", "short_name": "3",
	 "citation": "c", "terms": "t", "instructions": "i", "min": 1, "max": 5,
	 "scales": [{"id": "s", "name": "S"}],
	 "items": [{"number": 1, "scale": "s", "text": "a"}, {"number": 2, "scale": "s", "text": "b"},
	           {"number": 3, "scale": "s", "text": "c", "reverse": true}]}`))
	if err != nil {
		t.Fatal(err)
	}
	people := []map[int]int{list(1, 2, 5), list(2, 2, 4), list(4, 5, 2), list(5, 4, 1), list(3)}
	alpha, n, err := Alpha(in, "s", people, 1, 5)
	if err != nil || n != 4 || math.Abs(alpha-72/74.75) > 1e-12 {
		t.Errorf("Alpha = %v, %d, %v; want %v, 4", alpha, n, err, 72/74.75)
	}
	if a, _, _ := Alpha(in, "s", people[:1], 1, 5); !math.IsNaN(a) {
		t.Errorf("alpha of one case = %v, want NaN", a)
	}
	if _, _, err := Alpha(in, "x", people, 1, 5); err == nil {
		t.Error("Alpha of an unknown scale succeeded")
	}
	if _, _, err := Alpha(in, "s", []map[int]int{list(9)}, 1, 5); err == nil {
		t.Error("Alpha with an out-of-range answer succeeded")
	}
}

// FuzzScore feeds arbitrary answers and ranges to the scorer: it must not
// panic, and what it scores must stay inside the range.
func FuzzScore(f *testing.F) {
	f.Add([]byte{1, 4, 2, 7, 9, 1}, 1, 7)
	f.Add([]byte{0, 0, 255, 128}, 0, 3)
	f.Add([]byte{36, 5, 37, 5}, 1, 5)
	in := mustInstrument(f, "ecr-r")
	f.Fuzz(func(t *testing.T, data []byte, min, max int) {
		answers := make(map[int]int)
		for i := 0; i+1 < len(data); i += 2 {
			answers[int(int8(data[i]))] = int(int8(data[i+1]))
		}
		r, err := in.ScoreRange(answers, min, max)
		if err != nil {
			return
		}
		for _, s := range r.Scales {
			if s.Answered+s.Missing != 18 || (s.Scored && (s.Mean < float64(min) || s.Mean > float64(max))) {
				t.Fatalf("answers %v on %d..%d: %+v", answers, min, max, s)
			}
		}
	})
}
