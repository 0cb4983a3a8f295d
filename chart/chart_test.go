package chart

import (
	"bytes"
	"encoding/xml"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden SVG files in testdata")

var day0 = time.Date(2025, 3, 3, 20, 0, 0, 0, time.UTC) // a Monday

func days(vals ...float64) []Point {
	pts := make([]Point, len(vals))
	for i, v := range vals {
		pts[i] = Point{At: day0.AddDate(0, 0, i), Value: v, Lo: v - 1, Hi: v + 2}
	}
	return pts
}

// samples are the charts the golden files hold: one of each kind, plus
// the edge cases a page meets (nothing yet, one point, gaps).
func samples() map[string]Chart {
	weeks := func(vals ...float64) []Bar {
		bs := make([]Bar, len(vals))
		for i, v := range vals {
			w := day0.AddDate(0, 0, 7*i)
			bs[i] = Bar{Label: "Week of " + w.Format("2 January 2006"), Short: w.Format("2 Jan"), Value: v, Value2: float64(i % 3)}
		}
		return bs
	}
	return map[string]Chart{
		"line-band": Line{ID: "distress", Title: "Check-in distress by day", Summary: "In the last 4 weeks your check-ins averaged distress 4.2 of 10.",
			YName: "Distress, 0 to 10", YMin: 0, YMax: 10, Band: true,
			Series: []Series{{Name: "Mean", Points: days(6, 5.5, 7, math.NaN(), 4, 3.5, 5, 4, 4.5, 3, 2.5, 3, 4, 3)}}}.Draw(),
		"line-series": Line{ID: "beliefs", Title: "How true each belief feels", YName: "Strength, 0 to 100", YMin: 0, YMax: 100,
			Series: []Series{
				{Name: "People leave", Points: []Point{{At: day0, Value: 90}, {At: day0.AddDate(0, 2, 0), Value: 70}, {At: day0.AddDate(0, 5, 0), Value: 55}}},
				{Name: "Too much", Points: []Point{{At: day0.AddDate(0, 1, 0), Value: 60}, {At: day0.AddDate(0, 4, 0), Value: 62}}},
				{Name: "Alone", Points: []Point{{At: day0.AddDate(0, 0, 10), Value: 80}, {At: day0.AddDate(0, 3, 0), Value: 40}, {At: day0.AddDate(0, 6, 0), Value: 35}}},
			}}.Draw(),
		"line-one":   Line{ID: "one", Title: "One check-in", YName: "Distress", YMin: 0, YMax: 10, Series: []Series{{Name: "Mean", Points: days(7)}}}.Draw(),
		"line-empty": Line{ID: "none", Title: "Nothing yet", YMin: 0, YMax: 10}.Draw(),
		"bars-weeks": Bars{ID: "episodes", Title: "Episodes per week", LabelName: "Week", ValueName: "Episodes",
			Bars: weeks(3, 4, 2, 5, 1, 0, 2, 3, 1, 1, 0, 2)}.Draw(),
		"bars-stacked": Bars{ID: "urges", Title: "Urges per week", LabelName: "Week", ValueName: "Let pass", Value2Name: "Acted on",
			Summary: "In the last 4 weeks you let 21 urges pass and acted on 7.", Bars: weeks(4, 5, 3, 6, 7, 5, 6, 8)}.Draw(),
		"bars-horizontal": Bars{ID: "triggers", Title: "Top triggers", LabelName: "Trigger", ValueName: "Times", Horizontal: true,
			Bars: []Bar{{Label: "A late reply", Value: 14}, {Label: "A change in tone", Value: 9}, {Label: "Plans that changed", Value: 4}}}.Draw(),
		"paired": Paired{ID: "works", Title: "Distress before and after each tool", LabelName: "Tool", AName: "Before", BName: "After", NoteName: "Rated uses", Max: 10,
			Summary: "Breathing has helped you most so far.",
			Groups:  []Pair{{Label: "Breathing", A: 7.4, B: 4.1, Note: "12"}, {Label: "Grounding", A: 6.2, B: 4.9, Note: "5"}, {Label: "A pause", A: 5, B: 5, Note: "3"}}}.Draw(),
		"map": Scatter{ID: "path", Title: "Your questionnaire results over time", XName: "Avoidance", YName: "Anxiety", Min: 1, Max: 7, Mid: true,
			Corners: [4]string{"anxious", "fearful", "secure", "avoidant"},
			Points:  []XY{{At: day0, X: 3.1, Y: 5.4}, {At: day0.AddDate(0, 1, 0), X: 3.3, Y: 5.0}, {At: day0.AddDate(0, 2, 0), X: math.NaN(), Y: 4}, {At: day0.AddDate(0, 3, 0), X: 2.9, Y: 4.4}}}.Draw(),
	}
}

func TestGolden(t *testing.T) {
	for name, c := range samples() {
		t.Run(name, func(t *testing.T) {
			got := []byte(string(c.SVG) + "\n")
			file := filepath.Join("testdata", name+".svg")
			if *update {
				if err := os.WriteFile(file, got, 0o600); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(file) // #nosec G304 -- a fixed name under testdata
			if err != nil {
				t.Fatalf("%v (run go test ./chart -run Golden -update to write it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from the golden file; if the change is meant, rerun with -update and look at the SVG.\ngot:\n%s", file, got)
			}
			checkSVG(t, c)
		})
	}
}

// checkSVG holds a chart to the rules every chart keeps: well-formed XML,
// role="img" named by its title and desc, no style or script, finite
// numbers only, a viewBox 320 wide.
func checkSVG(t *testing.T, c Chart) {
	t.Helper()
	s := string(c.SVG)
	dec := xml.NewDecoder(strings.NewReader(s))
	dec.Strict = true
	ids := map[string]bool{}
	var root *xml.StartElement
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v\n%s", err, s)
		}
		el, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if root == nil {
			e := el.Copy()
			root = &e
		}
		switch el.Name.Local {
		case "style", "script", "foreignObject", "image", "a", "use":
			t.Fatalf("element <%s> in a chart", el.Name.Local)
		}
		for _, a := range el.Attr {
			switch n := a.Name.Local; {
			case n == "style" || strings.HasPrefix(n, "on") || n == "href":
				t.Fatalf("attribute %s=%q in a chart", n, a.Value)
			case n == "id":
				ids[a.Value] = true
			case n == "class" || n == "text-anchor" || n == "role" || n == "aria-labelledby" || n == "xmlns" || n == "fill" || n == "stroke" ||
				n == "stroke-linejoin" || n == "stroke-linecap":
			default: // every other attribute holds numbers or path data
				for _, bad := range []string{"NaN", "Inf", "e+", "e-"} {
					if strings.Contains(a.Value, bad) {
						t.Fatalf("attribute %s=%q holds %s", n, a.Value, bad)
					}
				}
			}
		}
	}
	if root == nil || root.Name.Local != "svg" {
		t.Fatalf("no svg root")
	}
	attr := map[string]string{}
	for _, a := range root.Attr {
		attr[a.Name.Local] = a.Value
	}
	if attr["role"] != "img" || !strings.HasPrefix(attr["viewBox"], "0 0 320 ") {
		t.Errorf("root attributes %v", attr)
	}
	for _, ref := range strings.Fields(attr["aria-labelledby"]) {
		if !ids[ref] {
			t.Errorf("aria-labelledby names %q, which is not in the chart", ref)
		}
	}
	if !strings.Contains(s, "<title id=") || !strings.Contains(s, "<desc id=") || c.Desc == "" {
		t.Error("no title or desc")
	}
	for _, row := range c.Table.Rows {
		if len(row) != len(c.Table.Head) {
			t.Fatalf("row %v under head %v", row, c.Table.Head)
		}
	}
}

func TestTables(t *testing.T) {
	s := samples()
	for name, want := range map[string]struct {
		head string
		rows int
		row0 string
	}{
		"line-band":       {"[Date Distress, 0 to 10 Lowest Highest]", 13, "[Mon 3 Mar 2025 6 5 8]"},
		"line-series":     {"[Line Date Strength, 0 to 100]", 8, "[People leave Mon 3 Mar 2025 90]"},
		"line-empty":      {"[Date Value]", 0, ""},
		"bars-stacked":    {"[Week Let pass Acted on]", 8, "[Week of 3 March 2025 4 0]"},
		"bars-horizontal": {"[Trigger Times]", 3, "[A late reply 14]"},
		"paired":          {"[Tool Before After Rated uses]", 3, "[Breathing 7.4 4.1 12]"},
		"map":             {"[Date Anxiety Avoidance]", 3, "[Mon 3 Mar 2025 5.4 3.1]"},
	} {
		tb := s[name].Table
		if fmt.Sprint(tb.Head) != want.head || len(tb.Rows) != want.rows || (want.rows > 0 && fmt.Sprint(tb.Rows[0]) != want.row0) {
			t.Errorf("%s: head %v, %d rows, first %v", name, tb.Head, len(tb.Rows), tb.Rows)
		}
		if tb.Caption == "" {
			t.Errorf("%s: no caption", name)
		}
	}
}

func TestDescriptions(t *testing.T) {
	s := samples()
	for name, want := range map[string]string{
		"line-band":       "Line chart of 13 points from Mon 3 Mar 2025 to Sun 16 Mar 2025. Distress, 0 to 10 between 2.5 and 7.",
		"line-one":        "Line chart of 1 point on Mon 3 Mar 2025. Distress: 7.",
		"line-empty":      "The chart has no points yet.",
		"bars-horizontal": "Bar chart of 3 bars. Highest: A late reply, 14. Lowest: Plans that changed, 4.",
		"paired":          "Paired bars for 3 groups: before and after. Breathing: 7.4 then 4.1. Grounding: 6.2 then 4.9. A pause: 5 then 5.",
		"map":             "Map of 3 points from Mon 3 Mar 2025 to Tue 3 Jun 2025, anxiety up and avoidance across, each from 1 to 7. The first: Anxiety 5.4, avoidance 3.1. The latest, drawn larger: Anxiety 4.4, avoidance 2.9.",
	} {
		if got := s[name].Desc; got != want {
			t.Errorf("%s:\n got %q\nwant %q", name, got, want)
		}
	}
	// The caller's summary opens the SVG's desc.
	if !strings.Contains(string(s["paired"].SVG), "<desc id=\"works-desc\">Breathing has helped you most so far. Paired bars") {
		t.Error("summary not in desc")
	}
}

func TestEscaping(t *testing.T) {
	hostile := `<script>alert("x")</script> & 'quotes' ` + "\x00\x1b\xff\ufffe"
	charts := []Chart{
		Line{ID: hostile, Title: hostile, Summary: hostile, YName: hostile, Series: []Series{{Name: hostile, Points: []Point{{At: day0, Value: 1, Label: hostile}}}, {Name: hostile}}}.Draw(),
		Bars{ID: hostile, Title: hostile, ValueName: hostile, Value2Name: hostile, LabelName: hostile, Bars: []Bar{{Label: hostile, Short: hostile, Value: 1}}}.Draw(),
		Bars{Horizontal: true, Title: hostile, Bars: []Bar{{Label: hostile, Value: 1}}}.Draw(),
		Paired{ID: hostile, Title: hostile, AName: hostile, BName: hostile, NoteName: hostile, Groups: []Pair{{Label: hostile, A: 1, B: 2, Note: hostile}}}.Draw(),
		Scatter{ID: hostile, Title: hostile, XName: hostile, YName: hostile, Corners: [4]string{hostile, hostile}, Points: []XY{{At: day0, X: 1, Y: 2, Label: hostile}}}.Draw(),
	}
	for i, c := range charts {
		s := string(c.SVG)
		if strings.Contains(s, "<script") || strings.Contains(s, `"x"`) || strings.Contains(s, "'quotes'") ||
			strings.IndexByte(s, 0) >= 0 || strings.IndexByte(s, 0x1b) >= 0 || strings.IndexByte(s, 0xff) >= 0 {
			t.Errorf("chart %d: unescaped input in %s", i, s)
		}
		checkSVG(t, c)
		if c.ID != "script-alert-x-script-quotes" && c.ID != "chart" {
			t.Errorf("chart %d: id %q", i, c.ID)
		}
		for _, row := range c.Table.Rows {
			for _, cell := range row {
				if strings.ContainsAny(cell, "\x00\x1b") || !utf8Valid(cell) {
					t.Errorf("chart %d: cell %q", i, cell)
				}
			}
		}
	}
}

func utf8Valid(s string) bool { return strings.ToValidUTF8(s, "") == s }

func TestCleanID(t *testing.T) {
	for in, want := range map[string]string{
		"distress": "distress", "Top Triggers": "top-triggers", "": "chart", "42": "chart-42", "--a--b--": "a-b",
		strings.Repeat("x", 60): strings.Repeat("x", 40), "é": "chart",
	} {
		if got := cleanID(in); got != want {
			t.Errorf("cleanID(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestValueAndTicks(t *testing.T) {
	for x, want := range map[float64]string{0: "0", -0.04: "0", 4.25: "4.3", 10: "10", -2.5: "-2.5", 0.05: "0.1", -0.06: "-0.1", 99.96: "100",
		1e20: "100000000000000000000", math.NaN(): "0", math.Inf(-1): "0"} {
		if got := Value(x); got != want {
			t.Errorf("Value(%v) = %q, want %q", x, got, want)
		}
	}
	if got := fmt.Sprint(valueAxis(0, 10, 0, 0, 5, false).ticks()); got != "[0 2 4 6 8 10]" {
		t.Errorf("0–10 ticks %s", got)
	}
	if got := fmt.Sprint(valueAxis(1, 7, 0, 0, 6, false).ticks()); got != "[1 2 3 4 5 6 7]" {
		t.Errorf("1–7 ticks %s", got)
	}
	if got := fmt.Sprint(valueAxis(0, 0, 0, 13, 4, true).ticks()); got != "[0 5 10 15]" {
		t.Errorf("auto ticks %s", got)
	}
	if got := fmt.Sprint(valueAxis(0, 0, 0, 9, 4, true).ticks()); got != "[0 5 10]" {
		t.Errorf("whole ticks %s", got)
	}
	if got := fmt.Sprint(valueAxis(0, 0, 0, 1, 4, true).ticks()); got != "[0 1]" {
		t.Errorf("whole ticks for one %s", got)
	}
	if a := valueAxis(math.NaN(), math.Inf(1), math.NaN(), math.NaN(), 4, true); a.lo != 0 || a.hi != 1 {
		t.Errorf("no range: %+v", a)
	}
	year := timeTicks(day0, day0.AddDate(1, 0, 0), 6)
	if len(year) == 0 || len(year) > 7 || year[0].label != "Apr 2025" {
		t.Errorf("year ticks %v", year)
	}
	weeks := timeTicks(day0, day0.AddDate(0, 0, 30), 5)
	if len(weeks) == 0 || weeks[0].label != "10 Mar" { // 3 March 00:00 lies before the first point, 20:00
		t.Errorf("week ticks %v", weeks)
	}
}

func TestAppendDate(t *testing.T) {
	loc, err := time.LoadLocation("Pacific/Auckland")
	if err != nil {
		t.Fatal(err)
	}
	for d := time.Date(1999, 12, 25, 23, 30, 0, 0, loc); d.Year() < 2032; d = d.Add(61 * time.Hour) {
		if got, want := string(appendDate(nil, d)), d.Format(dateLong); got != want {
			t.Fatalf("appendDate(%v) = %q, want %q", d, got, want)
		}
	}
}

// TestSizes keeps a year's charts small on the wire (a page under 100 KB).
func TestSizes(t *testing.T) {
	l := Line{ID: "d", Title: "Distress", YMax: 10, Band: true, Series: []Series{{Name: "Mean", Points: yearOfDays()}}}.Draw()
	bars := Bars{ID: "u", Title: "Urges", ValueName: "Let pass", Value2Name: "Acted on", Bars: yearOfWeeks()}.Draw()
	t.Logf("a year of days: %d bytes; 52 stacked weeks: %d bytes", len(l.SVG), len(bars.SVG))
	if len(l.SVG) > 24000 || len(bars.SVG) > 16000 {
		t.Errorf("charts too large: %d and %d bytes", len(l.SVG), len(bars.SVG))
	}
}
