package sqlstore_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/crypt"
	"github.com/securebase/securebase/sqlstore"
)

// rekeyed returns the actor a Rekey moves a to, and the Rekey.
func rekeyTo(t *testing.T, db *sqlstore.DB, a securebase.Actor, session *securebase.Session) (*securebase.Rekey, securebase.Actor) {
	t.Helper()
	u, err := db.FindUser(context.Background(), a.UserID)
	if err != nil {
		t.Fatal(err)
	}
	key, err := crypt.NewDataKey(crypt.NewKey())
	if err != nil {
		t.Fatal(err)
	}
	next := securebase.Actor{UserID: a.UserID, Key: key, Epoch: a.Epoch + 1}
	u.PasswordWrap, u.RecoveryWrap = []byte("new-pw-wrap"), []byte("new-rk-wrap")
	return &securebase.Rekey{Old: a, New: next, User: u, Session: session}, next
}

// TestRekey: a new data key reseals every entry and the prefs in one
// transaction, ends every session but the new one, and after it nothing
// is written under the old key: not by a save that was already on its
// way, not by a session started with the old epoch.
func TestRekey(t *testing.T) {
	forEach(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		a := newUser(t, db, "rekey")
		for i := range 30 {
			if _, err := db.CreateEntry(ctx, a, checkIn(t, fmt.Sprintf("e-%02d", i), time.Now(), i%11, "before")); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.UpdatePrefs(ctx, a, securebase.Prefs{Country: "IE"}); err != nil {
			t.Fatal(err)
		}
		old := &securebase.Session{ID: []byte("old-session-0123456789abcdef0123"), Kind: securebase.SessionBrowser,
			CreatedAt: time.Now(), LastSeenAt: time.Now(), ExpiresAt: time.Now().Add(time.Hour), KeyWrap: []byte("w")}
		if err := db.CreateSession(ctx, a, old); err != nil {
			t.Fatal(err)
		}
		fresh := &securebase.Session{ID: []byte("new-session-0123456789abcdef0123"), Kind: securebase.SessionBrowser,
			CreatedAt: time.Now(), LastSeenAt: time.Now(), ExpiresAt: time.Now().Add(time.Hour), KeyWrap: []byte("w"), Label: "this browser"}
		r, b := rekeyTo(t, db, a, fresh)
		if err := db.RekeyUser(ctx, r); err != nil {
			t.Fatal(err)
		}
		list, err := db.ListEntries(ctx, b, securebase.EntryFilter{Kind: securebase.KindCheckIn})
		if err != nil || len(list) != 30 {
			t.Fatalf("after rekey the new key lists %d entries, %v", len(list), err)
		}
		if _, err := db.FindEntry(ctx, b, securebase.KindCheckIn, "e-07"); err != nil {
			t.Fatalf("find by the client's id after rekey: %v", err)
		}
		if _, err := db.FindEntry(ctx, a, securebase.KindCheckIn, "e-07"); err == nil {
			t.Fatal("the old key still finds an entry")
		}
		u, _ := db.FindUser(ctx, a.UserID)
		if err := u.OpenPrefs(b.Key); err != nil || u.Prefs.Country != "IE" {
			t.Fatalf("prefs after rekey: %+v, %v", u.Prefs, err)
		}
		if u.KeyEpoch != b.Epoch || string(u.PasswordWrap) != "new-pw-wrap" {
			t.Fatalf("user after rekey: epoch %d, wrap %q", u.KeyEpoch, u.PasswordWrap)
		}
		if _, _, err := db.FindSession(ctx, old.ID, time.Now(), time.Hour); code(err) != securebase.EUNAUTHORIZED {
			t.Fatalf("the old session after rekey: %v", err)
		}
		if s, _, err := db.FindSession(ctx, fresh.ID, time.Now(), time.Hour); err != nil || s.KeyEpoch != b.Epoch {
			t.Fatalf("the new session after rekey: %+v, %v", s, err)
		}
		labels, err := db.ListSessions(ctx, b, securebase.SessionBrowser)
		if err != nil || len(labels) != 1 || labels[0].Label != "this browser" {
			t.Fatalf("sessions after rekey: %+v, %v", labels, err)
		}

		// Everything the old key tries now is refused, cleanly.
		late := checkIn(t, "late", time.Now(), 10, "written with the old key")
		if _, err := db.CreateEntry(ctx, a, late); code(err) != securebase.EUNAUTHORIZED {
			t.Errorf("a save with the old key: %v", err)
		}
		if _, err := db.CreateEntries(ctx, a, []*securebase.Entry{checkIn(t, "late-bulk", time.Now(), 1, "")}); code(err) != securebase.EUNAUTHORIZED {
			t.Errorf("a bulk save with the old key: %v", err)
		}
		e, _ := db.FindEntry(ctx, b, securebase.KindCheckIn, "e-01")
		stale := *e
		if err := db.UpdateEntry(ctx, a, &stale); code(err) != securebase.EUNAUTHORIZED {
			t.Errorf("an update with the old key: %v", err)
		}
		if err := db.UpdatePrefs(ctx, a, securebase.Prefs{Country: "NZ"}); code(err) != securebase.EUNAUTHORIZED {
			t.Errorf("prefs with the old key: %v", err)
		}
		s := &securebase.Session{ID: []byte("late-session-123456789abcdef0123"), Kind: securebase.SessionToken,
			CreatedAt: time.Now(), ExpiresAt: time.Now().Add(time.Hour), KeyWrap: []byte("w")}
		if err := db.CreateSession(ctx, a, s); code(err) != securebase.EUNAUTHORIZED {
			t.Errorf("a session at the old epoch: %v", err)
		}
		if err := db.RekeyUser(ctx, r); code(err) != securebase.EUNAUTHORIZED {
			t.Errorf("a second rekey from the old epoch: %v", err)
		}
		if n, _ := db.CountEntries(ctx, b, ""); n != 30 {
			t.Errorf("%d entries after the refused writes, want 30", n)
		}
		// A token needs its parent session.
		tok := &securebase.Session{ID: []byte("token-0123456789abcdef0123456789"), Kind: securebase.SessionToken,
			CreatedAt: time.Now(), ExpiresAt: time.Now().Add(time.Hour), KeyWrap: []byte("w"), Parent: []byte("no such session")}
		if err := db.CreateSession(ctx, b, tok); code(err) != securebase.EUNAUTHORIZED {
			t.Errorf("a token without its session: %v", err)
		}
		tok.Parent = fresh.ID
		if err := db.CreateSession(ctx, b, tok); err != nil {
			t.Errorf("a token from a live session: %v", err)
		}
	})
}

// TestWritesAfterDeletion (issue 10, finding 7): a write that reaches the
// store after its account was deleted is EUNAUTHORIZED (the session is
// gone), never an internal error from a foreign key.
func TestWritesAfterDeletion(t *testing.T) {
	forEach(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		a := newUser(t, db, "gone")
		if _, err := db.CreateEntry(ctx, a, checkIn(t, "kept", time.Now(), 3, "")); err != nil {
			t.Fatal(err)
		}
		if err := db.DeleteUser(ctx, a.UserID); err != nil {
			t.Fatal(err)
		}
		_, err := db.CreateEntry(ctx, a, checkIn(t, "late", time.Now(), 3, ""))
		if code(err) != securebase.EUNAUTHORIZED {
			t.Errorf("CreateEntry after deletion: %v (%s)", err, code(err))
		}
		s := &securebase.Session{ID: []byte("after-deletion-3456789abcdef0123"), Kind: securebase.SessionToken,
			CreatedAt: time.Now(), ExpiresAt: time.Now().Add(time.Hour), KeyWrap: []byte("w")}
		if err := db.CreateSession(ctx, a, s); code(err) != securebase.EUNAUTHORIZED {
			t.Errorf("CreateSession after deletion: %v (%s)", err, code(err))
		}
		if err := db.UpdatePrefs(ctx, a, securebase.Prefs{}); code(err) != securebase.EUNAUTHORIZED {
			t.Errorf("UpdatePrefs after deletion: %v (%s)", err, code(err))
		}
		if _, err := db.CreateEntries(ctx, a, []*securebase.Entry{checkIn(t, "bulk", time.Now(), 3, "")}); code(err) != securebase.EUNAUTHORIZED {
			t.Errorf("CreateEntries after deletion: %v (%s)", err, code(err))
		}
	})
}

// TestLimitSecret: one secret per period, the same for every caller (and
// every instance), gone once the sweep passes its period.
func TestLimitSecret(t *testing.T) {
	forEach(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		day := time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)
		s1, err := db.LimitSecret(ctx, "2026-11-21", day)
		if err != nil || len(s1) != 32 {
			t.Fatalf("LimitSecret = %x, %v", s1, err)
		}
		s2, _ := db.LimitSecret(ctx, "2026-11-21", day.Add(time.Hour))
		other, _ := db.LimitSecret(ctx, "2026-11-22", day.Add(24*time.Hour))
		if string(s1) != string(s2) || string(s1) == string(other) {
			t.Fatal("a period's secret is not stable, or two periods share one")
		}
		if _, err := db.DeleteStaleLimits(ctx, day.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		s3, _ := db.LimitSecret(ctx, "2026-11-21", day.Add(2*time.Hour))
		if string(s3) == string(s1) {
			t.Fatal("a past period's secret survived the sweep")
		}
	})
}

// heavyYear is a year of heavy daily use, as ENGINEERING.md counts it:
// 365 check-ins, about 1,000 log entries (tool uses and episodes) and a
// few dozen longer pieces: 1,400 entries.
func heavyYear(t testing.TB) []*securebase.Entry {
	var es []*securebase.Entry
	start := time.Date(2025, 11, 1, 8, 0, 0, 0, time.UTC)
	add := func(p securebase.Payload, at time.Time) {
		e, err := securebase.NewEntry(p, "", at)
		if err != nil {
			t.Fatal(err)
		}
		es = append(es, e)
	}
	for d := range 365 {
		at := start.Add(time.Duration(d) * 24 * time.Hour)
		add(&securebase.CheckIn{Distress: d % 11, Note: strings.Repeat("a few honest words about today ", 1+d%4)}, at)
	}
	for i := range 1000 {
		at := start.Add(time.Duration(i) * 8 * time.Hour)
		add(&securebase.ToolUse{Tool: "breathe", StartedAt: at, EndedAt: at.Add(3 * time.Minute), Before: new(7), After: new(4),
			Words: securebase.Words{Emotion: "uneasy", Because: "the message went unanswered, and now shoulders down"}}, at)
	}
	for i := range 35 {
		at := start.Add(time.Duration(i) * 10 * 24 * time.Hour)
		add(&securebase.Statement{Words: strings.Repeat("I can be loved and on my own tonight. ", 7)}, at)
	}
	return es
}

// TestRekeyHeavyYear measures finding 2's budget: a heavy year (1,400
// entries) reseals, sessions end and the new session is stored, in one
// transaction plus checkpoint, in under 2 s, on each database.
func TestRekeyHeavyYear(t *testing.T) {
	forEach(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		a := newUser(t, db, "heavy")
		year := heavyYear(t)
		if _, err := db.CreateEntries(ctx, a, year); err != nil {
			t.Fatal(err)
		}
		var worst time.Duration
		for round := range 3 {
			r, next := rekeyTo(t, db, a, nil)
			start := time.Now()
			if err := db.RekeyUser(ctx, r); err != nil {
				t.Fatal(err)
			}
			d := time.Since(start)
			worst = max(worst, d)
			t.Logf("FIGURE rekey heavy year %s round %d: %d entries resealed in %v", db.Dialect(), round+1, len(year), d.Round(time.Millisecond))
			a = next
		}
		if n, err := db.CountEntries(ctx, a, ""); err != nil || n != len(year) {
			t.Fatalf("%d entries after three rekeys, %v", n, err)
		}
		if worst > 2*time.Second && !raceEnabled {
			t.Errorf("a heavy year took %v to reseal; the budget is 2 s", worst)
		}
	})
}
