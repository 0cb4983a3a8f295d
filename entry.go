package securebase

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"encoding/json"
	"fmt"
	"time"
)

// Kind names a kind of entry. Every feature that stores a person's writing
// adds a Kind and a Payload; the store, export, import and the privacy tests
// then handle it without knowing what it holds.
type Kind string

// The entry kinds. Add new ones to Kinds and NewPayload.
const (
	KindCheckIn   Kind = "checkin"
	KindEpisode   Kind = "episode"
	KindToolUse   Kind = "tooluse"
	KindPattern   Kind = "pattern"
	KindStatement Kind = "statement"
	KindFavourite Kind = "favourite"
	KindPlan      Kind = "plan"
	// KindAttempt (attempt.go) and KindSigns (signs.go) are declared
	// beside their payloads.
)

// Kinds lists every entry kind, in the order export writes them.
func Kinds() []Kind {
	return []Kind{KindCheckIn, KindAttempt, KindSigns, KindEpisode, KindToolUse, KindPattern, KindStatement, KindFavourite, KindPlan}
}

// NewPayload returns an empty payload for a kind, ready to unmarshal into.
func NewPayload(k Kind) (Payload, error) {
	switch k {
	case KindCheckIn:
		return &CheckIn{}, nil
	case KindAttempt:
		return &Attempt{}, nil
	case KindSigns:
		return &Signs{}, nil
	case KindEpisode:
		return &Episode{}, nil
	case KindToolUse:
		return &ToolUse{}, nil
	case KindPattern:
		return &Pattern{}, nil
	case KindStatement:
		return &Statement{}, nil
	case KindFavourite:
		return &Favourite{}, nil
	case KindPlan:
		return &Plan{}, nil
	}
	return nil, Errorf(EINVALID, "We don't know the entry kind %q.", string(k))
}

// Payload is what a person wrote in one entry. It is sealed as JSON.
type Payload interface {
	Kind() Kind
	// Validate checks and normalises the payload in place.
	Validate() error
	// Text returns the free text a person wrote, for the crisis-language
	// check at save time. It is never logged.
	Text() []string
}

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
// id it names.
func NewEntry(p Payload, id string, occurredAt time.Time) (*Entry, error) {
	if own, ok := OwnID(p); ok {
		if id != "" && id != own {
			return nil, FieldError("id", fmt.Sprintf("This %s entry can only have the id %q.", p.Kind(), own))
		}
		id = own
	}
	if id == "" {
		id = NewID()
	} else if !ValidID(id) {
		return nil, FieldError("id", "An entry id is 1–64 letters, digits, dashes or underscores.")
	}
	data, err := EncodePayload(p)
	if err != nil {
		return nil, err
	}
	return &Entry{ID: id, Kind: p.Kind(), OccurredAt: occurredAt, Data: data}, nil
}

// EncodePayload validates p and returns it as JSON for Entry.Data.
func EncodePayload(p Payload) (json.RawMessage, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	data, err := json.Marshal(p)
	if err != nil {
		return nil, fmt.Errorf("marshal %s: %w", p.Kind(), err)
	}
	return data, nil
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
	Kind  Kind
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
}
