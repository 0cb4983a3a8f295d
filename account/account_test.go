package account_test

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/account"
	"github.com/securebase/securebase/crypt"
	"github.com/securebase/securebase/sqlstore"
)

// clock is a fake clock tests move by hand.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func newService(t *testing.T) (*account.Service, *sqlstore.DB, *clock) {
	t.Helper()
	db, err := sqlstore.Open(context.Background(), "sqlite:"+filepath.Join(t.TempDir(), "a.db"), sqlstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	c := &clock{t: time.Date(2026, 11, 21, 23, 40, 0, 0, time.UTC)}
	w, _ := crypt.NewWrapper(nil)
	svc := account.New(account.Deps{Users: db, Sessions: db, Limits: db,
		Hasher: crypt.NewHasher(crypt.Params{Memory: 64, Time: 1, Threads: 1}, 4), Wrapper: w,
		Policy: securebase.NewPasswordPolicy(), Clock: c.now}, account.DefaultConfig())
	return svc, db, c
}

const pw = "slow exhale by the window"

func code(err error) string { return securebase.ErrorCode(err) }

func TestSignUpSignIn(t *testing.T) {
	svc, db, _ := newService(t)
	ctx := context.Background()
	in, rk, err := svc.SignUp(ctx, " Robin ", pw, "10.9.9.9", "Firefox on Linux")
	if err != nil || in.User.Username != "robin" || len(rk) == 0 {
		t.Fatalf("SignUp = %+v, %v", in, err)
	}
	// What the session unlocks seals what the password unlocks.
	e, _ := securebase.NewEntry(&securebase.CheckIn{Distress: 6, Note: "tight chest"}, "", time.Now())
	if _, err := db.CreateEntry(ctx, in.Actor, e); err != nil {
		t.Fatal(err)
	}
	again, err := svc.SignIn(ctx, "ROBIN", pw, account.Client{Address: "127.0.0.1", Device: ""})
	if err != nil {
		t.Fatal(err)
	}
	if string(again.Secret) == string(in.Secret) {
		t.Fatal("sign-in must start a new session (rotation)")
	}
	if _, err := db.FindEntry(ctx, again.Actor, securebase.KindCheckIn, e.ID); err != nil {
		t.Fatalf("entry not readable after sign-in: %v", err)
	}

	// Bad input: taken name, short and common passwords, wrong password.
	for name, c := range map[string]struct {
		user, pass, field string
	}{
		"taken":    {"robin", pw, "username"},
		"short":    {"kim", "short", "password"},
		"common":   {"kim", "password123", "password"},
		"bad name": {"no spaces", pw, "username"},
	} {
		_, _, err := svc.SignUp(ctx, c.user, c.pass, "10.9.9.9", "")
		if securebase.ErrorFields(err)[c.field] == "" {
			t.Errorf("%s: SignUp = %v, want a message on %s", name, err, c.field)
		}
	}
	_, errWrong := svc.SignIn(ctx, "robin", "wrong password here", account.Client{Address: "127.0.0.2", Device: ""})
	_, errNobody := svc.SignIn(ctx, "nobody", pw, account.Client{Address: "127.0.0.2", Device: ""})
	if code(errWrong) != securebase.EUNAUTHORIZED || securebase.ErrorMessage(errWrong) != securebase.ErrorMessage(errNobody) {
		t.Fatalf("wrong password %v and unknown user %v must read the same", errWrong, errNobody)
	}
}

func TestSessionRules(t *testing.T) {
	svc, _, c := newService(t)
	ctx := context.Background()
	in, _, err := svc.SignUp(ctx, "sam", pw, "10.9.9.9", "")
	if err != nil {
		t.Fatal(err)
	}
	cookie := in.Secret.String()
	if _, err := svc.Authenticate(ctx, cookie); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"", "x", crypt.NewSecret().String()} {
		if _, err := svc.Authenticate(ctx, bad); code(err) != securebase.EUNAUTHORIZED {
			t.Errorf("Authenticate(%q) = %v", bad, err)
		}
	}
	cfg := svc.Config()
	// Idle expiry.
	c.add(cfg.IdleTimeout + time.Minute)
	if _, err := svc.Authenticate(ctx, cookie); code(err) != securebase.EUNAUTHORIZED {
		t.Fatalf("idle session still works: %v", err)
	}
	// Absolute expiry, even when used every day.
	in, err = svc.SignIn(ctx, "sam", pw, account.Client{Address: "10.0.0.1", Device: ""})
	if err != nil {
		t.Fatal(err)
	}
	for d := time.Duration(0); d < cfg.SessionLifetime; d += 24 * time.Hour {
		c.add(24 * time.Hour)
		p, err := svc.Authenticate(ctx, in.Secret.String())
		if c.now().Before(in.Session.ExpiresAt) && err != nil {
			t.Fatalf("day %v: %v", d, err)
		}
		if p != nil {
			svc.Wait() // the background touch has landed
		}
	}
	if _, err := svc.Authenticate(ctx, in.Secret.String()); code(err) != securebase.EUNAUTHORIZED {
		t.Fatalf("session past its lifetime still works: %v", err)
	}
	// Sign out refuses reuse; sign out everywhere ends every session and
	// token, this one too.
	a, _ := svc.SignIn(ctx, "sam", pw, account.Client{Address: "10.0.0.1", Device: ""})
	b, _ := svc.SignIn(ctx, "sam", pw, account.Client{Address: "10.0.0.1", Device: ""})
	pa, _ := svc.Authenticate(ctx, a.Secret.String())
	if err := svc.SignOut(ctx, pa); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Authenticate(ctx, a.Secret.String()); code(err) != securebase.EUNAUTHORIZED {
		t.Fatalf("signed-out session reused: %v", err)
	}
	tok, err := svc.CreateToken(ctx, b.Principal, "phone", 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.SignOutEverywhere(ctx, b.Principal); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Authenticate(ctx, b.Secret.String()); code(err) != securebase.EUNAUTHORIZED {
		t.Fatalf("session after sign out everywhere: %v", err)
	}
	if _, err := svc.Authenticate(ctx, tok); code(err) != securebase.EUNAUTHORIZED {
		t.Fatalf("token after sign out everywhere: %v", err)
	}
	// The password still opens the writing.
	if _, err := svc.SignIn(ctx, "sam", pw, account.Client{Address: "10.0.0.1"}); err != nil {
		t.Fatalf("sign in after sign out everywhere: %v", err)
	}
}

// TestTokens: a token lasts as long as the person chose (90 days unless
// they chose otherwise), shows when it was last used, and is made only
// while the session asking for it exists.
func TestTokens(t *testing.T) {
	svc, _, c := newService(t)
	ctx := context.Background()
	in, _, err := svc.SignUp(ctx, "kai", pw, "10.9.9.9", "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.CreateToken(ctx, in.Principal, "odd", 12); securebase.ErrorFields(err)["days"] == "" {
		t.Fatalf("a 12-day token: %v", err)
	}
	week, err := svc.CreateToken(ctx, in.Principal, "week", 7)
	if err != nil {
		t.Fatal(err)
	}
	deflt, err := svc.CreateToken(ctx, in.Principal, "default", 0)
	if err != nil {
		t.Fatal(err)
	}
	list, _ := svc.Sessions(ctx, in.Principal, securebase.SessionToken)
	for _, tok := range list {
		if !tok.LastSeenAt.IsZero() {
			t.Errorf("token %q: last used %v before any use", tok.Label, tok.LastSeenAt)
		}
		want := map[string]time.Duration{"week": 7 * 24 * time.Hour, "default": 90 * 24 * time.Hour}[tok.Label]
		if got := tok.ExpiresAt.Sub(tok.CreatedAt); got != want {
			t.Errorf("token %q lasts %v, want %v", tok.Label, got, want)
		}
	}
	c.add(time.Hour)
	if _, err := svc.Authenticate(ctx, deflt); err != nil {
		t.Fatal(err)
	}
	svc.Wait()
	list, _ = svc.Sessions(ctx, in.Principal, securebase.SessionToken)
	for _, tok := range list {
		if tok.Label == "default" && !tok.LastSeenAt.Equal(c.now()) {
			t.Errorf("the used token shows last use %v, want %v", tok.LastSeenAt, c.now())
		}
	}
	c.add(7*24*time.Hour + time.Minute)
	if _, err := svc.Authenticate(ctx, week); code(err) != securebase.EUNAUTHORIZED {
		t.Fatalf("a 7-day token after 7 days: %v", err)
	}
	if _, err := svc.Authenticate(ctx, deflt); err != nil {
		t.Fatalf("a 90-day token after 7 days: %v", err)
	}
	// A session that has ended makes no token.
	if err := svc.SignOut(ctx, in.Principal); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.CreateToken(ctx, in.Principal, "late", 0); code(err) != securebase.EUNAUTHORIZED {
		t.Fatalf("a token from a signed-out session: %v", err)
	}
}

func TestLimits(t *testing.T) {
	svc, _, c := newService(t)
	ctx := context.Background()
	if _, _, err := svc.SignUp(ctx, "lee", pw, "10.9.9.9", ""); err != nil {
		t.Fatal(err)
	}
	cfg := svc.Config()
	var limited int
	for i := 0; i < 30; i++ {
		_, err := svc.SignIn(ctx, "lee", "not the password", account.Client{Address: "192.0.2.1"})
		if code(err) == securebase.ELIMITED {
			limited++
		}
	}
	if limited != 30-cfg.AccountAttempts {
		t.Fatalf("%d of 30 attempts from one address limited; want %d", limited, 30-cfg.AccountAttempts)
	}
	// From that address even the right password waits out the window.
	if _, err := svc.SignIn(ctx, "lee", pw, account.Client{Address: "192.0.2.1"}); code(err) != securebase.ELIMITED {
		t.Fatalf("right password from the guessing address: %v", err)
	}
	// Elsewhere, past the account's count, a browser it hasn't seen is
	// slowed (one try per backoff step), not walled.
	if _, err := svc.SignIn(ctx, "lee", pw, account.Client{Address: "198.51.100.7"}); err != nil {
		t.Fatalf("the owner from another network: %v", err)
	}
	svc.SignIn(ctx, "lee", "nope nope nope", account.Client{Address: "198.51.100.8"})
	if _, err := svc.SignIn(ctx, "lee", pw, account.Client{Address: "198.51.100.9"}); code(err) != securebase.ELIMITED {
		t.Fatalf("a second try in one backoff step from an unknown browser: %v", err)
	}
	c.add(cfg.AccountBackoff)
	in, err := svc.SignIn(ctx, "lee", pw, account.Client{Address: "198.51.100.9"})
	if err != nil {
		t.Fatalf("after one backoff step: %v", err)
	}
	// A browser that has signed in before is never slowed.
	svc.SignIn(ctx, "lee", "nope nope nope", account.Client{Address: "198.51.100.8"})
	if _, err := svc.SignIn(ctx, "lee", pw, account.Client{Address: "198.51.100.9", Known: in.Known}); err != nil {
		t.Fatalf("a known browser during the slow-down: %v", err)
	}
	if _, err := svc.SignIn(ctx, "lee", pw, account.Client{Address: "198.51.100.9", Known: "bm90IGEga25vd24gYnJvd3Nlcg"}); code(err) != securebase.ELIMITED {
		t.Fatalf("a forged known-browser cookie: %v", err)
	}
	c.add(cfg.AttemptWindow + time.Second)
	if _, err := svc.SignIn(ctx, "lee", pw, account.Client{Address: "192.0.2.1"}); err != nil {
		t.Fatalf("after the window: %v", err)
	}
	// A correct sign-in clears the pair's count.
	for i := 0; i < cfg.AccountAttempts-1; i++ {
		svc.SignIn(ctx, "lee", "nope nope nope", account.Client{Address: "203.0.113.7", Known: in.Known})
	}
	if _, err := svc.SignIn(ctx, "lee", pw, account.Client{Address: "203.0.113.7", Known: in.Known}); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < cfg.AccountAttempts-1; i++ {
		if _, err := svc.SignIn(ctx, "lee", "nope nope nope", account.Client{Address: "203.0.113.7", Known: in.Known}); code(err) == securebase.ELIMITED {
			t.Fatalf("limited after %d misses following a correct sign-in", i+1)
		}
	}
}

func TestPasswordChangeAndRecovery(t *testing.T) {
	svc, db, _ := newService(t)
	ctx := context.Background()
	in, rk, err := svc.SignUp(ctx, "ash", pw, "10.9.9.9", "")
	if err != nil {
		t.Fatal(err)
	}
	e, _ := securebase.NewEntry(&securebase.CheckIn{Distress: 3}, "keep", time.Now())
	db.CreateEntry(ctx, in.Actor, e)
	if err := svc.UpdatePrefs(ctx, in.Principal, securebase.Prefs{Country: "IE"}); err != nil {
		t.Fatal(err)
	}

	if _, err := svc.ChangePassword(ctx, in.Principal, "wrong current pw", "a brand new passphrase", ""); securebase.ErrorFields(err)["current"] == "" {
		t.Fatalf("wrong current password: %v", err)
	}
	fresh, err := svc.ChangePassword(ctx, in.Principal, pw, "a brand new passphrase", "")
	if err != nil {
		t.Fatal(err)
	}
	if fresh.User.Prefs.Country != "IE" {
		t.Fatalf("prefs after a password change: %+v", fresh.User.Prefs)
	}
	if _, err := svc.Authenticate(ctx, in.Secret.String()); code(err) != securebase.EUNAUTHORIZED {
		t.Fatal("old session survived a password change")
	}
	if _, err := svc.SignIn(ctx, "ash", pw, account.Client{Address: "10.1.1.1", Device: ""}); code(err) != securebase.EUNAUTHORIZED {
		t.Fatal("old password still works")
	}

	// Reset with the recovery key; the writing is still there.
	for _, bad := range []string{"", "not a key", crypt.NewRecoveryKey().String()} {
		if _, err := svc.Reset(ctx, "ash", bad, "third password here", account.Client{Address: "10.1.1.2", Device: ""}); code(err) != securebase.EUNAUTHORIZED {
			t.Errorf("Reset with %q: %v", bad, err)
		}
	}
	reset, err := svc.Reset(ctx, "ash", rk.String(), "third password here", account.Client{Address: "10.1.1.3", Device: ""})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.FindEntry(ctx, reset.Actor, securebase.KindCheckIn, "keep"); err != nil {
		t.Fatalf("entry after reset: %v", err)
	}
	if _, err := svc.Authenticate(ctx, fresh.Secret.String()); err == nil {
		t.Fatal("sessions must end on reset")
	}

	// A new recovery key replaces the old one.
	rk2, _, err := svc.NewRecoveryKey(ctx, reset.Principal, "third password here", "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Reset(ctx, "ash", rk.String(), "fourth password here", account.Client{Address: "10.1.1.4", Device: ""}); err == nil {
		t.Fatal("the replaced recovery key still works")
	}
	if _, err := svc.Reset(ctx, "ash", rk2.String(), "fourth password here", account.Client{Address: "10.1.1.4", Device: ""}); err != nil {
		t.Fatalf("new recovery key: %v", err)
	}
}

func TestDeleteAccount(t *testing.T) {
	svc, db, _ := newService(t)
	ctx := context.Background()
	in, _, _ := svc.SignUp(ctx, "fern", pw, "10.9.9.9", "")
	for _, wrong := range []string{"", "fern", "not the password"} {
		if err := svc.DeleteAccount(ctx, in.Principal, wrong); securebase.ErrorFields(err)["password"] == "" {
			t.Fatalf("deletion confirmed with %q: %v", wrong, err)
		}
	}
	if n, _ := db.CountUsers(ctx); n != 1 {
		t.Fatal("a refused deletion deleted")
	}
	if err := svc.DeleteAccount(ctx, in.Principal, pw); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Authenticate(ctx, in.Secret.String()); err == nil {
		t.Fatal("session of a deleted account works")
	}
	if n, _ := db.CountUsers(ctx); n != 0 {
		t.Fatalf("%d users left", n)
	}
}

func TestSignUpLimit(t *testing.T) {
	svc, _, _ := newService(t)
	ctx := context.Background()
	limit := svc.Config().SignUpAttempts
	for i := 0; i < limit; i++ {
		if _, _, err := svc.SignUp(ctx, fmt.Sprintf("person%d", i), pw, "203.0.113.5", ""); err != nil {
			t.Fatalf("sign-up %d: %v", i, err)
		}
	}
	if _, _, err := svc.SignUp(ctx, "one-more", pw, "203.0.113.5", ""); code(err) != securebase.ELIMITED {
		t.Fatalf("sign-up over the limit: %v", err)
	}
	if _, _, err := svc.SignUp(ctx, "one-more", pw, "203.0.113.6", ""); err != nil {
		t.Fatalf("another address: %v", err)
	}
}
