package account

import (
	"strings"
	"testing"

	"github.com/securebase/securebase"
)

// FuzzKnownBrowser reads fuzzed known-browser cookies: no panic; whatever
// is accepted is the one shape the server makes, and holds only for the
// account and password hash it was made for.
func FuzzKnownBrowser(f *testing.F) {
	s := &Service{}
	u := &securebase.User{ID: 42, PasswordHash: "$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaA"}
	other := &securebase.User{ID: 43, PasswordHash: u.PasswordHash}
	rehashed := &securebase.User{ID: 42, PasswordHash: u.PasswordHash + "x"}
	good := s.knownValue(u)
	f.Add(good)
	f.Add("")
	f.Add(good + "=")
	f.Add(good[:len(good)-1] + "A")
	// Spellings a lax decoder accepts for the same bytes: a line break
	// inside, and the last character's spare bits set.
	f.Add(good[:10] + "\n" + good[10:])
	f.Add(good[:len(good)-1] + string(spareBits(good[len(good)-1])))
	f.Fuzz(func(t *testing.T, v string) {
		if !s.isKnown(u, v) {
			return
		}
		if len(v) != 38 || s.isKnown(other, v) || s.isKnown(rehashed, v) {
			t.Fatalf("isKnown(%q) accepted a value of the wrong shape, or one that holds for another account or password", v)
		}
	})
}

// spareBits returns c with the spare low bits of a final base64 character
// flipped (a 38-character value ends in 4 bits of data and 2 spare).
func spareBits(c byte) byte {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	i := strings.IndexByte(alphabet, c)
	return alphabet[i^1]
}
