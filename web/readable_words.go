package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/practice"
	"github.com/securebase/securebase/safety"
)

// The readable export in words (issue 12): fields in the order the person
// filled them, names instead of ids, dates a person reads, the safety plan
// in its own order.

type rawField struct {
	key   string
	value any
}

// orderedFields reads a JSON object's fields in the order they are stored.
func orderedFields(data []byte) ([]rawField, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, fmt.Errorf("an entry that is not a JSON object: %v", err)
	}
	var out []rawField
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, err
		}
		key, _ := t.(string)
		var v any
		if err := dec.Decode(&v); err != nil {
			return nil, err
		}
		out = append(out, rawField{key, v})
	}
	return out, nil
}

// fieldNames says the stored names people would not use.
var fieldNames = map[string]string{
	"started_at": "started",
	"ended_at":   "ended",
	"before":     "distress before",
	"after":      "distress after",
	"tools":      "tools used",
	"body":       "where in the body",
	"text":       "words",
	"because":    "because",
	"draft":      "what you wanted to say",
	"starred":    "starred",
}

// humanField says one stored field in words: a name and a value ("" to
// leave it out).
func humanField(key string, v any, loc *time.Location) (string, string) {
	name := fieldNames[key]
	if name == "" {
		name = strings.ReplaceAll(key, "_", " ")
	}
	switch key {
	case "before", "after", "distress", "intensity":
		if n, ok := v.(json.Number); ok {
			return name, n.String() + " of 10"
		}
	case "tool":
		return name, toolName(fmt.Sprint(v))
	case "tools":
		if list, ok := v.([]any); ok {
			names := make([]string, len(list))
			for i, t := range list {
				names[i] = toolName(fmt.Sprint(t))
			}
			return name, strings.Join(names, ", ")
		}
	case "pattern":
		id := fmt.Sprint(v)
		if p, err := practice.PatternByID(id); err == nil {
			return "breathing", p.Name
		}
		return "breathing", "one of your own patterns"
	case "exercise":
		if ex, err := practice.ExerciseByID(fmt.Sprint(v)); err == nil {
			return "grounding", ex.Name
		}
	case "statement":
		return "reassurance", statementText(fmt.Sprint(v))
	case "body":
		if list, ok := v.([]any); ok {
			names := make([]string, len(list))
			for i, b := range list {
				names[i] = fmt.Sprint(b)
				if l, err := practice.BodyLocationByID(names[i]); err == nil {
					names[i] = l.Name
				}
			}
			return name, strings.Join(names, ", ")
		}
	case "region":
		if r, err := practice.RegionByID(fmt.Sprint(v)); err == nil {
			return name, r.Name
		}
	case "starred":
		if v == true {
			return name, "yes"
		}
		return name, ""
	}
	if str, ok := v.(string); ok {
		if t, err := time.Parse(time.RFC3339Nano, str); err == nil {
			return name, t.In(loc).Format("Monday 2 January 2006, 15:04")
		}
		return name, str
	}
	if v == nil {
		return name, ""
	}
	return name, readable(v)
}

func toolName(id string) string {
	if t, err := practice.ToolByID(id); err == nil {
		return t.Name
	}
	return id
}

// statementText is a library statement's words, or its id when the
// library no longer has it.
func statementText(id string) string {
	if st, err := practice.StatementByID(id); err == nil {
		return "“" + st.Text + "”"
	}
	return id
}

// planFields is the safety plan in its own order, each part by its title.
func planFields(p *securebase.Plan) []securebase.Field {
	var out []securebase.Field
	for _, sec := range safety.PlanSections() {
		if text := strings.TrimSpace(p.Sections[sec.ID]); text != "" {
			out = append(out, securebase.Field{Name: sec.Title, Value: text})
		}
	}
	return out
}
