package proof_test

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	mathrand "math/rand/v2"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/proof"
	"github.com/securebase/securebase/web"
)

func TestMain(m *testing.M) {
	code := m.Run()
	proof.RemoveBinary()
	os.Exit(code)
}

// TestEveryKindHasASample fails for an entry kind the harnesses cannot
// make, with a message that says what to add; and checks that each sample
// really carries its phrase in every free-text field.
func TestEveryKindHasASample(t *testing.T) {
	for _, k := range securebase.Kinds() {
		s, err := proof.SampleFor(k)
		if err != nil {
			t.Error(err)
			continue
		}
		phrase := "sample check " + string(k)
		p := s.Payload(phrase)
		if p.Kind() != k {
			t.Errorf("%s: the sample's payload is of kind %s", k, p.Kind())
		}
		data, err := securebase.EncodePayload(p)
		if err != nil {
			t.Errorf("%s: the sample's payload does not validate: %v", k, err)
			continue
		}
		if s.NoFreeText {
			if len(p.Text()) != 0 {
				t.Errorf("%s: marked NoFreeText but Text returns %d strings; carry the phrase in them instead", k, len(p.Text()))
			}
			continue
		}
		carried := 0
		for i, txt := range p.Text() {
			switch {
			case strings.Contains(txt, phrase):
				carried++
			case txt != "":
				t.Errorf("%s: free-text field %d does not carry the phrase: %q", k, i, txt)
			}
		}
		if carried == 0 {
			t.Errorf("%s: no free-text field carries the phrase; if the kind has no free text, mark its sample NoFreeText", k)
		}
		if !bytes.Contains(data, []byte(phrase)) {
			t.Errorf("%s: the stored payload does not contain the phrase", k)
		}
	}
}

// TestSamplesSaveReadReplayDelete runs each kind's sample requests against
// the real server: save (201), the same id again is a replay (200, still
// one entry), read it back with the phrase, delete, gone. A Single kind is
// replaced by a second save instead, and has no delete.
func TestSamplesSaveReadReplayDelete(t *testing.T) {
	srv := proof.NewServer(t, "", web.Config{})
	a := srv.Agent()
	if err := a.SignUp("sampler", "samples of every kind"); err != nil {
		t.Fatal(err)
	}
	for _, k := range securebase.Kinds() {
		s, err := proof.SampleFor(k)
		if err != nil {
			t.Error(err)
			continue
		}
		id, phrase := s.ID("sample-"+string(k), 0), "a phrase for "+string(k)
		if s.Mode() == proof.Single {
			singleReplaced(t, a, k, s)
			continue
		}
		if _, err := a.Must(s.Save(id, phrase), http.StatusCreated); err != nil {
			t.Errorf("%s: save: %v", k, err)
			continue
		}
		if _, err := a.Must(s.Save(id, phrase+" again"), http.StatusOK); err != nil {
			t.Errorf("%s: a replayed save must answer 200 with the stored entry: %v", k, err)
		}
		res, err := a.Must(s.Get(id), http.StatusOK)
		if err != nil {
			t.Errorf("%s: read: %v", k, err)
		} else if !s.NoFreeText && (!strings.Contains(res.String(), phrase) || strings.Contains(res.String(), "again")) {
			t.Errorf("%s: read back %s", k, res)
		}
		if _, err := a.Must(s.Delete(id), http.StatusNoContent, http.StatusOK, http.StatusSeeOther); err != nil {
			t.Errorf("%s: delete: %v", k, err)
		}
		if _, err := a.Must(s.Get(id), http.StatusNotFound); err != nil {
			t.Errorf("%s: after delete: %v", k, err)
		}
	}
}

// singleReplaced saves a Single kind twice: the second save replaces the
// first, and only one entry of the kind exists.
func singleReplaced(t *testing.T, a *proof.Agent, k securebase.Kind, s proof.Sample) {
	t.Helper()
	first, second := "the first "+string(k), "the second "+string(k)
	for _, phrase := range []string{first, second} {
		if _, err := a.Must(s.Save("", phrase), http.StatusCreated, http.StatusOK); err != nil {
			t.Errorf("%s: save: %v", k, err)
			return
		}
	}
	res, err := a.Must(s.Get(""), http.StatusOK)
	if err != nil {
		t.Errorf("%s: read: %v", k, err)
	} else if !s.NoFreeText && (!strings.Contains(res.String(), second) || strings.Contains(res.String(), first)) {
		t.Errorf("%s: a second save must replace the first; read back %s", k, res)
	}
	export, err := a.Must(proof.Get("/api/v1/export"), http.StatusOK)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	if _, err := securebase.ReadExport(bytes.NewReader(export.Body), func(_ int, e securebase.ExportEntry) error {
		if e.Kind == k {
			n++
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Errorf("%s: %d entries in the export after two saves, want 1", k, n)
	}
}

// TestClassifyCatchesUnknownRoutes shows the classifier failing on every
// kind of route the harnesses could not cover, and passing the real table.
func TestClassifyCatchesUnknownRoutes(t *testing.T) {
	routes, err := proof.Routes()
	if err != nil {
		t.Fatal(err)
	}
	if _, problems := proof.Classify(routes); len(problems) > 0 {
		t.Fatalf("the route table has routes the harnesses cannot cover:\n%s", strings.Join(problems, "\n"))
	}
	planted := []web.Route{
		{Method: "GET", Pattern: "/journal/{id}", Access: web.SignedIn, Name: "no owned"},
		{Method: "GET", Pattern: "/episodes/{id}", Access: web.SignedIn, Owned: "episode-not-a-kind", Name: "unknown owned"},
		{Method: "GET", Pattern: "/lessons/{slug}", Access: web.SignedIn, Name: "unknown param"},
		{Method: "GET", Pattern: "/beliefs", Access: web.SignedIn, Owned: "checkin", Name: "owned without id"},
		{Method: "GET", Pattern: "/shared/{id}", Access: web.Public, Owned: "checkin", Name: "public id"},
	}
	_, problems := proof.Classify(planted)
	if len(problems) != len(planted) {
		t.Fatalf("want one problem per planted route, got %d:\n%s", len(problems), strings.Join(problems, "\n"))
	}
	for i, p := range problems {
		if !strings.Contains(p, planted[i].Name) {
			t.Errorf("problem %d does not name its route: %s", i, p)
		}
		t.Logf("flagged as it should be: %s", p)
	}
}

// TestScannerFindsEveryForm plants a secret in each form, and inside a
// larger base64 value at each alignment, and expects the scanner to find
// every one; and to find nothing in random bytes.
func TestScannerFindsEveryForm(t *testing.T) {
	secret := "cnrytestsecret-0042 tight chest"
	sc := proof.NewScanner(secret)
	noise := func() []byte { b := make([]byte, 4096); rand.Read(b); return b }
	for _, n := range proof.Forms(secret) {
		data := append(append(noise(), n.Bytes...), noise()...)
		if hits := sc.Scan("planted", data); len(hits) == 0 {
			t.Errorf("form %s not found", n.Form)
		}
	}
	for shift := range 3 {
		blob := append(append(make([]byte, shift), []byte(secret)...), noise()[:7]...)
		for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding} {
			if hits := sc.Scan("b64", []byte(enc.EncodeToString(blob))); len(hits) == 0 {
				t.Errorf("base64 at shift %d not found", shift)
			}
		}
		if hits := sc.Scan("hex", []byte(hex.EncodeToString(blob))); len(hits) == 0 {
			t.Errorf("hex at shift %d not found", shift)
		}
	}
	if hits := sc.Scan("noise", noise()); len(hits) != 0 {
		t.Errorf("hits in random bytes: %v", hits)
	}
}

// TestScanMatchesIndexOf checks the one-pass scan against the obvious one
// (bytes.Index per needle) on random data with planted needles, short and
// long, overlapping and repeated: the same needles found at the same first
// offsets.
func TestScanMatchesIndexOf(t *testing.T) {
	rng := mathrand.New(mathrand.NewPCG(1, 2))
	for round := range 200 {
		data := make([]byte, 2000)
		for i := range data {
			data[i] = "abcdxyz\x00\xff"[rng.IntN(9)]
		}
		var needles []proof.Needle
		for i := range 40 {
			n := 1 + rng.IntN(9)
			b := make([]byte, n)
			if i%2 == 0 { // taken from the data: found (a few at its very end)
				at := rng.IntN(len(data) - n)
				if i%8 == 0 {
					at = len(data) - n
				}
				copy(b, data[at:at+n])
			} else {
				for j := range b {
					b[j] = "abcdxyz\x00\xff"[rng.IntN(9)]
				}
			}
			needles = append(needles, proof.Needle{Secret: fmt.Sprint(i), Form: "raw", Bytes: b})
		}
		s := proof.NewScanner()
		s.AddNeedles(needles...)
		got := map[string]int{}
		for _, h := range s.Scan("data", data) {
			got[h.Secret] = h.Offset
		}
		for _, n := range needles {
			want := bytes.Index(data, n.Bytes)
			off, ok := got[n.Secret]
			if (want >= 0) != ok || (ok && off != want) {
				t.Fatalf("round %d: needle %q: scan found %v at %d, bytes.Index says %d", round, n.Bytes, ok, off, want)
			}
		}
	}
}
