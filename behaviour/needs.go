package behaviour

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// needsFile is the shape of data/needs.json.
type needsFile struct {
	About            string            `json:"about"`
	NeedIntro        string            `json:"need_intro"`
	BoundaryIntro    string            `json:"boundary_intro"`
	NeedSlots        []Slot            `json:"need_slots"`
	BoundarySlots    []Slot            `json:"boundary_slots"`
	NeedExamples     []NeedExample     `json:"need_examples"`
	BoundaryExamples []BoundaryExample `json:"boundary_examples"`
}

// Slot is one blank of a builder: its id is the form field, Label the words
// beside it, Hint a line of help and Example a filled-in sample.
type Slot struct {
	ID       string `json:"id"`
	Label    string `json:"label"`
	Hint     string `json:"hint"`
	Example  string `json:"example"`
	Max      int    `json:"max"`
	Required bool   `json:"required,omitempty"`
}

// The slots of the need builder (D3): "When …, I feel …. I'd like ….
// Would you …?"
const (
	SlotWhen = "when"
	SlotFeel = "feel"
	SlotLike = "like"
	SlotAsk  = "ask"
)

// The slots of the boundary builder (D3): the limit, the warmth and a
// specific time.
const (
	SlotLimit  = "limit"
	SlotWarmth = "warmth"
	SlotTime   = "time"
)

// Need is a clear need, part by part. The parts are what the person typed;
// ComposeNeed adds the frame ("When", "I feel", …) around them.
type Need struct {
	When string `json:"when"`
	Feel string `json:"feel"`
	Like string `json:"like"`
	Ask  string `json:"ask"`
}

// Boundary is an early boundary, part by part.
type Boundary struct {
	Limit  string `json:"limit"`
	Warmth string `json:"warmth"`
	Time   string `json:"time"`
}

// NeedExample is a worked need, with the situation it answers and why it
// tends to land well.
type NeedExample struct {
	ID        string `json:"id"`
	Situation string `json:"situation"`
	Need
	Why string `json:"why"`
}

// BoundaryExample is a worked boundary.
type BoundaryExample struct {
	ID        string `json:"id"`
	Situation string `json:"situation"`
	Boundary
	Why string `json:"why"`
}

// NeedIntro and BoundaryIntro open the two builders.
func (c *Catalog) NeedIntro() string     { return c.needs.NeedIntro }
func (c *Catalog) BoundaryIntro() string { return c.needs.BoundaryIntro }

// NeedSlots returns the need builder's slots in form order.
func (c *Catalog) NeedSlots() []Slot { return append([]Slot(nil), c.needs.NeedSlots...) }

// BoundarySlots returns the boundary builder's slots in form order.
func (c *Catalog) BoundarySlots() []Slot { return append([]Slot(nil), c.needs.BoundarySlots...) }

// NeedExamples returns the worked needs.
func (c *Catalog) NeedExamples() []NeedExample {
	return append([]NeedExample(nil), c.needs.NeedExamples...)
}

// BoundaryExamples returns the worked boundaries.
func (c *Catalog) BoundaryExamples() []BoundaryExample {
	return append([]BoundaryExample(nil), c.needs.BoundaryExamples...)
}

// CheckNeed checks a need and tidies it in place, so what is stored is what
// ComposeNeed frames: spaces trimmed, a typed frame word ("When", "I
// feel", "I'd like", "Would you") taken off so it is not said twice, and
// end punctuation taken off. Every problem is reported at once.
func (c *Catalog) CheckNeed(n *Need) error {
	var errs Errors
	parts := map[string]*string{SlotWhen: &n.When, SlotFeel: &n.Feel, SlotLike: &n.Like, SlotAsk: &n.Ask}
	for _, s := range c.needs.NeedSlots {
		p := parts[s.ID]
		t, err := cleanText(s.ID, *p, s.Max, false)
		if err != nil {
			errs.add(err)
			continue
		}
		// Frame words are taken off until none is left, so "when when"
		// and a second check of stored parts both come out the same. A
		// request keeps its own "could you", "can you" or "will you".
		lead := ""
		if s.ID == SlotAsk {
			lead = askLead(trimEnd(t))
		}
		for prev := ""; prev != t; {
			prev = t
			t = trimEnd(t)
			switch s.ID {
			case SlotWhen:
				t = dropLead(t, "when")
			case SlotFeel:
				t = dropLead(t, "i feel", "i'm feeling", "i am feeling", "i felt", "feeling", "feel")
			case SlotLike:
				t = dropLead(t, "i'd like", "i would like", "i'd love", "i would love")
			case SlotAsk:
				t = dropLead(t, askLeads()...)
			}
		}
		t = lowerStart(t)
		if t != "" && lead != "" && lead != "would you" {
			t = lead + " " + t
		}
		if s.Required && t == "" {
			errs.add(invalid(s.ID, "Write a few words here.", "required part empty"))
		}
		*p = t
	}
	return errs.orNil()
}

// ComposeNeed checks a need and says it as one short passage:
// "When you reply many hours later, I feel unsure and a bit on edge. I'd
// like a short word when you're busy. Would you send me one line when you
// can't talk?" Empty optional parts are left out.
func (c *Catalog) ComposeNeed(n Need) (string, error) {
	if err := c.CheckNeed(&n); err != nil {
		return "", err
	}
	var b strings.Builder
	if n.When != "" {
		b.WriteString("When " + n.When + ", I feel " + n.Feel + ".")
	} else {
		b.WriteString("I feel " + n.Feel + ".")
	}
	b.WriteString(" I'd like " + n.Like + ".")
	if n.Ask != "" {
		if askLead(n.Ask) != "" {
			b.WriteString(" " + upperStart(n.Ask) + "?")
		} else {
			b.WriteString(" Would you " + n.Ask + "?")
		}
	}
	return b.String(), nil
}

// CheckBoundary checks a boundary and tidies it in place: spaces trimmed
// and end punctuation taken off, except a question mark on the time.
func (c *Catalog) CheckBoundary(bd *Boundary) error {
	var errs Errors
	parts := map[string]*string{SlotLimit: &bd.Limit, SlotWarmth: &bd.Warmth, SlotTime: &bd.Time}
	for _, s := range c.needs.BoundarySlots {
		p := parts[s.ID]
		t, err := cleanText(s.ID, *p, s.Max, false)
		if err != nil {
			errs.add(err)
			continue
		}
		if s.ID == SlotTime && strings.HasSuffix(t, "?") {
			t = strings.TrimRightFunc(trimEnd(t), unicode.IsSpace) + "?"
		} else {
			t = trimEnd(t)
		}
		if t == "?" {
			t = ""
		}
		if s.Required && t == "" {
			errs.add(invalid(s.ID, "Write a few words here.", "required part empty"))
		}
		*p = t
	}
	return errs.orNil()
}

// ComposeBoundary checks a boundary and says it warmth first, then the
// limit, then the time: "I love our evenings together, and I can't talk
// about this after eleven on work nights. Let's pick it up tomorrow at 7."
// Leading with care and ending with a time is what lets a limit land as a
// pause rather than a door closing.
func (c *Catalog) ComposeBoundary(bd Boundary) (string, error) {
	if err := c.CheckBoundary(&bd); err != nil {
		return "", err
	}
	var b strings.Builder
	if bd.Warmth != "" {
		b.WriteString(upperStart(bd.Warmth) + ", and " + lowerStart(bd.Limit) + ".")
	} else {
		b.WriteString(upperStart(bd.Limit) + ".")
	}
	if bd.Time != "" {
		t := upperStart(bd.Time)
		if !strings.HasSuffix(t, "?") {
			t += "."
		}
		b.WriteString(" " + t)
	}
	return b.String(), nil
}

// dropLead removes the first of leads (compared without case, with a
// typographic apostrophe read as a plain one) when it starts s as a whole
// word, with any comma or space after it.
func dropLead(s string, leads ...string) string {
	folded := strings.ToLower(strings.ReplaceAll(s, "’", "'"))
	for _, l := range leads {
		if !strings.HasPrefix(folded, l) {
			continue
		}
		rest := folded[len(l):]
		if rest != "" && !strings.HasPrefix(rest, " ") && !strings.HasPrefix(rest, ",") {
			continue
		}
		// The folded string can differ in length from s only through the
		// apostrophe (3 bytes to 1), so count runes to cut s at the same
		// place.
		cut := len(s)
		n := utf8.RuneCountInString(l)
		for i := range s {
			if n == 0 {
				cut = i
				break
			}
			n--
		}
		return strings.TrimLeft(s[cut:], " ,")
	}
	return s
}

// askLeads are the openings of a request that a person may type
// themselves; "would you" is the one the composer adds.
func askLeads() []string { return []string{"would you", "could you", "can you", "will you"} }

// askLead returns the opening of askLeads that starts s, or "".
func askLead(s string) string {
	for _, l := range askLeads() {
		if dropLead(s, l) != s {
			return l
		}
	}
	return ""
}

// trimEnd drops end punctuation and spaces, so the composer can add its own.
func trimEnd(s string) string {
	return strings.TrimRightFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(".,;:!?…", r)
	})
}

// isStarter reports the words that begin a part in lower case once it
// sits in the middle of a sentence. Any other word (a name, "I") keeps its
// case.
func isStarter(w string) bool {
	switch w {
	case "you", "your", "we", "our", "they", "their", "them", "he", "she", "his", "her", "it", "its",
		"it's", "the", "a", "an", "my", "me", "us", "this", "that", "there", "some", "more", "less",
		"one", "to", "when", "if", "after", "before", "on", "at", "in", "not", "so", "very", "really",
		"quite", "bit", "scared", "sad", "lonely", "hurt", "anxious", "unsure", "worried", "afraid",
		"lost", "alone", "tired", "nervous", "you're", "we're", "they're", "send", "tell", "let", "call",
		"text", "keep", "give", "come", "talk", "time":
		return true
	}
	return false
}

// lowerStart lower-cases the first letter of s when its first word is a
// common sentence starter written with a capital ("You reply late").
func lowerStart(s string) string {
	word, _, _ := strings.Cut(s, " ")
	w := strings.ToLower(strings.ReplaceAll(word, "’", "'"))
	r, size := utf8.DecodeRuneInString(s)
	if !isStarter(strings.TrimRight(w, ",")) || !unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToLower(r)) + s[size:]
}

// upperStart capitalises the first letter of s.
func upperStart(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[size:]
}

// checkNeeds checks the builders' data: the slots the code relies on, and
// that every worked example composes cleanly.
func (c *Catalog) checkNeeds() error {
	for name, want := range map[string][]string{"need": {SlotWhen, SlotFeel, SlotLike, SlotAsk}, "boundary": {SlotLimit, SlotWarmth, SlotTime}} {
		slots := c.needs.NeedSlots
		if name == "boundary" {
			slots = c.needs.BoundarySlots
		}
		if len(slots) != len(want) {
			return fmt.Errorf("behaviour: %s slots: want %v", name, want)
		}
		for i, s := range slots {
			if s.ID != want[i] {
				return fmt.Errorf("behaviour: %s slot %d is %q, want %q", name, i, s.ID, want[i])
			}
			for _, w := range []string{s.Label, s.Hint, s.Example} {
				if err := checkWords(name+" slot "+s.ID, w); err != nil {
					return err
				}
			}
			if s.Max < 20 || s.Max > MaxStory {
				return fmt.Errorf("behaviour: %s slot %s: max %d outside 20–%d", name, s.ID, s.Max, MaxStory)
			}
		}
	}
	for _, w := range []string{c.needs.NeedIntro, c.needs.BoundaryIntro} {
		if err := checkWords("needs intro", w); err != nil {
			return err
		}
	}
	if len(c.needs.NeedExamples) < 3 || len(c.needs.BoundaryExamples) < 3 {
		return fmt.Errorf("behaviour: want at least three worked needs and three worked boundaries")
	}
	seen := map[string]bool{}
	for _, e := range c.needs.NeedExamples {
		if err := c.checkExample("need example", e.ID, e.Situation, e.Why, seen); err != nil {
			return err
		}
		if _, err := c.ComposeNeed(e.Need); err != nil {
			return fmt.Errorf("behaviour: need example %s: %w", e.ID, err)
		}
	}
	seen = map[string]bool{}
	for _, e := range c.needs.BoundaryExamples {
		if err := c.checkExample("boundary example", e.ID, e.Situation, e.Why, seen); err != nil {
			return err
		}
		if _, err := c.ComposeBoundary(e.Boundary); err != nil {
			return fmt.Errorf("behaviour: boundary example %s: %w", e.ID, err)
		}
	}
	return nil
}

func (c *Catalog) checkExample(where, id, situation, why string, seen map[string]bool) error {
	if err := checkID(where, id); err != nil {
		return err
	}
	if seen[id] {
		return fmt.Errorf("behaviour: %s %q appears twice", where, id)
	}
	seen[id] = true
	if err := checkWords(where+" "+id+" situation", situation); err != nil {
		return err
	}
	return checkWords(where+" "+id+" why", why)
}
