package securebase

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// User is an account. Only what is needed to find the account and unlock its
// data key is kept in the clear; the person's preferences are sealed.
type User struct {
	ID        int64  // random, chosen at sign-up: ids say nothing about how many use the instance
	Username  string // canonical: lower case
	CreatedAt time.Time

	// PasswordHash is a PHC string. Its hash part is a verifier derived from
	// the argon2id output, never the key that unwraps the data key.
	PasswordHash string
	PasswordWrap []byte // data key wrapped to the password's public key
	RecoveryWrap []byte // data key wrapped to the recovery key's public key
	// Recipients holds the public keys of the password and the recovery
	// key, sealed under the data key: a credential change wraps a new
	// data key to them without either secret at hand. Nil for an account
	// from before key rotation (wrapped the first release's way, until
	// its next sign-in).
	Recipients []byte
	// KeyEpoch counts the data key's replacements; sessions and writes
	// carry it and count only while it is current.
	KeyEpoch int64
	// EntriesStamp changes, to a new random value, in the same transaction
	// as every change to the person's entries; 0 before the first. It is
	// read with the session, so what the server keeps in memory about a
	// person's writing is known to be current on every instance
	// (web/practice_cache.go). Only the session lookup fills it.
	EntriesStamp int64

	// SealedPrefs and PrefsVersion are the stored form of Prefs; OpenPrefs
	// fills Prefs once the data key is unlocked.
	SealedPrefs  []byte
	PrefsVersion int
	Prefs        Prefs
}

// PrefsAD is the associated data of a user's sealed prefs.
func PrefsAD(userID int64, version int) []byte {
	return AD(userID, "users", strconv.FormatInt(userID, 10), version)
}

// OpenPrefs opens the sealed prefs with the user's key. No prefs yet means
// the defaults; prefs that were saved (a version above 0) and are now
// missing were tampered with, and do not quietly become the defaults.
func (u *User) OpenPrefs(key Sealer) error {
	u.Prefs = Prefs{}
	if len(u.SealedPrefs) == 0 {
		if u.PrefsVersion == 0 {
			return nil
		}
		return fmt.Errorf("open prefs of user %d: version %d has no sealed value", u.ID, u.PrefsVersion)
	}
	plain, err := key.Open(u.SealedPrefs, PrefsAD(u.ID, u.PrefsVersion))
	if err != nil {
		return fmt.Errorf("open prefs of user %d: %w", u.ID, err)
	}
	return json.Unmarshal(plain, &u.Prefs)
}

// Prefs are a person's settings. They are sealed like their writing: a
// country and a time zone say more about a person than they seem to.
type Prefs struct {
	Country  string `json:"country,omitempty"`   // ISO 3166-1 alpha-2, "" = not chosen
	TimeZone string `json:"time_zone,omitempty"` // IANA name, "" = the instance default
	// HereFor is who the person is here for: HereOwn (their own
	// attachment, also ""), HerePartner (their partner's) or HereBoth. It
	// orders what comes first; nothing is locked either way.
	HereFor string `json:"here_for,omitempty"`
	// HardDay is Today's hard-day mode (E1, issue 15): only the body
	// tools and the crisis lines until the person turns it off.
	HardDay bool `json:"hard_day,omitempty"`
	// ReflectionDay is the weekday of the weekly reflection (E2), in
	// lower case ("sunday"); "" = Sunday.
	ReflectionDay string `json:"reflection_day,omitempty"`
	// Reminders are the practice times of the calendar feed (E5), as the
	// reminders form says them: "practice 08:30 mon,wed Europe/Berlin",
	// several joined by "|". Checked by package ical where they are used.
	Reminders string `json:"reminders,omitempty"`
	// Feed is the secret of the person's calendar feed URL ("" = none).
	// It is kept sealed with the other preferences and left out of exports.
	Feed string `json:"feed,omitempty"`
}

// Username rules: 3–32 characters of a–z, 0–9, dot, dash and underscore.
// A small alphabet keeps look-alike names out and needs no Unicode folding.
const (
	UsernameMin = 3
	UsernameMax = 32
)

// CanonicalUsername trims and lower-cases a typed username, and checks it.
// The message says what to do next and never mentions other accounts.
func CanonicalUsername(s string) (string, error) {
	name := strings.ToLower(strings.TrimSpace(s))
	switch {
	case name == "":
		return "", FieldError("username", "Choose a username.")
	case len(name) < UsernameMin:
		return "", FieldError("username", "Use at least 3 characters for your username.")
	case len(name) > UsernameMax:
		return "", FieldError("username", "Use at most 32 characters for your username.")
	}
	for _, r := range name {
		ok := r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r == '-' || r == '_'
		if !ok {
			return "", FieldError("username", "Use only letters a–z, digits, dots, dashes and underscores in your username.")
		}
	}
	return name, nil
}

// Rekey replaces a person's data key. Old is the person as they are (their
// current key and epoch); New holds the new key, with Epoch = Old.Epoch+1.
// User carries the new password hash, wraps and recipients. Session, when
// set, is the one session that starts under the new key (the browser that
// asked); every other session and token ends. Legacy says Old's data is
// in the first release's form (unpadded, ids in the clear).
type Rekey struct {
	Old, New Actor
	User     *User
	Session  *Session
	Legacy   bool
}

// UserService keeps accounts. Credentials change together: a new password
// rewraps the data key and ends every session in one transaction.
type UserService interface {
	CreateUser(ctx context.Context, u *User) error
	FindUserByName(ctx context.Context, username string) (*User, error)
	FindUser(ctx context.Context, id int64) (*User, error)
	// RekeyUser replaces the data key (Rekey) in one transaction: the
	// user row (only while Old.Epoch is current, else EUNAUTHORIZED),
	// every entry and the prefs resealed under the new key, every
	// session and token ended, the new session stored; then the files
	// are checkpointed, so old pages hold no copy for long.
	RekeyUser(ctx context.Context, r *Rekey) error
	// UpdateWraps stores a new hash, wraps and recipients under the same
	// data key, with sessions intact (a rehash under new parameters), if
	// u.KeyEpoch is still current.
	UpdateWraps(ctx context.Context, u *User) error
	UpdatePrefs(ctx context.Context, a Actor, p Prefs) error
	// DeleteUser removes the account and everything it owns, then makes
	// sure the freed pages hold none of it.
	DeleteUser(ctx context.Context, id int64) error
	CountUsers(ctx context.Context) (int, error)
}
