package account

import (
	"context"
	"errors"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/crypt"
)

var errCurrentPassword = &securebase.Error{Code: securebase.EUNAUTHORIZED,
	Message: "Your current password doesn't match. Try typing it again.",
	Fields:  map[string]string{"current": "This doesn't match your current password."}}

// checkPassword verifies the principal's current password, counted per
// session (limits.go) and one hash at a time for the account. It returns
// the password's key-encryption key.
func (s *Service) checkPassword(ctx context.Context, p *Principal, password string) (crypt.PasswordKey, error) {
	release, err := s.admitCheck(ctx, p)
	if err != nil {
		return crypt.PasswordKey{}, err
	}
	pk, err := s.hash(ctx, p.User.Username, func(ctx context.Context) (crypt.PasswordKey, error) {
		return s.hasher.Verify(ctx, password, p.User.PasswordHash)
	})
	if errors.Is(err, crypt.ErrMismatch) {
		return pk, errCurrentPassword
	}
	if err == nil {
		release(ctx)
	}
	return pk, err
}

// ChangePassword sets a new password after checking the current one. The
// data key is replaced and every session and token ends, as after a
// reset; the caller gets a fresh session for the browser that asked.
func (s *Service) ChangePassword(ctx context.Context, p *Principal, current, next, device string) (*SignedIn, error) {
	if err := s.policy.Check("password", next, p.User.Username); err != nil {
		return nil, err
	}
	if _, err := s.checkPassword(ctx, p, current); err != nil {
		return nil, err
	}
	to, err := openRecipients(p.User, p.Actor.Key)
	if err != nil {
		return nil, err
	}
	pk, err := s.hash(ctx, p.User.Username, func(ctx context.Context) (crypt.PasswordKey, error) { return s.hasher.Hash(ctx, next) })
	if err != nil {
		return nil, err
	}
	to.password = crypt.RecipientPublic(pk.KEK)
	in, err := s.rekey(ctx, change{user: p.User, old: p.Actor, to: to, phc: pk.PHC, session: true, device: device})
	if err != nil {
		return nil, err
	}
	in.Known = s.knownValue(in.User)
	return in, nil
}

// NewRecoveryKey replaces the recovery key after checking the password.
// The data key is replaced too (so the old key and any copy of the
// database open nothing written from now on), every other session and
// token ends, and the browser that asked gets a fresh session.
func (s *Service) NewRecoveryKey(ctx context.Context, p *Principal, password, device string) (crypt.RecoveryKey, *SignedIn, error) {
	pk, err := s.checkPassword(ctx, p, password)
	if err != nil {
		return nil, nil, err
	}
	rk := crypt.NewRecoveryKey()
	in, err := s.rekey(ctx, change{user: p.User, old: p.Actor, session: true, device: device,
		to: recipients{password: crypt.RecipientPublic(pk.KEK), recovery: crypt.RecipientPublic(rk.KEK())}})
	if err != nil {
		return nil, nil, err
	}
	return rk, in, nil
}

// DeleteAccount deletes the account and everything in it, once the person
// has given their password: a cookie alone (a borrowed phone, a stolen
// session) is not enough. There is no undo and no copy.
func (s *Service) DeleteAccount(ctx context.Context, p *Principal, password string) error {
	if password == "" {
		return securebase.FieldError("password", "Type your password to confirm. Nothing has been deleted.")
	}
	if _, err := s.checkPassword(ctx, p, password); err != nil {
		var e *securebase.Error
		if errors.As(err, &e) && e.Code == securebase.EUNAUTHORIZED {
			return &securebase.Error{Code: e.Code, Message: "That password doesn't match, so nothing has been deleted. Try typing it again.",
				Fields: map[string]string{"password": "This doesn't match your password."}}
		}
		return err
	}
	return s.users.DeleteUser(ctx, p.User.ID)
}
