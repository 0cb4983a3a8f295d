package securebase

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base32"
	"encoding/json"
	"fmt"
	"iter"
	"time"
)

// Entry is one thing a person saved. Only its kind and times are in the
// clear (they order and filter lists); Data is sealed at rest.
type Entry struct {
	ID         string
	Kind       Kind
	OccurredAt time.Time
	CreatedAt  time.Time
	UpdatedAt  time.Time
	Version    int // starts at 1, +1 per update; part of the sealing AD
	Data       json.RawMessage
}

// NewEntry validates p and wraps it in an entry with the given id (a new
// one when empty) and time. A Singleton or Keyed payload always gets the
// id it names; any other may not take an id another kind keeps.
func NewEntry(p Payload, id string, occurredAt time.Time) (*Entry, error) {
	if own, ok := OwnID(p); ok {
		if id != "" && id != own {
			return nil, FieldError("id", fmt.Sprintf("This %s entry can only have the id %q.", p.Kind(), own))
		}
		id = own
	}
	if id == "" {
		id = NewID()
	} else if err := CheckID(p.Kind(), id); err != nil {
		return nil, err
	}
	if err := CheckTime("occurred_at", occurredAt); err != nil {
		return nil, err
	}
	data, err := EncodePayload(p)
	if err != nil {
		return nil, err
	}
	return &Entry{ID: id, Kind: p.Kind(), OccurredAt: occurredAt, Data: data}, nil
}

// CheckTime checks that t is a time an entry can be stored, exported and
// imported again with: after the first moment the store can tell from "no
// time" (it keeps Unix milliseconds, and 0 reads back as none), and before
// the year RFC 3339 can no longer write.
func CheckTime(field string, t time.Time) error {
	if t.UnixMilli() < 1 || t.UTC().Year() > 9999 {
		return FieldError(field, "Choose a time after 1 January 1970 and before the year 10000.")
	}
	return nil
}

// EncodePayload validates p and returns it as JSON for Entry.Data:
// compact, and without HTML escaping (pages escape as they render), so the
// stored form and the export are never larger than what was sent.
func EncodePayload(p Payload) (json.RawMessage, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(p); err != nil {
		return nil, fmt.Errorf("marshal %s: %w", p.Kind(), err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// Decode returns the entry's payload.
func (e *Entry) Decode() (Payload, error) {
	p, err := NewPayload(e.Kind)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(e.Data, p); err != nil {
		return nil, fmt.Errorf("decode %s %s: %w", e.Kind, e.ID, err)
	}
	return p, nil
}

var idEncoding = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

// NewID returns a random 128-bit id as 26 lower-case characters. Clients of
// the API may choose their own ids, which makes a replayed save harmless.
func NewID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails on supported platforms
	return idEncoding.EncodeToString(b[:])
}

// ValidID reports whether s can be an entry id.
func ValidID(s string) bool {
	if len(s) == 0 || len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
		if !ok {
			return false
		}
	}
	return true
}

// EntryFilter selects a user's entries of one kind. From is inclusive, To
// exclusive; zero times are open ends. Lists are newest first; After, when
// set, continues a list after that entry (keyset paging, cost per page).
type EntryFilter struct {
	Kind  Kind // "" lists every kind (not for paging with After)
	From  time.Time
	To    time.Time
	Limit int
	After *Cursor
}

// Cursor marks a place in a newest-first list.
type Cursor struct {
	OccurredAt time.Time
	ID         string
}

// EntryService keeps entries. Every method takes the acting user; another
// user's entry is ENOTFOUND, never a different error.
type EntryService interface {
	// CreateEntry stores e, setting its version and, unless an import
	// gives them, its created and updated times. When the id
	// already exists for this user it stores nothing, loads the existing
	// entry into e and returns created=false: a replay is not a double.
	CreateEntry(ctx context.Context, a Actor, e *Entry) (created bool, err error)
	FindEntry(ctx context.Context, a Actor, kind Kind, id string) (*Entry, error)
	ListEntries(ctx context.Context, a Actor, f EntryFilter) ([]*Entry, error)
	// UpdateEntry replaces e's data and time if e.Version is current, and
	// increments the version; a stale version is ECONFLICT.
	UpdateEntry(ctx context.Context, a Actor, e *Entry) error
	DeleteEntry(ctx context.Context, a Actor, kind Kind, id string) error
	// CountEntries counts the user's entries of a kind (all kinds if "").
	CountEntries(ctx context.Context, a Actor, kind Kind) (int, error)
	// ImportEntries stores every entry of the sequence in one transaction,
	// or none of them when anything fails or ctx ends; ids the user
	// already has are skipped. It returns how many were added.
	ImportEntries(ctx context.Context, a Actor, entries iter.Seq2[*Entry, error]) (added int, err error)
}
