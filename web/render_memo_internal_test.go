package web

import (
	"context"
	"html/template"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/account"
	"github.com/securebase/securebase/safety"
)

// TestPageMemo: render reuses a page only for an equal page value of the
// same person and method GET, and every response carries its own nonce
// and its own fresh ids, never a mark.
func TestPageMemo(t *testing.T) {
	lines, err := safety.LoadDirectory()
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	s, err := New(Deps{Lines: lines, Clock: func() time.Time { return now }, Logger: slog.New(slog.DiscardHandler), Metrics: NewMetrics()}, Config{})
	if err != nil {
		t.Fatal(err)
	}
	runs := 0
	s.views.pages["memo-test"] = template.Must(template.New("memo-test").Funcs(template.FuncMap{
		"count": func() string { runs++; return "" },
	}).Parse(`{{count}}<script nonce="{{.Nonce}}"></script><p>{{.Data}}</p>` +
		`{{with .Form}}<input name="id" value="{{.Get "id"}}"><a href="/x/{{.Get "id"}}">again</a><input value="{{.Get "other"}}">{{end}}`))

	type got struct{ body, nonce string }
	visit := func(method string, user int64, data string) got {
		t.Helper()
		r := httptest.NewRequest(method, "/memo", nil)
		st := &request{nonce: randomString(18)}
		if user != 0 {
			st.principal = &account.Principal{User: &securebase.User{ID: user}}
		}
		r = r.WithContext(context.WithValue(r.Context(), ctxKey{}, st))
		f := newForm(nil)
		f.Set("id", s.freshID(r))
		f.Set("other", s.freshID(r))
		w := httptest.NewRecorder()
		s.render(w, r, http.StatusOK, "memo-test", page{Data: data, Form: f})
		if w.Code != http.StatusOK {
			t.Fatalf("status %d", w.Code)
		}
		if cl := w.Header().Get("Content-Length"); cl != strconv.Itoa(w.Body.Len()) {
			t.Fatalf("Content-Length %q for a body of %d bytes", cl, w.Body.Len())
		}
		return got{w.Body.String(), st.nonce}
	}
	check := func(g got) (id string) {
		t.Helper()
		if !strings.Contains(g.body, `nonce="`+g.nonce+`"`) {
			t.Fatalf("the page does not carry its request's nonce: %s", g.body)
		}
		for _, m := range append([]string{s.marks.nonce}, s.marks.ids[:]...) {
			if strings.Contains(g.body, m) {
				t.Fatalf("a mark left render: %s", g.body)
			}
		}
		_, rest, _ := strings.Cut(g.body, `<input name="id" value="`)
		id, _, _ = strings.Cut(rest, `"`)
		if !securebase.ValidID(id) || !strings.Contains(g.body, `href="/x/`+id+`"`) {
			t.Fatalf("one mark twice should be one id: %s", g.body)
		}
		return id
	}

	a, b := visit("GET", 1, "calm"), visit("GET", 1, "calm")
	if runs != 1 {
		t.Fatalf("equal pages ran the template %d times, want 1", runs)
	}
	if check(a) == check(b) || a.nonce == b.nonce {
		t.Fatal("a reused page repeated an id or a nonce")
	}
	bare := func(g got) string {
		_, rest, _ := strings.Cut(g.body, `<input value="`)
		other, _, _ := strings.Cut(rest, `"`)
		return strings.NewReplacer(g.nonce, "N", check(g), "I", other, "J").Replace(g.body)
	}
	if bare(a) != bare(b) || !strings.Contains(b.body, "<p>calm</p>") {
		t.Fatalf("the reused page differs from the first beyond its nonce and ids:\n%s\n%s", a.body, b.body)
	}
	if g := visit("GET", 1, "storm"); !strings.Contains(g.body, "<p>storm</p>") || runs != 2 {
		t.Fatalf("other data reused a page (runs %d): %s", runs, g.body)
	}
	check(visit("GET", 2, "storm"))
	if runs != 3 {
		t.Fatal("another person was given a page kept for someone else")
	}
	visit("POST", 2, "storm")
	visit("POST", 2, "storm")
	if runs != 5 {
		t.Fatalf("a POST reused a page (runs %d)", runs)
	}
	visit("GET", 2, "storm")
	if runs != 5 {
		t.Fatalf("a POST replaced the person's kept page (runs %d)", runs)
	}
	s.cache.forget(2)
	check(visit("GET", 2, "storm"))
	if runs != 6 {
		t.Fatal("a write of the person kept their page")
	}
	now = now.Add(cacheTTL + time.Second)
	visit("GET", 2, "storm")
	if runs != 7 {
		t.Fatal("a page outlived cacheTTL")
	}
}
