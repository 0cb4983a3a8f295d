package account_test

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"sync"
	"testing"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/account"
)

// TestStrangersCannotLockTheOwnerOut is issue 10, finding 3: wrong
// passwords typed by someone else, from one network or from many, never
// stop the owner from signing in from their own, and password failures
// never block a reset with the recovery key.
func TestStrangersCannotLockTheOwnerOut(t *testing.T) {
	ctx := context.Background()
	t.Run("eleven wrong passwords from one stranger", func(t *testing.T) {
		svc, _, _ := newService(t)
		if _, _, err := svc.SignUp(ctx, "wren", pw, "192.0.2.10", ""); err != nil {
			t.Fatal(err)
		}
		for range 11 {
			svc.SignIn(ctx, "wren", "a guess that is wrong", account.Client{Address: "203.0.113.66", Device: ""})
		}
		if _, err := svc.SignIn(ctx, "wren", pw, account.Client{Address: "192.0.2.10", Device: ""}); err != nil {
			t.Fatalf("the owner, after a stranger's 11 wrong passwords: %v", err)
		}
	})
	t.Run("wrong passwords from many networks", func(t *testing.T) {
		svc, _, c := newService(t)
		if _, _, err := svc.SignUp(ctx, "wren", pw, "192.0.2.10", ""); err != nil {
			t.Fatal(err)
		}
		for i := range 40 {
			svc.SignIn(ctx, "wren", "a guess that is wrong", account.Client{Address: fmt.Sprintf("203.0.113.%d", i+1), Device: ""})
		}
		// A slower pace for unknown browsers, never a wall: after one
		// backoff step the owner is let in.
		c.add(svc.Config().AccountBackoff)
		if _, err := svc.SignIn(ctx, "wren", pw, account.Client{Address: "192.0.2.10", Device: ""}); err != nil {
			t.Fatalf("the owner, after 40 wrong passwords from 40 networks and one backoff step: %v", err)
		}
	})
	t.Run("the recovery key after many password failures", func(t *testing.T) {
		svc, _, _ := newService(t)
		_, rk, err := svc.SignUp(ctx, "wren", pw, "192.0.2.10", "")
		if err != nil {
			t.Fatal(err)
		}
		for range 60 { // from the owner's own network: the pair and the address are over every limit
			svc.SignIn(ctx, "wren", "a guess that is wrong", account.Client{Address: "192.0.2.10", Device: ""})
		}
		if _, err := svc.SignIn(ctx, "wren", pw, account.Client{Address: "192.0.2.10", Device: ""}); securebase.ErrorCode(err) != securebase.ELIMITED {
			t.Fatalf("the password after 60 failures from one address: %v (the limit should hold there)", err)
		}
		if _, err := svc.Reset(ctx, "wren", rk.String(), "a fresh start password", account.Client{Address: "192.0.2.10", Device: ""}); err != nil {
			t.Fatalf("a reset with the recovery key after 60 password failures: %v", err)
		}
	})
}

// TestRecoveryAttemptsAreBounded: the recovery path has no account-wide
// limit (160 random bits need none), but one network's attempts are
// counted, so nobody can make the server do unbounded work.
func TestRecoveryAttemptsAreBounded(t *testing.T) {
	svc, _, _ := newService(t)
	ctx := context.Background()
	_, rk, err := svc.SignUp(ctx, "wren", pw, "192.0.2.10", "")
	if err != nil {
		t.Fatal(err)
	}
	limited := 0
	for range 100 {
		_, err := svc.Reset(ctx, "wren", "0000-0000-0000-0000-0000-0000-0000-0000", "a fresh start password", account.Client{Address: "203.0.113.66", Device: ""})
		if code(err) == securebase.ELIMITED {
			limited++
		}
	}
	if limited == 0 {
		t.Fatal("100 wrong recovery keys from one address, none limited")
	}
	if _, err := svc.Reset(ctx, "wren", rk.String(), "a fresh start password", account.Client{Address: "192.0.2.10", Device: ""}); err != nil {
		t.Fatalf("the owner's reset from another network: %v", err)
	}
}

// TestCurrentPasswordGuessesAreLimited is issue 10, finding 4: a signed-in
// session (a stolen cookie, say) cannot try the current password without
// end through "change password", "new recovery key" or account deletion.
func TestCurrentPasswordGuessesAreLimited(t *testing.T) {
	svc, _, _ := newService(t)
	ctx := context.Background()
	in, _, err := svc.SignUp(ctx, "wren", pw, "192.0.2.10", "")
	if err != nil {
		t.Fatal(err)
	}
	limited := 0
	for i := range 30 {
		var err error
		switch i % 2 {
		case 0:
			_, err = svc.ChangePassword(ctx, in.Principal, fmt.Sprintf("guess number %d", i), "an entirely new password", "")
		case 1:
			_, _, err = svc.NewRecoveryKey(ctx, in.Principal, fmt.Sprintf("guess number %d", i), "")
		}
		if code(err) == securebase.ELIMITED {
			limited++
		}
	}
	if limited < 20 {
		t.Fatalf("%d of 30 guesses at the current password were limited; want all but the first few", limited)
	}
}

// TestOneHashPerAccount is issue 10, finding 4: one account flooded with
// password attempts gets one hash at a time, so it cannot fill every
// hashing slot and make another person's sign-in wait. Every hash for the
// flooded account is held open until the other person has signed in; two
// of them running at once fails the test at once.
func TestOneHashPerAccount(t *testing.T) {
	svc, _, _ := newService(t)
	ctx := context.Background()
	for _, name := range []string{"flooded", "bystander"} {
		if _, _, err := svc.SignUp(ctx, name, pw, "192.0.2.10", ""); err != nil {
			t.Fatal(err)
		}
	}
	var mu sync.Mutex
	running, most := 0, 0
	first, twice, release := make(chan struct{}), make(chan struct{}), make(chan struct{})
	var firstOnce, twiceOnce sync.Once
	account.ObserveHashes(svc, func(name string) func() {
		if name != "flooded" {
			return func() {}
		}
		mu.Lock()
		running++
		most = max(most, running)
		if running > 1 {
			twiceOnce.Do(func() { close(twice) })
		}
		mu.Unlock()
		firstOnce.Do(func() { close(first) })
		<-release
		return func() { mu.Lock(); running--; mu.Unlock() }
	})
	var wg sync.WaitGroup
	flood := func(i int) {
		defer wg.Done()
		svc.SignIn(ctx, "flooded", "a wrong guess", account.Client{Address: fmt.Sprintf("203.0.113.%d", i+1)})
	}
	wg.Add(1)
	go flood(0)
	<-first
	for i := 1; i < 8; i++ {
		wg.Add(1)
		go flood(i)
	}
	bystander := make(chan error, 1)
	go func() {
		_, err := svc.SignIn(ctx, "bystander", pw, account.Client{Address: "192.0.2.20"})
		bystander <- err
	}()
	select {
	case err := <-bystander:
		if err != nil {
			t.Errorf("the other person's sign-in during the flood: %v", err)
		}
	case <-twice:
		t.Error("two hashes ran at once for the flooded account")
	}
	close(release)
	wg.Wait()
	t.Logf("FIGURE hashes at once for one flooded account: at most %d (8 attempts at once, 4 hashing slots)", most)
	if most > 1 {
		t.Errorf("%d hashes ran at once for one account", most)
	}
}

// TestLimitNamesAreKeyed (issue 10, finding 7): rate-limit counters are
// named by a keyed hash under a secret of the day, not by a hash anyone
// can compute (the old SHA-256 of the address). That the secret changes
// with the day and is swept is sqlstore's TestLimitSecret.
func TestLimitNamesAreKeyed(t *testing.T) {
	path := filepath.Join(t.TempDir(), "names.db")
	svc, _ := serviceOn(t, "sqlite:"+path)
	ctx := context.Background()
	if _, _, err := svc.SignUp(ctx, "wren", pw, "192.0.2.10", ""); err != nil {
		t.Fatal(err)
	}
	names := func() map[string]bool {
		raw, err := sql.Open("sqlite", "file:"+path+"?mode=ro&_pragma=busy_timeout(10000)")
		if err != nil {
			t.Fatal(err)
		}
		defer raw.Close()
		rows, err := raw.Query("SELECT key FROM limits")
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		out := map[string]bool{}
		for rows.Next() {
			var k string
			if err := rows.Scan(&k); err != nil {
				t.Fatal(err)
			}
			out[k] = true
		}
		return out
	}
	unsalted := func(kind, value string) string {
		h := sha256.Sum256([]byte(kind + "\x00" + value))
		return kind + ":" + hex.EncodeToString(h[:16])
	}
	svc.SignIn(ctx, "wren", "a wrong guess here", account.Client{Address: "203.0.113.66"})
	first := names()
	unkeyed := 0
	for _, k := range []string{unsalted("signin-address", "203.0.113.66"), unsalted("signin-account", "wren"), unsalted("signup-address", "192.0.2.10")} {
		if first[k] {
			unkeyed++
			t.Errorf("a counter is named by an unkeyed hash anyone can compute: %s", k)
		}
	}
	if len(first) < 3 {
		t.Fatalf("only %d counters after a sign-up and a wrong sign-in", len(first))
	}
	t.Logf("FIGURE limit names: %d counters, %d named by an unkeyed hash", len(first), unkeyed)
}
