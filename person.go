package securebase

import (
	"strconv"
	"time"
)

// KindPerson is someone a person dates or lives with, and the moments they
// noticed (D4: consistency over intensity).
const KindPerson Kind = "person"

// Person is someone the person dates or lives with, by a name or a few
// words, and the green and red flags they noticed over time. The flag ids
// are package behaviour's, which package entries checks.
type Person struct {
	Name  string     `json:"name"`
	Notes []FlagNote `json:"notes,omitempty"`
}

// FlagNote is one moment noticed: a flag, when, and a few words.
type FlagNote struct {
	Flag string    `json:"flag"`
	At   time.Time `json:"at"`
	Note string    `json:"note,omitempty"`
}

// Bounds of a person.
const (
	PersonNameMax  = 60
	FlagNoteMax    = 280
	PersonNotesMax = 2000
)

// Kind implements Payload.
func (p *Person) Kind() Kind { return KindPerson }

// Text implements Payload.
func (p *Person) Text() []string {
	out := []string{p.Name}
	for _, n := range p.Notes {
		out = append(out, n.Note)
	}
	return out
}

// Example implements Payload: a person with one green and one red note.
func (p *Person) Example(text string) Payload {
	at := exampleTime()
	return &Person{Name: text, Notes: []FlagNote{{Flag: "responds", At: at.Add(-time.Hour), Note: text}, {Flag: "inconsistent", At: at, Note: text}}}
}

// Readable implements Readable.
func (p *Person) Readable() []Field {
	out := []Field{{"Name", p.Name}}
	for i, n := range p.Notes {
		v := n.Flag + ", " + n.At.UTC().Format("2 January 2006 15:04 UTC")
		if n.Note != "" {
			v += ": " + n.Note
		}
		out = append(out, Field{"Moment " + strconv.Itoa(i+1), v})
	}
	return out
}

// Validate implements Payload.
func (p *Person) Validate() error {
	var v Validation
	p.Name = OneLine(p.Name)
	if p.Name == "" {
		v.Add("name", "Write a first name, or a few words like “the person I'm seeing”.")
	}
	checkText(&v, "name", p.Name, PersonNameMax, false)
	if len(p.Notes) > PersonNotesMax {
		v.Add("notes", "That is more moments than one entry can hold.")
	}
	for i := range p.Notes {
		n := &p.Notes[i]
		if n.Flag == "" {
			v.Add("flag", "Choose a flag from the list.")
		}
		checkRef(&v, "flag", n.Flag)
		n.At = n.At.UTC().Truncate(time.Millisecond)
		if n.At.IsZero() {
			v.Add("at", "Send when you noticed it.")
		}
		n.Note = Trim(n.Note)
		checkText(&v, "note", n.Note, FlagNoteMax, true)
	}
	return v.Err()
}
