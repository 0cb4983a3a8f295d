package crypt

import (
	"bytes"
	"errors"
	"testing"
)

// TestBox: a value sealed from one key pair to another opens for both of
// them (either private key with the other's public key), for no third
// key, not after a flipped bit, and pads to a bucket so its length does
// not tell how long it was.
func TestBox(t *testing.T) {
	aPub, aPriv := NewBoxKeyPair()
	bPub, bPriv := NewBoxKeyPair()
	cPub, cPriv := NewBoxKeyPair()
	msg := []byte("I need a little space. I'm not going anywhere.")
	sealed, err := BoxSeal(msg, bPub, aPriv)
	if err != nil {
		t.Fatal(err)
	}
	for name, k := range map[string][2][]byte{"recipient": {aPub, bPriv}, "sender": {bPub, aPriv}} {
		if got, err := BoxOpen(sealed, k[0], k[1]); err != nil || !bytes.Equal(got, msg) {
			t.Errorf("the %s opens %q, %v", name, got, err)
		}
	}
	for name, k := range map[string][2][]byte{"a third key": {aPub, cPriv}, "a third public key": {cPub, bPriv}} {
		if _, err := BoxOpen(sealed, k[0], k[1]); !errors.Is(err, ErrOpen) {
			t.Errorf("%s opens it (%v)", name, err)
		}
	}
	flipped := append([]byte(nil), sealed...)
	flipped[len(flipped)-1] ^= 1
	if _, err := BoxOpen(flipped, aPub, bPriv); !errors.Is(err, ErrOpen) {
		t.Errorf("a flipped bit opens (%v)", err)
	}
	short, _ := BoxSeal([]byte("x"), bPub, aPriv)
	if len(short) != len(sealed) {
		t.Errorf("sealed lengths %d and %d differ for short values", len(short), len(sealed))
	}
	if _, err := BoxSeal(msg, []byte("short"), aPriv); err == nil {
		t.Error("a key of the wrong size seals")
	}
	if _, err := BoxOpen([]byte("tiny"), aPub, bPriv); !errors.Is(err, ErrOpen) {
		t.Error("a too-short value opens")
	}
}
