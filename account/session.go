package account

import (
	"context"
	"encoding/hex"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/crypt"
)

var errSession = securebase.Errorf(securebase.EUNAUTHORIZED, "Your session has ended. Please sign in again.")

// Authenticate unlocks the session or token whose secret a request
// carries. The data key is unwrapped with a key derived from the secret,
// so the database alone can never do this.
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
	dk, raw, err := s.wrapper.Unwrap(sec.KEK(), sess.KeyWrap, sessionAD(u.ID, sess.ID))
	if err != nil {
		return nil, errSession
	}
	if err := u.OpenPrefs(dk); err != nil {
		return nil, err
	}
	if now.Sub(sess.LastSeenAt) > s.cfg.TouchEvery {
		s.touch(sess.ID)
	}
	return &Principal{User: u, Session: sess, Actor: securebase.Actor{UserID: u.ID, Key: dk}, raw: raw}, nil
}

// touch moves a session's last-seen stamp forward in the background, at
// most one write in flight per session, so reads never wait on a write.
func (s *Service) touch(id []byte) {
	key := string(id)
	if _, busy := s.touching.LoadOrStore(key, struct{}{}); busy {
		return
	}
	go func() {
		defer s.touching.Delete(key)
		_ = s.sessions.TouchSession(context.Background(), id, s.now()) // a missed stamp costs nothing
	}()
}

// SignOut ends the principal's own session or token.
func (s *Service) SignOut(ctx context.Context, p *Principal) error {
	return s.sessions.DeleteSession(ctx, p.User.ID, p.Session.ID)
}

// SignOutEverywhere ends every browser session of the user, this one too.
// Access tokens are kept; they are listed and revoked on their own.
func (s *Service) SignOutEverywhere(ctx context.Context, p *Principal) error {
	return s.sessions.DeleteSessions(ctx, p.User.ID, securebase.SessionBrowser)
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

// CreateToken makes a personal access token for the JSON API. It unlocks
// the data key the way a session does and has no expiry: the person
// revokes it in settings. The token is returned once and never stored.
func (s *Service) CreateToken(ctx context.Context, p *Principal, label string) (string, error) {
	if label == "" || len([]rune(label)) > TokenLabelMax {
		return "", securebase.FieldError("label", "Name the token in 1–60 characters, for example “phone app”.")
	}
	in, err := s.startSession(ctx, p.User, p.raw, securebase.SessionToken, label)
	if err != nil {
		return "", err
	}
	return in.Secret.Token(), nil
}
