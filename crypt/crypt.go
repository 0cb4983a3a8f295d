// Package crypt holds the cryptography of Secure Base: sealing a person's
// data with XChaCha20-Poly1305, password hashing and key derivation with
// argon2id and HKDF, and the secrets behind recovery keys, sessions and
// access tokens.
//
// Nothing here knows about storage or HTTP. Keys are plain byte slices
// wrapped in small types so a key cannot be mistaken for a nonce or a hash.
package crypt

import (
	"bytes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"hash"
	"sync"

	"golang.org/x/crypto/chacha20poly1305"
)

// KeySize is the size of every symmetric key here: 256 bits.
const KeySize = 32

// ErrOpen is returned when a ciphertext does not open: wrong key, wrong
// associated data, or tampered bytes. The three are not told apart.
var ErrOpen = errors.New("crypt: message did not open")

// aeadKey is XChaCha20-Poly1305 under one key, without padding: for
// wrapping keys, whose length says nothing.
type aeadKey struct {
	aead cipher.AEAD
}

// rawKey returns an aeadKey; k is always KeySize bytes here.
func rawKey(k []byte) *aeadKey {
	aead, err := chacha20poly1305.NewX(k)
	if err != nil {
		panic("crypt: " + err.Error()) // only for a key of the wrong size
	}
	return &aeadKey{aead: aead}
}

// seal encrypts plaintext bound to ad and returns nonce || ciphertext.
// A random 192-bit nonce per seal makes nonce reuse negligible without
// any counter to keep.
func (k *aeadKey) seal(plaintext, ad []byte) []byte {
	ns := k.aead.NonceSize()
	out := make([]byte, ns, ns+len(plaintext)+k.aead.Overhead())
	_, _ = rand.Read(out)
	return k.aead.Seal(out, out[:ns], plaintext, ad)
}

// open decrypts what seal returned, if ad matches and nothing changed.
func (k *aeadKey) open(sealed, ad []byte) ([]byte, error) {
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

// DataKey seals and opens one person's data: it implements
// securebase.Sealer. Everything it seals is padded to a size bucket
// (pad.go), and it blinds names (entry ids) with a keyed hash, so the
// store can find a row by an id it never keeps in the clear.
type DataKey struct {
	k *aeadKey
	// index is the HMAC key for Blind, derived from the data key when
	// first needed: every signed-in request unlocks the key, most never
	// blind an id, and the derivation was a tenth of a cached page's CPU.
	index func() []byte
	// blinders keeps keyed HMACs for Blind to reset and reuse: a list of
	// 50 entries checks 50 ids, and a new HMAC each time was most of the
	// list's allocations (issue 15, speed).
	blinders sync.Pool
}

// NewKey returns a fresh random key.
func NewKey() []byte {
	k := make([]byte, KeySize)
	_, _ = rand.Read(k) // crypto/rand.Read never fails on supported platforms
	return k
}

// NewDataKey wraps raw key bytes for sealing.
func NewDataKey(raw []byte) (*DataKey, error) {
	if len(raw) != KeySize {
		return nil, fmt.Errorf("crypt: data key of %d bytes", len(raw))
	}
	raw = bytes.Clone(raw)
	return &DataKey{k: rawKey(raw), index: sync.OnceValue(func() []byte { return derive(raw, "entry id") })}, nil
}

// Seal pads plaintext to its bucket, encrypts it bound to ad and returns
// nonce || ciphertext.
func (k *DataKey) Seal(plaintext, ad []byte) []byte { return k.k.seal(pad(plaintext), ad) }

// Open decrypts what Seal returned, if ad matches and nothing was changed.
func (k *DataKey) Open(sealed, ad []byte) ([]byte, error) {
	padded, err := k.k.open(sealed, ad)
	if err != nil {
		return nil, err
	}
	pt, ok := unpad(padded)
	if !ok {
		return nil, ErrOpen
	}
	return pt, nil
}

// Blind returns the stored form of a name (an entry id): 128 bits of
// HMAC-SHA256 under a key derived from the data key, as 22 base64url
// characters. Equal names blind equally for one key, so lookups work;
// without the key a stored id says nothing, not even which ids a client
// chose. A new data key blinds every name anew (the store recomputes
// them when it reseals).
func (k *DataKey) Blind(name string) string {
	m, _ := k.blinders.Get().(hash.Hash)
	if m == nil {
		m = hmac.New(sha256.New, k.index())
	}
	m.Reset()
	m.Write([]byte(name))
	var sum [sha256.Size]byte
	out := base64.RawURLEncoding.EncodeToString(m.Sum(sum[:0])[:16])
	k.blinders.Put(m)
	return out
}

// Legacy returns a view of the key as data sealed before padding and
// blinding existed: no padding, names kept as they are. It is used once
// per person, to reseal their data in today's form.
func (k *DataKey) Legacy() *LegacyKey { return &LegacyKey{k: k.k} }

// LegacyKey opens (and, for tests, seals) values in the form of the
// first release: unpadded, with ids in the clear. It implements
// securebase.Sealer.
type LegacyKey struct{ k *aeadKey }

// Seal implements securebase.Sealer without padding.
func (k *LegacyKey) Seal(plaintext, ad []byte) []byte { return k.k.seal(plaintext, ad) }

// Open implements securebase.Sealer without padding.
func (k *LegacyKey) Open(sealed, ad []byte) ([]byte, error) { return k.k.open(sealed, ad) }

// Blind keeps a name as it is: the first release stored ids in the clear.
func (k *LegacyKey) Blind(name string) string { return name }

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
