package web

// Today's template, memoised (issue 15, speed). With the data read and
// cached, executing Today's template was most of the page's cost: every
// action of html/template calls its escapers through reflection. The
// parts of Today that are the same from one visit to the next (the
// welcome and the four practices; looking back, the suggestions, the
// secure belief and the fear's question; the crisis lines) are rendered
// by html/template as before, and the HTML is kept beside the exact data
// it was made from. The next visit reuses it only when its data is equal
// (reflect.DeepEqual), so a memo can never show anything the data of the
// visit would not: no invalidation is needed for correctness, and a
// person's memo is kept under their id, dropped with the rest of their
// cache on any write of theirs and when the account is deleted.

import (
	"bytes"
	"html/template"
	"net/http"
	"reflect"
	"time"
)

// memo is one rendered part and the data it was rendered from.
type memo struct {
	in  any
	out template.HTML
}

// memoHTML returns template name of page view executed with data, reusing
// the HTML kept for user under what when data is equal to what it was
// made from. data must not change after the call (each visit builds its
// own). user 0 is for parts that belong to nobody (the crisis lines of a
// country).
func (s *Server) memoHTML(user int64, what, view, name string, data any, now time.Time) (template.HTML, error) {
	c := s.cache
	k := cacheKey{user, "memo " + what}
	gen := c.gen(user)
	if v, ok := c.kept(k, "", 0, now); ok { // equal data is the test, not the stamp
		if m := v.(memo); reflect.DeepEqual(m.in, data) {
			return m.out, nil
		}
	}
	var buf bytes.Buffer
	if err := s.views.pages[view].ExecuteTemplate(&buf, s.views.name(view, name), data); err != nil {
		return "", err
	}
	out := template.HTML(buf.String()) // #nosec G203 -- the output of html/template, escaped there
	c.putCost(user, 0, k.what, "", gen, now, memo{in: data, out: out}, cacheCost(k.what))
	return out, nil
}

// memoToday renders Today's memoised parts into v.
func (s *Server) memoToday(r *http.Request, v *todayView, now time.Time) error {
	user := principal(r).User.ID
	var err error
	if v.IsToday && v.Practice != nil && !v.Practice.HardDay {
		if v.Top, err = s.memoHTML(user, "today top", "today", "_todaytop", v.Practice, now); err != nil {
			return err
		}
		later := todayLater{Practice: v.Practice, Suggested: v.Suggested, SecureBelief: v.SecureBelief, FearAsk: v.FearAsk}
		if v.Later, err = s.memoHTML(user, "today later", "today", "_todaylater", later, now); err != nil {
			return err
		}
	}
	if v.IsToday {
		c, _ := s.crisisFor(r)
		if v.Lines, err = s.memoHTML(0, "lines "+c.Code, "today", "_lines", c, now); err != nil {
			return err
		}
	}
	return nil
}
