package web

import (
	"bytes"
	"fmt"
	"html/template"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/securebase/securebase"
)

// perPageViews is the loader loadViews replaced, kept here to show that
// the shared set renders every page as it did: layout, partials and page
// parsed apart for each page, 74 parsed copies of partials.html.
func perPageViews(st *staticFiles) (*views, error) {
	funcs := viewFuncs(st)
	entries, err := templateFS.ReadDir("templates")
	if err != nil {
		return nil, err
	}
	v := &views{pages: map[string]*template.Template{}}
	for _, e := range entries {
		name, ok := strings.CutSuffix(e.Name(), ".html")
		if !ok || name == "layout" || name == "partials" {
			continue
		}
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS,
			"templates/layout.html", "templates/partials.html", "templates/"+e.Name())
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", name, err)
		}
		v.pages[name] = t
	}
	v.document, err = template.New("document.tmpl").Funcs(funcs).ParseFS(templateFS, "templates/document.tmpl")
	return v, err
}

// UsePerPageViews makes s render with the old per-page templates, and
// drops everything rendered with the shared set (memoised pages and
// parts, the empty check-in fields), for the comparison in
// views_same_test.go.
func (s *Server) UsePerPageViews() error {
	v, err := perPageViews(s.static)
	if err != nil {
		return err
	}
	s.views = v
	c := s.cache
	c.mu.Lock()
	clear(c.items)
	c.used = [2]int{}
	c.mu.Unlock()
	s.fieldsOnce = sync.Once{}
	return nil
}

// TestSharedViewsPages: every page's root in the shared set writes the
// same bytes as its per-page set, for a few page values that need no
// handler's data: signed out, signed in, focused, with a flash, a notice,
// an error and the care panel. Where a page needs its data, both fail,
// after writing the same bytes.
func TestSharedViewsPages(t *testing.T) {
	st, err := loadStatic()
	if err != nil {
		t.Fatal(err)
	}
	shared, err := loadViews(st)
	if err != nil {
		t.Fatal(err)
	}
	old, err := perPageViews(st)
	if err != nil {
		t.Fatal(err)
	}
	if len(shared.pages) != len(old.pages) || len(shared.pages) < 70 {
		t.Fatalf("%d pages in the shared set, %d per page", len(shared.pages), len(old.pages))
	}
	user := &securebase.User{ID: 7, Username: "sam"}
	values := []page{
		{Title: "A page", Form: newForm(nil)},
		{Title: "A page", Nav: "today", Form: newForm(nil), User: user, Nonce: "n0nce", Scripts: []string{"today.js"}},
		{Title: "Focus", Nav: "sos", Focus: true, Form: newForm(nil), User: user, Flash: "Saved.", Care: true, Safety: true},
		{Title: "Errors", Form: &form{Values: map[string][]string{"username": {"sam"}}, Errors: map[string]string{"username": "Try another."}},
			Notice: "A calm note.", Error: "Something to mend.", Here: "/x", Countries: []countryOption{{}}},
	}
	whole := 0
	for name := range shared.pages {
		for i, p := range values {
			var a, b bytes.Buffer
			errA := shared.pages[name].Execute(&a, p)
			errB := old.pages[name].Execute(&b, p)
			if (errA == nil) != (errB == nil) {
				t.Errorf("%s, value %d: shared set: %v; per page: %v", name, i, errA, errB)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Errorf("%s, value %d: the shared set writes other bytes:\n%s\n----- per page:\n%s", name, i, a.String(), b.String())
			}
			if errA == nil {
				whole++
			}
		}
	}
	t.Logf("%d pages × %d values, %d rendered whole, the rest the same up to the same failure", len(shared.pages), len(values), whole)

	// Page-local names map to the page's own define; partials keep theirs.
	if got := shared.name("today", "_todaytop"); got != "_todaytop:today" {
		t.Errorf("today's _todaytop is %q in the set", got)
	}
	if got := shared.name("today", "_lines"); got != "_lines" {
		t.Errorf("the partial _lines is %q in the set", got)
	}
	if got := shared.name("memo-test", "x"); got != "x" {
		t.Errorf("a page the set does not know renames %q", got)
	}
}

// TestViewsHeap: the heap the page templates hold once loaded, shared set
// against one set per page.
func TestViewsHeap(t *testing.T) {
	st, err := loadStatic()
	if err != nil {
		t.Fatal(err)
	}
	heap := func(load func(*staticFiles) (*views, error)) uint64 {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		v, err := load(st)
		if err != nil {
			t.Fatal(err)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		runtime.KeepAlive(v)
		return after.HeapAlloc - before.HeapAlloc
	}
	perPage, shared := heap(perPageViews), heap(loadViews)
	t.Logf("FIGURE views heap: %.1f MB per page → %.1f MB in one shared set", float64(perPage)/(1<<20), float64(shared)/(1<<20))
	if shared*3 > perPage {
		t.Errorf("the shared set holds %d bytes, per page %d: expected under a third", shared, perPage)
	}
}

// TestSplitLayout: a layout cut at its call of the page's content renders
// as the whole layout did, trim markers included; a call inside an if,
// or a layout that defines templates, is refused at load.
func TestSplitLayout(t *testing.T) {
	const layout = `<p title="{{.A}}">{{.A}}</p> {{- template "content" . -}} <i>{{.B}}</i>{{template "_p" .B}}`
	const partials = `{{define "_p"}}<b>{{.}}</b>{{end}}`
	const page = `{{define "content"}}<a href="/x?q={{.A}}">{{.B}}</a>{{end}}`
	data := map[string]string{"A": `"1&2"`, "B": "<3>"}

	whole := template.Must(template.Must(template.Must(template.New("l").Parse(layout)).Parse(partials)).Parse(page))
	var want bytes.Buffer
	if err := whole.Execute(&want, data); err != nil {
		t.Fatal(err)
	}
	set := template.Must(template.New("partials").Parse(partials))
	frame, err := splitLayout(set, layout, defines(partials))
	if err != nil {
		t.Fatal(err)
	}
	own := defines(page)
	root := template.Must(set.New("p").Parse(renameRefs(frame, "p", own)))
	template.Must(set.New("p.html").Parse(renameRefs(page, "p", own)))
	var got bytes.Buffer
	if err := root.Execute(&got, data); err != nil {
		t.Fatal(err)
	}
	if got.String() != want.String() {
		t.Errorf("split layout: %s\nwhole: %s", got.String(), want.String())
	}
	for _, bad := range []string{
		`<p>{{if .A}}{{template "content" .}}{{end}}</p>`,
		`{{$x := .A}}{{template "content" .}}{{$x}}`,
		`{{define "side"}}{{end}}{{template "content" .}}`,
	} {
		if _, err := splitLayout(template.New("partials"), bad, nil); err == nil {
			t.Errorf("splitLayout took %s", bad)
		}
	}
}
