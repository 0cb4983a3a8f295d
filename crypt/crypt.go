// Package crypt holds the cryptography of Secure Base: sealing a person's
// data with XChaCha20-Poly1305, password hashing and key derivation with
// argon2id and HKDF, and the secrets behind recovery keys, sessions and
// access tokens.
//
// Nothing here knows about storage or HTTP. Keys are plain byte slices
// wrapped in small types so a key cannot be mistaken for a nonce or a hash.
package crypt

import (
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"

	"golang.org/x/crypto/chacha20poly1305"
)

// KeySize is the size of every symmetric key here: 256 bits.
const KeySize = 32

// ErrOpen is returned when a ciphertext does not open: wrong key, wrong
// associated data, or tampered bytes. The three are not told apart.
var ErrOpen = errors.New("crypt: message did not open")

// DataKey seals and opens one person's data. It implements
// securebase.Sealer. A random 192-bit nonce per seal makes nonce reuse
// negligible without any counter to keep (XChaCha20-Poly1305).
type DataKey struct {
	aead cipher.AEAD
}

// NewKey returns a fresh random key.
func NewKey() []byte {
	k := make([]byte, KeySize)
	_, _ = rand.Read(k) // crypto/rand.Read never fails on supported platforms
	return k
}

// NewDataKey wraps raw key bytes for sealing.
func NewDataKey(raw []byte) (*DataKey, error) {
	aead, err := chacha20poly1305.NewX(raw)
	if err != nil {
		return nil, fmt.Errorf("crypt: data key: %w", err)
	}
	return &DataKey{aead: aead}, nil
}

// Seal encrypts plaintext bound to ad and returns nonce || ciphertext.
func (k *DataKey) Seal(plaintext, ad []byte) []byte {
	ns := k.aead.NonceSize()
	out := make([]byte, ns, ns+len(plaintext)+k.aead.Overhead())
	_, _ = rand.Read(out)
	return k.aead.Seal(out, out[:ns], plaintext, ad)
}

// Open decrypts what Seal returned, if ad matches and nothing was changed.
func (k *DataKey) Open(sealed, ad []byte) ([]byte, error) {
	ns := k.aead.NonceSize()
	if len(sealed) < ns+k.aead.Overhead() {
		return nil, ErrOpen
	}
	pt, err := k.aead.Open(nil, sealed[:ns], sealed[ns:], ad)
	if err != nil {
		return nil, ErrOpen
	}
	return pt, nil
}

// derive expands a secret into a key for one purpose with HKDF-SHA256.
// Each purpose has its own info string, so one secret never serves two
// purposes directly.
func derive(secret []byte, purpose string) []byte {
	k, err := hkdf.Key(sha256.New, secret, nil, "securebase/v1 "+purpose, KeySize)
	if err != nil {
		panic("crypt: hkdf: " + err.Error()) // only for lengths over 255*32 bytes
	}
	return k
}
