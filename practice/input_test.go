package practice

import (
	"strings"
	"testing"
	"time"

	"github.com/securebase/securebase"
)

func TestPauseLengths(t *testing.T) {
	lengths := PauseLengths()
	for i, d := range lengths {
		if d < time.Minute || d > time.Hour || (i > 0 && d <= lengths[i-1]) {
			t.Errorf("pause lengths %v out of order or range", lengths)
		}
	}
	if len(PauseLines()) < 3 {
		t.Error("too few pause lines")
	}
}

func TestValidateStatement(t *testing.T) {
	tests := []struct {
		name string
		text string
		ok   bool
	}{
		{"one character", "a", true},
		{"280 characters", strings.Repeat("x", 280), true},
		{"280 runes of two bytes", strings.Repeat("é", 280), true},
		{"280 after trimming", "  \n" + strings.Repeat("x", 280) + " \t", true},
		{"two lines", "I am here.\nI stay.", true},
		{"empty", "", false},
		{"only spaces", " \n\t ", false},
		{"281 characters", strings.Repeat("x", 281), false},
		{"not UTF-8", "ok \xff", false},
		{"NUL inside", "one\x00two", false},
		{"escape inside", "bell\x07", false},
	}
	for _, tt := range tests {
		err := ValidateStatement(tt.text)
		if (err == nil) != tt.ok {
			t.Errorf("%s: ValidateStatement = %v, want ok %v", tt.name, err, tt.ok)
		}
		if err != nil && (securebase.ErrorCode(err) != securebase.EINVALID || securebase.ErrorFields(err)[FieldText] == "") {
			t.Errorf("%s: error %v is not a text field error", tt.name, err)
		}
	}
	msg := securebase.ErrorFields(ValidateStatement(strings.Repeat("x", 300)))[FieldText]
	if msg != "Keep it to 280 characters. This one has 300." {
		t.Errorf("long message = %q", msg)
	}
}

// TestProblemsAreOneError: however many problems a form has, the caller
// gets one *securebase.Error with a message per field, the first per field.
func TestProblemsAreOneError(t *testing.T) {
	if (problems{}).err() != nil {
		t.Error("no problems is not a nil error")
	}
	err := problems{invalid("a", "first"), invalid("b", "second"), invalid("a", "later")}.err()
	got := securebase.ErrorFields(err)
	if securebase.ErrorCode(err) != securebase.EINVALID || len(got) != 2 || got["a"] != "first" || got["b"] != "second" {
		t.Errorf("err = %v, fields %v", err, got)
	}
	if ps := problemsOf(err); len(ps) != 2 || !ps.has("a") || !ps.has("b") || ps.has("c") {
		t.Errorf("problemsOf = %v", ps)
	}
}

func TestErrorTextKeepsWritingOutOfLogs(t *testing.T) {
	const secret = "Alexsecretname"
	_, err := NewCustom(secret+strings.Repeat("z", 60), inOut(4, 4), 4)
	if err == nil || strings.Contains(err.Error(), secret) {
		t.Errorf("name error text = %v", err)
	}
	long := secret + strings.Repeat(" words", 60)
	if err := ValidateStatement(long); err == nil || strings.Contains(err.Error(), secret) {
		t.Errorf("statement error text = %v", err)
	}
	if _, err := ParseCustom(CustomForm{Name: "x", Cycles: secret, Phases: []PhaseForm{{"in", secret}}}); err == nil ||
		strings.Contains(err.Error(), secret) {
		t.Errorf("form error text = %v", err)
	}
}
