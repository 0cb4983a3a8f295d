package practice

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/securebase/securebase"
)

// inOut is a valid breath to build test cases from.
func inOut(in, out float64) []Phase { return []Phase{{KindIn, in}, {KindOut, out}} }

func TestNewCustom(t *testing.T) {
	tests := []struct {
		name   string
		pname  string
		phases []Phase
		cycles int
		fields []string // fields with a problem; nil means valid
	}{
		{"valid", "Evening breath", inOut(4, 6), 10, nil},
		{"valid with skipped phases", "Mine", []Phase{{KindIn, 4}, {KindHold, 0}, {KindOut, 6}, {KindRest, 0}}, 5, nil},
		{"valid cyclic sigh", "Sigh", []Phase{{KindIn, 2}, {KindTopUp, 1}, {KindOut, 6}}, 5, nil},
		{"phase 20 s allowed", "Long", inOut(20, 20), 1, nil},
		{"60 rounds allowed", "Many", inOut(4, 4), 60, nil},
		{"name 60 runes", strings.Repeat("é", 60), inOut(4, 4), 1, nil},
		{"name trimmed", "  Calm  ", inOut(4, 4), 1, nil},

		{"zero-length cycle", "Zero", []Phase{{KindIn, 0}, {KindOut, 0}}, 4, []string{FieldPhases}},
		{"no phases", "None", nil, 4, []string{FieldPhases}},
		{"no in", "Out only", []Phase{{KindOut, 4}, {KindRest, 2}}, 4, []string{FieldPhases}},
		{"no out", "In only", []Phase{{KindIn, 4}, {KindHold, 2}}, 4, []string{FieldPhases}},
		{"in at zero", "In zero", []Phase{{KindIn, 0}, {KindOut, 4}}, 4, []string{FieldPhases}},
		{"phase 21 s", "Too long", inOut(21, 4), 4, []string{"phases.0.seconds"}},
		{"phase 20.01 s", "Just over", inOut(4, 20.01), 4, []string{"phases.1.seconds"}},
		{"negative phase", "Negative", inOut(-1, 4), 4, []string{"phases.0.seconds"}},
		{"NaN phase", "NaN", inOut(math.NaN(), 4), 4, []string{"phases.0.seconds"}},
		{"Inf phase", "Inf", inOut(4, math.Inf(1)), 4, []string{"phases.1.seconds"}},
		{"-Inf phase", "-Inf", inOut(math.Inf(-1), 4), 4, []string{"phases.0.seconds"}},
		{"unknown kind", "Kind", []Phase{{KindIn, 4}, {"sniff", 1}, {KindOut, 4}}, 4, []string{"phases.1.kind"}},
		{"top-up first", "Top", []Phase{{KindTopUp, 1}, {KindIn, 4}, {KindOut, 4}}, 4, []string{"phases.0.kind"}},
		{"top-up after hold", "Top", []Phase{{KindIn, 4}, {KindHold, 2}, {KindTopUp, 1}, {KindOut, 4}}, 4, []string{"phases.2.kind"}},
		{"too many phases", "Busy", make([]Phase, 11), 4, []string{FieldPhases}},
		{"0 rounds", "Zero rounds", inOut(4, 4), 0, []string{FieldCycles}},
		{"negative rounds", "Negative rounds", inOut(4, 4), -3, []string{FieldCycles}},
		{"61 rounds", "Too many", inOut(4, 4), 61, []string{FieldCycles}},
		{"10,000 rounds", "Ten thousand", inOut(4, 4), 10000, []string{FieldCycles}},
		{"exactly 30 minutes", "Half hour", inOut(20, 20), 45, []string{FieldCycles}},
		{"empty name", "   ", inOut(4, 4), 4, []string{FieldName}},
		{"name 61 runes", strings.Repeat("a", 61), inOut(4, 4), 4, []string{FieldName}},
		{"name on two lines", "one\ntwo", inOut(4, 4), 4, []string{FieldName}},
		{"name not UTF-8", "bad\xff", inOut(4, 4), 4, []string{FieldName}},
		{"several at once", "", inOut(25, 4), 0, []string{FieldName, "phases.0.seconds", FieldCycles}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := NewCustom(tt.pname, tt.phases, tt.cycles)
			if tt.fields == nil {
				if err != nil {
					t.Fatalf("NewCustom() = %v, want valid", err)
				}
				if p.ID != CustomID || !p.Custom || p.Name != strings.TrimSpace(tt.pname) || p.Summary == "" {
					t.Errorf("pattern = %+v", p)
				}
				if len(Schedule(p)) == 0 {
					t.Error("valid pattern has an empty schedule")
				}
				return
			}
			if err == nil {
				t.Fatal("NewCustom() = nil error, want invalid")
			}
			if securebase.ErrorCode(err) != securebase.EINVALID {
				t.Errorf("error %v is not EINVALID", err)
			}
			msgs := securebase.ErrorFields(err)
			if len(msgs) != len(tt.fields) {
				t.Errorf("fields = %v, want %v", msgs, tt.fields)
			}
			for _, f := range tt.fields {
				if msgs[f] == "" {
					t.Errorf("no message for field %q in %v", f, msgs)
				}
			}
		})
	}
}

func TestNewCustomCopiesPhases(t *testing.T) {
	phases := inOut(4, 6)
	p, err := NewCustom("Mine", phases, 2)
	if err != nil {
		t.Fatal(err)
	}
	phases[0].Seconds = 19
	if p.Phases[0].Seconds != 4 {
		t.Error("NewCustom keeps the caller's slice")
	}
}

func TestNewCustomLongTotalMessage(t *testing.T) {
	_, err := NewCustom("Long", inOut(20, 20), 60)
	msg := securebase.ErrorFields(err)[FieldCycles]
	if !strings.Contains(msg, "about 40 minutes") || !strings.Contains(msg, "under 30 minutes") {
		t.Errorf("message = %q", msg)
	}
	p, err := NewCustom("Just under", inOut(20, 20), 44)
	if err != nil || p.Duration() != 29*time.Minute+20*time.Second {
		t.Errorf("44 rounds of 40 s = %v, %v", p.Duration(), err)
	}
}

func TestParseCustom(t *testing.T) {
	row := func(kind, sec string) PhaseForm { return PhaseForm{kind, sec} }
	tests := []struct {
		name   string
		form   CustomForm
		fields []string
		total  time.Duration
	}{
		{"valid", CustomForm{"Mine", "4", []PhaseForm{row("in", "4"), row("hold", "7"), row("out", "8")}}, nil, 76 * time.Second},
		{"comma decimal and spaces", CustomForm{" Mine ", " 2 ", []PhaseForm{row(" IN ", "4,5"), row("out", "5.5")}}, nil, 20 * time.Second},
		{"blank seconds skip", CustomForm{"Mine", "1", []PhaseForm{row("in", "4"), row("hold", ""), row("out", "4")}}, nil, 8 * time.Second},
		{"blank rows left out", CustomForm{"Mine", "1", []PhaseForm{row("", ""), row("in", "4"), row("", ""), row("out", "4")}}, nil, 8 * time.Second},
		{"seconds not a number", CustomForm{"Mine", "4", []PhaseForm{row("in", "four"), row("out", "4")}}, []string{"phases.0.seconds"}, 0},
		{"NaN text", CustomForm{"Mine", "4", []PhaseForm{row("in", "NaN"), row("out", "4")}}, []string{"phases.0.seconds"}, 0},
		{"Inf text", CustomForm{"Mine", "4", []PhaseForm{row("in", "4"), row("out", "+Inf")}}, []string{"phases.1.seconds"}, 0},
		{"exponent", CustomForm{"Mine", "4", []PhaseForm{row("in", "1e1"), row("out", "4")}}, []string{"phases.0.seconds"}, 0},
		{"negative", CustomForm{"Mine", "4", []PhaseForm{row("in", "-3"), row("out", "4")}}, []string{"phases.0.seconds"}, 0},
		{"21 seconds", CustomForm{"Mine", "4", []PhaseForm{row("in", "21"), row("out", "4")}}, []string{"phases.0.seconds"}, 0},
		{"row numbers kept after blank", CustomForm{"Mine", "4", []PhaseForm{row("", ""), row("in", "4"), row("gasp", "1"), row("out", "4")}}, []string{"phases.2.kind"}, 0},
		{"all zero", CustomForm{"Mine", "4", []PhaseForm{row("in", "0"), row("out", "0")}}, []string{FieldPhases}, 0},
		{"rounds not a number", CustomForm{"Mine", "ten", []PhaseForm{row("in", "4"), row("out", "4")}}, []string{FieldCycles}, 0},
		{"rounds empty", CustomForm{"Mine", "", []PhaseForm{row("in", "4"), row("out", "4")}}, []string{FieldCycles}, 0},
		{"10000 rounds", CustomForm{"Mine", "10000", []PhaseForm{row("in", "4"), row("out", "4")}}, []string{FieldCycles}, 0},
		{"huge rounds", CustomForm{"Mine", "99999999999999999999999", []PhaseForm{row("in", "4"), row("out", "4")}}, []string{FieldCycles}, 0},
		{"unreadable hides echoes", CustomForm{"", "x", []PhaseForm{row("in", "?"), row("out", "4")}}, []string{FieldName, "phases.0.seconds", FieldCycles}, 0},
		{"too many rows", CustomForm{"Mine", "4", make([]PhaseForm, 11)}, []string{FieldPhases}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := ParseCustom(tt.form)
			if tt.fields == nil {
				if err != nil {
					t.Fatalf("ParseCustom() = %v", err)
				}
				if p.Duration() != tt.total {
					t.Errorf("Duration() = %v, want %v", p.Duration(), tt.total)
				}
				return
			}
			msgs := securebase.ErrorFields(err)
			if len(msgs) != len(tt.fields) {
				t.Errorf("fields = %v, want %v", msgs, tt.fields)
			}
			for _, f := range tt.fields {
				if msgs[f] == "" {
					t.Errorf("no message for %q in %v", f, msgs)
				}
			}
		})
	}
}

func TestParseDecimal(t *testing.T) {
	tests := map[string]float64{"4": 4, "4.5": 4.5, "4,5": 4.5, ".5": 0.5, "5.": 5, "-2": -2, " 3 ": 3}
	for in, want := range tests {
		if got, ok := parseDecimal(in); !ok || got != want {
			t.Errorf("parseDecimal(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
	for _, in := range []string{"", ".", "-", "1.2.3", "4,5,6", "1e3", "0x10", "NaN", "Inf", "1_0", "+4", "٤", "1234567890123"} {
		if _, ok := parseDecimal(in); ok {
			t.Errorf("parseDecimal(%q) accepted", in)
		}
	}
}
