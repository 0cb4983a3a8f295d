package securebase

// KindScript is a secure script the person keeps (C3).
const KindScript Kind = "script"

// Script is an anxious belief paired with a secure counter-statement,
// in the person's own words or copied from a suggested pair of package
// belief (From names it). Starred scripts are read back in the
// reassurance step of the "I'm activated" flow, and never one whose words
// read as crisis language.
type Script struct {
	Anxious string `json:"anxious,omitempty"`
	Secure  string `json:"secure"`
	From    string `json:"from,omitempty"` // a suggested script id, when copied from one
	Starred bool   `json:"starred,omitempty"`
}

// ScriptMax bounds each side of a script: readable in one breath.
const ScriptMax = 280

// Kind implements Payload.
func (s *Script) Kind() Kind { return KindScript }

// Text implements Payload.
func (s *Script) Text() []string { return []string{s.Anxious, s.Secure} }

// Example implements Payload: both sides are text.
func (s *Script) Example(text string) Payload {
	return &Script{Anxious: text, Secure: text, Starred: true}
}

// Validate implements Payload. Whether From is a suggested script is
// package entries' rule.
func (s *Script) Validate() error {
	var v Validation
	s.Anxious, s.Secure = Trim(s.Anxious), Trim(s.Secure)
	if s.Secure == "" {
		v.Add("secure", "Write the kinder belief you want to practise.")
	}
	checkText(&v, "anxious", s.Anxious, ScriptMax, true)
	checkText(&v, "secure", s.Secure, ScriptMax, true)
	checkRef(&v, "from", s.From)
	return v.Err()
}
