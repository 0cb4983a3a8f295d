// Package account signs people up and in, and keeps their data key behind
// what only they hold: their password, their recovery key, and the secret
// of each signed-in browser or access token.
//
// It joins crypt (how keys are made and wrapped) to the store interfaces of
// package securebase (where the wrapped keys live), so neither the HTTP
// layer nor the database ever handles a password or an unwrapped key
// beyond the one request that needs it.
package account

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/crypt"
)

// Config holds session lifetimes and sign-in limits.
type Config struct {
	IdleTimeout     time.Duration // a browser session unused this long ends
	SessionLifetime time.Duration // a browser session ends this long after sign-in
	TouchEvery      time.Duration // last-seen stamps are written at most this often

	AccountAttempts int           // sign-in attempts per account per window
	AddressAttempts int           // sign-in attempts per network address per window
	AttemptWindow   time.Duration // the window for both
	SignUpAttempts  int           // accounts made per network address per SignUpWindow
	SignUpWindow    time.Duration
	HashWait        time.Duration // how long a sign-in may wait for a hashing slot
}

// DefaultConfig is what the binary uses unless told otherwise.
func DefaultConfig() Config {
	return Config{
		IdleTimeout:     14 * 24 * time.Hour,
		SessionLifetime: 60 * 24 * time.Hour,
		TouchEvery:      5 * time.Minute,
		AccountAttempts: 10,
		AddressAttempts: 50,
		AttemptWindow:   15 * time.Minute,
		SignUpAttempts:  20,
		SignUpWindow:    time.Hour,
		HashWait:        10 * time.Second,
	}
}

// Service is the account service. Build it with New.
type Service struct {
	users    securebase.UserService
	sessions securebase.SessionService
	limits   securebase.LimitService
	hasher   *crypt.Hasher
	wrapper  *crypt.Wrapper
	policy   *securebase.PasswordPolicy
	now      securebase.Clock
	cfg      Config

	touching sync.Map // session id (string) → struct{}: a touch in flight
}

// Deps are what the Service needs; all are required.
type Deps struct {
	Users    securebase.UserService
	Sessions securebase.SessionService
	Limits   securebase.LimitService
	Hasher   *crypt.Hasher
	Wrapper  *crypt.Wrapper
	Policy   *securebase.PasswordPolicy
	Clock    securebase.Clock
}

// New returns a Service.
func New(d Deps, cfg Config) *Service {
	return &Service{users: d.Users, sessions: d.Sessions, limits: d.Limits, hasher: d.Hasher,
		wrapper: d.Wrapper, policy: d.Policy, now: d.Clock, cfg: cfg}
}

// Config returns the service's configuration.
func (s *Service) Config() Config { return s.cfg }

// Principal is a person acting through an unlocked session or token.
type Principal struct {
	User    *securebase.User
	Session *securebase.Session
	Actor   securebase.Actor

	raw []byte // the data key's bytes, to wrap it anew (tokens, new recovery key)
}

// SignedIn is a new session: the principal and the secret for its cookie.
type SignedIn struct {
	*Principal
	Secret crypt.Secret
}

// The messages of failed sign-ins are deliberately the same whatever was
// wrong, so they never tell whether an account exists.
var (
	errCredentials = securebase.Errorf(securebase.EUNAUTHORIZED, "That username and password don't match. Check both and try again.")
	errRecovery    = &securebase.Error{Code: securebase.EUNAUTHORIZED,
		Message: "That username and recovery key don't match. Check both and try again.",
		Fields:  map[string]string{"recovery_key": "Check the recovery key; it is 32 letters and digits, dashes optional."}}
	errBusy = securebase.Errorf(securebase.EUNAVAILABLE, "Many people are signing in right now. Wait a moment and try again.")
)

// wrap ADs bind each wrapped copy of the data key to its user and purpose.
func passwordAD(userID int64) []byte {
	return securebase.AD(userID, "users.password_wrap", strconv.FormatInt(userID, 10), 1)
}

func recoveryAD(userID int64) []byte {
	return securebase.AD(userID, "users.recovery_wrap", strconv.FormatInt(userID, 10), 1)
}

func sessionAD(userID int64, id []byte) []byte {
	return securebase.AD(userID, "sessions.key_wrap", hex.EncodeToString(id), 1)
}

// newUserID returns a random positive id below 2^53, so it survives any
// JSON number reader.
func newUserID() int64 {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return int64(binary.BigEndian.Uint64(b[:])>>11) | 1
}

// hash runs the password hash, waiting at most HashWait for a slot.
func (s *Service) hash(ctx context.Context, fn func(ctx context.Context) (crypt.PasswordKey, error)) (crypt.PasswordKey, error) {
	ctx, cancel := context.WithTimeout(ctx, s.cfg.HashWait)
	defer cancel()
	pk, err := fn(ctx)
	if errors.Is(err, crypt.ErrBusy) {
		return pk, errBusy
	}
	return pk, err
}

// startSession makes a new session secret for a user whose data key is
// raw, stores it, and returns the signed-in principal.
func (s *Service) startSession(ctx context.Context, u *securebase.User, raw []byte, kind, label string) (*SignedIn, error) {
	dk, err := crypt.NewDataKey(raw)
	if err != nil {
		return nil, err
	}
	secret := crypt.NewSecret()
	now := s.now()
	sess := &securebase.Session{ID: secret.ID(), UserID: u.ID, Kind: kind, CreatedAt: now, LastSeenAt: now,
		KeyWrap: s.wrapper.Wrap(secret.KEK(), raw, sessionAD(u.ID, secret.ID())), Label: label}
	if kind == securebase.SessionBrowser {
		sess.ExpiresAt = now.Add(s.cfg.SessionLifetime)
	}
	a := securebase.Actor{UserID: u.ID, Key: dk}
	if err := s.sessions.CreateSession(ctx, a, sess); err != nil {
		return nil, fmt.Errorf("create session: %w", err)
	}
	if err := u.OpenPrefs(dk); err != nil {
		return nil, err
	}
	return &SignedIn{Principal: &Principal{User: u, Session: sess, Actor: a, raw: raw}, Secret: secret}, nil
}

// limitKey names a rate-limit counter without storing the username or
// address itself.
func limitKey(kind, value string) string {
	h := sha256.Sum256([]byte(kind + "\x00" + value))
	return kind + ":" + hex.EncodeToString(h[:16])
}

// UpdatePrefs seals and stores new preferences.
func (s *Service) UpdatePrefs(ctx context.Context, p *Principal, prefs securebase.Prefs) error {
	if err := s.users.UpdatePrefs(ctx, p.Actor, prefs); err != nil {
		return err
	}
	p.User.Prefs = prefs
	return nil
}
