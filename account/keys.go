package account

import (
	"context"
	"errors"
	"fmt"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/crypt"
)

// A person's data key is wrapped to two recipients (crypt/recipient.go):
// their password and their recovery key. The two public keys are kept in
// users.recipients, sealed under the data key, so a credential change can
// wrap a new data key to whichever recipient it does not replace.
//
// Every credential change replaces the data key (rekey): a password
// change, a reset with the recovery key, "sign out everywhere" and a new
// recovery key. The entries and prefs are resealed under the new key, in
// the transaction that stores it, and every session and token ends, so a
// secret that was good before the change, with any copy of the database
// from before it, opens nothing written after it.

// recipients are the public keys the data key is wrapped to.
type recipients struct {
	password, recovery []byte
}

// openRecipients reads the recipients of u with its data key.
func openRecipients(u *securebase.User, key securebase.Sealer) (recipients, error) {
	plain, err := key.Open(u.Recipients, recipientsAD(u.ID, u.KeyEpoch))
	if err != nil || len(plain) != 2*crypt.RecipientSize {
		return recipients{}, fmt.Errorf("open recipients of user %d: %w", u.ID, errors.Join(err, crypt.ErrOpen))
	}
	return recipients{password: plain[:crypt.RecipientSize], recovery: plain[crypt.RecipientSize:]}, nil
}

// wrapFor fills u's wraps and recipients for data key raw at u.KeyEpoch.
func (s *Service) wrapFor(u *securebase.User, raw []byte, to recipients) error {
	dk, err := crypt.NewDataKey(raw)
	if err != nil {
		return err
	}
	if u.PasswordWrap, err = s.wrapper.WrapTo(to.password, raw, passwordAD(u.ID, u.KeyEpoch)); err != nil {
		return err
	}
	if u.RecoveryWrap, err = s.wrapper.WrapTo(to.recovery, raw, recoveryAD(u.ID, u.KeyEpoch)); err != nil {
		return err
	}
	u.Recipients = dk.Seal(append(append([]byte(nil), to.password...), to.recovery...), recipientsAD(u.ID, u.KeyEpoch))
	return nil
}

// change is one credential change: the person as they are (old key, at
// its epoch), the recipients of the new key, a new password hash if the
// password changes, and whether a new browser session starts for the
// person who asked.
type change struct {
	user    *securebase.User
	old     securebase.Actor
	legacy  bool // old's data is in the first release's form
	to      recipients
	phc     string // a new PHC string, or "" to keep the current one
	session bool
	device  string
}

// rekey replaces the data key as c says, in one store transaction, and
// returns the new browser session if c asked for one (else nil). The
// user value is updated only once the store has committed.
func (s *Service) rekey(ctx context.Context, c change) (*SignedIn, error) {
	raw := crypt.NewKey()
	next := *c.user
	next.KeyEpoch = c.old.Epoch + 1
	if c.phc != "" {
		next.PasswordHash = c.phc
	}
	if err := s.wrapFor(&next, raw, c.to); err != nil {
		return nil, err
	}
	newActor, err := actor(&next, raw)
	if err != nil {
		return nil, err
	}
	r := &securebase.Rekey{Old: c.old, New: newActor, User: &next, Legacy: c.legacy}
	var secret crypt.Secret
	if c.session {
		r.Session, secret = s.newSession(&next, raw, securebase.SessionBrowser, c.device, s.cfg.SessionLifetime)
	}
	if err := s.users.RekeyUser(ctx, r); err != nil {
		return nil, err
	}
	*c.user = next
	if !c.session {
		return nil, nil
	}
	if err := c.user.OpenPrefs(newActor.Key); err != nil {
		return nil, err
	}
	return &SignedIn{Principal: &Principal{User: c.user, Session: r.Session, Actor: newActor, raw: raw}, Secret: secret}, nil
}

// unlockWithPassword opens u's data key with a password's key-encryption
// key. An account from before key rotation (no recipients) is wrapped the
// first release's way; legacy says so.
func (s *Service) unlockWithPassword(u *securebase.User, kek []byte) (raw []byte, legacy bool, err error) {
	if u.Recipients == nil {
		_, raw, err = s.wrapper.Unwrap(kek, u.PasswordWrap, legacyAD(u.ID, "users.password_wrap"))
		return raw, true, err
	}
	_, raw, err = s.wrapper.UnwrapWith(kek, u.PasswordWrap, passwordAD(u.ID, u.KeyEpoch))
	return raw, false, err
}

// unlockWithRecovery opens u's data key with a recovery key.
func (s *Service) unlockWithRecovery(u *securebase.User, rk crypt.RecoveryKey) (raw []byte, legacy bool, err error) {
	if u.Recipients == nil {
		_, raw, err = s.wrapper.Unwrap(rk.KEK(), u.RecoveryWrap, legacyAD(u.ID, "users.recovery_wrap"))
		return raw, true, err
	}
	_, raw, err = s.wrapper.UnwrapWith(rk.KEK(), u.RecoveryWrap, recoveryAD(u.ID, u.KeyEpoch))
	return raw, false, err
}

// oldActor is the person as their current key stands: in the first
// release's form (unpadded, ids in the clear) when legacy.
func oldActor(u *securebase.User, raw []byte, legacy bool) (securebase.Actor, error) {
	a, err := actor(u, raw)
	if err != nil || !legacy {
		return a, err
	}
	a.Key = a.Key.(*crypt.DataKey).Legacy()
	return a, nil
}
