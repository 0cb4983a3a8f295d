package practice

import (
	"encoding/json"
	"math"
	"testing"
	"time"

	"github.com/securebase/securebase"
)

func TestBuiltinPatternsValid(t *testing.T) {
	want := []string{Pattern478, PatternBox, PatternSigh, PatternSlowExhale, PatternResonance}
	ps := Patterns()
	if len(ps) != len(want) {
		t.Fatalf("Patterns() has %d patterns, want %d", len(ps), len(want))
	}
	for i, p := range ps {
		if p.ID != want[i] {
			t.Errorf("pattern %d id = %q, want %q", i, p.ID, want[i])
		}
		if err := p.Validate(); err != nil {
			t.Errorf("%s: Validate() = %v", p.ID, err)
		}
		if p.Summary == "" || p.Source == "" || p.Tip == "" {
			t.Errorf("%s: summary, source and tip are all needed", p.ID)
		}
		if p.Custom {
			t.Errorf("%s: built-in marked custom", p.ID)
		}
		got, err := PatternByID(p.ID)
		if err != nil || got.ID != p.ID {
			t.Errorf("PatternByID(%q) = %v, %v", p.ID, got.ID, err)
		}
	}
}

func TestPatternTimings(t *testing.T) {
	tests := []struct {
		id     string
		rhythm string
		cycles int
		total  time.Duration
	}{
		{Pattern478, "in 4, hold 7, out 8", 4, 76 * time.Second},
		{PatternBox, "in 4, hold 4, out 4, rest 4", 8, 128 * time.Second},
		{PatternSigh, "in 3, top up 1, out 6", 30, 5 * time.Minute},
		{PatternSlowExhale, "in 4, out 8", 10, 2 * time.Minute},
		{PatternResonance, "in 4.5, out 5.5", 30, 5 * time.Minute},
	}
	for _, tt := range tests {
		p, err := PatternByID(tt.id)
		if err != nil {
			t.Fatal(err)
		}
		if got := p.Rhythm(); got != tt.rhythm {
			t.Errorf("%s: Rhythm() = %q, want %q", tt.id, got, tt.rhythm)
		}
		if p.Cycles != tt.cycles {
			t.Errorf("%s: Cycles = %d, want %d", tt.id, p.Cycles, tt.cycles)
		}
		if got := p.Duration(); got != tt.total {
			t.Errorf("%s: Duration() = %v, want %v", tt.id, got, tt.total)
		}
	}
}

func TestSchedule478(t *testing.T) {
	p, err := PatternByID(Pattern478)
	if err != nil {
		t.Fatal(err)
	}
	steps := Schedule(p)
	if len(steps) != 12 {
		t.Fatalf("Schedule has %d steps, want 12", len(steps))
	}
	kinds := []string{KindIn, KindHold, KindOut}
	lengths := []time.Duration{4 * time.Second, 7 * time.Second, 8 * time.Second}
	for c := 0; c < 4; c++ {
		start := time.Duration(c) * 19 * time.Second
		offsets := []time.Duration{start, start + 4*time.Second, start + 11*time.Second}
		for i := range 3 {
			s := steps[c*3+i]
			if s.Cycle != c+1 || s.Phase != i || s.Kind != kinds[i] || s.Offset != offsets[i] || s.Length != lengths[i] {
				t.Errorf("step %d = %+v, want cycle %d phase %d %s at %v for %v",
					c*3+i, s, c+1, i, kinds[i], offsets[i], lengths[i])
			}
		}
	}
	last := steps[len(steps)-1]
	if end := last.Offset + last.Length; end != 76*time.Second || end != p.Duration() {
		t.Errorf("schedule ends at %v, want 76s = Duration() %v", end, p.Duration())
	}
}

func TestScheduleSkipsZeroPhasesAndStaysContiguous(t *testing.T) {
	p, err := NewCustom("Gentle", []Phase{{KindIn, 4}, {KindHold, 0}, {KindOut, 6.5}, {KindRest, 0}}, 3)
	if err != nil {
		t.Fatal(err)
	}
	steps := Schedule(p)
	if len(steps) != 6 {
		t.Fatalf("got %d steps, want 6 (zero phases skipped)", len(steps))
	}
	for i, s := range steps {
		if s.Kind != KindIn && s.Kind != KindOut {
			t.Errorf("step %d has kind %q", i, s.Kind)
		}
		if i > 0 && steps[i-1].Offset+steps[i-1].Length != s.Offset {
			t.Errorf("gap or overlap before step %d", i)
		}
	}
	if steps[5].Offset != 25*time.Second || p.Duration() != 31500*time.Millisecond {
		t.Errorf("last offset %v, duration %v", steps[5].Offset, p.Duration())
	}
}

func TestScheduleResonanceNoDrift(t *testing.T) {
	// 4.5 breaths a minute is 13.333… s per breath: offsets must stay on
	// the exact grid, rounded once, not drift with each breath.
	p, err := Resonance(4.5)
	if err != nil {
		t.Fatal(err)
	}
	steps := Schedule(p)
	breath := 60 / 4.5
	for _, s := range steps {
		if s.Phase != 0 {
			continue
		}
		want := millis(float64(s.Cycle-1) * breath)
		if s.Offset != want {
			t.Fatalf("round %d starts at %v, want %v", s.Cycle, s.Offset, want)
		}
	}
}

func TestScheduleInvalidIsNil(t *testing.T) {
	p := Pattern{Name: "x", Phases: []Phase{{KindIn, 4}, {KindOut, 4}}, Cycles: 10000}
	if s := Schedule(p); s != nil {
		t.Errorf("Schedule of invalid pattern has %d steps, want nil", len(s))
	}
}

func TestResonance(t *testing.T) {
	tests := []struct {
		rate float64
		ok   bool
	}{
		{4.4, false}, {4.5, true}, {5, true}, {6, true}, {6.5, true}, {6.6, false},
		{0, false}, {-6, false}, {math.NaN(), false}, {math.Inf(1), false}, {math.Inf(-1), false},
	}
	for _, tt := range tests {
		p, err := Resonance(tt.rate)
		if (err == nil) != tt.ok {
			t.Errorf("Resonance(%v) error = %v, want ok %v", tt.rate, err, tt.ok)
			continue
		}
		if !tt.ok {
			if securebase.ErrorFields(err)[FieldRate] == "" || securebase.ErrorCode(err) != securebase.EINVALID {
				t.Errorf("Resonance(%v) error = %#v, want rate field error", tt.rate, err)
			}
			continue
		}
		breath := time.Duration(math.Round(60/tt.rate*1000)) * time.Millisecond
		in, out := p.Phases[0].Seconds, p.Phases[1].Seconds
		if got := millis(in + out); got != breath {
			t.Errorf("Resonance(%v) breath = %v, want %v", tt.rate, got, breath)
		}
		if out < in || out > in*1.5 {
			t.Errorf("Resonance(%v) out %v not equal or slightly longer than in %v", tt.rate, out, in)
		}
		if err := p.Validate(); err != nil || !p.Adjustable {
			t.Errorf("Resonance(%v) invalid: %v", tt.rate, err)
		}
		if d := p.Duration(); d < 4*time.Minute || d > 6*time.Minute {
			t.Errorf("Resonance(%v) lasts %v, want about 5 minutes", tt.rate, d)
		}
	}
	p, _ := Resonance(6)
	if got := millis(p.cycleSeconds()); got != 10*time.Second {
		t.Errorf("6 breaths a minute gives %v per breath, want 10s", got)
	}
}

func TestResonanceWholeRange(t *testing.T) {
	for r := MinResonanceRate; r <= MaxResonanceRate+1e-9; r += 0.01 {
		if _, err := Resonance(math.Min(r, MaxResonanceRate)); err != nil {
			t.Fatalf("Resonance(%v) = %v", r, err)
		}
	}
}

func TestParseResonance(t *testing.T) {
	for in, ok := range map[string]bool{"6": true, "5,5": true, " 4.5 ": true, "6.5": true,
		"4.4": false, "7": false, "": false, "NaN": false, "Inf": false, "6e0": false, "0x6": false, "six": false} {
		_, err := ParseResonance(in)
		if (err == nil) != ok {
			t.Errorf("ParseResonance(%q) = %v, want ok %v", in, err, ok)
		}
	}
}

func TestPatternsFresh(t *testing.T) {
	a := Patterns()
	a[0].Phases[0].Seconds = 99
	a[0].Name = "changed"
	b := Patterns()
	if b[0].Phases[0].Seconds != 4 || b[0].Name == "changed" {
		t.Error("Patterns() shares memory between calls")
	}
}

func TestWithCycles(t *testing.T) {
	p, _ := PatternByID(Pattern478)
	q, err := p.WithCycles(8)
	if err != nil || q.Duration() != 152*time.Second {
		t.Fatalf("WithCycles(8) = %v, %v", q.Duration(), err)
	}
	q.Phases[0].Seconds = 1
	if p.Phases[0].Seconds != 4 {
		t.Error("WithCycles shares phases with the original")
	}
	for _, n := range []int{0, -1, 61, 10000} {
		if _, err := p.WithCycles(n); securebase.ErrorCode(err) != securebase.EINVALID {
			t.Errorf("WithCycles(%d) error = %v, want EINVALID", n, err)
		}
	}
}

func TestStepJSON(t *testing.T) {
	b, err := json.Marshal(Step{Cycle: 2, Phase: 1, Kind: KindHold, Offset: 23 * time.Second, Length: 7 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"cycle":2,"phase":1,"kind":"hold","offset_ms":23000,"length_ms":7000}`
	if string(b) != want {
		t.Errorf("JSON = %s, want %s", b, want)
	}
}

func TestDurationOfNonsenseIsZero(t *testing.T) {
	for _, p := range []Pattern{
		{Phases: []Phase{{KindIn, math.NaN()}}, Cycles: 1},
		{Phases: []Phase{{KindIn, 4}}, Cycles: math.MaxInt},
		{Phases: []Phase{{KindIn, -4}}, Cycles: 2},
	} {
		if d := p.Duration(); d != 0 {
			t.Errorf("Duration() = %v, want 0", d)
		}
	}
}
