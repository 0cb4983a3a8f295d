package securebase

import "unicode/utf8"

// The kinds of reassurance a person keeps: their own statements, and
// favourites among the library's.
const (
	KindStatement Kind = "statement"
	KindFavourite Kind = "favourite"
)

// Statement is a reassurance statement a person writes for themselves
// (B5). It is shown beside the library's statements in the reassurance
// tool and the "I'm activated" flow.
type Statement struct {
	Words string `json:"text"`
	// Starred puts the statement first in the "I'm activated" flow. Only
	// starred own statements are read back there, and never one whose
	// words read as crisis language.
	Starred bool `json:"starred,omitempty"`
}

// StatementMax bounds a statement: readable in one breath. Package
// practice checks a statement against the same constant.
const StatementMax = 280

// Kind implements Payload.
func (s *Statement) Kind() Kind { return KindStatement }

// Text implements Payload.
func (s *Statement) Text() []string { return []string{s.Words} }

// Example implements Payload: a statement that is text.
func (s *Statement) Example(text string) Payload { return &Statement{Words: text} }

// Validate implements Payload.
func (s *Statement) Validate() error {
	var v Validation
	s.Words = Trim(s.Words)
	if s.Words == "" && utf8.ValidString(s.Words) {
		v.Add("text", "Write a few words first.")
	}
	checkText(&v, "text", s.Words, StatementMax, true)
	return v.Err()
}

// Favourite marks one statement of the library as a favourite: it comes
// first in the reassurance tool and the "I'm activated" flow. Its entry
// id is FavouriteID(statement), so marking it twice stores it once.
type Favourite struct {
	Statement string `json:"statement"` // a library statement id
}

// FavouriteID is the entry id of the favourite for a statement id.
func FavouriteID(statement string) string { return favouritePrefix + statement }

const favouritePrefix = "fav-"

// Kind implements Payload.
func (f *Favourite) Kind() Kind { return KindFavourite }

// KeyID implements Keyed.
func (f *Favourite) KeyID() string { return FavouriteID(f.Statement) }

// IDPrefix implements Keyed: every favourite's id starts "fav-".
func (f *Favourite) IDPrefix() string { return favouritePrefix }

// Example implements Payload: a favourite holds no text, so the first
// statement of the library.
func (f *Favourite) Example(string) Payload { return &Favourite{Statement: "passing-1"} }

// Text implements Payload: a favourite holds no writing.
func (f *Favourite) Text() []string { return nil }

// Validate implements Payload.
func (f *Favourite) Validate() error {
	var v Validation
	if f.Statement == "" || len(f.Statement) > 60 {
		v.Add("statement", "Choose a statement from the list.")
	}
	checkRef(&v, "statement", f.Statement)
	return v.Err()
}
