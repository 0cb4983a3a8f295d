package proof_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/securebase/securebase/proof"
	"github.com/securebase/securebase/web"
)

// trickyNext are ?next= values that browsers read as another site: tabs
// and newlines are dropped from URLs, a backslash is a slash.
var trickyNext = []string{"//evil.example", "/\t/evil.example", "/\n/evil.example", "/\r/evil.example", "\t//evil.example",
	"/\\evil.example", "\\/evil.example", "https://evil.example", "javascript:alert(1)", "/%2F/evil.example", " //evil.example",
	"/\x00/evil.example", "\x01//evil.example"}

// TestNoOpenRedirect sends every ?next= a browser would follow off-site to
// each place that honours next: the sign-in page when signed in, the
// sign-in form, and the settings form. Every redirect stays on this site.
func TestNoOpenRedirect(t *testing.T) {
	srv := proof.NewServer(t, "", web.Config{})
	a := srv.Agent()
	if err := a.SignUp("redirects", "stay on this site please"); err != nil {
		t.Fatal(err)
	}
	for _, next := range trickyNext {
		reqs := map[string]proof.Request{
			"GET /signin (signed in)": proof.Get("/signin?next=" + url.QueryEscape(next)),
			"POST /settings/prefs":    proof.Form("POST", "/settings/prefs", url.Values{"next": {next}}),
		}
		for what, r := range reqs {
			res, err := a.Do(r)
			if err != nil {
				t.Fatal(err)
			}
			if loc := res.Header.Get("Location"); proof.ForeignRedirect(loc) {
				t.Errorf("%s with next=%q redirects off-site: Location %q", what, next, loc)
			}
		}
		b := a.Stranger()
		res, err := b.Do(proof.Form("POST", "/signin", url.Values{"username": {"redirects"}, "password": {"stay on this site please"}, "next": {next}}))
		if err != nil {
			t.Fatal(err)
		}
		if res.Status != http.StatusSeeOther || proof.ForeignRedirect(res.Header.Get("Location")) {
			t.Errorf("sign-in with next=%q: %d to %q", next, res.Status, res.Header.Get("Location"))
		}
	}
}
