package web

import (
	"encoding/json"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/securebase/securebase"
)

// readableFields says an entry in words for the readable export, for kinds
// whose data is nested (an attempt's answers and result, the signs
// checklist), where the generic field list would show raw maps. Other kinds
// return false and keep the generic list; add a case for a new nested kind.
func (s *Server) readableFields(x securebase.ExportEntry, loc *time.Location) ([]exportField, bool) {
	switch x.Kind {
	case securebase.KindAttempt:
		var a securebase.Attempt
		if json.Unmarshal(x.Data, &a) != nil {
			return nil, false
		}
		return s.attemptFields(&a, loc), true
	case securebase.KindSigns:
		var sg securebase.Signs
		if json.Unmarshal(x.Data, &sg) != nil {
			return nil, false
		}
		var texts []string
		for _, id := range sg.Selected {
			if sign, ok := s.Assess.Signs().Sign(id); ok {
				texts = append(texts, sign.Text)
			} else {
				texts = append(texts, id)
			}
		}
		if len(texts) == 0 {
			texts = []string{"none ticked"}
		}
		return []exportField{{"signs you recognise", strings.Join(texts, "\n")}}, true
	}
	return nil, false
}

func (s *Server) attemptFields(a *securebase.Attempt, loc *time.Location) []exportField {
	name := a.Instrument
	in, known := s.Assess.Instrument(a.Instrument)
	if known {
		name = in.Name + " (" + in.ShortName + ")"
	}
	out := []exportField{{"questionnaire", name}}
	if a.About != "" {
		out = append(out, exportField{"about", a.About})
	}
	out = append(out, exportField{"started", a.StartedAt.In(loc).Format("Monday 2 January 2006, 15:04")})
	if a.CompletedAt != nil {
		out = append(out, exportField{"finished", a.CompletedAt.In(loc).Format("Monday 2 January 2006, 15:04")})
		for _, sc := range a.Result.Scales {
			out = append(out, exportField{sc.Scale, score(sc) + " (on " + strconv.Itoa(a.Result.Min) + " to " + strconv.Itoa(a.Result.Max) + ")"})
		}
		out = append(out, exportField{"note", "These scores are educational, not diagnostic."})
	} else {
		out = append(out, exportField{"finished", "not yet"})
	}
	items := make([]int, 0, len(a.Answers))
	for n := range a.Answers {
		items = append(items, n)
	}
	sort.Ints(items)
	var lines []string
	for _, n := range items {
		line := strconv.Itoa(n) + ". " + strconv.Itoa(a.Answers[n])
		if known && n <= len(in.Items) {
			line += " · " + in.Items[n-1].Text
		}
		lines = append(lines, line)
	}
	out = append(out, exportField{"answers (item. answer)", strings.Join(lines, "\n")})
	return out
}
