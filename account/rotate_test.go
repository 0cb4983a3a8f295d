package account_test

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/account"
	"github.com/securebase/securebase/crypt"
)

// thief is someone who took a copy of the database before a credential
// change and kept every secret that was good at that time: the password,
// the recovery key and a cookie. They unlock what they can with the real
// code over their copy, then try the keys they got on every entry of the
// live database as it is after the change.
type thief struct {
	name     string
	password string
	recovery string
	cookie   string
	copyPath string
}

// keys returns every data key the thief can unlock from their copy, by
// the credential that gave it.
func (th thief) keys(t *testing.T) map[string]securebase.Sealer {
	t.Helper()
	svc, db := serviceOn(t, "sqlite:"+th.copyPath)
	ctx := context.Background()
	out := map[string]securebase.Sealer{}
	if th.password != "" {
		if in, err := svc.SignIn(ctx, th.name, th.password, account.Client{Address: "198.51.100.1", Device: ""}); err == nil {
			out["old password"] = in.Actor.Key
		}
	}
	if p, err := svc.Authenticate(ctx, th.cookie); err == nil {
		out["old cookie"] = p.Actor.Key
	}
	if th.recovery != "" {
		// Not a reset, which would change the copy: the key as the copy
		// has it wrapped.
		rk, _ := crypt.ParseRecoveryKey(th.recovery)
		u, err := db.FindUserByName(ctx, th.name)
		if err != nil {
			t.Fatal(err)
		}
		if key, err := account.UnlockWithRecovery(svc, u, rk); err == nil {
			out["old recovery key"] = key
		}
	}
	if len(out) == 0 {
		t.Fatal("the thief unlocked nothing from the copy: the test itself is broken")
	}
	return out
}

// rawEntry is a stored entry as the files hold it.
type rawEntry struct {
	id      string
	version int
	data    []byte
}

func rawEntries(t *testing.T, path string, userID int64) []rawEntry {
	t.Helper()
	raw, err := sql.Open("sqlite", "file:"+path+"?mode=ro&_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	rows, err := raw.Query("SELECT id, version, data FROM entries WHERE user_id = ?", userID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []rawEntry
	for rows.Next() {
		var e rawEntry
		if err := rows.Scan(&e.id, &e.version, &e.data); err != nil {
			t.Fatal(err)
		}
		out = append(out, e)
	}
	return out
}

// opened counts the entries a key opens.
func opened(key securebase.Sealer, userID int64, entries []rawEntry) int {
	n := 0
	for _, e := range entries {
		if _, err := key.Open(e.data, securebase.AD(userID, "entries", e.id, e.version)); err == nil {
			n++
		}
	}
	return n
}

// TestOldSecretsOpenNothingNew is issue 10, finding 2: after a password
// change, a reset with the recovery key, "sign out everywhere" or a new
// recovery key, the secrets that were good before the change, together
// with a copy of the database made before it, open none of the writing
// saved after it. Positive controls: the same thief opens every entry of
// their own copy, and the owner's new credentials open the new writing.
func TestOldSecretsOpenNothingNew(t *testing.T) {
	const newPassword = "a new password only I know"
	for _, change := range []struct {
		name string
		// do makes the change and returns the owner's session after it
		// (a fresh one, or a new sign-in where the change ends them all).
		do func(ctx context.Context, svc *account.Service, name string, in *account.SignedIn, rk crypt.RecoveryKey) (*account.SignedIn, error)
		// Which secrets the change replaces (a cookie always ends).
		passwordChanged, recoveryChanged bool
	}{
		{name: "password change", passwordChanged: true, do: func(ctx context.Context, svc *account.Service, name string, in *account.SignedIn, rk crypt.RecoveryKey) (*account.SignedIn, error) {
			return svc.ChangePassword(ctx, in.Principal, pw, newPassword, "")
		}},
		{name: "recovery reset", passwordChanged: true, do: func(ctx context.Context, svc *account.Service, name string, in *account.SignedIn, rk crypt.RecoveryKey) (*account.SignedIn, error) {
			return svc.Reset(ctx, name, rk.String(), newPassword, account.Client{Address: "192.0.2.1", Device: ""})
		}},
		{name: "sign out everywhere", do: func(ctx context.Context, svc *account.Service, name string, in *account.SignedIn, rk crypt.RecoveryKey) (*account.SignedIn, error) {
			if err := svc.SignOutEverywhere(ctx, in.Principal); err != nil {
				return nil, err
			}
			return svc.SignIn(ctx, name, pw, account.Client{Address: "192.0.2.1", Device: ""})
		}},
		{name: "new recovery key", recoveryChanged: true, do: func(ctx context.Context, svc *account.Service, name string, in *account.SignedIn, rk crypt.RecoveryKey) (*account.SignedIn, error) {
			if _, _, err := svc.NewRecoveryKey(ctx, in.Principal, pw, ""); err != nil {
				return nil, err
			}
			return svc.SignIn(ctx, name, pw, account.Client{Address: "192.0.2.1", Device: ""})
		}},
	} {
		t.Run(change.name, func(t *testing.T) {
			dir := t.TempDir()
			live := filepath.Join(dir, "live.db")
			svc, db := serviceOn(t, "sqlite:"+live)
			ctx := context.Background()
			in, rk, err := svc.SignUp(ctx, "ivy", pw, "192.0.2.1", "")
			if err != nil {
				t.Fatal(err)
			}
			save := func(a securebase.Actor, n int, note string) {
				for i := range n {
					e, err := securebase.NewEntry(&securebase.CheckIn{Distress: i % 11, Note: fmt.Sprintf("%s %d", note, i)}, "", time.Now())
					if err != nil {
						t.Fatal(err)
					}
					if _, err := db.CreateEntry(ctx, a, e); err != nil {
						t.Fatal(err)
					}
				}
			}
			save(in.Actor, 20, "before the change")
			th := thief{name: "ivy", cookie: in.Secret.String(), copyPath: filepath.Join(dir, "copy.db")}
			if change.passwordChanged {
				th.password = pw
			}
			if change.recoveryChanged {
				th.recovery = rk.String()
			}
			if err := db.Backup(ctx, th.copyPath); err != nil {
				t.Fatal(err)
			}
			before := rawEntries(t, th.copyPath, in.User.ID)

			after, err := change.do(ctx, svc, "ivy", in, rk)
			if err != nil {
				t.Fatal(err)
			}
			save(after.Actor, 20, "after the change")
			if err := db.Checkpoint(ctx); err != nil {
				t.Fatal(err)
			}
			// Every entry of the live database: the 20 saved after the
			// change, and the 20 from before, resealed by it.
			written := rawEntries(t, live, in.User.ID)
			all := written
			if got := opened(after.Actor.Key, in.User.ID, all); got != 40 {
				t.Fatalf("positive control: the owner's key after the change opens %d of 40 entries", got)
			}
			for cred, key := range th.keys(t) {
				if got := opened(key, in.User.ID, before); got != 20 {
					t.Errorf("positive control: %s + the old copy opens %d of the copy's 20 entries", cred, got)
				}
				n := opened(key, in.User.ID, written)
				t.Logf("FIGURE key rotation %s: %s + a copy from before opens %d of the %d entries of the live database",
					change.name, cred, n, len(written))
				if n != 0 {
					t.Errorf("after a %s, the %s and a copy of the database from before open %d of %d entries",
						change.name, cred, n, len(written))
				}
			}
		})
	}
}
