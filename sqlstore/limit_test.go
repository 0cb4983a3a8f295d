package sqlstore_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/sqlstore"
)

// TestListLimit: a list holds exactly the limit asked for, whatever limit
// the statement is prepared with (sqlstore rounds it up to a power of
// two), and the same statement serves the next limit of its bucket.
func TestListLimit(t *testing.T) {
	forEach(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		a := newUser(t, db, "ana")
		day := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
		for i := range 20 {
			if _, err := db.CreateEntry(ctx, a, checkIn(t, fmt.Sprintf("e%02d", i), day.Add(time.Duration(i)*time.Hour), 3, "")); err != nil {
				t.Fatal(err)
			}
		}
		for _, n := range []int{1, 3, 5, 7, 8, 9, 16, 17, 20} {
			list, err := db.ListEntries(ctx, a, securebase.EntryFilter{Kind: securebase.KindCheckIn, Limit: n})
			if err != nil || len(list) != n || list[0].ID != "e19" {
				t.Fatalf("limit %d: %d entries, %v", n, len(list), err)
			}
		}
		if list, err := db.ListEntries(ctx, a, securebase.EntryFilter{Limit: 50}); err != nil || len(list) != 20 {
			t.Fatalf("limit over the count: %d entries, %v", len(list), err)
		}
	})
}
