package entries

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"strconv"
	"time"

	"github.com/securebase/securebase"
)

// Export writes everything a person has as an export file to w, kind by
// kind, a page of entries at a time: an export of any size costs the
// memory of one page. A failure half way leaves w with a file that ends
// too soon, which import refuses.
func (s *Service) Export(ctx context.Context, a securebase.Actor, account securebase.ExportAccount, w io.Writer) error {
	return s.ExportWithSignals(ctx, a, account, nil, w)
}

// ExportWithSignals is Export with the person's own linked-partner
// signals (docs/partner-safety.md section 4), written after the entries.
// An import reads them and keeps none.
func (s *Service) ExportWithSignals(ctx context.Context, a securebase.Actor, account securebase.ExportAccount, signals []securebase.ExportSignal, w io.Writer) error {
	xw, err := securebase.NewExportWriter(w, securebase.Export{ExportedAt: s.Clock().UTC().Truncate(time.Second), Account: account})
	if err != nil {
		return err
	}
	xw.Signals(signals)
	for _, k := range securebase.Kinds() {
		if err := s.Each(ctx, a, k, xw.Write); err != nil {
			return err
		}
	}
	return xw.Close()
}

// Imported is what an import did.
type Imported struct {
	Added, Skipped int
	// Prefs are the file's preferences, checked: the caller applies them
	// to an account that has none.
	Prefs securebase.Prefs
}

// Import reads an export into a person's account: all of it, or nothing.
//
// It works in two passes so that no transaction waits on the network.
// The first reads the file as it arrives, checks every entry exactly as a
// save through any other door is checked, and writes the checked entries
// to a spool file sealed under the person's key (unlinked at once, so it
// vanishes with the process). The second stores the spool in one
// transaction. Memory stays at a few megabytes whatever the file's size;
// a client that goes away cancels ctx, which stops either pass.
func (s *Service) Import(ctx context.Context, a securebase.Actor, r io.Reader) (Imported, error) {
	sp, err := newSpool(a)
	if err != nil {
		return Imported{}, err
	}
	defer sp.close()
	n := 0
	head, err := securebase.ReadExport(r, func(_ int, x securebase.ExportEntry) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		e, err := s.checkImported(x)
		if err != nil {
			return err
		}
		n++
		return sp.write(e)
	})
	if err == nil {
		err = s.checkPrefs(head.Account.Prefs)
	}
	if err == nil {
		err = sp.rewind()
	}
	if err != nil {
		if ctx.Err() != nil {
			return Imported{}, ctx.Err()
		}
		return Imported{}, err
	}
	added, err := s.Store.ImportEntries(ctx, a, sp.entries())
	if err != nil {
		return Imported{}, err
	}
	return Imported{Added: added, Skipped: n - added, Prefs: head.Account.Prefs}, nil
}

// checkImported checks one entry of a file as Save checks a draft, and
// returns it ready to store with its own times.
func (s *Service) checkImported(x securebase.ExportEntry) (*securebase.Entry, error) {
	e, p, err := x.Entry()
	if err != nil {
		return nil, err
	}
	if err := s.Check(p); err != nil {
		return nil, err
	}
	if _, own := securebase.OwnID(p); !own {
		if err := securebase.CheckID(e.Kind, e.ID); err != nil {
			return nil, err
		}
	}
	if t, ok := p.(securebase.Timed); ok {
		e.OccurredAt = t.When()
		if err := securebase.CheckTime("occurred_at", e.OccurredAt); err != nil {
			return nil, err
		}
	}
	if e.Data, err = securebase.EncodePayload(p); err != nil {
		return nil, err
	}
	return e, nil
}

// checkPrefs checks imported preferences as the settings page does: a
// country with crisis lines here, a time zone that exists.
func (s *Service) checkPrefs(p securebase.Prefs) error {
	if err := p.Validate(); err != nil {
		return err
	}
	if p.Country != "" {
		if _, ok := s.Lines.Country(p.Country); !ok {
			return securebase.FieldError("country", "This file names a country we don't have crisis lines for. Nothing was imported.")
		}
	}
	if p.TimeZone != "" {
		if _, err := time.LoadLocation(p.TimeZone); err != nil || p.TimeZone == "Local" {
			return securebase.FieldError("time_zone", "This file names a time zone we don't know. Nothing was imported.")
		}
	}
	return nil
}

// spoolChunk is how much checked JSON is sealed at a time.
const spoolChunk = 64 << 10

// spool holds the checked entries of an import between its two passes: in
// a temporary file, in chunks sealed under the person's key, each bound to
// its place in this spool.
type spool struct {
	f      *os.File
	a      securebase.Actor
	id     string
	buf    bytes.Buffer
	enc    *json.Encoder
	chunks int
}

func newSpool(a securebase.Actor) (*spool, error) {
	f, err := os.CreateTemp("", "securebase-import-*")
	if err != nil {
		return nil, fmt.Errorf("import spool: %w", err)
	}
	// Unlinked now: the open file stays usable, and nothing is left
	// behind however the process ends.
	_ = os.Remove(f.Name())
	sp := &spool{f: f, a: a, id: securebase.NewID()}
	sp.enc = json.NewEncoder(&sp.buf)
	sp.enc.SetEscapeHTML(false)
	return sp, nil
}

func (sp *spool) ad(chunk int) []byte {
	return securebase.AD(sp.a.UserID, "import-spool", sp.id+"-"+strconv.Itoa(chunk), 0)
}

func (sp *spool) write(e *securebase.Entry) error {
	if err := sp.enc.Encode(securebase.ExportEntryOf(e)); err != nil {
		return err
	}
	if sp.buf.Len() >= spoolChunk {
		return sp.flush()
	}
	return nil
}

func (sp *spool) flush() error {
	if sp.buf.Len() == 0 {
		return nil
	}
	sealed := sp.a.Key.Seal(sp.buf.Bytes(), sp.ad(sp.chunks))
	sp.buf.Reset()
	sp.chunks++
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(sealed))) // #nosec G115 -- a sealed chunk is about 64 KiB
	if _, err := sp.f.Write(n[:]); err != nil {
		return err
	}
	_, err := sp.f.Write(sealed)
	return err
}

// rewind ends writing and goes back to the first chunk.
func (sp *spool) rewind() error {
	if err := sp.flush(); err != nil {
		return err
	}
	_, err := sp.f.Seek(0, io.SeekStart)
	return err
}

// entries reads the spool back, one entry at a time.
func (sp *spool) entries() iter.Seq2[*securebase.Entry, error] {
	return func(yield func(*securebase.Entry, error) bool) {
		r := bufio.NewReader(sp.f)
		for chunk := 0; chunk < sp.chunks; chunk++ {
			var n [4]byte
			if _, err := io.ReadFull(r, n[:]); err != nil {
				yield(nil, fmt.Errorf("import spool: %w", err))
				return
			}
			sealed := make([]byte, binary.BigEndian.Uint32(n[:]))
			if _, err := io.ReadFull(r, sealed); err != nil {
				yield(nil, fmt.Errorf("import spool: %w", err))
				return
			}
			plain, err := sp.a.Key.Open(sealed, sp.ad(chunk))
			if err != nil {
				yield(nil, fmt.Errorf("import spool: %w", err))
				return
			}
			dec := json.NewDecoder(bytes.NewReader(plain))
			for {
				var x securebase.ExportEntry
				if err := dec.Decode(&x); errors.Is(err, io.EOF) {
					break
				} else if err != nil {
					yield(nil, fmt.Errorf("import spool: %w", err))
					return
				}
				e := &securebase.Entry{ID: x.ID, Kind: x.Kind, OccurredAt: x.OccurredAt, CreatedAt: x.CreatedAt, UpdatedAt: x.UpdatedAt, Data: x.Data}
				if !yield(e, nil) {
					return
				}
			}
		}
	}
}

func (sp *spool) close() { _ = sp.f.Close() }
