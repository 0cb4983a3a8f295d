package sqlstore_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/crypt"
	"github.com/securebase/securebase/sqlstore"
)

// The contract suite: every test runs against both databases, each as its
// own subtest. Without TEST_POSTGRES_URL the PostgreSQL half says SKIP
// (and fails under CI=true); it never passes on SQLite alone.
func forEach(t *testing.T, fn func(t *testing.T, db *sqlstore.DB)) {
	t.Run(string(sqlstore.SQLite), func(t *testing.T) { fn(t, OpenSQLite(t)) })
	t.Run(string(sqlstore.Postgres), func(t *testing.T) { fn(t, OpenPostgres(t)) })
}

func newUser(t *testing.T, db *sqlstore.DB, name string) securebase.Actor {
	t.Helper()
	u := &securebase.User{ID: nextID(), Username: name, CreatedAt: time.Now(), PasswordHash: "$argon2id$x",
		PasswordWrap: []byte("pw-wrap"), RecoveryWrap: []byte("rk-wrap")}
	if err := db.CreateUser(context.Background(), u); err != nil {
		t.Fatal(err)
	}
	key, err := crypt.NewDataKey(crypt.NewKey())
	if err != nil {
		t.Fatal(err)
	}
	return securebase.Actor{UserID: u.ID, Key: key}
}

func checkIn(t *testing.T, id string, at time.Time, distress int, note string) *securebase.Entry {
	t.Helper()
	e, err := securebase.NewEntry(&securebase.CheckIn{Distress: distress, Note: note}, id, at)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

var idSeq atomic.Int64

func nextID() int64 { return 1000 + idSeq.Add(1) }

func code(err error) string { return securebase.ErrorCode(err) }

func TestMigrationsMatch(t *testing.T) {
	lite, err := sqlstore.Migrations(sqlstore.SQLite)
	if err != nil {
		t.Fatal(err)
	}
	pg, err := sqlstore.Migrations(sqlstore.Postgres)
	if err != nil {
		t.Fatal(err)
	}
	if len(lite) == 0 || len(lite) != len(pg) {
		t.Fatalf("%d SQLite migrations, %d PostgreSQL", len(lite), len(pg))
	}
	for i := range lite {
		if lite[i].Version != pg[i].Version || lite[i].Version != i+1 {
			t.Errorf("migration %d: SQLite %s, PostgreSQL %s", i, lite[i].Name, pg[i].Name)
		}
	}
	forEach(t, func(t *testing.T, db *sqlstore.DB) {
		v, err := db.SchemaVersion(context.Background())
		if err != nil || v != len(lite) {
			t.Fatalf("schema version %d, %v; want %d", v, err, len(lite))
		}
	})
}

func TestUsers(t *testing.T) {
	forEach(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		a := newUser(t, db, "river")
		err := db.CreateUser(ctx, &securebase.User{ID: nextID(), Username: "river", PasswordHash: "x", PasswordWrap: []byte{1}, RecoveryWrap: []byte{1}})
		if code(err) != securebase.ECONFLICT && code(err) != securebase.EINVALID {
			t.Fatalf("duplicate username: %v", err)
		}
		u, err := db.FindUserByName(ctx, "river")
		if err != nil || u.ID != a.UserID || !bytes.Equal(u.PasswordWrap, []byte("pw-wrap")) {
			t.Fatalf("FindUserByName = %+v, %v", u, err)
		}
		if _, err := db.FindUserByName(ctx, "nobody"); code(err) != securebase.ENOTFOUND {
			t.Fatalf("unknown user: %v", err)
		}

		if err := db.UpdatePrefs(ctx, a, securebase.Prefs{Country: "NZ", TimeZone: "Pacific/Auckland"}); err != nil {
			t.Fatal(err)
		}
		u, _ = db.FindUser(ctx, a.UserID)
		if bytes.Contains(u.SealedPrefs, []byte("Auckland")) {
			t.Fatal("prefs stored in the clear")
		}
		if err := u.OpenPrefs(a.Key); err != nil || u.Prefs.Country != "NZ" {
			t.Fatalf("OpenPrefs = %+v, %v", u.Prefs, err)
		}
		other := newUser(t, db, "lake")
		if err := u.OpenPrefs(other.Key); err == nil {
			t.Fatal("prefs opened with another user's key")
		}
		n, err := db.CountUsers(ctx)
		if err != nil || n != 2 {
			t.Fatalf("CountUsers = %d, %v", n, err)
		}
	})
}

func TestSessions(t *testing.T) {
	forEach(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		a := newUser(t, db, "sky")
		now := time.Now().Truncate(time.Millisecond)
		idle := time.Hour
		mk := func(kind string, created time.Time, expires time.Time) *securebase.Session {
			s := &securebase.Session{ID: crypt.NewSecret().ID(), Kind: kind, CreatedAt: created, LastSeenAt: created,
				ExpiresAt: expires, KeyWrap: []byte("wrap"), Label: "Firefox on Linux"}
			if err := db.CreateSession(ctx, a, s); err != nil {
				t.Fatal(err)
			}
			return s
		}
		live := mk(securebase.SessionBrowser, now, now.Add(24*time.Hour))
		idled := mk(securebase.SessionBrowser, now.Add(-2*time.Hour), now.Add(24*time.Hour))
		expired := mk(securebase.SessionBrowser, now.Add(-time.Minute), now.Add(-time.Second))
		token := mk(securebase.SessionToken, now.Add(-48*time.Hour), time.Time{})

		s, u, err := db.FindSession(ctx, live.ID, now, idle)
		if err != nil || u.ID != a.UserID || s.Kind != securebase.SessionBrowser || !s.ExpiresAt.Equal(live.ExpiresAt) {
			t.Fatalf("FindSession = %+v %+v %v", s, u, err)
		}
		for name, id := range map[string][]byte{"idle": idled.ID, "expired": expired.ID, "unknown": crypt.NewSecret().ID()} {
			if _, _, err := db.FindSession(ctx, id, now, idle); code(err) != securebase.EUNAUTHORIZED {
				t.Errorf("%s session: %v", name, err)
			}
		}
		if _, _, err := db.FindSession(ctx, token.ID, now, idle); err != nil {
			t.Errorf("a token does not idle out: %v", err)
		}
		if err := db.TouchSession(ctx, idled.ID, now); err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.FindSession(ctx, idled.ID, now, idle); err != nil {
			t.Errorf("touched session: %v", err)
		}

		list, err := db.ListSessions(ctx, a, securebase.SessionBrowser)
		if err != nil || len(list) != 3 || list[0].Label != "Firefox on Linux" {
			t.Fatalf("ListSessions = %d, %v", len(list), err)
		}
		other := newUser(t, db, "sea")
		if err := db.DeleteSession(ctx, other.UserID, live.ID); code(err) != securebase.ENOTFOUND {
			t.Fatalf("another user deleting a session: %v", err)
		}
		if err := db.DeleteSession(ctx, a.UserID, live.ID); err != nil {
			t.Fatal(err)
		}
		n, err := db.DeleteExpiredSessions(ctx, now, idle)
		if err != nil || n != 1 {
			t.Fatalf("DeleteExpiredSessions = %d, %v", n, err)
		}
		if err := db.DeleteSessions(ctx, a.UserID, securebase.SessionBrowser); err != nil {
			t.Fatal(err)
		}
		if list, _ := db.ListSessions(ctx, a, securebase.SessionBrowser); len(list) != 0 {
			t.Fatalf("%d browser sessions after sign out everywhere", len(list))
		}
		if list, _ := db.ListSessions(ctx, a, securebase.SessionToken); len(list) != 1 {
			t.Fatalf("tokens must survive signing browsers out; have %d", len(list))
		}
	})
}

func TestEntries(t *testing.T) {
	forEach(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		a, b := newUser(t, db, "ana"), newUser(t, db, "ben")
		day := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
		for i := 0; i < 30; i++ {
			e := checkIn(t, fmt.Sprintf("e%02d", i), day.Add(time.Duration(i)*time.Hour), i%11, fmt.Sprintf("note %d", i))
			if created, err := db.CreateEntry(ctx, a, e); err != nil || !created || e.Version != 1 {
				t.Fatalf("CreateEntry %d = %v, %v", i, created, err)
			}
		}
		// A replay stores nothing new and hands back what is stored.
		replay := checkIn(t, "e05", day, 9, "different")
		if created, err := db.CreateEntry(ctx, a, replay); err != nil || created {
			t.Fatalf("replay = %v, %v", created, err)
		}
		if p, _ := replay.Decode(); p.(*securebase.CheckIn).Note != "note 5" {
			t.Fatalf("replay returned %s", replay.Data)
		}
		// The same id in another account is another entry.
		if created, err := db.CreateEntry(ctx, b, checkIn(t, "e05", day, 1, "ben's")); err != nil || !created {
			t.Fatalf("same id, other user = %v, %v", created, err)
		}

		got, err := db.FindEntry(ctx, a, securebase.KindCheckIn, "e07")
		if err != nil || got.OccurredAt != day.Add(7*time.Hour) {
			t.Fatalf("FindEntry = %+v, %v", got, err)
		}
		if _, err := db.FindEntry(ctx, b, securebase.KindCheckIn, "e07"); code(err) != securebase.ENOTFOUND {
			t.Fatalf("another user's entry: %v", err)
		}
		if _, err := db.FindEntry(ctx, a, "journal", "e07"); code(err) != securebase.ENOTFOUND {
			t.Fatalf("wrong kind: %v", err)
		}

		// One day, newest first.
		list, err := db.ListEntries(ctx, a, securebase.EntryFilter{Kind: securebase.KindCheckIn, From: day, To: day.Add(24 * time.Hour)})
		if err != nil || len(list) != 24 || list[0].ID != "e23" || list[23].ID != "e00" {
			t.Fatalf("one day: %d entries, %v", len(list), err)
		}
		// Keyset paging visits every entry once.
		seen := map[string]bool{}
		f := securebase.EntryFilter{Kind: securebase.KindCheckIn, Limit: 7}
		for {
			page, err := db.ListEntries(ctx, a, f)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range page {
				if seen[e.ID] {
					t.Fatalf("%s seen twice", e.ID)
				}
				seen[e.ID] = true
			}
			if len(page) < f.Limit {
				break
			}
			last := page[len(page)-1]
			f.After = &securebase.Cursor{OccurredAt: last.OccurredAt, ID: last.ID}
		}
		if len(seen) != 30 {
			t.Fatalf("paging saw %d of 30", len(seen))
		}

		// Update with the current version; a stale one conflicts.
		got.Data = []byte(`{"distress":2,"note":"better"}`)
		if err := db.UpdateEntry(ctx, a, got); err != nil || got.Version != 2 {
			t.Fatalf("UpdateEntry = %v, version %d", err, got.Version)
		}
		stale := *got
		stale.Version = 1
		if err := db.UpdateEntry(ctx, a, &stale); code(err) != securebase.ECONFLICT {
			t.Fatalf("stale update: %v", err)
		}
		theirs := *got
		if err := db.UpdateEntry(ctx, b, &theirs); code(err) != securebase.ENOTFOUND {
			t.Fatalf("update by another user: %v", err)
		}
		again, _ := db.FindEntry(ctx, a, securebase.KindCheckIn, "e07")
		if string(again.Data) != `{"distress":2,"note":"better"}` || again.Version != 2 {
			t.Fatalf("after update: %s v%d", again.Data, again.Version)
		}

		if err := db.DeleteEntry(ctx, b, securebase.KindCheckIn, "e07"); code(err) != securebase.ENOTFOUND {
			t.Fatalf("delete by another user: %v", err)
		}
		if err := db.DeleteEntry(ctx, a, securebase.KindCheckIn, "e07"); err != nil {
			t.Fatal(err)
		}
		if err := db.DeleteEntry(ctx, a, securebase.KindCheckIn, "e07"); code(err) != securebase.ENOTFOUND {
			t.Fatalf("second delete: %v", err)
		}
		if n, err := db.CountEntries(ctx, a, ""); err != nil || n != 29 {
			t.Fatalf("CountEntries = %d, %v", n, err)
		}
	})
}

func TestLimits(t *testing.T) {
	forEach(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		now := time.Now()
		for i := 1; i <= 3; i++ {
			if n, err := db.Hit(ctx, "k", time.Minute, now); err != nil || n != i {
				t.Fatalf("hit %d = %d, %v", i, n, err)
			}
		}
		if err := db.Forgive(ctx, "k"); err != nil {
			t.Fatal(err)
		}
		if n, _ := db.Hit(ctx, "k", time.Minute, now.Add(30*time.Second)); n != 3 {
			t.Fatalf("after forgive: %d", n)
		}
		if n, _ := db.Hit(ctx, "k", time.Minute, now.Add(61*time.Second)); n != 1 {
			t.Fatalf("new window: %d", n)
		}
		// Concurrent hits are all counted.
		var wg sync.WaitGroup
		for i := 0; i < 40; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, err := db.Hit(ctx, "busy", time.Minute, now); err != nil {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
		if n, _ := db.Hit(ctx, "busy", time.Minute, now); n != 41 {
			t.Fatalf("concurrent hits counted %d of 41", n)
		}
		if err := db.Reset(ctx, "busy"); err != nil {
			t.Fatal(err)
		}
		if n, _ := db.Hit(ctx, "busy", time.Minute, now); n != 1 {
			t.Fatalf("after reset: %d", n)
		}
		if n, err := db.DeleteStaleLimits(ctx, now.Add(time.Hour)); err != nil || n != 2 {
			t.Fatalf("DeleteStaleLimits = %d, %v", n, err)
		}
	})
}

func TestDeleteUser(t *testing.T) {
	forEach(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		a, b := newUser(t, db, "gone"), newUser(t, db, "stays")
		for _, who := range []securebase.Actor{a, b} {
			if _, err := db.CreateEntry(ctx, who, checkIn(t, "", time.Now(), 3, "x")); err != nil {
				t.Fatal(err)
			}
			if err := db.CreateSession(ctx, who, &securebase.Session{ID: crypt.NewSecret().ID(), Kind: securebase.SessionBrowser,
				CreatedAt: time.Now(), LastSeenAt: time.Now(), KeyWrap: []byte{1}}); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.DeleteUser(ctx, a.UserID); err != nil {
			t.Fatal(err)
		}
		if err := db.DeleteUser(ctx, a.UserID); code(err) != securebase.ENOTFOUND {
			t.Fatalf("second delete: %v", err)
		}
		if n, _ := db.CountEntries(ctx, a, ""); n != 0 {
			t.Fatalf("%d entries left", n)
		}
		if list, _ := db.ListSessions(ctx, a, securebase.SessionBrowser); len(list) != 0 {
			t.Fatalf("%d sessions left", len(list))
		}
		if n, _ := db.CountEntries(ctx, b, ""); n != 1 {
			t.Fatalf("the other user's entries: %d", n)
		}
	})
}

// TestTamper moves ciphertext between rows and users and puts back an old
// version: none of it opens.
func TestTamper(t *testing.T) {
	db := OpenSQLite(t)
	ctx := context.Background()
	a, b := newUser(t, db, "alpha"), newUser(t, db, "beta")
	at := time.Now()
	for _, e := range []*securebase.Entry{checkIn(t, "one", at, 1, "first"), checkIn(t, "two", at, 2, "second")} {
		if _, err := db.CreateEntry(ctx, a, e); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.CreateEntry(ctx, b, checkIn(t, "one", at, 5, "theirs")); err != nil {
		t.Fatal(err)
	}
	e, _ := db.FindEntry(ctx, a, securebase.KindCheckIn, "one")
	v1 := sqlstore.RawData(t, db, a, "one")
	e.Data = []byte(`{"distress":0}`)
	if err := db.UpdateEntry(ctx, a, e); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name   string
		who    securebase.Actor
		id     string
		sealed []byte
	}{
		{"row one → row two", a, "two", sqlstore.RawData(t, db, a, "one")},
		{"user a → user b", b, "one", sqlstore.RawData(t, db, a, "one")},
		{"old version replayed", a, "one", v1},
		{"flipped bit", a, "two", flip(sqlstore.RawData(t, db, a, "two"))},
	}
	for _, c := range cases {
		sqlstore.SetRawData(t, db, c.who, c.id, c.sealed)
		if _, err := db.FindEntry(ctx, c.who, securebase.KindCheckIn, c.id); !errors.Is(err, crypt.ErrOpen) {
			t.Errorf("%s: opened (err %v)", c.name, err)
		}
	}
}

func flip(b []byte) []byte {
	b = bytes.Clone(b)
	b[len(b)/2] ^= 0x10
	return b
}

func TestBackup(t *testing.T) {
	db := OpenSQLite(t)
	ctx := context.Background()
	a := newUser(t, db, "saver")
	for i := 0; i < 50; i++ {
		if _, err := db.CreateEntry(ctx, a, checkIn(t, "", time.Now(), 4, "x")); err != nil {
			t.Fatal(err)
		}
	}
	dest := filepath.Join(t.TempDir(), "backup.db")
	if err := db.Backup(ctx, dest); err != nil {
		t.Fatal(err)
	}
	if err := db.Backup(ctx, dest); err == nil {
		t.Fatal("backup overwrote an existing file")
	}
	copyDB, err := sqlstore.Open(ctx, "sqlite:"+dest, sqlstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer copyDB.Close()
	if err := copyDB.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
	if n, err := copyDB.CountEntries(ctx, a, ""); err != nil || n != 50 {
		t.Fatalf("backup holds %d entries, %v", n, err)
	}
}
