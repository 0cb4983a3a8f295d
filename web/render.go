package web

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/safety"
)

//go:embed templates
var templateFS embed.FS

// views holds the page templates: one html/template set for every page,
// for memory (ENGINEERING.md budgets 30 MB idle). partials.html and
// layout.html are parsed once (the layout in pieces, splitLayout); each
// page adds its own defines, renamed "NAME:page" so pages cannot collide
// (most define "content"), and a root named for the page that runs the
// layout's pieces around its own "content:page". Parsing layout, partials
// and page apart for each page kept 73 parsed copies of partials.html and
// the layout, most of the heap (17 MB of templates, now 1.7 MB):
// html/template's Clone copies the parse trees, so it saves nothing.
//
// html/template escapes each root the first time it is executed, under
// the set's lock; every Parse happens in loadViews, before any Execute,
// as html/template requires.
type views struct {
	pages    map[string]*template.Template // a page's root, by page name
	local    map[string]map[string]bool    // the names a page defines for itself
	document *template.Template            // the readable export: standalone, no layout
}

// name is the name in the shared set of template name as page view calls
// it: "NAME:view" when the page defines it, name itself when it is a
// partial. ExecuteTemplate on a page's template goes through it.
func (v *views) name(view, name string) string {
	if v.local[view][name] {
		return name + ":" + view
	}
	return name
}

// templateRef matches where a template names another: {{define "x"}},
// {{template "x" ...}} and {{block "x" ...}}, with or without a trim
// marker. Template names in this app are plain quoted strings.
var templateRef = regexp.MustCompile(`(\{\{-?\s*(define|template|block)\s+)"([^"\\]*)"`)

// defines lists the names text defines, by define or block.
func defines(text string) map[string]bool {
	out := map[string]bool{}
	for _, m := range templateRef.FindAllStringSubmatch(text, -1) {
		if m[2] != "template" {
			out[m[3]] = true
		}
	}
	return out
}

// renameRefs points text's defines and calls of the names in own at
// "NAME:view".
func renameRefs(text, view string, own map[string]bool) string {
	return templateRef.ReplaceAllStringFunc(text, func(s string) string {
		m := templateRef.FindStringSubmatch(s)
		if !own[m[3]] {
			return s
		}
		return m[1] + `"` + m[3] + ":" + view + `"`
	})
}

// viewFuncs are the functions every template may call.
func viewFuncs(st *staticFiles) template.FuncMap {
	return template.FuncMap{
		"static":   st.url,
		"distress": distressWord,
		"seq": func(from, to int) []int {
			var out []int
			for i := from; i <= to; i++ {
				out = append(out, i)
			}
			return out
		},
		// The distress scale and the length limits come from the domain,
		// so a page never offers what a save would refuse.
		"distressScale": securebase.DistressScale,
		"distressMin":   func() int { return securebase.DistressMin },
		"distressMax":   func() int { return securebase.DistressMax },
		"distressHigh":  func() int { return securebase.DistressHigh },
		"limit": func(name string) (int, error) {
			if n, ok := securebase.Limits()[name]; ok {
				return n, nil
			}
			return 0, fmt.Errorf("no length limit named %q", name)
		},
		// Crisis numbers are digits checked when the directory loads, so
		// their tel: and sms: links are safe URLs; html/template would
		// otherwise blank any scheme it does not know.
		"tel":   func(n string) template.URL { return template.URL(safety.TelURI(n)) }, // #nosec G203 -- digits, spaces and a leading plus only (safety.isDialable)
		"sms":   func(n string) template.URL { return template.URL(safety.SMSURI(n)) }, // #nosec G203 -- as above
		"itoa":  strconv.Itoa,
		"clock": func(t time.Time) string { return t.Format("15:04") },
		"iso":   func(t time.Time) string { return t.Format(time.RFC3339) },
		"date":  func(t time.Time) string { return t.Format("Monday 2 January 2006") },
		"ago":   ago,
		// args builds a map for a partial that needs several values.
		"args": func(kv ...any) map[string]any {
			m := map[string]any{}
			for i := 0; i+1 < len(kv); i += 2 {
				m[kv[i].(string)] = kv[i+1]
			}
			return m
		},
		"deref": func(p *int) int { return *p },
		"abs": func(f float64) float64 {
			if f < 0 {
				return -f
			}
			return f
		},
		"one":   func(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) },
		"json":  func(v any) string { b, _ := json.Marshal(v); return string(b) },
		"join":  strings.Join,
		"navOf": navOf,
	}
}

// splitLayout parses layout.html into set once, in pieces cut at each
// call of a template the page provides (one partials.html does not
// define: "content"), and returns a page root's text: the pieces and
// those calls in turn, "{{template "layout.html#0" .}}{{template
// "content" .}}{{template "layout.html#1" .}}". Each page's root is then
// a few nodes, not a parsed copy of the layout. A call must sit at the
// layout's top level, outside any if, range or with, and the layout may
// not define templates (a page could not override them): otherwise its
// pieces do not parse, and loading fails.
func splitLayout(set *template.Template, layout string, shared map[string]bool) (string, error) {
	if d := defines(layout); len(d) > 0 {
		return "", fmt.Errorf("layout.html defines %v: put shared templates in partials.html", d)
	}
	var frame strings.Builder
	pieces := 0
	piece := func(text string) error {
		n := fmt.Sprintf("layout.html#%d", pieces)
		pieces++
		if _, err := set.New(n).Parse(text); err != nil {
			return fmt.Errorf("layout.html, cut at its calls of a page's templates: %w", err)
		}
		frame.WriteString(`{{template "` + n + `" .}}`)
		return nil
	}
	at := 0
	for _, m := range templateRef.FindAllStringSubmatchIndex(layout, -1) {
		if shared[layout[m[6]:m[7]]] {
			continue
		}
		end := strings.Index(layout[m[1]:], "}}")
		if end < 0 {
			return "", fmt.Errorf("layout.html: a template call with no end")
		}
		end += m[1] + 2
		call := layout[m[0]:end]
		before := layout[at:m[0]]
		if strings.HasPrefix(call, "{{-") {
			before = strings.TrimRight(before, " \t\r\n")
		}
		if err := piece(before); err != nil {
			return "", err
		}
		frame.WriteString(call)
		at = end
		if strings.HasSuffix(call, "-}}") {
			at += len(layout[at:]) - len(strings.TrimLeft(layout[at:], " \t\r\n"))
		}
	}
	if err := piece(layout[at:]); err != nil {
		return "", err
	}
	return frame.String(), nil
}

func loadViews(st *staticFiles) (*views, error) {
	funcs := viewFuncs(st)
	read := func(name string) (string, error) {
		b, err := templateFS.ReadFile("templates/" + name)
		return string(b), err
	}
	layout, err := read("layout.html")
	if err != nil {
		return nil, err
	}
	partials, err := read("partials.html")
	if err != nil {
		return nil, err
	}
	shared := defines(partials)
	set, err := template.New("partials.html").Funcs(funcs).Parse(partials)
	if err != nil {
		return nil, fmt.Errorf("template partials: %w", err)
	}
	frame, err := splitLayout(set, layout, shared)
	if err != nil {
		return nil, err
	}
	entries, err := templateFS.ReadDir("templates")
	if err != nil {
		return nil, err
	}
	v := &views{pages: map[string]*template.Template{}, local: map[string]map[string]bool{}}
	for _, e := range entries {
		name, ok := strings.CutSuffix(e.Name(), ".html")
		if !ok || name == "layout" || name == "partials" {
			continue
		}
		text, err := read(e.Name())
		if err != nil {
			return nil, err
		}
		own := defines(text)
		for n := range own {
			// A page's own define would have replaced the partial for
			// the whole page, partials' calls too; in one set it cannot.
			if shared[n] {
				return nil, fmt.Errorf("template %s: defines %q, a name partials.html defines; give it its own name", name, n)
			}
		}
		if set.Lookup(name) != nil {
			return nil, fmt.Errorf("template %s: the name is taken in the shared set", name)
		}
		root, err := set.New(name).Parse(renameRefs(frame, name, own))
		if err != nil {
			return nil, fmt.Errorf("template %s (layout): %w", name, err)
		}
		if _, err := set.New(e.Name()).Parse(renameRefs(text, name, own)); err != nil {
			return nil, fmt.Errorf("template %s: %w", name, err)
		}
		v.pages[name], v.local[name] = root, own
	}
	v.document, err = template.New("document.tmpl").Funcs(funcs).ParseFS(templateFS, "templates/document.tmpl")
	return v, err
}

// field is one name and value, for carrying a form through a sign-in.
type field struct{ Name, Value string }

// form is what a person typed and what was wrong with it. A page with an
// error is rendered from the same form, so nothing typed is lost.
type form struct {
	Values url.Values
	Errors map[string]string
	Carry  []field
}

func newForm(v url.Values) *form {
	if v == nil {
		v = url.Values{}
	}
	return &form{Values: v, Errors: map[string]string{}}
}

func (f *form) Get(name string) string { return f.Values.Get(name) }
func (f *form) Set(name, value string) { f.Values.Set(name, value) }
func (f *form) Error(name string) string {
	return f.Errors[name]
}

// Has reports whether a multi-value field holds value (checkboxes, radios).
func (f *form) Has(name, value string) bool {
	for _, v := range f.Values[name] {
		if v == value {
			return true
		}
	}
	return false
}

// fail records err's messages on the form's fields.
func (f *form) fail(err error) {
	for k, v := range securebase.ErrorFields(err) {
		f.Errors[k] = v
	}
}

// page is the data every template gets. Handlers fill the top part;
// render fills the rest.
type page struct {
	view   string // the template, for show
	Title  string
	Nav    string // the section to mark as current
	Form   *form
	Notice string // a calm note above the content
	Error  string // what went wrong, above a form
	Data   any
	// Scripts are page modules under /static, beyond app.js and offline.js.
	Scripts []string
	// Focus shows the page without site chrome (the flow and the body
	// tools): a way out, the flow and help only (issue 12).
	Focus bool

	Nonce      string
	User       *securebase.User
	Flash      string
	Care       bool // crisis language, or distress 9–10, in what was just saved
	Safety     bool // what was just saved speaks of a partner's violence or control
	Crisis     crisisView
	HasCountry bool
	Plan       *planView       // the safety plan, shown in the care panel
	Here       string          // this page's path, for the care panel's country picker
	Countries  []countryOption // for the care panel's country picker
}

// notes is what the previous save left for the page after it: a flash
// message and, when it calls for care, the person's safety plan.
type notes struct {
	flash  string
	care   bool
	safety bool
	plan   *planView
}

// takeNotes reads the flash a save left for this page. When it calls for
// care (crisis language, or distress still high), the page shows the
// crisis lines and the person's safety plan, which is read here, once,
// while the request is handled: rendering reads nothing.
func (s *Server) takeNotes(w http.ResponseWriter, r *http.Request) {
	st := state(r)
	st.notes.flash, st.notes.care, st.notes.safety = s.takeFlash(w, r)
	if st.notes.care && st.principal != nil {
		if plan, err := s.loadPlan(r.Context(), st.principal.Actor); err == nil && !plan.Empty {
			st.notes.plan = &plan
		}
	}
}

// render executes a page template into a buffer first, so a template
// error becomes a clean 500 instead of half a page. It reads no database:
// what a page shows is loaded by its handler (and the care panel's plan
// by takeNotes).
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, p page) {
	t, ok := s.views.pages[name]
	if !ok {
		s.fail(w, r, fmt.Errorf("no template %q", name))
		return
	}
	st := state(r)
	p.Nonce = s.marks.nonce // render_memo.go: writeParts puts st.nonce in its place
	if st.principal != nil {
		p.User = st.principal.User
	}
	if p.Form == nil {
		p.Form = newForm(nil)
	}
	p.Flash, p.Care, p.Safety, p.Plan = st.notes.flash, st.notes.care, st.notes.safety, st.notes.plan
	p.Crisis, p.HasCountry = s.crisisFor(r)
	p.Here, p.Countries = r.URL.Path, s.countryOptions()
	s.syncCountry(w, r)
	now := s.Clock()
	k, keep := memoKey(r, name, &p)
	var gen uint64
	if keep {
		if s.reusePage(w, r, k, &p, status, now) {
			return
		}
		gen = s.cache.gen(k.user)
	} else {
		k = cacheKey{}
	}
	var buf bytes.Buffer
	buf.Grow(sizeHint(name)) // render_size.go
	if err := t.Execute(&buf, p); err != nil {
		s.Logger.Error("template", "request_id", st.id, "template", name, "err", err)
		if name != "error" {
			s.fail(w, r, err)
		}
		return
	}
	noteSize(name, buf.Len())
	s.keepPage(w, r, k, &p, status, buf.Bytes(), now, gen)
}

// flashMessage is what a flash code says. Flash messages are codes in a
// short-lived cookie, never free text, so a planted cookie cannot put
// words on the page: an unknown code says nothing.
func flashMessage(code string) string {
	if m := behaviourFlash(code); m != "" {
		return m
	}
	switch code { // #nosec G101 -- messages about passwords, not credentials
	case "checkin-saved":
		return "Check-in saved."
	case "checkin-updated":
		return "Check-in updated."
	case "checkin-deleted":
		return "Check-in deleted."
	case "signed-in":
		return "Welcome back."
	case "signed-out":
		return "You're signed out."
	case "everywhere":
		return "You're signed out on every browser. Sign in again here whenever you like."
	case "password":
		return "Your password is changed. Other browsers and tokens were signed out."
	case "reset":
		return "Your new password is set. Your writing is all here."
	case "prefs":
		return "Settings saved."
	case "revoked":
		return "That session has ended."
	case "token-revoked":
		return "That token no longer works."
	case "deleted":
		return "Your account and everything in it are deleted."
	case "practice-saved":
		return "Saved. It counts in the numbers below."
	case "episode-saved":
		return "Saved. You came through this one."
	case "episode-deleted":
		return "Episode deleted."
	case "pattern-saved":
		return "Your pattern is saved."
	case "pattern-deleted":
		return "Pattern deleted."
	case "statement-saved":
		return "Your statement is saved."
	case "statement-deleted":
		return "Statement deleted."
	case "favourite-on":
		return "Added to your favourites."
	case "favourite-off":
		return "Taken out of your favourites."
	case "plan-saved":
		return "Your safety plan is saved."
	case "attempt-started":
		return "Your answers save as you go. You can stop at any point and come back."
	case "attempt-resumed":
		return "Welcome back. You're on the first screen with something left to answer."
	case "attempt-saved":
		return "Your answers are saved. Carry on whenever you're ready."
	case "attempt-done":
		return "All done. Here is what your answers show."
	case "attempt-deleted":
		return "Those answers are deleted."
	case "signs-saved":
		return "Your signs are saved. Today's suggestions follow them now."
	case "country":
		return "Done. The lines for that country show from now on."
	// For your partner (issue 16).
	case "partner-linked":
		return "You're linked. Only signals from the list pass between you."
	case "partner-unlinked":
		return "You're not linked with anyone."
	case "signal-sent":
		return "Your signal is sent."
	case "signals-muted":
		return "Signals are muted. Your partner isn't told."
	case "signals-on":
		return "Signals are back on. What your partner sends from now on comes to you."
	case "repair-saved":
		return "Your message is ready. Copy it and send it your usual way."
	case "boundary-saved":
		return "Your boundary is saved. Say it out loud once or twice."
	case "boundary-deleted":
		return "Boundary deleted."
	case "talk-saved":
		return "Your plan is saved."
	case "talk-deleted":
		return "Plan deleted."
	case "baseline-saved":
		return "Your check is saved."
	// Beliefs (issue 13).
	case "belief-rated":
		return "Saved. Rate it again any time, and watch how it moves."
	case "inquiry-saved":
		return "Your inquiry is saved. Thank you for looking gently."
	case "thought-saved":
		return "Your thought record is saved."
	case "script-saved":
		return "Your script is saved."
	case "script-starred":
		return "Starred. You'll see it when you're activated."
	case "script-unstarred":
		return "Unstarred."
	case "script-deleted":
		return "Script deleted."
	case "letter-kept":
		return "Your letter is kept as a draft. Come back to it whenever you like."
	case "letter-done":
		return "Your letter is saved. Go gently with yourself now."
	case "hard-day-on":
		return "Hard-day mode is on. Turn it off here whenever you like."
	case "hard-day-off":
		return "Hard-day mode is off. Everything is back."
	case "weekly-saved":
		return "Your reflection is saved."
	case "growth-saved":
		return "Your ratings are saved. They join the chart below."
	case "reminders-saved":
		return "Your reminder times are saved."
	case "feed-new":
		return "Your calendar link is new. The old one no longer works."
	case "feed-off":
		return "Your calendar link is turned off."
	}
	return ""
}

// flash leaves a message for the next page, for a minute.
func (s *Server) flash(w http.ResponseWriter, code string) {
	http.SetCookie(w, s.cookie("sb_flash", code, s.Clock().Add(time.Minute)))
}

// takeFlash reads and clears the flash. A "+care" suffix also brings the
// crisis lines forward (crisis language, or distress 9–10, in what was
// saved); "+safety" brings domestic-abuse services forward (a partner's
// violence or control in what was saved).
func (s *Server) takeFlash(w http.ResponseWriter, r *http.Request) (string, bool, bool) {
	c, err := r.Cookie("sb_flash")
	if err != nil {
		return "", false, false
	}
	http.SetCookie(w, s.cookie("sb_flash", "", time.Time{}))
	code, safe := strings.CutSuffix(c.Value, "+safety")
	code, care := strings.CutSuffix(code, "+care")
	return flashMessage(code), care, safe
}

// redirect ends a successful POST (post/redirect/get) with a flash.
func (s *Server) redirect(w http.ResponseWriter, r *http.Request, to, flash string) error {
	if flash != "" {
		s.flash(w, flash)
	}
	http.Redirect(w, r, to, http.StatusSeeOther) // #nosec G710 -- callers pass local paths; a person's ?next= goes through safeNext
	return nil
}

// distressWord gives a number on the 0–10 scale a few words of meaning.
func distressWord(n int) string {
	switch {
	case n <= 1:
		return "calm"
	case n <= 3:
		return "a little unsettled"
	case n <= 5:
		return "unsettled"
	case n <= 7:
		return "very distressed"
	default:
		return "overwhelmed"
	}
}

// ago says how long ago t was, the way a person would.
func ago(now, t time.Time) string {
	d := now.Sub(t)
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return plural(int(d.Minutes()), "minute") + " ago"
	case d < 24*time.Hour:
		return plural(int(d.Hours()), "hour") + " ago"
	case d < 14*24*time.Hour:
		return plural(int(d.Hours()/24), "day") + " ago"
	default:
		return plural(int(d.Hours()/24/7), "week") + " ago"
	}
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}
