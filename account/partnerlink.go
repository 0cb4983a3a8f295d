package account

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"time"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/crypt"
	"github.com/securebase/securebase/partner"
)

// Linked partners (F7). The design and its reasons are in
// docs/partner-safety.md; this file keeps its promises:
//
//   - each linking person gets a fresh box key pair, the private key sealed
//     under their data key (resealed with it on every rekey);
//   - a code is made only after the password, stored only as a keyed hash,
//     works once for partner.InviteLifetime; a new code voids the old;
//     partner.InvitesPerDay codes a day, partner.InviteAttemptsPerHour
//     wrong codes an hour per account and per address;
//   - either side unlinks at once, alone, and nothing tells the other how;
//   - a signal is sealed from the sender to the recipient with its whole
//     context inside, and opened only when that context matches its row.

var (
	errLinkOff = securebase.Errorf(securebase.EUNAVAILABLE, "Linking isn't available here.")
	errInvites = securebase.Errorf(securebase.ELIMITED,
		"That's the most codes for today. You can make a new one tomorrow.")
	errCodeTries = &securebase.Error{Code: securebase.ELIMITED,
		Message: "That's several codes that didn't work. Wait an hour and try again.",
		Fields:  map[string]string{partner.FieldCode: "Wait an hour before trying another code."}}
)

// LinkState is what a person's link page shows: whether they are linked,
// and the safety number of the two keys when they are. It carries nothing
// about the partner beyond that.
type LinkState struct {
	Link         *securebase.Link // nil: not linked
	SafetyNumber string           // "1234 5678 …", when linked
}

// Linked returns the person's link state.
func (s *Service) Linked(ctx context.Context, p *Principal) (LinkState, error) {
	if s.links == nil {
		return LinkState{}, nil
	}
	l, err := s.links.FindLink(ctx, p.User.ID)
	if securebase.ErrorCode(err) == securebase.ENOTFOUND {
		return LinkState{}, nil
	}
	if err != nil {
		return LinkState{}, err
	}
	mine, _, err := s.links.PartnerKey(ctx, p.User.ID)
	if err != nil {
		return LinkState{}, err
	}
	theirs, _, err := s.links.PartnerKey(ctx, l.PartnerID)
	if err != nil {
		return LinkState{}, err
	}
	return LinkState{Link: l, SafetyNumber: SafetyNumber(mine, theirs)}, nil
}

// SafetyNumber is 20 decimal digits of SHA-256 over two public keys in a
// fixed (sorted) order, in groups of four: the same on both phones.
func SafetyNumber(a, b []byte) string {
	if strings.Compare(string(a), string(b)) > 0 {
		a, b = b, a
	}
	sum := sha256.Sum256(append(append([]byte("securebase partner safety number\x00"), a...), b...))
	d := new(big.Int).SetBytes(sum[:]).String()
	d = d[len(d)-20:]
	return d[0:4] + " " + d[4:8] + " " + d[8:12] + " " + d[12:16] + " " + d[16:20]
}

// newPartnerKey gives the person a fresh key pair.
func (s *Service) newPartnerKey(ctx context.Context, p *Principal) error {
	pub, priv := crypt.NewBoxKeyPair()
	return s.links.SetPartnerKey(ctx, p.Actor, pub, p.Actor.Key.Seal(priv, securebase.PartnerKeyAD(p.User.ID)))
}

// codeHash is the keyed hash a code is stored and found by.
func (s *Service) codeHash(code string) []byte {
	m := hmac.New(sha256.New, s.wrapper.Mix([]byte("securebase partner invite")))
	m.Write([]byte(code))
	return m.Sum(nil)
}

// CreateInvite makes a one-time code after checking the password, in
// place of any open code of the person, and returns it with its expiry.
func (s *Service) CreateInvite(ctx context.Context, p *Principal, password string) (string, time.Time, error) {
	if s.links == nil {
		return "", time.Time{}, errLinkOff
	}
	if password == "" {
		return "", time.Time{}, securebase.FieldError("password", "Type your password to make a code.")
	}
	if _, err := s.checkPassword(ctx, p, password); err != nil {
		return "", time.Time{}, err
	}
	key, err := s.limitKey(ctx, "partner-invites", fmt.Sprint(p.User.ID))
	if err != nil {
		return "", time.Time{}, err
	}
	n, err := s.limits.Hit(ctx, key, 24*time.Hour, s.now())
	if err != nil {
		return "", time.Time{}, err
	}
	if n > partner.InvitesPerDay {
		return "", time.Time{}, errInvites
	}
	if err := s.newPartnerKey(ctx, p); err != nil {
		return "", time.Time{}, err
	}
	random := make([]byte, partner.InviteRandomBytes)
	if _, err := rand.Read(random); err != nil {
		return "", time.Time{}, err
	}
	code, err := partner.InviteCode(random)
	if err != nil {
		return "", time.Time{}, err
	}
	expires := s.now().Add(partner.InviteLifetime)
	if err := s.links.CreateInvite(ctx, securebase.Invite{Hash: s.codeHash(code), UserID: p.User.ID, ExpiresAt: expires}); err != nil {
		return "", time.Time{}, err
	}
	return code, expires, nil
}

// AcceptInvite links the person to the maker of code, after their own
// password. A wrong, used and expired code answer alike, and count
// against the person and their network address.
func (s *Service) AcceptInvite(ctx context.Context, p *Principal, code, password, address string) error {
	if s.links == nil {
		return errLinkOff
	}
	written, err := partner.ParseInviteCode(code)
	if err != nil {
		return securebase.FieldError(partner.FieldCode, partner.FieldMessages(err)[partner.FieldCode])
	}
	if password == "" {
		return securebase.FieldError("password", "Type your password to link.")
	}
	var keys []string
	for _, who := range [][]string{{"partner-code-account", fmt.Sprint(p.User.ID)}, {"partner-code-address", addressPrefix(address)}} {
		key, err := s.limitKey(ctx, who[0], who[1])
		if err != nil {
			return err
		}
		n, err := s.limits.Hit(ctx, key, time.Hour, s.now())
		if err != nil {
			return err
		}
		if n > partner.InviteAttemptsPerHour {
			return errCodeTries
		}
		keys = append(keys, key)
	}
	if _, err := s.checkPassword(ctx, p, password); err != nil {
		return err
	}
	if err := s.newPartnerKey(ctx, p); err != nil {
		return err
	}
	if _, err := s.links.AcceptInvite(ctx, p.User.ID, s.codeHash(written), newID(), s.now()); err != nil {
		if securebase.ErrorCode(err) == securebase.ENOTFOUND {
			return &securebase.Error{Code: securebase.ENOTFOUND, Message: securebase.ErrorMessage(err),
				Fields: map[string]string{partner.FieldCode: "This code doesn't work."}}
		}
		return err
	}
	for _, key := range keys {
		_ = s.limits.Forgive(ctx, key)
	}
	return nil
}

// Unlink ends the person's link at once. It asks nothing of the partner
// and tells them nothing.
func (s *Service) Unlink(ctx context.Context, p *Principal) error {
	if s.links == nil {
		return nil
	}
	return s.links.Unlink(ctx, p.User.ID)
}

// Mute mutes signals from the person's partner until the time given
// (securebase.MuteUntilOn: until they turn them back on; zero: back on
// now). Nothing tells the partner: their screen and send limit stay as
// they are, and what they send while muted is kept for them alone.
func (s *Service) Mute(ctx context.Context, p *Principal, until time.Time) error {
	if s.links == nil {
		return errLinkOff
	}
	return s.links.SetMute(ctx, p.User.ID, until)
}

func newID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// sealedSignal is a signal's plaintext: the signal and its context,
// which must match the row it is read from.
type sealedSignal struct {
	Link   string         `json:"link"`
	From   int64          `json:"from"`
	To     int64          `json:"to"`
	ID     string         `json:"id"`
	At     int64          `json:"at"`
	Signal partner.Signal `json:"s"`
}

// signalPlainMin is the least a signal's plaintext is made before
// sealing: past the 256-byte bucket, so the 512-byte one holds every
// signal (its longest, 60 four-byte characters of words, included).
const signalPlainMin = 300

// Signal is a signal opened for one of its two people.
type Signal struct {
	ID     string
	Mine   bool // the person sent it
	SentAt time.Time
	partner.Signal
}

// ErrSignalLimit is the limit a signal ran into: Next is when the next
// one may go. The page words it with partner.LimitMessage.
type ErrSignalLimit struct{ Next time.Time }

func (e *ErrSignalLimit) Error() string { return "signal limit until " + e.Next.Format(time.RFC3339) }

// partnerKeys opens the person's private key and reads their own and
// their partner's public keys.
func (s *Service) partnerKeys(ctx context.Context, p *Principal, l *securebase.Link) (private, own, peer []byte, err error) {
	own, sealed, err := s.links.PartnerKey(ctx, p.User.ID)
	if err != nil {
		return nil, nil, nil, err
	}
	private, err = p.Actor.Key.Open(sealed, securebase.PartnerKeyAD(p.User.ID))
	if err != nil {
		return nil, nil, nil, fmt.Errorf("partner key of user %d: %w", p.User.ID, errors.Join(err, crypt.ErrOpen))
	}
	peer, _, err = s.links.PartnerKey(ctx, l.PartnerID)
	return private, own, peer, err
}

// SendSignal seals a checked signal to the person's partner and stores
// it, within the send limits (*ErrSignalLimit past them).
func (s *Service) SendSignal(ctx context.Context, p *Principal, sig partner.Signal) error {
	if s.links == nil {
		return errLinkOff
	}
	l, err := s.links.FindLink(ctx, p.User.ID)
	if err != nil {
		return err
	}
	private, own, peer, err := s.partnerKeys(ctx, p, l)
	if err != nil {
		return err
	}
	now := s.now().UTC()
	row := &securebase.SealedSignal{ID: newID(), LinkID: l.ID, From: p.User.ID, To: l.PartnerID, SentAt: now}
	plain, err := json.Marshal(sealedSignal{Link: l.ID, From: row.From, To: row.To, ID: row.ID, At: now.UnixMilli(), Signal: sig})
	if err != nil {
		return err
	}
	// Trailing spaces (which JSON ignores) take every signal past the
	// smallest bucket, so all sealed signals are one size (512 bytes)
	// whatever their kind or words.
	if len(plain) < signalPlainMin {
		plain = append(plain, strings.Repeat(" ", signalPlainMin-len(plain))...)
	}
	if row.Sealed, err = crypt.BoxSeal(plain, peer, private); err != nil {
		return err
	}
	// The sender's own copy, kept in place of the partner's if they have
	// muted signals; the store chooses in the send's transaction, so
	// nothing here (or on the sender's screen) depends on a mute.
	if row.SelfSealed, err = crypt.BoxSeal(plain, own, private); err != nil {
		return err
	}
	return s.links.SendSignal(ctx, row, func(sent []time.Time) error {
		if ok, next := partner.AllowSignal(sent, now); !ok {
			return &ErrSignalLimit{Next: next}
		}
		return nil
	})
}

// Signals returns the signals between the person and their partner that
// are younger than partner.SignalLifetime, oldest first; nil when not
// linked. A signal whose sealed context does not match its row is left
// out (and reported as an error: it was moved or tampered with).
func (s *Service) Signals(ctx context.Context, p *Principal) ([]Signal, error) {
	if s.links == nil {
		return nil, nil
	}
	l, err := s.links.FindLink(ctx, p.User.ID)
	if securebase.ErrorCode(err) == securebase.ENOTFOUND {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	private, own, peer, err := s.partnerKeys(ctx, p, l)
	if err != nil {
		return nil, err
	}
	rows, err := s.links.ListSignals(ctx, p.User.ID, s.now().Add(-partner.SignalLifetime))
	if err != nil {
		return nil, err
	}
	var out []Signal
	var bad error
	for _, r := range rows {
		sig, err := openSignal(r, l, private, own, peer)
		if err != nil {
			bad = errors.Join(bad, err)
			continue
		}
		out = append(out, Signal{ID: r.ID, Mine: r.From == p.User.ID, SentAt: r.SentAt, Signal: sig})
	}
	return out, bad
}

// openSignal opens one stored signal and checks its sealed context
// against its row and the link.
func openSignal(r *securebase.SealedSignal, l *securebase.Link, private, own, peer []byte) (partner.Signal, error) {
	key := peer
	if r.SenderOnly {
		// The sender's own copy of a signal sent while the partner had
		// muted signals: sealed to the sender's own key, theirs alone.
		if r.From != l.UserID {
			return partner.Signal{}, fmt.Errorf("signal %s: the sender's own copy, read by another: %w", r.ID, crypt.ErrOpen)
		}
		key = own
	}
	plain, err := crypt.BoxOpen(r.Sealed, key, private)
	if err != nil {
		return partner.Signal{}, fmt.Errorf("signal %s: %w", r.ID, err)
	}
	var c sealedSignal
	if err := json.Unmarshal(plain, &c); err != nil {
		return partner.Signal{}, fmt.Errorf("signal %s: %w", r.ID, crypt.ErrOpen)
	}
	pair := (c.From == l.UserID && c.To == l.PartnerID) || (c.From == l.PartnerID && c.To == l.UserID)
	if c.Link != r.LinkID || c.Link != l.ID || c.ID != r.ID || c.From != r.From || c.To != r.To || !pair || c.At != r.SentAt.UnixMilli() {
		return partner.Signal{}, fmt.Errorf("signal %s: context does not match its row: %w", r.ID, crypt.ErrOpen)
	}
	return c.Signal, nil
}
