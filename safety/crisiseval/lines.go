package crisiseval

import (
	"fmt"
	"io"
	"slices"
	"strings"
)

// Explainer is the check under test with its reasons: for one entry, its
// decision and every rule or model that said yes, each once.
type Explainer func(text string) (crisis bool, yes []Yes)

// Yes is one rule or model that said yes to an entry: where it is kept
// ("rules.txt:410", "model_weights.tsv") and the rule as written.
type Yes struct{ Where, Pattern string }

// LineRecord is what one rule (or model) said yes to over a body of
// labelled entries: every crisis and other entry it said yes to, and those
// where it was the only yes, so that nothing else would have caught or
// flagged the entry without it.
type LineRecord struct {
	Where, Pattern          string
	Crisis, Other           int
	CrisisAlone, OtherAlone int
}

// CountLines counts, for every rule and model that said yes to an entry
// of es, the entries it said yes to (round 48 of docs/safety.md chose
// its lines this way). A line whose yes stands alone on more other entries
// than crisis ones is one to look at; one that only ever joins others
// costs nothing. The records are ordered by OtherAlone − CrisisAlone,
// largest first, then by place.
func CountLines(es []Entry, explain Explainer) []LineRecord {
	recs := map[string]*LineRecord{}
	for _, e := range es {
		crisis, yes := explain(e.Text)
		if !crisis {
			continue
		}
		alone := len(yes) == 1
		for _, y := range yes {
			r := recs[y.Where]
			if r == nil {
				r = &LineRecord{Where: y.Where, Pattern: y.Pattern}
				recs[y.Where] = r
			}
			if e.Crisis() {
				r.Crisis++
				if alone {
					r.CrisisAlone++
				}
			} else {
				r.Other++
				if alone {
					r.OtherAlone++
				}
			}
		}
	}
	return worstFirst(recs, func(r LineRecord) (int, string) { return r.OtherAlone - r.CrisisAlone, r.Where })
}

// worstFirst returns the records of recs ordered by their score, largest
// first, then by their place.
func worstFirst[R any](recs map[string]*R, key func(R) (score int, where string)) []R {
	out := make([]R, 0, len(recs))
	for _, r := range recs {
		out = append(out, *r)
	}
	slices.SortFunc(out, func(a, b R) int {
		sa, wa := key(a)
		sb, wb := key(b)
		if sa != sb {
			return sb - sa
		}
		return strings.Compare(wa, wb)
	})
	return out
}

// WriteLines prints the records as a table, at most rows of them (all
// with rows ≤ 0).
func WriteLines(w io.Writer, recs []LineRecord, rows int) {
	fmt.Fprintln(w, "| rule | crisis / other entries it said yes to | the same, as the only yes | pattern |")
	fmt.Fprintln(w, "|---|---|---|---|")
	for i, r := range recs {
		if rows > 0 && i == rows {
			break
		}
		fmt.Fprintf(w, "| %s | %d / %d | %d / %d | %s |\n", r.Where, r.Crisis, r.Other, r.CrisisAlone, r.OtherAlone, cell(r.Pattern))
	}
}

// IdiomRecord is what one idiom of the rules did over a body of labelled
// entries that ended with no yes: the crisis entries it left missed by
// cancelling a risk match it overlaps, and the other entries it held quiet
// so. An idiom is written for the ordinary sentence ("I'd rather die than do
// karaoke"); one whose Missed comes near its Quiet swallows the crisis
// sentence it overlaps as well ("if I was gone for good" under "I'm going for
// a run"; docs/safety.md, round 56).
type IdiomRecord struct {
	Where         string
	Missed, Quiet int
	Example       string // the first crisis entry it left missed
}

// CountIdioms counts, for every idiom that cancelled a match in an entry
// the check said no to, the crisis and the other entries. explain returns
// the check's answer and the places (rules.txt:N) of the idioms that
// cancelled a match. The records are ordered by Missed − Quiet, largest
// first, then by place.
func CountIdioms(es []Entry, explain func(text string) (bool, []string)) []IdiomRecord {
	recs := map[string]*IdiomRecord{}
	for _, e := range es {
		crisis, idioms := explain(e.Text)
		if crisis {
			continue
		}
		for _, where := range idioms {
			r := recs[where]
			if r == nil {
				r = &IdiomRecord{Where: where}
				recs[where] = r
			}
			if !e.Crisis() {
				r.Quiet++
				continue
			}
			if r.Missed++; r.Example == "" {
				r.Example = e.Text
			}
		}
	}
	return worstFirst(recs, func(r IdiomRecord) (int, string) { return r.Missed - r.Quiet, r.Where })
}

// WriteIdioms prints the records as a table, at most rows of them (all
// with rows ≤ 0), each with its idiom as written (pattern, by place) and
// the first crisis entry it left missed, cut to 120 bytes.
func WriteIdioms(w io.Writer, recs []IdiomRecord, pattern func(where string) string, rows int) {
	fmt.Fprintln(w, "| idiom | crisis entries it left missed / other entries it held quiet | pattern | first crisis entry missed |")
	fmt.Fprintln(w, "|---|---|---|---|")
	for i, r := range recs {
		if rows > 0 && i == rows {
			break
		}
		ex := r.Example
		if len(ex) > 120 {
			ex = strings.ToValidUTF8(ex[:120], "") + "…"
		}
		fmt.Fprintf(w, "| %s | %d / %d | %s | %s |\n", r.Where, r.Missed, r.Quiet, cell(pattern(r.Where)), cell(ex))
	}
}

// cell escapes s for a cell of a Markdown table.
func cell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
