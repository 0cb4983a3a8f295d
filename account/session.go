package account

import (
	"context"
	"encoding/hex"
	"time"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/crypt"
)

var errSession = securebase.Errorf(securebase.EUNAUTHORIZED, "Your session has ended. Please sign in again.")

// Authenticate unlocks the session or token whose secret a request
// carries. The data key is unwrapped with a key derived from the secret,
// so the database alone can never do this. A session works only while
// its key epoch is the user's (the store checks it in the same query):
// one started while credentials changed never works after the change.
func (s *Service) Authenticate(ctx context.Context, secret string) (*Principal, error) {
	sec, ok := crypt.ParseSecret(secret)
	if !ok {
		return nil, errSession
	}
	now := s.now()
	sess, u, err := s.sessions.FindSession(ctx, sec.ID(), now, s.cfg.IdleTimeout)
	if err != nil {
		return nil, err
	}
	dk, raw, err := s.wrapper.Unwrap(sec.KEK(), sess.KeyWrap, sessionAD(u.ID, sess.ID, sess.KeyEpoch))
	if err != nil {
		return nil, errSession
	}
	if err := u.OpenPrefs(dk); err != nil {
		return nil, err
	}
	if now.Sub(sess.LastSeenAt) > s.cfg.TouchEvery {
		s.touch(sess.ID)
	}
	return &Principal{User: u, Session: sess, Actor: securebase.Actor{UserID: u.ID, Key: dk, Epoch: u.KeyEpoch, Stamp: u.EntriesStamp}, raw: raw}, nil
}

// touch moves a session's last-seen stamp forward in the background, at
// most one write in flight per session, so reads never wait on a write.
func (s *Service) touch(id []byte) {
	key := string(id)
	if _, busy := s.touching.LoadOrStore(key, struct{}{}); busy {
		return
	}
	s.touches.Add(1)
	go func() {
		defer s.touches.Done()
		defer s.touching.Delete(key)
		_ = s.sessions.TouchSession(context.Background(), id, s.now()) // a missed stamp costs nothing
	}()
}

// Wait returns once every last-seen stamp started so far has been
// written. The binary calls it before closing the database; tests call
// it instead of sleeping.
func (s *Service) Wait() { s.touches.Wait() }

// SignOut ends the principal's own session or token.
func (s *Service) SignOut(ctx context.Context, p *Principal) error {
	return s.sessions.DeleteSession(ctx, p.User.ID, p.Session.ID)
}

// SignOutEverywhere ends every session and token of the user, this one
// too, and replaces the data key: whoever held a cookie or token (and a
// copy of the database) opens nothing written from now on. The password
// and the recovery key keep working; the new key is wrapped to them.
func (s *Service) SignOutEverywhere(ctx context.Context, p *Principal) error {
	to, err := openRecipients(p.User, p.Actor.Key)
	if err != nil {
		return err
	}
	_, err = s.rekey(ctx, change{user: p.User, old: p.Actor, to: to})
	return err
}

// Sessions lists the user's sessions or tokens.
func (s *Service) Sessions(ctx context.Context, p *Principal, kind string) ([]*securebase.Session, error) {
	return s.sessions.ListSessions(ctx, p.Actor, kind)
}

// Revoke ends one session or token by its id as shown in Sessions.
func (s *Service) Revoke(ctx context.Context, p *Principal, idHex string) error {
	id, err := hex.DecodeString(idHex)
	if err != nil || len(id) != 32 {
		return securebase.Errorf(securebase.ENOTFOUND, "We couldn't find that session. It may have ended already.")
	}
	return s.sessions.DeleteSession(ctx, p.User.ID, id)
}

// TokenLabelMax bounds a token's name.
const TokenLabelMax = 60

// TokenLifetimes are the lifetimes a person can give an access token, in
// days; the first is the default.
var tokenDays = []int{90, 7, 30, 365}

// TokenLifetimes returns the lifetimes a token can have, in days, the
// default first.
func TokenLifetimes() []int { return append([]int(nil), tokenDays...) }

// CreateToken makes a personal access token for the JSON API that
// expires after days (0 for the default, 90). It unlocks the data key the
// way a session does; the person can revoke it in settings. It is made
// only while the session asking for it still exists and the credentials
// have not changed: a token begun by a stolen cookie in the moment of a
// password change is refused. The token is returned once, never stored.
func (s *Service) CreateToken(ctx context.Context, p *Principal, label string, days int) (string, error) {
	if label == "" || len([]rune(label)) > TokenLabelMax {
		return "", securebase.FieldError("label", "Name the token in 1–60 characters, for example “phone app”.")
	}
	if days == 0 {
		days = int(s.cfg.TokenLifetime / (24 * time.Hour))
	}
	ok := false
	for _, d := range tokenDays {
		ok = ok || d == days
	}
	if !ok {
		return "", securebase.FieldError("days", "Choose how long the token lasts: 7, 30, 90 or 365 days.")
	}
	in, err := s.startSession(ctx, p.User, p.raw, securebase.SessionToken, label, time.Duration(days)*24*time.Hour, p.Session.ID)
	if err != nil {
		return "", err
	}
	return in.Secret.Token(), nil
}
