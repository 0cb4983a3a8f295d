package web

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/securebase/securebase"
)

// exportJSON is everything the person has, as a file to keep or import.
func (s *Server) exportJSON(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="securebase-%s.json"`, s.Clock().UTC().Format(time.DateOnly)))
	return s.apiExport(w, r)
}

// apiExport streams the export: a page of entries at a time, so an export
// of any size costs the server the same memory.
func (s *Server) apiExport(w http.ResponseWriter, r *http.Request) error {
	p := principal(r)
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	out := &started{w: w, t: newLease(w)}
	prefs := p.User.Prefs
	prefs.Feed = "" // the calendar feed's secret stays with this account (issue 15)
	signals, err := s.exportSignals(r)
	if err != nil {
		return err
	}
	err = s.Entries.ExportWithSignals(r.Context(), p.Actor,
		securebase.ExportAccount{Username: p.User.Username, CreatedAt: p.User.CreatedAt, Prefs: prefs}, signals, out)
	return s.finish(out, w, r, err)
}

// started is a response writer that remembers whether anything was sent.
// An export that fails before its first byte is an error page like any
// other; one that fails later can only stop, and a file that ends too soon
// is refused by import. Each write earns the connection more time.
type started struct {
	w    http.ResponseWriter
	t    *lease
	sent bool
}

func (o *started) Write(b []byte) (int, error) {
	o.sent = true
	o.t.write()
	return o.w.Write(b)
}

// The server's ReadTimeout and WriteTimeout bound an ordinary request, but
// an import or export of the largest size can take minutes on a busy
// machine. A lease gives such a request more time as it makes progress:
// each read or write earns leaseStep more, up to leaseMax in all, so a
// client that stops sending or reading is still cut off.
const (
	leaseStep = 30 * time.Second
	leaseMax  = 15 * time.Minute
)

type lease struct {
	rc  *http.ResponseController
	end time.Time
}

func newLease(w http.ResponseWriter) *lease {
	return &lease{rc: http.NewResponseController(w), end: time.Now().Add(leaseMax)}
}

func (l *lease) next() time.Time {
	if t := time.Now().Add(leaseStep); t.Before(l.end) {
		return t
	}
	return l.end
}

// The connection's deadlines are wall-clock time, not the app's clock.
// Where the writer cannot set them (a test's recorder), there is nothing
// to extend.
func (l *lease) read()  { _ = l.rc.SetReadDeadline(l.next()) }
func (l *lease) write() { _ = l.rc.SetWriteDeadline(l.next()) }

// leasedReader reads r, earning more time with every read. Once r is
// read to its end, the connection may rest until the lease ends: the
// request is being stored, and the server still notices a client that
// hangs up (and cancels the request's context).
type leasedReader struct {
	r io.Reader
	t *lease
}

func (lr leasedReader) Read(p []byte) (int, error) {
	lr.t.read()
	n, err := lr.r.Read(p)
	if err != nil {
		_ = lr.t.rc.SetReadDeadline(lr.t.end)
	}
	return n, err
}

// finish ends a streamed answer: an error before anything was sent is
// answered as usual; after, it is logged and the answer just stops.
func (s *Server) finish(o *started, w http.ResponseWriter, r *http.Request, err error) error {
	if err != nil && o.sent {
		st := state(r)
		s.Logger.Error("stream stopped part way", "request_id", st.id, "route", st.route, "err", err)
		return nil
	}
	if err != nil {
		w.Header().Del("Content-Disposition")
	}
	return err
}

// exportItem is one entry in the readable export.
type exportItem struct {
	When   time.Time
	Fields []securebase.Field
}

// exportHTML is the same export as a page a person can read, print or
// keep, written as it is read. It is one self-contained file with its
// style inline (a CSP nonce lets the style run when it is opened from the
// server).
func (s *Server) exportHTML(w http.ResponseWriter, r *http.Request) error {
	p := principal(r)
	loc := s.userLocation(r)
	now := s.Clock().UTC().Truncate(time.Second)
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="securebase-%s.html"`, now.Format(time.DateOnly)))
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	out := &started{w: w, t: newLease(w)}
	doc := s.views.document
	err := doc.ExecuteTemplate(out, "head", map[string]any{
		"Username": p.User.Username, "ExportedAt": now, "Nonce": state(r).nonce, "Zone": loc.String()})
	wrote := false
	for _, in := range securebase.KindInfos() {
		if err != nil {
			break
		}
		first := true
		err = s.Entries.Each(r.Context(), p.Actor, in.Kind, func(e *securebase.Entry) error {
			if first {
				first, wrote = false, true
				if err := doc.ExecuteTemplate(out, "section", in.Title); err != nil {
					return err
				}
			}
			fields, err := s.readableFields(e, loc)
			if err != nil {
				return err
			}
			return doc.ExecuteTemplate(out, "item", exportItem{When: e.OccurredAt.In(loc), Fields: fields})
		})
	}
	if err == nil {
		wrote, err = s.readableSignals(r, out, loc, wrote)
	}
	if err == nil {
		err = doc.ExecuteTemplate(out, "foot", wrote)
	}
	return s.finish(out, w, r, err)
}

// readableSignals writes the person's own linked-partner signals into the
// readable export, after the entries, as /partner/link shows them.
func (s *Server) readableSignals(r *http.Request, out io.Writer, loc *time.Location, wrote bool) (bool, error) {
	signals, err := s.exportSignals(r)
	if err != nil || len(signals) == 0 {
		return wrote, err
	}
	doc := s.views.document
	if err := doc.ExecuteTemplate(out, "section", "Signals with your partner"); err != nil {
		return wrote, err
	}
	for _, sig := range signals {
		from := "Your partner"
		if sig.SentBy == securebase.SentByYou {
			from = "You"
		}
		fields := []securebase.Field{{Name: "From", Value: from}, {Name: "Signal", Value: sig.Text}}
		if sig.Words != "" {
			fields = append(fields, securebase.Field{Name: "Their words", Value: sig.Words})
			if sig.SentBy == securebase.SentByYou {
				fields[len(fields)-1].Name = "Your words"
			}
		}
		if err := doc.ExecuteTemplate(out, "item", exportItem{When: sig.SentAt.In(loc), Fields: fields}); err != nil {
			return wrote, err
		}
	}
	return true, nil
}

type importView struct {
	Added, Skipped int
}

// importData reads an export into this account, all of it or nothing.
// Every entry is checked as a save through any other door is; entries
// whose id is already here are skipped, so importing the same file twice
// adds nothing. The file is read as it arrives, never held whole.
func (s *Server) importData(w http.ResponseWriter, r *http.Request) error {
	p := principal(r)
	file, err := uploadedFile(r, "file")
	if err != nil {
		return s.renderSettings(w, r, status(err), nil, message(err), settingsView{})
	}
	t := newLease(w)
	res, err := s.Entries.Import(r.Context(), p.Actor, leasedReader{file, t})
	t.write() // storing may have taken a while: time to answer
	if err != nil {
		if r.Context().Err() != nil {
			return securebase.Errorf(securebase.EUNAVAILABLE, "The upload stopped before the end, so nothing was imported.")
		}
		if code := securebase.ErrorCode(err); code == securebase.EINVALID || code == securebase.ETOOLARGE || status(err) == http.StatusRequestEntityTooLarge {
			return s.renderSettings(w, r, status(err), nil, message(err), settingsView{})
		}
		return err
	}
	res.Prefs.Feed = "" // a feed's secret is never imported: its feed lives on its own instance
	if p.User.Prefs == (securebase.Prefs{}) && res.Prefs != (securebase.Prefs{}) {
		if err := s.Accounts.UpdatePrefs(r.Context(), p, res.Prefs); err != nil {
			return err
		}
	}
	s.render(w, r, http.StatusOK, "imported", page{Title: "Import finished", Nav: "settings", Data: importView{res.Added, res.Skipped}})
	return nil
}

// uploadedFile returns the named file of a multipart form as it arrives,
// without buffering it: the parts before it are skipped.
func uploadedFile(r *http.Request, name string) (io.Reader, error) {
	noFile := securebase.Errorf(securebase.EINVALID, "Choose the .json file that Secure Base's export made, then press Import.")
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, noFile
	}
	for {
		part, err := mr.NextPart()
		if err != nil {
			if status(err) == http.StatusRequestEntityTooLarge {
				return nil, err
			}
			return nil, noFile
		}
		if part.FormName() == name && part.FileName() != "" {
			return part, nil
		}
	}
}

// readable writes a JSON value for people: lists joined by commas, objects
// (a safety plan's parts) as one "name: text" line each.
func readable(v any) string {
	switch v := v.(type) {
	case []any:
		parts := make([]string, len(v))
		for i, x := range v {
			parts[i] = readable(x)
		}
		return strings.Join(parts, ", ")
	case map[string]any:
		keys := sortedKeys(v)
		lines := make([]string, len(keys))
		for i, k := range keys {
			lines[i] = strings.ReplaceAll(k, "-", " ") + ": " + readable(v[k])
		}
		return strings.Join(lines, "\n")
	}
	return fmt.Sprint(v)
}
