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
	"crypto/hmac"
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
	TokenLifetime   time.Duration // an access token's lifetime unless the person chooses another

	// Sign-in limits (limits.go). AccountAttempts bounds the attempts of
	// one network address at one account per window; past it, attempts
	// at the account from browsers it has not seen sign in slow to one
	// per AccountBackoff (never a wall). AddressAttempts bounds one
	// address across all accounts.
	AccountAttempts int
	AddressAttempts int
	AttemptWindow   time.Duration // the window for the counts above
	AccountBackoff  time.Duration
	// RecoveryAttempts bounds recovery-key resets per network address per
	// AttemptWindow: work for the server, not a guessing limit (a
	// 160-bit key needs none), and apart from password failures.
	RecoveryAttempts int
	// CheckAttempts bounds checks of the current password per signed-in
	// session per AttemptWindow (change password, new recovery key,
	// account deletion).
	CheckAttempts  int
	SignUpAttempts int // accounts made per network address per SignUpWindow
	SignUpWindow   time.Duration
	HashWait       time.Duration // how long a sign-in may wait for a hashing slot
}

// DefaultConfig is what the binary uses unless told otherwise.
func DefaultConfig() Config {
	return Config{
		IdleTimeout:      14 * 24 * time.Hour,
		SessionLifetime:  60 * 24 * time.Hour,
		TouchEvery:       5 * time.Minute,
		TokenLifetime:    90 * 24 * time.Hour,
		AccountAttempts:  10,
		AddressAttempts:  50,
		AttemptWindow:    15 * time.Minute,
		AccountBackoff:   time.Minute,
		RecoveryAttempts: 20,
		CheckAttempts:    5,
		SignUpAttempts:   20,
		SignUpWindow:     time.Hour,
		HashWait:         10 * time.Second,
	}
}

// Service is the account service. Build it with New.
type Service struct {
	users    securebase.UserService
	sessions securebase.SessionService
	limits   securebase.LimitService
	links    securebase.LinkService // nil: linked partners are off (partnerlink.go)
	hasher   *crypt.Hasher
	wrapper  *crypt.Wrapper
	policy   *securebase.PasswordPolicy
	now      securebase.Clock
	cfg      Config

	touching sync.Map       // session id (string) → struct{}: a touch in flight
	touches  sync.WaitGroup // touches in flight, for Wait

	hashMu  sync.Mutex
	hashing map[string]chan struct{} // account → closed when its hash ends

	secretMu sync.Mutex
	secret   limitSecret // the current period's rate-limit secret

	onHash func(account string) (done func()) // a test's view of hashes starting; nil in the binary
}

// Deps are what the Service needs; all are required.
type Deps struct {
	Users    securebase.UserService
	Sessions securebase.SessionService
	Limits   securebase.LimitService
	// Links stores linked partners (F7); optional: without it, linking
	// answers that it is not available.
	Links   securebase.LinkService
	Hasher  *crypt.Hasher
	Wrapper *crypt.Wrapper
	Policy  *securebase.PasswordPolicy
	Clock   securebase.Clock
}

// New returns a Service.
func New(d Deps, cfg Config) *Service {
	return &Service{users: d.Users, sessions: d.Sessions, limits: d.Limits, links: d.Links, hasher: d.Hasher,
		wrapper: d.Wrapper, policy: d.Policy, now: d.Clock, cfg: cfg, hashing: map[string]chan struct{}{}}
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
	// Known is the value of the known-browser cookie (known.go) to set,
	// or "" when there is none to set.
	Known string
	// RecoveryKey is a new recovery key to show once, when the sign-in
	// had to make one (an account brought up to date); else nil.
	RecoveryKey crypt.RecoveryKey
}

// Client is what a sign-in knows about who is asking: their network
// address (for limits), a device summary (the session's label) and the
// known-browser cookie they sent, if any.
type Client struct {
	Address string
	Device  string
	Known   string
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

// wrap ADs bind each wrapped copy of the data key to its user, purpose
// and key epoch, so a wrap of an older key put back over a newer one (or
// a session relabelled with a newer epoch) does not open. The version
// field carries the epoch, counted from 1.
func passwordAD(userID, epoch int64) []byte {
	return securebase.AD(userID, "users.password_wrap", strconv.FormatInt(userID, 10), int(epoch+1))
}

func recoveryAD(userID, epoch int64) []byte {
	return securebase.AD(userID, "users.recovery_wrap", strconv.FormatInt(userID, 10), int(epoch+1))
}

func recipientsAD(userID, epoch int64) []byte {
	return securebase.AD(userID, "users.recipients", strconv.FormatInt(userID, 10), int(epoch+1))
}

// legacyAD is the AD of a wrap made by the first release, before epochs.
func legacyAD(userID int64, table string) []byte {
	return securebase.AD(userID, table, strconv.FormatInt(userID, 10), 1)
}

func sessionAD(userID int64, id []byte, epoch int64) []byte {
	return securebase.AD(userID, "sessions.key_wrap", hex.EncodeToString(id), int(epoch+1))
}

// newUserID returns a random positive id below 2^53, so it survives any
// JSON number reader.
func newUserID() int64 {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return int64(binary.BigEndian.Uint64(b[:])>>11) | 1
}

// hash runs a password hash for one account, waiting at most HashWait in
// all. Each account has at most one hash running at a time (others for
// it wait their turn without holding a hashing slot), so one account
// under a flood of guesses cannot fill every slot and make everyone
// else's sign-in wait.
func (s *Service) hash(ctx context.Context, account string, fn func(ctx context.Context) (crypt.PasswordKey, error)) (crypt.PasswordKey, error) {
	ctx, cancel := context.WithTimeout(ctx, s.cfg.HashWait)
	defer cancel()
	release, err := s.oneAtATime(ctx, account)
	if err != nil {
		return crypt.PasswordKey{}, err
	}
	defer release()
	if s.onHash != nil {
		defer s.onHash(account)()
	}
	pk, err := fn(ctx)
	if errors.Is(err, crypt.ErrBusy) {
		return pk, errBusy
	}
	return pk, err
}

// oneAtATime waits until no hash runs for account, then claims it.
func (s *Service) oneAtATime(ctx context.Context, account string) (release func(), err error) {
	for {
		s.hashMu.Lock()
		busy, taken := s.hashing[account]
		if !taken {
			done := make(chan struct{})
			s.hashing[account] = done
			s.hashMu.Unlock()
			return func() {
				s.hashMu.Lock()
				delete(s.hashing, account)
				s.hashMu.Unlock()
				close(done)
			}, nil
		}
		s.hashMu.Unlock()
		select {
		case <-busy:
		case <-ctx.Done():
			return nil, errBusy
		}
	}
}

// startSession makes a new session secret for a user whose data key is
// raw (of key epoch u.KeyEpoch), stores it, and returns the signed-in
// principal. A token names the session it is made from (parent): it is
// stored only while that session exists. The store refuses the session
// if the epoch is no longer current: credentials changed meanwhile.
func (s *Service) startSession(ctx context.Context, u *securebase.User, raw []byte, kind, label string, lifetime time.Duration, parent []byte) (*SignedIn, error) {
	a, err := actor(u, raw)
	if err != nil {
		return nil, err
	}
	sess, secret := s.newSession(u, raw, kind, label, lifetime)
	sess.Parent = parent
	if err := s.sessions.CreateSession(ctx, a, sess); err != nil {
		return nil, fmt.Errorf("create session: %w", err)
	}
	if err := u.OpenPrefs(a.Key); err != nil {
		return nil, err
	}
	return &SignedIn{Principal: &Principal{User: u, Session: sess, Actor: a, raw: raw}, Secret: secret}, nil
}

// newSession makes a session row (not yet stored) for a user whose data
// key is raw, at the user's key epoch.
func (s *Service) newSession(u *securebase.User, raw []byte, kind, label string, lifetime time.Duration) (*securebase.Session, crypt.Secret) {
	secret := crypt.NewSecret()
	now := s.now()
	sess := &securebase.Session{ID: secret.ID(), UserID: u.ID, Kind: kind, CreatedAt: now, LastSeenAt: now,
		ExpiresAt: now.Add(lifetime), KeyEpoch: u.KeyEpoch, Label: label,
		KeyWrap: s.wrapper.Wrap(secret.KEK(), raw, sessionAD(u.ID, secret.ID(), u.KeyEpoch))}
	if kind == securebase.SessionToken {
		sess.LastSeenAt = time.Time{} // not used yet
	}
	return sess, secret
}

// actor is the user acting with data key raw at their current epoch.
func actor(u *securebase.User, raw []byte) (securebase.Actor, error) {
	dk, err := crypt.NewDataKey(raw)
	if err != nil {
		return securebase.Actor{}, err
	}
	return securebase.Actor{UserID: u.ID, Key: dk, Epoch: u.KeyEpoch}, nil
}

// limitSecret is one period's secret, bound to the instance key.
type limitSecret struct {
	period string
	key    []byte
}

// limitKey names a rate-limit counter by a keyed hash of what it counts
// (a username, an address, a pair of them), never the values themselves.
// The key is a random secret of the day, shared by every instance through
// the database and mixed with the instance key when there is one; the
// sweep deletes past days' secrets, after which their counters' names
// mean nothing even to someone holding the database. A new day starts
// every count afresh.
func (s *Service) limitKey(ctx context.Context, kind string, values ...string) (string, error) {
	period := s.now().UTC().Format("2006-01-02")
	s.secretMu.Lock()
	sec := s.secret
	s.secretMu.Unlock()
	if sec.period != period {
		raw, err := s.limits.LimitSecret(ctx, period, s.now())
		if err != nil {
			return "", err
		}
		sec = limitSecret{period: period, key: s.wrapper.Mix(raw)}
		s.secretMu.Lock()
		s.secret = sec
		s.secretMu.Unlock()
	}
	m := hmac.New(sha256.New, sec.key)
	m.Write([]byte(kind))
	for _, v := range values {
		m.Write([]byte{0})
		m.Write([]byte(v))
	}
	return kind + ":" + hex.EncodeToString(m.Sum(nil)[:16]), nil
}

// UpdatePrefs seals and stores new preferences.
func (s *Service) UpdatePrefs(ctx context.Context, p *Principal, prefs securebase.Prefs) error {
	if err := s.users.UpdatePrefs(ctx, p.Actor, prefs); err != nil {
		return err
	}
	p.User.Prefs = prefs
	return nil
}
