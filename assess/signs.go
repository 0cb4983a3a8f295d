package assess

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
)

// Tools returns the ids of the tools a sign can point to, in the program's
// order: body first (breathe, ground, name, pause, reassure), then beliefs,
// then needs. [Signs.SuggestTools] breaks ties in this order, so with
// nothing selected the body comes first.
func Tools() []string {
	return []string{"breathe", "ground", "name", "pause", "reassure", "beliefs", "needs"}
}

// Signs is the "Signs I recognise" checklist (A2): ways anxious attachment
// shows up, grouped as feelings, thoughts and actions. It is reflective and
// unscored; the signs a person ticks only decide which tools the app offers
// first.
type Signs struct {
	Intro  string      `json:"intro"`
	Groups []SignGroup `json:"groups"` // emotional, cognitive, behavioural

	byID map[string]*Sign
}

// A SignGroup is one kind of sign.
type SignGroup struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Intro string `json:"intro"`
	Signs []Sign `json:"signs"`
}

// A Sign is one pattern a person may recognise. Its ID is stable, so a
// saved selection survives edits to the wording.
type Sign struct {
	ID    string   `json:"id"`
	Text  string   `json:"text"`
	Tools []string `json:"tools"` // ids from [Tools], the best fit first
}

// Signs returns the checklist.
func (l *Library) Signs() *Signs {
	return l.signs
}

// Sign returns the sign with the given id.
func (s *Signs) Sign(id string) (Sign, bool) {
	if p, ok := s.byID[id]; ok {
		return *p, true
	}
	return Sign{}, false
}

// SuggestTools orders every tool by how many of the selected signs point to
// it, most first; ties keep the order of [Tools]. A sign selected twice
// counts once. Ids that name no sign are returned in unknown, in the order
// given, so a caller can log them; they do not change the order.
func (s *Signs) SuggestTools(selected []string) (tools, unknown []string) {
	tools = Tools()
	count := make(map[string]int, len(tools))
	seen := make(map[string]bool, len(selected))
	for _, id := range selected {
		sign, ok := s.byID[id]
		if !ok {
			unknown = append(unknown, id)
			continue
		}
		if seen[id] {
			continue
		}
		seen[id] = true
		for _, t := range sign.Tools {
			count[t]++
		}
	}
	slices.SortStableFunc(tools, func(a, b string) int {
		return cmp.Compare(count[b], count[a])
	})
	return tools, unknown
}

// parseSigns decodes and validates the checklist: ids unique, every group
// and sign filled in, every tool one of [Tools].
func parseSigns(data []byte) (*Signs, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	s := new(Signs)
	if err := dec.Decode(s); err != nil {
		return nil, fmt.Errorf("assess: decoding signs: %w", err)
	}
	if len(s.Groups) == 0 {
		return nil, errors.New("assess: signs: no groups")
	}
	s.byID = make(map[string]*Sign)
	groups := make(map[string]bool)
	for gi := range s.Groups {
		g := &s.Groups[gi]
		if !validID(g.ID) || g.Name == "" || groups[g.ID] {
			return nil, fmt.Errorf("assess: signs: group %d: want a unique id and a name", gi+1)
		}
		groups[g.ID] = true
		if len(g.Signs) == 0 {
			return nil, fmt.Errorf("assess: signs: group %q has no signs", g.ID)
		}
		for si := range g.Signs {
			sign := &g.Signs[si]
			if err := checkSign(sign); err != nil {
				return nil, fmt.Errorf("assess: signs: group %q, sign %d: %w", g.ID, si+1, err)
			}
			if _, dup := s.byID[sign.ID]; dup {
				return nil, fmt.Errorf("assess: signs: sign %q appears twice", sign.ID)
			}
			s.byID[sign.ID] = sign
		}
	}
	return s, nil
}

func checkSign(s *Sign) error {
	switch {
	case !validID(s.ID):
		return fmt.Errorf("id %q: want lower-case letters, digits and hyphens", s.ID)
	case s.Text == "":
		return fmt.Errorf("sign %q has no text", s.ID)
	case len(s.Tools) == 0:
		return fmt.Errorf("sign %q points to no tool", s.ID)
	}
	known := Tools()
	for i, t := range s.Tools {
		if !slices.Contains(known, t) {
			return fmt.Errorf("sign %q: unknown tool %q (want one of %v)", s.ID, t, known)
		}
		if slices.Contains(s.Tools[:i], t) {
			return fmt.Errorf("sign %q lists tool %q twice", s.ID, t)
		}
	}
	return nil
}
