package sqlstore_test

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/sqlstore"
)

// TestStoredIDsAreOpaque (issue 10, finding 6): an entry id says what it
// is about when a client chooses it (a favourite is "fav-<statement>", a
// statement id names a fear), so the id column holds no id in the clear.
func TestStoredIDsAreOpaque(t *testing.T) {
	forEach(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		a := newUser(t, db, "opaque")
		ids := []string{"favourite-leaving-1", "client-chosen-fear-of-leaving", "my-safety-plan-mine"}
		for _, id := range ids {
			if _, err := db.CreateEntry(ctx, a, checkIn(t, id, time.Now(), 3, "")); err != nil {
				t.Fatal(err)
			}
		}
		fav, err := securebase.NewEntry(&securebase.Favourite{Statement: "staying-3"}, "", time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.CreateEntry(ctx, a, fav); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, fav.ID)
		stored := sqlstore.RawIDs(t, db, a.UserID)
		clear := 0
		for _, id := range ids {
			for _, s := range stored {
				if strings.Contains(s, id) || strings.Contains(id, s) {
					clear++
					t.Errorf("the id %q is stored as %q", id, s)
				}
			}
			// Still found, listed and deleted by the id the client knows.
			if _, err := db.FindEntry(ctx, a, "", id); err != nil {
				t.Errorf("FindEntry(%q): %v", id, err)
			}
		}
		list, err := db.ListEntries(ctx, a, securebase.EntryFilter{Kind: securebase.KindCheckIn})
		if err != nil || len(list) != 3 {
			t.Fatalf("ListEntries = %d, %v", len(list), err)
		}
		for _, e := range list {
			if !strings.Contains(strings.Join(ids, " "), e.ID) {
				t.Errorf("listed id %q is not one the client chose", e.ID)
			}
		}
		if err := db.DeleteEntry(ctx, a, securebase.KindCheckIn, ids[0]); err != nil {
			t.Fatal(err)
		}
		t.Logf("FIGURE metadata at rest %s: %d ids stored, %d in the clear", db.Dialect(), len(stored), clear)
	})
}

// TestSealedLengthsHideValues (finding 6): check-ins that differ only in
// their distress rating seal to the same length, so a database copy does
// not show who rated a 10.
func TestSealedLengthsHideValues(t *testing.T) {
	forEach(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		a := newUser(t, db, "lengths")
		for _, note := range []string{"", "tight chest", strings.Repeat("a longer note about the evening ", 4)} {
			lengths := map[int][]int{}
			for d := 0; d <= 10; d++ {
				e := checkIn(t, "", time.Now(), d, note)
				if _, err := db.CreateEntry(ctx, a, e); err != nil {
					t.Fatal(err)
				}
				n := len(sqlstore.RawData(t, db, a, e.ID))
				lengths[n] = append(lengths[n], d)
			}
			if len(lengths) != 1 {
				t.Errorf("note %q: distress ratings seal to different lengths: %v", note, lengths)
			}
		}
	})
}

// TestFullDisk (finding 7): when the database cannot grow, a write fails
// with a calm "try again later" (503), not an internal error (500), and
// /readyz stops saying ready until writes work again.
func TestFullDisk(t *testing.T) {
	db := OpenSQLite(t)
	ctx := context.Background()
	a := newUser(t, db, "full")
	var pages int
	sqlstore.RawScan(t, db, "PRAGMA page_count", &pages)
	sqlstore.RawExec(t, db, "PRAGMA max_page_count = "+strconv.Itoa(pages+4))
	var err error
	for i := 0; i < 10_000 && err == nil; i++ {
		_, err = db.CreateEntry(ctx, a, checkIn(t, "", time.Now(), 4, strings.Repeat("filling the disk ", 50)))
	}
	if err == nil {
		t.Fatal("the database never filled up")
	}
	if code(err) != securebase.EUNAVAILABLE {
		t.Errorf("a save on a full disk: %v (code %s), want %s", err, code(err), securebase.EUNAVAILABLE)
	}
	err = nil
	for i := 0; i < 10_000 && err == nil; i++ { // a sign-in's rate-limit counts, until they no longer fit either
		_, err = db.Hit(ctx, "signin:someone-"+strconv.Itoa(i), time.Minute, time.Now())
	}
	if code(err) != securebase.EUNAVAILABLE {
		t.Errorf("a sign-in's rate-limit count on a full disk: %v (code %s), want %s", err, code(err), securebase.EUNAVAILABLE)
	}
	if err := db.Ping(ctx); err == nil {
		t.Error("Ping (readyz) says ready while no write can succeed")
	}
	sqlstore.RawExec(t, db, "PRAGMA max_page_count = 1073741823")
	if err := db.Ping(ctx); err != nil {
		t.Errorf("Ping after space came back: %v", err)
	}
}

// TestBackupIsPrivateFromTheStart (finding 7): the copy is readable by its
// owner only for the whole time it is being written, not just at the end.
// A watcher looks at the file's mode as often as it can while the copy
// is made; it must never see group or other permissions.
func TestBackupIsPrivateFromTheStart(t *testing.T) {
	db := OpenSQLite(t)
	ctx := context.Background()
	a := newUser(t, db, "backup-mode")
	var es []*securebase.Entry
	for range 20_000 {
		es = append(es, checkIn(t, "", time.Now(), 4, strings.Repeat("a page of writing to copy ", 20)))
	}
	if _, err := db.CreateEntries(ctx, a, es); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "copy.db")
	done := make(chan error)
	go func() { done <- db.Backup(ctx, dest) }()
	var mu sync.Mutex
	seen := map[fs.FileMode]int{}
	for finished := false; !finished; {
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
			finished = true
		default:
		}
		fi, err := os.Stat(dest)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		mu.Lock()
		seen[fi.Mode().Perm()]++
		mu.Unlock()
	}
	for mode, n := range seen {
		if mode&0o077 != 0 {
			t.Errorf("the backup was %v for %d looks while it was written", mode, n)
		}
	}
	t.Logf("FIGURE backup modes seen while writing: %v", seen)
}
