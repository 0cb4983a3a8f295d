package proof_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/proof"
	"github.com/securebase/securebase/web"
)

// fuzzMark is put into seeded values; html/template writes it as
// "&lt;sb-fuzz&gt;", so finding it raw in an HTML page means a value was
// reflected unescaped.
const fuzzMark = `<sb-fuzz a="1">`

const fuzzPassword = "fuzzing all the forms"

// fuzzEnv is one in-process server with a signed-in person, an API token
// and one object of every kind a route's {id} names.
type fuzzEnv struct {
	srv     *proof.Server
	a       *proof.Agent
	api     *proof.Agent
	targets []proof.Target
	ids     map[string]string // Owned → an object of the person's
	mu      sync.Mutex
	n       int
}

func newFuzzEnv(t testing.TB) *fuzzEnv {
	srv := proof.NewServer(t, "", web.Config{})
	targets, problems := proof.Classify(srv.Routes())
	if len(problems) > 0 {
		t.Fatalf("unclassified routes:\n%s", strings.Join(problems, "\n"))
	}
	sort.Slice(targets, func(i, j int) bool {
		return targets[i].Method+targets[i].Pattern < targets[j].Method+targets[j].Pattern
	})
	e := &fuzzEnv{srv: srv, targets: targets}
	e.fresh(t)
	return e
}

// fresh signs up a new person with a token and an object of every kind:
// fuzzed requests may sign out, change the password or delete the account.
func (e *fuzzEnv) fresh(t testing.TB) {
	e.n++
	// Fuzzed sign-ins count against the address's limit: let the window pass.
	e.srv.Clock.Advance(16 * time.Minute)
	e.a = e.srv.Agent()
	if err := e.a.SignUp(fmt.Sprintf("fuzz%04d", e.n), fuzzPassword); err != nil {
		t.Fatal(err)
	}
	tok, err := e.a.NewToken("fuzz")
	if err != nil {
		t.Fatal(err)
	}
	e.api = e.a.WithToken(tok)
	e.ids = map[string]string{}
	for _, k := range proof.OwnedKinds(e.targets) {
		fx, _ := proof.FixtureFor(k)
		id, _, err := fx.Make(e.a)
		if err != nil {
			t.Fatal(err)
		}
		e.ids[k] = id
	}
}

// formFields reads the field names of every form on the pages a person
// can see, by action, so seeds cover new forms without anyone listing them.
func (e *fuzzEnv) formFields(t testing.TB) map[string][]string {
	out := map[string][]string{}
	formRE := regexp.MustCompile(`(?s)<form[^>]*action="([^"]+)"[^>]*>(.*?)</form>`)
	nameRE := regexp.MustCompile(`<(?:input|select|textarea|button)[^>]*\sname="([^"]+)"`)
	for _, tg := range e.targets {
		if tg.Method != http.MethodGet || proof.IsAPI(tg.Pattern) {
			continue
		}
		var path string
		if tg.HasID() {
			path = proof.Fill(tg.Pattern, e.ids[tg.Owned], nil)
		} else {
			path = tg.Paths()[0]
		}
		for _, who := range []*proof.Agent{e.a, e.a.Stranger()} {
			res, err := who.Do(proof.Get(path))
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range formRE.FindAllStringSubmatch(res.String(), -1) {
				for _, n := range nameRE.FindAllStringSubmatch(m[2], -1) {
					out[m[1]] = append(out[m[1]], n[1])
				}
			}
		}
	}
	return out
}

// plausible values for known field names, so seeds reach success paths.
var plausible = map[string]string{"distress": "6", "version": "1", "time": "23:10", "password": fuzzPassword,
	"current": fuzzPassword, "key_password": fuzzPassword, "country": "NZ", "time_zone": "Europe/Dublin", "next": "/today"}

// FuzzRoutes sends fuzzed requests to every route of the table: the route
// is chosen by index, {id} is the person's own object or a fuzzed id, and
// the fuzzer writes the query and the body (a form, or JSON on the API).
// Nothing may answer 5xx or panic, an API error is JSON, and a value is
// never reflected unescaped into HTML. Seeds come from the route table and
// from the fields of the forms the pages show.
func FuzzRoutes(f *testing.F) {
	env := newFuzzEnv(f)
	fields := env.formFields(f)
	for i, tg := range env.targets {
		idx := uint16(i)
		switch {
		case tg.Method == http.MethodGet:
			f.Add(idx, "", "day=2026-11-21&limit=5&next=/today&country=NZ&after=1.abc", "")
			f.Add(idx, "x", "day="+url.QueryEscape(fuzzMark)+"&next="+url.QueryEscape("//evil.example"), "")
			f.Add(idx, "xx", "next="+url.QueryEscape("/\t/evil.example"), "")
		case proof.IsAPI(tg.Pattern):
			for _, k := range securebase.Kinds() {
				if s, err := proof.SampleFor(k); err == nil {
					f.Add(idx, "", "", string(s.Save("seed-"+string(k), "seed "+fuzzMark).Body))
				}
			}
			f.Add(idx, "", "", `{"distress":3,"note":"`+strings.ReplaceAll(fuzzMark, `"`, `\"`)+`","version":1}`)
		default:
			path := proof.Fill(tg.Pattern, env.ids[tg.Owned], nil)
			v, marked := url.Values{}, url.Values{}
			for _, name := range fields[path] {
				if p, ok := plausible[name]; ok {
					v.Set(name, p)
				} else {
					v.Set(name, "seed value")
				}
				marked.Set(name, fuzzMark+" "+name)
			}
			f.Add(idx, "", "", v.Encode())
			f.Add(idx, "", "", marked.Encode())
			f.Add(idx, "", "", "%zz=%&"+marked.Encode())
			v.Set("next", "/\t/evil.example")
			f.Add(idx, "", "", v.Encode())
		}
	}
	f.Fuzz(func(t *testing.T, idx uint16, id, query, body string) {
		env.mu.Lock()
		defer env.mu.Unlock()
		tg := env.targets[int(idx)%len(env.targets)]
		path := ""
		if tg.HasID() {
			if id == "" {
				id = env.ids[tg.Owned]
			}
			path = proof.Fill(tg.Pattern, url.PathEscape(id), nil)
		} else {
			ps := tg.Paths()
			path = ps[len(id)%len(ps)]
		}
		if query != "" {
			path += "?" + query
		}
		req := proof.Request{Method: tg.Method, Path: path}
		if tg.Method != http.MethodGet {
			req.Body = []byte(body)
			req.ContentType = "application/x-www-form-urlencoded"
			if proof.IsAPI(tg.Pattern) {
				req.ContentType = "application/json"
			}
		}
		who := env.a
		if proof.IsAPI(tg.Pattern) {
			who = env.api
		}
		res, err := who.Do(req)
		if err != nil {
			return // net/http would not send it (a control character in the URL): not the server's input
		}
		check(t, tg, req, res, query, body)
		// Keep a signed-in person for the next input.
		if me, _ := env.api.Do(proof.Get("/api/v1/me")); me == nil || me.Status != http.StatusOK || env.a.Session() == "" {
			env.fresh(t)
		} else if r, _ := env.a.Do(proof.Get("/today")); r == nil || r.Status != http.StatusOK {
			env.fresh(t)
		}
	})
}

func check(t *testing.T, tg proof.Target, req proof.Request, res *proof.Response, inputs ...string) {
	t.Helper()
	name := fmt.Sprintf("%s %q", req.Method, req.Path)
	if res.Status >= 500 {
		t.Fatalf("%s → %d\n%s", name, res.Status, res)
	}
	if loc := res.Header.Get("Location"); proof.ForeignRedirect(loc) {
		t.Fatalf("%s → redirects off-site to %q", name, loc)
	}
	ct := res.Header.Get("Content-Type")
	if proof.IsAPI(tg.Pattern) && res.Status >= 400 && !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("%s → %d with %q, want a JSON error", name, res.Status, ct)
	}
	if !strings.HasPrefix(ct, "text/html") {
		return
	}
	if strings.Contains(res.String(), "<sb-fuzz") {
		t.Fatalf("%s → the marker is reflected unescaped into HTML", name)
	}
	// Any value with markup in it, long enough not to occur by chance.
	for _, in := range inputs {
		vals, err := url.ParseQuery(in)
		if err != nil {
			continue
		}
		for _, vs := range vals {
			for _, v := range vs {
				if len(v) >= 12 && strings.ContainsAny(v, `<>"`) && strings.Contains(res.String(), v) {
					t.Fatalf("%s → the value %q is reflected unescaped into HTML", name, v)
				}
			}
		}
	}
	if regexp.MustCompile(`(?i)href="\s*javascript:`).MatchString(res.String()) {
		t.Fatalf("%s → a javascript: link on the page", name)
	}
}

// FuzzSessionCookie sends fuzzed cookies and Authorization headers to a
// signed-in page and the API: never a 5xx, never signed in.
func FuzzSessionCookie(f *testing.F) {
	srv := proof.NewServer(f, "", web.Config{})
	owner := srv.Agent()
	if err := owner.SignUp("cookie-owner", fuzzPassword); err != nil {
		f.Fatal(err)
	}
	f.Add(owner.Session()+"x", "Bearer sbp_"+owner.Session()[1:])
	f.Add("", "Bearer ")
	f.Add("%zz", "Basic dXNlcjpwYXNz")
	f.Add(strings.Repeat("A", 43), "Bearer sbp_"+strings.Repeat("A", 43))
	f.Fuzz(func(t *testing.T, cookie, auth string) {
		if cookie == owner.Session() || strings.Contains(auth, owner.Session()) {
			return
		}
		a := srv.Agent()
		if cookie != "" && !strings.ContainsAny(cookie, ";\r\n\x00") {
			a.Cookies[proof.SessionCookie] = cookie
		}
		if !strings.ContainsAny(auth, "\r\n\x00") {
			a.Header.Set("Authorization", auth)
		}
		for _, path := range []string{"/today", "/api/v1/me"} {
			res, err := a.Do(proof.Get(path))
			if err != nil {
				return // net/http refused to send it: not the server's input
			}
			if res.Status >= 500 || res.Status == http.StatusOK {
				t.Fatalf("GET %s with cookie %q and Authorization %q → %d", path, cookie, auth, res.Status)
			}
		}
	})
}
