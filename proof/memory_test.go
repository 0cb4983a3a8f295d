package proof_test

import (
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/internal/testenv"
	"github.com/securebase/securebase/proof"
)

// TestImportExportMemory: four imports and four exports at once, of the
// largest size an import takes, on the real binary. Every import stores
// the whole file, the export of an account filled by the largest import
// is no larger than the file and imports again, and the process's peak
// memory stays under the budget (ENGINEERING.md: 100 MB at peak). Every
// run uses 1 MiB files; make proof (SECUREBASE_SLOW=1) the largest, 32 MiB.
func TestImportExportMemory(t *testing.T) {
	size := 1 << 20
	if os.Getenv(testenv.SlowEnv) == "1" {
		size = securebase.ImportMaxBytes - 64<<10 // the form around the file takes the rest
	}
	file, n := exportOfSize(size)
	// The people are made with the cheapest password hashing, one at a
	// time: this measures imports and exports, not sign-ups (§6 does).
	p, err := proof.Start(binary(t), "-database", "sqlite:"+t.TempDir()+"/memory.db", "-argon2-memory", "8192", "-hash-concurrency", "1")
	if err != nil {
		t.Fatal(err)
	}
	defer p.Stop()
	defer func() {
		if t.Failed() {
			for _, line := range strings.Split(p.Logs.String(), "\n") {
				if strings.Contains(line, `"level":"ERROR"`) {
					t.Log(line)
				}
			}
		}
	}()
	person := func(name string) *proof.Agent {
		a := proof.NewAgent(proof.Loopback(), p.URL)
		if err := a.SignUp(name, "memory is a long walk"); err != nil {
			t.Fatal(err)
		}
		return a
	}
	var fill, more, again [4]*proof.Agent
	for i := range 4 {
		fill[i], more[i], again[i] = person(fmt.Sprintf("fill%d", i)), person(fmt.Sprintf("more%d", i)), person(fmt.Sprintf("again%d", i))
	}
	// Count the peak from here (Linux: writing 5 to clear_refs resets it).
	_ = os.WriteFile(fmt.Sprintf("/proc/%d/clear_refs", p.Cmd.Process.Pid), []byte("5"), 0o600)
	before, err := p.Mem()
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	// Four people import the file at once.
	all(t, 4, func(i int) error { return importFile(fill[i], file, n) })
	filled := time.Since(start)
	mixed := time.Now()
	// At once: those four export it, and four more import the file.
	exports := make([][]byte, 4)
	all(t, 8, func(i int) error {
		if i >= 4 {
			return importFile(more[i-4], file, n)
		}
		res, err := fill[i].Must(proof.Get("/settings/export.json"), http.StatusOK)
		if err == nil {
			exports[i] = res.Body
		}
		return err
	})
	mixedTook := time.Since(mixed)
	// The exports, each as large as the largest import, import again.
	all(t, 4, func(i int) error {
		if len(exports[i]) > len(file)+256 {
			return fmt.Errorf("an export of %d bytes from a file of %d: it grew", len(exports[i]), len(file))
		}
		return importFile(again[i], exports[i], n)
	})
	took := time.Since(start)
	after, err := p.Mem()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("FIGURE import/export memory: files of %.1f MiB (%d entries); 4 imports at once (%v), then 4 exports and 4 imports at once (%v), then 4 imports of the exports (all %v); export %.1f MiB; RSS %.1f MB before, peak %.1f MB (budget: under 100 MB at peak)",
		float64(len(file))/(1<<20), n, filled.Round(time.Millisecond), mixedTook.Round(time.Millisecond), took.Round(time.Millisecond),
		float64(len(exports[0]))/(1<<20), float64(before.RSS)/1e6, float64(after.Peak)/1e6)
	if after.Peak > 100e6 {
		t.Errorf("peak RSS %.1f MB is over the 100 MB budget", float64(after.Peak)/1e6)
	}
}

// all runs fn(0) … fn(n-1) at once and fails t with every error.
func all(t *testing.T, n int, fn func(i int) error) {
	t.Helper()
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() { defer wg.Done(); errs[i] = fn(i) }()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
}

// patient waits as long as a browser does for an import's answer: with
// four at once on one SQLite writer, the last waits for the other three.
var patient = &http.Transport{ResponseHeaderTimeout: 10 * time.Minute}

var addedRE = regexp.MustCompile(`(\d+) entr(?:y was|ies were) added`)

// importFile uploads file as a's import, streamed from one shared copy,
// and checks that all n entries were added.
func importFile(a *proof.Agent, file []byte, n int) error {
	var head, tail bytes.Buffer
	mw := multipart.NewWriter(&head)
	if _, err := mw.CreateFormFile("file", "export.json"); err != nil {
		return err
	}
	boundary := mw.Boundary()
	fmt.Fprintf(&tail, "\r\n--%s--\r\n", boundary)
	req, err := http.NewRequest(http.MethodPost, a.Base+"/settings/import", io.MultiReader(&head, bytes.NewReader(file), &tail))
	if err != nil {
		return err
	}
	req.ContentLength = int64(head.Len() + len(file) + tail.Len())
	req.Header.Set("Content-Type", mw.FormDataContentType())
	for name, value := range a.Cookies {
		req.AddCookie(&http.Cookie{Name: name, Value: value}) // #nosec G124 -- a cookie a client sends
	}
	res, err := patient.RoundTrip(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		return err
	}
	m := addedRE.FindSubmatch(body)
	if res.StatusCode != http.StatusOK || m == nil || string(m[1]) != fmt.Sprint(n) {
		return fmt.Errorf("import: %d, want %d entries added:\n%.400s", res.StatusCode, n, body)
	}
	return nil
}

// exportOfSize builds an export file of just under size bytes: check-ins
// with notes of a few hundred characters, the shape of a long life of
// use (many entries, so every per-entry cost counts).
func exportOfSize(size int) ([]byte, int) {
	var b bytes.Buffer
	b.WriteString(`{"format":"securebase-export","version":1,"exported_at":"2026-11-21T00:00:00Z","account":{"username":"memory","created_at":"2026-01-01T00:00:00Z","prefs":{"country":"IE","time_zone":"Europe/Dublin"}},"entries":[`)
	note := strings.Repeat("the same walk by the sea, and the sea again ", 10)
	n := 0
	for {
		day := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC).Add(time.Duration(n) * time.Hour)
		entry := fmt.Sprintf(`{"id":"m%06d","kind":"checkin","occurred_at":%q,"created_at":%q,"updated_at":%q,"data":{"distress":%d,"note":%q}}`,
			n, day.Format(time.RFC3339), day.Format(time.RFC3339), day.Format(time.RFC3339), n%11, note)
		if b.Len()+len(entry)+3 > size {
			break
		}
		if n > 0 {
			b.WriteByte(',')
		}
		b.WriteString(entry)
		n++
	}
	b.WriteString("]}")
	return b.Bytes(), n
}
