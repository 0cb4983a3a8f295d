package account

import (
	"context"
	"encoding/hex"
	"net/netip"

	"github.com/securebase/securebase"
)

// Limits on guessing, and why they have this shape.
//
// Password sign-ins are counted before any hashing, in the database (so
// they hold across instances), under names that are keyed hashes
// (limitKey), three ways:
//
//   - per network address (AddressAttempts): one machine guessing at many
//     accounts;
//   - per account *and* address (AccountAttempts): one machine guessing at
//     one account. A wall, but only for that pair, so wrong passwords from
//     someone else's network never stop the owner on theirs;
//   - per account, from browsers the account has not seen sign in
//     (AccountAttempts again): past it, such attempts slow to one per
//     AccountBackoff for the whole account. That bounds guessing spread
//     over many networks without a wall: the owner's usual browser
//     (known.go) is never slowed, and a new browser waits a minute at most
//     per try.
//
// A reset with the recovery key has its own count per address
// (RecoveryAttempts) and none per account: 160 random bits need no
// guessing limit, so password failures, or anyone's flood of wrong keys,
// can never block the owner's reset. The count bounds the server's work.
//
// A check of the current password while signed in (change password, new
// recovery key, deleting the account) is counted per session
// (CheckAttempts): a stolen cookie cannot guess at the password without
// end, and the owner's own session has its own count.

var (
	errLimited = securebase.Errorf(securebase.ELIMITED,
		"There have been too many attempts to sign in from this network. Wait 15 minutes and try again. If you've lost your password, your recovery key can reset it.")
	errSlowed = securebase.Errorf(securebase.ELIMITED,
		"There have been many attempts to sign in to this account lately, so we're taking them slowly. Wait a minute and try again. Signing in from a browser you've used here before isn't slowed, and your recovery key always works.")
	errRecoveryLimited = securebase.Errorf(securebase.ELIMITED,
		"There have been many recovery attempts from this network. Wait 15 minutes and try again.")
	errCheckLimited = &securebase.Error{Code: securebase.ELIMITED,
		Message: "That's several tries at your current password. Wait 15 minutes and try again. If it's gone from memory, sign out and set a new one with your recovery key.",
		Fields:  map[string]string{"current": "Wait 15 minutes before trying again."}}
	errSignUpLimited = securebase.Errorf(securebase.ELIMITED,
		"Many accounts have been made from this network in the last hour. Wait a while and try again.")
)

// hit counts one attempt under a keyed name and returns the count.
func (s *Service) hit(ctx context.Context, kind string, values ...string) (key string, n int, err error) {
	if key, err = s.limitKey(ctx, kind, values...); err != nil {
		return "", 0, err
	}
	n, err = s.limits.Hit(ctx, key, s.cfg.AttemptWindow, s.now())
	return key, n, err
}

// admitSignIn counts one password attempt at the account name from
// address, and refuses it when a limit says so. known says the browser
// has signed in to this account before. The returned release is called
// after a correct password: it takes this attempt back.
func (s *Service) admitSignIn(ctx context.Context, name, address string, known bool) (release func(context.Context), err error) {
	addr := addressPrefix(address)
	addrKey, n, err := s.hit(ctx, "signin-address", addr)
	if err != nil {
		return nil, err
	}
	if n > s.cfg.AddressAttempts {
		return nil, errLimited
	}
	pairKey, n, err := s.hit(ctx, "signin-pair", name, addr)
	if err != nil {
		return nil, err
	}
	if n > s.cfg.AccountAttempts {
		return nil, errLimited
	}
	var acctKey string
	if !known {
		if acctKey, n, err = s.hit(ctx, "signin-account", name); err != nil {
			return nil, err
		}
		if n > s.cfg.AccountAttempts {
			slowKey, err := s.limitKey(ctx, "signin-slow", name)
			if err != nil {
				return nil, err
			}
			if m, err := s.limits.Hit(ctx, slowKey, s.cfg.AccountBackoff, s.now()); err != nil {
				return nil, err
			} else if m > 1 {
				return nil, errSlowed
			}
		}
	}
	return func(ctx context.Context) {
		// Best effort: a failure here only leaves a count to expire.
		_ = s.limits.Forgive(ctx, addrKey)
		_ = s.limits.Reset(ctx, pairKey)
		if acctKey != "" {
			_ = s.limits.Forgive(ctx, acctKey)
		}
	}, nil
}

// forgiveSignIns clears the password counts of the pair after a reset with
// the recovery key: the owner has shown who they are.
func (s *Service) forgiveSignIns(ctx context.Context, name, address string) {
	if key, err := s.limitKey(ctx, "signin-pair", name, addressPrefix(address)); err == nil {
		_ = s.limits.Reset(ctx, key)
	}
}

// admitRecovery counts one recovery-key attempt from address.
func (s *Service) admitRecovery(ctx context.Context, address string) error {
	_, n, err := s.hit(ctx, "recovery-address", addressPrefix(address))
	if err != nil {
		return err
	}
	if n > s.cfg.RecoveryAttempts {
		return errRecoveryLimited
	}
	return nil
}

// admitCheck counts one check of the current password by a session. The
// returned release clears the count after a correct password.
func (s *Service) admitCheck(ctx context.Context, p *Principal) (release func(context.Context), err error) {
	key, n, err := s.hit(ctx, "check-session", hex.EncodeToString(p.Session.ID))
	if err != nil {
		return nil, err
	}
	if n > s.cfg.CheckAttempts {
		return nil, errCheckLimited
	}
	return func(ctx context.Context) { _ = s.limits.Reset(ctx, key) }, nil
}

// admitSignUp counts one sign-up from address.
func (s *Service) admitSignUp(ctx context.Context, address string) error {
	key, err := s.limitKey(ctx, "signup-address", addressPrefix(address))
	if err != nil {
		return err
	}
	n, err := s.limits.Hit(ctx, key, s.cfg.SignUpWindow, s.now())
	if err != nil {
		return err
	}
	if n > s.cfg.SignUpAttempts {
		return errSignUpLimited
	}
	return nil
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
