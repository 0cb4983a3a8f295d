// Package securebase holds the domain of Secure Base: the nouns (users,
// sessions, entries and their kinds), their validation, the error codes the
// rest of the program speaks, and the interfaces of the stores that keep them.
//
// It depends on the standard library only. Storage (sqlstore), cryptography
// (crypt), accounts (account) and HTTP (web) all point inward to this package,
// so a change of database or of transport never reaches the domain rules.
package securebase

import (
	"context"
	"fmt"
	"time"
)

// Sealer seals and opens one user's data with their data key. The associated
// data binds a ciphertext to its place (user, table, row, version), so a
// ciphertext copied to another row or user never opens.
//
// The interface lives here, not in crypt, so the domain and the store can
// pass a user's key around without knowing how sealing is done.
type Sealer interface {
	Seal(plaintext, ad []byte) []byte
	Open(ciphertext, ad []byte) ([]byte, error)
	// Blind returns the stored form of a name (an entry id): a keyed
	// hash under the person's key, so the store finds rows by ids it
	// never keeps in the clear.
	Blind(name string) string
}

// Actor is the person on whose behalf a store method runs: their user id and
// their unlocked data key. Every method that touches a user's writing takes an
// Actor, so no query can run without a user id and no row can be sealed under
// another person's key.
//
// Epoch is the key epoch the key belongs to. A person's data key is
// replaced when their credentials change (a new password, a reset, "sign
// out everywhere", a new recovery key), and the epoch counts those
// changes: the store writes under an Actor only while its epoch is the
// person's current one, so nothing sealed under a replaced key is ever
// stored after the change.
type Actor struct {
	UserID int64
	Key    Sealer
	Epoch  int64
	// Stamp is User.EntriesStamp as read with the session this Actor
	// came from: what the server computed from the person's entries for an
	// Actor with the same stamp is still current. Stores ignore it.
	Stamp int64
}

// Clock returns the current time. It is passed in, never read from a global,
// so tests can move time (session expiry, rate-limit windows).
type Clock func() time.Time

// Pinger reports whether the database answers; /readyz uses it.
type Pinger interface {
	Ping(ctx context.Context) error
}

// AD is the associated data that binds a sealed value to its place: the
// user, the table, the row and the row's version. A ciphertext moved to
// another user, table or row, or an old version put back, will not open.
func AD(userID int64, table, id string, version int) []byte {
	return fmt.Appendf(nil, "securebase/v1 user=%d table=%s id=%s version=%d", userID, table, id, version)
}
