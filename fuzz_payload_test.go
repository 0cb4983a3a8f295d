package securebase_test

import (
	"encoding/json"
	"testing"
	"unicode/utf8"

	"github.com/securebase/securebase"
)

// FuzzDecodePayload feeds any bytes to every kind as the API and import
// do: no panic, and whatever is accepted stays within its bounds, encodes
// and decodes to the same thing, and passes Validate again unchanged.
func FuzzDecodePayload(f *testing.F) {
	f.Add([]byte(`{"started_at":"2026-11-21T23:40:00Z","ended_at":"2026-11-21T23:41:00Z","before":8,"tools":["breathe"],"because":"x"}`))
	f.Add([]byte(`{"name":"a","phases":[{"kind":"in","seconds":4}],"cycles":10000}`))
	f.Add([]byte(`{"sections":{"warning-signs":"pacing"}}`))
	f.Add([]byte(`{"text":"  "}`))
	f.Add([]byte(`{"tool":"pause","started_at":"2026-11-21T23:40:00Z","ended_at":"2026-11-21T23:40:00Z","intensity":11}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, kind := range securebase.Kinds() {
			e := &securebase.Entry{ID: "fuzz", Kind: kind}
			p, err := e.DecodeStrict(data)
			if err != nil {
				continue
			}
			if p.Validate() != nil {
				continue
			}
			for _, s := range p.Text() {
				if !utf8.ValidString(s) || utf8.RuneCountInString(s) > 4000 {
					t.Fatalf("%s: accepted text out of bounds", kind)
				}
			}
			enc, err := json.Marshal(p)
			if err != nil {
				t.Fatalf("%s: %v", kind, err)
			}
			q, err := e.DecodeStrict(enc)
			if err != nil {
				t.Fatalf("%s: re-decode: %v", kind, err)
			}
			if err := q.Validate(); err != nil {
				t.Fatalf("%s: valid once, invalid after a round trip: %v", kind, err)
			}
			if enc2, _ := json.Marshal(q); string(enc2) != string(enc) {
				t.Fatalf("%s: not stable:\n%s\n%s", kind, enc, enc2)
			}
		}
	})
}
