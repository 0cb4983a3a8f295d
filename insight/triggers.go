package insight

import (
	"slices"
	"time"
)

// Tagged is one log entry's triggers: when, and the trigger ids chosen
// (late reply, tone shift, …). The weekly reflection uses the same
// counts over one week.
type Tagged struct {
	At  time.Time
	IDs []string
}

// TriggerCount is how often one trigger came up.
type TriggerCount struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Count int    `json:"count"` // log entries that named it
}

// Triggers is the triggers named most often in a span.
type Triggers struct {
	Status
	Top     []TriggerCount `json:"top"`     // most first; ties keep the order of the names given
	Entries int            `json:"entries"` // log entries in the span that named any trigger
	Other   int            `json:"other"`   // namings of ids not in the list
}

// TriggersNeed is how many log entries with a trigger the chart waits for.
const TriggersNeed = 5

// TopTriggers counts, for each known trigger, the log entries in the span
// that name it, and returns the n named most (all when n < 1). An id named
// twice in one entry counts once; ids not in names are counted in Other.
// It allocates the counts once and sorts them in place.
func TopTriggers(logs []Tagged, names []Named, span Span, n int) Triggers {
	first, last, dd := span.days()
	counts := make([]TriggerCount, len(names))
	for i, nm := range names {
		counts[i] = TriggerCount{ID: nm.ID, Name: nm.Name}
	}
	var out Triggers
	for _, l := range logs {
		if len(l.IDs) == 0 {
			continue
		}
		d := dd.day(l.At)
		if d < first || d > last {
			continue
		}
		out.Entries++
		for j, id := range l.IDs {
			if repeated(l.IDs, j) {
				continue
			}
			if i := index(names, id); i >= 0 {
				counts[i].Count++
			} else {
				out.Other++
			}
		}
	}
	slices.SortStableFunc(counts, func(a, b TriggerCount) int { return b.Count - a.Count })
	k := 0
	for k < len(counts) && counts[k].Count > 0 && (n < 1 || k < n) {
		k++
	}
	out.Top = counts[:k:k]
	if out.Entries < TriggersNeed {
		out.Status = notYet(out.Entries, TriggersNeed, "After 5 logged moments with a trigger, this will show what sets off your alarm most.")
		return out
	}
	out.Status = Status{Have: out.Entries, Need: TriggersNeed, Summary: out.sentence()}
	return out
}

func (t Triggers) sentence() string {
	if len(t.Top) == 0 {
		return "The triggers you logged are all your own words, so they are not counted here."
	}
	top := t.Top[0]
	s := top.Name + " came up most often: in " + itoa(top.Count) + " of the " + count(t.Entries, "moment", "moments") + " you logged."
	if len(t.Top) > 1 {
		s += " Next was " + t.Top[1].Name + ", in " + itoa(t.Top[1].Count) + "."
	}
	return s
}
