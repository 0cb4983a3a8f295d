package web_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/securebase/securebase/proof"
)

// TestSharedViewsSameBytes walks every GET route of the table, signed out
// and signed in with one object of each kind, and renders it twice: with
// the shared template set, then with one set per page (the loader it
// replaced, in views_internal_test.go). Each response is the same byte
// for byte, once what differs between any two requests is masked (CSP
// nonces, fresh form ids, CSRF-style tokens).
func TestSharedViewsSameBytes(t *testing.T) {
	e := newEnv(t)
	routes, err := proof.Routes()
	if err != nil {
		t.Fatal(err)
	}
	targets, problems := proof.Classify(routes)
	if len(problems) > 0 {
		t.Fatalf("routes the walk cannot classify:\n%s", strings.Join(problems, "\n"))
	}
	stranger := proof.NewAgent(proof.InProcess(e.srv, "192.0.2.10:5555"), "http://localhost")
	agent := proof.NewAgent(proof.InProcess(e.srv, "192.0.2.11:5555"), "http://localhost")
	if err := agent.SignUp("view-walker", "every page twice, the same"); err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{}
	for _, owned := range proof.OwnedKinds(targets) {
		fx, _ := proof.FixtureFor(owned)
		if ids[owned], _, err = fx.Make(agent); err != nil {
			t.Fatal(err)
		}
	}
	var paths []string
	for _, tg := range targets {
		if tg.Method != http.MethodGet {
			continue
		}
		if tg.HasID() {
			paths = append(paths, proof.Fill(tg.Pattern, ids[tg.Owned], nil))
		} else {
			paths = append(paths, tg.Paths()...)
		}
	}
	paths = append(paths, "/no-such-page")
	walk := func() map[string]string {
		out := map[string]string{}
		for _, who := range []*proof.Agent{stranger, agent} {
			for _, p := range paths {
				res, err := who.Do(proof.Get(p))
				if err != nil {
					t.Fatal(err)
				}
				if strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
					out[who.User.Name+" "+p] = masked(res.String())
				}
			}
		}
		return out
	}
	shared := walk()
	if err := e.srv.UsePerPageViews(); err != nil {
		t.Fatal(err)
	}
	perPage := walk()
	if len(shared) < 100 || len(shared) != len(perPage) {
		t.Fatalf("%d HTML responses with the shared set, %d per page", len(shared), len(perPage))
	}
	for k, a := range shared {
		if b := perPage[k]; a != b {
			t.Errorf("%s differs:\n%s\n----- per page:\n%s", k, a, b)
		}
	}
	t.Logf("%d HTML responses the same, signed out and in", len(shared))
}

// varying is what changes from one request to the next whatever the
// templates: nonces and the random ids of forms.
var varying = regexp.MustCompile(`(nonce|value|name|id|for|href|action|aria-describedby|aria-controls)="[^"]*[A-Za-z0-9_-]{16,}[^"]*"`)

func masked(s string) string { return varying.ReplaceAllString(s, `$1="…"`) }
