package crypt

import (
	"bytes"
	"testing"
)

// FuzzParseSecret reads fuzzed cookies and tokens: no panic, and what is
// accepted is a 256-bit secret that prints back to a form it accepts.
func FuzzParseSecret(f *testing.F) {
	s := NewSecret()
	f.Add(s.String())
	f.Add(s.Token())
	f.Add("sbp_")
	f.Add("sbp_" + s.String() + "=")
	// A cookie whose characters begin with the token prefix.
	f.Add("sbp_sbp_000000000000000000000000000000000000000")
	f.Fuzz(func(t *testing.T, in string) {
		sec, ok := ParseSecret(in)
		if !ok {
			return
		}
		if len(sec) != KeySize {
			t.Fatalf("ParseSecret(%q) accepted %d bytes", in, len(sec))
		}
		back, ok := ParseSecret(sec.String())
		if !ok || !bytes.Equal(back, sec) {
			t.Fatalf("ParseSecret(%q) does not round-trip", in)
		}
	})
}
