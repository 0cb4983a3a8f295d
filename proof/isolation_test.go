package proof_test

import (
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"testing"

	"github.com/securebase/securebase/proof"
	"github.com/securebase/securebase/web"
)

const isoPassword = "isolation is the point"

// methods are tried on every path that names an object, registered or not.
var methods = []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete}

// malformedIDs are ids no object has: bad characters, traversal, markup,
// injection, overlong, numbers.
var malformedIDs = []string{"not valid!", "\x00", "<script>alert(1)</script>", "../../etc/passwd", "' OR '1'='1",
	strings.Repeat("a", 300), "-1", "99999999999999999999999", "%zz", "ñ"}

// TestIsolationMatrix is generated from the router's own table: every
// route whose pattern has {id}, with every method, is asked for the
// owner's own object, another person's, a deleted one, malformed ids and
// an id nobody has, by the other person (cookie and token), by the owner
// and by nobody. Another person's object is always 404 with none of its
// bytes in the response, and nothing they send changes it. A route the
// harness cannot classify fails the test (see proof.Classify).
func TestIsolationMatrix(t *testing.T) { isolationMatrix(t, "", false) }

// TestIsolationMatrixPostgres runs the same matrix over PostgreSQL.
func TestIsolationMatrixPostgres(t *testing.T) { isolationMatrix(t, proof.PostgresURL(t), false) }

// TestIsolationMatrixLinked runs the matrix with the owner and the other
// person linked as partners (issue 16, F7), a signal sent: a linked
// partner is still another person for every object, in both directions
// (each partner in turn is the owner).
func TestIsolationMatrixLinked(t *testing.T) { isolationMatrix(t, "", true) }

// TestIsolationMatrixLinkedPostgres is the linked matrix over PostgreSQL.
func TestIsolationMatrixLinkedPostgres(t *testing.T) {
	isolationMatrix(t, proof.PostgresURL(t), true)
}

func isolationMatrix(t *testing.T, dbURL string, linked bool) {
	srv := proof.NewServer(t, dbURL, web.Config{})
	targets, problems := proof.Classify(srv.Routes())
	if len(problems) > 0 {
		t.Fatalf("routes the isolation matrix cannot classify:\n%s", strings.Join(problems, "\n"))
	}
	owner, other := srv.Agent(), srv.Agent()
	if err := owner.SignUp("iso-owner", isoPassword); err != nil {
		t.Fatal(err)
	}
	if err := other.SignUp("iso-other", isoPassword); err != nil {
		t.Fatal(err)
	}
	pair := "strangers"
	if linked {
		pair = "a linked pair"
		if err := other.LinkWith(owner); err != nil {
			t.Fatal(err)
		}
		if err := owner.Signal("thinking-of-you", "iso signal words"); err != nil {
			t.Fatal(err)
		}
	}
	otherToken, err := other.NewToken("other's token")
	if err != nil {
		t.Fatal(err)
	}
	ownerToken, err := owner.NewToken("owner's token")
	if err != nil {
		t.Fatal(err)
	}
	nobody := srv.Agent()

	byPattern := map[string]map[string]proof.Target{}
	for _, tg := range targets {
		if !tg.HasID() {
			continue
		}
		if byPattern[tg.Pattern] == nil {
			byPattern[tg.Pattern] = map[string]proof.Target{}
		}
		byPattern[tg.Pattern][tg.Method] = tg
		if tg.Method == http.MethodGet {
			byPattern[tg.Pattern][http.MethodHead] = tg
		}
	}
	if len(byPattern) == 0 {
		t.Fatal("no route names an object: the matrix would prove nothing")
	}
	patterns := make([]string, 0, len(byPattern))
	for p := range byPattern {
		patterns = append(patterns, p)
	}
	sort.Strings(patterns)

	cells := map[string]int{}
	type roles struct {
		owner, other           *proof.Agent
		ownerToken, otherToken string
		name                   string
	}
	directions := []roles{{owner, other, ownerToken, otherToken, ""}}
	if linked {
		// Both directions of the link: each partner as the owner.
		directions = append(directions, roles{other, owner, otherToken, ownerToken, "reversed"})
	}
	for _, d := range directions {
		owner, other, ownerToken, otherToken := d.owner, d.other, d.ownerToken, d.otherToken
		for _, pattern := range patterns {
			registered := byPattern[pattern]
			var any proof.Target
			for _, tg := range registered {
				any = tg
				break
			}
			fx := *any.Fixture
			api := proof.IsAPI(pattern)
			t.Run(d.name+strings.ReplaceAll(pattern, "/", "_"), func(t *testing.T) {
				victim, secrets, err := fx.Make(owner)
				if err != nil {
					t.Fatal(err)
				}
				before, err := fx.State(owner, victim)
				if err != nil || before == "" {
					t.Fatalf("the fixture's object is not visible to its owner: %q %v", before, err)
				}
				gone, _, err := fx.Make(owner)
				if err != nil {
					t.Fatal(err)
				}
				if err := fx.Remove(owner, gone); err != nil {
					t.Fatal(err)
				}
				nowhere := "nobody-has-" + strings.Repeat("x", 12)

				for _, method := range methods {
					rt, isRegistered := registered[method]
					send := func(who *proof.Agent, id string) *proof.Response {
						t.Helper()
						path := proof.Fill(pattern, url.PathEscape(id), nil)
						req := proof.Request{Method: method, Path: path}
						if method == http.MethodPost || method == http.MethodPut || method == http.MethodPatch {
							req = fx.Body(path, method, id)
						}
						res, err := who.Do(req)
						if err != nil {
							t.Fatalf("%s %s: %v", method, path, err)
						}
						return res
					}
					// notFound: 404 on a registered method; 404 or 405 on one
					// the route does not have.
					notFound := func(res *proof.Response) bool {
						return res.Status == http.StatusNotFound || !isRegistered && res.Status == http.StatusMethodNotAllowed
					}
					leaks := func(res *proof.Response) []string {
						var out []string
						for _, s := range secrets {
							if strings.Contains(string(res.Body), s) || strings.Contains(fmt.Sprint(res.Header), s) {
								out = append(out, s)
							}
						}
						return out
					}
					label := func(c string) string { return fmt.Sprintf("%s %s [%s]", method, pattern, c) }

					// Another person's object, with their cookie and with their token.
					strangers := []*proof.Agent{other}
					if api {
						strangers = append(strangers, other.WithToken(otherToken))
					}
					for i, who := range strangers {
						res := send(who, victim)
						cells["another's"]++
						if !notFound(res) {
							t.Errorf("%s as the other person (%d): status %d, want 404", label("another's"), i, res.Status)
						}
						if l := leaks(res); len(l) > 0 {
							t.Errorf("%s: the response holds the owner's bytes %q", label("another's"), l)
						}
						if after, err := fx.State(owner, victim); err != nil || after != before {
							t.Fatalf("%s: the other person's request changed the owner's object (%q → %q, %v)", label("another's"), before, after, err)
						}
					}
					// Nobody signed in.
					res := send(nobody, victim)
					cells["signed out"]++
					if res.Status < 300 || res.Status >= 500 || len(leaks(res)) > 0 {
						t.Errorf("%s: signed out got %d (leaks %q)", label("signed out"), res.Status, leaks(res))
					}
					// A deleted object, asked for by its owner and by the other person.
					for _, who := range []*proof.Agent{owner, other} {
						cells["deleted"]++
						if res := send(who, gone); !notFound(res) {
							t.Errorf("%s: status %d, want 404", label("deleted"), res.Status)
						}
					}
					// An id nobody has.
					cells["nonexistent"]++
					if res := send(owner, nowhere); !notFound(res) {
						t.Errorf("%s: status %d, want 404", label("nonexistent"), res.Status)
					}
					// Malformed ids: never a success, never a 5xx, never reflected raw.
					for _, bad := range malformedIDs {
						cells["malformed"]++
						res := send(owner, bad)
						ok := res.Status == http.StatusNotFound || res.Status == http.StatusBadRequest || res.Status == http.StatusMethodNotAllowed ||
							res.Status == http.StatusMovedPermanently && strings.HasPrefix(res.Header.Get("Location"), "/")
						if !ok {
							t.Errorf("%s %q: status %d", label("malformed"), bad, res.Status)
						}
						if strings.ContainsAny(bad, "<'") && strings.Contains(string(res.Body), bad) {
							t.Errorf("%s: the id %q is reflected unescaped", label("malformed"), bad)
						}
					}
					// The owner's own object: found (not 404) wherever the method
					// is the route's; a fresh object each time, since the
					// request may delete it. API routes are tried with the
					// owner's token too.
					owners := []*proof.Agent{owner}
					if api {
						owners = append(owners, owner.WithToken(ownerToken))
					}
					for _, who := range owners {
						mine, _, err := fx.Make(owner)
						if err != nil {
							t.Fatal(err)
						}
						res := send(who, mine)
						cells["own"]++
						switch {
						case isRegistered && (res.Status == http.StatusNotFound || res.Status >= 500):
							t.Errorf("%s (%s): the owner got %d for their own object\n%s", label("own"), rt.Name, res.Status, res)
						case !isRegistered && !notFound(res):
							t.Errorf("%s: an unregistered method answered %d", label("own"), res.Status)
						}
					}
				}
			})
		}
	}
	total := 0
	for _, n := range cells {
		total += n
	}
	db := "sqlite"
	if dbURL != "" {
		db = "postgres"
	}
	t.Logf("FIGURE isolation matrix (%s, %s): %d object kinds (%s), %d patterns × %d methods, %d requests: %v",
		db, pair, len(proof.OwnedKinds(targets)), strings.Join(proof.OwnedKinds(targets), ", "), len(patterns), len(methods), total, cells)
}

// TestNoPageShowsAnotherPersonsWriting signs in as another person and
// asks for every GET route without an {id} (pages, lists, exports, the
// API): none holds the owner's writing, token names or secrets.
func TestNoPageShowsAnotherPersonsWriting(t *testing.T) {
	for _, linked := range []bool{false, true} {
		t.Run(map[bool]string{false: "strangers", true: "linked"}[linked], func(t *testing.T) { noPageShows(t, linked) })
	}
}

// noPageShows is TestNoPageShowsAnotherPersonsWriting, with the two
// people linked as partners (and a signal sent each way) when linked.
func noPageShows(t *testing.T, linked bool) {
	srv := proof.NewServer(t, "", web.Config{})
	targets, problems := proof.Classify(srv.Routes())
	if len(problems) > 0 {
		t.Fatalf("unclassified routes:\n%s", strings.Join(problems, "\n"))
	}
	owner, other := srv.Agent(), srv.Agent()
	if err := owner.SignUp("pages-owner", isoPassword); err != nil {
		t.Fatal(err)
	}
	if err := other.SignUp("pages-other", isoPassword); err != nil {
		t.Fatal(err)
	}
	if linked {
		if err := owner.LinkWith(other); err != nil {
			t.Fatal(err)
		}
		for _, who := range []*proof.Agent{owner, other} {
			if err := who.Signal("thank-you", "pages signal"); err != nil {
				t.Fatal(err)
			}
		}
	}
	var secrets []string
	for _, kind := range proof.OwnedKinds(targets) {
		fx, _ := proof.FixtureFor(kind)
		_, s, err := fx.Make(owner)
		if err != nil {
			t.Fatal(err)
		}
		secrets = append(secrets, s...)
	}
	token, _ := other.NewToken("other's")
	pages := 0
	for _, tg := range targets {
		if tg.Method != http.MethodGet || tg.HasID() {
			continue
		}
		for _, path := range tg.Paths() {
			for _, who := range []*proof.Agent{other, other.WithToken(token)} {
				res, err := who.Do(proof.Get(path))
				if err != nil {
					t.Fatal(err)
				}
				pages++
				if res.Status >= 500 {
					t.Errorf("GET %s: %d", path, res.Status)
				}
				for _, s := range secrets {
					if strings.Contains(res.String(), s) {
						t.Errorf("GET %s as the other person shows the owner's %q", path, s)
					}
				}
			}
		}
	}
	t.Logf("FIGURE isolation of pages (linked %v): %d GET responses to the other person hold none of %d owner secrets", linked, pages, len(secrets))
}
