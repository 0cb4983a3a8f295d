package web

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/securebase/securebase"
)

// readableFields says an entry in words for the readable export. A flat
// kind lists its fields by name; a kind whose payload is securebase.Readable
// says itself; the questionnaire and the signs checklist need their lists
// from package assess, so they are said here.
func (s *Server) readableFields(e *securebase.Entry, loc *time.Location) ([]securebase.Field, error) {
	p, err := e.Decode()
	if err != nil {
		return nil, err
	}
	switch p := p.(type) {
	case *securebase.Attempt:
		return s.attemptFields(p, loc), nil
	case *securebase.Signs:
		var texts []string
		for _, id := range p.Selected {
			if sign, ok := s.Assess.Signs().Sign(id); ok {
				texts = append(texts, sign.Text)
			} else {
				texts = append(texts, id)
			}
		}
		if len(texts) == 0 {
			texts = []string{"none ticked"}
		}
		return []securebase.Field{{Name: "signs you recognise", Value: strings.Join(texts, "\n")}}, nil
	case securebase.Readable:
		return p.Readable(), nil
	case *securebase.Plan:
		return planFields(p), nil
	case *securebase.Favourite:
		return []securebase.Field{{Name: "statement", Value: statementText(p.Statement)}}, nil
	}
	// Any other kind: its fields in the order they are stored (the order
	// of the payload's fields, which is the order a person fills them),
	// with ids said as names and times as dates (issue 12).
	fields, err := orderedFields(e.Data)
	if err != nil {
		return nil, err
	}
	out := make([]securebase.Field, 0, len(fields))
	for _, f := range fields {
		name, value := humanField(f.key, f.value, loc)
		if value == "" {
			continue
		}
		out = append(out, securebase.Field{Name: name, Value: value})
	}
	return out, nil
}

// sortedKeys returns a map's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func (s *Server) attemptFields(a *securebase.Attempt, loc *time.Location) []securebase.Field {
	name := a.Instrument
	in, known := s.Assess.Instrument(a.Instrument)
	if known {
		name = in.Name + " (" + in.ShortName + ")"
	}
	out := []securebase.Field{{Name: "questionnaire", Value: name}}
	if a.About != "" {
		out = append(out, securebase.Field{Name: "about", Value: a.About})
	}
	out = append(out, securebase.Field{Name: "started", Value: a.StartedAt.In(loc).Format("Monday 2 January 2006, 15:04")})
	if a.CompletedAt != nil {
		out = append(out, securebase.Field{Name: "finished", Value: a.CompletedAt.In(loc).Format("Monday 2 January 2006, 15:04")})
		for _, sc := range a.Result.Scales {
			out = append(out, securebase.Field{Name: sc.Scale, Value: score(sc) + " (on " + strconv.Itoa(a.Result.Min) + " to " + strconv.Itoa(a.Result.Max) + ")"})
		}
		out = append(out, securebase.Field{Name: "note", Value: "These scores are educational, not diagnostic."})
	} else {
		out = append(out, securebase.Field{Name: "finished", Value: "not yet"})
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
	out = append(out, securebase.Field{Name: "answers (item. answer)", Value: strings.Join(lines, "\n")})
	return out
}
