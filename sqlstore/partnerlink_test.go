package sqlstore_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/sqlstore"
)

// linkPair makes two people, gives both a key, and links them with an
// invitation from a to b.
func linkPair(t *testing.T, db *sqlstore.DB, a, b securebase.Actor, linkID string) {
	t.Helper()
	ctx := context.Background()
	for _, x := range []securebase.Actor{a, b} {
		if err := db.SetPartnerKey(ctx, x, []byte(fmt.Sprintf("pub-%d", x.UserID)), x.Key.Seal([]byte("private"), securebase.PartnerKeyAD(x.UserID))); err != nil {
			t.Fatal(err)
		}
	}
	hash := []byte("hash-" + linkID)
	if err := db.CreateInvite(ctx, securebase.Invite{Hash: hash, UserID: a.UserID, ExpiresAt: time.Now().Add(time.Minute)}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.AcceptInvite(ctx, b.UserID, hash, linkID, time.Now()); err != nil {
		t.Fatal(err)
	}
}

func signalRow(from, to securebase.Actor, linkID string, at time.Time) *securebase.SealedSignal {
	return &securebase.SealedSignal{ID: fmt.Sprintf("sig-%d-%d", from.UserID, at.UnixNano()), LinkID: linkID,
		From: from.UserID, To: to.UserID, SentAt: at, Sealed: []byte("sealed signal")}
}

func allowAll([]time.Time) error { return nil }

// TestPartnerLinks: keys (only while the epoch is current), one-time
// codes (wrong, used and expired alike; a new code voids the old), one
// link per person, unlink at once by either side with every signal of
// the pair, the send check in the insert's transaction, and account
// deletion taking the link and signals with it.
func TestPartnerLinks(t *testing.T) {
	forEach(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		a, b, c := newUser(t, db, "link-a"), newUser(t, db, "link-b"), newUser(t, db, "link-c")
		now := time.Now()

		// Keys.
		if _, _, err := db.PartnerKey(ctx, a.UserID); code(err) != securebase.ENOTFOUND {
			t.Fatalf("a key before one is made: %v", err)
		}
		stale := a
		stale.Epoch++
		if err := db.SetPartnerKey(ctx, stale, []byte("pub"), []byte("sealed")); code(err) != securebase.EUNAUTHORIZED {
			t.Fatalf("a key stored under a stale epoch: %v", err)
		}
		if err := db.SetPartnerKey(ctx, a, []byte("pub-1"), []byte("s1")); err != nil {
			t.Fatal(err)
		}
		if err := db.SetPartnerKey(ctx, a, []byte("pub-2"), []byte("s2")); err != nil {
			t.Fatal(err)
		}
		if pub, sealed, err := db.PartnerKey(ctx, a.UserID); err != nil || string(pub) != "pub-2" || string(sealed) != "s2" {
			t.Fatalf("the key replaced: %q %q %v", pub, sealed, err)
		}

		// Codes: a new code voids the old; expired, wrong and used are alike.
		if err := db.CreateInvite(ctx, securebase.Invite{Hash: []byte("old"), UserID: a.UserID, ExpiresAt: now.Add(time.Minute)}); err != nil {
			t.Fatal(err)
		}
		if err := db.CreateInvite(ctx, securebase.Invite{Hash: []byte("new"), UserID: a.UserID, ExpiresAt: now.Add(time.Minute)}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.AcceptInvite(ctx, b.UserID, []byte("old"), "l0", now); code(err) != securebase.ENOTFOUND {
			t.Fatalf("a voided code: %v", err)
		}
		if _, err := db.AcceptInvite(ctx, b.UserID, []byte("wrong"), "l0", now); code(err) != securebase.ENOTFOUND {
			t.Fatalf("a wrong code: %v", err)
		}
		if _, err := db.AcceptInvite(ctx, b.UserID, []byte("new"), "l0", now.Add(2*time.Minute)); code(err) != securebase.ENOTFOUND {
			t.Fatalf("an expired code: %v", err)
		}
		if err := db.CreateInvite(ctx, securebase.Invite{Hash: []byte("own"), UserID: a.UserID, ExpiresAt: now.Add(time.Minute)}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.AcceptInvite(ctx, a.UserID, []byte("own"), "l0", now); code(err) != securebase.ECONFLICT {
			t.Fatalf("one's own code: %v", err)
		}
		l, err := db.AcceptInvite(ctx, b.UserID, []byte("own"), "link-ab", now)
		if err != nil || l.PartnerID != a.UserID || l.UserID != b.UserID {
			t.Fatalf("accept: %+v %v", l, err)
		}
		if _, err := db.AcceptInvite(ctx, c.UserID, []byte("own"), "l1", now); code(err) != securebase.ENOTFOUND {
			t.Fatalf("a used code: %v", err)
		}
		for _, x := range []securebase.Actor{a, b} {
			if l, err := db.FindLink(ctx, x.UserID); err != nil || l.ID != "link-ab" {
				t.Fatalf("link of %d: %+v %v", x.UserID, l, err)
			}
		}
		if _, err := db.FindLink(ctx, c.UserID); code(err) != securebase.ENOTFOUND {
			t.Fatalf("c is not linked: %v", err)
		}
		// A linked person's key stays: the partner's signals are sealed to it.
		if err := db.SetPartnerKey(ctx, a, []byte("pub-3"), []byte("s3")); code(err) != securebase.ECONFLICT {
			t.Fatalf("a key replaced while linked: %v", err)
		}
		// One link per person: a linked person can't make a code, and a
		// code of someone unlinked can't link a linked person.
		if err := db.CreateInvite(ctx, securebase.Invite{Hash: []byte("x"), UserID: a.UserID, ExpiresAt: now.Add(time.Minute)}); code(err) != securebase.ECONFLICT {
			t.Fatalf("a code while linked: %v", err)
		}
		if err := db.CreateInvite(ctx, securebase.Invite{Hash: []byte("c-code"), UserID: c.UserID, ExpiresAt: now.Add(time.Minute)}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.AcceptInvite(ctx, b.UserID, []byte("c-code"), "l2", now); code(err) != securebase.ECONFLICT {
			t.Fatalf("a linked person accepting: %v", err)
		}

		// Signals: only along the link, the allow check inside.
		if err := db.SendSignal(ctx, signalRow(a, c, "link-ab", now), allowAll); code(err) != securebase.ENOTFOUND {
			t.Fatalf("a signal to someone not linked: %v", err)
		}
		if err := db.SendSignal(ctx, signalRow(c, a, "link-ab", now), allowAll); code(err) != securebase.ENOTFOUND {
			t.Fatalf("a signal from someone not linked: %v", err)
		}
		var seen int
		for i := range 3 {
			err := db.SendSignal(ctx, signalRow(a, b, "link-ab", now.Add(time.Duration(i)*time.Millisecond)), func(sent []time.Time) error {
				seen = len(sent)
				return nil
			})
			if err != nil || seen != i {
				t.Fatalf("signal %d: sent before %d, %v", i, seen, err)
			}
		}
		refuse := errors.New("no")
		if err := db.SendSignal(ctx, signalRow(a, b, "link-ab", now.Add(time.Second)), func([]time.Time) error { return refuse }); !errors.Is(err, refuse) {
			t.Fatalf("a refused signal: %v", err)
		}
		if err := db.SendSignal(ctx, signalRow(b, a, "link-ab", now.Add(2*time.Second)), allowAll); err != nil {
			t.Fatal(err)
		}
		for _, x := range []securebase.Actor{a, b} {
			list, err := db.ListSignals(ctx, x.UserID, now.Add(-time.Hour))
			if err != nil || len(list) != 4 || list[3].From != b.UserID || !bytes.Equal(list[0].Sealed, []byte("sealed signal")) {
				t.Fatalf("signals of %d: %d, %v", x.UserID, len(list), err)
			}
		}
		if list, _ := db.ListSignals(ctx, c.UserID, now.Add(-time.Hour)); len(list) != 0 {
			t.Fatalf("c sees %d signals", len(list))
		}
		if n, err := db.DeleteOldSignals(ctx, now.Add(time.Millisecond)); err != nil || n != 1 {
			t.Fatalf("old signals deleted: %d %v", n, err)
		}

		// Unlink by b: at once, both sides, every signal.
		if err := db.Unlink(ctx, b.UserID); err != nil {
			t.Fatal(err)
		}
		for _, x := range []securebase.Actor{a, b} {
			if _, err := db.FindLink(ctx, x.UserID); code(err) != securebase.ENOTFOUND {
				t.Fatalf("%d still linked after unlink: %v", x.UserID, err)
			}
			if list, _ := db.ListSignals(ctx, x.UserID, now.Add(-time.Hour)); len(list) != 0 {
				t.Fatalf("%d signals left after unlink", len(list))
			}
		}
		if err := db.SendSignal(ctx, signalRow(a, b, "link-ab", now.Add(3*time.Second)), allowAll); code(err) != securebase.ENOTFOUND {
			t.Fatalf("a signal after unlink: %v", err)
		}
		if err := db.Unlink(ctx, a.UserID); err != nil {
			t.Fatalf("unlinking when not linked: %v", err)
		}

		// Account deletion takes the link, the signals, the key.
		linkPair(t, db, a, c, "link-ac")
		if err := db.SendSignal(ctx, signalRow(c, a, "link-ac", now), allowAll); err != nil {
			t.Fatal(err)
		}
		if err := db.DeleteUser(ctx, c.UserID); err != nil {
			t.Fatal(err)
		}
		if _, err := db.FindLink(ctx, a.UserID); code(err) != securebase.ENOTFOUND {
			t.Fatalf("a still linked to a deleted account: %v", err)
		}
		if list, _ := db.ListSignals(ctx, a.UserID, now.Add(-time.Hour)); len(list) != 0 {
			t.Fatalf("%d signals of a deleted account left", len(list))
		}
		if _, _, err := db.PartnerKey(ctx, c.UserID); code(err) != securebase.ENOTFOUND {
			t.Fatalf("a deleted account's key: %v", err)
		}
	})
}

// TestSignalLimitParallel: parallel sends of one person are counted one
// after another, so a limit checked in the transaction holds.
func TestSignalLimitParallel(t *testing.T) {
	forEach(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		a, b := newUser(t, db, "par-a"), newUser(t, db, "par-b")
		linkPair(t, db, a, b, "link-par")
		limit := errors.New("limit")
		var wg sync.WaitGroup
		var mu sync.Mutex
		ok := 0
		now := time.Now()
		for i := range 12 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				err := db.SendSignal(ctx, signalRow(a, b, "link-par", now.Add(time.Duration(i)*time.Microsecond)), func(sent []time.Time) error {
					if len(sent) >= 6 {
						return limit
					}
					return nil
				})
				mu.Lock()
				defer mu.Unlock()
				if err == nil {
					ok++
				} else if !errors.Is(err, limit) {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
		list, err := db.ListSignals(ctx, a.UserID, now.Add(-time.Hour))
		if err != nil || len(list) != ok || ok > 6 {
			t.Fatalf("parallel sends: %d stored, %d succeeded, %v", len(list), ok, err)
		}
	})
}

// TestRekeyPartnerKey: a new data key reseals the private signal key.
func TestRekeyPartnerKey(t *testing.T) {
	forEach(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		a := newUser(t, db, "rekey-partner")
		if err := db.SetPartnerKey(ctx, a, []byte("pub"), a.Key.Seal([]byte("the private key"), securebase.PartnerKeyAD(a.UserID))); err != nil {
			t.Fatal(err)
		}
		r, b := rekeyTo(t, db, a, nil)
		if err := db.RekeyUser(ctx, r); err != nil {
			t.Fatal(err)
		}
		_, sealed, err := db.PartnerKey(ctx, a.UserID)
		if err != nil {
			t.Fatal(err)
		}
		if plain, err := b.Key.Open(sealed, securebase.PartnerKeyAD(a.UserID)); err != nil || string(plain) != "the private key" {
			t.Fatalf("the new key opens %q, %v", plain, err)
		}
		if _, err := a.Key.Open(sealed, securebase.PartnerKeyAD(a.UserID)); err == nil {
			t.Fatal("the old key still opens the private key")
		}
	})
}

// TestUnlinkUnderLoad races sends against an unlink, many times: however
// they interleave, once both are done no signal of the link is left and
// neither side is linked (a send either finished before the unlink, which
// then deleted it, or found no link).
func TestUnlinkUnderLoad(t *testing.T) {
	forEach(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		for round := range 10 {
			a, b := newUser(t, db, fmt.Sprintf("load-a-%d", round)), newUser(t, db, fmt.Sprintf("load-b-%d", round))
			linkID := fmt.Sprintf("link-load-%d", round)
			linkPair(t, db, a, b, linkID)
			start := make(chan struct{})
			var wg sync.WaitGroup
			now := time.Now()
			for i := range 4 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					<-start
					from, to := a, b
					if i%2 == 1 {
						from, to = b, a
					}
					err := db.SendSignal(ctx, signalRow(from, to, linkID, now.Add(time.Duration(i)*time.Millisecond)), allowAll)
					if err != nil && code(err) != securebase.ENOTFOUND {
						t.Error(err)
					}
				}()
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				if err := db.Unlink(ctx, b.UserID); err != nil {
					t.Error(err)
				}
			}()
			close(start)
			wg.Wait()
			for _, x := range []securebase.Actor{a, b} {
				if _, err := db.FindLink(ctx, x.UserID); code(err) != securebase.ENOTFOUND {
					t.Fatalf("round %d: %d still linked: %v", round, x.UserID, err)
				}
				if list, err := db.ListSignals(ctx, x.UserID, now.Add(-time.Hour)); err != nil || len(list) != 0 {
					t.Fatalf("round %d: %d signals left after the unlink (%v)", round, len(list), err)
				}
			}
		}
	})
}

// TestPartnerMute: a signal sent while its recipient has muted signals is
// stored as the sender's own copy alone (the recipient's list never has
// it, even after the mute ends), still counts toward the sender's limit,
// and a mute ends at its time, when turned off, and with the link.
func TestPartnerMute(t *testing.T) {
	forEach(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		a, b, c := newUser(t, db, "mute-a"), newUser(t, db, "mute-b"), newUser(t, db, "mute-c")
		linkPair(t, db, a, b, "lm")
		now := time.Now().Truncate(time.Millisecond)
		if err := db.SetMute(ctx, c.UserID, now.Add(time.Hour)); code(err) != securebase.ENOTFOUND {
			t.Fatalf("a mute by someone not linked: %v", err)
		}
		until := now.Add(8 * time.Hour)
		if err := db.SetMute(ctx, b.UserID, until); err != nil {
			t.Fatal(err)
		}
		if l, err := db.FindLink(ctx, b.UserID); err != nil || !l.MutedUntil.Equal(until) || !l.Muted(now) || l.Muted(until) {
			t.Fatalf("b's link: %+v %v", l, err)
		}
		if l, _ := db.FindLink(ctx, a.UserID); !l.MutedUntil.IsZero() {
			t.Fatalf("a's side muted too: %+v", l)
		}
		muted := signalRow(a, b, "lm", now)
		muted.SelfSealed = []byte("sender's own copy")
		if err := db.SendSignal(ctx, muted, allowAll); err != nil {
			t.Fatal(err)
		}
		noCopy := signalRow(a, b, "lm", now.Add(time.Millisecond))
		if err := db.SendSignal(ctx, noCopy, allowAll); err == nil {
			t.Fatal("a signal to someone muted was stored without the sender's own copy")
		}
		if got, err := db.ListSignals(ctx, b.UserID, now.Add(-time.Hour)); err != nil || len(got) != 0 {
			t.Fatalf("b muted lists %d signals: %v", len(got), err)
		}
		got, err := db.ListSignals(ctx, a.UserID, now.Add(-time.Hour))
		if err != nil || len(got) != 1 || !got[0].SenderOnly || string(got[0].Sealed) != "sender's own copy" {
			t.Fatalf("a lists %+v, %v", got, err)
		}
		var counted int
		if err := db.SendSignal(ctx, signalRow(a, b, "lm", now.Add(time.Second)), func(sent []time.Time) error {
			counted = len(sent)
			return errors.New("stop")
		}); err == nil || counted != 1 {
			t.Fatalf("the send limit counted %d of a's signals, want 1 (%v)", counted, err)
		}
		// After the mute's time, signals reach b; what came while muted does not.
		later := signalRow(a, b, "lm", until.Add(time.Millisecond))
		if err := db.SendSignal(ctx, later, allowAll); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.ListSignals(ctx, b.UserID, now.Add(-time.Hour)); len(got) != 1 || got[0].ID != later.ID || got[0].SenderOnly {
			t.Fatalf("after the mute, b lists %+v", got)
		}
		// Until turned off; then off.
		if err := db.SetMute(ctx, b.UserID, securebase.MuteUntilOn); err != nil {
			t.Fatal(err)
		}
		if l, _ := db.FindLink(ctx, b.UserID); !l.MutedUntil.Equal(securebase.MuteUntilOn) || !l.Muted(now.AddDate(100, 0, 0)) {
			t.Fatalf("until turned back on: %+v", l)
		}
		if err := db.SetMute(ctx, b.UserID, time.Time{}); err != nil {
			t.Fatal(err)
		}
		if l, _ := db.FindLink(ctx, b.UserID); !l.MutedUntil.IsZero() {
			t.Fatalf("turned back on: %+v", l)
		}
		// Unlinking takes the mute and the sender's copies with it.
		if err := db.SetMute(ctx, b.UserID, securebase.MuteUntilOn); err != nil {
			t.Fatal(err)
		}
		if err := db.Unlink(ctx, a.UserID); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.ListSignals(ctx, a.UserID, now.Add(-time.Hour)); len(got) != 0 {
			t.Fatalf("after the unlink a lists %d signals", len(got))
		}
		linkPair(t, db, a, b, "lm2")
		if l, _ := db.FindLink(ctx, b.UserID); !l.MutedUntil.IsZero() {
			t.Fatalf("a new link starts muted: %+v", l)
		}
	})
}
