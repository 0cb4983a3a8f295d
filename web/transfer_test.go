package web_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"maps"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/securebase/securebase"
)

// TestPutWithoutVersionUnderConcurrency: docs/api.md says a PUT of the plan
// or the signs without a version replaces what is stored. Sixteen at once
// must all succeed (they answered 409 when two read the same version).
func TestPutWithoutVersionUnderConcurrency(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.signUp("together", pw)
	const writers = 16
	var wg sync.WaitGroup
	codes := make(chan string, 2*writers)
	for i := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			me := &client{e: e, cookies: maps.Clone(c.cookies), header: http.Header{}, addr: c.addr}
			res := me.json("PUT", "/api/v1/plan", fmt.Sprintf(`{"sections":{"professionals":"writer %d"}}`, i))
			codes <- fmt.Sprintf("plan %d", res.Code)
			res = me.json("PUT", "/api/v1/signs", `{"selected":["longing"]}`)
			codes <- fmt.Sprintf("signs %d", res.Code)
		}()
	}
	wg.Wait()
	close(codes)
	for code := range codes {
		if !strings.HasSuffix(code, " 200") && !strings.HasSuffix(code, " 201") {
			t.Errorf("a PUT without a version answered %s", code)
		}
	}
	expect(t, c.get("/api/v1/plan"), 200, fmt.Sprintf(`"version":%d`, writers))
}

// TestImportBounds: a file over the import limit is 413 and stores
// nothing; so is one value larger than any entry (a 30 MB time zone); a
// refused file leaves the account as it was, prefs included.
func TestImportBounds(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.signUp("bounded", pw)
	entry := `{"id":"c%d","kind":"checkin","occurred_at":"2026-11-21T10:00:00Z","data":{"distress":3,"note":"%s"}}`
	var b strings.Builder
	b.WriteString(`{"format":"securebase-export","version":1,"entries":[`)
	for i := 0; b.Len() <= securebase.ImportMaxBytes+128<<10; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, entry, i, strings.Repeat("😀", securebase.NoteMax)) // the most bytes a note can hold: few entries to check
	}
	b.WriteString(`]}`)
	expect(t, uploadExport(c, b.String()), http.StatusRequestEntityTooLarge, "more than we can take")
	zone := `{"format":"securebase-export","version":1,"account":{"username":"x","created_at":"2026-01-01T00:00:00Z","prefs":{"time_zone":"` +
		strings.Repeat("A", 30<<20) + `"}},"entries":[` + fmt.Sprintf(entry, 1, "x") + `]}`
	expect(t, uploadExport(c, zone), http.StatusRequestEntityTooLarge, "larger than any entry can be")
	expect(t, uploadExport(c, `{"format":"securebase-export","version":1,"account":{"prefs":{"time_zone":"Mars/Olympus"}},"entries":[`+
		fmt.Sprintf(entry, 1, "x")+`]}`), http.StatusBadRequest, "time zone we don")
	if n, _ := e.saves.CountEntries(context.Background(), actorOf(t, e, "bounded"), ""); n != 0 {
		t.Fatalf("%d entries stored from refused files", n)
	}
	expect(t, c.get("/settings"), 200, `value=""`) // no time zone taken from any of them
}

// TestImportStopsWhenTheClientGoes: a client that sends half a file and
// hangs up ends the import there; nothing is stored, and the handler has
// returned (it does not go on writing after the client has gone).
func TestImportStopsWhenTheClientGoes(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.signUp("leaver", pw)
	done := make(chan struct{}, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.RemoteAddr = c.addr
		e.srv.ServeHTTP(w, r)
		done <- struct{}{}
	}))
	defer srv.Close()
	var file strings.Builder
	file.WriteString(`{"format":"securebase-export","version":1,"entries":[`)
	for i := range 20000 {
		if i > 0 {
			file.WriteByte(',')
		}
		fmt.Fprintf(&file, `{"id":"c%d","kind":"checkin","occurred_at":"2026-11-21T10:00:00Z","data":{"distress":3,"note":"a note"}}`, i)
	}
	file.WriteString(`]}`)
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("file", "export.json")
	fw.Write([]byte(file.String()))
	mw.Close()
	conn, err := net.Dial("tcp", srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(conn)
	fmt.Fprintf(w, "POST /settings/import HTTP/1.1\r\nHost: securebase.test\r\nContent-Type: %s\r\nContent-Length: %d\r\n", mw.FormDataContentType(), body.Len())
	for name, value := range c.cookies {
		fmt.Fprintf(w, "Cookie: %s=%s\r\n", name, value)
	}
	w.WriteString("\r\n")
	w.Write(body.Bytes()[:body.Len()/2])
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	conn.Close()
	<-done // the handler returned
	if n, _ := e.saves.CountEntries(context.Background(), actorOf(t, e, "leaver"), ""); n != 0 {
		t.Fatalf("%d entries stored after the client went away", n)
	}
	if !strings.Contains(e.logs.String(), `"route":"import"`) {
		t.Fatal("no log line for the import")
	}
}
