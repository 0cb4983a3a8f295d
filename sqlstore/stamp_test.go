package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/crypt"
	"github.com/securebase/securebase/sqlstore"
)

// TestEntriesStamp: the session lookup reads a stamp that changes with
// every change to the person's entries (create, update, delete, import),
// and only then: a replayed save, a lost edit, a missing delete, a read
// or another person's write leave it as it was. The server's in-memory
// caches are exact across instances only if this holds.
func TestEntriesStamp(t *testing.T) {
	forEach(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		a, other := newUser(t, db, "stamped"), newUser(t, db, "elsewhere")
		sess := &securebase.Session{ID: crypt.NewSecret().ID(), Kind: securebase.SessionBrowser,
			CreatedAt: time.Now(), LastSeenAt: time.Now(), KeyWrap: []byte{1}}
		if err := db.CreateSession(ctx, a, sess); err != nil {
			t.Fatal(err)
		}
		stamp := func() int64 {
			t.Helper()
			_, u, err := db.FindSession(ctx, sess.ID, time.Now(), time.Hour)
			if err != nil {
				t.Fatal(err)
			}
			return u.EntriesStamp
		}
		last := stamp()
		if last != 0 {
			t.Fatalf("a person who never wrote has stamp %d", last)
		}
		seen := map[int64]bool{0: true}
		step := func(what string, changes bool, do func() error) {
			t.Helper()
			if err := do(); err != nil && changes {
				t.Fatalf("%s: %v", what, err)
			}
			now := stamp()
			switch {
			case changes && (now == last || seen[now]):
				t.Fatalf("%s: the stamp did not change to a new value (%d)", what, now)
			case !changes && now != last:
				t.Fatalf("%s: the stamp changed", what)
			}
			seen[now], last = true, now
		}
		e := checkIn(t, "s1", time.Now(), 4, "first")
		step("create", true, func() error { _, err := db.CreateEntry(ctx, a, e); return err })
		step("replayed create", false, func() error { _, err := db.CreateEntry(ctx, a, checkIn(t, "s1", time.Now(), 9, "again")); return err })
		step("list", false, func() error { _, err := db.ListEntries(ctx, a, securebase.EntryFilter{Limit: 50}); return err })
		step("another person's write", false, func() error {
			_, err := db.CreateEntry(ctx, other, checkIn(t, "o1", time.Now(), 2, "theirs"))
			return err
		})
		stale := *e
		step("update", true, func() error { e.OccurredAt = e.OccurredAt.Add(-time.Minute); return db.UpdateEntry(ctx, a, e) })
		step("update from an old version", false, func() error { return db.UpdateEntry(ctx, a, &stale) })
		step("import", true, func() error {
			_, err := db.CreateEntries(ctx, a, []*securebase.Entry{checkIn(t, "s2", time.Now(), 3, "two"), checkIn(t, "s3", time.Now(), 2, "three")})
			return err
		})
		step("import of ids already stored", false, func() error {
			_, err := db.CreateEntries(ctx, a, []*securebase.Entry{checkIn(t, "s2", time.Now(), 3, "two")})
			return err
		})
		step("delete", true, func() error { return db.DeleteEntry(ctx, a, securebase.KindCheckIn, "s1") })
		step("delete of what is gone", false, func() error { return db.DeleteEntry(ctx, a, securebase.KindCheckIn, "s1") })
	})
}

// BenchmarkFindSession is the query every signed-in request makes:
// go test ./sqlstore -run '^$' -bench FindSession.
func BenchmarkFindSession(b *testing.B) {
	db := OpenSQLite(b)
	ctx := context.Background()
	u := &securebase.User{ID: nextID(), Username: "bench", CreatedAt: time.Now(), PasswordHash: "$argon2id$x",
		PasswordWrap: []byte("pw-wrap"), RecoveryWrap: []byte("rk-wrap")}
	if err := db.CreateUser(ctx, u); err != nil {
		b.Fatal(err)
	}
	key, err := crypt.NewDataKey(crypt.NewKey())
	if err != nil {
		b.Fatal(err)
	}
	a := securebase.Actor{UserID: u.ID, Key: key}
	if _, err := db.CreateEntry(ctx, a, checkInB(b)); err != nil {
		b.Fatal(err)
	}
	sess := &securebase.Session{ID: crypt.NewSecret().ID(), Kind: securebase.SessionBrowser,
		CreatedAt: time.Now(), LastSeenAt: time.Now(), KeyWrap: []byte{1}}
	if err := db.CreateSession(ctx, a, sess); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, _, err := db.FindSession(ctx, sess.ID, time.Now(), time.Hour); err != nil {
			b.Fatal(err)
		}
	}
}

func checkInB(b *testing.B) *securebase.Entry {
	e, err := securebase.NewEntry(&securebase.CheckIn{Distress: 3, Note: "x"}, "b1", time.Now())
	if err != nil {
		b.Fatal(err)
	}
	return e
}
