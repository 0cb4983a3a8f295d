package practice

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestParseDistress(t *testing.T) {
	for n := 0; n <= 10; n++ {
		got, err := ParseDistress(fmt.Sprint(n))
		if err != nil || got != n {
			t.Errorf("ParseDistress(%d) = %d, %v", n, got, err)
		}
	}
	bad := []string{"", " ", "-1", "11", "100", "07", "00", "+5", " 5", "5 ", "5.0", "5,5", "five",
		"٥", "0x5", "1e1", "NaN", "9999999999999999999999", "10\n"}
	for _, in := range bad {
		_, err := ParseDistress(in)
		var fe *FieldError
		if !errors.As(err, &fe) || fe.Field != FieldDistress || !errors.Is(err, ErrInvalid) {
			t.Errorf("ParseDistress(%q) = %v, want a distress field error", in, err)
			continue
		}
		if fe.Message != "Choose a number from 0 to 10." {
			t.Errorf("message = %q", fe.Message)
		}
	}
	if HighDistress <= MinDistress || HighDistress > MaxDistress {
		t.Errorf("HighDistress %d is off the scale", HighDistress)
	}
}

func TestParsePause(t *testing.T) {
	good := map[string]time.Duration{"1": time.Minute, "5": 5 * time.Minute, " 20 ": 20 * time.Minute, "60": time.Hour}
	for in, want := range good {
		if got, err := ParsePause(in); err != nil || got != want {
			t.Errorf("ParsePause(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "0", "61", "-5", "2.5", "five", "99999999999999999999"} {
		if _, err := ParsePause(in); !errors.Is(err, ErrInvalid) || FieldMessages(err)[FieldMinutes] == "" {
			t.Errorf("ParsePause(%q) = %v, want a minutes field error", in, err)
		}
	}
	lengths := PauseLengths()
	for i, d := range lengths {
		if d < MinPause || d > MaxPause || (i > 0 && d <= lengths[i-1]) {
			t.Errorf("pause lengths %v out of order or range", lengths)
		}
	}
	if DefaultPause < MinPause || DefaultPause > MaxPause || len(PauseLines()) < 3 {
		t.Error("pause defaults out of range or too few lines")
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
		if err != nil && (!errors.Is(err, ErrInvalid) || FieldMessages(err)[FieldText] == "") {
			t.Errorf("%s: error %v is not a text field error", tt.name, err)
		}
	}
	msg := FieldMessages(ValidateStatement(strings.Repeat("x", 300)))[FieldText]
	if msg != "Keep it to 280 characters. This one has 300." {
		t.Errorf("long message = %q", msg)
	}
}

func TestFieldMessages(t *testing.T) {
	if FieldMessages(nil) != nil {
		t.Error("FieldMessages(nil) is not nil")
	}
	if FieldMessages(errors.New("plain")) != nil {
		t.Error("FieldMessages of a plain error is not nil")
	}
	a := invalid("a", "first", "x")
	b := invalid("b", "second", "y")
	a2 := invalid("a", "later", "z")
	wrapped := fmt.Errorf("saving: %w", Errors{a, b, a2})
	got := FieldMessages(wrapped)
	if len(got) != 2 || got["a"] != "first" || got["b"] != "second" {
		t.Errorf("FieldMessages = %v", got)
	}
	var fe *FieldError
	if !errors.As(wrapped, &fe) || fe != a {
		t.Error("errors.As does not find the first field error")
	}
	joined := errors.Join(distressErr(), ValidateStatement(""))
	if m := FieldMessages(joined); len(m) != 2 {
		t.Errorf("FieldMessages of joined errors = %v", m)
	}
	var empty Errors
	if empty.orNil() != nil {
		t.Error("empty Errors is not a nil error")
	}
}

// distressErr returns a distress field error for the tests above.
func distressErr() error { _, err := ParseDistress("x"); return err }

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

func TestFieldErrorText(t *testing.T) {
	e := &FieldError{Field: "name", Message: "Give it a name."}
	if e.Error() != "practice: name: Give it a name." || e.Unwrap() != nil {
		t.Errorf("Error() = %q", e.Error())
	}
	e2 := invalid("cycles", "msg", "cycles 0 outside 1–60")
	if e2.Error() != "practice: cycles: cycles 0 outside 1–60: invalid input" {
		t.Errorf("Error() = %q", e2.Error())
	}
}
