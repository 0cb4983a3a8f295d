package securebase

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"
)

// The export format. Version 1 is documented in docs/export.md; a change
// that an older reader would misread gets a new version number.
const (
	ExportFormat  = "securebase-export"
	ExportVersion = 1
)

// Export is everything a person has in Secure Base, as JSON.
type Export struct {
	Format     string        `json:"format"`
	Version    int           `json:"version"`
	ExportedAt time.Time     `json:"exported_at"`
	Account    ExportAccount `json:"account"`
	Entries    []ExportEntry `json:"entries"`
}

// ExportAccount is the account part of an export. No password hash, key
// or session is ever exported.
type ExportAccount struct {
	Username  string    `json:"username"`
	CreatedAt time.Time `json:"created_at"`
	Prefs     Prefs     `json:"prefs"`
}

// ExportEntry is one entry of any kind; Data is the kind's own JSON.
type ExportEntry struct {
	ID         string          `json:"id"`
	Kind       Kind            `json:"kind"`
	OccurredAt time.Time       `json:"occurred_at"`
	CreatedAt  time.Time       `json:"created_at"`
	UpdatedAt  time.Time       `json:"updated_at"`
	Data       json.RawMessage `json:"data"`
}

// ExportEntryOf converts a stored entry.
func ExportEntryOf(e *Entry) ExportEntry {
	return ExportEntry{ID: e.ID, Kind: e.Kind, OccurredAt: e.OccurredAt, CreatedAt: e.CreatedAt, UpdatedAt: e.UpdatedAt, Data: e.Data}
}

// Entry converts back for storing; Data is validated on the way, and a
// Singleton or Keyed payload must carry the id it names.
func (x ExportEntry) Entry() (*Entry, error) {
	e := &Entry{ID: x.ID, Kind: x.Kind, OccurredAt: x.OccurredAt, CreatedAt: x.CreatedAt, UpdatedAt: x.UpdatedAt}
	p, err := e.DecodeStrict(x.Data)
	if err != nil {
		return nil, err
	}
	if own, ok := OwnID(p); ok && e.ID != own {
		return nil, Errorf(EINVALID, "This is a %s entry, whose id must be %q.", e.Kind, own)
	}
	if e.Data, err = EncodePayload(p); err != nil {
		return nil, err
	}
	return e, nil
}

// DecodeStrict decodes data as the entry's kind, refusing unknown fields,
// and sets nothing on e.
func (e *Entry) DecodeStrict(data []byte) (Payload, error) {
	p, err := NewPayload(e.Kind)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(p); err != nil {
		return nil, Errorf(EINVALID, "The %s entry %q has data we can't read: %v.", e.Kind, e.ID, plainJSONError(err))
	}
	return p, nil
}

// ImportMax bounds the entries in one import.
const ImportMax = 200_000

// ParseExport reads and checks an export before anything is stored: the
// format and version, every entry's id, kind, time and payload, and that
// no id appears twice. Its messages say which entry is wrong.
func ParseExport(r io.Reader) (*Export, error) {
	var x Export
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&x); err != nil {
		return nil, Errorf(EINVALID, "This file isn't a Secure Base export we can read (%v). Choose the .json file that export made.", plainJSONError(err))
	}
	if x.Format != ExportFormat {
		return nil, Errorf(EINVALID, "This file isn't a Secure Base export. Choose the .json file that export made.")
	}
	if x.Version < 1 || x.Version > ExportVersion {
		return nil, Errorf(EINVALID, "This export is version %d; this Secure Base reads versions up to %d. Update Secure Base, then try again.", x.Version, ExportVersion)
	}
	if len(x.Entries) > ImportMax {
		return nil, Errorf(ETOOLARGE, "This export has more than %d entries, more than one import can take.", ImportMax)
	}
	seen := make(map[string]bool, len(x.Entries))
	for i, e := range x.Entries {
		switch {
		case !ValidID(e.ID):
			return nil, Errorf(EINVALID, "Entry %d has an id we can't use.", i+1)
		case seen[e.ID]:
			return nil, Errorf(EINVALID, "Entry %d repeats the id %q.", i+1, e.ID)
		case e.OccurredAt.IsZero():
			return nil, Errorf(EINVALID, "Entry %d has no time.", i+1)
		}
		seen[e.ID] = true
		if _, err := e.Entry(); err != nil {
			return nil, fmt.Errorf("entry %d: %w", i+1, err)
		}
	}
	return &x, nil
}

// plainJSONError keeps a JSON error's useful part without echoing input.
func plainJSONError(err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return fmt.Sprintf("a syntax error at byte %d", se.Offset)
	case errors.As(err, &te):
		return fmt.Sprintf("the field %q has the wrong type", te.Field)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "the file ends too soon"
	}
	return "unexpected content"
}
