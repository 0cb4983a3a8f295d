package crypt

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/base64"
	"fmt"
	"strings"
)

// Wrapper wraps a user's data key under a key-encryption key, and, when the
// operator gives one, again under an instance key kept outside the database.
// With an instance key, a database copy without the key file is useless even
// to someone who knows a person's password.
type Wrapper struct {
	instance *aeadKey // nil when no instance key is configured
	mix      []byte   // HMAC key for Mix: derived from the instance key, or nil
}

// NewWrapper returns a Wrapper; instanceKey may be nil.
func NewWrapper(instanceKey []byte) (*Wrapper, error) {
	w := &Wrapper{}
	if instanceKey != nil {
		if len(instanceKey) != KeySize {
			return nil, fmt.Errorf("crypt: instance key of %d bytes, want %d", len(instanceKey), KeySize)
		}
		w.instance = rawKey(instanceKey)
		w.mix = derive(instanceKey, "mix")
	}
	return w, nil
}

// Wrap seals dataKey under kek, bound to ad.
func (w *Wrapper) Wrap(kek, dataKey, ad []byte) []byte {
	wrapped := rawKey(kek).seal(dataKey, ad) // kek always comes from derive or NewKey: 32 bytes
	if w.instance != nil {
		wrapped = w.instance.seal(wrapped, ad)
	}
	return wrapped
}

// Unwrap opens what Wrap sealed and returns a ready DataKey.
func (w *Wrapper) Unwrap(kek, wrapped, ad []byte) (*DataKey, []byte, error) {
	var err error
	if w.instance != nil {
		if wrapped, err = w.instance.open(wrapped, ad); err != nil {
			return nil, nil, err
		}
	}
	if len(kek) != KeySize {
		return nil, nil, ErrOpen
	}
	raw, err := rawKey(kek).open(wrapped, ad)
	if err != nil {
		return nil, nil, err
	}
	dk, err := NewDataKey(raw)
	return dk, raw, err
}

// Mix returns secret bound to the instance key, when there is one: a
// keyed hash under a secret kept in the database (rate-limit keys) is
// then useless to someone who has the database but not the key file.
func (w *Wrapper) Mix(secret []byte) []byte {
	if w.mix == nil {
		return secret
	}
	m := hmac.New(sha256.New, w.mix)
	m.Write(secret)
	return m.Sum(nil)
}

// RecoveryKey is 160 random bits, shown once as eight groups of four
// characters. It is high-entropy, so HKDF alone (no slow hash) makes a
// key-encryption key from it.
type RecoveryKey []byte

const recoveryBytes = 20

// crockford is Crockford's base32: no I, L, O or U, so a key copied by hand
// survives the usual misreadings.
var crockford = base32.NewEncoding("0123456789ABCDEFGHJKMNPQRSTVWXYZ").WithPadding(base32.NoPadding)

// NewRecoveryKey returns a fresh recovery key.
func NewRecoveryKey() RecoveryKey {
	b := make([]byte, recoveryBytes)
	_, _ = rand.Read(b)
	return b
}

// String formats the key as XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX.
func (k RecoveryKey) String() string {
	s := crockford.EncodeToString(k)
	var b strings.Builder
	for i := 0; i < len(s); i += 4 {
		if i > 0 {
			b.WriteByte('-')
		}
		b.WriteString(s[i:min(i+4, len(s))])
	}
	return b.String()
}

// ParseRecoveryKey reads a key as a person typed it: any case, with or
// without dashes and spaces, O read as 0 and I or L as 1.
func ParseRecoveryKey(s string) (RecoveryKey, bool) {
	r := strings.NewReplacer("-", "", " ", "", "\t", "", "\n", "", "\r", "",
		"O", "0", "I", "1", "L", "1")
	s = r.Replace(strings.ToUpper(strings.TrimSpace(s)))
	if len(s) != 32 {
		return nil, false
	}
	b, err := crockford.DecodeString(s)
	if err != nil || len(b) != recoveryBytes {
		return nil, false
	}
	return b, true
}

// KEK returns the key-encryption key this recovery key stands for.
func (k RecoveryKey) KEK() []byte { return derive(k, "recovery wrap") }

// Secret is the 256-bit secret of a session or access token. The client
// holds it; the database holds its SHA-256 (the lookup id) and the data key
// wrapped under a key derived from it.
type Secret []byte

// TokenPrefix marks personal access tokens, so a leaked one is easy to
// recognise in a scan.
const TokenPrefix = "sbp_"

// NewSecret returns a fresh secret.
func NewSecret() Secret { return NewKey() }

// ID returns the lookup id stored in the database.
func (s Secret) ID() []byte {
	h := sha256.Sum256(s)
	return h[:]
}

// KEK returns the key that wraps the data key for this session.
func (s Secret) KEK() []byte { return derive(s, "session wrap") }

// String encodes the secret for a cookie.
func (s Secret) String() string { return base64.RawURLEncoding.EncodeToString(s) }

// Token encodes the secret as a personal access token.
func (s Secret) Token() string { return TokenPrefix + s.String() }

// ParseSecret reads a cookie value or an access token.
func ParseSecret(s string) (Secret, bool) {
	// A token is the prefix and 43 characters; a cookie is the 43 alone.
	// Only the token's length strips the prefix: a cookie's own characters
	// may begin with the same four.
	if len(s) == len(TokenPrefix)+43 && strings.HasPrefix(s, TokenPrefix) {
		s = s[len(TokenPrefix):]
	}
	if len(s) != 43 {
		return nil, false
	}
	// Strict: the last character's spare bits must be zero, so each
	// secret has one spelling.
	b, err := base64.RawURLEncoding.Strict().DecodeString(s)
	if err != nil || len(b) != KeySize {
		return nil, false
	}
	return b, true
}
