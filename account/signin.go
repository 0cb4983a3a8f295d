package account

import (
	"context"
	"errors"
	"fmt"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/crypt"
)

// SignUp creates an account and signs it in. It returns the recovery key,
// which exists nowhere else: the caller shows it once and forgets it.
// Sign-ups are counted per network address, so one machine cannot fill
// the database or keep the password hashers busy.
func (s *Service) SignUp(ctx context.Context, username, password, address, device string) (*SignedIn, crypt.RecoveryKey, error) {
	name, nameErr := securebase.CanonicalUsername(username)
	var v securebase.Validation
	if nameErr != nil {
		v.Add("username", securebase.ErrorMessage(nameErr))
	}
	if err := s.policy.Check("password", password, name); err != nil {
		v.Add("password", securebase.ErrorMessage(err))
	}
	if err := v.Err(); err != nil {
		return nil, nil, err
	}
	if err := s.admitSignUp(ctx, address); err != nil {
		return nil, nil, err
	}
	pk, err := s.hash(ctx, name, func(ctx context.Context) (crypt.PasswordKey, error) { return s.hasher.Hash(ctx, password) })
	if err != nil {
		return nil, nil, err
	}
	raw, rk := crypt.NewKey(), crypt.NewRecoveryKey()
	u := &securebase.User{ID: newUserID(), Username: name, CreatedAt: s.now(), PasswordHash: pk.PHC}
	if err := s.wrapFor(u, raw, recipients{password: crypt.RecipientPublic(pk.KEK), recovery: crypt.RecipientPublic(rk.KEK())}); err != nil {
		return nil, nil, err
	}
	if err := s.users.CreateUser(ctx, u); err != nil {
		return nil, nil, err
	}
	in, err := s.startSession(ctx, u, raw, securebase.SessionBrowser, device, s.cfg.SessionLifetime, nil)
	if err != nil {
		return nil, nil, err
	}
	in.Known = s.knownValue(u)
	return in, rk, nil
}

// SignIn checks a username and password and starts a browser session.
// Attempts are counted before any hashing (limits.go), in the database,
// so the limits hold across instances and a flood of guesses costs the
// server almost nothing.
//
// An account from before key rotation is brought up to date here, with
// the password in hand: its data is resealed under a new key and it gets
// a new recovery key (the old one cannot be rewrapped without being
// typed), returned in SignedIn.RecoveryKey for the caller to show once.
func (s *Service) SignIn(ctx context.Context, username, password string, c Client) (*SignedIn, error) {
	name, nameErr := securebase.CanonicalUsername(username)
	var u *securebase.User
	var err error
	if nameErr == nil {
		u, err = s.users.FindUserByName(ctx, name)
		if securebase.ErrorCode(err) == securebase.ENOTFOUND {
			u, err = nil, nil
		}
		if err != nil {
			return nil, err
		}
	}
	release, err := s.admitSignIn(ctx, name, c.Address, u != nil && s.isKnown(u, c.Known))
	if err != nil {
		return nil, err
	}
	if u == nil {
		// Spend the same time as a real check, so timing tells nothing.
		if _, err := s.hash(ctx, name, func(ctx context.Context) (crypt.PasswordKey, error) {
			return crypt.PasswordKey{}, s.hasher.Waste(ctx, password)
		}); err != nil {
			return nil, err
		}
		return nil, errCredentials
	}
	pk, err := s.hash(ctx, name, func(ctx context.Context) (crypt.PasswordKey, error) {
		return s.hasher.Verify(ctx, password, u.PasswordHash)
	})
	if errors.Is(err, crypt.ErrMismatch) {
		return nil, errCredentials
	}
	if err != nil {
		return nil, err
	}
	raw, legacy, err := s.unlockWithPassword(u, pk.KEK)
	if err != nil {
		return nil, fmt.Errorf("unwrap data key of user %d: %w", u.ID, err)
	}
	release(ctx)
	var in *SignedIn
	switch {
	case legacy:
		in, err = s.upgrade(ctx, u, raw, pk, c.Device)
	case pk.NeedsRehash:
		if err := s.rehash(ctx, u, password, raw); err != nil {
			return nil, err
		}
		fallthrough
	default:
		in, err = s.startSession(ctx, u, raw, securebase.SessionBrowser, c.Device, s.cfg.SessionLifetime, nil)
	}
	if err != nil {
		return nil, err
	}
	in.Known = s.knownValue(u)
	return in, nil
}

// upgrade brings an account from before key rotation up to date, signed
// in with its password: a new data key, the data resealed in today's form,
// a new recovery key.
func (s *Service) upgrade(ctx context.Context, u *securebase.User, raw []byte, pk crypt.PasswordKey, device string) (*SignedIn, error) {
	old, err := oldActor(u, raw, true)
	if err != nil {
		return nil, err
	}
	rk := crypt.NewRecoveryKey()
	in, err := s.rekey(ctx, change{user: u, old: old, legacy: true, session: true, device: device,
		to: recipients{password: crypt.RecipientPublic(pk.KEK), recovery: crypt.RecipientPublic(rk.KEK())}})
	if err != nil {
		return nil, err
	}
	in.RecoveryKey = rk
	return in, nil
}

// rehash stores the password again under the current parameters, with
// the same data key: the password's recipient key changes with its salt.
func (s *Service) rehash(ctx context.Context, u *securebase.User, password string, raw []byte) error {
	pk, err := s.hash(ctx, u.Username, func(ctx context.Context) (crypt.PasswordKey, error) { return s.hasher.Hash(ctx, password) })
	if err != nil {
		return err
	}
	a, err := actor(u, raw)
	if err != nil {
		return err
	}
	to, err := openRecipients(u, a.Key)
	if err != nil {
		return err
	}
	to.password = crypt.RecipientPublic(pk.KEK)
	next := *u
	next.PasswordHash = pk.PHC
	if err := s.wrapFor(&next, raw, to); err != nil {
		return err
	}
	if err := s.users.UpdateWraps(ctx, &next); err != nil {
		return err
	}
	*u = next
	return nil
}

// Reset sets a new password for someone who has their recovery key but
// not their password. The data key is replaced, every session and token
// ends, and a new session starts. Password failures never block it: it
// has its own count per network address (limits.go), which bounds the
// server's work, not anyone's guesses at 160 random bits.
func (s *Service) Reset(ctx context.Context, username, recoveryKey, password string, c Client) (*SignedIn, error) {
	name, nameErr := securebase.CanonicalUsername(username)
	if err := s.policy.Check("password", password, name); err != nil {
		return nil, err
	}
	if err := s.admitRecovery(ctx, c.Address); err != nil {
		return nil, err
	}
	rk, ok := crypt.ParseRecoveryKey(recoveryKey)
	if nameErr != nil || !ok {
		return nil, errRecovery
	}
	u, err := s.users.FindUserByName(ctx, name)
	if securebase.ErrorCode(err) == securebase.ENOTFOUND {
		return nil, errRecovery
	}
	if err != nil {
		return nil, err
	}
	raw, legacy, err := s.unlockWithRecovery(u, rk)
	if err != nil {
		return nil, errRecovery
	}
	pk, err := s.hash(ctx, name, func(ctx context.Context) (crypt.PasswordKey, error) { return s.hasher.Hash(ctx, password) })
	if err != nil {
		return nil, err
	}
	old, err := oldActor(u, raw, legacy)
	if err != nil {
		return nil, err
	}
	in, err := s.rekey(ctx, change{user: u, old: old, legacy: legacy, phc: pk.PHC, session: true, device: c.Device,
		to: recipients{password: crypt.RecipientPublic(pk.KEK), recovery: crypt.RecipientPublic(rk.KEK())}})
	if err != nil {
		return nil, err
	}
	s.forgiveSignIns(ctx, name, c.Address)
	in.Known = s.knownValue(u)
	return in, nil
}
