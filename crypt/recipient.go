package crypt

import (
	"crypto/ecdh"
	"crypto/rand"
	"fmt"
)

// A recipient is a credential that can open a person's data key: their
// password or their recovery key. Each is an X25519 key pair derived
// from the credential's key-encryption key, and the data key is wrapped
// to its public key (an ephemeral X25519 exchange, HKDF, then
// XChaCha20-Poly1305).
//
// Why public keys: "sign out everywhere" and a password change replace
// the data key, and the new one must be wrapped for the password and the
// recovery key without either being at hand (nobody types the recovery
// key to change a password). A symmetric wrap would need the secret; a
// wrap to a public key needs only the public key, which the store keeps
// sealed under the data key (so someone who can write to the database
// cannot swap in a key of their own). Whoever holds an old data key
// learns nothing about a new one: it is wrapped only to the recipients.

// RecipientSize is the size of a recipient's public key.
const RecipientSize = 32

// recipientKey derives the X25519 private key of a credential.
func recipientKey(kek []byte) *ecdh.PrivateKey {
	k, err := ecdh.X25519().NewPrivateKey(derive(kek, "recipient"))
	if err != nil {
		panic("crypt: x25519: " + err.Error()) // any 32 bytes make an X25519 key
	}
	return k
}

// RecipientPublic returns the public key of the credential whose
// key-encryption key is kek.
func RecipientPublic(kek []byte) []byte { return recipientKey(kek).PublicKey().Bytes() }

// WrapTo wraps dataKey to a recipient's public key, bound to ad, and
// under the instance key when there is one.
func (w *Wrapper) WrapTo(pub, dataKey, ad []byte) ([]byte, error) {
	peer, err := ecdh.X25519().NewPublicKey(pub)
	if err != nil {
		return nil, fmt.Errorf("crypt: recipient key: %w", err)
	}
	eph, err := ecdh.X25519().GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	shared, err := eph.ECDH(peer)
	if err != nil {
		return nil, fmt.Errorf("crypt: recipient key: %w", err)
	}
	ephPub := eph.PublicKey().Bytes()
	k := rawKey(derive(append(append(shared, ephPub...), pub...), "recipient wrap"))
	wrapped := append(ephPub, k.seal(dataKey, ad)...)
	if w.instance != nil {
		wrapped = w.instance.seal(wrapped, ad)
	}
	return wrapped, nil
}

// UnwrapWith opens what WrapTo wrapped, with the credential's
// key-encryption key, and returns a ready DataKey and its bytes.
func (w *Wrapper) UnwrapWith(kek, wrapped, ad []byte) (*DataKey, []byte, error) {
	var err error
	if w.instance != nil {
		if wrapped, err = w.instance.open(wrapped, ad); err != nil {
			return nil, nil, err
		}
	}
	if len(wrapped) < RecipientSize {
		return nil, nil, ErrOpen
	}
	eph, err := ecdh.X25519().NewPublicKey(wrapped[:RecipientSize])
	if err != nil {
		return nil, nil, ErrOpen
	}
	priv := recipientKey(kek)
	shared, err := priv.ECDH(eph)
	if err != nil {
		return nil, nil, ErrOpen
	}
	pub := priv.PublicKey().Bytes()
	k := rawKey(derive(append(append(shared, wrapped[:RecipientSize]...), pub...), "recipient wrap"))
	raw, err := k.open(wrapped[RecipientSize:], ad)
	if err != nil {
		return nil, nil, err
	}
	dk, err := NewDataKey(raw)
	return dk, raw, err
}
