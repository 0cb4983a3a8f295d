package account

import (
	"context"
	"errors"
	"fmt"
	"net/netip"

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
	n, err := s.limits.Hit(ctx, limitKey("signup-address", addressPrefix(address)), s.cfg.SignUpWindow, s.now())
	if err != nil {
		return nil, nil, err
	}
	if n > s.cfg.SignUpAttempts {
		return nil, nil, errSignUpLimited
	}
	pk, err := s.hash(ctx, func(ctx context.Context) (crypt.PasswordKey, error) { return s.hasher.Hash(ctx, password) })
	if err != nil {
		return nil, nil, err
	}
	raw, rk := crypt.NewKey(), crypt.NewRecoveryKey()
	u := &securebase.User{ID: newUserID(), Username: name, CreatedAt: s.now(), PasswordHash: pk.PHC}
	u.PasswordWrap = s.wrapper.Wrap(pk.KEK, raw, passwordAD(u.ID))
	u.RecoveryWrap = s.wrapper.Wrap(rk.KEK(), raw, recoveryAD(u.ID))
	if err := s.users.CreateUser(ctx, u); err != nil {
		return nil, nil, err
	}
	in, err := s.startSession(ctx, u, raw, securebase.SessionBrowser, device)
	return in, rk, err
}

// SignIn checks a username and password and starts a browser session.
// Attempts are counted per account and per address before any hashing,
// in the database, so the limits hold across instances and a flood of
// guesses costs the server almost nothing.
func (s *Service) SignIn(ctx context.Context, username, password, address, device string) (*SignedIn, error) {
	name, nameErr := securebase.CanonicalUsername(username)
	release, err := s.admit(ctx, name, address)
	if err != nil {
		return nil, err
	}
	var u *securebase.User
	if nameErr == nil {
		u, err = s.users.FindUserByName(ctx, name)
	}
	if nameErr != nil || securebase.ErrorCode(err) == securebase.ENOTFOUND {
		// Spend the same time as a real check, so timing tells nothing.
		if err := s.hasher.Waste(ctx, password); err != nil {
			return nil, errBusy
		}
		return nil, errCredentials
	}
	if err != nil {
		return nil, err
	}
	pk, err := s.hash(ctx, func(ctx context.Context) (crypt.PasswordKey, error) {
		return s.hasher.Verify(ctx, password, u.PasswordHash)
	})
	if errors.Is(err, crypt.ErrMismatch) {
		return nil, errCredentials
	}
	if err != nil {
		return nil, err
	}
	_, raw, err := s.wrapper.Unwrap(pk.KEK, u.PasswordWrap, passwordAD(u.ID))
	if err != nil {
		return nil, fmt.Errorf("unwrap data key of user %d: %w", u.ID, err)
	}
	release(ctx)
	if pk.NeedsRehash {
		if err := s.rehash(ctx, u, password, raw); err != nil {
			return nil, err
		}
	}
	return s.startSession(ctx, u, raw, securebase.SessionBrowser, device)
}

// rehash stores the password again under the current parameters.
func (s *Service) rehash(ctx context.Context, u *securebase.User, password string, raw []byte) error {
	pk, err := s.hash(ctx, func(ctx context.Context) (crypt.PasswordKey, error) { return s.hasher.Hash(ctx, password) })
	if err != nil {
		return err
	}
	u.PasswordHash = pk.PHC
	u.PasswordWrap = s.wrapper.Wrap(pk.KEK, raw, passwordAD(u.ID))
	return s.users.UpdateWraps(ctx, u)
}

// Reset sets a new password for someone who has their recovery key but
// not their password. Every session and token ends; a new one starts.
func (s *Service) Reset(ctx context.Context, username, recoveryKey, password, address, device string) (*SignedIn, error) {
	name, nameErr := securebase.CanonicalUsername(username)
	if err := s.policy.Check("password", password, name); err != nil {
		return nil, err
	}
	release, err := s.admit(ctx, name, address)
	if err != nil {
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
	_, raw, err := s.wrapper.Unwrap(rk.KEK(), u.RecoveryWrap, recoveryAD(u.ID))
	if err != nil {
		return nil, errRecovery
	}
	release(ctx)
	if err := s.setPassword(ctx, u, password, raw); err != nil {
		return nil, err
	}
	return s.startSession(ctx, u, raw, securebase.SessionBrowser, device)
}

// setPassword hashes a new password, rewraps the data key under it and
// ends every session and token of the user.
func (s *Service) setPassword(ctx context.Context, u *securebase.User, password string, raw []byte) error {
	pk, err := s.hash(ctx, func(ctx context.Context) (crypt.PasswordKey, error) { return s.hasher.Hash(ctx, password) })
	if err != nil {
		return err
	}
	u.PasswordHash = pk.PHC
	u.PasswordWrap = s.wrapper.Wrap(pk.KEK, raw, passwordAD(u.ID))
	return s.users.UpdateCredentials(ctx, u)
}

var errSignUpLimited = securebase.Errorf(securebase.ELIMITED,
	"Many accounts have been made from this network in the last hour. Wait a while and try again.")

var errLimited = securebase.Errorf(securebase.ELIMITED,
	"There have been too many attempts to sign in to this account or from this network. Wait 15 minutes and try again. If you've lost your password, your recovery key can reset it.")

// admit counts one attempt for the account and the address and refuses
// when either is over its limit. The returned release is called after a
// correct answer: it forgives the address its attempt and clears the
// account's count, so people who sign in often are never locked out.
func (s *Service) admit(ctx context.Context, name, address string) (release func(context.Context), err error) {
	now := s.now()
	addrKey := limitKey("signin-address", addressPrefix(address))
	acctKey := limitKey("signin-account", name)
	n, err := s.limits.Hit(ctx, addrKey, s.cfg.AttemptWindow, now)
	if err != nil {
		return nil, err
	}
	if n > s.cfg.AddressAttempts {
		return nil, errLimited
	}
	if n, err = s.limits.Hit(ctx, acctKey, s.cfg.AttemptWindow, now); err != nil {
		return nil, err
	}
	if n > s.cfg.AccountAttempts {
		return nil, errLimited
	}
	return func(ctx context.Context) {
		// Best effort: a failure here only leaves a count to expire.
		_ = s.limits.Forgive(ctx, addrKey)
		_ = s.limits.Reset(ctx, acctKey)
	}, nil
}

// addressPrefix groups IPv6 addresses by /64, the block one household or
// device usually holds, so rotating through a block does not evade the
// limit. Unparseable addresses share one bucket.
func addressPrefix(address string) string {
	ip, err := netip.ParseAddr(address)
	if err != nil {
		return "unknown"
	}
	if ip.Is4() || ip.Is4In6() {
		return ip.Unmap().String()
	}
	p, _ := ip.Prefix(64)
	return p.String()
}
