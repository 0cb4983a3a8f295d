package securebase

import (
	"context"
	"time"
)

// Linked partners (F7, docs/partner-safety.md): two accounts joined by a
// one-time code, across which only chosen signals pass. The store keeps a
// key pair per linking person (the private key sealed under their data
// key), open invitations by a keyed hash of their code, the link, and
// signals sealed to their recipient. It never sees a code, a private key
// or a signal in the clear.

// PartnerKeyAD binds a person's sealed private signal key to them.
func PartnerKeyAD(userID int64) []byte { return AD(userID, "partner_keys", "private", 1) }

// Invite is an open invitation code: its keyed hash, who made it, until when.
type Invite struct {
	Hash      []byte
	UserID    int64
	ExpiresAt time.Time
}

// Link is one person's side of a link: the link's id and the partner.
type Link struct {
	ID        string
	UserID    int64
	PartnerID int64
	// MutedUntil is until when this side has muted signals (zero: not
	// muted; MuteUntilOn: until they turn them back on).
	MutedUntil time.Time
}

// MuteUntilOn is the MutedUntil of a mute kept until the person turns
// signals back on.
var MuteUntilOn = time.UnixMilli(1<<53 - 1).UTC()

// Muted reports whether this side has muted signals at now.
func (l *Link) Muted(now time.Time) bool { return l.MutedUntil.After(now) }

// SealedSignal is a signal as stored: its context in the clear (so each
// of its two people can find it) and the signal sealed from From to To.
type SealedSignal struct {
	ID     string
	LinkID string
	From   int64
	To     int64
	SentAt time.Time
	Sealed []byte
	// SelfSealed is the same signal sealed from From to From's own key:
	// SendSignal stores it in place of Sealed, as a row marked SenderOnly,
	// when the recipient has muted signals, so the sender's list and count
	// are as without a mute and the recipient has no copy at all.
	SelfSealed []byte
	SenderOnly bool
}

// LinkService stores keys, invitations, links and signals.
type LinkService interface {
	// SetPartnerKey stores a's key pair, replacing any, while a.Epoch is
	// current (else EUNAUTHORIZED) and a is not linked (else ECONFLICT);
	// sealed is the private key sealed under a.Key with PartnerKeyAD.
	SetPartnerKey(ctx context.Context, a Actor, public, sealed []byte) error
	// PartnerKey returns a person's public key and sealed private key,
	// or ENOTFOUND.
	PartnerKey(ctx context.Context, userID int64) (public, sealed []byte, err error)
	// CreateInvite stores inv in place of the person's open invitation,
	// if any; ECONFLICT while the person is linked.
	CreateInvite(ctx context.Context, inv Invite) error
	// AcceptInvite links userID to the maker of the open invitation with
	// this hash, in one transaction that deletes the invitation. A
	// wrong, used or expired code is ENOTFOUND, all alike; either person
	// already linked, or one's own code, is ECONFLICT.
	AcceptInvite(ctx context.Context, userID int64, hash []byte, linkID string, now time.Time) (*Link, error)
	// FindLink returns the person's link, or ENOTFOUND.
	FindLink(ctx context.Context, userID int64) (*Link, error)
	// Unlink ends the person's link at once, for both sides, with every
	// signal between them and both people's open invitations. Not
	// being linked is no error.
	Unlink(ctx context.Context, userID int64) error
	// SendSignal stores sig if its link still joins From to To (else
	// ENOTFOUND) and allow, given the send times of From's stored
	// signals, says yes (allow's error is returned). The check and the
	// insert are one transaction. When To has muted signals at SentAt,
	// it stores SelfSealed as a SenderOnly row instead of Sealed.
	SendSignal(ctx context.Context, sig *SealedSignal, allow func(sent []time.Time) error) error
	// SetMute mutes signals to the person until the time given (zero:
	// turns them back on); ENOTFOUND when not linked.
	SetMute(ctx context.Context, userID int64, until time.Time) error
	// ListSignals returns the signals sent or received by the person
	// since the time given, oldest first: never a SenderOnly row the
	// person received.
	ListSignals(ctx context.Context, userID int64, since time.Time) ([]*SealedSignal, error)
	// DeleteOldSignals deletes signals sent before the time given.
	DeleteOldSignals(ctx context.Context, before time.Time) (int64, error)
}
