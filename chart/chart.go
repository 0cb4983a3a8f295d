// Package chart draws the charts of Secure Base as server-rendered SVG:
// a line over time, paired bars (before and after), simple and stacked
// bars, and a map of points joined over time (the questionnaire path).
//
// Every chart comes with its text alternatives, because a chart alone
// shuts out anyone who cannot see it: the SVG has role="img", a <title>
// and a <desc>; Chart.Table holds the same numbers as rows for an HTML
// table; Chart.Desc says in a sentence what the chart shows.
//
// The SVG is built for the app's strict Content Security Policy: no style
// attribute, no <style> element, no script. Shapes carry classes (see CSS)
// and presentation attributes that draw in currentColor, so a chart is
// readable with no stylesheet at all and follows the page's text colour
// into dark mode. A viewBox 320 units wide lets it scale to any phone
// width from 320 to 390 pixels and beyond.
//
// Every string that reaches the SVG is escaped here, labels included,
// even though they are our own words or numbers: the SVG is returned as
// template.HTML, which html/template trusts. Numbers that are not finite
// (NaN, ±Inf) are left out as missing, never drawn.
//
// The package is pure: data in, bytes out, no I/O, no globals.
package chart

import (
	"html/template"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Chart is one rendered chart with its text alternatives.
type Chart struct {
	ID      string        // the id the SVG's title and desc ids are built from
	Title   string        // a short name, also the SVG's <title>
	Summary string        // what the numbers mean, in the caller's words (may be "")
	Desc    string        // what the chart shows, generated: its <desc> ends with it
	SVG     template.HTML // the <svg> element, escaped and safe to embed
	Table   Table         // the same numbers as rows
}

// Table is a chart's data for an accessible HTML table. Every cell is
// plain text; html/template escapes it where it is shown.
type Table struct {
	Caption string
	Head    []string
	Rows    [][]string
}

// The drawing surface. Every chart is Width units wide; heights vary.
const (
	Width    = 320
	fontSize = 12
)

// cleanID turns any string into a safe id for the SVG's title and desc:
// lower-case letters, digits and dashes, starting with a letter, at most
// 40 bytes. An empty result becomes "chart".
func cleanID(id string) string {
	b := make([]byte, 0, len(id)+6)
	for i := 0; i < len(id) && len(b) < 40; i++ {
		c := id[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			b = append(b, c)
		case c >= 'A' && c <= 'Z':
			b = append(b, c+'a'-'A')
		case len(b) > 0 && b[len(b)-1] != '-':
			b = append(b, '-')
		}
	}
	for len(b) > 0 && b[len(b)-1] == '-' {
		b = b[:len(b)-1]
	}
	if len(b) == 0 || b[0] < 'a' || b[0] > 'z' {
		b = append([]byte("chart-"), b...)
		if len(b) == 6 {
			b = b[:5]
		}
	}
	return string(b)
}

// esc appends s escaped for XML text and attribute values. Invalid UTF-8
// and control characters (which XML forbids) become U+FFFD, except tab,
// which becomes a space.
func esc(b []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '&':
				b = append(b, "&amp;"...)
			case c == '<':
				b = append(b, "&lt;"...)
			case c == '>':
				b = append(b, "&gt;"...)
			case c == '"':
				b = append(b, "&#34;"...)
			case c == '\'':
				b = append(b, "&#39;"...)
			case c == '\t' || c == '\n' || c == '\r':
				b = append(b, ' ')
			case c < 0x20 || c == 0x7f:
				b = append(b, "\uFFFD"...)
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError || r == 0xFFFE || r == 0xFFFF || (r >= 0x80 && r < 0xa0) {
			b = append(b, "\uFFFD"...)
		} else {
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return b
}

// clean makes s safe as plain text for a table cell or a sentence:
// valid UTF-8, no control characters, one line, trimmed.
func clean(s string) string {
	ok := utf8.ValidString(s)
	for i := 0; ok && i < len(s); i++ {
		if s[i] < 0x20 || s[i] == 0x7f {
			ok = false
		}
	}
	if ok {
		return strings.TrimSpace(s)
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			b.WriteByte(' ')
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			b.WriteRune(utf8.RuneError)
		default:
			b.WriteRune(r) // invalid bytes arrive as RuneError already
		}
	}
	return strings.TrimSpace(b.String())
}

// num appends x with at most one decimal, for coordinates: "12", "12.5".
// x is finite by the time it gets here; a non-finite x is written as 0 so
// that a mistake can never put NaN into the SVG.
func num(b []byte, x float64) []byte {
	if !finite(x) {
		x = 0
	}
	if math.Abs(x) >= 1e15 {
		return strconv.AppendFloat(b, math.Round(x), 'f', 0, 64)
	}
	// Tenths as a whole number, written by hand: a year's chart writes
	// thousands of these, and strconv's float path is several times slower.
	n := int64(math.Round(x * 10))
	if n == 0 {
		return append(b, '0')
	}
	if n < 0 {
		b = append(b, '-')
		n = -n
	}
	b = strconv.AppendInt(b, n/10, 10)
	if d := n % 10; d != 0 {
		b = append(b, '.', byte('0'+d))
	}
	return b
}

// Value formats a value for people: at most one decimal, no "-0".
func Value(x float64) string {
	var buf [24]byte
	return string(num(buf[:0], x))
}

// finite reports whether x is a usable number.
func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// Human dates, English, as the app writes them: "Mon 3 Mar 2025" in
// tables, "3 Mar" and "Mar" on axes. Times are shown in their own
// location, so pass times already in the person's zone (t.In(loc)).
const (
	dateLong  = "Mon 2 Jan 2006"
	dateShort = "2 Jan"
	dateMonth = "Jan"
)

// open starts an <svg> element with its title and desc.
func open(b []byte, id, title, desc, kind string, height int) []byte {
	b = append(b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 `...)
	b = strconv.AppendInt(b, Width, 10)
	b = append(b, ' ')
	b = strconv.AppendInt(b, int64(height), 10)
	b = append(b, `" role="img" aria-labelledby="`...)
	b = append(b, id...)
	b = append(b, `-title `...)
	b = append(b, id...)
	b = append(b, `-desc" class="chart chart-`...)
	b = append(b, kind...)
	b = append(b, `" font-size="12" fill="currentColor"><title id="`...)
	b = append(b, id...)
	b = append(b, `-title">`...)
	b = esc(b, title)
	b = append(b, `</title><desc id="`...)
	b = append(b, id...)
	b = append(b, `-desc">`...)
	b = esc(b, desc)
	b = append(b, `</desc>`...)
	return b
}

// text appends a <text> element.
func text(b []byte, class string, x, y float64, anchor, s string) []byte {
	b = append(b, `<text class="`...)
	b = append(b, class...)
	b = append(b, `" x="`...)
	b = num(b, x)
	b = append(b, `" y="`...)
	b = num(b, y)
	if anchor != "" {
		b = append(b, `" text-anchor="`...)
		b = append(b, anchor...)
	}
	b = append(b, `">`...)
	b = esc(b, s)
	return append(b, `</text>`...)
}

// line appends a <line> element.
func line(b []byte, class string, x1, y1, x2, y2 float64, extra string) []byte {
	b = append(b, `<line class="`...)
	b = append(b, class...)
	b = append(b, `" x1="`...)
	b = num(b, x1)
	b = append(b, `" y1="`...)
	b = num(b, y1)
	b = append(b, `" x2="`...)
	b = num(b, x2)
	b = append(b, `" y2="`...)
	b = num(b, y2)
	b = append(b, '"')
	b = append(b, extra...)
	return append(b, `/>`...)
}

// rect appends a <rect> element.
func rect(b []byte, class string, x, y, w, h float64, extra string) []byte {
	if class != "" {
		b = append(b, `<rect class="`...)
		b = append(b, class...)
		b = append(b, `" x="`...)
	} else {
		b = append(b, `<rect x="`...)
	}
	b = num(b, x)
	b = append(b, `" y="`...)
	b = num(b, y)
	b = append(b, `" width="`...)
	b = num(b, max(w, 0))
	b = append(b, `" height="`...)
	b = num(b, max(h, 0))
	b = append(b, '"')
	b = append(b, extra...)
	return append(b, `/>`...)
}

// circle appends a <circle> element.
func circle(b []byte, class string, cx, cy, r float64, extra string) []byte {
	b = append(b, `<circle class="`...)
	b = append(b, class...)
	b = append(b, `" cx="`...)
	b = num(b, cx)
	b = append(b, `" cy="`...)
	b = num(b, cy)
	b = append(b, `" r="`...)
	b = num(b, r)
	b = append(b, '"')
	b = append(b, extra...)
	return append(b, `/>`...)
}

// finish closes the svg and wraps it for html/template.
func finish(b []byte) template.HTML {
	b = append(b, `</svg>`...)
	// #nosec G203 -- every string in b went through esc; numbers are formatted here.
	return template.HTML(b)
}

// cellBuf builds a table's cells as one string: each cell is appended
// to b and ended with end; rows then slices them out. A year's table is
// three allocations, not one per cell.
type cellBuf struct {
	b    []byte
	ends []int
}

func newCellBuf(cells, perCell int) *cellBuf {
	return &cellBuf{b: make([]byte, 0, cells*perCell), ends: make([]int, 0, cells)}
}

// text appends a cell of plain text.
func (c *cellBuf) text(s string) {
	c.b = append(c.b, clean(s)...)
	c.ends = append(c.ends, len(c.b))
}

// value appends a cell holding a number.
func (c *cellBuf) value(x float64) {
	c.b = num(c.b, x)
	c.ends = append(c.ends, len(c.b))
}

// date appends a cell holding a date, or the label when there is one.
func (c *cellBuf) date(t time.Time, label string) {
	if l := clean(label); l != "" {
		c.b = append(c.b, l...)
	} else {
		c.b = appendDate(c.b, t)
	}
	c.ends = append(c.ends, len(c.b))
}

// empty appends an empty cell.
func (c *cellBuf) empty() { c.ends = append(c.ends, len(c.b)) }

// rows returns the cells cols to a row.
func (c *cellBuf) rows(cols int) [][]string {
	all := string(c.b)
	flat := make([]string, len(c.ends))
	start := 0
	for i, e := range c.ends {
		flat[i] = all[start:e]
		start = e
	}
	n := len(flat) / cols
	out := make([][]string, n)
	for i := range out {
		out[i] = flat[i*cols : (i+1)*cols : (i+1)*cols]
	}
	return out
}

// appendDate writes t as "Mon 3 Mar 2025" by hand: the same as
// t.Format(dateLong), at a fraction of the cost for a year of rows.
func appendDate(b []byte, t time.Time) []byte {
	const days, months = "SunMonTueWedThuFriSat", "JanFebMarAprMayJunJulAugSepOctNovDec"
	y, m, d := t.Date()
	wd := int(t.Weekday())
	b = append(b, days[3*wd:3*wd+3]...)
	b = append(b, ' ')
	b = strconv.AppendInt(b, int64(d), 10)
	b = append(b, ' ')
	b = append(b, months[3*(m-1):3*m]...)
	b = append(b, ' ')
	return strconv.AppendInt(b, int64(y), 10)
}

// span says a date range in words for a description.
func span(a, b time.Time) string {
	if a.Equal(b) || a.Format(dateLong) == b.Format(dateLong) {
		return "on " + a.Format(dateLong)
	}
	return "from " + a.Format(dateLong) + " to " + b.Format(dateLong)
}

// plural says n things.
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// legendItem places one legend entry: its left edge and its row.
type legendItem struct {
	x   float64
	row int
}

// legendLine is the height of one row of the legend.
const legendLine = 18

// legendRows lays legend entries out left to right from left, starting a
// new row when the next would run past the right edge. Text width is
// estimated at 7 units a character, generous for a 12-unit font.
func legendRows(names []string, left float64) []legendItem {
	out := make([]legendItem, len(names))
	x, row := left, 0
	for i, n := range names {
		w := 22 + 7*float64(utf8.RuneCountInString(n))
		if x > left && x+w > Width-4 {
			x, row = left, row+1
		}
		out[i] = legendItem{x: x, row: row}
		x += w + 12
	}
	return out
}
