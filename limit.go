package securebase

import (
	"context"
	"time"
)

// LimitService counts attempts in fixed windows, in the database, so a limit
// holds across every instance that shares it.
type LimitService interface {
	// Hit records one attempt against key and returns the attempts in the
	// current window, this one included. A window starts at its first hit.
	Hit(ctx context.Context, key string, window time.Duration, now time.Time) (int, error)
	// Forgive takes one attempt back (a correct sign-in is not an attack).
	Forgive(ctx context.Context, key string) error
	// Reset forgets the key.
	Reset(ctx context.Context, key string) error
	// DeleteStaleLimits forgets windows that ended before t, and the
	// secrets of periods that ended before it.
	DeleteStaleLimits(ctx context.Context, before time.Time) (int64, error)
	// LimitSecret returns the random secret of a period (a day, say),
	// making it if no instance has yet. Counters are named by a keyed
	// hash under it, never by the username or address itself; when the
	// period ends the secret is deleted and old names mean nothing.
	LimitSecret(ctx context.Context, period string, now time.Time) ([]byte, error)
}
