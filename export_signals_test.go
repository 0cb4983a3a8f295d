package securebase_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/securebase/securebase"
)

// TestExportSignals: the writer puts a person's signals after the entries
// (and writes no "signals" when there are none); the reader checks each
// strictly and hands none on, so an import cannot make a signal.
func TestExportSignals(t *testing.T) {
	write := func(signals []securebase.ExportSignal) string {
		var buf bytes.Buffer
		xw, err := securebase.NewExportWriter(&buf, securebase.Export{})
		if err != nil {
			t.Fatal(err)
		}
		if err := xw.Write(&securebase.Entry{ID: "a", Kind: "statement", OccurredAt: time.Unix(1e9, 0).UTC(), Data: []byte(`{"text":"x"}`)}); err != nil {
			t.Fatal(err)
		}
		xw.Signals(signals)
		if err := xw.Close(); err != nil {
			t.Fatal(err)
		}
		return buf.String()
	}
	if none := write(nil); strings.Contains(none, "signals") {
		t.Fatalf("an export without signals mentions them: %s", none)
	}
	file := write([]securebase.ExportSignal{{SentBy: securebase.SentByPartner, Signal: "need-space",
		Text: "I need a little space. I'm not going anywhere.", Words: "back soon", SentAt: time.Unix(2e9, 0).UTC()}})
	if !strings.Contains(file, `],"signals":[{"sent_by":"your partner","signal":"need-space","text":"I need a little space. I'm not going anywhere.","words":"back soon","sent_at":"2033-05-18T03:33:20Z"}]}`) {
		t.Fatalf("the signals are not after the entries as documented: %s", file)
	}
	n := 0
	if _, err := securebase.ReadExport(strings.NewReader(file), func(int, securebase.ExportEntry) error { n++; return nil }); err != nil || n != 1 {
		t.Fatalf("reading an export with signals: %d entries, %v", n, err)
	}
	for _, bad := range []string{
		`{"format":"securebase-export","version":1,"entries":[],"signals":[{"sent_by":"you","partner_id":7}]}`,
		`{"format":"securebase-export","version":1,"entries":[],"signals":{"sent_by":"you"}}`,
	} {
		if _, err := securebase.ReadExport(strings.NewReader(bad), func(int, securebase.ExportEntry) error { return nil }); securebase.ErrorCode(err) != securebase.EINVALID {
			t.Errorf("%s: %v, want EINVALID", bad, err)
		}
	}
}
