package sqlstore_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/sqlstore"
)

func TestCreateEntries(t *testing.T) {
	forEach(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		a, b := newUser(t, db, "bulk-a"), newUser(t, db, "bulk-b")
		if _, err := db.CreateEntry(ctx, a, checkIn(t, "already", time.Now(), 1, "here before")); err != nil {
			t.Fatal(err)
		}
		var es []*securebase.Entry
		for i := range 600 {
			es = append(es, checkIn(t, fmt.Sprintf("bulk-%04d", i), time.Now().Add(-time.Duration(i)*time.Hour), i%11, fmt.Sprintf("note %d", i)))
		}
		es = append(es, checkIn(t, "already", time.Now(), 9, "replayed"), checkIn(t, "bulk-0001", time.Now(), 9, "twice in one call"))
		n, err := db.CreateEntries(ctx, a, es)
		if err != nil || n != 600 {
			t.Fatalf("CreateEntries = %d, %v; want 600 added", n, err)
		}
		if n, _ := db.CountEntries(ctx, a, ""); n != 601 {
			t.Fatalf("%d entries", n)
		}
		e, err := db.FindEntry(ctx, a, securebase.KindCheckIn, "bulk-0599")
		if err != nil || string(e.Data) != `{"distress":5,"note":"note 599"}` || e.Version != 1 {
			t.Fatalf("FindEntry = %+v, %v", e, err)
		}
		if e, _ := db.FindEntry(ctx, a, securebase.KindCheckIn, "already"); string(e.Data) != `{"distress":1,"note":"here before"}` {
			t.Fatalf("an existing entry was overwritten: %s", e.Data)
		}
		if _, err := db.FindEntry(ctx, b, securebase.KindCheckIn, "bulk-0001"); code(err) != securebase.ENOTFOUND {
			t.Fatalf("another user sees a bulk entry: %v", err)
		}
		if list, err := db.ListEntries(ctx, a, securebase.EntryFilter{Kind: securebase.KindCheckIn, Limit: 50}); err != nil || len(list) != 50 {
			t.Fatalf("ListEntries = %d, %v", len(list), err)
		}
	})
}

// TestSettle: after a bulk load, Settle checkpoints or vacuums without
// losing or changing anything.
func TestSettle(t *testing.T) {
	forEach(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		a := newUser(t, db, "settle")
		var es []*securebase.Entry
		for i := range 200 {
			es = append(es, checkIn(t, fmt.Sprintf("settle-%03d", i), time.Now().Add(-time.Duration(i)*time.Hour), i%11, fmt.Sprintf("note %d", i)))
		}
		if _, err := db.CreateEntries(ctx, a, es); err != nil {
			t.Fatal(err)
		}
		if err := db.Settle(ctx); err != nil {
			t.Fatal(err)
		}
		if n, err := db.CountEntries(ctx, a, ""); err != nil || n != 200 {
			t.Fatalf("after Settle: %d entries, %v", n, err)
		}
		if e, err := db.FindEntry(ctx, a, securebase.KindCheckIn, "settle-007"); err != nil || string(e.Data) != `{"distress":7,"note":"note 7"}` {
			t.Fatalf("after Settle: %v, %v", e, err)
		}
	})
}
