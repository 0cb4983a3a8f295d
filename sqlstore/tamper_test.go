package sqlstore_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/account"
	"github.com/securebase/securebase/crypt"
	"github.com/securebase/securebase/proof"
	"github.com/securebase/securebase/sqlstore"
)

// Tampering, on both databases, for every entry kind and every other
// sealed or wrapped value: a ciphertext moved to another row or user, a
// flipped bit anywhere (nonce, body, tag), a truncated or emptied value,
// an old version written back: none of it opens, and a list that meets
// one fails instead of skipping it.

func mutations(sealed []byte) map[string][]byte {
	at := func(i int) []byte {
		b := bytes.Clone(sealed)
		b[i] ^= 0x01
		return b
	}
	return map[string][]byte{
		"flipped nonce bit": at(0),
		"flipped body bit":  at(len(sealed) / 2),
		"flipped tag bit":   at(len(sealed) - 1),
		"truncated":         sealed[:len(sealed)-1],
		"nonce only":        sealed[:24],
		"empty":             {},
	}
}

func TestTamperEveryKind(t *testing.T) {
	forEach(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		for _, kind := range securebase.Kinds() {
			a, b := newUser(t, db, "tamper-a-"+string(kind)), newUser(t, db, "tamper-b-"+string(kind))
			mk := func(who securebase.Actor, id string) {
				e, err := proof.Entry(kind, id, "tamper canary "+id)
				if err != nil {
					t.Fatal(err)
				}
				e.OccurredAt = time.Now()
				if _, err := db.CreateEntry(ctx, who, e); err != nil {
					t.Fatal(err)
				}
			}
			mk(a, "one")
			mk(a, "two")
			mk(b, "one")
			data := func(who securebase.Actor, id string) []byte {
				return sqlstore.RawBytes(t, db, "SELECT data FROM entries WHERE user_id = ? AND id = ?", who.UserID, sqlstore.StoredID(who, id))
			}
			set := func(who securebase.Actor, id string, v []byte) {
				sqlstore.RawExec(t, db, "UPDATE entries SET data = ? WHERE user_id = ? AND id = ?", v, who.UserID, sqlstore.StoredID(who, id))
			}
			v1 := data(a, "one")
			e, err := db.FindEntry(ctx, a, kind, "one")
			if err != nil {
				t.Fatal(err)
			}
			if err := db.UpdateEntry(ctx, a, e); err != nil {
				t.Fatal(err)
			}
			good := map[string][]byte{"a/one": data(a, "one"), "a/two": data(a, "two"), "b/one": data(b, "one")}
			cases := map[string]struct {
				who securebase.Actor
				id  string
				v   []byte
			}{
				"row one → row two":    {a, "two", good["a/one"]},
				"user a → user b":      {b, "one", good["a/one"]},
				"old version replayed": {a, "one", v1},
			}
			for name, m := range mutations(good["a/two"]) {
				cases[name] = struct {
					who securebase.Actor
					id  string
					v   []byte
				}{a, "two", m}
			}
			for name, c := range cases {
				set(c.who, c.id, c.v)
				if _, err := db.FindEntry(ctx, c.who, kind, c.id); !errors.Is(err, crypt.ErrOpen) {
					t.Errorf("%s %s: FindEntry opened it (err %v)", kind, name, err)
				}
				if list, err := db.ListEntries(ctx, c.who, securebase.EntryFilter{Kind: kind}); !errors.Is(err, crypt.ErrOpen) {
					t.Errorf("%s %s: ListEntries = %d entries, %v; want the error, not a silent skip", kind, name, len(list), err)
				}
				// Put everything back before the next case.
				set(a, "one", good["a/one"])
				set(a, "two", good["a/two"])
				set(b, "one", good["b/one"])
			}
		}
	})
}

func TestTamperPrefsAndSessionLabels(t *testing.T) {
	forEach(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		a, b := newUser(t, db, "prefs-a"), newUser(t, db, "prefs-b")
		for _, who := range []securebase.Actor{a, b} {
			if err := db.UpdatePrefs(ctx, who, securebase.Prefs{Country: "NZ", TimeZone: "Pacific/Auckland"}); err != nil {
				t.Fatal(err)
			}
		}
		prefs := func(who securebase.Actor) []byte {
			return sqlstore.RawBytes(t, db, "SELECT prefs FROM users WHERE id = ?", who.UserID)
		}
		opens := func(who securebase.Actor) error {
			u, err := db.FindUser(ctx, who.UserID)
			if err != nil {
				return err
			}
			return u.OpenPrefs(who.Key)
		}
		old, bGood := prefs(a), prefs(b)
		if err := db.UpdatePrefs(ctx, a, securebase.Prefs{Country: "IE"}); err != nil {
			t.Fatal(err)
		}
		aGood := prefs(a)
		cases := map[string]struct {
			who securebase.Actor
			v   []byte
		}{"user a → user b": {b, aGood}, "old version replayed": {a, old}, "set to NULL": {a, nil}}
		for name, m := range mutations(aGood) {
			cases[name] = struct {
				who securebase.Actor
				v   []byte
			}{a, m}
		}
		for name, c := range cases {
			sqlstore.RawExec(t, db, "UPDATE users SET prefs = ? WHERE id = ?", c.v, c.who.UserID)
			if err := opens(c.who); err == nil {
				t.Errorf("prefs %s: opened", name)
			}
			sqlstore.RawExec(t, db, "UPDATE users SET prefs = ? WHERE id = ?", aGood, a.UserID)
			sqlstore.RawExec(t, db, "UPDATE users SET prefs = ? WHERE id = ?", bGood, b.UserID)
		}

		// A session's sealed label moved to another session does not open.
		ids := [][]byte{crypt.NewSecret().ID(), crypt.NewSecret().ID()}
		for i, id := range ids {
			s := &securebase.Session{ID: id, Kind: securebase.SessionToken, CreatedAt: time.Now(), LastSeenAt: time.Now(),
				KeyWrap: []byte{1}, Label: fmt.Sprintf("token %d", i)}
			if err := db.CreateSession(ctx, a, s); err != nil {
				t.Fatal(err)
			}
		}
		label := sqlstore.RawBytes(t, db, "SELECT label FROM sessions WHERE id = ?", ids[0])
		sqlstore.RawExec(t, db, "UPDATE sessions SET label = ? WHERE id = ?", label, ids[1])
		if _, err := db.ListSessions(ctx, a, securebase.SessionToken); !errors.Is(err, crypt.ErrOpen) {
			t.Errorf("a session label moved to another session opened (err %v)", err)
		}
	})
}

// TestTamperWrappedKeys swaps the wrapped data keys between two accounts
// and between sessions: nobody is ever signed in with someone else's key.
func TestTamperWrappedKeys(t *testing.T) {
	forEach(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		w, _ := crypt.NewWrapper(nil)
		svc := account.New(account.Deps{Users: db, Sessions: db, Limits: db,
			Hasher: crypt.NewHasher(crypt.Params{Memory: 64, Time: 1, Threads: 1}, 2), Wrapper: w,
			Policy: securebase.NewPasswordPolicy(), Clock: time.Now}, account.DefaultConfig())
		const pwA, pwB = "alpha's own password", "beta's own password"
		a, rkA, err := svc.SignUp(ctx, "wrap-alpha", pwA, "127.0.0.1", "")
		if err != nil {
			t.Fatal(err)
		}
		b, rkB, err := svc.SignUp(ctx, "wrap-beta", pwB, "127.0.0.1", "")
		if err != nil {
			t.Fatal(err)
		}
		_ = rkA
		col := func(column string, id int64) []byte {
			return sqlstore.RawBytes(t, db, "SELECT "+column+" FROM users WHERE id = ?", id)
		}
		restore := map[string][]byte{"password_wrap": col("password_wrap", b.User.ID), "recovery_wrap": col("recovery_wrap", b.User.ID)}

		// Alpha's password wrap in beta's row: beta's password does not
		// sign in, and nothing opens with alpha's key.
		sqlstore.RawExec(t, db, "UPDATE users SET password_wrap = ? WHERE id = ?", col("password_wrap", a.User.ID), b.User.ID)
		if in, err := svc.SignIn(ctx, "wrap-beta", pwB, account.Client{Address: "192.0.2.1", Device: ""}); err == nil {
			t.Errorf("signed in as beta with alpha's password wrap (user %d)", in.User.ID)
		}
		// Alpha's recovery wrap in beta's row: beta's recovery key fails.
		sqlstore.RawExec(t, db, "UPDATE users SET recovery_wrap = ? WHERE id = ?", col("recovery_wrap", a.User.ID), b.User.ID)
		if _, err := svc.Reset(ctx, "wrap-beta", rkB.String(), "a new beta password", account.Client{Address: "192.0.2.2", Device: ""}); err == nil {
			t.Error("reset beta's password through alpha's recovery wrap")
		}
		for c, v := range restore {
			sqlstore.RawExec(t, db, "UPDATE users SET "+c+" = ? WHERE id = ?", v, b.User.ID)
		}

		// Session key wraps: alpha's in beta's session, a flipped bit, and
		// alpha's whole session moved to beta.
		aWrap := sqlstore.RawBytes(t, db, "SELECT key_wrap FROM sessions WHERE id = ?", a.Session.ID)
		bWrap := sqlstore.RawBytes(t, db, "SELECT key_wrap FROM sessions WHERE id = ?", b.Session.ID)
		for name, v := range map[string][]byte{"alpha's wrap in beta's session": aWrap, "flipped bit": mutations(bWrap)["flipped body bit"]} {
			sqlstore.RawExec(t, db, "UPDATE sessions SET key_wrap = ? WHERE id = ?", v, b.Session.ID)
			if _, err := svc.Authenticate(ctx, b.Secret.String()); err == nil {
				t.Errorf("%s: authenticated", name)
			}
		}
		sqlstore.RawExec(t, db, "UPDATE sessions SET key_wrap = ? WHERE id = ?", bWrap, b.Session.ID)
		if _, err := svc.Authenticate(ctx, b.Secret.String()); err != nil {
			t.Fatalf("restored session: %v", err)
		}
		sqlstore.RawExec(t, db, "UPDATE sessions SET user_id = ? WHERE id = ?", b.User.ID, a.Session.ID)
		if p, err := svc.Authenticate(ctx, a.Secret.String()); err == nil {
			t.Errorf("alpha's session moved to beta authenticated as user %d", p.User.ID)
		}
	})
}

// TestStoredNoncesAreFresh saves the same text many times: every stored
// ciphertext differs and no nonce repeats (crypt's TestNoncesNeverRepeat
// checks a million seals; this checks the store uses them).
func TestStoredNoncesAreFresh(t *testing.T) {
	db := OpenSQLite(t)
	ctx := context.Background()
	a := newUser(t, db, "nonces")
	seen := map[string]bool{}
	for i := range 500 {
		e := checkIn(t, fmt.Sprintf("same-%03d", i), time.Now(), 4, "the same words every time")
		if _, err := db.CreateEntry(ctx, a, e); err != nil {
			t.Fatal(err)
		}
		nonce := string(sqlstore.RawBytes(t, db, "SELECT data FROM entries WHERE user_id = ? AND id = ?", a.UserID, sqlstore.StoredID(a, e.ID))[:24])
		if seen[nonce] {
			t.Fatalf("nonce repeated at save %d", i)
		}
		seen[nonce] = true
	}
}
