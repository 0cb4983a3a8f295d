package web

// Whole pages, memoised (issue 15, speed). Once a page's data is read,
// executing html/template was the largest cost left on every signed-in
// page (each action calls its escapers through reflection): Today spent
// a third of its time there, the sign-in page half. A page is a pure
// function of its page value, so render keeps the HTML of the last GET of
// each view per person beside the page value it came from, and the next
// GET reuses it only when its page value is reflect.DeepEqual to that
// one. Nothing can be shown that the visit's own data would not show, so
// correctness needs no invalidation; the person's writes still drop it
// (personCache.forget), to free the memory early.
//
// Two things on a page differ on every request by design: the CSP nonce
// and the fresh ids of create forms (an idempotency id for each new
// entry). Both are drawn as marks: per-process random strings of the
// same shape, the same on every request, so the page value stays equal.
// render writes the page with each mark replaced by the real value of
// this request: the nonce of its Content-Security-Policy and a new random
// id per mark. The marks are unguessable, so nobody's writing can hold
// one, and they never leave render.
//
// Only GET and HEAD are memoised: a page that comes back with what a
// person typed (a form with a problem) is rendered afresh and not kept,
// so a typed password never waits in memory for the next visit.

import (
	"bytes"
	"io"
	"net/http"
	"reflect"
	"strconv"
	"time"

	"github.com/securebase/securebase"
)

// freshMax is how many fresh ids a page can draw as marks; a page that
// draws more gets real ids past it, and is simply never reused.
const freshMax = 4

// marks are the stand-ins render replaces on the way out.
type marks struct {
	nonce string
	ids   [freshMax]string
}

func newMarks() marks {
	m := marks{nonce: randomString(18)} // the shape of a real nonce (outer)
	for i := range m.ids {
		m.ids[i] = securebase.NewID()
	}
	return m
}

// freshID is a new entry id for a create form on a page: a mark that
// render replaces with a new random id on every response. Use it only
// for ids that reach the person through render; an id the server acts on
// must come from securebase.NewID.
func (s *Server) freshID(r *http.Request) string {
	st := state(r)
	if st.ids >= freshMax {
		return securebase.NewID()
	}
	st.ids++
	return s.marks.ids[st.ids-1]
}

// pageMemo is one rendered page: the page value it came from, its status,
// and its HTML cut at each mark.
type pageMemo struct {
	in     page
	status int
	parts  []part
}

// part is HTML up to a mark; hole is the mark that follows it: 0 the
// nonce, 1+i fresh id i, -1 none (the end).
type part struct {
	html []byte
	hole int
}

// memoKey is where render keeps a page for reuse, or false when this
// request's page must not be kept or reused.
func memoKey(r *http.Request, name string, p *page) (cacheKey, bool) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return cacheKey{}, false
	}
	var user int64
	if p.User != nil {
		user = p.User.ID
	}
	return cacheKey{user, "page " + name}, true
}

// reusePage writes the page kept under k when p and status equal what it
// was made from, and reports whether it did.
func (s *Server) reusePage(w http.ResponseWriter, r *http.Request, k cacheKey, p *page, status int, now time.Time) bool {
	v, ok := s.cache.kept(k, "", 0, now) // equal page values are the test, not the stamp
	if !ok {
		return false
	}
	m := v.(*pageMemo)
	if m.status != status || !reflect.DeepEqual(m.in, *p) {
		return false
	}
	s.writeParts(w, r, status, m.parts)
	return true
}

// keepPage cuts out at the marks, keeps it under k for the next visit
// and writes it.
func (s *Server) keepPage(w http.ResponseWriter, r *http.Request, k cacheKey, p *page, status int, out []byte, now time.Time, gen uint64) {
	parts := s.cut(out)
	if k.what != "" {
		s.cache.putCost(k.user, 0, k.what, "", gen, now, &pageMemo{in: *p, status: status, parts: parts}, 1+len(out)/4096)
	}
	s.writeParts(w, r, status, parts)
}

// cut splits out at every mark.
func (s *Server) cut(out []byte) []part {
	var parts []part
	for {
		at, hole := -1, -1
		if i := bytes.Index(out, []byte(s.marks.nonce)); i >= 0 {
			at, hole = i, 0
		}
		for j, id := range s.marks.ids {
			if i := bytes.Index(out, []byte(id)); i >= 0 && (at < 0 || i < at) {
				at, hole = i, 1+j
			}
		}
		if at < 0 {
			return append(parts, part{html: out, hole: -1})
		}
		n := len(s.marks.nonce)
		if hole > 0 {
			n = len(s.marks.ids[hole-1])
		}
		parts = append(parts, part{html: out[:at:at], hole: hole})
		out = out[at+n:]
	}
}

// writeParts writes a page with this request's nonce and a new id for
// each fresh-id mark (the same id wherever one mark appears twice).
// net/http buffers the writes.
func (s *Server) writeParts(w http.ResponseWriter, r *http.Request, status int, parts []part) {
	var ids [freshMax]string
	nonce := state(r).nonce
	// The length is known before the first byte, so the page goes out
	// with a Content-Length in one piece rather than chunked.
	n := 0
	for _, p := range parts {
		n += len(p.html)
		switch {
		case p.hole == 0:
			n += len(nonce)
		case p.hole > 0:
			if ids[p.hole-1] == "" {
				ids[p.hole-1] = securebase.NewID()
			}
			n += len(ids[p.hole-1])
		}
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(n))
	w.WriteHeader(status)
	for _, p := range parts {
		_, _ = w.Write(p.html)
		switch {
		case p.hole == 0:
			_, _ = io.WriteString(w, nonce)
		case p.hole > 0:
			_, _ = io.WriteString(w, ids[p.hole-1])
		}
	}
}
