package safety

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"time"
)

// linesJSON is the crisis-line directory shipped inside the binary, so the
// lines work offline and cannot be changed by anything at run time. It is
// the only package-level value, and it is never written.
//
//go:embed lines.json
var linesJSON []byte

// Cost says what a person pays to use a line. It is a string and not a bool
// because for some lines we could not confirm the cost, and the interface
// must not promise "free" when we do not know.
type Cost string

// The costs a line can have.
const (
	CostFree    Cost = "free"    // no charge to the caller
	CostCharged Cost = "charged" // a normal or small call charge applies
	CostUnknown Cost = "unknown" // not confirmed; say nothing about cost
)

// Line is one service a person can call, text or visit.
type Line struct {
	Name        string `json:"name"`
	Phone       string `json:"phone,omitempty"`        // number to call, digits and spaces
	Text        string `json:"text,omitempty"`         // number to text, digits and spaces
	TextKeyword string `json:"text_keyword,omitempty"` // word to send first, if the service asks for one
	Web         string `json:"web,omitempty"`
	Hours       string `json:"hours"`
	Cost        Cost   `json:"cost"`
	Description string `json:"description"` // one or two short sentences a person reads
	Source      string `json:"source"`      // the service's own page
	// VerifiedAgainst lists the pages the number was checked against on
	// the country's Checked date.
	VerifiedAgainst []string `json:"verified_against"`
	// Open lists the windows a line with limited hours answers in, in the
	// country's first time zone. Empty means day and night, every day.
	Open []Window `json:"open,omitempty"`
}

// Window is one stretch of opening hours: every day, or only on one day
// of the month. To may be 24:00.
type Window struct {
	MonthDay int    `json:"monthday,omitempty"` // 1–31; 0 = every day
	From     string `json:"from"`               // HH:MM
	To       string `json:"to"`                 // HH:MM, after From
}

// Free reports whether the line is known to cost nothing.
func (l Line) Free() bool { return l.Cost == CostFree }

// Country is the crisis information for one country.
type Country struct {
	Code          string `json:"code"` // ISO 3166-1 alpha-2, upper case
	Name          string `json:"name"`
	Emergency     string `json:"emergency"` // local emergency number
	EmergencyNote string `json:"emergency_note,omitempty"`
	Lines         []Line `json:"lines"`
	Source        string `json:"source"`  // official page of the main service
	Checked       string `json:"checked"` // YYYY-MM-DD, when the numbers were last verified
	// HowChecked says in a sentence how the lines were checked, and what
	// was not done, so nobody reads more into Checked than is true.
	HowChecked string `json:"how_checked"`
	// Zones are the IANA time zones of the country: the first is where
	// opening hours are kept; all of them pre-select the country at sign-up.
	Zones []string `json:"zones,omitempty"`
	// Abuse lists services for people hurt, threatened or controlled by a
	// partner (domestic abuse), checked separately from the crisis lines.
	Abuse           []Line `json:"abuse,omitempty"`
	AbuseChecked    string `json:"abuse_checked,omitempty"`
	AbuseHowChecked string `json:"abuse_how_checked,omitempty"`
}

// Directory is the validated crisis-line data. It is read-only after
// LoadDirectory returns, so one Directory can be shared by every request.
type Directory struct {
	byCode   map[string]Country
	sorted   []Country
	fallback Country
}

type directoryFile struct {
	About     string    `json:"about"` // a note for whoever edits the file
	Countries []Country `json:"countries"`
	Fallback  Country   `json:"fallback"`
}

// LoadDirectory parses and validates the embedded crisis-line data. It
// fails loudly rather than serving a half-valid directory: a wrong number
// shown to a person in crisis is worse than a failed start-up.
func LoadDirectory() (*Directory, error) {
	return parseDirectory(linesJSON)
}

func parseDirectory(data []byte) (*Directory, error) {
	var f directoryFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("safety: reading crisis lines: %w", err)
	}
	if len(f.Countries) == 0 {
		return nil, errors.New("safety: crisis lines: no countries")
	}
	d := &Directory{byCode: make(map[string]Country, len(f.Countries))}
	for i, c := range f.Countries {
		if err := validateCountry(c, false); err != nil {
			return nil, fmt.Errorf("safety: crisis lines: country %d (%q): %w", i, c.Code, err)
		}
		if _, dup := d.byCode[c.Code]; dup {
			return nil, fmt.Errorf("safety: crisis lines: country code %q appears twice", c.Code)
		}
		d.byCode[c.Code] = c
		d.sorted = append(d.sorted, c)
	}
	if err := validateCountry(f.Fallback, true); err != nil {
		return nil, fmt.Errorf("safety: crisis lines: fallback: %w", err)
	}
	d.fallback = f.Fallback
	sort.Slice(d.sorted, func(i, j int) bool { return d.sorted[i].Name < d.sorted[j].Name })
	return d, nil
}

// Country returns the entry for an ISO 3166-1 alpha-2 code, ignoring case
// and surrounding space. Unknown codes return false; callers then show
// Fallback, never nothing.
func (d *Directory) Country(code string) (Country, bool) {
	c, ok := d.byCode[strings.ToUpper(strings.TrimSpace(code))]
	if !ok {
		return Country{}, false
	}
	return cloneCountry(c), true
}

// Countries returns every country, sorted by name, as a fresh slice the
// caller may change.
func (d *Directory) Countries() []Country {
	out := make([]Country, len(d.sorted))
	for i, c := range d.sorted {
		out[i] = cloneCountry(c)
	}
	return out
}

// Fallback is the entry for a country we have no data for: call the local
// emergency number, and find a line on findahelpline.com.
func (d *Directory) Fallback() Country { return cloneCountry(d.fallback) }

// cloneCountry copies the slices so that no caller can change the shared
// directory through a returned value.
func cloneCountry(c Country) Country {
	lines := make([]Line, len(c.Lines))
	for i, l := range c.Lines {
		l.VerifiedAgainst = append([]string(nil), l.VerifiedAgainst...)
		l.Open = append([]Window(nil), l.Open...)
		lines[i] = l
	}
	c.Lines = lines
	c.Zones = append([]string(nil), c.Zones...)
	if c.Abuse != nil {
		abuse := make([]Line, len(c.Abuse))
		for i, l := range c.Abuse {
			l.VerifiedAgainst = append([]string(nil), l.VerifiedAgainst...)
			l.Open = append([]Window(nil), l.Open...)
			abuse[i] = l
		}
		c.Abuse = abuse
	}
	return c
}

func validateCountry(c Country, fallback bool) error {
	if fallback {
		if c.Code != "" {
			return errors.New("fallback must not have a country code")
		}
	} else {
		if !isAlpha2(c.Code) {
			return fmt.Errorf("code %q is not two upper-case letters", c.Code)
		}
		if c.Emergency == "" {
			return errors.New("no emergency number")
		}
	}
	if strings.TrimSpace(c.Name) == "" {
		return errors.New("no name")
	}
	if c.Emergency != "" && !isDialable(c.Emergency) {
		return fmt.Errorf("emergency number %q has characters other than digits, spaces and +", c.Emergency)
	}
	if err := checkURL(c.Source); err != nil {
		return fmt.Errorf("source: %w", err)
	}
	if _, err := time.Parse(time.DateOnly, c.Checked); err != nil {
		return fmt.Errorf("checked date %q: %w", c.Checked, err)
	}
	if len(c.Lines) == 0 {
		return errors.New("no lines")
	}
	if strings.TrimSpace(c.HowChecked) == "" {
		return errors.New("no how_checked: say how the lines were checked")
	}
	for i, l := range c.Lines {
		if err := validateLine(l); err != nil {
			return fmt.Errorf("line %d (%q): %w", i, l.Name, err)
		}
	}
	if !fallback && len(c.Zones) == 0 {
		return errors.New("no time zones")
	}
	for _, l := range c.Lines {
		if len(l.Open) > 0 && len(c.Zones) == 0 {
			return fmt.Errorf("line %q has opening hours but the country has no time zone", l.Name)
		}
	}
	if len(c.Abuse) > 0 {
		if _, err := time.Parse(time.DateOnly, c.AbuseChecked); err != nil {
			return fmt.Errorf("abuse_checked date %q: %w", c.AbuseChecked, err)
		}
		if strings.TrimSpace(c.AbuseHowChecked) == "" {
			return errors.New("no abuse_how_checked")
		}
		for i, l := range c.Abuse {
			if err := validateLine(l); err != nil {
				return fmt.Errorf("abuse line %d (%q): %w", i, l.Name, err)
			}
		}
	} else if c.AbuseChecked != "" || c.AbuseHowChecked != "" {
		return errors.New("abuse_checked without abuse services")
	}
	return nil
}

func validateLine(l Line) error {
	if strings.TrimSpace(l.Name) == "" {
		return errors.New("no name")
	}
	if l.Phone == "" && l.Text == "" && l.Web == "" {
		return errors.New("no way to reach it: phone, text and web are all empty")
	}
	for _, n := range []string{l.Phone, l.Text} {
		if n != "" && !isDialable(n) {
			return fmt.Errorf("number %q has characters other than digits, spaces and +", n)
		}
	}
	if l.TextKeyword != "" && l.Text == "" {
		return errors.New("text keyword without a text number")
	}
	if l.Web != "" {
		if err := checkURL(l.Web); err != nil {
			return fmt.Errorf("web: %w", err)
		}
	}
	switch l.Cost {
	case CostFree, CostCharged, CostUnknown:
	default:
		return fmt.Errorf("cost %q is not free, charged or unknown", l.Cost)
	}
	if strings.TrimSpace(l.Hours) == "" || strings.TrimSpace(l.Description) == "" {
		return errors.New("hours and description are required")
	}
	if strings.Contains(l.Description, "!") {
		return errors.New("description has an exclamation mark")
	}
	if err := checkURL(l.Source); err != nil {
		return fmt.Errorf("source: %w", err)
	}
	for _, w := range l.Open {
		if err := w.validate(); err != nil {
			return err
		}
	}
	if len(l.VerifiedAgainst) == 0 {
		return errors.New("no verified_against pages")
	}
	for _, v := range l.VerifiedAgainst {
		if err := checkURL(v); err != nil {
			return fmt.Errorf("verified_against: %w", err)
		}
	}
	return nil
}

// TelURI turns a displayed number such as "0800 111 0 111" into a tel: link
// a phone can dial with one tap.
func TelURI(number string) string {
	return "tel:" + strings.ReplaceAll(number, " ", "")
}

// SMSURI is TelURI for a text line: the same checked digits after sms:.
func SMSURI(number string) string {
	return "sms:" + strings.ReplaceAll(number, " ", "")
}

func isAlpha2(s string) bool {
	return len(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z'
}

// isDialable accepts digits, spaces and a leading plus. A number with
// letters (1-800-SUICIDE) or dashes cannot be tapped reliably on a phone.
func isDialable(s string) bool {
	digits := 0
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == ' ':
		case r == '+' && i == 0:
		default:
			return false
		}
	}
	return digits > 0 && s == strings.TrimSpace(s)
}

func checkURL(s string) error {
	u, err := url.Parse(s)
	if err != nil {
		return fmt.Errorf("%q: %w", s, err)
	}
	if (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return fmt.Errorf("%q is not an http(s) address", s)
	}
	return nil
}
