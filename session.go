package securebase

import (
	"context"
	"time"
)

// Session kinds. A browser session lives in a cookie; a token is a personal
// access token for the JSON API. Both unlock the data key the same way.
const (
	SessionBrowser = "browser"
	SessionToken   = "token"
)

// Session is a signed-in browser or an access token. The database keeps the
// SHA-256 of its secret (ID) and the data key wrapped under a key derived
// from the secret, so any instance can serve it and a database copy cannot.
type Session struct {
	ID         []byte // SHA-256 of the secret
	UserID     int64
	Kind       string
	CreatedAt  time.Time
	LastSeenAt time.Time
	ExpiresAt  time.Time // absolute expiry
	KeyWrap    []byte    // data key wrapped under the secret-derived key
	Label      string    // device summary or token name; sealed at rest
	// KeyEpoch is the user's key epoch when the session started; it
	// works only while that is still the user's epoch.
	KeyEpoch int64
	// Parent is the session a token is made from: the token is stored
	// only if that session still exists at that moment. Not stored.
	Parent []byte
}

// SessionService keeps sessions and tokens.
type SessionService interface {
	// CreateSession stores s; a.Key seals its label. It stores nothing
	// and returns EUNAUTHORIZED unless a.Epoch is the user's current key
	// epoch and s.Parent, when set, is still a session of the user: a
	// session or token begun while credentials change never outlives
	// the change.
	CreateSession(ctx context.Context, a Actor, s *Session) error
	// FindSession returns the session with this id and its user, unless
	// it has expired at now (absolute, or a browser idle for longer than
	// idle) or its key epoch is no longer the user's.
	FindSession(ctx context.Context, id []byte, now time.Time, idle time.Duration) (*Session, *User, error)
	// ListSessions returns the user's sessions of a kind, newest first,
	// with their labels opened.
	ListSessions(ctx context.Context, a Actor, kind string) ([]*Session, error)
	// DeleteSession ends one of the user's sessions; another user's id is
	// ENOTFOUND.
	DeleteSession(ctx context.Context, userID int64, id []byte) error
	// DeleteSessions ends all of the user's sessions of a kind.
	DeleteSessions(ctx context.Context, userID int64, kind string) error
	// TouchSession moves last_seen_at forward; callers throttle it.
	TouchSession(ctx context.Context, id []byte, at time.Time) error
	// DeleteExpiredSessions removes what can no longer be used.
	DeleteExpiredSessions(ctx context.Context, now time.Time, idle time.Duration) (int64, error)
}
