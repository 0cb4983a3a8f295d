package sqlstore_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/sqlstore"
)

// TestCalendarFeeds: one feed per person, replaced whole (the old lookup
// is gone), found by its lookup only, deleted with the person.
func TestCalendarFeeds(t *testing.T) {
	forEach(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		a, b := newUser(t, db, "feed-a"), newUser(t, db, "feed-b")
		now := time.Date(2026, 11, 21, 23, 40, 0, 0, time.UTC)
		if err := db.PutFeed(ctx, a.UserID, []byte("lookup-1"), []byte("sealed-1"), now); err != nil {
			t.Fatal(err)
		}
		if err := db.PutFeed(ctx, b.UserID, []byte("lookup-b"), []byte("sealed-b"), now); err != nil {
			t.Fatal(err)
		}
		data, at, err := db.FeedData(ctx, []byte("lookup-1"))
		if err != nil || !bytes.Equal(data, []byte("sealed-1")) || !at.Equal(now) {
			t.Fatalf("FeedData = %q, %v, %v", data, at, err)
		}
		if err := db.PutFeed(ctx, a.UserID, []byte("lookup-2"), []byte("sealed-2"), now.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.FeedData(ctx, []byte("lookup-1")); code(err) != securebase.ENOTFOUND {
			t.Fatalf("the replaced lookup still answers: %v", err)
		}
		if data, _, err := db.FeedData(ctx, []byte("lookup-2")); err != nil || string(data) != "sealed-2" {
			t.Fatalf("the new lookup: %q, %v", data, err)
		}
		if err := db.DeleteFeed(ctx, a.UserID); err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.FeedData(ctx, []byte("lookup-2")); code(err) != securebase.ENOTFOUND {
			t.Fatalf("a deleted feed answers: %v", err)
		}
		if err := db.DeleteFeed(ctx, a.UserID); err != nil {
			t.Fatalf("deleting no feed: %v", err)
		}
		if err := db.DeleteUser(ctx, b.UserID); err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.FeedData(ctx, []byte("lookup-b")); code(err) != securebase.ENOTFOUND {
			t.Fatalf("a deleted person's feed answers: %v", err)
		}
	})
}
