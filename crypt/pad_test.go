package crypt

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"sync"

	"errors"
	"testing"
)

// TestPaddedSize: every plaintext fits its bucket with the marker; short
// values share a few sizes; long ones waste at most an eighth.
func TestPaddedSize(t *testing.T) {
	prev := 0
	sizes := map[int]bool{}
	for n := 0; n <= 1<<20; n += 1 + n/64 {
		p := paddedSize(n)
		if p < n+1 || p < padMin || p < prev {
			t.Fatalf("paddedSize(%d) = %d (previous %d)", n, p, prev)
		}
		if n+1 > padSmall && float64(p) > float64(n+1)*1.125+1 {
			t.Fatalf("paddedSize(%d) = %d: more than an eighth wasted", n, p)
		}
		if n < padSmall {
			sizes[p] = true
		}
		prev = p
	}
	if len(sizes) != 5 { // 256, 512, 1024, 2048, 4096
		t.Fatalf("%d bucket sizes below 4 KiB: %v", len(sizes), sizes)
	}
}

func TestPadRoundTrip(t *testing.T) {
	for n := range 5000 {
		msg := bytes.Repeat([]byte{0x80}, n) // the marker byte inside the message too
		got, ok := unpad(pad(msg))
		if !ok || !bytes.Equal(got, msg) {
			t.Fatalf("round trip of %d bytes", n)
		}
	}
	for _, bad := range [][]byte{nil, {}, {0, 0, 0}, {1, 2, 3}, {0x80, 1}} {
		if _, ok := unpad(bad); ok {
			t.Errorf("unpad(%x) accepted", bad)
		}
	}
}

// TestSealHidesLength: every short value seals to one length, so a
// rating of 10 is as long as a rating of 9.
func TestSealHidesLength(t *testing.T) {
	k, _ := NewDataKey(NewKey())
	want := len(k.Seal(nil, nil))
	for n := range 255 {
		if got := len(k.Seal(make([]byte, n), nil)); got != want {
			t.Fatalf("a %d-byte value sealed to %d bytes, a 0-byte one to %d", n, got, want)
		}
	}
	// A value sealed without padding does not open as a padded one.
	raw := k.k.seal([]byte("no padding here"), nil)
	if _, err := k.Open(raw, nil); !errors.Is(err, ErrOpen) {
		t.Fatalf("an unpadded value opened: %v", err)
	}
	if got, err := k.Legacy().Open(raw, nil); err != nil || string(got) != "no padding here" {
		t.Fatalf("Legacy().Open = %q, %v", got, err)
	}
}

func TestBlind(t *testing.T) {
	k1, _ := NewDataKey(NewKey())
	k2, _ := NewDataKey(NewKey())
	a, b := k1.Blind("fav-staying-3"), k1.Blind("fav-staying-3")
	if a != b || len(a) != 22 {
		t.Fatalf("Blind is not stable: %q, %q", a, b)
	}
	if k1.Blind("fav-staying-4") == a || k2.Blind("fav-staying-3") == a {
		t.Fatal("Blind collides across names or keys")
	}
	if k1.Legacy().Blind("fav-staying-3") != "fav-staying-3" {
		t.Fatal("the legacy view must keep names as they were stored")
	}
}

// TestRecipientWrap: a data key wrapped to a credential's public key
// opens only with that credential, only at its place (AD), and only
// untouched; with an instance key, only with it too.
func TestRecipientWrap(t *testing.T) {
	for _, instance := range [][]byte{nil, NewKey()} {
		w, err := NewWrapper(instance)
		if err != nil {
			t.Fatal(err)
		}
		kek, dk := NewKey(), NewKey()
		ad := []byte("user=7 purpose=password epoch=3")
		wrapped, err := w.WrapTo(RecipientPublic(kek), dk, ad)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(wrapped, dk) {
			t.Fatal("the wrap contains the key")
		}
		if _, raw, err := w.UnwrapWith(kek, wrapped, ad); err != nil || !bytes.Equal(raw, dk) {
			t.Fatalf("UnwrapWith = %x, %v", raw, err)
		}
		flipped := bytes.Clone(wrapped)
		flipped[len(flipped)/2] ^= 1
		other, _ := NewWrapper(NewKey())
		for name, try := range map[string]func() error{
			"other credential": func() error { _, _, err := w.UnwrapWith(NewKey(), wrapped, ad); return err },
			"other place":      func() error { _, _, err := w.UnwrapWith(kek, wrapped, []byte("user=8")); return err },
			"flipped bit":      func() error { _, _, err := w.UnwrapWith(kek, flipped, ad); return err },
			"truncated":        func() error { _, _, err := w.UnwrapWith(kek, wrapped[:20], ad); return err },
			"other instance":   func() error { _, _, err := other.UnwrapWith(kek, wrapped, ad); return err },
		} {
			if name == "other instance" && instance == nil {
				continue
			}
			if err := try(); err == nil {
				t.Errorf("instance key %v: %s opened", instance != nil, name)
			}
		}
		if _, err := w.WrapTo([]byte("short"), dk, ad); err == nil {
			t.Error("WrapTo accepted a malformed public key")
		}
	}
	if _, err := NewWrapper([]byte("short")); err == nil {
		t.Error("NewWrapper accepted a short instance key")
	}

}

// TestMix: with an instance key a stored secret is bound to it; without
// one it is used as it is.
func TestMix(t *testing.T) {
	plain, _ := NewWrapper(nil)
	secret := NewKey()
	if !bytes.Equal(plain.Mix(secret), secret) {
		t.Fatal("Mix without an instance key changed the secret")
	}
	w1, _ := NewWrapper(NewKey())
	w2, _ := NewWrapper(NewKey())
	if bytes.Equal(w1.Mix(secret), secret) || bytes.Equal(w1.Mix(secret), w2.Mix(secret)) {
		t.Fatal("Mix does not depend on the instance key")
	}
}

// TestBlindReused: the pooled HMACs give what a fresh HMAC gives, for
// every name in turn and from several goroutines at once.
func TestBlindReused(t *testing.T) {
	k, err := NewDataKey(NewKey())
	if err != nil {
		t.Fatal(err)
	}
	fresh := func(name string) string {
		m := hmac.New(sha256.New, k.index())
		m.Write([]byte(name))
		return base64.RawURLEncoding.EncodeToString(m.Sum(nil)[:16])
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				name := fmt.Sprintf("entry-%d-%d", g, i%7)
				if got := k.Blind(name); got != fresh(name) {
					errs <- name
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for name := range errs {
		t.Errorf("Blind(%q) differs from a fresh HMAC", name)
	}
}
