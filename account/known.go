package account

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"strconv"

	"github.com/securebase/securebase"
)

// A known browser is one that has signed in to an account before. After
// each sign-in, reset or sign-up the browser is given a cookie holding a
// random nonce and a MAC of it and the account's id, under a key derived
// from the account's stored password hash (a value only the server has).
// Sign-in attempts from a known browser are never slowed by attempts
// from elsewhere (limits.go), so a stranger's guesses cannot lock the
// owner out of their own browser. A new password makes a new hash, which
// forgets every known browser.
//
// The cookie names no account and holds nothing secret about the person:
// without the database it is random bytes.

const knownNonce = 12

func knownMAC(u *securebase.User, nonce []byte) []byte {
	k := sha256.Sum256([]byte("securebase/v1 known browser\x00" + u.PasswordHash))
	m := hmac.New(sha256.New, k[:])
	m.Write([]byte(strconv.FormatInt(u.ID, 10)))
	m.Write(nonce)
	return m.Sum(nil)[:16]
}

// knownValue returns a fresh known-browser cookie value for u.
func (s *Service) knownValue(u *securebase.User) string {
	nonce := make([]byte, knownNonce)
	_, _ = rand.Read(nonce)
	return base64.RawURLEncoding.EncodeToString(append(nonce, knownMAC(u, nonce)...))
}

// isKnown reports whether v is a known-browser value for u.
func (s *Service) isKnown(u *securebase.User, v string) bool {
	// One spelling only: the decoder skips CR and LF and, unless strict,
	// ignores the last character's spare bits, so a length check and the
	// strict decoder keep the value the one shape the server makes.
	if len(v) != base64.RawURLEncoding.EncodedLen(knownNonce+16) {
		return false
	}
	b, err := base64.RawURLEncoding.Strict().DecodeString(v)
	if err != nil || len(b) != knownNonce+16 {
		return false
	}
	return hmac.Equal(b[knownNonce:], knownMAC(u, b[:knownNonce]))
}
