package account

import (
	"context"
	"database/sql"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/crypt"
	"github.com/securebase/securebase/sqlstore"
)

// legacyAccount writes an account the way the first release did: wraps
// without epochs or recipients, prefs unpadded, entries under their ids
// in the clear, unpadded, without an envelope.
func legacyAccount(t *testing.T, s *Service, path, name, password string, notes []string) crypt.RecoveryKey {
	t.Helper()
	ctx := context.Background()
	pk, err := s.hasher.Hash(ctx, password)
	if err != nil {
		t.Fatal(err)
	}
	raw, rk := crypt.NewKey(), crypt.NewRecoveryKey()
	u := &securebase.User{ID: newUserID(), Username: name, CreatedAt: time.Now(), PasswordHash: pk.PHC}
	u.PasswordWrap = s.wrapper.Wrap(pk.KEK, raw, legacyAD(u.ID, "users.password_wrap"))
	u.RecoveryWrap = s.wrapper.Wrap(rk.KEK(), raw, legacyAD(u.ID, "users.recovery_wrap"))
	if err := s.users.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	dk, _ := crypt.NewDataKey(raw)
	old := dk.Legacy()
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	prefs, _ := json.Marshal(securebase.Prefs{Country: "NZ"})
	if _, err := db.Exec("UPDATE users SET prefs = ?, prefs_version = 1 WHERE id = ?", old.Seal(prefs, securebase.PrefsAD(u.ID, 1)), u.ID); err != nil {
		t.Fatal(err)
	}
	for i, note := range notes {
		data, _ := json.Marshal(securebase.CheckIn{Distress: i, Note: note})
		id := "legacy-" + string(rune('a'+i))
		if _, err := db.Exec(`INSERT INTO entries (user_id, id, kind, occurred_at, created_at, updated_at, version, data)
			VALUES (?, ?, 'checkin', ?, ?, ?, 1, ?)`, u.ID, id, time.Now().UnixMilli(), time.Now().UnixMilli(), time.Now().UnixMilli(),
			old.Seal(data, securebase.AD(u.ID, "entries", id, 1))); err != nil {
			t.Fatal(err)
		}
	}
	return rk
}

// TestLegacyAccounts: an account made before key rotation signs in with
// its password (and is given a new recovery key, since the old one cannot
// be rewrapped without being typed) or resets with its recovery key; its
// writing is resealed in today's form, under ids no longer in the clear.
func TestLegacyAccounts(t *testing.T) {
	path := filepath.Join(t.TempDir(), "legacy.db")
	db, err := sqlstore.Open(context.Background(), "sqlite:"+path, sqlstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	w, _ := crypt.NewWrapper(nil)
	s := New(Deps{Users: db, Sessions: db, Limits: db, Hasher: crypt.NewHasher(crypt.Params{Memory: 64, Time: 1, Threads: 1}, 2),
		Wrapper: w, Policy: securebase.NewPasswordPolicy(), Clock: time.Now}, DefaultConfig())
	ctx := context.Background()
	const password = "an old account's password"
	notes := []string{"from the first release", "still mine"}

	check := func(in *SignedIn) {
		t.Helper()
		for i := range notes {
			id := "legacy-" + string(rune('a'+i))
			e, err := db.FindEntry(ctx, in.Actor, securebase.KindCheckIn, id)
			if err != nil || !strings.Contains(string(e.Data), notes[i]) {
				t.Fatalf("entry %s after the upgrade: %+v, %v", id, e, err)
			}
		}
		if in.User.Prefs.Country != "NZ" {
			t.Fatalf("prefs after the upgrade: %+v", in.User.Prefs)
		}
		if in.User.Recipients == nil || in.User.KeyEpoch != 1 {
			t.Fatalf("the account was not brought up to date: epoch %d", in.User.KeyEpoch)
		}
	}

	oldKey := legacyAccount(t, s, path, "elder", password, notes)
	in, err := s.SignIn(ctx, "elder", password, Client{Address: "192.0.2.1"})
	if err != nil {
		t.Fatal(err)
	}
	if in.RecoveryKey == nil {
		t.Fatal("an upgraded account must be shown a new recovery key")
	}
	check(in)
	if _, err := s.Reset(ctx, "elder", oldKey.String(), "another password here", Client{Address: "192.0.2.1"}); err == nil {
		t.Fatal("the first release's recovery key still works after the upgrade")
	}
	if _, err := s.Reset(ctx, "elder", in.RecoveryKey.String(), "another password here", Client{Address: "192.0.2.1"}); err != nil {
		t.Fatalf("the new recovery key: %v", err)
	}
	if _, err := s.SignIn(ctx, "elder", "another password here", Client{Address: "192.0.2.1"}); err != nil {
		t.Fatal(err)
	}

	rk := legacyAccount(t, s, path, "elder2", password, notes)
	reset, err := s.Reset(ctx, "elder2", rk.String(), "a fresh password now", Client{Address: "192.0.2.2"})
	if err != nil {
		t.Fatal(err)
	}
	check(reset)
	if _, err := s.Reset(ctx, "elder2", rk.String(), "and another one too", Client{Address: "192.0.2.2"}); err != nil {
		t.Fatalf("the recovery key after a legacy reset: %v", err)
	}
}
