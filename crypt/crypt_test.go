package crypt

import (
	"bytes"
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/securebase/securebase/internal/testenv"
)

func TestSealOpen(t *testing.T) {
	k, err := NewDataKey(NewKey())
	if err != nil {
		t.Fatal(err)
	}
	ad := []byte("user=1 table=entries id=a version=1")
	msg := []byte("a few words on how I am")
	sealed := k.Seal(msg, ad)
	if bytes.Contains(sealed, msg) {
		t.Fatal("sealed bytes contain the plaintext")
	}
	got, err := k.Open(sealed, ad)
	if err != nil || !bytes.Equal(got, msg) {
		t.Fatalf("Open = %q, %v", got, err)
	}

	other, _ := NewDataKey(NewKey())
	flipped := bytes.Clone(sealed)
	flipped[len(flipped)-1] ^= 1
	cases := map[string]func() ([]byte, error){
		"other row":  func() ([]byte, error) { return k.Open(sealed, []byte("user=1 table=entries id=b version=1")) },
		"other user": func() ([]byte, error) { return k.Open(sealed, []byte("user=2 table=entries id=a version=1")) },
		"old version": func() ([]byte, error) {
			return k.Open(sealed, []byte("user=1 table=entries id=a version=2"))
		},
		"other key":   func() ([]byte, error) { return other.Open(sealed, ad) },
		"flipped bit": func() ([]byte, error) { return k.Open(flipped, ad) },
		"truncated":   func() ([]byte, error) { return k.Open(sealed[:10], ad) },
		"empty":       func() ([]byte, error) { return k.Open(nil, ad) },
	}
	for name, open := range cases {
		if pt, err := open(); !errors.Is(err, ErrOpen) || pt != nil {
			t.Errorf("%s: Open = %q, %v; want ErrOpen", name, pt, err)
		}
	}
}

// TestNoncesNeverRepeat seals messages and checks every nonce is new: the
// property that makes XChaCha20-Poly1305 with random nonces safe. Every
// run seals 10,000; the slow proof (make proof) a million.
func TestNoncesNeverRepeat(t *testing.T) {
	n := 10_000
	if os.Getenv(testenv.SlowEnv) == "1" {
		n = 1_000_000
	}
	k, _ := NewDataKey(NewKey())
	seen := make(map[[24]byte]struct{}, n)
	for i := 0; i < n; i++ {
		var nonce [24]byte
		copy(nonce[:], k.Seal(nil, nil))
		if _, dup := seen[nonce]; dup {
			t.Fatalf("nonce repeated after %d seals", i)
		}
		seen[nonce] = struct{}{}
	}
}

func TestWrapper(t *testing.T) {
	for _, instance := range [][]byte{nil, NewKey()} {
		w, err := NewWrapper(instance)
		if err != nil {
			t.Fatal(err)
		}
		kek, dk := NewKey(), NewKey()
		ad := []byte("user=7 purpose=password")
		wrapped := w.Wrap(kek, dk, ad)
		if bytes.Contains(wrapped, dk) {
			t.Fatal("wrapped key contains the key")
		}
		_, raw, err := w.Unwrap(kek, wrapped, ad)
		if err != nil || !bytes.Equal(raw, dk) {
			t.Fatalf("Unwrap = %x, %v", raw, err)
		}
		if _, _, err := w.Unwrap(NewKey(), wrapped, ad); err == nil {
			t.Error("unwrapped with the wrong kek")
		}
		if _, _, err := w.Unwrap(kek, wrapped, []byte("user=8 purpose=password")); err == nil {
			t.Error("unwrapped with another user's ad")
		}
		if instance != nil {
			plain, _ := NewWrapper(nil)
			if _, _, err := plain.Unwrap(kek, wrapped, ad); err == nil {
				t.Error("unwrapped without the instance key")
			}
		}
	}
}

func TestPassword(t *testing.T) {
	ctx := context.Background()
	h := NewHasher(Params{Memory: 64, Time: 1, Threads: 1}, 2)
	pk, err := h.Hash(ctx, "correct horse battery staple")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(pk.PHC, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Fatalf("PHC = %q", pk.PHC)
	}
	got, err := h.Verify(ctx, "correct horse battery staple", pk.PHC)
	if err != nil || !bytes.Equal(got.KEK, pk.KEK) || got.NeedsRehash {
		t.Fatalf("Verify = %+v, %v", got, err)
	}
	if _, err := h.Verify(ctx, "correct horse battery stapl", pk.PHC); !errors.Is(err, ErrMismatch) {
		t.Fatalf("wrong password: %v", err)
	}
	// The stored verifier must not be the wrapping key.
	if strings.Contains(pk.PHC, b64.EncodeToString(pk.KEK)) {
		t.Fatal("PHC string reveals the wrapping key")
	}
	stronger := NewHasher(Params{Memory: 128, Time: 1, Threads: 1}, 1)
	got, err = stronger.Verify(ctx, "correct horse battery staple", pk.PHC)
	if err != nil || !got.NeedsRehash {
		t.Fatalf("parameter change: %+v, %v", got, err)
	}
	for _, bad := range []string{"", "$argon2i$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaA",
		"$argon2id$v=19$m=99999999,t=1,p=1$c2FsdHNhbHQ$" + b64.EncodeToString(make([]byte, 32)),
		"$argon2id$v=19$m=64,t=1,p=1$$", "$argon2id$v=18$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaA"} {
		if _, err := h.Verify(ctx, "x", bad); err == nil {
			t.Errorf("Verify(%q) accepted", bad)
		}
	}
}

func TestHasherBusy(t *testing.T) {
	h := NewHasher(DefaultParams(), 1)
	h.slots <- struct{}{} // hold the only slot
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := h.Hash(ctx, "whatever it is"); !errors.Is(err, ErrBusy) {
		t.Fatalf("Hash with no free slot = %v, want ErrBusy", err)
	}
}

func TestRecoveryKey(t *testing.T) {
	k := NewRecoveryKey()
	s := k.String()
	if len(s) != 39 || strings.Count(s, "-") != 7 {
		t.Fatalf("format %q", s)
	}
	typed := strings.ToLower(strings.ReplaceAll(s, "-", " "))
	typed = strings.ReplaceAll(strings.ReplaceAll(typed, "0", "o"), "1", "l")
	got, ok := ParseRecoveryKey(typed)
	if !ok || !bytes.Equal(got, k) {
		t.Fatalf("Parse(%q) = %x, %v; want %x", typed, got, ok, []byte(k))
	}
	if bytes.Equal(k.KEK(), []byte(k)) || len(k.KEK()) != KeySize {
		t.Fatal("KEK is not derived")
	}
	for _, bad := range []string{"", "ABCD", s + "A", strings.Replace(s, s[:1], "U", 1)} {
		if _, ok := ParseRecoveryKey(bad); ok {
			t.Errorf("Parse(%q) accepted", bad)
		}
	}
}

func TestSecret(t *testing.T) {
	s := NewSecret()
	for _, enc := range []string{s.String(), s.Token()} {
		got, ok := ParseSecret(enc)
		if !ok || !bytes.Equal(got, s) {
			t.Fatalf("ParseSecret(%q) failed", enc)
		}
	}
	if bytes.Equal(s.ID(), s.KEK()) || bytes.Equal(s.ID(), s) {
		t.Fatal("id and kek must differ from each other and from the secret")
	}
	for _, bad := range []string{"", "sbp_", s.String()[1:], s.String() + "x", strings.Repeat("!", 43)} {
		if _, ok := ParseSecret(bad); ok {
			t.Errorf("ParseSecret(%q) accepted", bad)
		}
	}
}

func FuzzParseRecoveryKey(f *testing.F) {
	f.Add(NewRecoveryKey().String())
	f.Add("oooo-iiii-llll")
	f.Fuzz(func(t *testing.T, s string) {
		if k, ok := ParseRecoveryKey(s); ok {
			if again, ok := ParseRecoveryKey(k.String()); !ok || !bytes.Equal(again, k) {
				t.Fatalf("round trip of %q failed", s)
			}
		}
	})
}

func FuzzDecodePHC(f *testing.F) {
	f.Add("$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaA")
	f.Fuzz(func(t *testing.T, s string) {
		p, _, _, err := decodePHC(s)
		if err == nil && (p.Memory > 1<<20 || p.Time > 16) {
			t.Fatalf("accepted costs %+v", p)
		}
	})
}
