package practice

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/securebase/securebase"
)

// checkFieldError fails unless err is a usable validation error: it is
// EINVALID, names at least one field with a message, and its log text
// does not carry the given user input.
func checkFieldError(t *testing.T, err error, inputs ...string) {
	t.Helper()
	if securebase.ErrorCode(err) != securebase.EINVALID {
		t.Fatalf("error %v is not EINVALID", err)
	}
	msgs := securebase.ErrorFields(err)
	if len(msgs) == 0 {
		t.Fatalf("error %v has no field messages", err)
	}
	for f, m := range msgs {
		if f == "" || m == "" {
			t.Fatalf("empty field or message in %v", msgs)
		}
	}
	for _, in := range inputs {
		// Short or numeric inputs can match by chance ("4" in "1–60", or
		// "000" in a number the log rightly names); long text with letters
		// would be the person's own words leaking into the log.
		if len(in) >= 12 && strings.IndexFunc(in, unicode.IsLetter) >= 0 && strings.Contains(err.Error(), in) {
			t.Fatalf("log text %q contains the input %q", err.Error(), in)
		}
	}
}

func FuzzParseCustom(f *testing.F) {
	f.Add("Evening", "4", "in", "4", "hold", "7", "out", "8")
	f.Add("Sigh", "30", "in", "3", "top-up", "1", "out", "6")
	f.Add("", "10000", "in", "0", "out", "0", "rest", "")
	f.Add("x", "-1", "top-up", "NaN", "out", "+Inf", "hold", "21")
	f.Add(strings.Repeat("n", 61), "60", "IN", "4,5", "out", "1e1", "", "")
	f.Add("a\nb", "99999999999999999999", "sniff", "0x10", "out", "-0", "in", ".")
	f.Fuzz(func(t *testing.T, name, cycles, k1, s1, k2, s2, k3, s3 string) {
		form := CustomForm{Name: name, Cycles: cycles, Phases: []PhaseForm{{k1, s1}, {k2, s2}, {k3, s3}}}
		p, err := ParseCustom(form)
		if err != nil {
			checkFieldError(t, err, name, cycles, s1, s2, s3)
			return
		}
		if verr := p.Validate(); verr != nil {
			t.Fatalf("ParseCustom returned a pattern that fails Validate: %v", verr)
		}
		if n := utf8.RuneCountInString(p.Name); n < 1 || n > MaxNameRunes || p.Name != strings.TrimSpace(p.Name) {
			t.Fatalf("name %q slipped through", p.Name)
		}
		if p.Cycles < MinCycles || p.Cycles > MaxCycles {
			t.Fatalf("cycles %d slipped through", p.Cycles)
		}
		d := p.Duration()
		if d <= 0 || d >= MaxDuration {
			t.Fatalf("duration %v out of range", d)
		}
		steps := Schedule(p)
		nonzero := 0
		for _, ph := range p.Phases {
			if ph.Seconds < 0 || ph.Seconds > MaxPhaseSeconds {
				t.Fatalf("phase %+v slipped through", ph)
			}
			if ph.Seconds > 0 {
				nonzero++
			}
		}
		if len(steps) != nonzero*p.Cycles {
			t.Fatalf("%d steps, want %d", len(steps), nonzero*p.Cycles)
		}
		for i, s := range steps {
			if s.Length < 0 || (i > 0 && s.Offset < steps[i-1].Offset) {
				t.Fatalf("step %d goes backwards: %+v", i, s)
			}
		}
		last := steps[len(steps)-1]
		if last.Offset+last.Length != d {
			t.Fatalf("schedule ends at %v, duration is %v", last.Offset+last.Length, d)
		}
	})
}

func FuzzNewCustom(f *testing.F) {
	f.Add("Mine", 4.0, 7.0, 8.0, 4)
	f.Add("", 0.0, 0.0, 0.0, 0)
	f.Add("x", -1.0, 21.0, 20.0, 10000)
	f.Fuzz(func(t *testing.T, name string, in, hold, out float64, cycles int) {
		p, err := NewCustom(name, []Phase{{KindIn, in}, {KindHold, hold}, {KindOut, out}}, cycles)
		if err != nil {
			checkFieldError(t, err, name)
			return
		}
		if p.Validate() != nil || p.Duration() >= MaxDuration || len(Schedule(p)) == 0 {
			t.Fatalf("accepted a pattern that breaks a rule: %+v", p)
		}
	})
}

func FuzzParseResonance(f *testing.F) {
	for _, s := range []string{"6", "4.5", "6.5", "4.4", "6,6", "NaN", "Inf", "-6", "6e0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParseResonance(s)
		if err != nil {
			checkFieldError(t, err, s)
			return
		}
		if p.Validate() != nil || !p.Adjustable {
			t.Fatalf("ParseResonance(%q) gave a bad pattern", s)
		}
		rate := 60 / p.cycleSeconds()
		if rate < MinResonanceRate-1e-9 || rate > MaxResonanceRate+1e-9 {
			t.Fatalf("ParseResonance(%q) gave %v breaths a minute", s, rate)
		}
	})
}

func FuzzValidateStatement(f *testing.F) {
	for _, s := range []string{"", " ", "You are here.", strings.Repeat("x", 281), "\xff", "a\x00b", "line\nline"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		err := ValidateStatement(s)
		n := utf8.RuneCountInString(strings.TrimSpace(s))
		if err != nil {
			checkFieldError(t, err, s)
			return
		}
		if n < 1 || n > MaxStatementRunes || !utf8.ValidString(s) {
			t.Fatalf("ValidateStatement accepted %q (%d runes)", s, n)
		}
	})
}

func FuzzEmotion(f *testing.F) {
	for _, s := range []string{"anxious", " On  Edge ", "", "ANXIOUS\n", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e, err := Emotion(s)
		if err != nil {
			if securebase.ErrorCode(err) != securebase.ENOTFOUND || securebase.ErrorMessage(err) == "" {
				t.Fatalf("Emotion(%q) error %v", s, err)
			}
			return
		}
		if e.Word == "" || e.Region == "" || e.Meaning == "" {
			t.Fatalf("Emotion(%q) = %+v", s, e)
		}
	})
}
