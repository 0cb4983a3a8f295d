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

// checkPassword verifies the principal's current password.
func (s *Service) checkPassword(ctx context.Context, p *Principal, password string) error {
	_, err := s.hash(ctx, func(ctx context.Context) (crypt.PasswordKey, error) {
		return s.hasher.Verify(ctx, password, p.User.PasswordHash)
	})
	if errors.Is(err, crypt.ErrMismatch) {
		return errCurrentPassword
	}
	return err
}

// ChangePassword sets a new password after checking the current one.
// Every session and token ends, as after a reset; the caller gets a fresh
// session for the browser that asked.
func (s *Service) ChangePassword(ctx context.Context, p *Principal, current, next, device string) (*SignedIn, error) {
	if err := s.policy.Check("password", next, p.User.Username); err != nil {
		return nil, err
	}
	if err := s.checkPassword(ctx, p, current); err != nil {
		return nil, err
	}
	if err := s.setPassword(ctx, p.User, next, p.raw); err != nil {
		return nil, err
	}
	return s.startSession(ctx, p.User, p.raw, securebase.SessionBrowser, device)
}

// NewRecoveryKey replaces the recovery key after checking the password;
// the old key stops working at once.
func (s *Service) NewRecoveryKey(ctx context.Context, p *Principal, password string) (crypt.RecoveryKey, error) {
	if err := s.checkPassword(ctx, p, password); err != nil {
		return nil, err
	}
	rk := crypt.NewRecoveryKey()
	u := p.User
	u.RecoveryWrap = s.wrapper.Wrap(rk.KEK(), p.raw, recoveryAD(u.ID))
	if err := s.users.UpdateWraps(ctx, u); err != nil {
		return nil, err
	}
	return rk, nil
}

// DeleteAccount deletes the account and everything in it, once the person
// has typed their username to confirm. There is no undo and no copy.
func (s *Service) DeleteAccount(ctx context.Context, p *Principal, confirm string) error {
	name, err := securebase.CanonicalUsername(confirm)
	if err != nil || name != p.User.Username {
		return securebase.FieldError("confirm", "Type your username exactly to confirm. Nothing has been deleted.")
	}
	if err := s.users.DeleteUser(ctx, p.User.ID); err != nil {
		return err
	}
	_ = s.limits.Reset(ctx, limitKey("signin-account", name)) // it would expire anyway
	return nil
}
