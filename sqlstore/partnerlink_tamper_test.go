package sqlstore_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/account"
	"github.com/securebase/securebase/crypt"
	"github.com/securebase/securebase/partner"
	"github.com/securebase/securebase/sqlstore"
)

// TestSignalsSealedToTheirPair runs linked partners through the account
// service on both databases: a signal opens for its two people, a sealed
// signal moved to another pair's row opens for no one, a password change
// (a new data key) keeps the private key and so the signals readable,
// codes work once and only in time, and wrong codes and new codes are
// limited.
func TestSignalsSealedToTheirPair(t *testing.T) {
	forEach(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		// Noon UTC today: the limits' keys change with the UTC day
		// (account.limitKey), and the clock moves on by a code's lifetime
		// below, so a run just before midnight must not start a new day.
		now := time.Now().UTC().Truncate(24 * time.Hour).Add(12 * time.Hour)
		clock := func() time.Time { return now }
		w, _ := crypt.NewWrapper(nil)
		svc := account.New(account.Deps{Users: db, Sessions: db, Limits: db, Links: db,
			Hasher: crypt.NewHasher(crypt.Params{Memory: 64, Time: 1, Threads: 1}, 2), Wrapper: w,
			Policy: securebase.NewPasswordPolicy(), Clock: clock}, account.DefaultConfig())
		const pass = "a long walk by the water"
		people := map[string]*account.Principal{}
		for _, n := range []string{"pair-a", "pair-b", "pair-c", "pair-d"} {
			in, _, err := svc.SignUp(ctx, n, pass, "192.0.2.9", "")
			if err != nil {
				t.Fatal(err)
			}
			people[n] = in.Principal
		}
		a, b, c, d := people["pair-a"], people["pair-b"], people["pair-c"], people["pair-d"]
		link := func(x, y *account.Principal) {
			t.Helper()
			code, _, err := svc.CreateInvite(ctx, x, pass)
			if err != nil {
				t.Fatal(err)
			}
			if err := svc.AcceptInvite(ctx, y, code, pass, "198.51.100.1"); err != nil {
				t.Fatal(err)
			}
		}
		link(a, b)
		link(c, d)
		say := func(x *account.Principal, words string) {
			t.Helper()
			if err := svc.SendSignal(ctx, x, partner.Signal{Kind: "thinking-of-you", Words: words}); err != nil {
				t.Fatal(err)
			}
		}
		say(a, "from a to b")
		say(c, "from c to d")
		for _, who := range []*account.Principal{a, b} {
			list, err := svc.Signals(ctx, who)
			if err != nil || len(list) != 1 || list[0].Words != "from a to b" || list[0].Mine != (who == a) {
				t.Fatalf("signals of %s: %+v %v", who.User.Username, list, err)
			}
		}
		// A's sealed signal in c→d's row: it opens for no one there.
		abSealed := sqlstore.RawBytes(t, db, "SELECT sealed FROM partner_signals WHERE sender_id = ?", a.User.ID)
		sqlstore.RawExec(t, db, "UPDATE partner_signals SET sealed = ? WHERE sender_id = ?", abSealed, c.User.ID)
		for _, who := range []*account.Principal{c, d} {
			list, err := svc.Signals(ctx, who)
			if !errors.Is(err, crypt.ErrOpen) || len(list) != 0 {
				t.Errorf("a signal moved to another pair opened for %s: %+v (err %v)", who.User.Username, list, err)
			}
		}
		// The same ciphertext in another row of the same pair does not
		// open either: its sealed context names its own row.
		say(b, "from b to a")
		sqlstore.RawExec(t, db, "UPDATE partner_signals SET sealed = ? WHERE sender_id = ?", abSealed, b.User.ID)
		if list, err := svc.Signals(ctx, a); !errors.Is(err, crypt.ErrOpen) || len(list) != 1 {
			t.Errorf("a copied signal within the pair: %d opened (err %v)", len(list), err)
		}

		// A new data key (password change) keeps the signals readable.
		in, err := svc.ChangePassword(ctx, a, pass, "a new and longer password here", "")
		if err != nil {
			t.Fatal(err)
		}
		if list, err := svc.Signals(ctx, in.Principal); len(list) != 1 || list[0].Words != "from a to b" || !errors.Is(err, crypt.ErrOpen) {
			t.Fatalf("after a's password change: %+v %v", list, err)
		}
		say(in.Principal, "after the change")

		// Codes: one's own, expired, used: the expired and used alike.
		e, f := people["pair-c"], people["pair-d"]
		_ = svc.Unlink(ctx, e)
		first, _, err := svc.CreateInvite(ctx, e, pass)
		if err != nil {
			t.Fatal(err)
		}
		now = now.Add(partner.InviteLifetime)
		wrong := svc.AcceptInvite(ctx, f, "00000-00000", pass, "198.51.100.2")
		expired := svc.AcceptInvite(ctx, f, first, pass, "198.51.100.2")
		if code(wrong) != securebase.ENOTFOUND || securebase.ErrorMessage(wrong) != securebase.ErrorMessage(expired) || code(expired) != code(wrong) {
			t.Fatalf("wrong %v, expired %v: want the same answer", wrong, expired)
		}
		// Wrong codes: InviteAttemptsPerHour, then even the right one waits.
		code2, _, err := svc.CreateInvite(ctx, e, pass)
		if err != nil {
			t.Fatal(err)
		}
		for range partner.InviteAttemptsPerHour - 2 {
			_ = svc.AcceptInvite(ctx, f, "11111-11111", pass, "198.51.100.2")
		}
		if err := svc.AcceptInvite(ctx, f, code2, pass, "198.51.100.2"); code(err) != securebase.ELIMITED {
			t.Fatalf("the right code after %d wrong ones: %v", partner.InviteAttemptsPerHour, err)
		}
		// New codes: InvitesPerDay (e made 3 today: the first link and two here).
		if _, _, err := svc.CreateInvite(ctx, e, pass); code(err) != securebase.ELIMITED {
			t.Fatalf("a fourth code in a day: %v", err)
		}
	})
}

// TestMutedCopyIsTheSenders: a signal sent while the partner has muted
// signals is kept as the sender's own copy, which the sender reads and
// the partner cannot open even if the row is altered to reach them.
func TestMutedCopyIsTheSenders(t *testing.T) {
	forEach(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		now := time.Now()
		w, _ := crypt.NewWrapper(nil)
		svc := account.New(account.Deps{Users: db, Sessions: db, Limits: db, Links: db,
			Hasher: crypt.NewHasher(crypt.Params{Memory: 64, Time: 1, Threads: 1}, 2), Wrapper: w,
			Policy: securebase.NewPasswordPolicy(), Clock: func() time.Time { return now }}, account.DefaultConfig())
		const pass = "a long walk by the water"
		var ps []*account.Principal
		for _, n := range []string{"mute-x", "mute-y"} {
			in, _, err := svc.SignUp(ctx, n, pass, "192.0.2.9", "")
			if err != nil {
				t.Fatal(err)
			}
			ps = append(ps, in.Principal)
		}
		a, b := ps[0], ps[1]
		code, _, err := svc.CreateInvite(ctx, a, pass)
		if err != nil {
			t.Fatal(err)
		}
		if err := svc.AcceptInvite(ctx, b, code, pass, "198.51.100.1"); err != nil {
			t.Fatal(err)
		}
		if err := svc.Mute(ctx, b, now.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if err := svc.SendSignal(ctx, a, partner.Signal{Kind: "thinking-of-you", Words: "while muted"}); err != nil {
			t.Fatal(err)
		}
		if list, err := svc.Signals(ctx, a); err != nil || len(list) != 1 || !list[0].Mine || list[0].Words != "while muted" {
			t.Fatalf("the sender reads %+v %v", list, err)
		}
		if list, err := svc.Signals(ctx, b); err != nil || len(list) != 0 {
			t.Fatalf("the partner who muted reads %+v %v", list, err)
		}
		// Altered at rest to reach the partner: it opens for neither.
		sqlstore.RawExec(t, db, "UPDATE partner_signals SET sender_only = 0 WHERE sender_id = ?", a.User.ID)
		for _, who := range []*account.Principal{a, b} {
			if list, err := svc.Signals(ctx, who); !errors.Is(err, crypt.ErrOpen) || len(list) != 0 {
				t.Errorf("the sender's own copy, altered, opened for %s: %+v (err %v)", who.User.Username, list, err)
			}
		}
	})
}
