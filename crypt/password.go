package crypt

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Params are argon2id cost parameters.
type Params struct {
	Memory  uint32 // KiB
	Time    uint32
	Threads uint8
}

// DefaultParams follow OWASP's password storage guidance for argon2id:
// 19 MiB, two passes, one lane.
func DefaultParams() Params { return Params{Memory: 19 * 1024, Time: 2, Threads: 1} }

// ErrMismatch means the password is wrong.
var ErrMismatch = errors.New("crypt: password does not match")

// ErrBusy means too many hashes were waiting; the caller should ask the
// person to try again in a moment rather than queue without end.
var ErrBusy = errors.New("crypt: password hashing is busy")

// Hasher hashes passwords with argon2id and derives from the same run the
// key that wraps a person's data key. Each hash takes Memory KiB, so a
// semaphore bounds how many run at once: a burst of sign-ins queues
// instead of exhausting memory.
type Hasher struct {
	params Params
	slots  chan struct{}
}

// NewHasher returns a Hasher that runs at most concurrency hashes at once.
func NewHasher(p Params, concurrency int) *Hasher {
	return &Hasher{params: p, slots: make(chan struct{}, max(concurrency, 1))}
}

// PasswordKey is the result of hashing a password: the PHC string to store
// and the key-encryption key to wrap the data key with. The PHC string
// holds a verifier derived from the argon2id output with HKDF, never the
// output itself, so the stored hash does not reveal the wrapping key.
type PasswordKey struct {
	PHC         string
	KEK         []byte
	NeedsRehash bool // the stored parameters differ from the current ones
}

// Hash derives a new PHC string and key for a password, with a new salt.
func (h *Hasher) Hash(ctx context.Context, password string) (PasswordKey, error) {
	salt := make([]byte, 16)
	_, _ = rand.Read(salt)
	out, err := h.run(ctx, password, salt, h.params)
	if err != nil {
		return PasswordKey{}, err
	}
	return PasswordKey{PHC: encodePHC(h.params, salt, derive(out, "password verifier")), KEK: derive(out, "password wrap")}, nil
}

// Verify checks password against a PHC string from Hash. It returns
// ErrMismatch for a wrong password; malformed strings are errors too.
func (h *Hasher) Verify(ctx context.Context, password, phc string) (PasswordKey, error) {
	p, salt, want, err := decodePHC(phc)
	if err != nil {
		return PasswordKey{}, err
	}
	out, err := h.run(ctx, password, salt, p)
	if err != nil {
		return PasswordKey{}, err
	}
	if subtle.ConstantTimeCompare(derive(out, "password verifier"), want) != 1 {
		return PasswordKey{}, ErrMismatch
	}
	return PasswordKey{PHC: phc, KEK: derive(out, "password wrap"), NeedsRehash: p != h.params}, nil
}

// Waste runs one hash and discards it, so a sign-in for an unknown username
// takes as long as one for a known one.
func (h *Hasher) Waste(ctx context.Context, password string) error {
	_, err := h.run(ctx, password, make([]byte, 16), h.params)
	return err
}

func (h *Hasher) run(ctx context.Context, password string, salt []byte, p Params) ([]byte, error) {
	select {
	case h.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ErrBusy
	}
	defer func() { <-h.slots }()
	return argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, KeySize), nil
}

var b64 = base64.RawStdEncoding

func encodePHC(p Params, salt, hash []byte) string {
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.Memory, p.Time, p.Threads, b64.EncodeToString(salt), b64.EncodeToString(hash))
}

// decodePHC parses $argon2id$v=19$m=…,t=…,p=…$salt$hash, refusing costs
// far outside what this program writes, so a planted row cannot make one
// verification eat the machine.
func decodePHC(s string) (Params, []byte, []byte, error) {
	parts := strings.Split(s, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return Params{}, nil, nil, errors.New("crypt: not an argon2id PHC string")
	}
	var v int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &v); err != nil || v != argon2.Version {
		return Params{}, nil, nil, fmt.Errorf("crypt: argon2 version %q", parts[2])
	}
	var p Params
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil {
		return Params{}, nil, nil, fmt.Errorf("crypt: argon2 params: %w", err)
	}
	if p.Memory < 8 || p.Memory > 1<<20 || p.Time < 1 || p.Time > 16 || p.Threads < 1 {
		return Params{}, nil, nil, fmt.Errorf("crypt: argon2 params out of range: %q", parts[3])
	}
	salt, err1 := b64.DecodeString(parts[4])
	hash, err2 := b64.DecodeString(parts[5])
	if err := errors.Join(err1, err2); err != nil || len(hash) != KeySize || len(salt) < 8 {
		return Params{}, nil, nil, errors.New("crypt: malformed salt or hash")
	}
	return p, salt, hash, nil
}
