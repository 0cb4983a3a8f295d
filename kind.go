package securebase

import (
	"fmt"
	"strings"
	"time"
)

// Kind names a kind of entry. Every feature that stores a person's writing
// adds a Kind and a Payload; the store, the save path, export, import and
// the privacy tests then handle it without knowing what it holds.
type Kind string

// KindInfo is everything the rest of the program needs to know about an
// entry kind beyond its payload. A new kind is one file in this package
// (the payload with Kind, Validate, Text and Example) and one line in
// kinds(); the store, the save path (package entries), the generic JSON
// API, export, import, the readable export, the proof harnesses and the
// load benchmark take it from here.
type KindInfo struct {
	Kind Kind
	// New returns an empty payload of the kind, ready to unmarshal into.
	New func() Payload
	// Title names the kind for people: the heading of its part of the
	// readable export.
	Title string
	// Collection is the last part of the kind's path in the generic JSON
	// API (/api/v1/<collection>: list, save, read, change, delete, the
	// same way for every kind); "" when the kind has an API of its own.
	Collection string
	// Required names fields an API client must send even where zero is a
	// valid value, so a forgotten distress is an error, not a calm 0.
	Required []string
	// PerYear is how many entries of the kind a heavy user makes in a
	// year, for the load benchmark (ENGINEERING.md: 365 check-ins, about
	// 1,000 logged uses, 300 thought records, 12 questionnaires).
	PerYear int
}

// kinds is the registry, in the order export writes the kinds.
func kinds() []KindInfo {
	return []KindInfo{
		kind[CheckIn](KindInfo{Title: "Check-ins", Collection: "checkins", Required: []string{"distress"}, PerYear: 365}),
		kind[Attempt](KindInfo{Title: "Attachment questionnaires", PerYear: 12}),
		kind[Signs](KindInfo{Title: "Signs I recognise", PerYear: 1}),
		kind[Episode](KindInfo{Title: "I'm activated: episodes", Collection: "episodes", PerYear: 150}),
		kind[ToolUse](KindInfo{Title: "Body tools: single uses", Collection: "tool-uses", PerYear: 800}),
		kind[Pattern](KindInfo{Title: "Your breathing patterns", Collection: "patterns", PerYear: 4}),
		kind[Statement](KindInfo{Title: "Your reassurance statements", Collection: "statements", PerYear: 20}),
		kind[Favourite](KindInfo{Title: "Favourite reassurance statements", PerYear: 15}),
		kind[Plan](KindInfo{Title: "Your safety plan", PerYear: 1}),
		kind[Repair](KindInfo{Title: "For your partner: repair messages", Collection: "repairs", Required: []string{"back"}, PerYear: 100}),
		kind[PartnerBoundary](KindInfo{Title: "For your partner: boundaries to rehearse", Collection: "partner-boundaries", Required: []string{"limit"}, PerYear: 20}),
		kind[PartnerTalk](KindInfo{Title: "For your partner: calm-time plans", Collection: "partner-talks", PerYear: 12}),
		kind[Baseline](KindInfo{Title: "For your partner: my own baseline checks", Collection: "baselines", PerYear: 26}),
		kind[BeliefRating](KindInfo{Title: "Beliefs: how true they feel", Collection: "belief-ratings", Required: []string{"belief", "rating"}, PerYear: 60}),
		kind[Inquiry](KindInfo{Title: "Beliefs: inquiries", Collection: "inquiries", Required: []string{"belief"}, PerYear: 20}),
		kind[Script](KindInfo{Title: "Beliefs: your secure scripts", Collection: "scripts", Required: []string{"secure"}, PerYear: 20}),
		kind[ThoughtRecord](KindInfo{Title: "Beliefs: thought records", Collection: "thought-records", Required: []string{"thought"}, PerYear: 300}),
		kind[Letter](KindInfo{Title: "Beliefs: letters to your younger self", Collection: "letters", PerYear: 6}),
		kind[Trigger](KindInfo{Title: "Trigger log", Collection: "triggers", Required: []string{"activation"}, PerYear: 300}),
		kind[Held](KindInfo{Title: "Held messages", Collection: "held-messages", PerYear: 150}),
		kind[Need](KindInfo{Title: "Needs and boundaries", Collection: "needs", PerYear: 20}),
		kind[Person](KindInfo{Title: "Consistency over intensity: people and moments", Collection: "people", PerYear: 3}),
		kind[Talk](KindInfo{Title: "Calm-time talks", Collection: "talks", PerYear: 12}),
		kind[Weekly](KindInfo{Title: "Weekly reflections", Collection: "weekly-reflections", PerYear: 52}),
		kind[Growth](KindInfo{Title: "Signs of growing security", Collection: "growth-ratings", PerYear: 12}),
	}
}

// kind completes a registration from the payload type: New, and the Kind
// its payload names, so the two can never disagree.
func kind[T any, P interface {
	*T
	Payload
}](info KindInfo) KindInfo {
	info.New = func() Payload { return P(new(T)) }
	info.Kind = info.New().Kind()
	return info
}

// Kinds lists every entry kind, in the order export writes them.
func Kinds() []Kind {
	infos := kinds()
	out := make([]Kind, len(infos))
	for i, in := range infos {
		out[i] = in.Kind
	}
	return out
}

// KindInfos returns the registry: every kind with what is known about it.
func KindInfos() []KindInfo { return kinds() }

// InfoOf returns what is known about a kind.
func InfoOf(k Kind) (KindInfo, bool) {
	infos, index := registry()
	if i, ok := index[k]; ok {
		return infos[i], true
	}
	return KindInfo{}, false
}

// NewPayload returns an empty payload for a kind, ready to unmarshal into.
func NewPayload(k Kind) (Payload, error) {
	if in, ok := InfoOf(k); ok {
		return in.New(), nil
	}
	return nil, Errorf(EINVALID, "We don't know the entry kind %q.", string(k))
}

// Payload is what a person wrote in one entry. It is sealed as JSON.
type Payload interface {
	Kind() Kind
	// Validate checks and normalises the payload in place: the shape and
	// bounds that need no list from a pure package. Rules that do (a
	// known exercise, a pattern that can run) are package entries'.
	Validate() error
	// Text returns the free text a person wrote, for the crisis-language
	// check at save time. It is never logged.
	Text() []string
	// Example returns a valid payload of the kind whose every free-text
	// field holds text (a kind without free text ignores it). The proof
	// harnesses save it with canary phrases, the tests through every door.
	Example(text string) Payload
}

// Timed is a payload that carries its own time (an episode starts when it
// starts): its entry's occurred_at is always When, whatever a client sends.
type Timed interface {
	Payload
	When() time.Time
}

// Singleton is a payload of which each person has exactly one, stored
// under a fixed id. NewEntry gives it that id and an import refuses any
// other, so a second copy can never appear.
type Singleton interface {
	Payload
	FixedID() string
}

// Keyed is a payload whose id follows from what it holds (a favourite is
// named by its statement), so saving the same thing twice stores it once.
// Every id it can have starts with IDPrefix, which no other kind may use.
type Keyed interface {
	Payload
	KeyID() string
	IDPrefix() string
}

// Readable is a payload whose JSON is nested (lists of objects, maps), so
// it says itself in words for the readable export. A flat payload needs
// nothing: its fields are listed by name.
type Readable interface {
	Payload
	Readable() []Field
}

// Field is one name and value of an entry as the readable export shows it.
type Field struct{ Name, Value string }

// OwnID returns the id a Singleton or Keyed payload must be stored under;
// ok is false for a payload whose id the client chooses.
func OwnID(p Payload) (id string, ok bool) {
	switch p := p.(type) {
	case Singleton:
		return p.FixedID(), true
	case Keyed:
		return p.KeyID(), true
	}
	return "", false
}

// CheckID checks the id of an entry of kind k: its form, and that it is
// not one another kind keeps for itself (the safety plan's, the signs
// checklist's, a favourite's), which would otherwise block that kind for
// good.
func CheckID(k Kind, id string) error {
	if !ValidID(id) {
		return FieldError("id", "An entry id is 1–64 letters, digits, dashes or underscores.")
	}
	for _, in := range kinds() {
		if in.Kind == k {
			continue
		}
		taken := false
		switch p := in.New().(type) {
		case Singleton:
			taken = p.FixedID() == id
		case Keyed:
			taken = strings.HasPrefix(id, p.IDPrefix())
		}
		if taken {
			return FieldError("id", fmt.Sprintf("The id %q is kept for %s. Choose another.", id, strings.ToLower(in.Title)))
		}
	}
	return nil
}
