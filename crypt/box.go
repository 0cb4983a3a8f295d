package crypt

import (
	"crypto/rand"
	"errors"

	"golang.org/x/crypto/nacl/box"
)

// Linked partners (F7, docs/partner-safety.md) each hold a key pair for
// signals: X25519 keys from x/crypto's nacl/box. The private key is kept
// sealed under its person's data key; a signal is sealed with box from the
// sender's private key to the recipient's public key, so either of the two
// (and no one else) can open it: box's shared key is the same from both
// sides. Box has no associated data, so callers put the signal's context
// inside the plaintext and check it on opening.

// BoxKeySize is the size of a box public or private key.
const BoxKeySize = 32

// boxNonceSize is the size of box's nonce, stored before each sealed value.
const boxNonceSize = 24

// NewBoxKeyPair returns a fresh key pair: public and private key.
func NewBoxKeyPair() (public, private []byte) {
	pub, priv, err := box.GenerateKey(rand.Reader)
	if err != nil {
		panic("crypt: box key: " + err.Error()) // crypto/rand does not fail
	}
	return pub[:], priv[:]
}

func boxKey(b []byte) (*[BoxKeySize]byte, error) {
	if len(b) != BoxKeySize {
		return nil, errors.New("crypt: box key of the wrong size")
	}
	var k [BoxKeySize]byte
	copy(k[:], b)
	return &k, nil
}

// BoxSeal pads plaintext to a bucket (as every sealed value here) and
// seals it from private to peer with a fresh random nonce, which leads
// the result.
func BoxSeal(plaintext, peer, private []byte) ([]byte, error) {
	pk, err := boxKey(peer)
	if err != nil {
		return nil, err
	}
	sk, err := boxKey(private)
	if err != nil {
		return nil, err
	}
	var nonce [boxNonceSize]byte
	if _, err := rand.Read(nonce[:]); err != nil {
		return nil, err
	}
	return box.Seal(nonce[:], pad(plaintext), &nonce, pk, sk), nil
}

// BoxOpen opens what BoxSeal sealed between peer and private (in either
// direction) and strips the padding; anything else is ErrOpen.
func BoxOpen(sealed, peer, private []byte) ([]byte, error) {
	pk, err := boxKey(peer)
	if err != nil {
		return nil, err
	}
	sk, err := boxKey(private)
	if err != nil {
		return nil, err
	}
	if len(sealed) < boxNonceSize+box.Overhead {
		return nil, ErrOpen
	}
	var nonce [boxNonceSize]byte
	copy(nonce[:], sealed)
	plain, ok := box.Open(nil, sealed[boxNonceSize:], &nonce, pk, sk)
	if !ok {
		return nil, ErrOpen
	}
	plain, ok = unpad(plain)
	if !ok {
		return nil, ErrOpen
	}
	return plain, nil
}
