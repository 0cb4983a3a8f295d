package partner

import (
	"strings"
	"time"
)

// Linking two accounts starts with a one-time invitation code (F7). The
// code is made here from random bytes the caller supplies (crypto/rand in
// the server), so this package stays pure and its tests stay exact.

// Invitation limits; see docs/partner-safety.md.
const (
	// InviteCodeLength is the code's length in characters, without the
	// hyphen. Ten Crockford base-32 characters carry 50 bits.
	InviteCodeLength = 10
	// InviteRandomBytes is how many random bytes InviteCode needs.
	InviteRandomBytes = 7
	// InviteLifetime is how long a code can be used. Declining is the
	// same as letting it run out: the inviter cannot tell them apart.
	InviteLifetime = 15 * time.Minute
	// InviteAttemptsPerHour bounds wrong codes per account and per
	// network address, so 50 bits cannot be guessed in a code's lifetime.
	InviteAttemptsPerHour = 5
	// InvitesPerDay bounds the codes one account can make in a day.
	InvitesPerDay = 3
)

// inviteAlphabet is Crockford's base 32: digits and letters without I, L,
// O and U, so a code read aloud or copied by hand survives.
const inviteAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// FieldCode names the invitation code in errors.
const FieldCode = "code"

// InviteCode makes a code from the low 50 bits of InviteRandomBytes random
// bytes, written as two groups of five: "7K3QD-X9M2A".
func InviteCode(random []byte) (string, error) {
	if len(random) < InviteRandomBytes {
		return "", invalid(FieldCode, "The code could not be made. Try again.", "too few random bytes")
	}
	var n uint64
	for _, b := range random[:InviteRandomBytes] {
		n = n<<8 | uint64(b)
	}
	var out [InviteCodeLength]byte
	for i := InviteCodeLength - 1; i >= 0; i-- {
		out[i] = inviteAlphabet[n&31]
		n >>= 5
	}
	return string(out[:5]) + "-" + string(out[5:]), nil
}

// ParseInviteCode reads a code as a person types it: any case, with or
// without the hyphen and spaces, O read as 0 and I or L as 1. It returns
// the code in its written form, or an error that says what to do.
func ParseInviteCode(s string) (string, error) {
	bad := invalid(FieldCode, "Codes are 10 letters and numbers, like 7K3QD-X9M2A. Check it and try again.", "malformed invitation code")
	if len(s) > 40 {
		return "", bad
	}
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		switch {
		case r == ' ' || r == '-' || r == '\t':
			continue
		case r == 'O':
			r = '0'
		case r == 'I' || r == 'L':
			r = '1'
		}
		if r > 127 || !strings.ContainsRune(inviteAlphabet, r) {
			return "", bad
		}
		b.WriteRune(r)
	}
	code := b.String()
	if len(code) != InviteCodeLength {
		return "", bad
	}
	return code[:5] + "-" + code[5:], nil
}
