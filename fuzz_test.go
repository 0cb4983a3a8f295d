package securebase_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/securebase/securebase"
)

// Fuzz targets for the parsers of user input in the domain: an uploaded
// export, the JSON of every entry kind, usernames and passwords. None may
// panic; what they accept must survive a round trip; what they refuse is a
// clear *Error that does not echo the input.

func FuzzReadExport(f *testing.F) {
	f.Add([]byte(`{"format":"securebase-export","version":1,"exported_at":"2026-11-21T00:00:00Z","account":{"username":"x","created_at":"2026-01-01T00:00:00Z","prefs":{}},"entries":[{"id":"a","kind":"checkin","occurred_at":"2026-11-21T23:40:00Z","created_at":"2026-11-21T23:40:00Z","updated_at":"2026-11-21T23:40:00Z","data":{"distress":7,"note":"secret-note"}}]}`))
	f.Add([]byte(`{"format":"securebase-export","version":1,"entries":[{"id":"a","kind":"checkin","occurred_at":"2026-11-21T23:40:00Z","data":{"distress":99,"note":"secret-note"}}]}`))
	f.Add([]byte(`{"format":"securebase-export","version":1,"entries":[],"signals":[{"sent_by":"your partner","signal":"need-space","text":"I need a little space. I'm not going anywhere.","words":"secret-note","sent_at":"2026-11-21T23:40:00Z"}]}`))
	f.Add([]byte(`{"format":"securebase-export","version":1,"entries":[],"signals":[{"sent_by":"you","partner":"secret-note"}]}`))
	f.Add([]byte(`{"format":"securebase-export","version":1,"signals":{"sent_by":"you"}}`))
	f.Add([]byte(`{"format":"securebase-export","version":2}`))
	f.Add([]byte(`{"format":"secret-note"`))
	f.Add([]byte(`[]`))
	f.Add([]byte(`{"format":"securebase-export","version":1,"entries":[{"id":"a","kind":"statement","occurred_at":"2026-11-21T23:40:00Z","data":{"text":"<b>&</b>"}},{"id":"a","kind":"statement","occurred_at":"2026-11-21T23:40:00Z","data":{"text":"x"}}]}`))
	f.Add([]byte(`{"format":"securebase-export","version":1,"entries":[{"id":"a","kind":"checkin","occurred_at":"1970-01-01T00:00:00Z","data":{"distress":1}}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		collect := func(into *[]securebase.ExportEntry) func(int, securebase.ExportEntry) error {
			return func(_ int, x securebase.ExportEntry) error {
				e, p, err := x.Entry()
				if err != nil {
					return err
				}
				if e.Data, err = securebase.EncodePayload(p); err != nil {
					return err
				}
				*into = append(*into, securebase.ExportEntryOf(e))
				return nil
			}
		}
		var got []securebase.ExportEntry
		head, err := securebase.ReadExport(bytes.NewReader(data), collect(&got))
		if err != nil {
			code := securebase.ErrorCode(err)
			if code != securebase.EINVALID && code != securebase.ETOOLARGE {
				t.Fatalf("refused with code %q: %v", code, err)
			}
			if bytes.Contains(data, []byte("secret-note")) && strings.Contains(securebase.ErrorMessage(err), "secret-note") {
				t.Fatalf("the message echoes the input: %s", securebase.ErrorMessage(err))
			}
			return
		}
		// What was accepted, written as an export, reads back the same.
		var buf bytes.Buffer
		xw, err := securebase.NewExportWriter(&buf, *head)
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range got {
			if err := xw.Write(&securebase.Entry{ID: x.ID, Kind: x.Kind, OccurredAt: x.OccurredAt, CreatedAt: x.CreatedAt, UpdatedAt: x.UpdatedAt, Data: x.Data}); err != nil {
				t.Fatal(err)
			}
		}
		if err := xw.Close(); err != nil {
			t.Fatal(err)
		}
		var again []securebase.ExportEntry
		if _, err := securebase.ReadExport(bytes.NewReader(buf.Bytes()), collect(&again)); err != nil {
			t.Fatalf("an accepted export, written again, does not read: %v\n%s", err, buf.Bytes())
		}
		a, _ := json.Marshal(got)
		b, _ := json.Marshal(again)
		if !bytes.Equal(a, b) {
			t.Fatalf("entries changed when written again:\n%s\n%s", a, b)
		}
	})
}

// FuzzEntryPayload decodes fuzzed JSON as each entry kind, the way the
// API and import do: accepted payloads re-encode to the same JSON.
func FuzzEntryPayload(f *testing.F) {
	f.Add(uint8(0), []byte(`{"distress":4,"note":"a few words"}`))
	f.Add(uint8(0), []byte(`{"distress":11}`))
	f.Add(uint8(0), []byte(`{"distress":3,"note":"\u0000\ud800"}`))
	f.Fuzz(func(t *testing.T, k uint8, data []byte) {
		kinds := securebase.Kinds()
		e := &securebase.Entry{Kind: kinds[int(k)%len(kinds)]}
		p, err := e.DecodeStrict(data)
		if err != nil {
			return
		}
		enc, err := securebase.EncodePayload(p)
		if err != nil {
			if securebase.ErrorCode(err) != securebase.EINVALID {
				t.Fatalf("validation failed with %v", err)
			}
			return
		}
		p2, err := e.DecodeStrict(enc)
		if err != nil {
			t.Fatalf("an accepted payload does not decode again: %v", err)
		}
		enc2, err := securebase.EncodePayload(p2)
		if err != nil || !bytes.Equal(enc, enc2) {
			t.Fatalf("normalising is not stable: %s → %s (%v)", enc, enc2, err)
		}
		for _, txt := range p.Text() {
			if !utf8.ValidString(txt) {
				t.Fatalf("invalid UTF-8 accepted: %q", txt)
			}
		}
	})
}

func FuzzCanonicalUsername(f *testing.F) {
	for _, s := range []string{" Robin ", "ROBIN", "no spaces", "ab", strings.Repeat("a", 33), "émile", "a.b-c_d"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		name, err := securebase.CanonicalUsername(s)
		if err != nil {
			if securebase.ErrorFields(err)["username"] == "" {
				t.Fatalf("refused without a message on the field: %v", err)
			}
			return
		}
		if again, err := securebase.CanonicalUsername(name); err != nil || again != name {
			t.Fatalf("not canonical: %q → %q → %q (%v)", s, name, again, err)
		}
		if len(name) < securebase.UsernameMin || len(name) > securebase.UsernameMax || strings.Trim(name, "abcdefghijklmnopqrstuvwxyz0123456789.-_") != "" {
			t.Fatalf("accepted %q", name)
		}
	})
}

func FuzzPasswordPolicy(f *testing.F) {
	p := securebase.NewPasswordPolicy()
	// The policy's messages are fixed sentences: gather them once, and
	// every refusal must be one of them, so none can echo a password.
	messages := map[string]bool{}
	for _, s := range []string{"short", strings.Repeat("x", 257), "\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8", "robinrobin", "password123"} {
		if err := p.Check("password", s, "robinrobin"); err != nil {
			messages[securebase.ErrorMessage(err)] = true
		}
	}
	if len(messages) != 5 {
		f.Fatalf("expected 5 distinct policy messages, got %d", len(messages))
	}
	for _, s := range []string{"short", "password123", "a long walk by the sea", "ééééééé", "\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8"} {
		f.Add(s, "robin")
	}
	f.Fuzz(func(t *testing.T, password, username string) {
		err := p.Check("password", password, username)
		n := utf8.RuneCountInString(password)
		if err == nil && (n < securebase.PasswordMin || n > securebase.PasswordMax || !utf8.ValidString(password)) {
			t.Fatalf("accepted %q (%d characters)", password, n)
		}
		if err != nil && !messages[securebase.ErrorMessage(err)] {
			t.Fatalf("a message that is not one of the policy's sentences: %q", securebase.ErrorMessage(err))
		}
	})
}

// FuzzParseDistress: a rating is read as typed or tapped, and only a whole
// number on the scale is taken: exactly "0" to "10" once spaces at either
// end are gone. A refusal is a message on the field that never repeats
// the input.
func FuzzParseDistress(f *testing.F) {
	for _, s := range []string{"0", "10", "11", "-1", "07", " 5", "5 ", "5.0", "", "٥", "+3", "1e1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := securebase.ParseDistress("distress", s)
		want := -1
		for i := securebase.DistressMin; i <= securebase.DistressMax; i++ {
			if strings.TrimSpace(s) == decimal(i) {
				want = i
			}
		}
		if (want >= 0) != (err == nil) || err == nil && n != want {
			t.Fatalf("ParseDistress(%q) = %d, %v", s, n, err)
		}
		if err != nil && (securebase.ErrorFields(err)["distress"] == "" || len(s) >= 12 && strings.Contains(securebase.ErrorMessage(err), s)) {
			t.Fatalf("refused without a message on the field, or repeating the input: %v", err)
		}
	})
}

// decimal writes 0–10 without strconv, so the oracle shares no code with
// the parser it checks.
func decimal(i int) string {
	if i == 10 {
		return "10"
	}
	return string(rune('0' + i))
}
