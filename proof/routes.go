package proof

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/content"
	"github.com/securebase/securebase/partner"
	"github.com/securebase/securebase/web"
)

// Routes returns the server's own route table. Building a web.Server
// needs no services (its handlers only use them when called), so the
// table comes from the same code that serves requests.
func Routes() ([]web.Route, error) {
	s, err := web.New(web.Deps{}, web.Config{})
	if err != nil {
		return nil, err
	}
	return s.Routes(), nil
}

// ParamValues lists, for each route pattern, valid values of its path
// parameters other than {id} (which names a person's object and is made by
// a fixture). A new parameter that is not here, or in an {id} with a known
// Owned, makes Classify fail: name it here, or make it {id} with Owned.
var ParamValues = map[string]map[string][]string{
	"/static/{file...}": {"file...": {"app.css", "app.js", "icon.svg"}},
	// Every lesson, so the harnesses walk each one (Learn, H1).
	"/learn/{slug}": {"slug": lessonSlugs()},
	// A library statement's id: the person's favourite of it is the
	// object, and which statements exist is public.
	"/api/v1/favourites/{statement}": {"statement": {"uncertainty-1", "space-1"}},
	// The decoder's situations (issue 16): public words, the same for all.
	"/partner/decoder/{situation}": {"situation": situationIDs()},
	// A calendar feed's secret (issue 15): public, sessionless, and any
	// value not made by its owner is the same 404.
	"/calendar/{file}": {"file": {"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics", "x.ics"}},
}

// situationIDs lists the partner decoder's situations. On an error it
// lists none, and Classify reports the route.
func situationIDs() []string {
	c, err := partner.Load()
	if err != nil {
		return nil
	}
	var out []string
	for _, s := range c.Situations() {
		out = append(out, s.ID)
	}
	return out
}

// lessonSlugs lists the slug of every lesson built into the binary. The
// links are checked when the server loads them; here only the slugs are
// wanted. On an error it lists none, and Classify reports the route.
func lessonSlugs() []string {
	lib, err := content.Load(func(string) bool { return true })
	if err != nil {
		return nil
	}
	var out []string
	for _, l := range lib.Lessons() {
		out = append(out, l.Slug)
	}
	return out
}

// Target is a classified route.
type Target struct {
	web.Route
	Params []string // path parameter names, in order ("file..." keeps its dots)
	// Owned is the route's object fixture when the pattern has {id}.
	Fixture *Fixture
}

var paramRE = regexp.MustCompile(`\{([^}]*)\}`)

// PathParams returns the names of a pattern's wildcards ("{$}" excluded).
func PathParams(pattern string) []string {
	var out []string
	for _, m := range paramRE.FindAllStringSubmatch(pattern, -1) {
		if m[1] != "$" {
			out = append(out, m[1])
		}
	}
	return out
}

// Classify sorts every route into something the harnesses know how to
// exercise, and returns one problem for each route they cannot: an {id}
// without Owned, an Owned without a fixture or sample, Owned without {id},
// a public {id}, or another parameter with no values in ParamValues.
// Harnesses fail on any problem, so a new route is covered or flagged,
// never skipped in silence.
func Classify(routes []web.Route) ([]Target, []string) {
	var out []Target
	var problems []string
	for _, rt := range routes {
		t := Target{Route: rt, Params: PathParams(rt.Pattern)}
		name := fmt.Sprintf("route %q (%s %s)", rt.Name, rt.Method, rt.Pattern)
		hasID := false
		for _, p := range t.Params {
			if p == "id" {
				hasID = true
				continue
			}
			if len(ParamValues[rt.Pattern][p]) == 0 {
				problems = append(problems, fmt.Sprintf("%s: the path parameter {%s} is unknown to the harnesses; "+
					"if it names a person's object, call it {id} and set Owned; otherwise list valid values for it "+
					"in proof.ParamValues (proof/routes.go)", name, p))
			}
		}
		switch {
		case hasID && rt.Owned == "":
			problems = append(problems, fmt.Sprintf("%s: {id} without Owned; set Owned to the kind of object it names "+
				"(an entry kind, or a kind with a fixture in proof/fixtures.go) so the isolation matrix covers it", name))
		case !hasID && rt.Owned != "":
			problems = append(problems, fmt.Sprintf("%s: Owned %q but no {id} in the pattern", name, rt.Owned))
		case hasID && rt.Access == web.Public:
			problems = append(problems, fmt.Sprintf("%s: a public route names a person's object; make it SignedIn or API", name))
		case hasID:
			f, err := FixtureFor(rt.Owned)
			if err != nil {
				problems = append(problems, fmt.Sprintf("%s: %v", name, err))
				break
			}
			t.Fixture = &f
		}
		out = append(out, t)
	}
	return out, problems
}

// Path fills the pattern's parameters: {id} with id, others with their
// first listed value, and drops "{$}".
func (t Target) Path(id string) string {
	return Fill(t.Pattern, id, func(p string) string { return ParamValues[t.Pattern][p][0] })
}

// Fill fills a pattern: {id} with id, other parameters with value(name).
func Fill(pattern, id string, value func(param string) string) string {
	return paramRE.ReplaceAllStringFunc(pattern, func(m string) string {
		p := m[1 : len(m)-1]
		switch p {
		case "$":
			return ""
		case "id":
			return id
		}
		return value(p)
	})
}

// Paths returns the concrete paths of a route without {id}: every listed
// value of each parameter, the others held at their first value.
func (t Target) Paths() []string {
	vals := ParamValues[t.Pattern]
	first := func(p string) string { return vals[p][0] }
	var out []string
	seen := map[string]bool{}
	add := func(s string) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	if len(t.Params) == 0 {
		add(Fill(t.Pattern, "", first))
	}
	for _, p := range t.Params {
		for _, v := range vals[p] {
			add(Fill(t.Pattern, "", func(q string) string {
				if q == p {
					return v
				}
				return first(q)
			}))
		}
	}
	return out
}

// HasID reports whether the route names a person's object.
func (t Target) HasID() bool { return t.Fixture != nil }

// OwnedKinds returns the distinct Owned values of the table, sorted.
func OwnedKinds(ts []Target) []string {
	seen := map[string]bool{}
	for _, t := range ts {
		if t.Owned != "" {
			seen[t.Owned] = true
		}
	}
	var out []string
	for k := range seen {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// IsEntryKind reports whether s is one of securebase.Kinds.
func IsEntryKind(s string) bool {
	for _, k := range securebase.Kinds() {
		if string(k) == s {
			return true
		}
	}
	return false
}

// IsAPI reports whether a path is on the JSON API.
func IsAPI(path string) bool { return strings.HasPrefix(path, "/api/") }
