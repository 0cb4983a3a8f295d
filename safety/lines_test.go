package safety

import (
	"encoding/json"
	"sort"
	"strings"
	"testing"
	"time"
)

func loadTestDirectory(t *testing.T) *Directory {
	t.Helper()
	d, err := LoadDirectory()
	if err != nil {
		t.Fatalf("LoadDirectory: %v", err)
	}
	return d
}

func TestDirectoryLoads(t *testing.T) {
	d := loadTestDirectory(t)
	cs := d.Countries()
	if len(cs) < 12 {
		t.Fatalf("%d countries; want at least 12", len(cs))
	}
	if !sort.SliceIsSorted(cs, func(i, j int) bool { return cs[i].Name < cs[j].Name }) {
		t.Error("Countries is not sorted by name")
	}
	for _, c := range cs {
		if _, err := time.Parse(time.DateOnly, c.Checked); err != nil {
			t.Errorf("%s: checked %q: %v", c.Code, c.Checked, err)
		}
		for _, l := range c.Lines {
			if l.Phone == "" && l.Text == "" {
				t.Errorf("%s %s: a crisis line needs a number to call or text", c.Code, l.Name)
			}
		}
	}
	for _, code := range []string{"US", "CA", "GB", "IE", "AU", "NZ", "DE", "FR", "ES", "IT", "NL", "IN", "ZA", "BR", "JP"} {
		if _, ok := d.Country(code); !ok {
			t.Errorf("country %s is missing", code)
		}
	}
}

func TestCountryLookup(t *testing.T) {
	d := loadTestDirectory(t)
	for _, code := range []string{"gb", "GB", " Gb ", "gB"} {
		c, ok := d.Country(code)
		if !ok || c.Code != "GB" {
			t.Errorf("Country(%q) = %q, %v; want GB", code, c.Code, ok)
		}
	}
	for _, code := range []string{"", "XX", "UK", "GBR", "U", "1"} {
		if _, ok := d.Country(code); ok {
			t.Errorf("Country(%q) found something; want false", code)
		}
	}
	us, _ := d.Country("US")
	if us.Emergency != "911" || us.Lines[0].Phone != "988" {
		t.Errorf("US: emergency %q, first line %q; want 911 and 988", us.Emergency, us.Lines[0].Phone)
	}
}

func TestFallback(t *testing.T) {
	fb := loadTestDirectory(t).Fallback()
	if fb.Code != "" || len(fb.Lines) == 0 || !strings.Contains(fb.Lines[0].Web, "findahelpline.com") {
		t.Errorf("fallback should point to findahelpline.com: %+v", fb)
	}
	if !strings.Contains(strings.ToLower(fb.EmergencyNote), "emergency number") {
		t.Errorf("fallback should tell the person to call their local emergency number: %q", fb.EmergencyNote)
	}
}

// TestReturnedValuesAreCopies checks that a caller cannot change the
// shared directory through what it gets back.
func TestReturnedValuesAreCopies(t *testing.T) {
	d := loadTestDirectory(t)
	c, _ := d.Country("DE")
	c.Lines[0].Phone = "0"
	c.Lines[0].VerifiedAgainst[0] = "changed"
	cs := d.Countries()
	cs[0].Lines[0].Name = "changed"
	again, _ := d.Country("DE")
	if again.Lines[0].Phone == "0" || again.Lines[0].VerifiedAgainst[0] == "changed" {
		t.Error("changing a returned Country changed the directory")
	}
	if d.Countries()[0].Lines[0].Name == "changed" {
		t.Error("changing Countries() changed the directory")
	}
}

// mutate loads the embedded data, applies f, and parses the result.
func mutate(t *testing.T, f func(*directoryFile)) error {
	t.Helper()
	var df directoryFile
	if err := json.Unmarshal(linesJSON, &df); err != nil {
		t.Fatal(err)
	}
	f(&df)
	data, err := json.Marshal(df)
	if err != nil {
		t.Fatal(err)
	}
	_, err = parseDirectory(data)
	return err
}

func TestValidationRejectsBadData(t *testing.T) {
	cases := map[string]func(*directoryFile){
		"duplicate code":     func(f *directoryFile) { f.Countries[1].Code = f.Countries[0].Code },
		"lower-case code":    func(f *directoryFile) { f.Countries[0].Code = "us" },
		"three-letter code":  func(f *directoryFile) { f.Countries[0].Code = "USA" },
		"no source":          func(f *directoryFile) { f.Countries[0].Source = "" },
		"no checked date":    func(f *directoryFile) { f.Countries[0].Checked = "" },
		"bad checked date":   func(f *directoryFile) { f.Countries[0].Checked = "21/11/2026" },
		"letters in number":  func(f *directoryFile) { f.Countries[0].Lines[0].Phone = "1-800-TALK" },
		"dash in number":     func(f *directoryFile) { f.Countries[0].Lines[0].Phone = "0800-111" },
		"bad emergency":      func(f *directoryFile) { f.Countries[0].Emergency = "call 112" },
		"no emergency":       func(f *directoryFile) { f.Countries[0].Emergency = "" },
		"no lines":           func(f *directoryFile) { f.Countries[0].Lines = nil },
		"line without way":   func(f *directoryFile) { l := &f.Countries[0].Lines[0]; l.Phone, l.Text, l.Web = "", "", "" },
		"line without src":   func(f *directoryFile) { f.Countries[0].Lines[0].Source = "" },
		"unverified line":    func(f *directoryFile) { f.Countries[0].Lines[0].VerifiedAgainst = nil },
		"unknown cost":       func(f *directoryFile) { f.Countries[0].Lines[0].Cost = "cheap" },
		"exclamation":        func(f *directoryFile) { f.Countries[0].Lines[0].Description = "Call now!" },
		"keyword no text":    func(f *directoryFile) { f.Countries[0].Lines[0].TextKeyword = "HOME" },
		"fallback with code": func(f *directoryFile) { f.Fallback.Code = "ZZ" },
		"no countries":       func(f *directoryFile) { f.Countries = nil },
	}
	for name, f := range cases {
		if err := mutate(t, f); err == nil {
			t.Errorf("%s: want a validation error", name)
		}
	}
	if err := mutate(t, func(*directoryFile) {}); err != nil {
		t.Errorf("unchanged data: %v", err)
	}
	if _, err := parseDirectory([]byte(`{"countries": [], "extra": 1}`)); err == nil {
		t.Error("unknown fields must be refused")
	}
}

func TestIsDialable(t *testing.T) {
	for s, want := range map[string]bool{
		"988": true, "116 123": true, "+44 116 123": true, "": false, " 988": false,
		"1-800": false, "98+8": false, "abc": false, "   ": false,
	} {
		if got := isDialable(s); got != want {
			t.Errorf("isDialable(%q) = %v, want %v", s, got, want)
		}
	}
	if got := TelURI("0800 111 0 111"); got != "tel:08001110111" {
		t.Errorf("TelURI = %q", got)
	}
}
