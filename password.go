package securebase

import (
	"bufio"
	_ "embed"
	"strings"
	"unicode/utf8"
)

// commonPasswords lists passwords of 8 or more characters that attackers try
// first (the zxcvbn 4.4.2 frequency list, MIT; see docs/licenses/zxcvbn.txt).
//
//go:embed commonpasswords.txt
var commonPasswords string

// Password length bounds, after OWASP ASVS 4.0 (2.1.1–2.1.3): at least 8
// characters, and long passphrases welcome. The upper bound only keeps a
// hostile request from feeding megabytes to the hash.
const (
	PasswordMin = 8
	PasswordMax = 256
)

// PasswordPolicy checks new passwords. It has no composition rules (ASVS
// 2.1.9): length and a list of common passwords do more good and less harm.
type PasswordPolicy struct {
	common map[string]struct{}
}

// NewPasswordPolicy builds the policy from the embedded list, once at start.
func NewPasswordPolicy() *PasswordPolicy {
	p := &PasswordPolicy{common: make(map[string]struct{}, 12000)}
	sc := bufio.NewScanner(strings.NewReader(commonPasswords))
	for sc.Scan() {
		if w := strings.TrimSpace(sc.Text()); w != "" {
			p.common[strings.ToLower(w)] = struct{}{}
		}
	}
	return p
}

// Check returns an EINVALID error for the field when the password breaks a
// rule. Passwords are counted in characters, not bytes, and never trimmed:
// every character a person types is part of their password (ASVS 2.1.3).
func (p *PasswordPolicy) Check(field, password, username string) error {
	n := utf8.RuneCountInString(password)
	lower := strings.ToLower(password)
	switch {
	case n < PasswordMin:
		return FieldError(field, "Use at least 8 characters. A few words with spaces make a strong password that is easy to remember.")
	case n > PasswordMax:
		return FieldError(field, "Use at most 256 characters.")
	case !utf8.ValidString(password):
		return FieldError(field, "That password has characters we can't read. Try typing it again.")
	case username != "" && lower == strings.ToLower(username):
		return FieldError(field, "Choose a password that is different from your username.")
	}
	if _, ok := p.common[lower]; ok {
		return FieldError(field, "That password is on a list of common passwords people guess first. Try a few words of your own.")
	}
	return nil
}
