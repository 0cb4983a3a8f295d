package securebase_test

import (
	"os"
	"strings"
	"testing"

	"github.com/securebase/securebase"
)

// TestDocsNameEveryKind keeps docs/export.md and docs/api.md in step with
// the kinds: every entry kind has its row in the export format, and every
// kind with a collection on the generic API is named in the API reference.
// A kind added without its docs fails here.
func TestDocsNameEveryKind(t *testing.T) {
	read := func(path string) string {
		t.Helper()
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	export, api := read("docs/export.md"), read("docs/api.md")
	for _, k := range securebase.Kinds() {
		if !strings.Contains(export, "| `"+string(k)+"` |") {
			t.Errorf("docs/export.md has no row for the kind %q (| `%s` | …)", k, k)
		}
		info, _ := securebase.InfoOf(k)
		if c := info.Collection; c != "" && !strings.Contains(api, "`"+c+"`") && !strings.Contains(api, "/api/v1/"+c+" ") {
			t.Errorf("docs/api.md does not name the collection %q of the kind %q", info.Collection, k)
		}
	}
}
