package securebase

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"strings"
	"time"
)

// The export format. Version 1 is documented in docs/export.md; a change
// that an older reader would misread gets a new version number.
const (
	ExportFormat  = "securebase-export"
	ExportVersion = 1
)

// Bounds of one import. An export is read and written one entry at a time,
// so neither side holds a whole file in memory; these keep the disk and
// the time an import takes bounded too.
const (
	// ImportMax bounds the entries in one import.
	ImportMax = 200_000
	// ImportMaxBytes bounds an import file. An export written by Secure
	// Base is never larger than the file it was imported from, so an
	// account filled by the largest import exports a file that imports
	// again. It is about a century of a heavy user's writing.
	ImportMaxBytes = 32 << 20
	// valueMax bounds one entry, or the account, inside an export file:
	// far above any valid one (a full safety plan is under 150 KB), so
	// reading an import never holds more than this of it at once.
	valueMax = 1 << 20
)

// Export is the head of an export: everything but the entries, which are
// read and written one at a time (ReadExport, ExportWriter).
type Export struct {
	Format     string        `json:"format"`
	Version    int           `json:"version"`
	ExportedAt time.Time     `json:"exported_at"`
	Account    ExportAccount `json:"account"`
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

// ExportSignal is one of the person's own linked-partner signals (F7,
// docs/partner-safety.md section 4), as they see it on /partner/link: who
// sent it ("you" or "your partner", never the partner's name or id), the
// kind's words, their few words and when it was sent. Only signals still
// kept (at most 72 hours old) are exported. An import reads and checks
// them, then leaves them: it never creates a link or a signal.
type ExportSignal struct {
	SentBy string    `json:"sent_by"` // SentByYou or SentByPartner
	Signal string    `json:"signal"`  // the kind's id, as in partner.SignalKinds
	Text   string    `json:"text"`    // the kind's words, with its number or time
	Words  string    `json:"words,omitempty"`
	SentAt time.Time `json:"sent_at"`
}

// Who sent an exported signal.
const (
	SentByYou     = "you"
	SentByPartner = "your partner"
)

// ExportEntryOf converts a stored entry.
func ExportEntryOf(e *Entry) ExportEntry {
	return ExportEntry{ID: e.ID, Kind: e.Kind, OccurredAt: e.OccurredAt, CreatedAt: e.CreatedAt, UpdatedAt: e.UpdatedAt, Data: e.Data}
}

// Entry converts back for storing: the data is decoded strictly as its
// kind, and a Singleton or Keyed payload must carry the id it names. It
// returns the payload for the caller to validate (package entries, with
// the rules of every door).
func (x ExportEntry) Entry() (*Entry, Payload, error) {
	e := &Entry{ID: x.ID, Kind: x.Kind, OccurredAt: x.OccurredAt, CreatedAt: x.CreatedAt, UpdatedAt: x.UpdatedAt}
	p, err := e.DecodeStrict(x.Data)
	if err != nil {
		return nil, nil, err
	}
	if own, ok := OwnID(p); ok && e.ID != own {
		return nil, nil, Errorf(EINVALID, "This is a %s entry, whose id must be %q.", e.Kind, own)
	}
	return e, p, nil
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

var errNotExport = Errorf(EINVALID, "This file isn't a Secure Base export. Choose the .json file that export made.")

// ReadExport reads an export one entry at a time, checking the format and
// version, every entry's id and time, and that no id appears twice, and
// hands each entry to fn with its number (from 1). It returns the head once
// the whole file is read. Its messages say which entry is wrong and never
// repeat what the file holds.
func ReadExport(r io.Reader, fn func(n int, x ExportEntry) error) (*Export, error) {
	g := &guard{r: r}
	dec := json.NewDecoder(g)
	dec.DisallowUnknownFields()
	unreadable := func(err error) error {
		switch {
		case errors.Is(err, errValueTooLarge):
			return Errorf(ETOOLARGE, "Part of this file is larger than any entry can be. Choose the .json file that export made.")
		case isReadError(err):
			return err // the reader's own: a body over its limit, a client gone
		}
		return Errorf(EINVALID, "This file isn't a Secure Base export we can read (%v). Choose the .json file that export made.", plainJSONError(err))
	}
	if tok, err := dec.Token(); err != nil {
		return nil, unreadable(err)
	} else if tok != json.Delim('{') {
		return nil, errNotExport
	}
	var x Export
	n := 0
	seed := maphash.MakeSeed()
	seen := map[uint64]struct{}{}
	for dec.More() {
		g.n = 0
		tok, err := dec.Token()
		if err != nil {
			return nil, unreadable(err)
		}
		var dst any
		switch tok {
		case "format":
			dst = &x.Format
		case "version":
			dst = &x.Version
		case "exported_at":
			dst = &x.ExportedAt
		case "account":
			dst = &x.Account
		case "entries":
			if tok, err := dec.Token(); err != nil {
				return nil, unreadable(err)
			} else if tok != json.Delim('[') {
				return nil, Errorf(EINVALID, "This file's entries aren't a list. Choose the .json file that export made.")
			}
			for dec.More() {
				g.n = 0
				var e ExportEntry
				if err := dec.Decode(&e); err != nil {
					return nil, fmt.Errorf("entry %d: %w", n+1, unreadable(err))
				}
				if n++; n > ImportMax {
					return nil, Errorf(ETOOLARGE, "This export has more than %s entries, more than one import can take.", thousands(ImportMax))
				}
				if err := checkExportEntry(n, e, seen, seed); err != nil {
					return nil, err
				}
				if err := fn(n, e); err != nil {
					return nil, entryError(n, e.Kind, err)
				}
			}
			if _, err := dec.Token(); err != nil { // ']'
				return nil, unreadable(err)
			}
			continue
		case "signals":
			// Linked-partner signals are for reading only: each is read
			// strictly, then dropped. An import never creates a signal.
			if tok, err := dec.Token(); err != nil {
				return nil, unreadable(err)
			} else if tok != json.Delim('[') {
				return nil, Errorf(EINVALID, "This file's signals aren't a list. Choose the .json file that export made.")
			}
			for dec.More() {
				g.n = 0
				var sig ExportSignal
				if err := dec.Decode(&sig); err != nil {
					return nil, unreadable(err)
				}
			}
			if _, err := dec.Token(); err != nil { // ']'
				return nil, unreadable(err)
			}
			continue
		default:
			return nil, errNotExport
		}
		if err := dec.Decode(dst); err != nil {
			return nil, unreadable(err)
		}
	}
	if _, err := dec.Token(); err != nil { // '}'
		return nil, unreadable(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, Errorf(EINVALID, "This file has more after the export. Choose the .json file that export made.")
	}
	if x.Format != ExportFormat {
		return nil, errNotExport
	}
	if x.Version < 1 || x.Version > ExportVersion {
		return nil, Errorf(EINVALID, "This export is version %d; this Secure Base reads versions up to %d. Update Secure Base, then try again.", x.Version, ExportVersion)
	}
	return &x, nil
}

// checkExportEntry checks what the format promises of every entry: an id
// of the right form, a time, and an id no earlier entry had. Ids are
// remembered as keyed 64-bit hashes, so a file of 200,000 entries costs a
// few megabytes here, not the ids themselves.
func checkExportEntry(n int, e ExportEntry, seen map[uint64]struct{}, seed maphash.Seed) error {
	switch {
	case !ValidID(e.ID):
		return Errorf(EINVALID, "Entry %d has an id we can't use.", n)
	case CheckTime("occurred_at", e.OccurredAt) != nil:
		return Errorf(EINVALID, "Entry %d has no time, or one before 1970.", n)
	}
	h := maphash.String(seed, e.ID)
	if _, ok := seen[h]; ok {
		return Errorf(EINVALID, "Entry %d repeats the id of an earlier entry.", n)
	}
	seen[h] = struct{}{}
	return nil
}

// entryError says which entry of a file a problem is in.
func entryError(n int, k Kind, err error) error {
	var e *Error
	if !errors.As(err, &e) {
		return fmt.Errorf("entry %d: %w", n, err)
	}
	name := string(k)
	if in, ok := InfoOf(k); ok {
		name = strings.ToLower(in.Title)
	}
	return &Error{Code: e.Code, Message: fmt.Sprintf("Entry %d of the file (%s): %s Nothing was imported.", n, name, e.Message)}
}

// errValueTooLarge stops a read when one value of the file is larger than
// any entry can be.
var errValueTooLarge = errors.New("value too large")

// readError marks an error from the file's reader (not from the JSON in
// it), so ReadExport passes it on as it is.
type readError struct{ err error }

func (e readError) Error() string { return e.err.Error() }
func (e readError) Unwrap() error { return e.err }

func isReadError(err error) bool {
	var re readError
	return errors.As(err, &re)
}

// guard counts what the decoder reads since the start of the current
// value, so one enormous value is refused before it is all in memory.
type guard struct {
	r io.Reader
	n int
}

func (g *guard) Read(p []byte) (int, error) {
	if g.n > valueMax {
		return 0, errValueTooLarge
	}
	n, err := g.r.Read(p)
	g.n += n
	if err != nil && err != io.EOF {
		err = readError{err}
	}
	return n, err
}

// ExportWriter writes an export as it goes, one entry at a time, so an
// export of any size takes the same memory. JSON is written compact and
// without HTML escaping: the file is for the person and for import, and
// is never larger than what it was imported from.
type ExportWriter struct {
	w       *bufio.Writer
	enc     *json.Encoder
	buf     bytes.Buffer
	count   int
	signals []ExportSignal
}

// NewExportWriter writes the head of an export to w.
func NewExportWriter(w io.Writer, x Export) (*ExportWriter, error) {
	xw := &ExportWriter{w: bufio.NewWriterSize(w, 32<<10)}
	xw.enc = json.NewEncoder(&xw.buf)
	xw.enc.SetEscapeHTML(false)
	x.Format, x.Version = ExportFormat, ExportVersion
	head, err := xw.encode(x)
	if err != nil {
		return nil, err
	}
	head = head[:len(head)-1] // the closing brace: entries follow
	_, err = xw.w.Write(append(head, `,"entries":[`...))
	return xw, err
}

func (xw *ExportWriter) encode(v any) ([]byte, error) {
	xw.buf.Reset()
	if err := xw.enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(xw.buf.Bytes(), []byte("\n")), nil
}

// Write adds one entry.
func (xw *ExportWriter) Write(e *Entry) error {
	b, err := xw.encode(ExportEntryOf(e))
	if err != nil {
		return err
	}
	if xw.count > 0 {
		if err := xw.w.WriteByte(','); err != nil {
			return err
		}
	}
	xw.count++
	_, err = xw.w.Write(b)
	return err
}

// Signals sets the person's linked-partner signals, written after the
// entries by Close. With none, the file has no "signals" at all.
func (xw *ExportWriter) Signals(list []ExportSignal) { xw.signals = list }

// Close ends the export and flushes it.
func (xw *ExportWriter) Close() error {
	if _, err := xw.w.WriteString("]"); err != nil {
		return err
	}
	if len(xw.signals) > 0 {
		b, err := xw.encode(xw.signals)
		if err != nil {
			return err
		}
		if _, err := xw.w.WriteString(`,"signals":`); err != nil {
			return err
		}
		if _, err := xw.w.Write(b); err != nil {
			return err
		}
	}
	if _, err := xw.w.WriteString("}\n"); err != nil {
		return err
	}
	return xw.w.Flush()
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
