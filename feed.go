package securebase

import (
	"context"
	"time"
)

// FeedService keeps each person's one private calendar feed (E5, issue
// 15): the reminders of their practice times, read without a session by
// whoever holds the feed's secret URL. The store keeps only a hash of the
// secret (Lookup) and the reminders sealed under a key derived from it.
type FeedService interface {
	// PutFeed stores the person's feed, replacing any other they had.
	PutFeed(ctx context.Context, userID int64, lookup, data []byte, now time.Time) error
	// FeedData returns the sealed data of the feed with this lookup, or
	// ENOTFOUND.
	FeedData(ctx context.Context, lookup []byte) (data []byte, updated time.Time, err error)
	// DeleteFeed removes the person's feed; none is not an error.
	DeleteFeed(ctx context.Context, userID int64) error
}
