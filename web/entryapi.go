package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/entries"
)

// kindAPI is the JSON API of one entry kind: list, create, read, replace
// and delete, the same way for every kind with a Collection in the
// registry (securebase.KindInfos). An item is the entry's own fields with
// id, occurred_at, created_at, updated_at and version beside them.
type kindAPI struct{ securebase.KindInfo }

func (k kindAPI) path() string { return "/api/v1/" + k.Collection }

// kindAPIs are the entry kinds served by the generic JSON API.
func kindAPIs() []kindAPI {
	var out []kindAPI
	for _, in := range securebase.KindInfos() {
		if in.Collection != "" {
			out = append(out, kindAPI{in})
		}
	}
	return out
}

// routes returns the five routes of the kind.
func (k kindAPI) routes(s *Server) []Route {
	name, owned := "api "+string(k.Kind), string(k.Kind)
	return []Route{
		{Method: "GET", Pattern: k.path(), Access: API, Name: name + " list", handle: func(w http.ResponseWriter, r *http.Request) error { return s.apiList(w, r, k) }},
		{Method: "POST", Pattern: k.path(), Access: API, Name: name + " create", handle: func(w http.ResponseWriter, r *http.Request) error { return s.apiCreate(w, r, k) }},
		{Method: "GET", Pattern: k.path() + "/{id}", Access: API, Owned: owned, Name: name, handle: func(w http.ResponseWriter, r *http.Request) error { return s.apiGet(w, r, k) }},
		{Method: "PUT", Pattern: k.path() + "/{id}", Access: API, Owned: owned, Name: name + " update", handle: func(w http.ResponseWriter, r *http.Request) error { return s.apiUpdate(w, r, k) }},
		{Method: "DELETE", Pattern: k.path() + "/{id}", Access: API, Owned: owned, Name: name + " delete", handle: func(w http.ResponseWriter, r *http.Request) error { return s.apiDelete(w, r, k) }},
	}
}

// apiItemOf is an entry as the API shows it: the meta fields, then the
// payload's own fields. It splices the stored JSON object in instead of
// decoding and encoding it again, which was most of a list's cost. Ids
// are letters, digits, - and _, so they need no escaping.
func apiItemOf(e *securebase.Entry) (json.RawMessage, error) {
	data := bytes.TrimSpace(e.Data)
	if len(data) < 2 || data[0] != '{' || data[len(data)-1] != '}' {
		return nil, fmt.Errorf("entry %s: stored data is not a JSON object", e.ID)
	}
	b := make([]byte, 0, len(data)+160)
	b = append(b, `{"id":"`...)
	b = append(b, e.ID...)
	for _, t := range []struct {
		name string
		at   time.Time
	}{{`","occurred_at":"`, e.OccurredAt}, {`","created_at":"`, e.CreatedAt}, {`","updated_at":"`, e.UpdatedAt}} {
		b = append(b, t.name...)
		b = t.at.AppendFormat(b, time.RFC3339Nano)
	}
	b = append(b, `","version":`...)
	b = strconv.AppendInt(b, int64(e.Version), 10)
	if inner := bytes.TrimSpace(data[1 : len(data)-1]); len(inner) > 0 {
		b = append(b, ',')
		b = append(b, inner...)
	}
	return append(b, '}'), nil
}

// apiInput is a decoded request body: the meta fields and the payload.
type apiInput struct {
	ID         string
	OccurredAt *time.Time
	Version    int
	Payload    securebase.Payload
}

// decodeItem reads one JSON object: id, occurred_at and version are taken
// out, and the rest must be exactly the kind's fields.
func (k kindAPI) decodeItem(r *http.Request) (*apiInput, error) {
	var raw map[string]json.RawMessage
	if err := decodeJSON(r, &raw); err != nil {
		return nil, err
	}
	if raw == nil {
		return nil, securebase.Errorf(securebase.EINVALID, "Send one JSON object.")
	}
	in := &apiInput{}
	var v securebase.Validation
	for _, f := range k.Required {
		if _, ok := raw[f]; !ok {
			v.Add(f, "Send "+f+"; it has no default.")
		}
	}
	if b, ok := raw["id"]; ok {
		if json.Unmarshal(b, &in.ID) != nil {
			v.Add("id", "Send id as a string.")
		}
		delete(raw, "id")
	}
	if b, ok := raw["occurred_at"]; ok {
		var t time.Time
		if json.Unmarshal(b, &t) != nil {
			v.Add("occurred_at", "Send occurred_at as an RFC 3339 time, like 2026-11-21T23:40:00Z.")
		}
		in.OccurredAt = &t
		delete(raw, "occurred_at")
	}
	if b, ok := raw["version"]; ok {
		if json.Unmarshal(b, &in.Version) != nil {
			v.Add("version", "Send version as a whole number.")
		}
		delete(raw, "version")
	}
	for _, meta := range []string{"created_at", "updated_at"} {
		delete(raw, meta) // read-only: a client may send back what it read
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	rest, err := json.Marshal(raw)
	if err != nil {
		return nil, err
	}
	e := &securebase.Entry{ID: in.ID, Kind: k.Kind}
	p, err := e.DecodeStrict(rest)
	if err != nil {
		return nil, securebase.Errorf(securebase.EINVALID, "%s", apiDecodeMessage(k.Kind, err))
	}
	in.Payload = p
	return in, nil
}

// apiDecodeMessage keeps the decoder's message but not the entry id.
func apiDecodeMessage(kind securebase.Kind, err error) string {
	msg := securebase.ErrorMessage(err)
	if msg == "" {
		return "The " + string(kind) + " has fields we can't read."
	}
	return msg
}

func (s *Server) apiList(w http.ResponseWriter, r *http.Request, k kindAPI) error {
	q := r.URL.Query()
	f := securebase.EntryFilter{Kind: k.Kind, Limit: 50}
	var v securebase.Validation
	if d := q.Get("day"); d != "" {
		day, err := dayOf(d, s.Clock(), s.userLocation(r))
		if err != nil {
			return err
		}
		f.From, f.To = day, day.AddDate(0, 0, 1)
	}
	for name, dst := range map[string]*time.Time{"from": &f.From, "to": &f.To} {
		if val := q.Get(name); val != "" {
			t, err := time.Parse(time.RFC3339, val)
			if err != nil {
				v.Add(name, "Write "+name+" as an RFC 3339 time, like 2026-11-21T23:40:00Z.")
			}
			*dst = t
		}
	}
	pageOf(&v, q, &f)
	if err := v.Err(); err != nil {
		return err
	}
	// A page of the list is kept in memory under the person's entries
	// stamp (practice_cache.go): a client that asks again before anything
	// changed, on any instance, is answered without reading and opening
	// the rows again (issue 15, speed).
	a, now := principal(r).Actor, s.Clock()
	key := fmt.Sprintf("%d %d %d %s", f.From.UnixMilli(), f.To.UnixMilli(), f.Limit, q.Get("after"))
	body, err := s.cache.loadCost(r.Context(), a, "api "+k.Collection, key, now, func() (any, int, error) {
		b, err := s.apiListBody(r, k, f)
		return b, 1 + len(b)/4096, err
	})
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body.([]byte))
	return nil
}

// apiListBody is one page of a list as JSON.
func (s *Server) apiListBody(r *http.Request, k kindAPI, f securebase.EntryFilter) ([]byte, error) {
	entries, err := s.Entries.ListEntries(r.Context(), principal(r).Actor, f)
	if err != nil {
		return nil, err
	}
	// The envelope is written here around the items as they are: each is
	// our own sealed JSON object (apiItemOf), so running them through
	// encoding/json again only checked and compacted them (a tenth of the
	// list's CPU, issue 15). The collection and the cursor are encoded.
	b := make([]byte, 0, 64+len(entries)*256)
	b = append(b, '{')
	b = appendJSONString(b, k.Collection)
	b = append(b, ":["...)
	for i, e := range entries {
		it, err := apiItemOf(e)
		if err != nil {
			return nil, err
		}
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, it...)
	}
	b = append(b, ']')
	if len(entries) == f.Limit {
		b = append(b, `,"next":`...)
		b = appendJSONString(b, formatCursor(entries[len(entries)-1]))
	}
	b = append(b, "}\n"...)
	return b, nil
}

// appendJSONString appends s as a JSON string, escaped as encoding/json
// escapes it.
func appendJSONString(b []byte, s string) []byte {
	q, _ := json.Marshal(s) // a string always marshals
	return append(b, q...)
}

// pageOf reads a list's page from the query: ?limit= up to 500 and
// ?after= the "next" value of the previous page.
func pageOf(v *securebase.Validation, q url.Values, f *securebase.EntryFilter) {
	if l := q.Get("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n < 1 || n > 500 {
			v.Add("limit", "limit is a whole number from 1 to 500.")
		}
		f.Limit = n
	}
	if a := q.Get("after"); a != "" {
		c, ok := parseCursor(a)
		if !ok {
			v.Add("after", "Use the next value of the previous page as after.")
		}
		f.After = c
	}
}

// apiCreate saves an item. A client may choose the id: sending the same
// id again answers 200 with the stored item and stores nothing, so an
// offline queue can retry until it hears back.
func (s *Server) apiCreate(w http.ResponseWriter, r *http.Request, k kindAPI) error {
	in, err := k.decodeItem(r)
	if err != nil {
		return err
	}
	d := entries.Draft{Payload: in.Payload, ID: in.ID}
	if in.OccurredAt != nil {
		d.OccurredAt = *in.OccurredAt
	}
	sv, err := s.Entries.Save(r.Context(), principal(r).Actor, d)
	if err != nil {
		return err
	}
	code := http.StatusOK
	if sv.Created {
		code = http.StatusCreated
		w.Header().Set("Location", k.path()+"/"+sv.ID)
	}
	return writeSaved(w, code, sv)
}

// writeSaved answers a save with the item as the API shows it.
func writeSaved(w http.ResponseWriter, code int, sv entries.Saved) error {
	item, err := apiItemOf(sv.Entry)
	if err != nil {
		return err
	}
	writeJSON(w, code, saved{Item: item, Crisis: sv.Crisis, Safety: sv.Safety})
	return nil
}

// findOwned loads the {id} entry of the kind for the person asking; a
// malformed id, another person's entry and a deleted one are the same 404.
func (s *Server) findOwned(r *http.Request, kind securebase.Kind) (*securebase.Entry, error) {
	id := r.PathValue("id")
	if !securebase.ValidID(id) {
		return nil, securebase.Errorf(securebase.ENOTFOUND, "We couldn't find that. It may have been deleted.")
	}
	return s.Entries.FindEntry(r.Context(), principal(r).Actor, kind, id)
}

// removeOwned deletes the {id} entry of the kind for the person asking and
// returns what it was; anything else is the same 404 as findOwned's.
func (s *Server) removeOwned(r *http.Request, kind securebase.Kind) (*securebase.Entry, error) {
	e, err := s.findOwned(r, kind)
	if err != nil {
		return nil, err
	}
	return e, s.Entries.DeleteEntry(r.Context(), principal(r).Actor, kind, e.ID)
}

func (s *Server) apiGet(w http.ResponseWriter, r *http.Request, k kindAPI) error {
	e, err := s.findOwned(r, k.Kind)
	if err != nil {
		return err
	}
	item, err := apiItemOf(e)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, item)
	return nil
}

func (s *Server) apiUpdate(w http.ResponseWriter, r *http.Request, k kindAPI) error {
	e, err := s.findOwned(r, k.Kind)
	if err != nil {
		return err
	}
	in, err := k.decodeItem(r)
	if err != nil {
		return err
	}
	if in.Version < 1 {
		return securebase.FieldError("version", "Send the version you last read, so we don't overwrite a newer change.")
	}
	d := entries.Draft{Payload: in.Payload, ID: e.ID, Version: in.Version, OccurredAt: e.OccurredAt}
	if in.OccurredAt != nil {
		d.OccurredAt = *in.OccurredAt
	}
	sv, err := s.Entries.Save(r.Context(), principal(r).Actor, d)
	if err != nil {
		return err
	}
	return writeSaved(w, http.StatusOK, sv)
}

func (s *Server) apiDelete(w http.ResponseWriter, r *http.Request, k kindAPI) error {
	if _, err := s.removeOwned(r, k.Kind); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
