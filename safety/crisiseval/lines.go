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
	out := make([]LineRecord, 0, len(recs))
	for _, r := range recs {
		out = append(out, *r)
	}
	slices.SortFunc(out, func(a, b LineRecord) int {
		if d := (b.OtherAlone - b.CrisisAlone) - (a.OtherAlone - a.CrisisAlone); d != 0 {
			return d
		}
		return strings.Compare(a.Where, b.Where)
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
		fmt.Fprintf(w, "| %s | %d / %d | %d / %d | %s |\n", r.Where, r.Crisis, r.Other, r.CrisisAlone, r.OtherAlone, strings.ReplaceAll(r.Pattern, "|", `\|`))
	}
}
